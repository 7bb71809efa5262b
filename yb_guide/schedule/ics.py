"""Deadlines as an iCalendar file: one all-day event per stage; a legal deadline is reminded 7 days
before and on the working day before (a usual handling time, which is no legal deadline, is not)."""

from __future__ import annotations

import datetime as dt
import re
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


REMIND_DAYS = 7  # the early reminder of a legal deadline, in calendar days
REMIND_AT = 9  # o'clock


def _alarm(description: str, days_before: int):
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", dt.timedelta(days=-days_before, hours=REMIND_AT))
    return alarm


def _event(due, cal: Calendar, *, uid: str, summary: str, description: str, reminder: str, stamp, legal: bool):
    """One deadline as an all-day event.  A legal deadline gets two reminders at 9:00: 7 days before
    and on the working day before (not just the calendar day before); a usual handling time none."""
    from icalendar import Event

    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    title = due.title if due.title.endswith("最后一天") else f"{due.title}截止"
    ev.add("summary", summary + title + ("（推算）" if due.estimated else ""))
    ev.add("dtstart", due.due)
    ev.add("dtend", due.due + dt.timedelta(days=1))
    ev.add("description", description if legal else f"{description}\n{USUAL_NOTE}")
    ev.add("transp", "TRANSPARENT")
    if legal:
        before = (due.due - cal.add_workdays(due.due, -1)).days
        if before < REMIND_DAYS:
            ev.add_component(_alarm(f"{REMIND_DAYS}天后（{show(due.due)}）{reminder}{due.title}到期", REMIND_DAYS))
        ev.add_component(_alarm(f"{show(due.due)}{reminder}{due.title}到期", before))
    return ev


USUAL_NOTE = "这是通常的办理时间（网络文章所述），不是法定期限：过了这天可凭工单编号催办，不算逾期。"


def is_legal(plan, due) -> bool:
    return plan.track(due.track).kind == "legal"


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
                                  stamp=stamp, legal=is_legal(plan, due)))
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
    from yb_guide.schedule.deadlines import get_plan

    cal, plan = get_calendar(), get_plan()
    ical = _calendar("医保案件的期限")
    stamp = _now()
    for case, due in items:
        case_name = f"案件{case.id}" + (f"（工单{case.ticket}）" if case.ticket else "")
        ical.add_component(_event(due, cal, uid=f"case-{case.id}-{due.id}-{due.due.isoformat()}@ybguide",
                                  summary=f"{case_name}：", description=_about(due), reminder=f" 案件{case.id} ",
                                  stamp=stamp, legal=is_legal(plan, due)))
    data = ical.to_ical()
    write_atomic(path, lambda tmp: Path(tmp).write_bytes(data), private=True, overwrite=overwrite)
    return len(items)


ICS_LABELS = {"id": "编号", "name": "姓名"}  # how a batch's events name a row (--ics-name)
_ID_LIKE = re.compile(r"\d{15}|\d{17}[\dXx]")


class BatchEvents:
    """The legal deadlines of a batch's rows as calendar events (``deadline --batch IN --ics OUT``):
    one event per legal deadline not yet passed per row, named by the row's 编号 (or its masked name),
    never with an ID number.  ``schedule.batch.rows`` calls ``begin`` with the columns, then ``row``
    for every row it computed."""

    def __init__(self, plan, cal, *, label: str = "id", today: dt.date | None = None):
        from yb_guide.base.names import pick

        self.plan, self.cal, self.today = plan, cal, today
        self.label = pick(label, {k: (v,) for k, v in ICS_LABELS.items()}, "日历事件的命名方式（--ics-name）")
        self.events: list = []
        self.passed = 0  # legal deadlines of the rows already past (not written)
        self._schedules: dict = {}
        self._uids: set[str] = set()

    def begin(self, cols: dict[str, int], stages: list[str]) -> None:
        if self.label == "name" and "name" not in cols:
            from yb_guide.base.errors import UserError
            from yb_guide.schedule.columns import vocabulary

            raise UserError(f"表头里没有「{vocabulary().header('name')}」列，日历里的事件无法用姓名命名。",
                            hint="表头加上 姓名 列，或用 --ics-name 编号")
        self.id_at, self.name_at = cols.get("id", -1), cols.get("name", -1)
        self.stages = set(stages)

    def _label(self, line: int, row: list[str]) -> str:
        from yb_guide.base.text import mask_name

        n = len(row)
        name = row[self.name_at].strip() if 0 <= self.name_at < n else ""
        number = row[self.id_at].strip() if 0 <= self.id_at < n else ""
        if self.label == "name" and name:
            return mask_name(name)
        if number and not _ID_LIKE.search(number):  # an ID number used as 编号 stays out of the file
            return number if not number.isdigit() else f"{number}号"
        return f"第{line}行"

    def row(self, line: int, row: list[str], key: tuple) -> None:
        from yb_guide.schedule.deadlines import compute

        sched = self._schedules.get(key)
        if sched is None:
            dated, complex_case, channel, situation = key  # as schedule.batch.rows makes it
            sched = compute(self.plan, self.cal, dict(dated), today=None, complex_case=complex_case,
                            channel=channel, situation=situation)
            self._schedules[key] = sched
        label = self._label(line, row)
        filed = key[0][0][1]  # the first of the row's (event, date) pairs is always its filing
        for due in sched.stages:
            if due.id not in self.stages or not is_legal(self.plan, due):
                continue
            if self.today is not None and due.due < self.today:
                self.passed += 1
                continue
            uid = f"batch-{_digest(label, filed.isoformat())}-{due.id}@ybguide"
            if uid in self._uids:  # two rows of the same name and day
                uid = f"batch-{_digest(label, filed.isoformat(), str(line))}-{due.id}@ybguide"
            self._uids.add(uid)
            self.events.append((label, due, uid))

    def to_ical(self) -> bytes:
        ical = _calendar("医保期限（批量）")
        stamp = _now()
        for label, due, uid in self.events:
            ical.add_component(_event(due, self.cal, uid=uid, summary=f"{label}：",
                                      description=f"{_about(due)}\n依据：{self.plan.cite(due.source)}",
                                      reminder=f" {label} ", stamp=stamp, legal=True))
        return ical.to_ical()

    def write(self, path, *, overwrite: bool = False) -> int:
        from yb_guide.base.files import write_atomic

        data = self.to_ical()
        write_atomic(path, lambda tmp: Path(tmp).write_bytes(data), private=True, overwrite=overwrite)
        return len(self.events)


def _digest(*parts: str) -> str:
    """A stable part of a UID: running the batch again updates a phone's events instead of doubling them."""
    import zlib

    return f"{zlib.crc32(chr(0).join(parts).encode()):08x}"
