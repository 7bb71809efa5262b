"""One truth on every surface: for the same person, the deadline screen, a case's page, `choose --case`
(both ways in), `reimburse --case`, the FAQ and the web page name the same first step and the same date.

The rule they all ask (schedule.next_step.first_step) rests on 行政复议法 第二十三条第一款第（三）项
("认为行政机关存在本法第十一条规定的未履行法定职责情形" — 申请人应当先向行政复议机关申请行政复议) with
第十一条第（十二）项 ("申请行政机关依法给付抚恤金、社会保险待遇或者最低生活保障等社会保障，行政机关没有依法给付")
and on 第二十条第一款 ("可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请"); a 不予报销 read as
未依法给付社会保险待遇 is the tool's inference."""

import datetime as dt
import itertools

import pytest

TODAY = dt.date(2026, 11, 20)
DECISIONS = ["refusal", "penalty", "other", None]
DATES = {"known": {"decision_known": "2026-10-15"}, "paper-only": {"decision_made": "2026-10-15"}, "none": {}}
AMOUNTS = ["2400", "5000"]
REPLIES = [True, False]
ACTING = [True, False]
RIGHTS = [None, "no"]
SITUATIONS = list(itertools.product(DECISIONS, DATES, AMOUNTS, REPLIES, ACTING, RIGHTS))


@pytest.fixture(scope="module")
def world():
    from yb_guide.calendar import workdays
    from yb_guide.knowledge import loader
    from yb_guide.schedule.deadlines import get_plan

    return loader.get(), get_plan(), workdays.get_calendar(None)


def make(k, decision, dates, amount, reply, acting, rights):
    """The daughter's case: a complaint by phone on 11-01 about her father's refused claim."""
    from yb_guide.cases.model import make_case

    raw = {"channel": "hotline-12393", "filed": "2026-11-01", "name": "王建国", "amount": amount,
           "decision_kind": decision, "rights_stated": rights, **DATES[dates]}
    if reply:
        raw["result_received"] = "2026-11-10"
    if acting:
        raw.update(agent_name="王芳", agent_relation="女儿")
    c = make_case(k, raw, TODAY)
    c.id = 1
    return c


def deadline_screen(plan, cal, case):
    from yb_guide.cases.timeline import case_events, case_situation
    from yb_guide.schedule.deadlines import compute
    from yb_guide.views.dates import deadline

    p = deadline(compute(plan, cal, case_events(case), today=TODAY, channel=case.channel,
                         situation=case_situation(case)), plan)
    return key(p["first_step"], p["next"]["due"] if p["next"] else None)


def key(first, due):
    return (first["act"], due) if first else (None, None)


def flow_now(k, flow_id, case, answers):
    from yb_guide.knowledge import flows
    from yb_guide.views import flows as views

    position = flows.resolve(k.flow(flow_id), answers, views.case_answers(k, flow_id, case))
    assert position.outcome is not None, (flow_id, answers)
    now = views.flow_result(k, position, today=TODAY, case=views.case_brief(case))["now"]
    return (now["act"], now["date"]["date"] if now["date"] else None), position.outcome.id


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda s: "-".join(map(str, s)))
def test_every_surface_names_the_same_first_step_and_date(world, situation):
    from yb_guide.views.cases import case_detail

    k, plan, cal = world
    case = make(k, *situation)
    truth = deadline_screen(plan, cal, case)
    decision, dates = situation[0], situation[1]
    if decision == "refusal":  # 复议前置: the first step is 申请行政复议, dated from the day it was known
        assert truth[0] == "reconsideration"
        assert truth[1] == {"known": "2026-12-14", "paper-only": "2026-12-14", "none": None}[dates]
    detail = case_detail(k, case, TODAY)
    assert key(detail["schedule"]["first_step"], detail["schedule"]["next"]["due"] if detail["schedule"]["next"]
               else None) == truth, "case show"
    if truth[1]:  # the case list's next deadline is the same date
        assert detail["next"]["due"] == truth[1]
    surfaces = {
        "choose: 医保报销有争议": ["choose", [("problem", "reimbursement-dispute"), ("decision-written", "not-written"),
                                        ("tried-before", "first-time"), ("situation", "urgent-or-simple")]],
        "reimburse": ["reimburse", [("stage", "returned")]],
    }
    if decision == "refusal":  # the case answers the refusal questions itself
        surfaces["choose: 医保报销有争议"][1] = [("problem", "reimbursement-dispute")]
        surfaces["reimburse"][1] = [("refusal-written", "written")] if situation[3] else [("refusal-written", "oral")]
    if situation[3]:  # a written reply came: 对处理结果不满意
        surfaces["choose: 对处理结果不满意"] = ["choose", [("problem", "unhappy-with-result"), ("decided-by", "city")]]
    for name, (flow_id, answers) in surfaces.items():
        got, outcome = flow_now(k, flow_id, case, answers)
        assert got == truth, (name, outcome)
    if decision == "refusal":
        from yb_guide.views.channels import faq_one

        faq = faq_one(k, "unhappy-with-result")
        assert faq["first_step"]["title"] == plan.first_steps[0].title == "申请行政复议"


def test_there_are_at_least_a_hundred_situations():
    assert len(SITUATIONS) >= 100


@pytest.mark.parametrize("situation", SITUATIONS[::16], ids=lambda s: "-".join(map(str, s)))
def test_the_web_deadline_page_leads_with_the_same_first_step(world, situation):
    from starlette.testclient import TestClient

    from yb_guide.web.app import create_app

    k, plan, cal = world
    case = make(k, *situation)
    act, due = deadline_screen(plan, cal, case)
    decision, dates, amount, reply, _, rights = situation
    params = {"filed": "2026-11-01", "channel": "hotline-12393", "today": TODAY.isoformat(), "amount": amount,
              "decision": decision or "", "rights_stated": rights or ""}
    params.update({key.replace("_", "-"): v for key, v in DATES[dates].items()})
    if reply:
        params["result-received"] = "2026-11-10"
    html = TestClient(create_app(), base_url="http://127.0.0.1:8765").get("/deadline", params=params).text
    block = html[html.index("先做这件事"):] if act else ""
    if act == "reconsideration":
        assert "申请行政复议" in block[:400]
    if due:
        assert due in block[:400]
    if act is None:
        assert "先做这件事" not in html
