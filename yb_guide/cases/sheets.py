"""The case journal as a table for Excel/WPS: one row per case (类型 案件), per log entry (记录) and per
correction (修改), with the column vocabulary of data/columns.yaml (the same headers and synonyms
as ``deadline --batch``).  Written as CSV or .xlsx; read from either, with any column the vocabulary
does not know (序号, 备注, a batch's due dates …) set aside and named, never fatal.

Cells are what a person reads: the channel's Chinese name, 是/否, 进行中/已结案, the situation
answers' labels, dates as dates; importing reads all of these back, so export -> edit -> import
gives the same journal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yb_guide.cases.model import LOG_KINDS, SITUATION_FIELDS, STATUS_LABELS, case_dict, case_fields
from yb_guide.schedule.sheets import excel_safe

RECORD_KEY = "record"
LOG_KEYS = ("at", "kind", "text", "auto")
HISTORY_KEYS = ("changed", "old", "new", "note")
KIND_CASE, KIND_LOG, KIND_CHANGE = "案件", "记录", "修改"


def column_keys(k) -> tuple[str, ...]:
    """The columns of the table: the record's kind, a case's (an event declared since the release
    after the released ones), a log entry's, a correction's."""
    return (RECORD_KEY, *case_fields(k), *LOG_KEYS, *HISTORY_KEYS)


def headers(k, words=None) -> list[str]:
    from yb_guide.schedule.columns import vocabulary

    words = words or vocabulary()
    return [words.header(key) for key in column_keys(k)]


def _answer_label(k, name: str, value: str | None) -> str | None:
    if value is None:
        return None
    from yb_guide.schedule.deadlines import get_plan

    question = get_plan(k.data_dir).question(SITUATION_FIELDS[name])
    return next((o.label for o in question.options if o.id == value), value)


def _case_cells(k, c) -> list[str]:
    d = case_dict(c)
    cells = []
    for name in case_fields(k):
        value = d.get(name)
        if isinstance(value, list):
            value = "\n".join(value)
        elif isinstance(value, bool):
            value = "是" if value else "否"
        elif name == "status":
            value = STATUS_LABELS[value]
        elif name == "channel" and value:
            value = k.channel(value).name  # 全国统一医保服务热线 12393, not hotline-12393
        elif name in SITUATION_FIELDS:
            value = _answer_label(k, name, value)
        cells.append("" if value is None else str(value))
    return cells


def table(k, cases) -> list[list[str]]:
    """The rows under ``headers()``: each case, then its log, then its corrections."""
    rows = []
    tail = [""] * (len(LOG_KEYS) + len(HISTORY_KEYS))
    blank = [""] * len(case_fields(k))
    id_at = case_fields(k).index("id")
    for c in cases:
        rows.append([KIND_CASE, *_case_cells(k, c), *tail])
        belongs = blank.copy()
        belongs[id_at] = str(c.id)
        for e in c.log:
            rows.append([KIND_LOG, *belongs, e.at, LOG_KINDS[e.kind], e.text, "是" if e.auto else "否",
                         *[""] * len(HISTORY_KEYS)])
        for h in c.history:  # the time goes in the 记录时间 column
            rows.append([KIND_CHANGE, *belongs, h.at, "", "", "", h.field, h.old or "", h.new or "", h.note or ""])
    return rows


def csv_text(k, cases) -> str:
    import csv
    import io

    from yb_guide.schedule.columns import vocabulary

    words = vocabulary()
    digits = [words.column(key).cell == "digits" for key in column_keys(k)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")  # what Excel writes and expects
    w.writerow(headers(k, words))
    for row in table(k, cases):
        w.writerow([excel_safe(cell, d) for cell, d in zip(row, digits)])
    return buf.getvalue()


def write_workbook(path, k, cases) -> None:
    """The same table as a workbook: dates as date cells, ID numbers as text cells."""
    from yb_guide.schedule.columns import vocabulary
    from yb_guide.schedule.sheets import write_xlsx

    words = vocabulary()
    keys = column_keys(k)
    dates = {i for i, key in enumerate(keys) if words.column(key).cell == "date"}
    widths = {i: 20 for i, key in enumerate(keys) if words.column(key).cell in ("digits", "timestamp")}
    write_xlsx(path, headers(k, words), table(k, cases), dates=dates, title="案件", widths=widths)


@dataclass
class Columns:
    keys: list[str | None]  # per column of the file: its key, or None (set aside)
    ignored: list[str] = field(default_factory=list)  # the headers set aside, as written


def read_header(k, header: list[str]) -> Columns:
    """Which column is which: by the vocabulary; an unknown or repeated column is set aside."""
    from yb_guide.schedule.columns import vocabulary

    words = vocabulary()
    keys = column_keys(k)
    out = Columns([])
    for cell in header:
        key = words.key_of(cell)
        if key not in keys or key in out.keys:
            key = None
            if cell.strip():
                out.ignored.append(cell.strip())
        out.keys.append(key)
    return out


def own_numbering(columns: Columns, header: list[str], rows) -> None:
    """A ledger's own 编号 (2026-001, A7 …) is not a case number: when the file has no log or
    correction rows and some 编号 is not a whole number, the column is set aside (named) and the
    cases get new numbers, instead of refusing the file."""
    if "id" not in columns.keys:
        return
    at = columns.keys.index("id")
    kind_at = columns.keys.index(RECORD_KEY) if RECORD_KEY in columns.keys else None
    values = []
    for _, row in rows:
        kind = row[kind_at].strip() if kind_at is not None and kind_at < len(row) else ""
        if kind not in ("", KIND_CASE, "case"):
            return  # an export of ours: its rows belong to cases by number
        values.append(row[at].strip() if at < len(row) else "")
    if any(v and not v.lstrip("#").isdigit() for v in values):
        columns.keys[at] = None
        columns.ignored.append(f"{header[at].strip()}（台账自己的编号，案件重新编号）")
