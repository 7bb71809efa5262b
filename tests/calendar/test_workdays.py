"""The working-day calendar, checked against chinesecalendar (an independent source) and by properties."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

chinese_calendar = pytest.importorskip("chinese_calendar")

ORACLE_FIRST, ORACLE_LAST = dt.date(2004, 1, 1), dt.date(2026, 12, 31)
# chinesecalendar's one known data error: 2005-12-31 (Saturday) was a makeup working day
# before the 2006 New Year holiday (国务院办公厅 2005年12月 通知); chinesecalendar says rest day.
ORACLE_ERRORS = {dt.date(2005, 12, 31)}


@pytest.fixture(scope="module")
def cal():
    from yb_guide.calendar.workdays import build_calendar

    return build_calendar([])


def days(first, last):
    d = first
    while d <= last:
        yield d
        d += dt.timedelta(days=1)


def test_every_day_2004_2026_matches_chinesecalendar(cal):
    disagreements = [d for d in days(ORACLE_FIRST, ORACLE_LAST)
                     if cal.is_workday(d) != chinese_calendar.is_workday(d)]
    assert disagreements == sorted(ORACLE_ERRORS)
    assert cal.is_workday(dt.date(2005, 12, 31))  # the correct answer for the oracle's error


def oracle_add_workdays(d, n):
    """A day-by-day walk on chinesecalendar: the independent version of add_workdays."""
    while n:
        d += dt.timedelta(days=1)
        if d > ORACLE_LAST:
            return None  # beyond what the oracle knows
        if chinese_calendar.is_workday(d) or d in ORACLE_ERRORS:
            n -= 1
    return d


def test_process_stages_for_every_filing_2021_2026_match_the_oracle(cal):
    from yb_guide.schedule import deadlines
    from yb_guide.knowledge import loader as knowledge

    plan = deadlines.make_plan(knowledge.load())
    compared = 0
    for filed in days(dt.date(2021, 1, 1), dt.date(2026, 12, 31)):
        accept = oracle_add_workdays(filed, 2)
        investigate = accept and oracle_add_workdays(accept, 15)
        feedback = investigate and oracle_add_workdays(investigate, 5)
        if feedback is None:
            continue  # the oracle knows no 2027
        sched = deadlines.compute(plan, cal, {"filed": filed}, today=filed)
        due = {s.id: s.due for s in sched.stages}
        assert (due["accept"], due["investigate"], due["feedback"]) == (accept, investigate, feedback), filed
        # Counted through the last days of 2026, a stage waits for the 2027 notice (which may move them,
        # as the 2019 notice moved 2018-12-29/31): 推算 from 2026-12-25 on, never before.
        for s in sched.stages:
            if s.id in ("accept", "investigate", "feedback"):
                assert s.estimated == (s.due >= dt.date(2026, 12, 25)), (filed, s.id)
        compared += 1
    assert compared > 2100


dates_in_range = st.dates(min_value=dt.date(2004, 2, 1), max_value=dt.date(2039, 12, 31))


@settings(max_examples=300, deadline=None)
@given(d=dates_in_range, n=st.integers(min_value=1, max_value=200))
def test_forward_then_back_returns_to_the_start_working_day(cal, d, n):
    there = cal.add_workdays(d, n)
    back = cal.add_workdays(there, -n)
    # The start's working day: d itself, or the last working day before a rest day.
    assert back == (d if cal.is_workday(d) else cal.add_workdays(d, -1))


@settings(max_examples=300, deadline=None)
@given(d=dates_in_range, n=st.integers(min_value=1, max_value=60))
def test_due_dates_are_working_days_and_count_exactly_n(cal, d, n):
    due = cal.add_workdays(d, n)
    assert cal.is_workday(due)
    assert due > d
    assert cal.workdays_between(d, due) == n


@settings(max_examples=200, deadline=None)
@given(a=dates_in_range, gap=st.integers(min_value=0, max_value=40))
def test_due_date_is_monotonic_in_filing_date(cal, a, gap):
    from yb_guide.schedule import deadlines
    from yb_guide.knowledge import loader as knowledge

    k = deadlines.make_plan(knowledge.get())
    b = a + dt.timedelta(days=gap)
    da = {s.id: s for s in deadlines.compute(k, cal, {"filed": a}, today=a).stages}
    sb = {s.id: s.due for s in deadlines.compute(k, cal, {"filed": b}, today=b).stages}
    for stage, s in da.items():
        assert s.due <= sb[stage]
        # a 信访 last day stays where the 条例's words put it; the moved day beside it is a working day
        assert cal.is_workday(s.due) if s.moved_due is None else cal.is_workday(s.moved_due) and s.moved_due > s.due


@settings(max_examples=200, deadline=None)
@given(d=dates_in_range, amount=st.integers(min_value=1, max_value=90), unit=st.sampled_from(["day", "month"]))
def test_calendar_periods_end_on_a_working_day_never_early(cal, d, amount, unit):
    from yb_guide.calendar.dates import add_months
    from yb_guide.schedule.deadlines import period_end

    end = period_end(cal, d, amount % 12 + 1 if unit == "month" else amount, unit)
    nominal = add_months(d, amount % 12 + 1) if unit == "month" else d + dt.timedelta(days=amount)
    assert cal.is_workday(end)
    assert end >= nominal
    assert all(not cal.is_workday(x) for x in days(nominal, end - dt.timedelta(days=1)))


# ---- named cases around Spring Festival, May Day and National Day


@pytest.mark.parametrize("day,workday", [
    (dt.date(2024, 5, 1), False), (dt.date(2024, 5, 5), False), (dt.date(2024, 5, 11), True),
    (dt.date(2024, 4, 28), True),
    (dt.date(2025, 1, 26), True), (dt.date(2025, 1, 28), False), (dt.date(2025, 2, 4), False),
    (dt.date(2025, 2, 8), True),
    (dt.date(2026, 2, 14), True), (dt.date(2026, 2, 16), False), (dt.date(2026, 2, 23), False),
    (dt.date(2026, 2, 28), True),
    (dt.date(2026, 9, 20), True), (dt.date(2026, 10, 1), False), (dt.date(2026, 10, 7), False),
    (dt.date(2026, 10, 8), True), (dt.date(2026, 10, 10), True),
])
def test_named_days(cal, day, workday):
    assert cal.is_workday(day) is workday


def test_saturday_filing_one_working_day_is_monday(cal):
    assert cal.add_workdays(dt.date(2024, 5, 4), 1) == dt.date(2024, 5, 6)


def test_may_day_2024_counts_the_working_saturday(cal):
    # 2024-04-30 (Tue) + 1 working day: May 1–5 off -> 2024-05-06
    assert cal.add_workdays(dt.date(2024, 4, 30), 1) == dt.date(2024, 5, 6)
    # The 5th working day after 2024-05-06 is Saturday 2024-05-11 (调休上班)
    assert cal.add_workdays(dt.date(2024, 5, 6), 5) == dt.date(2024, 5, 11)


def test_spring_festival_2025(cal):
    # Filed Fri 2025-01-24: Sun 01-26 is a makeup workday, 01-28..02-04 off
    assert cal.add_workdays(dt.date(2025, 1, 24), 1) == dt.date(2025, 1, 26)
    assert cal.add_workdays(dt.date(2025, 1, 24), 2) == dt.date(2025, 1, 27)
    assert cal.add_workdays(dt.date(2025, 1, 24), 3) == dt.date(2025, 2, 5)


def test_spring_festival_2026(cal):
    # Sat 2026-02-14 works, 02-15..02-23 off, Sat 02-28 works
    assert cal.add_workdays(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 14)
    assert cal.add_workdays(dt.date(2026, 2, 14), 1) == dt.date(2026, 2, 24)


def test_national_day_2026(cal):
    assert cal.add_workdays(dt.date(2026, 9, 18), 1) == dt.date(2026, 9, 20)
    assert cal.add_workdays(dt.date(2026, 9, 30), 1) == dt.date(2026, 10, 8)
    assert cal.add_workdays(dt.date(2026, 10, 9), 1) == dt.date(2026, 10, 10)


def test_2027_is_estimated_and_2026_official(cal):
    assert not cal.is_estimated(dt.date(2026, 12, 24))
    # late December waits for the next year's notice (2019's set 2018-12-29 上班, 2018-12-31 放假)
    assert cal.is_estimated(dt.date(2026, 12, 25)) and cal.is_estimated(dt.date(2026, 12, 31))
    assert cal.estimated_years(dt.date(2026, 12, 31), dt.date(2026, 12, 31)) == [2027]
    assert not cal.is_estimated(dt.date(2025, 12, 31))  # the 2026 notice is in
    assert cal.is_estimated(dt.date(2027, 1, 4))


def test_out_of_range_is_refused(cal):
    from yb_guide.calendar.workdays import RangeError

    with pytest.raises(RangeError):
        cal.add_workdays(dt.date(2003, 12, 31), 1)
    with pytest.raises(RangeError):
        cal.add_workdays(dt.date(2040, 12, 30), 5)
