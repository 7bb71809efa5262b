"""The one way ybguide writes a file: whole or not at all.

``write_atomic`` writes to a temporary file in the same folder, flushes it to disk, then renames
it into place, so a crash, a full disk or Ctrl-C never leaves half a file; on failure nothing is
left behind and the error is one Chinese line.  Used for every user file (letters, exports, batch
results, calendar files) and for the cache.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from yb_guide.base.errors import RuntimeProblem, UserError, os_error_text


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name one file (after links are resolved)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def write_atomic(path: Path | str, write: Callable[[Path], None], *, private: bool = False,
                 overwrite: bool = True, source: Path | str | None = None) -> Path:
    """Call ``write(tmp)`` on a new temporary file beside ``path``, fsync it, rename it to ``path``.

    ``private``: mode 0600 (personal data).  ``overwrite=False``: refuse to replace an existing
    file.  ``source``: the input file, which must never be the output.  A device or pipe
    (/dev/null, a FIFO) is written directly: renaming onto it would replace it."""
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹。", hint="请写一个文件名")
    if source is not None and path.exists() and same_file(path, source):
        raise UserError(f"输出文件 {path} 就是输入文件，写进去会毁掉原文件。", hint="请换一个输出文件名")
    if path.exists() and not path.is_file():
        try:
            write(path)
        except OSError as err:
            raise RuntimeProblem(f"无法写入 {path}（{os_error_text(err)}）。") from None
        return path
    if not overwrite and path.exists():
        raise UserError(f"文件 {path} 已经存在，没有改动它。", hint="换一个文件名；确实要替换它，加 --force")
    tmp = temp_name(path)
    _remove_stale(path)
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o666))
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_or_move(tmp, path)
    except FileExistsError:
        raise UserError(f"文件 {path} 已经存在，没有改动它。", hint="换一个文件名；确实要替换它，加 --force") from None
    except FileNotFoundError:
        raise UserError(f"无法写入 {path}：文件夹 {path.parent} 不存在。") from None
    except PermissionError as err:
        if path.exists():  # on Windows, a file Excel, Word or WPS holds open cannot be replaced
            raise RuntimeProblem(f"无法替换 {path}：它可能正被别的程序（Excel、Word、WPS 等）打开，或者没有写入权限"
                                 f"（{os_error_text(err)}）。原来的文件没有改动。",
                                 hint="关闭打开它的程序后再试，或换一个文件名") from None
        raise RuntimeProblem(f"无法写入 {path}（{os_error_text(err)}）。原来的内容没有改动。",
                             hint=permission_hint(path)) from None
    except OSError as err:
        import errno

        if err.errno in (errno.ENOSPC, errno.EDQUOT):
            raise _disk_full(path, tmp) from None
        raise RuntimeProblem(f"无法写入 {path}（{os_error_text(err)}）。") from None
    finally:
        try:
            tmp.unlink()
        except OSError:
            pass
    return path


def permission_hint(path: Path) -> str:
    """What to do about a place ybguide may not write: its own files can live elsewhere."""
    return (f"请检查 {path.parent} 的权限，或换一个可以写入的文件夹；ybguide 自己的文件（案件、设置）"
            f"可以用环境变量 YBGUIDE_HOME 放到另一个文件夹")


def _disk_full(path: Path, tmp: Path) -> RuntimeProblem:
    """A full disk: the folder, how much had been written when it filled, and what is left."""
    import shutil

    try:
        written = tmp.stat().st_size
    except OSError:
        written = 0
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = None
    left = f"，现在只剩 {_size(free)}" if free is not None else ""
    need = f"至少需要 {_size(written + 64 * 1024)} 以上" if written else "需要更多空间"
    return RuntimeProblem(f"磁盘已满：文件夹 {path.parent} 没有空间写 {path.name}（{need}{left}）。"
                          f"没有留下写了一半的文件，原来的文件没有改动。",
                          hint="请删掉一些不要的文件、腾出空间后再试，或写到另一个磁盘")


def _size(n: int) -> str:
    return f"{max(1, -(-n // 1024))} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:.0f} MB"


def temp_name(path: Path) -> Path:
    """A temporary file beside ``path``: ``.name.PID.tmp``, or, where that would be longer than a
    file name may be (255 bytes on most file systems), a short one; every legal output name fits."""
    long = f".{path.name}.{os.getpid()}.tmp"
    if len(os.fsencode(long)) <= 255:
        return path.with_name(long)
    import secrets

    return path.with_name(f".ybguide-{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _remove_stale(path: Path) -> None:
    """Temporary files beside ``path`` that a process killed outright (kill -9, a power cut) left:
    removed when its process is gone, so a stopped run costs no disk space for long."""
    if os.name == "nt":
        return  # os.kill(pid, 0) is no question there
    import glob

    for stale in glob.glob(glob.escape(str(path.parent / f".{path.name}.")) + "*.tmp"):
        pid = stale[len(str(path.parent / f".{path.name}.")):-len(".tmp")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            try:
                os.unlink(stale)
            except OSError:
                pass
        except OSError:
            pass  # alive (another user's): left alone


def _link_or_move(tmp: Path, path: Path) -> None:
    """Put ``tmp`` at ``path`` only if ``path`` does not exist: a hard link fails if a file of that
    name appeared meanwhile; a file system without hard links (FAT on a USB stick) checks first."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)


def write_private(path: Path | str, write: Callable[[Path], None], **options) -> Path:
    """A file that holds personal data (letters, exports): whole, and readable only by the user."""
    return write_atomic(path, write, private=True, **options)
