""".xlsx workbooks as rows of text, and rows of text as a workbook (openpyxl, imported only here
and only when a workbook is read or written).

Reading: every cell becomes the text a CSV of the same sheet would hold (a date cell 2024-05-06,
a whole number without ".0", 是/否 for TRUE/FALSE), so a workbook goes through exactly the column
rules of a CSV.  Writing: a column of dates gets date cells (Excel sorts and filters them as dates),
an ID or phone number stays a text cell (Excel would round an 18-digit number to 1.40105E+17), a
column that held numbers gets numbers again; everything else is text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from yb_guide.base.errors import UserError

XLSX_MAGIC = b"PK\x03\x04"  # a zip file: every .xlsx starts so
DATE_FORMAT = "yyyy-mm-dd"
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"-?\d{1,15}(\.\d+)?")


def is_xlsx(name, head: bytes = b"") -> bool:
    return str(name).lower().endswith((".xlsx", ".xlsm")) or head.startswith(XLSX_MAGIC)


@dataclass
class Sheet:
    rows: list[list[str]]  # the first non-blank row is the header
    dates: set[int] = field(default_factory=set)  # columns that held date cells
    numbers: set[int] = field(default_factory=set)  # columns that held numbers
    title: str = ""


def cell_text(value) -> str:
    """A cell as a CSV would hold it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def read_xlsx(source, name: str) -> Sheet:
    """The first sheet of a workbook (a path or a binary stream) as rows of text."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - a dependency, but say what to do if it was removed
        raise UserError("读取 .xlsx 需要 openpyxl。", hint="请运行 pip install openpyxl，或在 Excel 里另存为 CSV") from None
    import zipfile

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise UserError(f"{name} 不是能读取的 .xlsx 文件（{type(err).__name__}）。",
                        hint="请在 Excel 或 WPS 里打开后另存为“Excel 工作簿（*.xlsx）”或 CSV") from None
    try:
        ws = book.worksheets[0]
        sheet = Sheet([], title=ws.title)
        for values in ws.iter_rows(values_only=True):
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1].strip():  # a sheet's used range often runs past the data
                cells.pop()
            if sheet.rows or cells:
                for i, v in enumerate(values[:len(cells)]):
                    if isinstance(v, (dt.date, dt.datetime)):
                        sheet.dates.add(i)
                    elif isinstance(v, (int, float)) and not isinstance(v, bool):
                        sheet.numbers.add(i)
            sheet.rows.append(cells)
    finally:
        book.close()
    while sheet.rows and not any(c.strip() for c in sheet.rows[-1]):
        sheet.rows.pop()
    return sheet


def typed(text: str, *, date: bool = False, number: bool = False):
    """The value a written cell holds: a date for an ISO date in a date column, a number in a number
    column, else the text itself (never a number: ID numbers and tickets stay whole)."""
    if date and _ISO.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if number and _NUMBER.fullmatch(text) and not (len(text) > 1 and text.startswith("0")):
        return float(text) if "." in text else int(text)
    return text


def write_xlsx(path, header: list[str], rows, *, dates=(), numbers=(), title: str = "Sheet1",
               widths: dict[int, int] | None = None) -> None:
    """A workbook of one sheet: ``rows`` (lists of text) under ``header``; columns in ``dates`` as date
    cells, in ``numbers`` as numbers; the header row frozen."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    ws = book.create_sheet(title[:31] or "Sheet1")
    ws.freeze_panes = "A2"
    dates, numbers = set(dates), set(numbers)
    for i, head in enumerate(header):
        width = (widths or {}).get(i) or (12 if i in dates else max(8, min(40, 2 * len(head) + 2)))
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    bold = Font(bold=True)
    head_cells = []
    for text in header:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        head_cells.append(cell)
    ws.append(head_cells)
    for row in rows:
        out = []
        for i, text in enumerate(row):
            value = typed(text, date=i in dates, number=i in numbers)
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = DATE_FORMAT
                out.append(cell)
            elif isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"  # text typed by a person, never a formula
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
    book.save(path)


# A cell Excel would turn into a number or a formula: an ID, card or phone number that is all digits
# (18 digits become 1.40105E+17, a leading 0 is dropped), or text that starts like a formula.
_DIGITS = re.compile(r"\d+")
_FORMULA_START = ("=", "+", "-", "@")
EXCEL_FORMULA_TEXT_LIMIT = 250  # Excel's ="…" holds at most 255 characters


def excel_safe(text: str, digits: bool) -> str:
    """A CSV cell that Excel opens as the text it is.

    An all-digit ID, card, ticket or phone number, and text that starts like a formula (=, +, -, @),
    are written as ="…": Excel shows exactly the characters between the quotes, as text, and nothing
    else; ``case import`` reads the ="…" back.  A leading tab (the other common trick) would stay
    inside the cell, travel into copy-and-paste and into the next save, and some Excel versions
    still read the digits as a number; a leading apostrophe shows in a CSV.  Long or multi-line text
    that starts like a formula gets a leading space instead (a ="…" holds 255 characters, one line)."""
    risky = (digits and _DIGITS.fullmatch(text)) or text.startswith(_FORMULA_START)
    if not risky:
        return text
    if len(text) <= EXCEL_FORMULA_TEXT_LIMIT and "\n" not in text:
        return '="' + text.replace('"', '""') + '"'
    return " " + text


def excel_unwrap(value: str) -> str:
    """A cell as Excel's text tricks left it: ="…" and a leading apostrophe undone."""
    m = re.fullmatch(r'\s*="(.*)"\s*', value, flags=re.S)
    if m:
        return m.group(1).replace('""', '"')
    return value[1:] if value.startswith("'") else value
