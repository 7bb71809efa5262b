"""The law as it applies to this person (issue: 复议前置, 简易程序, 信访 dates, closures, estimated years).

Every expected date is counted by hand in the comments from the article's words:
- 民法典第二百零一条: the day the period starts is not counted; 第二百零二条: a month period ends on the
  same day of the month, or the month's last day; 第二百零三条 / 民事诉讼法 (期间), applied by 行政复议法
  第八十八条 and 行政诉讼法第一百零一条: a last day on a 法定休假日 moves to the next working day.
- 行政复议法第八十八条: its 五日 are working days; 第六十二条: 60 days (简易程序 30) from acceptance.
- 信访工作条例 counts 日 and says nothing of a last day on a holiday: that day stays.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def stages(run, *args):
    r = run("deadline", *args, "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    return d, {s["id"]: s for s in d["stages"]}


# ---------------------------------------------------------------- 复议前置

@pytest.mark.parametrize("kind", ["拒付", "不予报销（拒付）", "1", "refusal", None])
def test_a_refusal_or_an_unknown_decision_leads_with_reconsideration_first(run, kind):
    args = ["--decision-known", "2026-08-31", "--today", "2026-09-01"] + (["--decision-kind", kind] if kind else [])
    d, s = stages(run, *args)
    # 2026-08-31 + 60 days = 2026-10-30, a Friday
    assert d["next"]["id"] == "reconsideration" and d["next"]["due"] == "2026-10-30"
    # + 6 months = 2027-02-28, a Sunday -> Monday 2027-03-01: shown only as the limit where 复议前置 does not apply
    assert s["lawsuit"]["due"] == "2027-03-01" and "不需要先申请复议" in s["lawsuit"]["condition"]
    first = next(n for n in d["notes"] if n["id"] == "reconsideration-first")
    # the articles' words were checked; reading a refusal as 未依法给付社会保险待遇 is the tool's inference
    # 条文已核对，结论是推论 — never 已核实 for the tool's own conclusion
    assert first["lead"] and first["basis_kind"] == "inference" and first["source"]["status"] == "articles-checked"
    assert first["source"]["status_label"] == "条文已核对，结论是推论"
    assert "第二十三条第一款第（三）项" in first["source"]["text"] and any("第十一条第（十二）项" in a for a in first["also"])
    screen = run("deadline", *args, env={"COLUMNS": "80"}).stdout
    top = "".join(screen.splitlines()[:4])
    assert "先做这件事：申请行政复议的最后一天——2026-10-30" in top and "复议前置" in screen
    assert screen.index("复议前置") < screen.index("直接提起行政诉讼")


def test_a_penalty_shows_the_direct_lawsuit_plainly_and_no_reconsideration_first(run):
    d, s = stages(run, "--decision-known", "2026-08-31", "--today", "2026-09-01", "--decision-kind", "行政处罚")
    assert s["lawsuit"]["condition"] is None and s["lawsuit"]["due"] == "2027-03-01"
    assert "reconsideration-first" not in [n["id"] for n in d["notes"]]


def test_a_wrong_answer_lists_the_chinese_choices(run):
    r = run("deadline", "--decision-known", "2026-08-31", "--decision-kind", "罚")
    assert r.exit_code == 2 and "不予报销（拒付）" in r.stderr and "不知道" in r.stderr
    assert "refusal" not in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------- 简易程序

# 复议 filed Mon 2026-01-05; accepted within 5 working days: 01-06, 07, 08, 09, 12 -> 2026-01-12.
# 简易程序: 01-12 + 30 days = 2026-02-11 (Wed); no decision: sue within 15 days = 2026-02-26 (Thu).
# 普通程序: 01-12 + 60 days = 2026-03-13 (Fri); sue: 03-13 + 15 = 03-28 (Sat) -> Mon 2026-03-30.
SIMPLE = {"reconsideration-decision-simple": "2026-02-11", "lawsuit-after-simple": "2026-02-26"}
ORDINARY = {"reconsideration-decision": "2026-03-13", "lawsuit-after-reconsideration": "2026-03-30"}


@pytest.mark.parametrize("amount, simple, ordinary_labelled", [
    ("2999.99", True, True), ("3000", True, True), ("3,000元", True, True), ("3000.01", False, False),
    (None, True, True),
])
def test_simple_procedure_by_the_amount_in_dispute(run, amount, simple, ordinary_labelled):
    args = ["--reconsideration-filed", "2026-01-05", "--today", "2026-01-06"] + (["--amount", amount] if amount else [])
    d, s = stages(run, *args)
    assert s["reconsideration-accept"]["due"] == "2026-01-12"
    for rule_id, due in ORDINARY.items():
        assert s[rule_id]["due"] == due
        assert bool(s[rule_id]["condition"]) == ordinary_labelled
    for rule_id, due in SIMPLE.items():
        assert (rule_id in s) == simple
        if simple:
            assert s[rule_id]["due"] == due
            assert (s[rule_id]["condition"] is None) == (amount is not None)


def test_a_bad_amount_is_one_chinese_line(run):
    r = run("deadline", "--reconsideration-filed", "2026-01-05", "--amount", "三千")
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "金额" in r.stderr


# ---------------------------------------------------------------- closures never move a legal period's end

def _closure_file(tmp_path, day: dt.date):
    f = tmp_path / "closure.yaml"
    f.write_text(f"closures:\n  - {{date: {day.isoformat()}, name: 系统升级停办, source: 某市医保局公告}}\n",
                 encoding="utf-8")
    return f


def test_a_closure_on_the_last_day_of_reconsideration_does_not_move_it(run, tmp_path):
    cal = _closure_file(tmp_path, dt.date(2026, 10, 30))
    d, s = stages(run, "--decision-known", "2026-08-31", "--today", "2026-09-01", "--calendar", str(cal))
    assert s["reconsideration"]["due"] == "2026-10-30"


@settings(max_examples=60, deadline=None)
@given(known=st.dates(dt.date(2024, 1, 1), dt.date(2026, 6, 30)), offset=st.integers(0, 200))
def test_a_closure_on_any_day_never_changes_a_statutory_last_day(known, offset, tmp_path_factory):
    from yb_guide.calendar import workdays
    from yb_guide.knowledge import loader
    from yb_guide.schedule import deadlines

    plan = deadlines.make_plan(loader.get())
    plain = workdays.get_calendar()
    closed = workdays.get_calendar(_closure_file(tmp_path_factory.mktemp("c"), known + dt.timedelta(days=offset)))
    events = {"decision-known": known, "result-received": known, "filed": known - dt.timedelta(days=20),
              "reconsideration-filed": known + dt.timedelta(days=10)}
    a = deadlines.compute(plan, plain, events, today=None)
    b = deadlines.compute(plan, closed, events, today=None)
    legal = {x.id: x.due for x in a.stages if plan.track(x.track).kind == "legal"}
    assert legal and legal == {x.id: x.due for x in b.stages if plan.track(x.track).kind == "legal"}


# ---------------------------------------------------------------- 信访 dates as the 条例 gives them

def test_a_review_request_inside_the_spring_festival_keeps_the_regulations_day(run):
    # result received 2026-01-20 + 30 days = 2026-02-19, inside the 2026 春节 break (02-15 … 02-23)
    d, s = stages(run, "--filed", "2026-01-05", "--result-received", "2026-01-20", "--today", "2026-01-21")
    rr = s["review-request"]
    assert rr["due"] == "2026-02-19" and rr["moved_due"] == "2026-02-24" and rr["person_acts"]
    assert rr["basis_kind"] == "statute" and rr["status"] == "verified"
    screen = run("deadline", "--filed", "2026-01-05", "--result-received", "2026-01-20", "--today", "2026-01-21",
                 env={"COLUMNS": "80"}).stdout.replace("\n", "")
    assert "2026-02-19" in screen and "可能顺延至 2026-02-24" in screen and "推论" in screen and "放假前" in screen


def test_the_chinese_calendar_agrees_the_day_is_in_the_break():
    import chinese_calendar

    assert chinese_calendar.is_holiday(dt.date(2026, 2, 19)) and chinese_calendar.is_workday(dt.date(2026, 2, 24))


# ---------------------------------------------------------------- what the complaint is about

def test_the_60_day_conclusion_applies_to_a_request_only(run):
    base = ["--filed", "2026-03-02", "--today", "2026-03-03"]
    _, s = stages(run, *base, "--matter", "申诉求决", "--channel", "mail-letter")
    assert s["petition-conclude"]["condition"] is None  # a letter is a 信访 itself
    _, s = stages(run, *base, "--matter", "申诉求决")  # a call: 法定 only when handled as a 信访事项
    assert s["petition-conclude"]["condition"] == "医保部门按信访事项办理时的法定期限"
    _, s = stages(run, *base)
    assert "申诉求决" in s["petition-conclude"]["condition"]
    # 信访工作条例 第三十一条第（四）项: what 行政复议 can settle is "导入相应程序处理", not the 60 days of 第三十四条
    assert "如要求重新报销" not in s["petition-conclude"]["condition"] and "第（四）项" in s["petition-conclude"]["condition"]
    for matter, note in (("举报违法违规", "violation-report"), ("检举控告", "misconduct-report")):
        d, s = stages(run, *base, "--matter", matter)
        assert "petition-conclude" not in s and "petition-notice" in s
        assert note in [n["id"] for n in d["notes"]]


# ---------------------------------------------------------------- rights not stated

def test_the_one_year_limits_show_only_when_the_rights_were_not_stated(run):
    base = ["--decision-known", "2026-03-02", "--today", "2026-03-03", "--decision-kind", "行政处罚"]
    _, s = stages(run, *base, "--rights-stated", "是")
    assert "reconsideration-uninformed" not in s and "lawsuit-uninformed" not in s
    _, s = stages(run, *base, "--rights-stated", "否")
    # 2026-03-02 + 12 months = 2027-03-02 (a Tuesday, in a year the tool has not received: 推算)
    for rule_id in ("reconsideration-uninformed", "lawsuit-uninformed"):
        assert s[rule_id]["due"] == "2027-03-02" and s[rule_id]["condition"] is None and s[rule_id]["estimated"]
    assert "第六十四条" in s["lawsuit-uninformed"]["source"]


def test_the_five_year_outer_limit_also_cites_the_litigation_law(run):
    _, s = stages(run, "--decision-made", "2026-03-02", "--decision-known", "2026-03-05", "--today", "2026-03-06")
    assert any("行政诉讼法》第四十六条第二款" in a for a in s["act-outer-limit"]["also"])


# ---------------------------------------------------------------- dates and the years the tool has received

def test_estimated_marks_only_the_dates_that_depend_on_an_unreceived_year(run):
    # filed 2026-09-20: the 信访 conclusion falls in 2026 (received): not estimated; its extension runs
    # into 2027 (not received): that one is.
    _, s = stages(run, "--filed", "2026-09-20", "--today", "2026-09-01")
    pc = s["petition-conclude"]
    assert pc["due"].startswith("2026-") and pc["estimated"] is False
    assert pc["extended_due"].startswith("2027-") and pc["extended_estimated"] is True
    assert all(x["estimated"] is False for x in s.values() if x["due"] < "2026-12-01" and x["unit"] != "workday"
               or x["due"] < "2026-12-01")


def test_a_makeup_saturday_is_a_working_last_day(run):
    # 2026-08-11 + 60 days = Saturday 2026-10-10, a 调休 working day: the last day stays
    _, s = stages(run, "--decision-known", "2026-08-11", "--today", "2026-08-12")
    assert s["reconsideration"]["due"] == "2026-10-10" and s["reconsideration"]["due_note"] == "调休上班日"


def test_a_month_period_into_a_leap_february(run):
    # 2027-08-31 + 6 months: 2028-02 has a 29th, no 31st -> 2028-02-29 (a Tuesday; 2028 estimated)
    _, s = stages(run, "--decision-known", "2027-08-31", "--today", "2027-09-01", "--decision-kind", "行政处罚")
    assert s["lawsuit"]["due"] == "2028-02-29" and s["lawsuit"]["estimated"]


def test_every_stage_says_what_it_rests_on(run):
    _, s = stages(run, "--filed", "2026-03-02", "--decision-known", "2026-03-02", "--today", "2026-03-03")
    assert {x["basis_kind"] for x in s.values()} <= {"statute", "inference", "web-article"}
    assert s["accept"]["basis_kind"] == "web-article" and s["reconsideration"]["basis_kind"] == "statute"


def test_sources_list_the_inference_as_unverified_and_its_articles_as_checked(run):
    facts = [f for doc in run("sources", "--json").json()["documents"] for f in doc["facts"] if "复议前置" in f["name"]]
    assert {(f["section"], f["status"]) for f in facts if f["detail"] is None} >= {
        ("第二十三条第一款第（三）项", "verified"), ("第十一条第（十二）项", "verified")}
    assert any(f["detail"] == "本工具的推论" and f["status"] == "unverified" for f in facts)


# ---------------------------------------------------------------- dates people type, one rule everywhere

@pytest.mark.parametrize("typed", ["12月20日", "12/20", "12.20", "12-20"])
def test_a_date_without_a_year_is_the_most_recent_such_day_everywhere(run, typed, tmp_path):
    # typed on 2027-01-05: last December's, on the command line, the web, the batch and in the journal
    _, s = stages(run, "--filed", typed, "--today", "2027-01-05")
    assert s["accept"]["start"] == "2026-12-20"
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    page = TestClient(create_app(), base_url="http://127.0.0.1:8765").get(
        "/deadline", params={"filed": typed, "today": "2027-01-05"})
    assert "提交投诉 2026-12-20" in page.text
    src = tmp_path / "in.csv"
    src.write_text(f"提交日期\n{typed}\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run("deadline", "--batch", str(src), "--out", str(out), "--today", "2027-01-05").exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith(f"{typed},2026-12-22")
    r = run("case", "add", "--channel", "热线", "--filed", typed, "--today", "2027-01-05", "--json")
    assert r.exit_code == 0 and r.json()["filed"] == "2026-12-20"


def test_a_filing_after_today_is_refused_in_the_journal_and_warned_about_elsewhere(run):
    r = run("case", "add", "--channel", "热线", "--filed", "2026-12-25", "--today", "2026-12-05")
    assert r.exit_code == 2 and "今天" in r.stderr
    d, _ = stages(run, "--filed", "2026-12-25", "--today", "2026-12-05")
    assert any("2026-12-25 在今天（2026-12-05）之后" in w for w in d["warnings"])


def test_the_calendar_file_says_when_a_date_applies(run, tmp_path):
    import icalendar

    out = tmp_path / "期限.ics"
    r = run("deadline", "--decision-known", "2026-08-31", "--today", "2026-09-01", "--ics", str(out))
    assert r.exit_code == 0, r.stderr
    events = {str(e["summary"]): str(e["description"])
              for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    lawsuit = next(d for s, d in events.items() if s.startswith("直接提起行政诉讼"))
    assert lawsuit.startswith("只在不需要先申请复议时适用")
    assert not next(d for s, d in events.items() if s.startswith("申请行政复议")).startswith("只在")


def test_case_due_labels_the_direct_lawsuit_for_a_refusal(run):
    assert run("case", "add", "--channel", "热线", "--filed", "2026-11-02", "--decision-kind", "拒付",
               "--today", "2026-11-03").exit_code == 0
    assert run("case", "decision", "1", "--known", "2026-11-20", "--today", "2026-11-21").exit_code == 0
    d = run("case", "due", "--days", "400", "--today", "2026-11-21", "--json").json()
    items = {x["id"]: x for x in d["items"]}
    assert items["reconsideration"]["condition"] is None and "不需要先申请复议" in items["lawsuit"]["condition"]
    screen = run("case", "due", "--days", "400", "--today", "2026-11-21", env={"COLUMNS": "80"}).stdout
    assert "只在不需要先申请复议时适用" in screen


DEADLINE_SCREENS = [
    ["--filed", "2024-05-06"],
    ["--channel", "mail-letter", "--filed", "2026-11-02", "--today", "2026-11-25"],
    ["--filed", "2026-03-02", "--decision-known", "2026-02-27", "--today", "2026-03-03"],
    ["--decision-known", "2026-08-31", "--today", "2026-09-01", "--decision-kind", "拒付"],
    ["--reconsideration-filed", "2026-01-05", "--today", "2026-01-06"],
    ["--decision-made", "2026-01-02", "--filed", "2026-01-05", "--result-received", "2026-01-20", "--decision-known",
     "2026-01-20", "--reconsideration-filed", "2026-02-01", "--today", "2026-02-21", "--complex", "--channel", "热线"],
]


@pytest.mark.parametrize("args", DEADLINE_SCREENS)
def test_the_deadline_screen_fits_35_lines_and_leads_with_the_next_legal_date(run, args):
    d = run("deadline", *args, "--json").json()
    screen = run("deadline", *args, env={"COLUMNS": "80"}).stdout.splitlines()
    assert len(screen) <= 35, len(screen)
    if d["next"]:
        assert any(line.startswith("先做这件事：" + d["next"]["title"]) for line in screen[:4])
    full = run("deadline", *args, "--full", env={"COLUMNS": "80"}).stdout
    assert "依据：" in full and len(full.splitlines()) > len(screen)
