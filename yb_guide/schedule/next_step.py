"""The legal date a person should act on first: what an outcome's first block and the deadline
screen's "先做这件事" lead with (one rule for both)."""

from __future__ import annotations

import datetime as dt


def next_legal(plan, stages) -> "object | None":
    """Of a schedule's stages (``deadlines.Due``), the legal one to act on first: the nearest of the
    person's own steps still ahead (复查, 复核, 复议 …); else the nearest legal date still ahead; None
    when no legal date is ahead."""
    ahead = [d for d in stages if plan.track(d.track).kind == "legal" and not d.done and not d.passed]
    for group in ([d for d in ahead if d.person_acts], ahead):
        if group:
            return min(group, key=lambda d: d.due)
    return None


def first_legal_date(plan, cal, events: dict[str, dt.date], *, today: dt.date | None, channel: str | None,
                     situation) -> "object | None":
    """The legal date to act on first for these events (``next_legal`` of their schedule); None when
    the events give no schedule (a date out of the calendar's range, dates in the wrong order)."""
    from yb_guide.base.errors import UserError
    from yb_guide.schedule.deadlines import compute

    try:
        sched = compute(plan, cal, events, today=today, channel=channel, situation=situation)
    except UserError:
        return None
    return next_legal(plan, sched.stages)
