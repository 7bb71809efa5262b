"""A case's dates as the deadline engine sees them: its events, its schedule, and the check that
they are in order (no result before the complaint, no 复查 before the result …)."""

from __future__ import annotations

import datetime as dt

from yb_guide.cases.model import Case


def check_dates(k, case: Case, today: dt.date, plan=None, cal=None) -> None:
    """The deadline engine accepts the case's dates (in the calendar's range, in order); ``plan``
    and ``cal``: found once by a caller checking many cases (``case import``)."""
    if case.filed is not None:
        schedule(k, case, today, cal, plan=plan)


def schedule(k, case: Case, today: dt.date, cal=None, *, plan=None):
    from yb_guide.schedule import deadlines
    from yb_guide.calendar import workdays

    # The same resolved rules `ybguide deadline` uses (cached, keyed by the data files); a date of an
    # event the data no longer declares stays in the journal but counts for nothing.
    plan = plan or deadlines.get_plan(k.data_dir)
    events = {e: day for e, day in case_events(case).items() if e in plan.events}
    return deadlines.compute(plan, cal or workdays.get_calendar(), events,
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
