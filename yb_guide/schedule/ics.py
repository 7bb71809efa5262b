"""Deadlines as an iCalendar file: one all-day event per stage, a reminder the working day before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from yb_guide.calendar.dates import show
from yb_guide.schedule.deadlines import Schedule
from yb_guide.calendar.workdays import Calendar


def build_ics(sched: Schedule, plan, cal: Calendar) -> bytes:
    from icalendar import Alarm, Calendar as ICal, Event  # only this path needs icalendar

    ical = ICal()
    ical.add("prodid", "-//ybguide//山西医保期限//ZH")
    ical.add("version", "2.0")
    first = min(sched.events.values())
    ical.add("x-wr-calname", f"医保期限（{first.isoformat()} 起）")
    import uuid

    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    # One export = one complaint: a random part keeps two complaints filed on the same day
    # (two people at a service desk) from replacing each other in a phone's calendar.
    export = uuid.uuid4().hex[:12]
    for due in sched.stages:
        ev = Event()
        ev.add("uid", f"{first.isoformat()}-{due.id}-{export}@ybguide")
        ev.add("dtstamp", stamp)
        title = due.title if due.title.endswith("最后一天") else f"{due.title}截止"
        ev.add("summary", title + ("（推算）" if due.estimated else ""))
        ev.add("dtstart", due.due)
        ev.add("dtend", due.due + dt.timedelta(days=1))
        ev.add("description", f"{due.rule}\n依据：{plan.cite(due.source)}")
        ev.add("transp", "TRANSPARENT")
        # Remind at 9:00 on the working day before (not just the calendar day before).
        before = cal.add_workdays(due.due, -1)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{show(due.due)}{due.title}到期")
        alarm.add("trigger", dt.timedelta(days=-(due.due - before).days, hours=9))
        ev.add_component(alarm)
        ical.add_component(ev)
    return ical.to_ical()


def write_ics(path: Path, sched: Schedule, plan, cal: Calendar, *, overwrite: bool = False) -> Path:
    """The calendar file, written whole (nothing is left behind if the disk is full)."""
    from yb_guide.base.files import write_atomic

    data = build_ics(sched, plan, cal)
    return write_atomic(path, lambda tmp: Path(tmp).write_bytes(data), overwrite=overwrite)


def write_cases_ics(path: Path, items, *, overwrite: bool = False) -> int:
    """Every (case, deadline) of ``items`` as an all-day event with a reminder the working day
    before; returns how many were written."""
    from icalendar import Alarm, Calendar as ICal, Event

    from yb_guide.base.files import write_atomic
    from yb_guide.calendar.workdays import get_calendar

    cal = get_calendar()
    ical = ICal()
    ical.add("prodid", "-//ybguide//山西医保期限//ZH")
    ical.add("version", "2.0")
    ical.add("x-wr-calname", "医保案件的期限")
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for case, due in items:
        ev = Event()
        ev.add("uid", f"case-{case.id}-{due.id}-{due.due.isoformat()}@ybguide")
        ev.add("dtstamp", stamp)
        title = due.title if due.title.endswith("最后一天") else f"{due.title}截止"
        who = case.name or case.ticket or ""
        ev.add("summary", f"案件{case.id}{('（' + who + '）') if who else ''}：{title}" + ("（推算）" if due.estimated else ""))
        ev.add("dtstart", due.due)
        ev.add("dtend", due.due + dt.timedelta(days=1))
        ev.add("description", due.rule)
        ev.add("transp", "TRANSPARENT")
        before = cal.add_workdays(due.due, -1)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{show(due.due)} 案件{case.id} {due.title}到期")
        alarm.add("trigger", dt.timedelta(days=-(due.due - before).days, hours=9))
        ev.add_component(alarm)
        ical.add_component(ev)
    data = ical.to_ical()
    write_atomic(path, lambda tmp: Path(tmp).write_bytes(data), private=True, overwrite=overwrite)
    return len(items)
