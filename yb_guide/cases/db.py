"""The case journal's SQLite file: where it lives, opening it safely, migrating its schema.

Promises (tested in tests/test_case_db.py):
- the file is created with mode 0600 in the user's data directory (or YBGUIDE_HOME);
- a file that is not ours (not SQLite, another program's database, a newer schema,
  a damaged file) is reported with its path and never written to;
- every command is one transaction; writers take the lock up front (BEGIN IMMEDIATE)
  and wait for each other (busy timeout) instead of failing or losing a write;
- WAL journaling, so a process killed mid-write leaves the last committed state;
- every transaction starts with ``PRAGMA quick_check`` (``cases.guard``): a damaged journal is read
  by ``case export --salvage`` only (``cases.salvage``), never written;
- a journal this process may not write (a read-only file, folder or disk, a full disk) is read as
  it was last saved, WAL included, without a byte written beside it (tests/cases/test_faults.py).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from yb_guide.base.errors import RuntimeProblem

FILE_NAME = "cases.sqlite3"
APPLICATION_ID = 0x59424744  # "YBGD": marks the file as ybguide's (PRAGMA application_id)
BUSY_TIMEOUT_MS = 30_000  # how long a command waits for another one holding the write lock
_SQLITE_HEADER = b"SQLite format 3\x00"

# MIGRATIONS[n] takes the schema from version n to n + 1.  Never edit a released step:
# add a new one, so that every older file can be brought forward.  An event declared for cases
# (data/deadlines.yaml, case: true) after step 5 needs no step: its column is added when a date of
# it is first written (``store.add_columns``), without a new version, so an older ybguide still
# opens the file.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: cases and their communication log
    (
        """CREATE TABLE cases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            filed TEXT NOT NULL,               -- ISO date
            ticket TEXT, staff TEXT, institution TEXT,
            amount TEXT,                       -- '1280.50' (money as text, never a float)
            summary TEXT,
            asks TEXT NOT NULL DEFAULT '[]',   -- JSON list of demands
            complex INTEGER NOT NULL DEFAULT 0,
            id_number TEXT, card_number TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            result_received TEXT,
            created TEXT NOT NULL, updated TEXT NOT NULL
        )""",
        """CREATE TABLE log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            at TEXT NOT NULL,                  -- 'YYYY-MM-DD HH:MM:SS', local time
            kind TEXT NOT NULL CHECK (kind IN ('call', 'visit', 'letter', 'reply', 'other')),
            text TEXT NOT NULL
        )""",
        "CREATE INDEX log_by_case ON log(case_id, at)",
    ),
    # 2: what the complaint letter needs (complainant, incident, evidence), when a case was
    #    closed, and which log entries ybguide wrote itself (kept out of the letter's facts)
    (
        "ALTER TABLE cases ADD COLUMN name TEXT",
        "ALTER TABLE cases ADD COLUMN phone TEXT",
        "ALTER TABLE cases ADD COLUMN address TEXT",
        "ALTER TABLE cases ADD COLUMN incident_date TEXT",
        "ALTER TABLE cases ADD COLUMN place TEXT",
        "ALTER TABLE cases ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE cases ADD COLUMN closed TEXT",
        "ALTER TABLE log ADD COLUMN auto INTEGER NOT NULL DEFAULT 0",
    ),
    # 3: acting for someone (代办), the events after the reply (复查, 复核, the decision itself), and
    #    the history of every correction
    (
        "ALTER TABLE cases ADD COLUMN agent_name TEXT",
        "ALTER TABLE cases ADD COLUMN agent_relation TEXT",
        "ALTER TABLE cases ADD COLUMN agent_id_number TEXT",
        "ALTER TABLE cases ADD COLUMN petition_accepted TEXT",
        "ALTER TABLE cases ADD COLUMN decision_known TEXT",
        "ALTER TABLE cases ADD COLUMN decision_made TEXT",
        "ALTER TABLE cases ADD COLUMN review_requested TEXT",
        "ALTER TABLE cases ADD COLUMN review_to TEXT",
        "ALTER TABLE cases ADD COLUMN review_replied TEXT",
        "ALTER TABLE cases ADD COLUMN reexam_requested TEXT",
        "ALTER TABLE cases ADD COLUMN reexam_to TEXT",
        "ALTER TABLE cases ADD COLUMN reexam_replied TEXT",
        "ALTER TABLE cases ADD COLUMN reason TEXT",
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            at TEXT NOT NULL,                  -- 'YYYY-MM-DD HH:MM:SS', Beijing time
            field TEXT NOT NULL,               -- a case column, or 'log'
            old TEXT, new TEXT,                -- as stored (ISO dates, JSON lists)
            note TEXT                          -- e.g. a deadline the change moved
        )""",
        "CREATE INDEX history_by_case ON history(case_id, id)",
    ),
    # 4: what decides which rules apply to the person: what the decision was, what the complaint is
    #    about, whether the decision stated the right to 复议/诉讼 (option ids of deadlines.yaml's situation)
    (
        "ALTER TABLE cases ADD COLUMN decision_kind TEXT",
        "ALTER TABLE cases ADD COLUMN matter TEXT",
        "ALTER TABLE cases ADD COLUMN rights_stated TEXT",
    ),
    # 5: the region the case was recorded under (its pack's id, CN-ZZ …): a letter written later goes
    #    to that region's bureau whatever region is chosen then (NULL: recorded before regions)
    (
        "ALTER TABLE cases ADD COLUMN region TEXT",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def home() -> Path:
    """The user's data directory: YBGUIDE_HOME, else the platform's (e.g. ~/.local/share/ybguide)."""
    from yb_guide.base.paths import user_home

    return user_home()


def db_path() -> Path:
    return home() / FILE_NAME


def _problem(path: Path, what: str) -> RuntimeProblem:
    return RuntimeProblem(
        f"案件数据库 {path} {what}。文件没有被改动。",
        hint="请先把这个文件复制一份保存好（不要删除它）；有备份的，可以设置 YBGUIDE_HOME 指向一个新文件夹，"
             "再用 ybguide case import 导入备份",
    )


def _read_only(path: Path) -> RuntimeProblem:
    from yb_guide.cases.guard import read_only_cause

    return read_only_cause(path) or RuntimeProblem(
        f"无法保存：案件数据库 {path} 不能写入（它或它所在的文件夹 {path.parent} 是只读的）。没有改动任何内容。",
        hint="查看和导出案件仍然可以；要记录，请换到可以写入的位置，或用 YBGUIDE_HOME 指定另一个文件夹")


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def _check_header(path: Path) -> bytes | None:
    """Refuse a file that is not SQLite before SQLite touches it; its first 100 bytes (None: no file)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except (FileNotFoundError, NotADirectoryError):
        return None  # no journal yet (its folder may not exist, or cannot: said when one is made)
    except OSError as err:
        from yb_guide.base.errors import os_error_text

        raise RuntimeProblem(f"无法读取案件数据库 {path}（{os_error_text(err)}）。",
                             hint="请检查这个文件的权限，或用环境变量 YBGUIDE_HOME 指定另一个文件夹") from None
    if not head:
        return head  # an empty file is a new database to SQLite
    if not head.startswith(_SQLITE_HEADER):
        raise _problem(path, "不是 SQLite 数据库文件")
    if len(head) < 100:
        raise _problem(path, "不完整（文件头被截断）")
    return head


def _create(path: Path) -> None:
    from yb_guide.base.errors import os_error_text

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as err:
        raise RuntimeProblem(f"无法创建保存案件的文件夹 {path.parent}（{os_error_text(err)}）。没有改动任何内容。",
                             hint="可以用环境变量 YBGUIDE_HOME 指定另一个可以写入的文件夹") from None
    if not _writable(path.parent):
        raise _read_only(path)
    try:
        # Made empty with the right mode first: SQLite then keeps 0600 for the file and
        # gives its -wal and -shm files the same mode.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # another ybguide process made it a moment ago
    except OSError as err:
        import errno

        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            from yb_guide.cases.guard import full_message, free_space, needed_space

            raise full_message(path.parent, needed_space(path), free_space(path.parent)) from None
        raise RuntimeProblem(f"无法创建案件数据库 {path}（{os_error_text(err)}）。",
                             hint="可以用环境变量 YBGUIDE_HOME 指定另一个可以写入的文件夹") from None


def _empty():
    """No journal yet: reading it finds no cases, and creates nothing."""
    import sqlite3

    conn = sqlite3.connect(":memory:", isolation_level=None)
    _migrate(conn)
    return conn


def _open_read_only(path: Path):
    """A journal that this process may not write (a read-only file, folder or disk; a full disk):
    readable as it was last saved, WAL included, and nothing written beside it."""
    from yb_guide.cases.guard import check, open_snapshot

    conn = open_snapshot(path)
    try:
        _check_identity(conn, path)
        check(conn, path)
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            raise RuntimeProblem(f"案件数据库 {path} 要先升级格式才能读，但现在不能写入它。文件没有被改动。",
                                 hint="把它放到可以写入的位置（或腾出磁盘空间）后再运行")
    except BaseException:
        conn.close()
        raise
    return conn


def _open(path: Path, write: bool = True):
    import sqlite3

    from yb_guide.cases.guard import can_write, check, never_initialised, repair_sidecars

    head = _check_header(path)
    if head is None:
        if not write:
            return _empty()
        _create(path)
    elif not write and (not head or never_initialised(path, head)):
        return _empty()  # a first write stopped half-way (a full disk) saved nothing: nothing to read
    if not can_write(path):
        if write:
            raise _read_only(path)
        return _open_read_only(path)
    repair_sidecars(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as err:
        raise RuntimeProblem(f"无法打开案件数据库 {path}（{err}）。") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check_identity(conn, path)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")  # a committed case survives a power cut too
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                check(conn, path)  # never migrate a damaged file
            _migrate(conn)
    except sqlite3.OperationalError as err:
        conn.close()
        if not write and not _busy(err):
            return _open_read_only(path)  # no space for the -shm, a read-only -shm …: read a copy
        raise
    except BaseException:
        conn.close()
        raise
    return conn


def _busy(err) -> bool:
    return "locked" in str(err) or "busy" in str(err)


def _check_identity(conn, path: Path) -> None:
    """Ours, empty (new), or refused: never adopt another program's database."""
    import sqlite3

    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.OperationalError:
        raise  # locked, no space, no permission: not damage (the caller says which)
    except sqlite3.DatabaseError as err:
        from yb_guide.cases.guard import damaged

        raise damaged(path, str(err)) from None
    if app_id == 0 and version == 0 and tables == 0:
        return  # a new, empty file
    if app_id != APPLICATION_ID:
        raise _problem(path, "不是 ybguide 的案件数据库（是别的程序的 SQLite 文件）")
    if version > SCHEMA_VERSION:
        raise RuntimeProblem(
            f"案件数据库 {path} 是更新版本的 ybguide 写的（格式版本 {version}，本程序只认识到 {SCHEMA_VERSION}）。"
            f"文件没有被改动。", hint="请升级 ybguide")


def _migrate(conn) -> None:
    """Bring the schema forward, all steps in one transaction (all or nothing)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have just migrated.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite itself rolls back on a full disk: ROLLBACK would then fail
            conn.execute("ROLLBACK")
        raise


def _begin(path: Path, write: bool):
    """An open connection inside a new transaction.  SQLite can answer "locked" at once, without
    waiting (switching a new file to WAL, recovering a WAL another process left): nothing has been
    done yet then, so trying again is safe."""
    import sqlite3
    import time

    from yb_guide.cases.guard import check

    give_up = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        conn = None
        try:
            conn = _open(path, write)
            # IMMEDIATE takes the write lock now, so two writers queue instead of one
            # failing half-way through with "database is locked".
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            check(conn, path)  # under the lock: a damaged journal is never written, nor read as whole
            return conn
        except sqlite3.OperationalError as err:
            if conn is not None:
                conn.close()
            if not write and not _busy(err) and path.exists():
                conn = _open_read_only(path)  # no space for the -shm, a read-only -shm …: read a copy
                conn.execute("BEGIN")
                return conn
            if not _busy(err) or time.monotonic() > give_up:
                raise
            time.sleep(0.05)
        except BaseException:
            if conn is not None:
                conn.close()
            raise


@contextmanager
def transaction(write: bool = False, path: Path | None = None):
    """One command = one transaction: yields a connection; commits at the end, rolls back on error."""
    import sqlite3

    path = path or db_path()
    try:
        conn = _begin(path, write)
        try:
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()
    except sqlite3.IntegrityError:
        raise  # a bug in ybguide, not a damaged file: let the catch-all report it
    except sqlite3.OperationalError as err:
        if _busy(err):
            raise RuntimeProblem(f"案件数据库 {path} 正被另一个程序占用，等了 {BUSY_TIMEOUT_MS // 1000} 秒仍没有释放。"
                                 "没有改动任何内容。", hint="请关掉正在使用它的其他 ybguide 窗口后再试") from None
        if "readonly" in str(err) or "read-only" in str(err):
            raise _read_only(path) from None
        from yb_guide.cases.guard import disk_full

        full = disk_full(path)
        if full is not None or "full" in str(err):
            raise full or _disk_full_anyway(path) from None
        if not write:
            raise _problem(path, f"无法读取（{err}）") from None
        raise _read_only(path) if _read_only_now(path) else RuntimeProblem(
            f"无法保存到案件数据库 {path}（{err}）。没有改动任何内容，已保存的案件都还在。",
            hint="请检查磁盘和这个文件夹的权限后再试，或用环境变量 YBGUIDE_HOME 指定另一个文件夹") from None
    except sqlite3.DatabaseError as err:
        from yb_guide.cases.guard import damaged

        raise damaged(path, str(err)) from None


def _read_only_now(path: Path) -> bool:
    from yb_guide.cases.guard import read_only_cause

    return read_only_cause(path) is not None


def _disk_full_anyway(path: Path):
    from yb_guide.cases.guard import free_space, full_message, needed_space

    return full_message(path.parent, needed_space(path), free_space(path.parent))
