"""The SQL of the case journal: rows to cases and back.  Every statement has its values as
parameters; column names come from ``CASE_FIELDS`` and from event ids the data check let through
(``[a-z0-9-]``, ``-`` as ``_``), never from the user.

A case's event that has no column yet (an event declared for cases after the file was made) gets
one when a date of it is first written: ``ALTER TABLE cases ADD COLUMN``, a nullable TEXT, with
no new schema version, so an older ybguide still opens the file (it reads and writes its own
columns by name and leaves the others as they are)."""

from __future__ import annotations

import datetime as dt
import json
import re

from yb_guide.cases.model import CASE_FIELDS, DATE_FIELDS, Case, Change, LogEntry, event_of, now, set_value, value

_DB_COLUMNS = CASE_FIELDS[1:]
# A case started from a decision (to go to 行政复议) has no complaint: no channel, no filing date.
# Both columns are NOT NULL since schema step 1; '' stands for "none" there, so no new schema step is
# needed and an older file stays what it was.
NO_COMPLAINT = ("channel", "filed")


def _row_value(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return value


def _columns(case: Case) -> list[str]:
    """The columns a case is written to: the released ones and one per other event it has."""
    from yb_guide.schedule.columns import event_key

    return [*_DB_COLUMNS, *(event_key(e) for e in case.events if event_key(e) not in _DB_COLUMNS)]


_RELEASED_SET = frozenset(_DB_COLUMNS)  # columns every migrated journal has


def add_columns(db, names) -> None:
    """Give the journal a column for each event column in ``names`` it does not have yet."""
    names = [name for name in names if name not in _RELEASED_SET]
    if not names:
        return  # the released columns: every migrated journal has them (no PRAGMA a row on import)
    have = {r[1] for r in db.execute("PRAGMA table_info(cases)")}
    for name in names:
        if name not in have and event_of(name) is not None:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name):  # the data check allows no other id
                raise ValueError(name)
            db.execute(f"ALTER TABLE cases ADD COLUMN {name} TEXT")  # a date, ISO; NULL: not given
            have.add(name)


def from_row(row) -> Case:
    c = Case(id=row["id"])
    for name in row.keys():
        cell = row[name]
        if name == "id":
            continue
        if name in NO_COMPLAINT and cell == "":
            cell = None
        if (name in DATE_FIELDS or event_of(name) is not None) and cell:
            cell = dt.date.fromisoformat(cell)
        elif name in ("asks", "evidence"):
            cell = json.loads(cell or "[]")
        elif name == "complex":
            cell = bool(cell)
        set_value(c, name, cell)
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
    return _row_value(value(case, name))


def _cell(name: str, v):
    """What goes into the row: '' for a case's missing complaint (``NO_COMPLAINT``)."""
    return "" if v is None and name in NO_COMPLAINT else v


def insert_case(db, case: Case, keep_id: bool = False) -> int:
    stamp = now()
    case.created = case.created or stamp
    case.updated = case.updated or stamp
    columns = _columns(case)
    add_columns(db, columns)
    names = (["id"] if keep_id else []) + columns
    values = ([case.id] if keep_id else []) + [_cell(name, stored(case, name)) for name in columns]
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
    add_columns(db, changes)
    changes = {name: _cell(name, v) for name, v in changes.items()}
    changes["updated"] = now()
    sets = ", ".join(f"{name} = ?" for name in changes)  # names are ours, never the user's
    db.execute(f"UPDATE cases SET {sets} WHERE id = ?", [*changes.values(), case_id])
