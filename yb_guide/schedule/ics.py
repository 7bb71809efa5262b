"""Deadlines as an iCalendar file: one all-day event per stage, a reminder the working day before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from yb_guide.calendar.dates import show
from yb_guide.schedule.deadlines import Schedule
from yb_guide.calendar.workdays import Calendar


def _calendar(name: str):
    from icalendar import Calendar as ICal  # only the .ics path needs icalendar

    ical = ICal()
    ical.add("prodid", "-//ybguide//医保期限//ZH")
    ical.add("version", "2.0")
    ical.add("x-wr-calname", name)
    return ical


def _event(due, cal: Calendar, *, uid: str, summary: str, description: str, reminder: str, stamp):
    """One deadline as an all-day event, reminded at 9:00 on the working day before (not just the
    calendar day before)."""
    from icalendar import Alarm, Event

    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    title = due.title if due.title.endswith("最后一天") else f"{due.title}截止"
    ev.add("summary", summary + title + ("（推算）" if due.estimated else ""))
    ev.add("dtstart", due.due)
    ev.add("dtend", due.due + dt.timedelta(days=1))
    ev.add("description", description)
    ev.add("transp", "TRANSPARENT")
    before = cal.add_workdays(due.due, -1)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{show(due.due)}{reminder}{due.title}到期")
    alarm.add("trigger", dt.timedelta(days=-(due.due - before).days, hours=9))
    ev.add_component(alarm)
    return ev


def _now():
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _about(due) -> str:
    """The event's text: when the date applies to this person, the moved day beside a 信访 day, the rule."""
    from yb_guide.schedule.deadlines import moved_text

    return "\n".join(x for x in (due.condition, moved_text(due), due.rule) if x)


def build_ics(sched: Schedule, plan, cal: Calendar) -> bytes:
    import uuid

    first = min(sched.events.values())
    ical = _calendar(f"{plan.region}医保期限（{first.isoformat()} 起）")
    stamp = _now()
    # One export = one complaint: a random part keeps two complaints filed on the same day
    # (two people at a service desk) from replacing each other in a phone's calendar.
    export = uuid.uuid4().hex[:12]
    for due in sched.stages:
        ical.add_component(_event(due, cal, uid=f"{first.isoformat()}-{due.id}-{export}@ybguide", summary="",
                                  description=f"{_about(due)}\n依据：{plan.cite(due.source)}", reminder="",
                                  stamp=stamp))
    return ical.to_ical()


def write_ics(path: Path, sched: Schedule, plan, cal: Calendar, *, overwrite: bool = False) -> Path:
    """The calendar file, written whole (nothing is left behind if the disk is full)."""
    from yb_guide.base.files import write_atomic

    data = build_ics(sched, plan, cal)
    return write_atomic(path, lambda tmp: Path(tmp).write_bytes(data), overwrite=overwrite)


def write_cases_ics(path: Path, items, *, overwrite: bool = False) -> int:
    """Every (case, deadline) of ``items`` as an all-day event with a reminder the working day
    before; returns how many were written.  Events name the case by its number and ticket, never
    by a person's name: a phone's calendar may be kept in someone's cloud."""
    from yb_guide.base.files import write_atomic
    from yb_guide.calendar.workdays import get_calendar

    cal = get_calendar()
    ical = _calendar("医保案件的期限")
    stamp = _now()
    for case, due in items:
        case_name = f"案件{case.id}" + (f"（工单{case.ticket}）" if case.ticket else "")
        ical.add_component(_event(due, cal, uid=f"case-{case.id}-{due.id}-{due.due.isoformat()}@ybguide",
                                  summary=f"{case_name}：", description=_about(due), reminder=f" 案件{case.id} ",
                                  stamp=stamp))
    data = ical.to_ical()
    write_atomic(path, lambda tmp: Path(tmp).write_bytes(data), private=True, overwrite=overwrite)
    return len(items)
