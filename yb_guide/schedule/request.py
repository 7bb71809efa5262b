"""One request per use case: the deadlines of what a person typed.

Both front ends (``ybguide deadline`` and the web page's deadline form) hand the raw field values to
``schedule_request`` and get back the schedule or the errors by field; a third front end would write
no orchestration.  How a field is named in a message is the front end's (``--filed`` on the command
line, 提交投诉的日期 on the page): it passes ``name_of``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import Callable

from yb_guide.base.errors import UserError
from yb_guide.base.record import record


@record(frozen=False)
class DeadlineRequest:
    """The raw values of a deadline request, as typed (None: not given)."""

    events: dict[str, str | None] = field(default_factory=dict)  # event id -> a date as people write it (None: not given)
    situation: dict[str, str | None] = field(default_factory=dict)  # schedule.situation.FIELDS -> text
    channel: str | None = None  # an id, a name or an alias (热线, 信件)
    complex_case: bool = False
    today: str | dt.date | None = None  # None: today in Beijing time


@record(frozen=False)
class DeadlineAnswer:
    """The schedule (None when something was wrong), what it was computed with, and the errors: the
    field they are about (an event id, ``channel``, ``today``, a situation field; None: the whole
    request) -> the error, in the order the fields are read."""

    schedule: object | None  # schedule.deadlines.Schedule
    plan: object  # schedule.deadlines.Plan
    calendar: object  # calendar.workdays.Calendar
    today: dt.date
    errors: dict[str | None, UserError]

    def first_error(self) -> UserError | None:
        return next(iter(self.errors.values()), None)


def schedule_request(request: DeadlineRequest, calendar=None, *, plan=None,
                     name_of: Callable[[str], str] | None = None) -> DeadlineAnswer:
    """The deadlines of ``request``: every field read (so a form can mark every wrong one), then,
    if all are right, the schedule; with no date at all, the complaint is taken as filed today.
    ``calendar`` and ``plan``: the ones a long-running front end (the web page) keeps, instead of
    finding them again (checking their files) on every request."""
    from yb_guide.calendar import workdays
    from yb_guide.calendar.dates import parse_date, today_in_china
    from yb_guide.schedule import deadlines
    from yb_guide.schedule.situation import read_situation

    errors: dict[str | None, UserError] = {}
    plan = plan or deadlines.get_plan()
    name_of = name_of or plan.events.date_label
    today = today_in_china()
    if isinstance(request.today, dt.date):
        today = request.today
    elif request.today:
        try:
            today = parse_date(request.today, name_of("today"))
        except UserError as err:
            errors["today"] = err
    cal = calendar or workdays.get_calendar()
    events: dict[str, dt.date] = {}
    for event, text in request.events.items():
        if text is not None:  # "" was given, and is wrong (是空的)
            try:
                events[event] = parse_date(text, name_of(event), today=today)
            except UserError as err:
                errors[event] = err
    channel = None
    if request.channel:
        from yb_guide.knowledge.lookup import find_channel

        try:
            channel = find_channel(plan, request.channel)
        except UserError as err:
            errors["channel"] = err
    situation = None
    try:
        situation = read_situation(plan.situation, request.situation)
    except UserError as err:
        errors[err.field] = err
    if errors:
        return DeadlineAnswer(None, plan, cal, today, errors)
    if not events:
        events["filed"] = today
    try:
        sched = deadlines.compute(plan, cal, events, today=today, complex_case=request.complex_case, channel=channel,
                                  situation=situation)
    except UserError as err:
        return DeadlineAnswer(None, plan, cal, today, {err.field: err})
    return DeadlineAnswer(sched, plan, cal, today, {})
