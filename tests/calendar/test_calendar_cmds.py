"""`ybguide calendar`, `ybguide workday`, `ybguide hall-hours`, and when to go in `checklist hall-visit`."""


def test_month_grid_marks_holidays_and_makeup_days(run):
    r = run("calendar", "2026-10")
    assert r.exit_code == 0
    assert "10班" in r.stdout.replace(" ", "")  # Saturday 10-10 works
    assert "国庆节" in r.stdout
    d = run("calendar", "2026-10", "--json").json()
    kinds = {x["date"]: x["kind"] for x in d["days"]}
    assert kinds["2026-10-01"] == "放假" and kinds["2026-10-10"] == "调休上班"
    assert d["official"] is True and d["workdays"] == 18


def test_estimated_month_is_flagged(run):
    r = run("calendar", "2027-02")
    assert r.exit_code == 0 and "推算" in r.stdout
    assert run("calendar", "2027-02", "--json").json()["official"] is False


def test_year_listing(run):
    d = run("calendar", "--year", "2026", "--json").json()
    makeup = [x["date"] for x in d["makeup_workdays"]]
    assert makeup == ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
    assert any(x["name"] == "春节" for x in d["holidays"])
    r = run("calendar", "--year", "2026")
    assert "2026-09-20 周日" in r.stdout


def test_calendar_bad_input(run):
    assert run("calendar", "2026-13").exit_code == 2
    r = run("calendar", "--year", "1999")
    assert r.exit_code == 2 and "超出日历范围" in r.stderr


def test_workday_query_and_arithmetic(run):
    d = run("workday", "2024-05-11", "--json").json()
    assert d["workday"] is True and d["kind"] == "调休上班"
    d = run("workday", "2024-05-04", "+1", "--json").json()
    assert d["result"]["date"] == "2024-05-06"
    d = run("workday", "2024-05-06", "-1", "--json").json()
    assert d["result"]["date"] == "2024-04-30"
    r = run("workday", "2024-05-04", "+1")
    assert "2024-05-06 周一" in r.stdout


def test_workday_bad_n(run):
    r = run("workday", "2024-05-04", "abc")
    assert r.exit_code == 2 and "abc" in r.stderr


def test_hall_hours_on_a_holiday_gives_next_open_day(run):
    d = run("hall-hours", "--on", "2026-10-03", "--json").json()
    assert d["open_that_day"] is False
    assert d["next_open"]["date"] == "2026-10-08"
    assert d["hours"] == "09:00-17:00"
    d = run("hall-hours", "--on", "2026-10-10", "--json").json()
    assert d["open_that_day"] is True  # a makeup Saturday is a working day


def test_checklist_hall_visit_says_when_to_go(run):
    d = run("checklist", "hall-visit", "--json").json()
    assert "hall_hours" in d and "09:00-17:00" in d["hall_hours"]["text"]
    r = run("checklist", "hall-visit")
    assert "什么时候去" in r.stdout


import pytest  # noqa: E402


@pytest.mark.parametrize("form", ["2026-10", "2026/10", "2026.10", "202610", "2026年10月", "２０２６－１０"])
def test_month_forms(run, form):
    d = run("calendar", form, "--json").json()
    assert (d["year"], d["month"]) == (2026, 10)


def test_year_only_points_to_year_option(run):
    r = run("calendar", "2026")
    assert r.exit_code == 2 and "--year 2026" in r.stderr
    r = run("calendar", "2026-10-01")
    assert r.exit_code == 2 and "2026-10-01" in r.stderr and "2026年10月" in r.stderr


def test_weekend_inside_a_holiday_break_is_marked(run):
    d = run("calendar", "2026-10", "--json").json()
    by_date = {x["date"]: x for x in d["days"]}
    assert by_date["2026-10-04"]["in_break"] is True  # Sunday inside 国庆 10-01..10-07
    assert by_date["2026-10-11"]["in_break"] is False  # an ordinary Sunday


def test_workday_wording(run):
    assert run("workday", "2024-05-06").stdout.strip() == "2024-05-06 周一：工作日"
    r = run("workday", "2026-10-07")
    assert "不是工作日 · 休息日（由 2026-10-10 调休）" in r.stdout
    assert "当天：2024-05-06 周一" in run("workday", "2024-05-06", "+0").stdout
    assert run("workday", "2024-05-06", "＋3", "--json").json()["result"]["date"] == "2024-05-09"


def test_hall_hours_use_beijing_time(sh):
    """A computer set to another zone still answers for Taiyuan."""
    import datetime as dt

    from yb_guide.calendar.dates import now_in_china, today_in_china

    assert now_in_china().utcoffset() == dt.timedelta(hours=8)
    r = sh("hall-hours", "--json", env={"TZ": "Pacific/Kiritimati"})  # UTC+14: often another date
    assert r.json()["on"] == today_in_china().isoformat()
