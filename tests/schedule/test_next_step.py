"""What the person must do first (schedule.next_step): their own act, never an office's duty; a written
不予报销 goes to 行政复议 first (行政复议法 第二十三条第一款第（三）项 with 第十一条第（十二）项: "申请行政机关
依法给付……社会保险待遇……行政机关没有依法给付"); within 60 days (第二十条第一款: "自知道或者应当知道该行政行为
之日起六十日内提出行政复议申请"); an office's nearest legal date is what it must meet (对方最晚)."""

import datetime as dt

import pytest


@pytest.fixture(scope="module")
def plan_cal():
    from yb_guide.calendar import workdays
    from yb_guide.schedule.deadlines import get_plan

    return get_plan(), workdays.get_calendar(None)


def _sched(plan_cal, events, today, **situation):
    from yb_guide.schedule.next_step import schedule_for
    from yb_guide.schedule.situation import Situation

    plan, cal = plan_cal
    return schedule_for(plan, cal, events, today=today, channel=None, situation=Situation(**situation))


def _first(plan_cal, events, today, **situation):
    from yb_guide.schedule.next_step import first_step

    sched = _sched(plan_cal, events, today, **situation)
    return first_step(plan_cal[0], sched) if sched else None


def test_after_a_written_reply_the_persons_own_review_request_comes_first(plan_cal):
    step = _first(plan_cal, {"filed": dt.date(2026, 1, 5), "result-received": dt.date(2026, 2, 10)},
                  dt.date(2026, 2, 11))
    assert step.act == "review-request" and step.due.person_acts and step.due.due == dt.date(2026, 3, 12)


def test_a_fresh_complaint_gives_the_person_no_date_and_the_office_its_legal_one(plan_cal):
    from yb_guide.schedule.next_step import agency_due, first_step

    plan, _ = plan_cal
    sched = _sched(plan_cal, {"filed": dt.date(2026, 3, 2)}, dt.date(2026, 3, 2))
    assert first_step(plan, sched) is None  # 信访事项办结 is the office's duty, not the person's step
    office = agency_due(plan, sched)
    assert office.id == "petition-notice" and office.due == dt.date(2026, 3, 17) and not office.person_acts
    # a call or an online complaint: 法定 only when it is handled as a 信访事项
    assert "按信访事项办理时" in office.condition


@pytest.mark.parametrize("known,due", [(dt.date(2026, 10, 15), dt.date(2026, 12, 14)),
                                       (dt.date(2026, 8, 31), dt.date(2026, 10, 30))])
def test_a_written_refusal_goes_to_reconsideration_first_within_60_days(plan_cal, known, due):
    # a complaint filed alongside changes nothing: 复议 comes first
    step = _first(plan_cal, {"filed": known + dt.timedelta(days=3), "decision-known": known}, known,
                  decision="refusal")
    assert step.act == "reconsideration" and step.title == "申请行政复议"
    assert step.due.id == "reconsideration" and step.due.due == due and step.reason == "rule"


def test_a_refusal_without_the_day_it_was_known_waits_for_that_date(plan_cal):
    step = _first(plan_cal, {"filed": dt.date(2026, 11, 1)}, dt.date(2026, 11, 20), decision="refusal")
    assert step.act == "reconsideration" and step.due is None and step.needs == "decision-known"
    assert "60日" in step.needs_text


def test_with_only_the_papers_date_the_safe_bound_is_60_days_from_it_never_the_five_years(plan_cal):
    for decision in ("refusal", None):
        step = _first(plan_cal, {"decision-made": dt.date(2026, 10, 15)}, dt.date(2026, 11, 20), decision=decision)
        assert step.due.id == "reconsideration-safe" and step.due.due == dt.date(2026, 12, 14), decision


def test_sixty_days_passed_the_one_year_limit_and_what_is_still_possible(plan_cal):
    step = _first(plan_cal, {"decision-known": dt.date(2026, 8, 1)}, dt.date(2026, 11, 20), decision="refusal")
    assert step.due.id == "reconsideration-uninformed" and "第二十条第三款" in step.passed
    step = _first(plan_cal, {"decision-known": dt.date(2026, 8, 1)}, dt.date(2026, 11, 20), decision="refusal",
                  rights_stated="yes")
    assert step.due is None and "60日已经过了" in step.passed and "第二十条第二款" in step.passed


def test_a_reconsideration_applied_for_is_no_longer_the_first_step(plan_cal):
    step = _first(plan_cal, {"decision-known": dt.date(2026, 8, 1), "reconsideration-filed": dt.date(2026, 8, 20)},
                  dt.date(2026, 9, 1), decision="refusal")
    assert step is None or step.act != "reconsideration"


def test_the_reconsideration_rule_holds_for_a_matter_not_known_and_not_for_a_report(plan_cal):
    events, today = {"decision-known": dt.date(2026, 10, 15)}, dt.date(2026, 10, 20)
    assert _first(plan_cal, events, today, decision="refusal", matter="request").reason == "rule"
    assert _first(plan_cal, events, today, decision="penalty").reason == "nearest"


def test_nothing_when_every_legal_date_has_passed(plan_cal):
    assert _first(plan_cal, {"filed": dt.date(2021, 3, 1)}, dt.date(2026, 12, 1)) is None


def test_dates_in_the_wrong_order_give_no_schedule_and_no_error(plan_cal):
    assert _first(plan_cal, {"filed": dt.date(2026, 3, 2), "result-received": dt.date(2026, 1, 2)}, None) is None
