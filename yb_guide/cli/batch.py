"""``ybguide deadline --batch``: the files and standard streams of a batch run (the rows themselves
are ``schedule.batch``'s): where the rows come from and go to, in which encoding, and whether an
existing file may be replaced."""

from __future__ import annotations

import sys
from pathlib import Path

from yb_guide.base.errors import RuntimeProblem, UserError, os_error_text
from yb_guide.schedule import batch

YES = ("是", "y", "yes")


def output_encoding(stream, chosen: str | None) -> tuple[str | None, str]:
    """(encoding, errors) of rows written to ``stream``.  On a console, the console's own encoding
    (a GBK console gets GBK, never UTF-8 bytes it would show as mojibake), with what it cannot
    show replaced; into a pipe or a file, ``chosen`` (None: the input's own), strictly."""
    import codecs

    try:
        console = stream.isatty()
    except (AttributeError, ValueError):
        console = False
    if not console:
        return chosen, "strict"
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        if codecs.lookup(encoding).name == "utf-8-sig":
            encoding = "utf-8"  # no byte-order mark on a screen
    except LookupError:
        encoding = "utf-8"
    return encoding, "replace"


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):  # no stdin, or a closed one
        return False


def may_replace(out: Path, in_path: str, *, force: bool, ask=None) -> bool:
    """Whether an existing ``out`` may be replaced: with ``--force``, or when the person at the
    terminal says yes.  Never the input file itself (``write_atomic`` refuses that with its own line)."""
    from yb_guide.base.files import same_file

    if force:
        return True
    if not out.is_file() or in_path == "-" or same_file(out, in_path):
        return False
    if ask is None and not stdin_is_terminal():
        return False
    from yb_guide.cli.prompts import Terminal

    try:
        answer = Terminal(ask=ask).choice(f"文件 {out} 已经存在，要替换它吗？（是/否） ", ended="没有回答。")
    except RuntimeProblem:  # the input ended: no
        return False
    return answer in YES


def run(plan, cal, in_path: str, out_path: str | None, *, on_error: str = "keep", encoding: str | None = None,
        ids: bool = False, force: bool = False) -> batch.Summary:
    """Rows from a file or stdin ('-') to a file or stdout (None or '-')."""
    batch.check_on_error(on_error)
    chosen = batch.check_encoding(encoding)
    try:
        source = sys.stdin.buffer if in_path == "-" else open(in_path, "rb")
    except OSError as err:
        raise UserError(f"无法打开 CSV 文件 {in_path}（{os_error_text(err)}）。") from None
    with source:
        if out_path not in (None, "-"):
            overwrite = may_replace(Path(out_path), in_path, force=force)
            return batch.run_to_file(plan, cal, source, out_path, on_error=on_error, encoding=chosen, ids=ids,
                                     source_path=None if in_path == "-" else in_path, overwrite=overwrite)
        out_encoding, errors = output_encoding(sys.stdout, chosen)
        sys.stdout.flush()
        return batch.run_batch(plan, cal, source, sys.stdout.buffer, on_error=on_error, encoding=out_encoding,
                               errors=errors, ids=ids)
