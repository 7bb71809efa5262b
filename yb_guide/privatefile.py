"""Files that hold personal data (letters, exports): written whole and readable only by the user."""

from __future__ import annotations

import os
from pathlib import Path

from yb_guide.errors import RuntimeProblem, UserError


def write_private(path: Path, write) -> Path:
    """Call ``write(tmp_path)`` on a new 0600 file beside ``path``, then rename it into place,
    so a crash never leaves half a file and nobody else on the machine can read it."""
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹。", hint="请写一个文件名")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        write(tmp)
        os.replace(tmp, path)
    except FileNotFoundError:
        raise UserError(f"无法写入 {path}：文件夹 {path.parent} 不存在。") from None
    except OSError as err:
        raise RuntimeProblem(f"无法写入 {path}（{err.strerror}）。") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
