"""The SQL of the case journal: rows to cases and back.  Every statement has its values as
parameters; column names come from ``CASE_FIELDS``, never from the user."""

from __future__ import annotations

import datetime as dt
import json

from yb_guide.cases.model import CASE_FIELDS, DATE_FIELDS, Case, Change, LogEntry, now

_DB_COLUMNS = CASE_FIELDS[1:]


def _row_value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def _row(case: Case) -> list:
    return [_row_value(getattr(case, name)) for name in _DB_COLUMNS]


def from_row(row) -> Case:
    c = Case(id=row["id"])
    for name in _DB_COLUMNS:
        value = row[name]
        if name in DATE_FIELDS and value:
            value = dt.date.fromisoformat(value)
        elif name in ("asks", "evidence"):
            value = json.loads(value or "[]")
        elif name == "complex":
            value = bool(value)
        setattr(c, name, value)
    return c


def ids(db) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM cases ORDER BY id")]


def _case_id(given, db) -> int:
    from yb_guide.cases.find import case_id

    return case_id(db, given)


def rows(db, sql: str, params=()):
    """Rows by column name, without changing the connection's row factory for others."""
    import sqlite3

    cur = db.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, params)


def logs(db) -> dict[int, list[LogEntry]]:
    out: dict[int, list[LogEntry]] = {}
    for r in rows(db, "SELECT case_id, at, kind, text, auto FROM log ORDER BY case_id, at, id"):
        out.setdefault(r["case_id"], []).append(LogEntry(r["at"], r["kind"], r["text"], bool(r["auto"])))
    return out


def load_case(db, given) -> Case:
    case_id = _case_id(given, db)
    c = from_row(rows(db, "SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone())
    c.log = [LogEntry(r["at"], r["kind"], r["text"], bool(r["auto"])) for r in rows(
        db, "SELECT at, kind, text, auto FROM log WHERE case_id = ? ORDER BY at, id", (case_id,))]
    c.history = history(db).get(case_id, [])
    return c


def log_ids(db, case_id: int) -> list[int]:
    """The row ids of a case's log, in the order it is shown (entry 1, 2, …)."""
    return [r[0] for r in db.execute("SELECT id FROM log WHERE case_id = ? ORDER BY at, id", (case_id,))]


def history(db) -> dict[int, list[Change]]:
    out: dict[int, list[Change]] = {}
    for r in rows(db, "SELECT case_id, at, field, old, new, note FROM history ORDER BY case_id, id"):
        out.setdefault(r["case_id"], []).append(Change(r["at"], r["field"], r["old"], r["new"], r["note"]))
    return out


def insert_change(db, case_id: int, change: Change) -> None:
    db.execute("INSERT INTO history (case_id, at, field, old, new, note) VALUES (?, ?, ?, ?, ?, ?)",
               (case_id, change.at, change.field, change.old, change.new, change.note))


def stored(case: Case, name: str):
    """A field as it is stored (ISO date, JSON list, 0/1), for comparing and for the history."""
    return _row_value(getattr(case, name))


def insert_case(db, case: Case, keep_id: bool = False) -> int:
    stamp = now()
    case.created = case.created or stamp
    case.updated = case.updated or stamp
    names = (["id"] if keep_id else []) + list(_DB_COLUMNS)
    values = ([case.id] if keep_id else []) + _row(case)
    marks = ", ".join("?" * len(names))
    cur = db.execute(f"INSERT INTO cases ({', '.join(names)}) VALUES ({marks})", values)
    case_id = cur.lastrowid
    for entry in case.log:
        insert_log(db, case_id, entry)
    for change in case.history:
        insert_change(db, case_id, change)
    return case_id


def insert_log(db, case_id: int, entry: LogEntry) -> None:
    db.execute("INSERT INTO log (case_id, at, kind, text, auto) VALUES (?, ?, ?, ?, ?)",
               (case_id, entry.at, entry.kind, entry.text, int(entry.auto)))


def touch(db, case_id: int, **changes) -> None:
    changes["updated"] = now()
    sets = ", ".join(f"{name} = ?" for name in changes)  # names are ours, never the user's
    db.execute(f"UPDATE cases SET {sets} WHERE id = ?", [*changes.values(), case_id])
