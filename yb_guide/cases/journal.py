"""The case journal's operations: add, log, result, close, reopen, and where a case stands.

Every public function here is one transaction (``cases.db``).  Due dates are never stored: they
come from ``schedule.deadlines.compute`` each time a case is shown, so a corrected holiday calendar
corrects every case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from yb_guide.base.errors import UserError
from yb_guide.base.record import record
from yb_guide.cases import db as casedb
from yb_guide.cases.model import Case, LogEntry, clean_text, log_kind, make_case, now, set_value, value
from yb_guide.cases.timeline import check_dates, schedule
from yb_guide.cases.store import from_row, history, insert_case, insert_log, load_case, logs, rows, touch


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
        by_case, changes = logs(db), history(db)
    for c in found:
        c.log = by_case.get(c.id, [])
        c.history = changes.get(c.id, [])
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


def with_letter(given, produce, dated: dt.date | None = None):
    """One transaction for ``letter --case``: load the case, ``produce(case)`` the letter (which
    returns (result, log text or None)), and log it when it was written to a file (showing it on
    screen logs nothing); if writing the letter fails, nothing is logged.  A letter dated before
    today (``--today``) is logged on its date, so the log never runs ahead of the day it was given."""
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        result, note = produce(c)
        if note:
            stamp = now()[:16]
            if dated is not None and dated.isoformat() < stamp[:10]:
                stamp = f"{dated.isoformat()}{stamp[10:]}"
            insert_log(db, c.id, LogEntry(stamp, "letter", note, True))
            touch(db, c.id)
    return result


def set_result(k, given, received: dt.date, today: dt.date):
    """Record the result's date, logged on that day (not when it was typed: the log reads in the
    order things happened); a different date on a case that has one is a correction, kept in its
    history with any deadline it moves."""
    from yb_guide.cases.corrections import set_event

    return set_event(k, given, {"result_received": received}, today, "reply", f"收到处理结果（{received.isoformat()}）",
                     at=received.isoformat())


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


@record(frozen=False)
class Progress:
    schedule: object  # deadlines.Schedule
    relevant: set[str]  # stage ids still waited for (not done: their event has not happened)
    next: object | None  # the first relevant stage not yet due (deadlines.Due)
    overdue: list  # relevant end stages of a legal period whose last day has passed (已过)
    still_open: list  # a closed case's windows that are still open (复查, 复核, 复议, 诉讼)
    # relevant end stages of the usual handling times (web article, not law) that have passed: no
    # deadline was missed; it is the time to 催办 with the ticket
    follow_up: list = field(default_factory=list)
    step: object | None = None  # what the person must do first (schedule.next_step.Step)


def progress(k, case: Case, today: dt.date, cal=None) -> Progress:
    """Which stages matter now, which is next, which are overdue.

    A stage stops mattering when the event it waited for has happened (``done_by`` in the data:
    the result arrived, the 复查 was requested …).  Only an end stage counts as overdue: 受理登记
    passing is normal; 处理反馈 passing with no result is the time to follow up with the ticket.
    A closed case still shows the windows it leaves open: the 复查/复核 requests and 复议/诉讼
    run from dates that closing the case does not change."""
    from yb_guide.schedule.deadlines import get_plan
    from yb_guide.schedule.next_step import first_step

    sched = schedule(k, case, today, cal)
    step = first_step(get_plan(k.data_dir), sched)  # the one decision the deadline screen and the flows ask
    relevant = {s.id for s in sched.stages if not s.done}
    stages = [s for s in sched.stages if s.id in relevant]
    upcoming = sorted((s for s in stages if not s.passed), key=lambda s: s.due)
    if case.status == "closed":
        still = [s for s in upcoming if s.after != "filed" and s.track in ("petition", "administrative")
                 and not s.id.startswith("petition-")]
        return Progress(sched, relevant, None, [], still, step=step)
    followed = {s.after for s in sched.stages}
    ends = sorted((s for s in stages if s.passed and s.id not in followed), key=lambda s: s.due)
    # A usual handling time is no legal deadline: passing it is the time to follow up, never 已过.
    overdue = [s for s in ends if s.basis_kind != "web-article"]
    follow_up = [s for s in ends if s.basis_kind == "web-article"]
    # the person's own first act leads; else what comes next (an authority's reply)
    nxt = step.due if step is not None and step.due is not None else (upcoming[0] if upcoming else None)
    return Progress(sched, relevant, nxt, overdue, [], follow_up, step=step)


def knowledge_for(k, case: Case | None):
    """The knowledge of the region ``case`` was recorded under, when it is not ``k``'s: its letter
    goes to that region's bureau whatever region is chosen now.  A case from before regions (no
    region) and a case of ``k``'s own region get ``k``."""
    if case is None or not case.region or case.region == k.pack.id:
        return k
    from yb_guide.knowledge import loader

    try:
        return loader.get(k.data_dir, case.region)
    except UserError:
        raise UserError(f"案件 {case.id} 是在地区 {case.region} 下记录的，找不到这个地区的数据包。",
                        hint="按案件的地区写信需要它的数据包（YBGUIDE_PACKS 指向的文件夹）；ybguide config 列出可选的地区") from None


def with_changes(k, base: Case | None, given: dict, today: dt.date) -> Case:
    """``base`` (or an empty case) with the fields in ``given`` checked and put over it (not stored)."""
    import copy

    if base is None:
        return make_case(k, given, today, require=False)
    checked = make_case(k, {**given, "filed": base.filed}, today, require=False)
    out = copy.deepcopy(base)
    for name in given:
        set_value(out, name, value(checked, name))
    return out


SEARCHED = ("name", "agent_name", "ticket", "institution", "summary", "staff", "place")


# ID numbers are found only whole (a part of one would let anyone probe a number digit by digit)
SEARCHED_WHOLE = ("id_number", "agent_id_number")


def matches(case: Case, words: str) -> bool:
    """Whether every word is in the case's names, ticket, institution or summary, or is the insured
    person's or the agent's whole ID number (x or X)."""
    from yb_guide.base.text import ascii_forms

    hay = ascii_forms(" ".join(getattr(case, f) or "" for f in SEARCHED)).lower()
    whole = {ascii_forms(v).strip().upper() for v in (getattr(case, f) for f in SEARCHED_WHOLE) if v}
    return all(ascii_forms(w).lower() in hay or ascii_forms(w).upper() in whole for w in words.split())


def select(k, cases: list[Case], today: dt.date, *, open_only: bool = False, overdue_only: bool = False,
           search: str | None = None) -> list[tuple[Case, Progress]]:
    """The cases a listing shows, each with where it stands."""
    from yb_guide.calendar import workdays

    cal = workdays.get_calendar()
    out = []
    for c in cases:
        if open_only and c.status != "open":
            continue
        if search and not matches(c, search):
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


def open_deadlines(k, cases: list[Case], today: dt.date) -> list[tuple[Case, object]]:
    """Every deadline still ahead, across ``cases``: an open case's stages not yet met, a closed
    case's windows that stay open (复查, 复核, 复议, 诉讼); in date order."""
    from yb_guide.calendar import workdays

    cal = workdays.get_calendar()
    out = []
    for c in cases:
        p = progress(k, c, today, cal)
        ahead = p.still_open if c.status == "closed" else [
            s for s in p.schedule.stages if s.id in p.relevant and not s.passed]
        out += [(c, s) for s in ahead]
    return sorted(out, key=lambda item: (item[1].due, item[0].id))


def due_soon(k, cases: list[Case], today: dt.date, days: int) -> tuple[list, list]:
    """(overdue, coming): what has passed on open cases, and what falls due within ``days`` days."""
    from yb_guide.calendar import workdays

    cal = workdays.get_calendar()
    overdue = []
    for c in cases:
        if c.status == "open":
            overdue += [(c, s) for s in progress(k, c, today, cal).overdue]
    limit = today + dt.timedelta(days=days)
    coming = [(c, s) for c, s in open_deadlines(k, cases, today) if s.due <= limit]
    return sorted(overdue, key=lambda item: (item[1].due, item[0].id)), coming
