"""The legal date to act on first (schedule.next_step): the person's own step before a date the
office must keep, never a usual handling time, never a date already past or done."""

import datetime as dt

import pytest


@pytest.fixture(scope="module")
def plan_cal():
    from yb_guide.calendar import workdays
    from yb_guide.schedule.deadlines import get_plan

    return get_plan(), workdays.get_calendar(None)


def _first(plan_cal, events, today):
    from yb_guide.schedule.next_step import first_legal_date
    from yb_guide.schedule.situation import Situation

    plan, cal = plan_cal
    return first_legal_date(plan, cal, events, today=today, channel=None, situation=Situation())


def test_after_a_written_reply_the_persons_own_review_request_comes_first(plan_cal):
    d = _first(plan_cal, {"filed": dt.date(2026, 1, 5), "result-received": dt.date(2026, 2, 10)}, dt.date(2026, 2, 11))
    assert d.id == "review-request" and d.person_acts


def test_a_fresh_complaint_leads_with_a_legal_date_not_the_usual_handling_time(plan_cal):
    plan, _ = plan_cal
    d = _first(plan_cal, {"filed": dt.date(2026, 3, 2)}, dt.date(2026, 3, 2))
    assert d is not None and plan.track(d.track).kind == "legal"
    from yb_guide.schedule.deadlines import compute
    from yb_guide.schedule.situation import Situation

    sched = compute(plan, plan_cal[1], {"filed": dt.date(2026, 3, 2)}, today=dt.date(2026, 3, 2), situation=Situation())
    legal = [s for s in sched.stages if plan.track(s.track).kind == "legal"]
    assert d.due == min(s.due for s in legal)  # the nearest, as no step of the person's own is open


def test_nothing_when_every_legal_date_has_passed(plan_cal):
    assert _first(plan_cal, {"filed": dt.date(2021, 3, 1)}, dt.date(2026, 12, 1)) is None


def test_dates_in_the_wrong_order_give_no_date_and_no_error(plan_cal):
    assert _first(plan_cal, {"filed": dt.date(2026, 3, 2), "result-received": dt.date(2026, 1, 2)}, None) is None
