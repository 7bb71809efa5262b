"""`ybguide channels` and `ybguide channels show ID`."""
import pytest

EXPECTED_CHANNELS = {
    "hotline-12393", "hotline-12345", "nhsa-platform", "sx-bureau-website", "sx-wechat",
    "hall-visit", "mail-letter", "discipline-12388", "fraud-report",
}


def test_channels_table_lists_every_channel_with_contact(run):
    names = [c["name"] for c in run("channels", "--json").json()["channels"]]
    for width in ("300", "60"):  # a table, or stacked blocks on a narrow screen
        r = run("channels", env={"COLUMNS": width})
        assert r.exit_code == 0
        for name in names:
            assert name in r.stdout
        assert not any(cid in r.stdout for cid in EXPECTED_CHANNELS)  # ids are for --json and typing
    assert "12393" in r.stdout and "12388" in r.stdout
    assert "通常为5-15个工作日" in r.stdout.replace("\n", "").replace(" ", "")


def test_channels_json_has_the_same_content(run):
    data = run("channels", "--json").json()
    ids = {c["id"] for c in data["channels"]}
    assert ids == EXPECTED_CHANNELS
    hotline = next(c for c in data["channels"] if c["id"] == "hotline-12393")
    assert hotline["contact"]["phone"] == "12393"
    assert hotline["processing_time"] == "通常为5-15个工作日"
    blocks = run("channels", env={"COLUMNS": "60"}).stdout
    for c in data["channels"]:
        assert c["name"] in blocks


def test_show_hall_visit_has_steps_hours_materials_and_source(run):
    r = run("channels", "show", "hall-visit")
    assert r.exit_code == 0
    flat = r.stdout.replace("\n", "").replace(" ", "")
    assert "9:00-17:00" in flat
    assert "太原市万柏林区滨河西路南段129号" in flat
    assert "参保人本人的身份证" in flat
    assert "000_246c4a53b01fe5e4.txt" not in flat  # a file name means nothing to a person
    assert "来源：网络文章《山西医保服务问题怎么投诉》（作者不详）" in flat and "（未经官方核实）" in flat
    assert "请先打电话确认" in flat  # the address correction reaches the user
    # every contact line is marked, with whom to call to confirm it
    assert "地址：太原市万柏林区滨河西路南段129号（山西省医疗保障局）※" in flat
    assert "※未经官方核实，办事前先打电话确认：参保地医保经办机构" in flat


def test_show_json_mail_letter_postcode_and_recipient(run):
    d = run("channels", "show", "mail-letter", "--json").json()
    assert d["contact"]["postcode"] == "030024"
    assert d["contact"]["recipient"] == "山西省医疗保障局信访办"
    assert any("挂号信" in s for s in d["steps"])
    assert d["checklist"]["id"] == "mail-letter"
    assert d["source"]["doc"] == "seed-complaint" and "file" not in d["source"]
    assert d["source"]["kind"] == "web-article" and d["source"]["status"] == "unverified" and d["source"]["checked"] is None
    assert d["contact_check"]["status"] == "unverified"
    assert d["corrections"] and "确认" in d["corrections"][0]["advice"]


def test_platform_website_is_corrected(run):
    d = run("channels", "show", "nhsa-platform", "--json").json()
    assert d["contact"]["website"] == "https://fuwu.nhsa.gov.cn"
    corr = {c["id"]: c for c in d["corrections"]}["platform-website"]
    assert corr["document_says"] == "www.nhsa.gov.cn"
    assert "国家医疗保障局" in corr["advice"]


def test_hotline_steps_in_order(run):
    d = run("channels", "show", "hotline-12393", "--json").json()
    assert d["steps"][0] == "拨打 12393"
    assert "工单号" in d["steps"][-1]


def test_unknown_channel_suggests_nearest(run):
    r = run("channels", "show", "hall_visit")
    assert r.exit_code == 2
    assert "hall-visit" in r.stderr and "您是不是要找" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert len(r.stderr.strip().splitlines()) == 1


def test_gbk_console_prints_every_character(sh):
    """A Chinese Windows console is GBK: the output must encode without any '?' replacement."""
    for args in (["checklist", "hall-visit"], ["channels", "show", "hall-visit"], ["channels"], ["faq", "--show", "4"]):
        r = sh(*args, env={"PYTHONIOENCODING": "gbk", "NO_COLOR": "1"}, encoding="gbk")
        assert r.exit_code == 0, r.stderr
        assert "?" not in r.stdout, args
        assert "□" in r.stdout or args[0] != "checklist"


def test_no_color_means_no_escape_codes(sh):
    r = sh("channels", "show", "hotline-12393", env={"NO_COLOR": "1"})
    assert r.exit_code == 0 and "\x1b[" not in r.stdout
    r = sh("channels", "show", "hotline-12393", env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[3" not in r.stdout  # no colour codes even when forced to style


def test_installed_program_runs_outside_the_repo(sh):
    r = sh("--version")
    assert r.exit_code == 0 and r.stdout.startswith("ybguide ")
    r = sh("channels", "--json")
    assert r.exit_code == 0 and len(r.json()["channels"]) == 9
    r = sh("checklist", "hall_visit")
    assert r.exit_code == 2 and "hall-visit" in r.stderr and "Traceback" not in r.stderr


def test_everything_printed_can_be_shown_on_a_gbk_console():
    """Every character of the data and of the code (any module may hold a message) exists in GBK."""
    from conftest import DATA, ROOT

    files = [*DATA.glob("*.yaml"), *(ROOT / "yb_guide").rglob("*.py")]
    for f in files:
        text = f.read_text(encoding="utf-8")
        bad = sorted({c for c in text if ord(c) > 127 and not _in_gbk(c)})
        assert not bad, f"{f.name}: {bad}"


def _in_gbk(c):
    try:
        c.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


@pytest.mark.parametrize("name", ["12345", "市长热线", "政务热线", "便民热线"])
def test_12345_is_a_channel_of_its_own_with_what_is_not_settled_marked(run, name):
    d = run("channels", "show", name, "--json").json()
    assert d["id"] == "hotline-12345" and d["source"]["status"] == "unverified"
    assert any("12393" in n and "未能核实" in n for n in d["notes"])
    assert "国办发〔2020〕53号" in d["description"]
