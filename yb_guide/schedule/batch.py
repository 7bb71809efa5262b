"""Due dates for a whole spreadsheet: ``ybguide deadline --batch IN.csv``.

Streams rows from a CSV (UTF-8 with or without BOM, or GBK/GB18030 as Excel in Chinese writes it)
to a CSV with one column per stage due date, so memory does not grow with the file.  Every input
row gives one output row, in order: its own cells exactly as read, then the new cells; a row that
cannot be computed keeps its cells, leaves the dates empty and says why in the 错误 column.  The
output is in the input's own encoding unless told otherwise, so Excel opens it as it opened the
input.

Every row is computed by ``deadlines.compute``, the same function ``ybguide deadline`` uses;
identical inputs (common in real files: many complaints share a filing date) are computed once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import operator
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from yb_guide.base.errors import UserError
from yb_guide.schedule.encodings import ENCODING_LABELS, FormulaSafe, open_text

# The columns a batch reads (their headers and synonyms: data/columns.yaml, the vocabulary shared with
# case import/export); every other column is kept as it is.  Besides these, a column of every declared
# event (data/deadlines.yaml ``events``; its key is the event's id with _ for -) is read, and a row is
# computed from all the events it has dates for: a new event in the data is a new column here too.
OTHER_KEYS = ("id", "name", "complex", "channel", "decision_kind", "matter", "rights_stated", "amount")


def batch_keys(plan=None) -> tuple[str, ...]:
    """Every column key a batch reads: 提交日期 first, the other events', then ``OTHER_KEYS``."""
    from yb_guide.schedule.columns import check_numbers, event_key, number_columns
    from yb_guide.schedule.deadlines import get_plan

    plan = plan or get_plan()
    return ("filed", *(event_key(e) for e in plan.events.ids if e != "filed"), *OTHER_KEYS)


def __getattr__(name: str):
    """``COLUMNS`` (key -> the headers a batch reads for it), from the vocabulary when asked for."""
    if name == "COLUMNS":
        from yb_guide.schedule.columns import vocabulary

        v = vocabulary()
        return {key: tuple(dict.fromkeys((key, v.header(key), *v.column(key).synonyms))) for key in batch_keys()}
    raise AttributeError(name)


# the person's situation (schedule.situation): which rules apply to the row; column key -> question id
SITUATION_COLUMNS = {"decision_kind": "decision", "matter": "matter", "rights_stated": "rights_stated", "amount": "amount"}
# The columns a run adds after the stage columns (whose headers are the rules' titles), and how a
# yes/no cell is written: in Chinese for people, as ids with --ids for scripts.  The one table.
ADDED_COLUMNS = {"estimated": "是否推算", "error": "错误"}
YES_NO = {False: ("是", "否"), True: ("true", "false")}  # keyed by ``ids``
TRUE_WORDS = {"1", "true", "yes", "y", "是", "复杂", "t"}
FALSE_WORDS = {"", "0", "false", "no", "n", "否", "f", "一般"}
MEMO_LIMIT = 100_000  # distinct inputs remembered; bounded so memory stays flat
MAX_ERRORS_KEPT = 50
_MISSING = object()


class BatchRowError(UserError):
    pass


def _remembered(memo: dict, key, make):
    """``make()`` for ``key``, remembered (the memo is cleared at MEMO_LIMIT, so memory stays flat);
    a refusal is remembered too, as (message, hint), and raised again for every row that has it."""
    found = memo.get(key, _MISSING)
    if found is _MISSING:
        try:
            found = make()
        except UserError as err:
            found = (err.message, err.hint)
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = found
    if type(found) is tuple:
        raise UserError(found[0], hint=found[1])
    return found


@dataclass
class Summary:
    written: int = 0  # rows written: every row of the input (blank lines are not rows)
    bad: int = 0  # of which had an error (their dates are empty, the 错误 cell says why)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message), the first few
    encoding: str = "utf-8"  # the input's
    out_encoding: str = "utf-8"
    columns: list[str] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)  # the columns read: key -> index
    stages: list[str] = field(default_factory=list)  # the rules whose due dates were added
    ics_file: str | None = None  # --ics: the calendar written, its events, the legal deadlines already past
    ics_events: int = 0
    ics_passed: int = 0


def _find_columns(plan, header: list[str], what: str = "CSV") -> tuple[dict[str, int], dict[str, str]]:
    from yb_guide.schedule.columns import find_columns

    return find_columns(batch_keys(plan), header, what)


def _cell(text: str) -> str:
    """One CSV cell: quoted when it holds a comma, a quote or a line break."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _one_line(err: UserError) -> str:
    message = err.message + (f"（{err.hint}）" if err.hint else "")
    return " ".join(message.split())


def _quoted_record(line: str, lines, line_no: int, what: str = "CSV") -> tuple[str, list[str]]:
    """A record that has quotes: it may go on over several lines (an open quoted field
    continues), so gather lines until the quotes balance, then let csv split it."""
    parts = [line]
    quotes = line.count('"')
    while quotes % 2:
        more = next(lines, None)
        if more is None:
            # Everything after an unclosed quote would silently become one cell: refuse.
            raise UserError(f"{what} 第{line_no}行的引号一直到文件结尾都没有闭合，之后的 {len(parts) - 1} 行无法分开。",
                            hint="请检查这一行的双引号（单元格里的引号要写成两个）")
        parts.append(more)
        quotes += more.count('"')
    record = "".join(parts).rstrip("\r\n")
    try:
        return record, next(csv.reader([record]), [])
    except csv.Error as err:
        raise UserError(f"{what} 第{line_no}行格式有误（{err}）。") from None


def stage_columns(plan, cols: dict[str, int]) -> list[str]:
    """The stages a file can have: those whose starting event has a column (the review windows only
    with a result column, 复议/诉讼 only with a decision column), of the tracks its channels can use."""
    from yb_guide.schedule.columns import check_numbers, event_key, number_columns
    from yb_guide.schedule.deadlines import _root_event

    event_columns = {e: event_key(e) for e in plan.events.ids}
    tracks = set(plan.tracks_for(None))
    if "channel" in cols:
        tracks |= {t for names in plan.channel_tracks.values() for t in names}
    tracks |= plan.events.brought(e for e, key in event_columns.items() if key in cols)
    return [rule.id for rule in plan.rules
            if rule.track in tracks and not (rule.channel and "channel" not in cols)
            and event_columns.get(_root_event(plan, rule)) in cols]


def added_headers(plan, stages: list[str], *, ids: bool = False) -> list[str]:
    """The headers of the added columns: each stage's title (受理登记, 调查核实 …), then 是否推算 and
    错误; with ``ids`` the English ids (accept, investigate …, estimated, error) for scripts.  Two
    rules of the same title are told apart by their track's title (then, if need be, their id)."""
    if ids:
        return [*stages, *ADDED_COLUMNS]
    rules = [plan.rule(s) for s in stages]
    titles = [r.title for r in rules]
    heads = [f"{r.title}（{plan.track(r.track).title}）" if titles.count(r.title) > 1 else r.title for r in rules]
    heads = [f"{h}（{r.id}）" if heads.count(h) > 1 else h for h, r in zip(heads, rules)]
    return [*heads, *ADDED_COLUMNS.values()]


def run_batch(plan, cal, source: BinaryIO, out: BinaryIO, *, on_error: str = "keep", encoding: str | None = None,
              errors: str = "strict", ids: bool = False, today: dt.date | None = None, collect=None) -> Summary:
    """Read CSV rows from ``source``, write them with due dates to ``out`` (a binary stream, left
    open) in ``encoding`` (None: the input's own; ``errors="replace"`` for a console).  ``collect``
    (``schedule.ics.BatchEvents``) is given the columns, then each row that was computed."""
    text, in_encoding = open_text(source)
    sink = io.TextIOWrapper(out, encoding=encoding or in_encoding, errors=errors, newline="")
    summary = Summary(encoding=in_encoding, out_encoding=encoding or in_encoding)
    try:
        rows(plan, cal, text, sink, summary, on_error=on_error, ids=ids, today=today, collect=collect)
        sink.flush()
    finally:
        try:
            sink.detach()  # the caller's stream stays open (stdout)
        except (OSError, ValueError):
            pass
    return summary


def rows(plan, cal, text: TextIO, sink: TextIO, summary: Summary, *, on_error: str, ids: bool,
         today: dt.date | None = None, collect=None, formulas: bool = False, what: str = "CSV") -> None:
    """The rows of ``text`` (CSV) with their due dates, as CSV into ``sink`` (formulas made text unless
    ``formulas``); ``what`` names the file in messages (CSV, or a workbook's sheet: 工作表「Sheet1」)."""
    from yb_guide.calendar.dates import parse_date
    from yb_guide.knowledge.lookup import UnknownChannelError, find_channel
    from yb_guide.schedule.deadlines import compute, future_event_warning

    lines = iter(text)
    line_no = 0
    try:
        first_line = next(lines, None)
        while first_line is not None and not first_line.strip():  # blank lines above the header
            line_no += 1
            first_line = next(lines, None)
    except UnicodeDecodeError:
        raise UserError("CSV 文件的编码无法识别。", hint="请保存为 UTF-8 或 GBK 编码的 CSV") from None
    if first_line is None:
        raise UserError("CSV 文件是空的。", hint="第1行应为表头，至少有「提交日期」列")
    header_text, header = _quoted_record(first_line, lines, line_no + 1, what)
    line_no += 1 + header_text.count("\n")
    cols, names = _find_columns(plan, header, what)
    stages = stage_columns(plan, cols)
    new_cols = added_headers(plan, stages, ids=ids)
    summary.columns, summary.keys, summary.stages = header + new_cols, cols, stages
    add_row = None
    if collect is not None:
        collect.begin(cols, stages)
        add_row = collect.row
    yes, no = YES_NO[ids]
    width = len(header)
    fi, ci, chi = (cols.get(k, -1) for k in ("filed", "complex", "channel"))
    from yb_guide.schedule.columns import check_numbers, event_key, number_columns

    # the other events with a column: (event id, its column key, the column's index)
    later_at = [(e, event_key(e), cols[event_key(e)]) for e in plan.events.ids if e != "filed" and event_key(e) in cols]
    situation_at = [(SITUATION_COLUMNS[key], cols[key]) for key in SITUATION_COLUMNS if key in cols]
    numbers_at = number_columns(header)  # ID and phone numbers: refused where Excel made them 1.4e+17
    question_column = {question: key for key, question in SITUATION_COLUMNS.items()}
    situations: dict[tuple, object] = {}  # the situation cells -> Situation, or the error's (message, hint)
    # Small memos (cell text -> date, flag or channel; inputs -> output cells), bounded by MEMO_LIMIT
    # so memory stays flat however long the file is.
    date_memo: dict[str, dt.date] = {}
    flags: dict[str, bool] = {"": False, "0": False, "1": True}
    channels: dict[str, str | None | tuple] = {"": None}  # cell -> id, or (message, hint) of its error
    memo: dict[tuple, str] = {}
    no_dates = "," * (len(stages) + 2)  # empty stage cells and 是否推算, before the error's cell

    def date_of(value: str, key: str) -> dt.date:
        d = date_memo.get(value)
        if d is None:
            what = f"「{names[key]}」列"
            d = cal.check(parse_date(value, what + "的值", today), what + "的日期")
            if today is not None and d > today:  # not memoized: each such row says so
                raise UserError(future_event_warning(key.replace("_", "-"), d, today))
            if len(date_memo) >= MEMO_LIMIT:
                date_memo.clear()
            date_memo[value] = d
        return d

    def flag_of(value: str) -> bool:
        t = value.strip().lower()
        if t not in TRUE_WORDS and t not in FALSE_WORDS:
            raise UserError(f"「{names['complex']}」列的值「{value}」看不懂。", hint="可用：是/否、1/0、true/false")
        if len(flags) >= MEMO_LIMIT:
            flags.clear()
        flags[value] = t in TRUE_WORDS
        return flags[value]

    def channel_of(value: str) -> str | None:
        def find():
            try:
                return find_channel(plan, value) if value.strip() else None
            except UnknownChannelError as err:
                tip = f"您是不是要找「{err.suggestion}」？" if err.suggestion else ""
                raise UserError(f"「{names['channel']}」列的值「{err.given}」不是已知的渠道。{tip}", hint=err.hint) from None

        return _remembered(channels, value, find)

    def situation_of(row: list[str], n: int):
        texts = tuple(row[i].strip() if i < n else "" for _, i in situation_at)

        def read():
            from yb_guide.schedule.situation import read_situation

            try:
                return read_situation(plan.situation, {key: t for (key, _), t in zip(situation_at, texts)})
            except UserError as err:
                raise UserError(f"「{names[question_column[err.field or 'amount']]}」列：{err.message}",
                                hint=err.hint) from None

        return _remembered(situations, texts, read)

    # Channels whose due dates are the same (the same tracks, no rule of their own: 12393's reply has
    # one, the platform and the hall do not) share their computed cells.
    own_rules = {r.channel for r in plan.rules if r.channel}
    families: dict = {}

    def family(channel: str | None):
        found = families.get(channel)
        if found is None:
            found = families[channel] = channel if channel in own_rules else plan.tracks_for(channel)
        return found

    def compute_cells(key: tuple, same: tuple) -> str:
        dated, complex_case, channel, situation = key
        events = dict(dated)
        for before, after in plan.events.order:  # in the user's column names (compute would say the events')
            if before in events and after in events and events[after] < events[before]:
                raise UserError(f"「{names[event_key(after)]}」列的日期（{events[after].isoformat()}）早于"
                                f"「{names[event_key(before)]}」列的日期（{events[before].isoformat()}）。",
                                hint="请检查日期；后发生的事不能早于先发生的事")
        sched = compute(plan, cal, events, today=None, complex_case=complex_case, channel=channel,
                        situation=situation)
        by_id = {s.id: s for s in sched.stages}
        cells = [by_id[s].due.isoformat() if s in by_id else "" for s in stages]
        cells.append(yes if any(s.estimated for s in sched.stages) else no)
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[same] = ",".join(cells) + ","  # and an empty error cell
        return memo[same]

    # The raw cells a row's dates depend on -> (key, cells): most rows of a real file repeat one
    # already seen, and then one lookup replaces parsing its date, flag and channel again.
    # One string is a faster key than a tuple of cells (\x1f, the unit separator, cannot be in a cell).
    read_at = [i for i in (fi, ci, chi, *(i for _, _, i in later_at), *(i for _, i in situation_at),
                           *(i for i, _ in numbers_at)) if i >= 0]
    cells_at = operator.itemgetter(*read_at, read_at[0])  # always a tuple, even for one column
    joined = "\x1f".join
    seen: dict = {}
    sink = sink if formulas else FormulaSafe(sink)  # =, +, -, @ starts written as text, as case export does
    # UTF-8 can write any text, so its rows are written a thousand at a time; in GBK a row may hold a
    # character GBK lacks, and the error must name that row, so each is written on its own.
    pending: list[str] = []
    write = pending.append if (getattr(sink, "encoding", None) or "").lower().replace("_", "-") in ("utf-8", "utf-8-sig") else sink.write
    written = bad = 0
    start_line = 0  # the header
    try:
        # Each record is written back as its own text plus the new cells: the input columns come out
        # exactly as they went in, and re-quoting a million rows (the slow half of csv) is avoided.
        write(header_text.lstrip("\ufeff") + "," + ",".join(_cell(h) for h in new_cols) + "\n")
        # The hot loop: about a microsecond a row, so a million rows take seconds.
        for line in lines:
            if len(pending) >= 1000:
                sink.write("".join(pending))
                pending.clear()
            line_no += 1
            start_line = line_no
            if '"' not in line:
                record = line.rstrip("\r\n")
                row = record.split(",")
            else:
                record, row = _quoted_record(line, lines, line_no, what)
                line_no = start_line + record.count("\n")
            n = len(row)
            if n == width:
                hit = seen.get(joined(cells_at(row)))
                if hit is not None:
                    if add_row is not None:
                        add_row(start_line, row, hit[0])
                    write(f"{record},{hit[1]}\n")
                    written += 1
                    continue
            try:
                if n > width:  # the new cells would land under the wrong headings
                    raise UserError(f"这一行有 {n} 列，比表头的 {width} 列多。",
                                    hint="多出的逗号要放在双引号里，例如 \"甲,乙\"")
                if numbers_at:
                    check_numbers(row, numbers_at)
                filed_text = row[fi] if fi < n else ""
                filed = date_memo.get(filed_text) or date_of(filed_text, "filed")
                if 0 <= ci < n:
                    complex_case = flags.get(row[ci])
                    if complex_case is None:
                        complex_case = flag_of(row[ci])
                else:
                    complex_case = False
                if 0 <= chi < n:
                    channel = channels.get(row[chi], _MISSING)
                    if channel is _MISSING or type(channel) is tuple:
                        channel = channel_of(row[chi])
                else:
                    channel = None
                dated = (("filed", filed), *((e, date_of(row[i].strip(), k)) for e, k, i in later_at
                                             if i < n and row[i].strip()))
                situation = situation_of(row, n) if situation_at else None
                key = (dated, complex_case, channel, situation)
                same = (dated, complex_case, family(channel), situation)
                cells = memo.get(same) or compute_cells(key, same)
            except UserError as err:
                if not any(c.strip() for c in row):
                    continue  # a blank line (Excel leaves some at the end) is not a row
                message = _one_line(err)
                if on_error == "stop":
                    raise BatchRowError(f"{what} 第{start_line}行：{message}",
                                        hint="不加 --on-error stop 时，错误行照抄，并在「错误」列写明原因") from None
                bad += 1
                if len(summary.errors) < MAX_ERRORS_KEPT:
                    summary.errors.append((start_line, message))
                # Its own cells as read (a row with too many keeps them all), no dates, the reason.
                write(f"{record}{',' * (width - n) if n < width else ''}{no_dates}{_cell(message)}\n")
                written += 1
                continue
            if n == width:
                if len(seen) >= MEMO_LIMIT:
                    seen.clear()
                seen[joined(cells_at(row))] = (key, cells)
            if add_row is not None:
                add_row(start_line, row, key)
            if n < width:
                record += "," * (width - n)
            write(f"{record},{cells}\n")
            written += 1
    except UnicodeDecodeError:
        raise UserError(f"CSV 第{line_no + 1}行附近的文字不是 {summary.encoding} 编码。",
                        hint="请把整个文件保存为同一种编码（UTF-8 或 GBK）") from None
    except UnicodeEncodeError as err:
        char = err.object[err.start:err.end]
        where = "表头" if start_line == 0 else f"第{start_line}行"
        raise UserError(f"CSV {where}有 {ENCODING_LABELS.get(summary.out_encoding, summary.out_encoding)} "
                        f"编码写不出的字「{char}」。", hint="请用 --encoding gb18030 或 --encoding utf-8-sig") from None
    finally:
        sink.write("".join(pending))  # what was read before an error is written, as row by row
        summary.written, summary.bad = written, bad
