"""Data packs: the national pack, the CN-SX pack that extends it, the merge rules, the region a
person chooses, and a fictional third province (tests/fixtures/packs/CN-ZZ) that needs no code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, ROOT, edit

FIXTURE_PACKS = ROOT / "tests" / "fixtures" / "packs"
# Facts only the Shanxi pack may hold: its address, postcode, website, WeChat account, bureau.
SHANXI_ONLY = ("太原", "030024", "ybj.shanxi", "「山西医保」", "“山西医保”", "山西省医疗保障局", "山西省医保中心",
               "山西职工医保", "每次80元", "山西省内")


@pytest.fixture
def third_region(monkeypatch):
    monkeypatch.setenv("YBGUIDE_PACKS", str(FIXTURE_PACKS))


def test_every_pack_loads_and_passes_data_check(run, third_region):
    r = run("data", "check", "--json")
    assert r.exit_code == 0, r.stderr
    packs = {p["id"]: p for p in r.json()["packs"]}
    assert packs["CN"]["chain"] == ["CN"] and packs["CN-SX"]["chain"] == ["CN", "CN-SX"]
    assert packs["CN-ZZ"]["chain"] == ["CN", "CN-ZZ"] and packs["CN-ZZ"]["name"] == "云梦省"
    assert packs["CN-SX"]["channels"] == packs["CN"]["channels"] + 2  # the bureau's website and WeChat


def test_region_defaults_to_shanxi_and_cn_is_the_national_guide(run):
    sx = run("channels", "--json").json()
    cn = run("--region", "CN", "channels", "--json").json()
    assert sx["region"]["id"] == "CN-SX" and cn["region"] == {"id": "CN", "name": "全国", "short_name": "全国"}
    assert [c["id"] for c in sx["channels"]][:4] == ["hotline-12393", "nhsa-platform", "sx-bureau-website", "sx-wechat"]
    assert "sx-wechat" not in [c["id"] for c in cn["channels"]]


@pytest.mark.parametrize("args", [
    ("channels",), ("channels", "show", "mail-letter"), ("channels", "show", "hall-visit"),
    ("checklist", "mail-letter"), ("checklist", "online"), ("checklist", "hall-visit"),
    ("choose", "--answer", "problem=poor-service", "--answer", "tried-before=local-poor", "--answer",
     "provincial-how=letter"),
    ("choose", "--answer", "problem=unhappy-with-result", "--answer", "reply-written=written", "--answer", "decided-by=city"),
    ("choose", "--answer", "problem=unhappy-with-result", "--answer", "reply-written=written",
     "--answer", "decided-by=province"),
    ("letter", "--today", "2024-06-10"),
    ("faq", "挂号费"), ("hall-hours", "--on", "2026-12-07"),
    ("reimburse", "--full", *(x for a in "stage=at-hospital fee-kind=registration paid-how=insurance visit-kind=in-person "
                              "place=in-province filed=done designated=designated scheme=employee".split()
                              for x in ("--answer", a))),
    ("reimburse", "--full", *(x for a in "stage=at-hospital fee-kind=registration paid-how=insurance visit-kind=in-person "
                              "place=in-province filed=not-filed".split() for x in ("--answer", a))),
])
def test_national_screens_name_no_shanxi_fact(run, args):
    r = run("--region", "CN", *args)
    assert r.exit_code == 0, r.stderr
    text = re.sub(r"来源：.*", "", r.stdout)  # a citation of the seed article names its headings
    assert not [w for w in SHANXI_ONLY if w in text], text
    if "mail-letter" in args or args[0] == "letter":
        assert "请向您的参保地医保经办机构咨询" in r.stdout


def test_national_hall_hours_are_not_a_province_s(run):
    r = run("--region", "CN", "hall-hours", "--on", "2026-12-05", "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    assert d["hours"] is None and "09:00" not in d["text"] and "请向当地医保服务大厅咨询" in d["text"]
    assert run("hall-hours", "--on", "2026-12-05", "--json").json()["hours"] == "09:00-17:00"


def test_shanxi_screens_still_give_the_bureau(run):
    r = run("channels", "show", "mail-letter")
    assert "太原市万柏林区滨河西路南段129号" in r.stdout and "030024" in r.stdout


def test_region_from_environment_and_saved_default(run, monkeypatch):
    assert run("config", "region", "CN").exit_code == 0
    assert run("channels", "--json").json()["region"]["id"] == "CN"
    monkeypatch.setenv("YBGUIDE_REGION", "CN-SX")  # the environment beats the saved default …
    assert run("channels", "--json").json()["region"]["id"] == "CN-SX"
    assert run("--region", "CN", "channels", "--json").json()["region"]["id"] == "CN"  # … --region beats both
    monkeypatch.delenv("YBGUIDE_REGION")
    assert run("config", "region", "default").exit_code == 0
    assert run("channels", "--json").json()["region"]["id"] == "CN-SX"


def test_unknown_region_is_one_line_and_exit_2(run):
    r = run("--region", "CN-XX", "channels")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert "没有「CN-XX」地区的数据包" in r.stderr and "CN-SX" in r.stderr
    assert run("config", "region", "nowhere").exit_code == 2


def test_fictional_province_needs_no_code(run, third_region):
    ch = run("--region", "CN-ZZ", "channels")
    assert ch.exit_code == 0, ch.stderr
    assert "云梦医保投诉渠道" in ch.stdout and "云梦" in run("--region", "CN-ZZ", "config").stdout
    flow = run("--region", "CN-ZZ", "choose", "--answer", "problem=poor-service", "--answer", "tried-before=local-poor",
               "--answer", "provincial-how=letter")
    assert "云梦省医疗保障局" in flow.stdout and not [w for w in SHANXI_ONLY if w in flow.stdout]
    letter = run("--region", "CN-ZZ", "letter", "--today", "2024-06-10")
    assert "云梦省医疗保障局信访处" in letter.stdout and "999999" in letter.stdout


def test_fictional_province_on_the_web(third_region):
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    client = TestClient(create_app(), base_url="http://localhost")
    assert "云梦省（CN-ZZ）" in client.get("/region").text
    client.get("/region?set=CN-ZZ&back=/")
    for page in ("/", "/channels", "/letter"):
        html = client.get(page).text
        assert "云梦" in html and "山西" not in html, page


# ---------------------------------------------------------------- merge rules


def test_an_override_without_replaces_is_refused(run, data_copy):
    f = data_copy / "regions" / "CN-SX" / "channels.yaml"
    edit(f, "  - id: mail-letter\n    replaces: true\n", "  - id: mail-letter\n")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2
    line = f.read_text(encoding="utf-8").splitlines().index("  - id: mail-letter") + 1
    assert f"CN-SX/channels.yaml:{line}" in r.stderr and "replaces: true" in r.stderr


def test_replaces_needs_something_to_replace(run, data_copy):
    f = data_copy / "regions" / "CN-SX" / "channels.yaml"
    edit(f, "  - id: mail-letter\n    replaces: true\n", "  - id: mail-letterr\n    replaces: true\n")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "没有可替换的" in r.stderr and "mail-letterr" in r.stderr


def test_a_mapping_value_cannot_change_silently(run, data_copy):
    f = data_copy / "regions" / "CN-SX" / "deadlines.yaml"
    edit(f, "  sx-wechat: [service, petition]", "  sx-wechat: [service, petition]\n  mail-letter: [service]")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "CN-SX/deadlines.yaml:5 channels.mail-letter" in r.stderr


def test_unknown_word_names_file_and_line(run, data_copy):
    f = data_copy / "flows.yaml"
    edit(f, "可以写信给{{bureau}}。", "可以写信给{{burea}}。")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "{{burea}}" in r.stderr and re.search(r"flows\.yaml:\d+", r.stderr)


def test_a_region_word_the_nation_never_declared_is_refused(run, data_copy):
    edit(data_copy / "regions" / "CN-SX" / "pack.yaml", "  region: 山西省\n", "  region: 山西省\n  capital: 太原\n")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "words.capital" in r.stderr


# ---------------------------------------------------------------- no region word in code, the cache


def test_no_region_word_in_code():
    pkg = ROOT / "yb_guide"
    files = [p for p in pkg.rglob("*.py")] + [p for p in (pkg / "web" / "templates").rglob("*.html")]
    found = [f"{p.relative_to(ROOT)}:{n}" for p in files if "data" not in p.relative_to(pkg).parts[:1]
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if "山西" in line or "晋" in line]
    assert not found, found


def test_cache_rebuilds_when_any_pack_file_changes(data_copy, tmp_path):
    from yb_guide.base.cache import reset_caches
    from yb_guide.knowledge import loader

    k = loader.get(data_copy, "CN-SX")
    assert k.channel("sx-wechat").contact.wechat == "山西医保"
    for path, old, new in [
        (data_copy / "regions" / "CN-SX" / "channels.yaml", "wechat: 山西医保", "wechat: 山西医保号"),
        (data_copy / "regions" / "CN-SX" / "pack.yaml", "name: 山西省", "name: 山西"),
        (data_copy / "channels.yaml", 'phone: "12388"', 'phone: "012388"'),
    ]:
        edit(path, old, new)
        reset_caches()  # a new process: only the cache file is left
        k = loader.get(data_copy, "CN-SX")
    assert k.channel("sx-wechat").contact.wechat == "山西医保号"
    assert k.pack.name == "山西" and k.channel("discipline-12388").contact.phone == "012388"


def test_pack_folder_must_match_its_id(run, data_copy):
    edit(data_copy / "regions" / "CN-SX" / "pack.yaml", "id: CN-SX", "id: CN-SY")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "CN-SY" in r.stderr and "Traceback" not in r.stderr


def test_data_lives_in_packs():
    assert (DATA / "pack.yaml").is_file() and (DATA / "regions" / "CN-SX" / "pack.yaml").is_file()
    assert not [w for w in SHANXI_ONLY if w in (DATA / "channels.yaml").read_text(encoding="utf-8")]


def test_a_calendar_file_names_the_region(run, tmp_path, third_region):
    for region, name in (("CN-SX", "山西省"), ("CN", "全国"), ("CN-ZZ", "云梦省")):
        out = tmp_path / f"{region}.ics"
        r = run("--region", region, "deadline", "--filed", "2026-11-02", "--today", "2026-11-02", "--ics", str(out))
        assert r.exit_code == 0, r.stderr
        text = out.read_bytes().decode("utf-8")
        assert f"X-WR-CALNAME:{name}医保期限" in text.replace("\r\n ", "")


def test_the_web_region_choice_is_checked():
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    client = TestClient(create_app(), base_url="http://localhost")
    r = client.get("/region?set=CN-NOWHERE&back=https://example.com/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/" and "ybguide_region" not in r.headers.get("set-cookie", "")
    client.cookies.set("ybguide_region", "CN-NOWHERE")  # a made-up cookie is no choice: the server's region
    assert "参保地：山西省" in client.get("/").text
    client.cookies.clear()
    r = client.get("/region?set=cn&back=/channels", follow_redirects=False)
    assert r.headers["location"] == "/channels" and "ybguide_region=CN" in r.headers["set-cookie"]


def test_a_region_can_add_a_deadline_rule_keeping_its_own_after(data_copy):
    """A pack's own keys (a rule's ``after: filed``) are data, not merge instructions."""
    from yb_guide.knowledge import loader

    text = (data_copy / "deadlines.yaml").read_text(encoding="utf-8")
    rules = text[text.index("\nrules:\n"):]
    rules = rules[rules.index("  - id:"):]
    first = rules[:rules.index("\n  - id:") + 1]
    rule_id = re.search(r"  - id: (\S+)", first).group(1)
    added = first.replace(f"  - id: {rule_id}", f"  - id: {rule_id}-local", 1)
    with open(data_copy / "regions" / "CN-SX" / "deadlines.yaml", "a", encoding="utf-8") as fh:
        fh.write("rules:\n" + added)
    k = loader.load(data_copy, "CN-SX")
    ours = next(r for r in k.deadlines.rules if r.id == f"{rule_id}-local")
    assert ours.after == next(r for r in k.deadlines.rules if r.id == rule_id).after
    assert f"{rule_id}-local" not in [r.id for r in loader.load(data_copy, "CN").deadlines.rules]


def test_a_list_without_ids_cannot_be_merged_entry_by_entry(run, data_copy):
    with open(data_copy / "regions" / "CN-SX" / "channels.yaml", "a", encoding="utf-8") as fh:
        fh.write("process:\n  stages:\n    - 不是条目\n")
    r = run("data", "check", "--data-dir", str(data_copy))
    assert r.exit_code == 2 and "process.stages" in r.stderr and "replaces: true" in r.stderr


# The one Shanxi document the national pack still cites: the seed article (《山西医保服务问题怎么投诉》, its
# title the tool's own), the first source of the channels, steps and handling times.  Each of those facts
# needs a national source found and checked before it can leave; until then its citations are the only
# Shanxi words a national screen may show (the screens' test strips 来源 lines for it).
NATIONAL_CITES_SEED = {"seed-complaint"}


def test_the_national_pack_holds_no_shanxi_document():
    from yb_guide.knowledge import loader

    cn = loader.load(region="CN")
    shanxi = {d.id for d in cn.documents if re.search(r"山西|太原|晋", d.title + d.issuer + (d.url or ""))}
    assert shanxi == NATIONAL_CITES_SEED
    sx = loader.load(region="CN-SX")
    assert {"shanxi-outpatient-2022", "chinanews-shanxi-outpatient-2024", "bendibao-taiyuan-filing"} <= {
        d.id for d in sx.documents}


def test_the_outpatient_threshold_cites_the_region_s_own_source():
    from yb_guide.knowledge import loader

    for region, doc, rule in (("CN", "news-outpatient-mutual-aid-2021", "统筹一般设有起付标准（各地不同）"),
                              ("CN-SX", "chinanews-shanxi-outpatient-2024", "按次起付")):
        flow = loader.load(region=region).flow("reimburse")
        for outcome in ("employee-threshold", "scheme-unknown"):
            assert flow.outcome(outcome).source.doc == doc, (region, outcome)
        assert f"职工医保普通门诊{rule}，一次只有挂号费" in flow.outcome("scheme-unknown").summary
