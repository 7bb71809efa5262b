"""Due dates for a whole spreadsheet: ``ybguide deadline --batch IN.csv``.

Streams rows from a CSV (UTF-8 with or without BOM, or GBK/GB18030 as Excel in
Chinese writes it) to a CSV with one column per stage due date, so memory does
not grow with the file.  Every row is computed by ``deadlines.compute``, the
same function ``ybguide deadline`` uses; identical inputs (common in real
files: many complaints share a filing date) are computed once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from yb_guide.base.errors import UnknownIdError, UserError

# Column names a spreadsheet may use (English ids, or the Chinese a desk worker would type).
COLUMNS = {
    "filed": ("filed", "提交日期", "投诉日期"),
    "id": ("id", "编号", "案件编号"),
    "complex": ("complex", "复杂", "复杂案件"),
    "channel": ("channel", "渠道"),
    "result_received": ("result_received", "收到结果日期"),
    "decision_known": ("decision_known", "知道原决定日期"),
}
TRUE_WORDS = {"1", "true", "yes", "y", "是", "复杂", "t"}
FALSE_WORDS = {"", "0", "false", "no", "n", "否", "f", "一般"}
_FLAG_CACHE = {"": False, "0": False, "1": True}
MEMO_LIMIT = 100_000  # distinct inputs remembered; bounded so memory stays flat
MAX_ERRORS_KEPT = 50


class BatchRowError(UserError):
    pass


@dataclass
class Summary:
    written: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message), the first few
    encoding: str = "utf-8"
    columns: list[str] = field(default_factory=list)


def detect_encoding(head: bytes) -> str:
    """UTF-8 (BOM or not) if the bytes decode as UTF-8, else GB18030 (a superset of GBK)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError("这个 CSV 是 UTF-16 编码（Excel 的“Unicode 文本”）。",
                        hint="请在 Excel 里另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 3:  # the sample ended inside a character
            return "utf-8"
        return "gb18030"


def open_text(binary: BinaryIO) -> tuple[TextIO, str]:
    """Wrap a binary stream (file or stdin) as text in the detected encoding, without reading ahead."""
    buffered = binary if hasattr(binary, "peek") else io.BufferedReader(binary)
    encoding = detect_encoding(buffered.peek(65536)[:65536])
    return io.TextIOWrapper(buffered, encoding=encoding, newline=""), encoding


def _find_columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    for key, aliases in COLUMNS.items():
        for i, name in enumerate(names):
            if name in aliases:
                found[key] = i
                break
    if "filed" not in found:
        raise UserError("CSV 第1行（表头）里没有 filed 列。",
                        hint="表头需要有 filed（或“提交日期”）列；可选 id、complex、channel、result_received")
    return found


def _flag(text: str) -> bool:
    if text in _FLAG_CACHE:
        return _FLAG_CACHE[text]
    t = text.strip().lower()
    if t in TRUE_WORDS:
        return True
    if t in FALSE_WORDS:
        return False
    raise BatchRowError(f"complex 列的值「{text}」看不懂（可用：1/0、true/false、是/否）")


def _quoted_record(line: str, lines, line_no: int) -> tuple[str, list[str]]:
    """A record that has quotes: it may go on over several lines (an open quoted field
    continues), so gather lines until the quotes balance, then let csv split it."""
    parts = [line]
    quotes = line.count('"')
    while quotes % 2:
        more = next(lines, None)
        if more is None:
            # Everything after an unclosed quote would silently become one cell: refuse.
            raise UserError(f"CSV 第{line_no}行的引号一直到文件结尾都没有闭合，之后的 {len(parts) - 1} 行无法分开。",
                            hint="请检查这一行的双引号（单元格里的引号要写成两个）")
        parts.append(more)
        quotes += more.count('"')
    record = "".join(parts).rstrip("\r\n")
    try:
        return record, next(csv.reader([record]), [])
    except csv.Error as err:
        raise UserError(f"CSV 第{line_no}行格式有误（{err}）。") from None


def stage_columns(plan, cols: dict[str, int]) -> list[str]:
    """The stages a file can have: those whose starting event has a column (the review windows only
    with a result column, 复议/诉讼 only with a decision column), of the tracks its channels can use."""
    from yb_guide.schedule.deadlines import ADMINISTRATIVE, _root_event

    event_columns = {"filed": "filed", "result-received": "result_received", "decision-known": "decision_known"}
    tracks = set(plan.tracks_for(None))
    if "channel" in cols:
        tracks |= {t for names in plan.channel_tracks.values() for t in names}
    if "decision_known" in cols:
        tracks.add(ADMINISTRATIVE)
    out = []
    for rule in plan.rules:
        if rule.track not in tracks or (rule.channel and "channel" not in cols):
            continue
        if event_columns.get(_root_event(plan, rule)) not in cols:
            continue
        out.append(rule.id)
    return out


def run_batch(plan, cal, source: BinaryIO, out: TextIO, *, on_error: str = "skip") -> Summary:
    """Read CSV rows from ``source``, write them with due dates to ``out``."""
    from yb_guide.calendar.dates import parse_date
    from yb_guide.schedule.deadlines import compute

    text, encoding = open_text(source)
    summary = Summary(encoding=encoding)
    lines = iter(text)
    try:
        first_line = next(lines, None)
    except UnicodeDecodeError:
        raise UserError("CSV 文件的编码无法识别。", hint="请保存为 UTF-8 或 GBK 编码的 CSV") from None
    if first_line is None:
        raise UserError("CSV 文件是空的。", hint="第1行应为表头，至少有 filed 列")
    header_text, header = _quoted_record(first_line, lines, 1)
    line_no = 1 + header_text.count("\n")
    cols = _find_columns(header)
    stages = stage_columns(plan, cols)
    new_cols = stages + ["estimated"]
    summary.columns = header + new_cols
    # Each record is written back as its own text plus the new cells: the input columns come out
    # exactly as they went in, and re-quoting a million rows (the slow half of csv) is avoided.
    out.write(header_text.lstrip("\ufeff") + "," + ",".join(new_cols) + "\n")
    width = len(header)
    fi, ci, chi, ri, di = (cols.get(k, -1) for k in ("filed", "complex", "channel", "result_received", "decision_known"))
    known_channels = set(plan.channels)
    # Small memos (cell text -> date; inputs -> output cells), bounded by MEMO_LIMIT so memory
    # stays flat however long the file is.
    date_memo: dict[str, dt.date] = {}
    memo: dict[tuple, str] = {}

    def date_of(value: str, what: str) -> dt.date:
        d = date_memo.get(value)
        if d is None:
            d = parse_date(value, what)
            if len(date_memo) >= MEMO_LIMIT:
                date_memo.clear()
            date_memo[value] = d
        return d

    def compute_cells(key: tuple) -> str:
        filed, complex_case, channel, result, decision = key
        events = {"filed": filed, "result-received": result, "decision-known": decision}
        sched = compute(plan, cal, {e: d for e, d in events.items() if d is not None}, today=None,
                        complex_case=complex_case, channel=channel)
        by_id = {s.id: s for s in sched.stages}
        cells = [by_id[s].due.isoformat() if s in by_id else "" for s in stages]
        cells.append("true" if any(s.estimated for s in sched.stages) else "false")
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = ",".join(cells)
        return memo[key]

    write = out.write
    flags = _FLAG_CACHE
    written = 0
    try:
        # The hot loop: about a microsecond a row, so a million rows take seconds.
        for line in lines:
            line_no += 1
            start_line = line_no
            if '"' not in line:
                record = line.rstrip("\r\n")
                row = record.split(",")
            else:
                record, row = _quoted_record(line, lines, line_no)
                line_no = start_line + record.count("\n")
            n = len(row)
            try:
                if n > width:  # the new cells would land under the wrong headings
                    raise UserError(f"这一行有 {n} 列，比表头的 {width} 列多。",
                                    hint="多出的逗号要放在双引号里，例如 \"甲,乙\"")
                filed_text = row[fi] if fi < n else ""
                filed = date_memo.get(filed_text) or date_of(filed_text, "filed")
                if 0 <= ci < n:
                    complex_case = flags.get(row[ci])
                    if complex_case is None:
                        complex_case = _flag(row[ci])
                else:
                    complex_case = False
                channel = row[chi].strip() if 0 <= chi < n else ""
                if channel and channel not in known_channels:
                    raise UnknownIdError("渠道", channel, sorted(known_channels))
                result_text = row[ri].strip() if 0 <= ri < n else ""
                result = date_of(result_text, "result_received") if result_text else None
                decision_text = row[di].strip() if 0 <= di < n else ""
                decision = date_of(decision_text, "decision_known") if decision_text else None
                key = (filed, complex_case, channel or None, result, decision)
                cells = memo.get(key) or compute_cells(key)
            except UserError as err:
                if not any(c.strip() for c in row):
                    continue  # a blank line (Excel leaves some at the end) is no error
                message = err.message + (f"（{err.hint}）" if err.hint else "")
                if on_error == "stop":
                    raise BatchRowError(f"CSV 第{start_line}行：{message}",
                                        hint="用 --on-error skip 可跳过错误行继续") from None
                summary.skipped += 1
                if len(summary.errors) < MAX_ERRORS_KEPT:
                    summary.errors.append((start_line, message))
                continue
            if n < width:
                record += "," * (width - n)
            write(f"{record},{cells}\n")
            written += 1
    except UnicodeDecodeError:
        summary.written = written
        raise UserError(f"CSV 第{line_no + 1}行附近的文字不是 {encoding} 编码。",
                        hint="请把整个文件保存为同一种编码（UTF-8 或 GBK）") from None
    summary.written = written

    return summary


def check_on_error(on_error: str) -> None:
    if on_error not in ("skip", "stop"):
        raise UserError(f"--on-error 的值「{on_error}」不对。", hint="可用：skip（跳过错误行）、stop（遇错停止）")


def run_to_file(plan, cal, source: BinaryIO, out_path, *, on_error: str = "skip",
                source_path=None) -> Summary:
    """``run_batch`` into a file, written whole (a stopped run leaves no half file), never over the
    input file; UTF-8 with BOM, so that Excel in Chinese opens it with the right characters."""
    from yb_guide.base.files import write_atomic

    result: list[Summary] = []

    def write(tmp) -> None:
        encoding = "utf-8-sig" if Path(tmp) != Path(out_path) else "utf-8"  # no BOM into a device
        with open(tmp, "w", encoding=encoding, newline="") as out:
            result.append(run_batch(plan, cal, source, out, on_error=on_error))

    write_atomic(out_path, write, source=source_path)
    return result[0]
