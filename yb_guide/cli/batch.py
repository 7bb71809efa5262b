"""``ybguide deadline --batch``: the files and standard streams of a batch run (the rows themselves
are ``schedule.batch``'s)."""

from __future__ import annotations

import io
import sys

from yb_guide.base.errors import UserError, os_error_text
from yb_guide.schedule import batch


def run(plan, cal, in_path: str, out_path: str | None, *, on_error: str = "skip") -> batch.Summary:
    """Rows from a file or stdin ('-') to a file or stdout (None or '-')."""
    batch.check_on_error(on_error)
    if in_path == "-" and sys.stdin is None:
        raise UserError("标准输入已关闭，--batch - 读不到 CSV。", hint="写成 --batch 文件.csv，或把 CSV 用 < 文件 送进来")
    try:
        source = sys.stdin.buffer if in_path == "-" else open(in_path, "rb")
    except OSError as err:
        raise UserError(f"无法打开 CSV 文件 {in_path}（{os_error_text(err)}）。") from None
    with source:
        if out_path not in (None, "-"):
            return batch.run_to_file(plan, cal, source, out_path, on_error=on_error,
                                     source_path=None if in_path == "-" else in_path)
        sys.stdout.flush()
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
        try:
            return batch.run_batch(plan, cal, source, out, on_error=on_error)
        finally:
            out.flush()
            out.detach()
