"""A case's dates as the deadline engine sees them: its events, its schedule, and the check that
they are in order (no result before the complaint, no 复查 before the result …)."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar

from yb_guide.cases.model import Case


def check_dates(k, case: Case, today: dt.date) -> None:
    """The deadline engine accepts the case's dates (in the calendar's range, in order)."""
    if case.events:
        schedule(k, case, today)


def schedule(k, case: Case, today: dt.date, cal=None):
    from yb_guide.schedule import deadlines
    from yb_guide.calendar import workdays

    # The same resolved rules `ybguide deadline` uses (cached, keyed by the data files; or found once
    # for a whole file: ``one_run``); a date of an event the data no longer declares stays in the
    # journal but counts for nothing.
    pinned = _pinned.get()
    plan = pinned[0] if pinned else deadlines.get_plan(k.data_dir)
    events = {e: day for e, day in case_events(case).items() if e in plan.events}
    return deadlines.compute(plan, cal or (pinned[1] if pinned else workdays.get_calendar()), events,
                             today=today, complex_case=case.complex, channel=case.channel,
                             situation=case_situation(case))


def case_situation(case: Case):
    """The case's answers to the situation questions; its 涉及金额 is the amount in dispute."""
    from yb_guide.schedule.situation import Situation

    return Situation(decision=case.decision_kind, matter=case.matter, rights_stated=case.rights_stated,
                     amount=case.amount)


def case_events(case: Case) -> dict[str, dt.date]:
    """The dated events of a case, by event id (data/deadlines.yaml events)."""
    return {e: day for e, day in case.events.items() if day is not None}


_pinned: ContextVar = ContextVar("ybguide_one_run", default=None)


@contextmanager
def one_run(k):
    """The rules and the calendar found once for every case checked inside (``case import``): each
    finding hashes the data files, once a row made 50,000 rows take minutes."""
    from yb_guide.calendar import workdays
    from yb_guide.schedule import deadlines

    token = _pinned.set((deadlines.get_plan(k.data_dir), workdays.get_calendar()))
    try:
        yield
    finally:
        _pinned.reset(token)
