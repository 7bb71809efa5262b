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
    """A workbook's rows as CSV that Excel opens as they were: an ID number stays whole (="…"), a
    text cell that starts like a formula (=, +, -, @) stays text."""
    from yb_guide.schedule.sheets import excel_safe

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        w.writerow([excel_safe(c, i in digits) for i, c in enumerate(row)])
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
    to_sheet = out_path is not None and is_xlsx(out_path)
    if to_sheet:
        check_sheet_limits(plan, text, sheet, ids=ids)
    buf = io.StringIO()
    # raw cells when they go into typed cells, or through _excel_safe_csv below
    from yb_guide.schedule.columns import sheet_word

    batch.rows(plan, cal, text, buf, summary, on_error=on_error, ids=ids, today=today, collect=collect,
               formulas=to_sheet or sheet is not None, what=sheet_word(sheet.title) if sheet else "CSV")
    source_path = None if in_path == "-" else in_path
    if to_sheet:
        summary.out_encoding = "xlsx"
        rows = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
        dates, numbers, _ = _cell_columns(summary, sheet)
        title = (sheet.title if sheet else "") or "期限"
        write_atomic(out_path, lambda tmp: write_xlsx(tmp, rows[0], rows[1:], dates=dates, numbers=numbers,
                                                      title=title), source=source_path, overwrite=overwrite,
                     private=True)
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
        write_atomic(out_path, lambda tmp: Path(tmp).write_bytes(data), source=source_path, overwrite=overwrite,
                     private=True)
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

    write_atomic(out_path, write, source=source_path, overwrite=overwrite, private=True)
    return result[0]


# What Excel opens (and openpyxl would write regardless, into a file Excel then refuses).
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_COLUMNS = 16_384


def check_sheet_limits(plan, text: io.StringIO, sheet: Sheet | None, *, ids: bool) -> None:
    """Refuse, before any row is computed, a result a workbook cannot hold (CSV has no limit)."""
    data = text.getvalue()
    header = next(csv.reader(io.StringIO(data.split("\n", 1)[0].lstrip("\ufeff"))), [])
    try:
        cols, _ = batch._find_columns(plan, header)
        added = len(batch.added_headers(plan, batch.stage_columns(plan, cols), ids=ids))
    except UserError:
        added = 0  # a header without its date column is said when the rows are read
    width = max(len(header), max((len(r) for r in sheet.rows), default=0) if sheet else 0)
    if width + added > XLSX_MAX_COLUMNS:
        raise UserError(f"表格有 {width} 列，加上算出的期限列会超过 Excel 工作簿的上限 {XLSX_MAX_COLUMNS:,} 列。"
                        "没有开始计算。", hint="请把结果写成 CSV（--out 结果.csv），或删掉用不到的列")
    lines = data.count("\n") + (0 if data.endswith("\n") else 1)
    if lines > XLSX_MAX_ROWS and sum(1 for _ in csv.reader(io.StringIO(data, newline=""))) > XLSX_MAX_ROWS:
        raise UserError(f"表格超过了 Excel 工作簿的上限 {XLSX_MAX_ROWS:,} 行（含表头）。没有开始计算。",
                        hint="请把结果写成 CSV（--out 结果.csv，没有行数上限），或把表格分成几个文件")
