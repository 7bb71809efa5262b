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
