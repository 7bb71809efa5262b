"""Getting back what a damaged journal still holds (``ybguide case export --salvage``).

The file is never written: it is opened immutable, or (when its -wal holds cases) copied with its
WAL into a private temporary folder first.  Each table is read as far as a scan in row order goes,
then row by row up to the highest id it ever gave (``sqlite_sequence``, the ids being
AUTOINCREMENT) or holds: a damaged page costs the rows on it, not the rows after it.  What could not
be read is counted, by table; the cases read are exported as a healthy journal's are.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from yb_guide.base.errors import RuntimeProblem
from yb_guide.cases.model import Change, LogEntry

TABLES = ("cases", "log", "history")
MAX_PROBES = 5_000_000  # ids tried one by one past the scan, at most (a wrecked counter is no reason to hang)


@dataclass
class Salvaged:
    path: str
    cases: list = field(default_factory=list)
    read: dict = field(default_factory=dict)  # table -> rows read
    lost: dict = field(default_factory=dict)  # table -> ids that could not be read (damaged pages, bad values)
    missing: dict = field(default_factory=dict)  # table -> ids below the highest that gave no row:
    # deleted before, or on a damaged page whose damage hides them (SQLite cannot tell which)
    orphans: int = 0  # log and history rows whose case was lost: they have nothing to belong to

    @property
    def lost_total(self) -> int:
        return sum(self.lost.values()) + self.orphans


def _row_dict(cur_row) -> dict:
    return {name: cur_row[name] for name in cur_row.keys()}


def _table(conn, table: str) -> tuple[dict[int, dict], int, int]:
    """(rows by id, ids that could not be read, ids that gave no row) of one table."""
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    got: dict[int, dict] = {}
    last = 0
    try:
        for r in cur.execute(f"SELECT * FROM {table} ORDER BY rowid"):  # table names are ours
            got[r["id"]] = _row_dict(r)
            last = max(last, r["id"])
    except sqlite3.DatabaseError:
        pass  # a damaged page: the rest row by row
    top = last
    for sql in (f"SELECT seq FROM sqlite_sequence WHERE name = '{table}'", f"SELECT max(rowid) FROM {table}"):
        try:
            found = conn.execute(sql).fetchone()
            top = max(top, int(found[0] or 0) if found else 0)
        except (sqlite3.DatabaseError, TypeError, ValueError):
            pass
    lost = missing = 0
    for rowid in range(last + 1, min(top, last + MAX_PROBES) + 1):
        try:
            r = cur.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            lost += 1
            continue
        if r is not None:
            got[rowid] = _row_dict(r)
        else:
            missing += 1
    return got, lost, missing


def _open(path: Path):
    from yb_guide.cases.guard import open_snapshot

    if not path.exists():
        raise RuntimeProblem(f"找不到案件数据库 {path}。", hint="用环境变量 YBGUIDE_HOME 指向它所在的文件夹")
    try:
        conn = open_snapshot(path)
        conn.execute("SELECT name FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as err:
        raise RuntimeProblem(f"案件数据库 {path} 坏得连表的结构都读不出（{err}），取不回任何案件。文件没有被改动。",
                             hint="请保留这个文件，找懂 SQLite 的人用 sqlite3 的 .recover 命令试试") from None
    return conn


def salvage(path: Path | None = None) -> Salvaged:
    """Every case, log entry and change that can still be read from the journal at ``path``."""
    from yb_guide.cases import db as casedb
    from yb_guide.cases.store import from_row

    path = Path(path or casedb.db_path())
    conn = _open(path)
    out = Salvaged(str(path))
    try:
        tables = {}
        for table in TABLES:
            try:
                tables[table] = _table(conn, table)
            except sqlite3.DatabaseError:
                tables[table] = ({}, 0, 0)  # the table itself is gone from the schema
    finally:
        conn.close()
    by_id = {}
    for table in TABLES:
        rows, lost, out.missing[table] = tables[table]
        out.read[table], out.lost[table] = 0, lost
        for rid, row in sorted(rows.items()):
            try:
                if table == "cases":
                    by_id[rid] = from_row(row)
                    by_id[rid].log, by_id[rid].history = [], []
                else:
                    case = by_id.get(row["case_id"])
                    if case is None:
                        out.orphans += 1
                        continue
                    if table == "log":
                        case.log.append(LogEntry(row["at"], row["kind"], row["text"], bool(row.get("auto"))))
                    else:
                        case.history.append(Change(row["at"], row["field"], row["old"], row["new"], row["note"]))
            except (KeyError, TypeError, ValueError, json.JSONDecodeError):
                out.lost[table] += 1  # a row whose values the damage garbled
                continue
            out.read[table] += 1
    for case in by_id.values():
        case.log.sort(key=lambda e: e.at)
    out.cases = [by_id[i] for i in sorted(by_id)]
    return out
