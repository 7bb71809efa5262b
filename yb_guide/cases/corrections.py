"""Correcting a case without losing what it said: every change of a field or of a log entry is kept
as a history row (what, old value, new value, when), and a change that moves a deadline says so.
Deleting a case first writes an export of it next to the journal."""

from __future__ import annotations

import datetime as dt

from yb_guide.base.errors import UserError
from yb_guide.cases import db as casedb
from yb_guide.cases.model import (LOG_KINDS, Case, Change, LogEntry, clean_text, editable, label, log_kind, make_case, now,
                                  value)
from yb_guide.cases.store import insert_change, insert_log, load_case, log_ids, stored, touch


def _raw(k, case: Case) -> dict:
    """A case's fields as ``make_case`` reads them."""
    return {name: value(case, name) for name in editable(k) if value(case, name) not in (None, [])}


def _moves(k, before: Case, after: Case, today: dt.date) -> str | None:
    """The deadlines a change moves, in words (复查请求的最后一天从 2024-07-05 变为 2024-07-08)."""
    from yb_guide.cases.timeline import schedule

    old = {s.id: s for s in schedule(k, before, today).stages}
    new = {s.id: s for s in schedule(k, after, today).stages}
    said = []
    for sid, s in new.items():
        if sid in old and old[sid].due != s.due:
            said.append(f"{s.title}从 {old[sid].due.isoformat()} 变为 {s.due.isoformat()}")
        elif sid not in old:
            said.append(f"新增期限：{s.title} {s.due.isoformat()}")
    said += [f"不再计算：{s.title}" for sid, s in old.items() if sid not in new]
    return "；".join(said) or None


def _apply(db, k, case: Case, changes: dict, today: dt.date) -> tuple[Case, list[Change]]:
    """Check ``changes`` against the whole case, store them, and keep each in the history."""
    from yb_guide.cases.timeline import check_dates

    fields = editable(k)
    unknown = [name for name in changes if name not in fields]
    if unknown:  # a programming error: the front end names fields from ``editable``
        raise ValueError(unknown)
    raw = {**_raw(k, case), **changes}
    new = make_case(k, raw, today)
    new.id, new.status, new.closed, new.created = case.id, case.status, case.closed, case.created
    new.region = case.region  # recorded once, when the case was made
    new.log, new.history = case.log, case.history
    check_dates(k, new, today)
    stamp = now()
    changed = [name for name in fields if stored(case, name) != stored(new, name)]
    if not changed:
        return new, []
    note = _moves(k, case, new, today)
    rows = [Change(stamp, name, _text(stored(case, name)), _text(stored(new, name)), note if i == 0 else None)
            for i, name in enumerate(changed)]
    touch(db, case.id, **{name: stored(new, name) for name in changed})
    for change in rows:
        insert_change(db, case.id, change)
    new.history = [*case.history, *rows]
    return new, rows


def _text(value) -> str | None:
    return None if value is None else str(value)


def edit(k, given, changes: dict, today: dt.date) -> tuple[Case, list[Change]]:
    """Change fields of a case (``case edit``); every change goes into its history."""
    with casedb.transaction(write=True) as db:
        case = load_case(db, given)
        return _apply(db, k, case, changes, today)


def set_event(k, given, fields: dict, today: dt.date, kind: str, log_text: str,
              at: str | None = None) -> tuple[Case, list[Change]]:
    """Record what happened (a result, a 复查 request …) as a change of the case with a log entry
    (at ``at``, the event's day, when given; otherwise now); a different date on a case that had
    one is a correction, kept in the history."""
    with casedb.transaction(write=True) as db:
        case = load_case(db, given)
        new, changes = _apply(db, k, case, fields, today)
        if changes:
            entry = LogEntry(at or now()[:16], kind, log_text, True)
            insert_log(db, case.id, entry)
            new.log = [*new.log, entry]
    return new, changes


def _entry(db, case: Case, number: int) -> tuple[int, LogEntry]:
    ids = log_ids(db, case.id)
    if not 1 <= number <= len(ids):
        raise UserError(f"案件 {case.id} 没有第 {number} 条沟通记录。",
                        hint=f"这个案件有 {len(ids)} 条记录，见 ybguide case show {case.id}" if ids else "这个案件还没有沟通记录")
    return ids[number - 1], case.log[number - 1]


def _entry_text(e: LogEntry) -> str:
    return f"{e.at}（{LOG_KINDS[e.kind]}）{e.text}"


def edit_log(given, number: int, today: dt.date, *, text: str | None = None, kind: str | None = None,
             at: str | None = None) -> tuple[Case, Change]:
    """Correct one log entry (its text, kind or time); the old entry stays in the history."""
    with casedb.transaction(write=True) as db:
        case = load_case(db, given)
        row_id, old = _entry(db, case, number)
        new = LogEntry(at or old.at, log_kind(kind) if kind else old.kind,
                       (clean_text(text) or "") if text is not None else old.text, old.auto)
        if not new.text:
            raise UserError("记录内容是空的。", hint="写明这次联系的情况")
        if (new.at, new.kind, new.text) == (old.at, old.kind, old.text):
            raise UserError(f"第 {number} 条沟通记录没有变化。", hint="用 --text、--kind 或 --at 写明要改成什么")
        db.execute("UPDATE log SET at = ?, kind = ?, text = ? WHERE id = ?", (new.at, new.kind, new.text, row_id))
        change = Change(now(), "log", _entry_text(old), _entry_text(new), f"第 {number} 条沟通记录")
        insert_change(db, case.id, change)
        touch(db, case.id)
    return load_case_again(given), change


def delete_log(given, number: int) -> tuple[Case, Change]:
    with casedb.transaction(write=True) as db:
        case = load_case(db, given)
        row_id, old = _entry(db, case, number)
        db.execute("DELETE FROM log WHERE id = ?", (row_id,))
        change = Change(now(), "log", _entry_text(old), None, f"删除了第 {number} 条沟通记录")
        insert_change(db, case.id, change)
        touch(db, case.id)
    return load_case_again(given), change


def load_case_again(given) -> Case:
    with casedb.transaction() as db:
        return load_case(db, given)


def delete(given):
    """Delete a case, after writing an export of it next to the journal (nothing is lost for good)."""
    import json

    from yb_guide.base.files import write_private
    from yb_guide.cases.model import export_document

    with casedb.transaction(write=True) as db:
        case = load_case(db, given)
        folder = casedb.db_path().parent / "deleted"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = now().replace("-", "").replace(":", "").replace(" ", "-")
        path = folder / f"case-{case.id}-{stamp}.json"
        text = json.dumps(export_document([case]), ensure_ascii=False, indent=2) + "\n"
        write_private(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        db.execute("DELETE FROM cases WHERE id = ?", (case.id,))
    return case, path


def field_label(name: str) -> str:
    return "沟通记录" if name == "log" else label(name)
