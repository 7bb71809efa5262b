"""What keeps a fault from costing a saved case: the journal's integrity check, a read that never
writes (a read-only file or folder, a full disk: a private copy, WAL included), and messages that
name the real cause (the file, its folder, its -shm, a full disk with the space it needs).

Measured on this machine: ``PRAGMA quick_check`` costs 0.16 ms on a journal of 200 cases (190 KB)
and 7 ms on one of 10,000 (8 MB), where reading those 10,000 cases costs 390 ms; so it runs at
every open, before every read and every write.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from yb_guide.base.errors import RuntimeProblem

SIDECARS = ("-wal", "-shm")
HOME_HINT = "或用环境变量 YBGUIDE_HOME 指定另一个可以写入的文件夹"
# What a write may take beyond the file's size: WAL frames for a few pages, the -shm index (32 KB),
# and a checkpoint's growth.  An estimate, said as "about".
WRITE_MARGIN = 256 * 1024


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def damaged(path: Path, detail: str) -> RuntimeProblem:
    return RuntimeProblem(
        f"案件数据库 {path} 已损坏（{detail}）。文件没有被改动，也不会再往里写。",
        hint=f"先把它复制一份保存好（不要删除它）；再用 ybguide case export --salvage --out 取回.json 取出还能读出的案件，"
             f"然后设置 YBGUIDE_HOME 指向一个新文件夹，用 ybguide case import 取回.json 导入")


def check(conn, path: Path) -> None:
    """Refuse a journal whose pages SQLite finds damaged (``PRAGMA quick_check``: the b-trees, the
    free list, every record's format; not the indexes' content, which ybguide does not rely on)."""
    try:
        found = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.OperationalError:
        raise  # locked, no space, no permission: not damage (the caller says which)
    except sqlite3.DatabaseError as err:
        raise damaged(path, str(err)) from None
    if found != ["ok"]:
        raise damaged(path, f"完整性检查发现 {len(found)} 处问题")


def _owned(st: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or st.st_uid == os.getuid()


def repair_sidecars(path: Path) -> None:
    """A -wal or -shm a read of a read-only journal left with mode 0444 (SQLite copies the file's
    mode) blocks every later write once the file is writable again: give ours the file's mode."""
    try:
        mode = path.stat().st_mode & 0o666
    except OSError:
        return
    if not mode & 0o200:
        return
    for suffix in SIDECARS:
        extra = sidecar(path, suffix)
        try:
            st = extra.stat()
            if not os.access(extra, os.W_OK) and _owned(st):
                extra.chmod(mode)
        except OSError:
            pass


def read_only_cause(path: Path) -> RuntimeProblem | None:
    """Why the journal cannot be written, naming the one thing at fault; None: nothing found."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return RuntimeProblem(f"无法保存：案件数据库所在的文件夹 {folder} 是只读的（或没有写入权限）。没有改动任何内容。",
                              hint=f"查看和导出案件仍然可以；要记录，请给这个文件夹写入权限，{HOME_HINT}")
    if path.exists() and not os.access(path, os.W_OK):
        return RuntimeProblem(f"无法保存：案件数据库文件 {path} 是只读的（或没有写入权限）。没有改动任何内容。",
                              hint=f"查看和导出案件仍然可以；要记录，请给它写入权限（如 chmod 600），{HOME_HINT}")
    for suffix in SIDECARS:
        extra = sidecar(path, suffix)
        if extra.exists() and not os.access(extra, os.W_OK):
            return RuntimeProblem(
                f"无法保存：案件数据库旁边的文件 {extra} 没有写入权限（它不是您的，或是只读的）。没有改动任何内容。",
                hint=f"确认没有别的程序在用这个数据库后，让它的主人删除这个文件或给它写入权限，{HOME_HINT}")
    return None


def can_write(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def free_space(folder: Path) -> int | None:
    import shutil

    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def needed_space(path: Path) -> int:
    size = 0
    for p in (path, sidecar(path, "-wal")):
        try:
            size += p.stat().st_size
        except OSError:
            pass
    return WRITE_MARGIN + size // 10


def disk_full(path: Path) -> RuntimeProblem | None:
    """The full-disk message if the journal's folder lacks the space a write needs; None otherwise."""
    folder = path.parent if path.parent.exists() else path.parent.parent
    free = free_space(folder)
    need = needed_space(path)
    if free is None or free >= need:
        return None
    return full_message(folder, need, free)


def full_message(folder: Path, need: int, free: int | None) -> RuntimeProblem:
    left = f"，现在只剩 {_kb(free)}" if free is not None else ""
    return RuntimeProblem(f"磁盘已满：案件数据库的文件夹 {folder} 没有空间了（保存需要约 {_kb(need)}{left}）。"
                          f"没有改动任何内容，已保存的案件都还在。",
                          hint=f"请删掉一些不要的文件，腾出空间后再试，{HOME_HINT}")


def _kb(n: int) -> str:
    return f"{max(1, -(-n // 1024))} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:.0f} MB"


class _Snapshot(sqlite3.Connection):
    """A connection to a private copy of the journal; closing it removes the copy."""

    folder: str | None = None

    def close(self) -> None:
        super().close()
        if self.folder is not None:
            import shutil

            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def wal_holds_data(path: Path) -> bool:
    try:
        return sidecar(path, "-wal").stat().st_size > 0
    except OSError:
        return False


def open_snapshot(path: Path):
    """The journal as it was last saved, opened without writing a byte beside it.

    Without a -wal, the file itself, immutable (SQLite then makes no -shm).  With one (a writer was
    stopped before it folded the WAL back), the file and its WAL copied into a private temporary
    folder and opened there, where SQLite reads the WAL: never fewer cases than were saved."""
    from urllib.parse import quote

    if not wal_holds_data(path):
        return sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True, isolation_level=None)
    import shutil
    import tempfile

    from yb_guide.base.errors import os_error_text

    try:
        folder = tempfile.mkdtemp(prefix="ybguide-")
    except OSError as err:
        raise RuntimeProblem(f"案件数据库 {path} 现在不能写入，读它要先复制到临时文件夹 {tempfile.gettempdir()}，"
                             f"但那里也写不进去（{os_error_text(err)}）。文件没有被改动。",
                             hint="腾出磁盘空间，或用环境变量 TMPDIR 指定另一个临时文件夹") from None
    try:
        copy = Path(folder) / path.name
        for suffix in ("", "-wal"):
            try:
                shutil.copyfile(sidecar(path, suffix) if suffix else path, sidecar(copy, suffix) if suffix else copy)
            except OSError as err:
                source = sidecar(path, suffix) if suffix else path
                if err.filename and str(err.filename).startswith(folder):  # the copy, not the journal
                    raise RuntimeProblem(f"案件数据库 {path} 现在不能写入，读它要先复制到临时文件夹 "
                                         f"{tempfile.gettempdir()}，但复制时出错（{os_error_text(err)}）。文件没有被改动。",
                                         hint="腾出磁盘空间，或用环境变量 TMPDIR 指定另一个临时文件夹") from None
                raise RuntimeProblem(f"无法读取案件数据库 {source}（{os_error_text(err)}）。文件没有被改动。",
                                     hint="请检查这个文件的权限，或用环境变量 YBGUIDE_HOME 指定另一个文件夹") from None
        conn = sqlite3.connect(str(copy), isolation_level=None, factory=_Snapshot)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    conn.folder = folder
    return conn


def never_initialised(path: Path, head: bytes) -> bool:
    """A file with a SQLite header but no schema and nothing in a WAL: what a first write stopped by
    a full disk leaves.  Reading it finds no cases (and needs no space)."""
    if len(head) < 100 or head[60:64] != b"\0\0\0\0" or head[68:72] != b"\0\0\0\0" or wal_holds_data(path):
        return False
    from urllib.parse import quote

    try:  # no table either (another program's database has some: refused as not ours, not read as empty)
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False  # said by the open that follows
