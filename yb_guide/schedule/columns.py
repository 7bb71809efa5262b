"""data/columns.yaml: the one column vocabulary of the spreadsheets ybguide reads and writes
(``deadline --batch`` in and out, ``case import``, ``case export``): each column's Chinese header,
the other headers people write for it, and how its cells are written.

A column of a dated event takes its header from the event's label (data/deadlines.yaml ``events``),
so the word for an event has one home; a declared event with no column has one made for it
(key: its id with _ for -, header: its label and 日期), so a new event needs no line here.
"""

from __future__ import annotations

import re
from typing import Literal

from yb_guide.base.cache import memo
from yb_guide.base.record import record

_loaded = memo()
CellKind = Literal["plain", "date", "digits", "timestamp"]


@record
class Column:
    key: str
    header: str | None = None  # None: from the event's label
    event: str | None = None
    synonyms: tuple[str, ...] = ()
    cell: CellKind = "plain"


@record
class ColumnsFile:
    columns: tuple[Column, ...]
    carried: tuple[str, ...] = ()  # headers windows write that ybguide carries along and never reads




@record
class Vocabulary:
    columns: tuple[Column, ...]
    headers: dict  # key -> the header written
    by_name: dict  # a normalized header or synonym -> key
    carried: frozenset = frozenset()  # normalized headers carried along (序号, 备注): no "did you mean"

    def header(self, key: str) -> str:
        return self.headers[key]

    def key_of(self, header: str) -> str | None:
        """The column a header means (its header, a synonym or its key), or None: an extra column."""
        return self.by_name.get(normalize(header))

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def keys(self, cell: str) -> set[str]:
        """The keys whose cells are written as ``cell`` (date, digits, timestamp)."""
        return {c.key for c in self.columns if c.cell == cell}


def normalize(header: str) -> str:
    """How headers are compared: without spaces (a BOM, a full-width space) and case."""
    return re.sub(r"[\s\ufeff]+", "", str(header)).lower()


def event_header(label: str) -> str:
    """收到处理结果（书面答复） -> 收到处理结果日期: the event's label without its bracketed part, then 日期."""
    return re.sub(r"（[^）]*）|\([^)]*\)", "", label).strip() + "日期"


def event_key(event: str) -> str:
    """result-received -> result_received: the column (and case field) of an event."""
    return event.replace("-", "_")


def vocabulary(data_dir=None) -> Vocabulary:
    from yb_guide.base.paths import data_dir as default_dir

    d = default_dir(data_dir)
    from yb_guide.base.paths import region
    from yb_guide.schedule.deadlines import get_plan

    events = get_plan(d).events
    key = (d, region(), events.ids, tuple(events.labels.values()))
    if key not in _loaded:
        _loaded[key] = _load(d / "columns.yaml", events)
    return _loaded[key]


def _load(path, events) -> Vocabulary:
    from yb_guide.base.schema import build, where_of
    from yb_guide.base.yamlio import Where, load_file

    name = f"data/{path.name}"
    loaded = build(ColumnsFile, load_file(path, name), Where(name))
    written = {col.event for col in loaded.columns if col.event}
    # a declared event without a line here gets a date column of its own, after the ones written
    columns = loaded.columns + tuple(Column(key=event_key(e), event=e, synonyms=(event_key(e),), cell="date")
                                     for e in events.ids if e not in written)
    headers, by_name = {}, {}
    for col in columns:
        where = where_of(col) or Where(name, "columns")  # a made column: the file is where it is missing
        if col.key in headers:
            raise where.error(f"列「{col.key}」重复出现")
        if col.event is not None and col.event not in events:
            raise where.error(f"事件「{col.event}」不存在（可用：{'、'.join(events.ids)}）")
        if col.event is not None and col.key != event_key(col.event):
            raise where.error(f"事件「{col.event}」的列要叫 {event_key(col.event)}（事件编号把 - 换成 _）")
        if col.header is None and col.event is None:
            raise where.error("缺少 header（只有写了 event 的日期列可以不写）")
        label = events.label(col.event) if col.event else None
        headers[col.key] = col.header or event_header(label)
        names = [headers[col.key], col.key, *col.synonyms] + ([event_header(label)] if col.event else [])
        for n in names:
            other = by_name.setdefault(normalize(n), col.key)
            if other != col.key:
                raise where.error(f"列名「{n}」同时属于「{other}」和「{col.key}」")
    return Vocabulary(columns, headers, by_name, frozenset(normalize(h) for h in loaded.carried))


def nearest_header(words: Vocabulary, written: str) -> str | None:
    """The header ybguide writes for the known column closest to an unknown ``written`` one (投訴日期 ->
    提交日期), or None."""
    from yb_guide.base.suggest import nearest

    if not written.strip() or words.key_of(written) is not None or normalize(written) in words.carried:
        return None
    near = nearest(normalize(written), [n for n in words.by_name if not n.isascii()])
    return words.header(words.by_name[near]) if near else None


def did_you_mean(words: Vocabulary, written: list[str], key: str) -> str | None:
    """The header of ``written`` that is most likely meant for ``key``'s column (受理时间 for 提交日期),
    as a question: 表头里的「受理时间」是不是「提交日期」？ None when no header is close."""
    from yb_guide.base.suggest import nearest

    names = [n for n, k in words.by_name.items() if k == key]
    unknown = [h for h in written if h.strip() and words.key_of(h) is None and normalize(h) not in words.carried]
    for h in unknown:
        if nearest(normalize(h), names):
            return f"表头里的「{h}」是不是「{words.header(key)}」？"
    return None


def sheet_word(title: str | None) -> str:
    """How a message names a workbook's sheet: .xlsx 工作表「台账」 (a CSV is named CSV)."""
    return f".xlsx 工作表「{title}」" if title else ".xlsx 工作表"


def find_columns(keys, header: list[str], what: str = "CSV") -> tuple[dict[str, int], dict[str, str]]:
    """(column key -> index, column key -> the header as the user wrote it) for the columns of ``keys``
    a table has; the first column of each key counts, other columns (序号, 备注 …) are carried along.
    A table without the filing date is refused, with the header it probably meant."""
    from yb_guide.base.errors import UserError

    words = vocabulary()
    found: dict[str, int] = {}
    written = [h.strip().lstrip("\ufeff").strip() for h in header]
    for i, name in enumerate(written):
        key = words.key_of(name)
        if key in keys and key not in found:
            found[key] = i
    if "filed" not in found:
        names = "、".join(n for n in dict.fromkeys([words.header("filed"), *words.column("filed").synonyms]) if not n.isascii())
        guess = did_you_mean(words, written, "filed")
        raise UserError(f"{what} 第1行（表头）里没有「{words.header('filed')}」列。" + (guess or ""),
                        hint=f"写提交（受理）投诉的日期的列，表头可以叫 {names}")
    return found, {key: written[i] for key, i in found.items()}


# A number Excel wrote in exponent form (1.40105195403152e+17): its last digits are gone
EXPONENT = re.compile(r"\s*\d(\.\d+)?[eE]\+\d+\s*")


def number_columns(header: list[str]) -> list[tuple[int, str]]:
    """(index, header) of the columns a file has whose cells are ID or phone numbers (cell: digits)."""
    words = vocabulary()
    digits = words.keys("digits")
    return [(i, h.strip()) for i, h in enumerate(header) if words.key_of(h.strip().lstrip("\ufeff")) in digits]


def check_numbers(row: list[str], at: list[tuple[int, str]]) -> None:
    """Refuse a row whose ID or phone number Excel turned into a number in exponent form."""
    from yb_guide.base.errors import UserError

    for i, header in at:
        if i < len(row) and EXPONENT.fullmatch(row[i]):
            raise UserError(f"「{header}」列的「{row[i].strip()}」：号码被存成了数字，后几位已丢失。",
                            hint="请在表格里把这一列设为文本，重新输入完整的号码")
