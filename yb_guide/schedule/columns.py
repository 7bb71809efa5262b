"""data/columns.yaml: the one column vocabulary of the spreadsheets ybguide reads and writes
(``deadline --batch`` in and out, ``case import``, ``case export``): each column's Chinese header,
the other headers people write for it, and how its cells are written.

A column of a dated event takes its header from the event's label (``knowledge.labels``), so the
word for an event has one home.
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


@record
class Vocabulary:
    columns: tuple[Column, ...]
    headers: dict  # key -> the header written
    by_name: dict  # a normalized header or synonym -> key

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


def event_label(event: str) -> str:
    """The word for an event, from its one home (the deadline rules' event labels)."""
    from yb_guide.knowledge.labels import EVENT_LABELS

    return EVENT_LABELS[event]


def event_header(event: str) -> str:
    """收到处理结果（书面答复） -> 收到处理结果日期: the label without its bracketed part, then 日期."""
    return re.sub(r"（[^）]*）|\([^)]*\)", "", event_label(event)).strip() + "日期"


def vocabulary(data_dir=None) -> Vocabulary:
    from yb_guide.base.paths import data_dir as default_dir

    d = default_dir(data_dir)
    if d not in _loaded:
        _loaded[d] = _load(d / "columns.yaml")
    return _loaded[d]


def _load(path) -> Vocabulary:
    from yb_guide.base.schema import build, where_of
    from yb_guide.base.yamlio import Where, load_file
    from yb_guide.knowledge.deadline_rules import EVENTS

    name = f"data/{path.name}"
    loaded = build(ColumnsFile, load_file(path, name), Where(name))
    headers, by_name = {}, {}
    for col in loaded.columns:
        where = where_of(col)
        if col.key in headers:
            raise where.error(f"列「{col.key}」重复出现")
        if col.event is not None and col.event not in EVENTS:
            raise where.error(f"事件「{col.event}」不存在（可用：{'、'.join(EVENTS)}）")
        if col.header is None and col.event is None:
            raise where.error("缺少 header（只有写了 event 的日期列可以不写）")
        headers[col.key] = col.header or event_header(col.event)
        names = [headers[col.key], col.key, *col.synonyms] + ([event_header(col.event)] if col.event else [])
        for n in names:
            other = by_name.setdefault(normalize(n), col.key)
            if other != col.key:
                raise where.error(f"列名「{n}」同时属于「{other}」和「{col.key}」")
    return Vocabulary(loaded.columns, headers, by_name)
