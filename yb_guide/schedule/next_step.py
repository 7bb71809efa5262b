"""What a person must do first, and by when: the one decision every surface asks (the deadline
screen's 先做这件事, a flow outcome's first block, a case's next step, the web page).

Two kinds of date are kept apart: the person's own act (申请行政复议, 请求复查 …, ``person_acts`` in
the data) leads; an authority's duty (书面告知受理情况, 办结 …) is only ever "对方最晚…答复".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

REASON_RULE = "rule"  # the first step is a rule of deadlines.yaml first_steps (复议前置)
REASON_NEAREST = "nearest"  # the nearest dated act of the person


@dataclass
class Step:
    """The person's first act.  ``due`` (a ``deadlines.Due``) when it has a date still ahead;
    ``needs`` (an event id) when the date that starts it is not known; ``passed`` when every date it
    had has passed (then what is still possible)."""

    act: str  # a first step's id (``reconsideration``) or the rule id of the nearest act
    title: str
    due: object | None = None
    needs: str | None = None
    needs_text: str | None = None
    passed: str | None = None
    reason: str = REASON_NEAREST
    letter: str | None = None  # the paper it is done with, when the data names one (行政复议申请书)
    checklist: str | None = None  # what to bring, when the data names it


def _ahead(plan, stages, *, person: bool) -> list:
    return [d for d in stages if plan.track(d.track).kind == "legal" and not d.done and not d.passed
            and not plan.rule(d.id).bound and d.person_acts == person]


def first_step(plan, sched) -> Step | None:
    """The first thing the person in ``sched.situation`` must do (``sched``: ``deadlines.compute``).

    A first step of the data whose ``when`` their answers meet wins (a written 不予报销 goes to 行政复议
    first, whatever channel they also use); else the nearest of their own dated acts; None when
    nothing is theirs to do by a legal date."""
    from yb_guide.schedule.situation import matches

    for rule in plan.first_steps:
        if any(e in sched.events for e in rule.unless) or not matches(rule.when, sched.situation, plan.simple_max):
            continue
        of_rule = {"reason": REASON_RULE, "letter": rule.letter, "checklist": rule.checklist}
        dated = {d.id: d for d in sched.stages if d.id in rule.rules}
        ahead = [dated[r] for r in rule.rules if r in dated and not dated[r].passed and not dated[r].done]
        if ahead:  # the first date passed, a later one still open (一年 when the rights were not stated)
            late = rule.rules[0] in dated and dated[rule.rules[0]].passed
            return Step(rule.id, rule.title, due=ahead[0], passed=rule.passed if late else None, **of_rule)
        if dated:
            return Step(rule.id, rule.title, passed=rule.passed, **of_rule)
        return Step(rule.id, rule.title, needs=rule.needs, needs_text=rule.needs_text, **of_rule)
    ahead = _ahead(plan, sched.stages, person=True)
    if ahead:
        d = min(ahead, key=lambda d: d.due)
        return Step(d.id, d.title, due=d)
    return None


def agency_due(plan, sched) -> "object | None":
    """The nearest legal date by which an authority must act (书面告知受理情况, 复查意见 …): what the
    screens say as 对方最晚…, never as the person's step."""
    ahead = _ahead(plan, sched.stages, person=False)
    return min(ahead, key=lambda d: d.due) if ahead else None


def next_legal(plan, stages) -> "object | None":
    """Of a schedule's stages (``deadlines.Due``), the nearest of the person's own dated acts still
    ahead; None when they have none."""
    ahead = _ahead(plan, stages, person=True)
    return min(ahead, key=lambda d: d.due) if ahead else None


def schedule_for(plan, cal, events: dict[str, dt.date], *, today: dt.date | None, channel: str | None,
                 situation) -> "object | None":
    """The schedule (``deadlines.compute``) that ``first_step`` and ``agency_due`` read; None when the
    events give none (a date out of the calendar's range, dates in the wrong order)."""
    from yb_guide.base.errors import UserError
    from yb_guide.schedule.deadlines import compute

    try:
        return compute(plan, cal, events, today=today, channel=channel, situation=situation)
    except UserError:
        return None


def step_for(plan, cal, events: dict[str, dt.date], *, today: dt.date | None, channel: str | None,
             situation) -> Step | None:
    """The first step for these events and this situation (None also when they give no schedule)."""
    sched = schedule_for(plan, cal, events, today=today, channel=channel, situation=situation)
    return first_step(plan, sched) if sched is not None else None
