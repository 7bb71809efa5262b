"""One complaint followed to its end through the CLI, as a daughter keeping her mother's case would:
add (acting for her mother, no ticket yet) → the ticket arrives → a call → the reply → a corrected
reply date → 复查 requested and answered → 复核 requested → letters of both kinds → what is due on
several days → closed → exported → imported into an empty journal.

Expected dates are worked out by hand in the comments (calendar days for 信访, the last day moved
to the next working day); the engine itself is checked against chinesecalendar in tests/calendar."""

import pytest

from conftest import ID

AGENT_ID = "140105198003150026"  # valid check digit


def stage(show: dict, stage_id: str) -> dict:
    return next(s for s in show["schedule"]["stages"] if s["id"] == stage_id)


@pytest.fixture
def walk(run, tmp_path):
    """The case as it stands after the reply, the corrections and the two review steps."""
    r = run("case", "add", "--channel", "信件", "--filed", "2026-11-16", "--name", "王秀英", "--id-number", ID,
            "--agent-name", "李娜", "--agent-relation", "女儿", "--agent-id-number", AGENT_ID,
            "--phone", "13912345678", "--institution", "太原市某医院", "--amount", "1280.5",
            "--summary", "住院费用中部分项目未按规定报销", "--ask", "重新报销", "--today", "2026-11-16", "--json")
    assert r.exit_code == 0, r.stderr
    return r.json()


def test_the_whole_complaint(run, walk, tmp_path, monkeypatch):
    # 1. added for her mother; no ticket yet; both ID numbers masked; the acting checklist items named
    assert walk["acting"] and walk["agent_name"] == "李娜" and walk["ticket"] is None
    assert walk["id_number"] == "1101**********002X" and walk["agent_id_number"] == "1401**********0026"
    assert walk["acting_checklist"]["id"] == "mail-letter"
    assert any("委托书" in item for item in walk["acting_checklist"]["items"])

    # 2. the ticket arrives two days later: a correction kept in the history
    r = run("case", "edit", "1", "--ticket", "SX20261118001", "--today", "2026-11-18", "--json")
    assert r.exit_code == 0, r.stderr
    assert [(c["field"], c["old"], c["new"]) for c in r.json()["changes"]] == [("ticket", None, "SX20261118001")]

    # what is due on the day: the written notice of acceptance, 15 days from filing (信访工作条例 第二十三条)
    due = run("case", "due", "--today", "2026-11-18", "--days", "14", "--json").json()
    assert [(x["case"], x["due"]) for x in due["items"]] == [(1, "2026-12-01")]

    # 3. a call
    assert run("case", "log", "1", "打电话问进度，说已转太原市医保局", "--kind", "电话",
               "--at", "2026-11-20 10:30").exit_code == 0

    # 4. the reply arrives: the window to ask for 复查 opens, 30 days (第三十五条):
    #    2026-12-10 + 30 = 2027-01-09, a Saturday. The 条例 has no rule moving it: it stays the last
    #    day, and Monday 2027-01-11 is shown beside it as the tool's inference
    show = run("case", "result", "1", "--received", "2026-12-10", "--today", "2026-12-10", "--json").json()
    assert stage(show, "review-request")["due"] == "2027-01-09"
    assert stage(show, "review-request")["moved_due"] == "2027-01-11"

    # … and a wrong reply date corrected: the deadline moves, and the screen says so
    r = run("case", "result", "1", "--received", "2026-12-14", "--today", "2026-12-14")
    assert r.exit_code == 0 and "从 2027-01-09 变为 2027-01-13" in r.stdout  # 2026-12-14 + 30 = 2027-01-13, a Wednesday
    assert run("case", "edit", "1", "--reason", "处理意见没有说明为什么这些项目不予报销",
               "--today", "2026-12-14").exit_code == 0

    # 5. the 复查 request letter, in the daughter's name; written to a file once → logged once
    shown = run("letter", "--case", "1", "--kind", "复查申请书", "--today", "2026-12-14", "--json").json()
    assert "复查申请书" in shown["text"] and "受王秀英委托" in shown["text"]
    assert "收到对参保人王秀英投诉事项的书面处理意见（工单编号：SX20261118001）" in shown["text"]
    assert "第三十五条" in shown["text"] and "代办人（签名）" in shown["text"]
    # not yet knowing which body: a line to fill in, and "贵机关" in the request
    assert "（原办理机关的上一级机关）：" in shown["text"] and "请求贵机关对上述处理意见进行复查" in shown["text"]
    out = tmp_path / "复查申请书.docx"
    assert run("letter", "--case", "1", "--kind", "review", "--to", "山西省医疗保障局", "--today", "2026-12-14",
               "--out", str(out)).exit_code == 0 and out.exists()
    log = run("case", "show", "1", "--today", "2026-12-14", "--json").json()["log"]
    assert [e["text"] for e in log].count(f"写了复查申请书（{out.name}）") == 1

    # 6. 复查 requested and answered, 复核 requested
    show = run("case", "review", "1", "--requested", "2026-12-15", "--to", "山西省医疗保障局",
               "--today", "2026-12-15", "--json").json()
    assert show["review_to"] == "山西省医疗保障局"
    show = run("case", "review", "1", "--replied", "2027-01-20", "--today", "2027-01-20", "--json").json()
    assert stage(show, "reexam-request")["due"] == "2027-02-19"  # 2027-01-20 + 30, a Friday
    assert run("case", "reexam", "1", "--requested", "2027-01-25", "--to", "山西省人民政府",
               "--today", "2027-01-25").exit_code == 0

    # 7. the 复核 request and, for the record, a complaint letter from the same case
    text = run("letter", "--case", "1", "--kind", "复核", "--today", "2027-01-25", "--json").json()["text"]
    assert text.lstrip().startswith("复核申请书") and "第三十六条" in text
    assert "山西省人民政府：" in text and "收到山西省医疗保障局的复查意见" in text
    assert "二、复查意见" in text and "复查意见复印件" in text and "具体请求：\n　　1. 重新报销" in text
    # the applicant is the daughter: she comes first, then her mother
    assert text.index("代办人（受托人）姓名：李娜") < text.index("参保人姓名：王秀英")
    text = run("letter", "--case", "1", "--today", "2027-01-25", "--json").json()["text"]
    assert text.lstrip().startswith("投诉信") and "本人李娜，系参保人王秀英的女儿，受王秀英委托" in text
    # a letter printed again with its own date leaves out what happened after it, and says so
    d = run("letter", "--case", "1", "--kind", "复查申请书", "--today", "2026-12-14", "--json").json()
    assert d["text"].lstrip().startswith("复查申请书") and d["left_out"] == [
        "提出复查请求日期", "收到复查意见日期", "提出复核请求日期"]
    assert "2027年" not in d["text"] and "这之后才发生的事" in d["left_out_note"]
    r = run("letter", "--case", "1", "--kind", "复核", "--today", "2027-01-22")
    assert r.exit_code == 0 and "提出复核请求日期" in r.stdout  # the 复核 request of 01-25 is left out
    # … but a 复核申请书 before the 复查 opinion, or any letter before the incident, is refused
    r = run("letter", "--case", "1", "--kind", "复核", "--today", "2027-01-19")
    assert r.exit_code == 2 and "还没有记下收到复查意见" in r.stderr

    # 8. the original decision became known on the reply day: 复议 and 诉讼 windows
    show = run("case", "decision", "1", "--known", "2026-12-10", "--today", "2027-01-26", "--json").json()
    reconsideration = stage(show, "reconsideration")["due"]
    assert reconsideration >= "2027-02-08"  # 2026-12-10 + 60 days, later if it falls in the Spring Festival
    assert stage(show, "lawsuit")["due"] == "2027-06-10"  # six months, a Thursday

    # what is due: in date order; at a later date the passed ones first
    due = run("case", "due", "--today", "2027-01-26", "--days", "30", "--json").json()
    assert [x["title"] for x in due["items"]] == ["申请行政复议的最后一天", "复核意见"]
    assert [x["due"] for x in due["items"]] == sorted(x["due"] for x in due["items"])
    due = run("case", "due", "--today", "2027-03-01", "--days", "7", "--json").json()
    assert due["items"] and all(x["overdue"] for x in due["items"])
    assert due["items"][0]["title"] == "申请行政复议的最后一天"

    # 9. closed: the windows still open are shown, with a note
    assert run("case", "close", "1", "--today", "2027-01-26").exit_code == 0
    show = run("case", "show", "1", "--today", "2027-01-26", "--json").json()
    assert show["status"] == "closed"
    assert {"申请行政复议的最后一天", "直接提起行政诉讼的最后一天"} <= {s["title"] for s in show["still_open"]}
    screen = run("case", "show", "1", "--today", "2027-01-26").stdout
    assert "案件已结案，但下面这些期限仍然有效" in screen
    due = run("case", "due", "--today", "2027-01-26", "--days", "30", "--json").json()
    assert "申请行政复议的最后一天" in [x["title"] for x in due["items"]]  # closed, still due

    history = run("case", "show", "1", "--history", "--today", "2027-01-26", "--json").json()["history"]
    fields = [h["field"] for h in history]
    assert fields[:2] == ["ticket", "result_received"] and fields.count("result_received") == 2
    moved = [h for h in history if h["field"] == "result_received" and h["old"]]
    assert moved[0]["old"] == "2026-12-10" and "2027-01-13" in moved[0]["note"]

    # 10. export, then import into an empty journal: the same case, log and history
    backup = tmp_path / "备份.json"
    assert run("case", "export", "--out", str(backup), "--today", "2027-01-26").exit_code == 0
    before = run("case", "show", "1", "--history", "--today", "2027-01-26", "--json").json()
    monkeypatch.setenv("YBGUIDE_HOME", str(tmp_path / "new-home"))
    from yb_guide.base.cache import reset_caches

    reset_caches()
    assert run("case", "list", "--json").json()["total"] == 0
    r = run("case", "import", str(backup), "--today", "2027-01-26")
    assert r.exit_code == 0, r.stderr
    after = run("case", "show", "1", "--history", "--today", "2027-01-26", "--json").json()
    assert after == before


def test_a_closed_case_due_list_and_ics(run, walk, tmp_path):
    """Every open deadline of every case goes to the calendar file, with a reminder each."""
    assert run("case", "result", "1", "--received", "2026-12-10", "--today", "2026-12-10").exit_code == 0
    out = tmp_path / "期限.ics"
    r = run("case", "export", "--ics", str(out), "--today", "2026-12-10")
    assert r.exit_code == 0, r.stderr
    ics = out.read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") >= 1 and "DTSTART;VALUE=DATE:20270109" in ics
    # legal deadlines: reminded 7 days before and on the working day before (Fri 2027-01-08)
    assert ics.count("BEGIN:VALARM") == 2 * ics.count("BEGIN:VEVENT")
    assert "TRIGGER:-P6DT15H" in ics and "TRIGGER:-PT15H" in ics
    # a phone's calendar may sync to someone's cloud: no identity numbers, no names, the case's number
    assert ID not in ics and "1101" not in ics and "王秀英" not in ics and "李娜" not in ics
    assert "案件1" in ics


def test_search_finds_by_name_ticket_institution_summary(run, walk):
    assert run("case", "add", "--channel", "12393", "--filed", "2026-11-23", "--name", "张三",
               "--summary", "药店刷卡多收钱", "--today", "2026-11-23").exit_code == 0
    assert run("case", "edit", "1", "--ticket", "SX20261118001", "--today", "2026-11-23").exit_code == 0
    for word, expected in (("王", [1]), ("李娜", [1]), ("SX2026", [1]), ("某医院", [1]), ("药店", [2]),
                           ("没有这个词", [])):
        found = run("case", "list", "--search", word, "--today", "2026-11-25", "--json").json()["cases"]
        assert [c["id"] for c in found] == expected, word


def test_estimated_dates_are_marked_where_2027_is_not_official(run, walk):
    """2027's holiday notice was not published when these dates were worked out: they say so."""
    assert run("case", "result", "1", "--received", "2026-12-10", "--today", "2026-12-10").exit_code == 0
    show = run("case", "show", "1", "--today", "2026-12-10", "--json").json()
    assert stage(show, "review-request")["estimated"]
    assert "推算" in run("case", "show", "1", "--today", "2026-12-10").stdout

