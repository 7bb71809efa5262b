"""Roles instead of a province's channel ids, the hall's hours from the region's own hall, the
region by its name, and no province fact in the code (issue 30)."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import DATA, ROOT, edit

FIXTURE_PACKS = ROOT / "tests" / "fixtures" / "packs"
PROVINCIAL = ("--answer", "problem=poor-service", "--answer", "tried-before=local-poor")


@pytest.fixture
def third_region(monkeypatch):
    monkeypatch.setenv("YBGUIDE_PACKS", str(FIXTURE_PACKS))


# ---------------------------------------------------------------- roles


def test_a_region_channel_with_a_role_is_offered_by_choose(run, third_region):
    """云梦's WeChat account says role: province-wechat: choose offers it, with no edit of the national flows."""
    asked = run("--region", "CN-ZZ", "choose", *PROVINCIAL)
    assert asked.exit_code == 2 and "用手机微信（「云梦医保」公众号）" in asked.stderr, asked.stderr
    assert "官网" not in asked.stderr  # nobody fills province-website in 云梦
    done = run("--region", "CN-ZZ", "choose", *PROVINCIAL, "--answer", "provincial-how=wechat", "--json")
    assert done.exit_code == 0, done.stderr
    assert "zz-wechat" in done.stdout and "sx-wechat" not in done.stdout


def test_shanxi_keeps_both_online_options_and_the_nation_has_none(run):
    sx = run("choose", *PROVINCIAL)
    assert "官网" in sx.stderr and "用手机微信（「山西医保」公众号）" in sx.stderr
    cn = run("--region", "CN", "choose", *PROVINCIAL)
    assert "微信" not in cn.stderr and "官网" not in cn.stderr
    out = run("choose", *PROVINCIAL, "--answer", "provincial-how=website", "--json")
    assert out.exit_code == 0 and "sx-bureau-website" in out.stdout and "sx-wechat" in out.stdout


def test_the_national_data_names_no_province_channel_and_no_hours():
    for name in ("flows.yaml", "channels.yaml", "pack.yaml"):
        text = (DATA / name).read_text(encoding="utf-8")
        assert "sx-" not in text and "9:00" not in text and "17:00" not in text, name
        assert "互动交流" not in text and "便民服务" not in text, name  # Shanxi's menu entries


def test_an_undeclared_role_names_file_and_line(run, data_copy):
    edit(data_copy / "flows.yaml", "if_role: province-wechat", "if_role: province-telegram")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "province-telegram" in r.stderr and re.search(r"flows\.yaml:\d+", r.stderr), r.stderr
    edit(data_copy / "flows.yaml", "if_role: province-telegram", "if_role: province-wechat")
    edit(data_copy / "regions" / "CN-SX" / "channels.yaml", "role: province-wechat", "role: wechat")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "「wechat」不是全国数据包声明的角色" in r.stderr and "CN-SX/channels.yaml" in r.stderr
    assert "channels[1].role" in r.stderr  # sx-wechat is the second channel of its own file


# ---------------------------------------------------------------- the hall and its hours


def test_hall_hours_come_from_the_region_s_own_hall(run, third_region):
    zz = run("--region", "CN-ZZ", "hall-hours", "--on", "2026-12-07", "--json")
    assert zz.exit_code == 0, zz.stderr
    assert zz.json()["hours"] == "08:30-17:30"
    assert run("hall-hours", "--on", "2026-12-07", "--json").json()["hours"] == "09:00-17:00"
    flow = run("--region", "CN-ZZ", "choose", "--answer", "problem=poor-service", "--answer", "tried-before=first-time")
    assert "9:00-17:00" not in flow.stdout + flow.stderr


def test_the_national_hall_hours_are_a_national_wording(run):
    for args in (("checklist", "hall-visit"), ("channels", "show", "hall-visit")):
        r = run("--region", "CN", *args)
        assert r.exit_code == 0 and "9:00" not in r.stdout and "请向当地医保服务大厅咨询" in r.stdout, args
    sx = run("checklist", "hall-visit")
    assert "周一至周五9:00-17:00" in sx.stdout


def test_hall_hours_help_names_no_hours(run):
    r = run("hall-hours", "--help")
    assert r.exit_code == 0 and "9:00" not in r.stdout and "17:00" not in r.stdout


# ---------------------------------------------------------------- the region by its name


@pytest.mark.parametrize("name, pack", [("山西", "CN-SX"), ("山西省", "CN-SX"), ("全国", "CN"), ("cn-sx", "CN-SX")])
def test_region_by_its_name(run, name, pack):
    r = run("--region", name, "channels", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["region"]["id"] == pack


def test_a_new_province_is_chosen_by_its_name(run, tmp_path, monkeypatch):
    he = tmp_path / "CN-HE"
    shutil.copytree(FIXTURE_PACKS / "CN-ZZ", he)
    for f in he.iterdir():
        f.write_text(f.read_text(encoding="utf-8").replace("云梦", "河北").replace("CN-ZZ", "CN-HE")
                     .replace("zz-", "he-"), encoding="utf-8")
    monkeypatch.setenv("YBGUIDE_PACKS", str(tmp_path))
    r = run("--region", "河北", "channels", "--json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["region"]["id"] == "CN-HE"
    assert "he-wechat" in run("--region", "河北省", "choose", *PROVINCIAL, "--answer", "provincial-how=wechat",
                              "--json").stdout


def test_a_wrong_region_is_one_chinese_line_with_the_choices(run):
    r = run("--region", "火星", "channels")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "火星" in lines[0] and "CN-SX（山西省）" in lines[0] and "CN（全国）" in lines[0]


def test_config_and_environment_take_a_name(run, monkeypatch):
    assert run("config", "region", "全国").exit_code == 0
    assert run("config", "--json").json()["saved"]["region"] == "CN"
    monkeypatch.setenv("YBGUIDE_REGION", "山西")
    assert run("channels", "--json").json()["region"]["id"] == "CN-SX"


def test_the_web_region_page_takes_a_name():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    client = TestClient(create_app(), base_url="http://localhost")
    client.get("/region?set=全国&back=/")
    assert "全国" in client.get("/channels").text and "山西医保" not in client.get("/channels").text


def test_the_default_region_is_data(run, data_copy):
    assert run("config", "--json").json()["default"]["id"] == "CN-SX"
    edit(data_copy / "pack.yaml", "default_region: CN-SX", "default_region: CN")
    r = run("--data-dir", str(data_copy), "channels", "--json")
    assert r.json()["region"]["id"] == "CN"
    edit(data_copy / "pack.yaml", "default_region: CN", "default_region: CN-XX")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "default_region" in r.stderr


# ---------------------------------------------------------------- no province fact in code

# A province's facts (Shanxi's places, area code, hours, ids) and the default region belong to data.
FACTS = ("山西", "晋", "太原", "0351", "030024", "9:00-17:00", "sx-", "shanxi")


def _code_files():
    pkg = ROOT / "yb_guide"
    return [p for p in pkg.rglob("*") if p.suffix in (".py", ".html", ".js", ".css")
            and "data" not in p.relative_to(pkg).parts[:1]]


def test_no_province_fact_in_code():
    found = [f"{p.relative_to(ROOT)}:{n}: {w}" for p in _code_files()
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) for w in FACTS if w in line]
    assert not found, found


def test_no_region_code_spelled_in_code():
    """The default region is data/pack.yaml's default_region; no code line names a province's pack."""
    found = [f"{p.relative_to(ROOT)}:{n}" for p in _code_files()
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"CN-(?!ZZ|XX)[A-Z]{2}", line.split("#")[0])]
    assert not found, found


# ---------------------------------------------------------------- the postal address in one place


def test_a_pack_gives_its_postal_address_once_in_words(run, third_region):
    """云梦 writes its address and postcode only as words (no mail-letter of its own): the letter,
    its envelope and the mail checklist all carry them."""
    assert "id: mail-letter" not in (FIXTURE_PACKS / "CN-ZZ" / "channels.yaml").read_text(encoding="utf-8")
    d = run("--region", "CN-ZZ", "letter", "--today", "2024-06-10", "--json").json()
    assert "收信单位：云梦省医疗保障局信访处（云梦市示例路1号，邮编999999）" in d["text"]
    assert "邮政编码：999999" in d["envelope"] and "收件地址：云梦市示例路1号" in d["envelope"]
    cl = run("--region", "CN-ZZ", "checklist", "mail-letter")
    assert "收件地址：云梦市示例路1号云梦省医疗保障局信访处（邮编：999999）" in cl.stdout.replace("\n", "").replace(" ", "")


def test_shanxi_s_address_is_written_once():
    sx = DATA / "regions" / "CN-SX"
    count = sum(p.read_text(encoding="utf-8").count("滨河西路南段129号") for p in sx.glob("*.yaml"))
    # pack.yaml's word, the hall's address and the correction that quotes the source document
    assert count == 3


# ---------------------------------------------------------------- a region adds to a national question


def test_a_region_adds_an_option_to_a_national_question(run, data_copy):
    (data_copy / "regions" / "CN-SX" / "flows.yaml").write_text("""\
flows:
  - id: choose
    merge: true
    questions:
      - id: provincial-how
        merge: true
        options:
          - id: phone-app
            place_after: wechat
            label: 用手机上的政务App
            outcome: provincial-wechat
""", encoding="utf-8")
    r = run("--data-dir", str(data_copy), "choose", *PROVINCIAL)
    assert "用手机上的政务App" in r.stderr and "官网" in r.stderr, r.stderr
    options = r.stderr[r.stderr.index("可选"):]
    assert options.index("微信") < options.index("政务App") < options.index("当面反映")
    assert run("data", "check", "--data-dir", str(data_copy)).exit_code == 0
    edit(data_copy / "regions" / "CN-SX" / "flows.yaml", "    merge: true\n    questions:", "    questions:")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "merge: true" in r.stderr and "CN-SX/flows.yaml:2" in r.stderr, r.stderr


def test_data_check_says_which_slots_a_pack_leaves_national(run, third_region):
    r = run("data", "check")
    assert r.exit_code == 0, r.stderr
    packs = {p["id"]: p for p in run("data", "check", "--json").json()["packs"]}
    assert packs["CN-ZZ"]["unfilled_roles"] == ["province-website"] and packs["CN-SX"]["unfilled_roles"] == []
    assert "outpatient_rule" in packs["CN-ZZ"]["national_words"] and "bureau" not in packs["CN-ZZ"]["national_words"]
    assert packs["CN"]["national_words"] == [] == packs["CN"]["unfilled_roles"]
    assert "没有渠道填的角色（流程里用到它的选项不出现）：province-website" in r.stdout
