"""The case journal's operations: add, log, result, close, reopen, and where a case stands.

Every public function here is one transaction (``cases.db``).  Due dates are never stored: they
come from ``schedule.deadlines.compute`` each time a case is shown, so a corrected holiday calendar
corrects every case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from yb_guide.base.errors import UserError
from yb_guide.cases import db as casedb
from yb_guide.cases.model import Case, LogEntry, clean_text, log_kind, make_case, not_after, now
from yb_guide.cases.store import from_row, insert_case, insert_log, load_case, logs, rows, touch


def check_dates(k, case: Case, today: dt.date) -> None:
    """The deadline engine accepts the case's dates (in the calendar's range, in order)."""
    if case.filed is not None:
        schedule(k, case, today)


def schedule(k, case: Case, today: dt.date, cal=None):
    from yb_guide.schedule import deadlines
    from yb_guide.calendar import workdays

    # The same resolved rules `ybguide deadline` uses (cached, keyed by the data files).
    return deadlines.compute(deadlines.get_plan(k.data_dir), cal or workdays.get_calendar(), case_events(case),
                             today=today, complex_case=case.complex, channel=case.channel)


def case_events(case: Case) -> dict[str, dt.date]:
    """The dated events of a case, by event id (knowledge.deadline_rules.EVENTS)."""
    events = {"filed": case.filed, "result-received": case.result_received}
    return {name: value for name, value in events.items() if value is not None}


# ---------------------------------------------------------------- commands


def add(k, case: Case, today: dt.date) -> Case:
    check_dates(k, case, today)
    with casedb.transaction(write=True) as db:
        case.id = insert_case(db, case)
    return case


def get(given) -> Case:
    with casedb.transaction() as db:
        return load_case(db, given)


def all_cases() -> list[Case]:
    with casedb.transaction() as db:
        found = [from_row(r) for r in rows(db, "SELECT * FROM cases ORDER BY id")]
        by_case = logs(db)
    for c in found:
        c.log = by_case.get(c.id, [])
    return found


def add_log(given, text: str, kind: str = "other", at: str | None = None, *, auto: bool = False) -> tuple[Case, LogEntry]:
    kind = log_kind(kind)
    if not clean_text(text):
        raise UserError("记录内容是空的。", hint="写明这次联系的情况，如“致电12393查询进度，答复仍在调查”")
    entry = LogEntry(at or now()[:16], kind, text.strip(), auto)
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        insert_log(db, c.id, entry)
        touch(db, c.id)
    c.log.append(entry)
    return c, entry


def with_letter(given, produce):
    """One transaction for ``letter --case``: load the case, ``produce(case)`` the letter (which
    returns (result, log text)), and log it; if writing the letter fails, nothing is logged."""
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        result, note = produce(c)
        insert_log(db, c.id, LogEntry(now()[:16], "letter", note, True))
        touch(db, c.id)
    return result


def set_result(k, given, received: dt.date, today: dt.date) -> Case:
    not_after(received, today, "收到结果日期", "今天")
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        c.result_received = received
        check_dates(k, c, today)  # e.g. a result before the complaint was filed
        touch(db, c.id, result_received=received.isoformat())
        entry = LogEntry(now()[:16], "reply", f"收到处理结果（{received.isoformat()}）", True)
        insert_log(db, c.id, entry)
    c.log.append(entry)
    return c


def close(given, today: dt.date) -> tuple[Case, bool]:
    """Close a case; returns (case, whether anything changed)."""
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        if c.status == "closed":
            return c, False
        c.status, c.closed = "closed", today
        touch(db, c.id, status="closed", closed=today.isoformat())
        insert_log(db, c.id, LogEntry(now()[:16], "other", "结案", True))
    return c, True


def reopen(given) -> tuple[Case, bool]:
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        if c.status == "open":
            return c, False
        c.status, c.closed = "open", None
        touch(db, c.id, status="open", closed=None)
        insert_log(db, c.id, LogEntry(now()[:16], "other", "重新打开", True))
    return c, True


# ---------------------------------------------------------------- where a case stands


@dataclass
class Progress:
    schedule: object  # deadlines.Schedule
    relevant: set[str]  # stage ids that still matter
    next: object | None  # the first relevant stage not yet due (deadlines.Due)
    overdue: list  # relevant end stages whose date has passed while the case is open


def progress(k, case: Case, today: dt.date, cal=None) -> Progress:
    """Which stages matter now, which is next, which are overdue.

    Once the result has arrived, the bureau's own stages (受理、调查、反馈) are over,
    and only the windows that run from the result (复核、复议、诉讼) matter.  Only an
    end stage counts as overdue: 受理登记 passing is normal; 处理反馈 passing with no
    result is the time to follow up with the ticket number."""
    from yb_guide.knowledge.deadline_rules import EVENTS

    sched = schedule(k, case, today, cal)
    root: dict[str, str] = {}
    for s in sched.stages:
        root[s.id] = s.after if s.after in EVENTS else root.get(s.after, s.after)
    relevant = {s.id for s in sched.stages if case.result_received is None or root[s.id] != "filed"}
    if case.status == "closed":
        return Progress(sched, relevant, None, [])
    followed = {s.after for s in sched.stages}
    stages = [s for s in sched.stages if s.id in relevant]
    upcoming = sorted((s for s in stages if not s.passed), key=lambda s: s.due)
    overdue = sorted((s for s in stages if s.passed and s.id not in followed), key=lambda s: s.due)
    return Progress(sched, relevant, upcoming[0] if upcoming else None, overdue)


def with_changes(k, base: Case | None, given: dict, today: dt.date) -> Case:
    """``base`` (or an empty case) with the fields in ``given`` checked and put over it (not stored)."""
    import copy

    if base is None:
        return make_case(k, given, today, require=False)
    checked = make_case(k, {**given, "filed": base.filed}, today, require=False)
    out = copy.deepcopy(base)
    for name in given:
        setattr(out, name, getattr(checked, name))
    return out


def select(k, cases: list[Case], today: dt.date, *, open_only: bool = False,
           overdue_only: bool = False) -> list[tuple[Case, Progress]]:
    """The cases a listing shows, each with where it stands."""
    from yb_guide.calendar import workdays

    cal = workdays.get_calendar()
    out = []
    for c in cases:
        if open_only and c.status != "open":
            continue
        p = progress(k, c, today, cal)
        if overdue_only and not p.overdue:
            continue
        out.append((c, p))
    return out


def reminders(k, case: Case) -> list[str]:
    """What the user should still do for an open case: the source's advice to keep the time, the
    ticket number and who received you, while the case lacks the ticket or the staff name."""
    if case.status == "open" and not (case.ticket and case.staff):
        return [k.note("keep-records").text]
    return []
