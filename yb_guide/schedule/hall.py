"""When the service hall is open: working days, during the hours the data gives."""

from __future__ import annotations

import datetime as dt

from yb_guide.base.record import record
from yb_guide.calendar.workdays import Calendar

HALL_ROLE = "hall"  # data/pack.yaml roles: the channels that are a service hall


def hall_channel(k):
    """The region's hall: of the channels with ``role: hall``, the first whose contact gives opening
    times (``hours_open``/``hours_close``), else the first (whose hours are words only)."""
    halls = k.filling(HALL_ROLE)
    if not halls:
        from yb_guide.base.errors import UserError

        raise UserError(f"「{k.pack.name}」的数据包没有医保服务大厅（role: hall 的渠道）。")
    return next((c for c in halls if c.contact.hours_open and c.contact.hours_close), halls[0])


@record(frozen=False)
class HallHours:
    on: dt.date
    at: dt.time | None
    opens: str | None  # None: the region's pack does not know the hall's hours
    closes: str | None
    open_that_day: bool
    open_now: bool | None  # only when a time of day is known
    next_open: dt.date  # the first day (from ``on``, or after it if already closed) the hall is open
    estimated: bool
    notes: tuple[str, ...]
    day_name: str | None  # the holiday's (or makeup day's) name
    hours_status: str  # whether anybody confirmed the hours (knowledge.sources.Status)
    confirm_by: str  # whom to call to confirm them
    hours_text: str | None = None  # the hours as the data says them (when there are no opening times)


def hall_hours(k, cal: Calendar, on: dt.date, at: dt.time | None = None) -> HallHours:
    hall = hall_channel(k)
    contact = hall.contact  # hours come from the region pack's hall (docs/packs.md)
    opens, closes = contact.hours_open, contact.hours_close
    close_t = dt.time.fromisoformat(closes) if closes else None
    open_t = dt.time.fromisoformat(opens) if opens else None
    workday = cal.is_workday(on)
    open_now = None
    if at is not None and open_t and close_t:
        open_now = workday and open_t <= at < close_t
    # After closing time the next chance is the next working day.
    if workday and not (at is not None and close_t and at >= close_t):
        next_open = on
    else:
        next_open = cal.add_workdays(on, 1)
    return HallHours(on=on, at=at, opens=opens, closes=closes, open_that_day=workday, open_now=open_now,
                     next_open=next_open, estimated=cal.is_estimated(on) or cal.is_estimated(next_open),
                     notes=hall.notes, day_name=cal.name(on),
                     hours_status=hall.status, confirm_by=k.main.scope.confirm_by,
                     hours_text=contact.hours)
