"""Issue 28, item 6: a local closure never changes a legal count, "可能顺延至" never names the day
itself, and every line whose truth rests on a year without an official notice says 推算 (late
December of the last recorded year included: the next year's notice can move those days).

Arithmetic is checked against `chinesecalendar`, the independent oracle (it knows no local closure:
a closure must leave the law's count exactly where the oracle puts it)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest


def closure(tmp_path, *days: str):
    f = tmp_path / "closure.yaml"
    f.write_text("closures:\n" + "".join(f"  - {{date: {d}, name: 系统升级停办, source: 某市医保局公告}}\n"
                                         for d in days), encoding="utf-8")
    return str(f)


def oracle_add(d: dt.date, n: int) -> dt.date:
    step = 1 if n > 0 else -1
    while n:
        d += dt.timedelta(days=step)
        if chinese_calendar.is_workday(d):
            n -= step
    return d


# (closed day, a day before it, N): closures right before and after the long breaks
AROUND_BREAKS = [
    ("2026-02-13", "2026-02-12", 3),   # the Friday before 春节 2026-02-15…23 (02-14 调休上班)
    ("2026-02-24", "2026-02-13", 2),   # the first day back after 春节
    ("2026-09-30", "2026-09-29", 2),   # the eve of 国庆 2026-10-01…07
    ("2026-10-08", "2026-09-30", 1),   # the first day back after 国庆
    ("2025-01-27", "2025-01-24", 4),   # the eve of 春节 2025 (01-26 调休上班)
    ("2024-05-11", "2024-05-10", 1),   # a makeup Saturday (调休上班) after 劳动节 2024
]


@pytest.mark.parametrize("closed,start,n", AROUND_BREAKS)
def test_workday_counts_a_closure_as_the_law_does(run, tmp_path, closed, start, n):
    cal = closure(tmp_path, closed)
    d = run("workday", closed, "--calendar", cal, "--json").json()
    assert d["workday"] is True and d["office_closed"] is True and d["kind"] == "停止办公"
    assert chinese_calendar.is_workday(dt.date.fromisoformat(closed))  # the oracle: a working day
    expected = oracle_add(dt.date.fromisoformat(start), n)
    counted = run("workday", start, f"+{n}", "--calendar", cal, "--json").json()
    assert counted["result"]["date"] == expected.isoformat()
    assert counted == run("workday", start, f"+{n}", "--json").json() | {
        "result_office_closed": counted["result"]["date"] == closed}
    back = run("workday", expected.isoformat(), f"-{n}", "--calendar", cal, "--json").json()
    assert back["result"]["date"] == oracle_add(expected, -n).isoformat()
    text = run("workday", closed, "--calendar", cal).stdout
    assert "工作日" in text and "不是工作日" not in text and "停止办公" in text and "法定期限照常" in text


def test_a_legal_last_day_on_a_closure_is_not_moved_to_itself(run, tmp_path):
    # result received 2026-01-05: 复查 within 30 days, 2026-02-04 (a Wednesday, closed locally)
    cal = closure(tmp_path, "2026-02-04")
    args = ("--filed", "2025-12-20", "--result-received", "2026-01-05", "--today", "2026-01-06")
    plain = run("deadline", *args, "--json").json()
    d = run("deadline", *args, "--calendar", cal, "--json").json()
    rr = {s["id"]: s for s in d["stages"]}["review-request"]
    assert rr["due"] == "2026-02-04" and rr["moved_due"] is None and rr["moved_text"] is None
    assert {s["id"]: (s["due"], s["workdays_left"]) for s in d["stages"] if s["basis_kind"] == "statute"} == \
        {s["id"]: (s["due"], s["workdays_left"]) for s in plain["stages"] if s["basis_kind"] == "statute"}
    screen = "".join(run("deadline", *args, "--calendar", cal).stdout.split())
    assert "可能顺延至2026-02-04" not in screen


def test_no_moved_day_ever_names_the_last_day_itself(tmp_path_factory):
    """Every 信访 last day of 2026, with a closure on it: never "顺延至" the same day."""
    from yb_guide.calendar import workdays
    from yb_guide.knowledge import loader
    from yb_guide.schedule import deadlines

    plan = deadlines.make_plan(loader.get())
    received = dt.date(2026, 1, 2)
    while received < dt.date(2026, 11, 1):
        due = received + dt.timedelta(days=30)
        f = closure(tmp_path_factory.mktemp("c"), due.isoformat())
        cal = workdays.get_calendar(f)
        sched = deadlines.compute(plan, cal, {"filed": received - dt.timedelta(days=10), "result-received": received},
                                  today=None)
        for s in sched.stages:
            assert s.moved_due != s.due, (received, s.id)
            if s.moved_due and s.moved_due.year <= 2026:  # moved only off a day the oracle says is not a working day
                assert not chinese_calendar.is_workday(s.due) and chinese_calendar.is_workday(s.moved_due)
        received += dt.timedelta(days=9)


# ---------------------------------------------------------------- 推算 on every line that depends on it

def test_a_2027_day_that_is_not_a_working_day_says_estimated_on_its_own_line(run):
    lines = run("workday", "2027-02-05").stdout.splitlines()
    assert lines[0].startswith("2027-02-05 周五：不是工作日") and "推算" in lines[0]
    lines = run("workday", "2027-02-05", "+1").stdout.splitlines()
    assert "推算" in lines[0] and lines[1].startswith("2027-02-05 之后第 1 个工作日") and "推算" in lines[1]


def test_late_december_of_the_last_recorded_year_waits_for_the_next_notice(run):
    # the 2019 notice (国办发明电〔2018〕15号) set 2018-12-29 上班 and 2018-12-31 放假
    assert not chinese_calendar.is_workday(dt.date(2018, 12, 31))
    assert chinese_calendar.is_workday(dt.date(2018, 12, 29))
    d = run("workday", "2026-12-31", "--json").json()
    assert d["workday"] is True and d["estimated"] is True and d["estimated_years"] == [2027]
    assert "推算" in run("workday", "2026-12-31").stdout.splitlines()[0]
    assert run("workday", "2026-12-24", "--json").json()["estimated"] is False
    assert run("workday", "2025-12-31", "--json").json()["estimated"] is False  # 2026's notice is in
    assert "2027年的放假通知" in run("calendar", "2026-12", "--json").json()["late_note"]
    assert run("calendar", "2026-11", "--json").json()["late_note"] is None
    assert "12月25日至31日" in "".join(run("calendar", "--year", "2026").stdout.split())
    assert run("calendar", "--year", "2025", "--json").json()["late_note"] is None


def test_a_deadline_in_late_december_of_the_last_recorded_year_is_estimated(run):
    # decision known 2026-10-27: 复议 within 60 days, 2026-12-26 (Saturday) → 2026-12-28 (Monday)
    d = run("deadline", "--decision-known", "2026-10-27", "--today", "2026-11-01", "--json").json()
    rec = {s["id"]: s for s in d["stages"]}["reconsideration"]
    assert rec["due"] == "2026-12-28" and rec["estimated"] is True and 2027 in d["estimated_years"]
    assert chinese_calendar.is_workday(dt.date(2026, 12, 28))


def test_a_moved_day_in_2027_says_estimated(run):
    # result received 2027-01-06: 复查 within 30 days, 2027-02-05 (农历除夕 in the tool's estimate)
    args = ("--filed", "2026-12-20", "--result-received", "2027-01-06", "--today", "2027-01-07")
    rr = {s["id"]: s for s in run("deadline", *args, "--json").json()["stages"]}["review-request"]
    assert rr["due"] == "2027-02-05" and rr["moved_due"] and rr["estimated"]
    assert "推算" in rr["moved_text"] and "可能顺延至" in rr["moved_text"]
    screen = run("deadline", *args, env={"COLUMNS": "200"}).stdout
    line = next(x for x in screen.splitlines() if "可能顺延至" in x)
    assert "推算" in line


# ---------------------------------------------------------------- 行政复议法 第二十一条 caps every 复议 date
# 第二十一条：因不动产提出的行政复议申请自行政行为作出之日起超过二十年，其他行政复议申请自行政行为作出之日起
# 超过五年的，行政复议机关不予受理。

def _deadline(run, *args):
    r = run("deadline", *args, "--json")
    assert r.exit_code == 0, r.stderr
    d = r.json()
    return d, {s["id"]: s for s in d["stages"]}


def test_the_five_year_date_is_the_last_day_when_the_60_days_end_later(run):
    # made 2021-01-15, learnt of 2025-12-01: 60 days → 2026-01-30 (a Friday); five years → 2026-01-15
    d, s = _deadline(run, "--decision-made", "2021-01-15", "--decision-known", "2025-12-01", "--today", "2025-12-02")
    outer, rec = s["act-outer-limit"], s["reconsideration"]
    assert outer["due"] == "2026-01-15" and chinese_calendar.is_workday(dt.date(2026, 1, 15))
    assert rec["due"] == "2026-01-15" and rec["capped_from"] == "2026-01-30"
    assert "第二十一条" in rec["moved_text"] and "2026-01-30" in rec["moved_text"] and "五年" in rec["moved_text"]
    assert rec["workdays_left"] == outer["workdays_left"]
    for other in ("reconsideration-uninformed", "lawsuit", "lawsuit-uninformed"):  # no date of the track runs past it
        if other in s:
            assert s[other]["due"] <= outer["due"], other
    assert s["lawsuit"]["capped_from"] and "第四十六条第二款" in s["lawsuit"]["moved_text"]
    screen = "".join(run("deadline", "--decision-made", "2021-01-15", "--decision-known", "2025-12-01",
                         "--today", "2025-12-02").stdout.split())
    assert "申请行政复议的最后一天2026-01-15" in screen and "本应到2026-01-30" in screen


def test_the_five_year_date_near_a_long_holiday_moves_as_the_law_moves_it(run):
    # made 2021-02-12: five years → 2026-02-12 (a Thursday before 春节 2026-02-15…23); learnt 2026-01-20,
    # 60 days → 2026-03-21 (a Saturday) → 2026-03-23
    d, s = _deadline(run, "--decision-made", "2021-02-12", "--decision-known", "2026-01-20", "--today", "2026-01-21")
    assert s["act-outer-limit"]["due"] == "2026-02-12" and s["reconsideration"]["due"] == "2026-02-12"
    assert s["reconsideration"]["capped_from"] == "2026-03-23"
    # made 2021-02-17: five years → 2026-02-17, inside 春节 → the next working day 2026-02-24 (the oracle's)
    d, s = _deadline(run, "--decision-made", "2021-02-17", "--decision-known", "2026-01-20", "--today", "2026-01-21")
    nxt = dt.date(2026, 2, 17)
    while not chinese_calendar.is_workday(nxt):
        nxt += dt.timedelta(days=1)
    assert s["act-outer-limit"]["due"] == nxt.isoformat() == s["reconsideration"]["due"]


def test_no_cap_when_the_60_days_end_first(run):
    d, s = _deadline(run, "--decision-made", "2022-02-10", "--decision-known", "2026-12-01", "--today", "2026-12-08")
    rec = s["reconsideration"]
    assert rec["due"] == "2027-02-01" and rec["capped_from"] is None and rec["moved_text"] is None
    assert s["act-outer-limit"]["due"] > rec["due"]
