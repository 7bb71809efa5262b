"""``deadline --batch`` into files: a CSV written whole (``run_to_file``), or a workbook on either
side (``--batch 台账.xlsx``, ``--out 结果.xlsx``: ``run_sheet``).

The rows go through ``schedule.batch.rows``, the CSV path, unchanged: a workbook is read as the CSV
Excel would save from it (``schedule.sheets``), and a workbook result is written from the CSV rows
with typed cells: the date columns (those the vocabulary says are dates, those that held date cells,
and the due dates added) as date cells, ID and phone numbers as text, numbers as numbers.  A
workbook is held in memory (openpyxl reads it whole); a CSV to CSV run still streams.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import BinaryIO

from yb_guide.base.errors import UserError
from yb_guide.schedule import batch, encodings
from yb_guide.schedule.sheets import Sheet, is_xlsx, read_xlsx, write_xlsx


def wants_sheet(in_path: str, out_path: str | None, source: BinaryIO) -> bool:
    """Whether a run needs this module: a workbook in (by its name or its first bytes, so a workbook
    piped into --batch - is read as one), or a workbook asked for."""
    try:
        head = source.peek(4)[:4] if hasattr(source, "peek") else b""
    except (OSError, ValueError):
        head = b""
    return is_xlsx("" if in_path == "-" else in_path, head) or (out_path is not None and is_xlsx(out_path))


def _source_text(source: BinaryIO, in_path: str, summary: batch.Summary) -> tuple[io.StringIO, Sheet | None]:
    head = source.peek(4)[:4] if hasattr(source, "peek") else b""
    if is_xlsx("" if in_path == "-" else in_path, head):
        # openpyxl seeks in the zip: a pipe (--batch - < 台账.xlsx through cat) cannot, memory can
        sheet = read_xlsx(io.BytesIO(source.read()), "标准输入" if in_path == "-" else Path(in_path).name)
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(sheet.rows)
        text.seek(0)
        summary.encoding = "xlsx"
        return text, sheet
    wrapper, summary.encoding = encodings.open_text(source)
    try:
        return io.StringIO(wrapper.read(), newline=""), None
    except UnicodeDecodeError:
        raise UserError("CSV 文件的编码无法识别。", hint="请保存为 UTF-8 或 GBK 编码的 CSV") from None
    finally:
        wrapper.detach()


def _cell_columns(summary: batch.Summary, sheet: Sheet | None) -> tuple[set[int], set[int], set[int]]:
    """(date, number, ID-number) columns of the result: by the vocabulary, the sheet read, the stages."""
    from yb_guide.schedule.columns import vocabulary

    words = vocabulary()
    width = len(summary.columns) - len(summary.stages) - len(batch.ADDED_COLUMNS)
    dates, digits = set(sheet.dates if sheet else ()), set()
    for i, head in enumerate(summary.columns[:width]):
        key = words.key_of(head)
        if key is not None:
            cell = words.column(key).cell
            (dates if cell == "date" else digits if cell == "digits" else set()).add(i)
    dates |= set(range(width, width + len(summary.stages)))
    return dates - digits, set(sheet.numbers if sheet else ()) - digits - dates, digits


def _excel_safe_csv(text: str, digits: set[int]) -> str:
    """A workbook's rows as CSV that Excel opens as they were: an ID number stays whole (="…")."""
    from yb_guide.schedule.sheets import excel_safe

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        w.writerow([excel_safe(c, True) if i in digits else c for i, c in enumerate(row)])
    return out.getvalue()


def run_sheet(plan, cal, source: BinaryIO, in_path: str, *, out_path: str | None = None, out_stream=None,
              out_errors: str = "strict", on_error: str = "keep", encoding: str | None = None, ids: bool = False,
              today=None, collect=None, overwrite: bool = False) -> batch.Summary:
    """Rows of a workbook or CSV (``source``, named ``in_path``) with their due dates, into a workbook
    (``out_path`` ending in .xlsx) or as CSV into ``out_path`` or ``out_stream`` (CSV from a workbook
    is UTF-8 with a BOM unless ``encoding`` says otherwise: Excel then reads the Chinese right)."""
    from yb_guide.base.files import write_atomic

    summary = batch.Summary()
    text, sheet = _source_text(source, in_path, summary)
    buf = io.StringIO()
    batch.rows(plan, cal, text, buf, summary, on_error=on_error, ids=ids, today=today, collect=collect)
    source_path = None if in_path == "-" else in_path
    if out_path is not None and is_xlsx(out_path):
        summary.out_encoding = "xlsx"
        rows = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
        dates, numbers, _ = _cell_columns(summary, sheet)
        title = (sheet.title if sheet else "") or "期限"
        write_atomic(out_path, lambda tmp: write_xlsx(tmp, rows[0], rows[1:], dates=dates, numbers=numbers,
                                                      title=title), source=source_path, overwrite=overwrite)
        return summary
    out_encoding = encoding or ("utf-8-sig" if summary.encoding == "xlsx" else summary.encoding)
    summary.out_encoding = out_encoding
    result = buf.getvalue()
    if sheet is not None:
        result = _excel_safe_csv(result, _cell_columns(summary, sheet)[2])
    try:
        data = result.encode(out_encoding, errors=out_errors)
    except UnicodeEncodeError as err:
        char = err.object[err.start:err.end]
        raise UserError(f"结果里有 {encodings.ENCODING_LABELS.get(out_encoding, out_encoding)} 编码写不出的字「{char}」。",
                        hint="请用 --encoding gb18030 或 --encoding utf-8-sig") from None
    if out_path is None:
        out_stream.write(data)
        out_stream.flush()
    else:
        write_atomic(out_path, lambda tmp: Path(tmp).write_bytes(data), source=source_path, overwrite=overwrite)
    return summary


def run_to_file(plan, cal, source: BinaryIO, out_path, *, on_error: str = "keep", encoding: str | None = None,
                ids: bool = False, source_path=None, overwrite: bool = False, today: dt.date | None = None,
                collect=None) -> batch.Summary:
    """``run_batch`` into a file, written whole (a stopped or failed run leaves no file, and an old
    file as it was), never over the input file, and over another existing file only if ``overwrite``."""
    from yb_guide.base.files import write_atomic

    result: list[batch.Summary] = []

    def write(tmp) -> None:
        with open(tmp, "wb") as out:
            result.append(batch.run_batch(plan, cal, source, out, on_error=on_error, encoding=encoding, ids=ids,
                                          today=today, collect=collect))

    write_atomic(out_path, write, source=source_path, overwrite=overwrite)
    return result[0]
