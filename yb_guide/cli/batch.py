"""``ybguide deadline --batch``: the files and standard streams of a batch run (the rows themselves
are ``schedule.batch``'s): where the rows come from and go to, in which encoding, and whether an
existing file may be replaced."""

from __future__ import annotations

import sys
from pathlib import Path

from yb_guide.base.errors import UserError, os_error_text
from yb_guide.cli.options import may_replace
from yb_guide.schedule import batch, encodings


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


def run(plan, cal, in_path: str, out_path: str | None, **options) -> batch.Summary:
    """``_run`` with SIGTERM and SIGHUP cleaning up like Ctrl-C."""
    from yb_guide.cli.frame import stopped_like_ctrl_c

    with stopped_like_ctrl_c():
        return _run(plan, cal, in_path, out_path, **options)


def _run(plan, cal, in_path: str, out_path: str | None, *, on_error: str = "keep", encoding: str | None = None,
        ids: bool = False, force: bool = False, today=None, ics: Path | None = None,
        ics_name: str = "编号") -> batch.Summary:
    """Rows from a file or stdin ('-') to a file or stdout (None or '-'); a workbook (.xlsx) on either
    side; with ``ics``, the rows' legal deadlines into a calendar file as well."""
    from yb_guide.schedule import batch_sheet

    encodings.check_on_error(on_error)
    chosen = encodings.check_encoding(encoding)
    collect = None
    if ics is not None:
        from yb_guide.schedule.ics import BatchEvents

        collect = BatchEvents(plan, cal, label=ics_name, today=today)
        ics_overwrite = may_replace(Path(ics), force, source=None if in_path == "-" else in_path)
    if in_path == "-" and sys.stdin is None:
        raise UserError("标准输入已关闭，--batch - 读不到 CSV。", hint="写成 --batch 文件.csv，或把 CSV 用 < 文件 送进来")
    if out_path == "-":
        out_path = None
    try:
        source = sys.stdin.buffer if in_path == "-" else open(in_path, "rb")
    except OSError as err:
        raise UserError(f"无法打开文件 {in_path}（{os_error_text(err)}）。") from None
    with source:
        overwrite = may_replace(Path(out_path), force, source=in_path) if out_path is not None else False
        if batch_sheet.wants_sheet(in_path, out_path, source):
            out_encoding, errors = (chosen, "strict") if out_path is not None else output_encoding(sys.stdout, chosen)
            if out_path is None:
                sys.stdout.flush()
            summary = batch_sheet.run_sheet(plan, cal, source, in_path, out_path=out_path,
                                            out_stream=None if out_path else sys.stdout.buffer, out_errors=errors,
                                            on_error=on_error, encoding=out_encoding, ids=ids, today=today,
                                            collect=collect, overwrite=overwrite)
        elif out_path is not None:
            summary = batch_sheet.run_to_file(plan, cal, source, out_path, on_error=on_error, encoding=chosen,
                                              ids=ids, source_path=None if in_path == "-" else in_path,
                                              overwrite=overwrite, today=today, collect=collect)
        else:
            out_encoding, errors = output_encoding(sys.stdout, chosen)
            sys.stdout.flush()
            summary = batch.run_batch(plan, cal, source, sys.stdout.buffer, on_error=on_error, encoding=out_encoding,
                                      errors=errors, ids=ids, today=today, collect=collect)
    if collect is not None:
        summary.ics_events = collect.write(ics, overwrite=ics_overwrite)
        summary.ics_file, summary.ics_passed = str(ics), collect.passed
    return summary
