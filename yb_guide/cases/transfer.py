"""Export and import of the case journal: the backup (JSON) and tables for Excel (CSV).

``export_json`` -> ``import_file`` gives back exactly the same cases and log
(ids included).  Import reads what Excel writes on a Chinese Windows (GBK/GB18030)
as well as UTF-8 with or without BOM, reports a bad row with its line number, and
imports all rows or none (one transaction).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from yb_guide.cases import db as casedb
from yb_guide.cases.journal import all_cases
from yb_guide.cases.timeline import check_dates, one_run
from yb_guide.cases.model import (EXPORT_FORMAT, EXPORT_VERSION, LABELS, Case, Change, LogEntry, case_dict, clean_text,
                                  export_document, log_kind, make_case, parse_at, yes_no)
from yb_guide.cases.store import insert_case, load_case
from yb_guide.calendar.dates import parse_date
from yb_guide.base.errors import UserError




@dataclass
class ExportData:
    text: str | None  # JSON or CSV; None for a workbook (written from ``cases``)
    format: str  # "JSON", "CSV" or "XLSX"
    count: int
    personal_data: bool  # holds full ID or card numbers
    cases: list = field(default_factory=list)


FORMATS = ("json", "csv", "xlsx")


def export_data(k, fmt: str, cases: list | None = None) -> ExportData:
    """The journal's cases (or ``cases``: those a salvage read) as JSON, CSV or a workbook."""
    from yb_guide.cases import sheets

    cases = all_cases() if cases is None else cases
    personal = any(c.id_number or c.card_number or c.agent_id_number for c in cases)
    if fmt == "csv":
        return ExportData(sheets.csv_text(k, cases), "CSV", len(cases), personal)
    if fmt == "xlsx":
        return ExportData(None, "XLSX", len(cases), personal, cases)
    text = json.dumps(export_document(cases), ensure_ascii=False, indent=2) + "\n"
    return ExportData(text, "JSON", len(cases), personal)


def write_export(k, path, data: ExportData, *, overwrite: bool = False) -> None:
    """A private file; CSV with a BOM so that Excel shows the Chinese text (not mojibake)."""
    from pathlib import Path

    from yb_guide.base.files import write_private

    if data.format == "XLSX":
        from yb_guide.cases.sheets import write_workbook

        write_private(Path(path), lambda tmp: write_workbook(tmp, k, data.cases), overwrite=overwrite)
        return
    encoding = "utf-8-sig" if data.format == "CSV" else "utf-8"
    write_private(Path(path), lambda tmp: tmp.write_bytes(data.text.encode(encoding)), overwrite=overwrite)


class ImportProblem(UserError):
    pass


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    """Text of a file from Excel or an editor: UTF-8 (with or without BOM), UTF-16, or GBK/GB18030."""
    if raw.startswith(b"\xef\xbb\xbf"):
        tries = [("utf-8", raw[3:], "UTF-8（带 BOM）")]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        tries = [("utf-16", raw, "UTF-16")]  # Excel's "Unicode 文本"
    else:
        # GB18030 is a superset of GBK and GB2312: what Excel on a Chinese Windows writes.
        tries = [("utf-8", raw, "UTF-8"), ("gb18030", raw, "GBK/GB18030")]
    for codec, data, label in tries:
        try:
            return data.decode(codec), label
        except UnicodeDecodeError as err:
            last = err
    line = raw[: last.start].count(b"\n") + 1
    raise ImportProblem(f"{name} 第 {line} 行：无法识别文件编码。", hint="请另存为 UTF-8 或 GBK 编码的 CSV")


@dataclass
class _Parsed:
    where: str  # "第 3 行" or "第 2 个案件", for errors
    case: Case
    file_id: int | None


def _file_id(value, where: str, name: str) -> int | None:
    s = clean_text(value)
    if s is None:
        return None
    if not s.isdigit() or int(s) < 1:
        raise ImportProblem(f"{name} {where}：编号「{s}」应是正整数。")
    return int(s)


def _excel_damage(raw: dict, where: str, name: str) -> dict:
    from yb_guide.schedule.columns import EXPONENT
    from yb_guide.schedule.sheets import excel_unwrap

    """Undo Excel's text tricks (="…", leading '); refuse numbers Excel already ruined."""
    out = {}
    for key, value in raw.items():
        if isinstance(value, str):
            value = excel_unwrap(value)
            if key in ("id_number", "card_number", "phone") and EXPONENT.fullmatch(value):
                raise ImportProblem(f"{name} {where}：{LABELS[key]}「{value}」被 Excel 存成了数字（科学计数法），后几位已丢失。",
                                    hint="请在表格里把这一列设为“文本”格式，重新输入完整的号码后再导入")
        out[key] = value
    return out


def _as_of(raw: dict, today: dt.date) -> dt.date:
    """The day a case is checked against: today, or the day it was last changed if later (an export
    made with dates that were "today" then must import again)."""
    days = [today]
    for stamp in ("updated", "created"):
        text = clean_text(raw.get(stamp))
        if text:
            try:
                days.append(parse_date(text.replace("T", " ").split()[0], stamp))
            except UserError:
                pass  # reported by _timestamp below
    return max(days)


def _parse_case(k, raw: dict, where: str, name: str, today: dt.date) -> _Parsed:
    raw = _excel_damage(raw, where, name)
    today = _as_of(raw, today)
    try:
        c = make_case(k, raw, today)
        check_dates(k, c, today)
        for stamp in ("created", "updated"):
            if clean_text(raw.get(stamp)):
                setattr(c, stamp, _timestamp(raw[stamp], LABELS[stamp], today))
    except UserError as err:
        raise ImportProblem(f"{name} {where}：{err.message}", hint=err.hint) from None
    return _Parsed(where, c, _file_id(raw.get("id"), where, name))


def _timestamp(value, what: str, today: dt.date) -> str:
    """A creation/update time as 'YYYY-MM-DD HH:MM:SS' (Excel may have rewritten it as 2024/5/7 10:30)."""
    s = (clean_text(value) or "").replace("T", " ")
    m = re.match(r"^(.*?)(?:\s+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$", s)
    day = parse_date(m.group(1), what, today=today)
    hour, minute, second = (int(g) if g else 0 for g in m.groups()[1:])
    if hour > 23 or minute > 59 or second > 59:
        raise UserError(f"{what}「{value}」里的时间不对。")
    return f"{day.isoformat()} {hour:02d}:{minute:02d}:{second:02d}"


def _parse_log(raw: dict, where: str, name: str, today: dt.date) -> LogEntry:
    try:
        kind = log_kind(clean_text(raw.get("kind")) or "other")
        text = clean_text(raw.get("text"))
        if not text:
            raise UserError("记录内容是空的。")
        return LogEntry(parse_at(raw.get("at"), today), kind, text, yes_no(raw.get("auto"), "自动记录"))
    except UserError as err:
        raise ImportProblem(f"{name} {where}：{err.message}", hint=err.hint) from None


def _csv_rows(text: str, name: str) -> list[tuple[int, list[str]]]:
    """(line, cells) of every record of a CSV (or tab-separated text, as Excel copies it)."""
    import csv
    import io

    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out, line = [], 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return out
        except csv.Error as err:
            raise ImportProblem(f"{name} 第 {line} 行：CSV 格式有误（{err}）。") from None
        out.append((line, row))
        line = reader.line_num + 1


def _parse_rows(k, rows: list[tuple[int, list[str]]], name: str, today: dt.date,
                skip_bad: bool = False) -> tuple[list[_Parsed], list[str], list[str]]:
    """Cases from the rows of a table (CSV or workbook); the headers set aside; the bad rows, each
    said in a line (only when ``skip_bad``: else one bad row refuses the whole file)."""
    from yb_guide.cases.sheets import own_numbering, read_header

    while rows and not any(c.strip() for c in rows[0][1]):
        rows = rows[1:]  # blank lines above the header
    if not rows:
        raise ImportProblem(f"{name} 是空文件。")
    columns = read_header(k, rows[0][1])
    own_numbering(columns, rows[0][1], rows[1:])
    from yb_guide.schedule.columns import did_you_mean, nearest_header, vocabulary

    words = vocabulary()
    if "filed" not in columns.keys and "record" not in columns.keys:
        names = "、".join(n for n in dict.fromkeys([words.header("filed"), *words.column("filed").synonyms]) if not n.isascii())
        raise ImportProblem(f"{name} 第 {rows[0][0]} 行（表头）里没有「{words.header('filed')}」列。"
                            + (did_you_mean(words, rows[0][1], "filed") or ""),
                            hint=f"提交（受理）投诉的日期那一列，表头可以叫 {names}；还要有 渠道 列，可选 编号、姓名、工单编号、复杂 等")
    columns.ignored = [h + (f"（是不是「{near}」？）" if (near := nearest_header(words, h)) else "") for h in columns.ignored]
    cases: list[_Parsed] = []
    logs: list[tuple[str, int | None, object]] = []
    bad: list[ImportProblem] = []  # every bad row is said, like deadline --batch does; nothing is imported
    for line, row in rows[1:]:
        try:
            _parse_row(k, columns, line, row, name, today, cases, logs)
        except ImportProblem as err:
            bad.append(err)
    by_id = {p.file_id: p for p in cases if p.file_id is not None}
    for where, file_id, entry in logs:
        if file_id not in by_id:
            bad.append(ImportProblem(f"{name} {where}：这条记录属于编号 {file_id} 的案件，但文件里没有这个案件。"))
            continue
        target = by_id[file_id].case
        (target.history if isinstance(entry, Change) else target.log).append(entry)
    if bad and not skip_bad:
        raise _all_problems(bad, name)
    said = [p.message.removeprefix(f"{name} ") + (f"（{p.hint}）" if p.hint else "") for p in bad]
    return cases, columns.ignored, said


def _parse_row(k, columns, line: int, row: list[str], name: str, today: dt.date, cases: list, logs: list) -> None:
    """One row of a table: a case into ``cases``, a log entry or a change into ``logs``."""
    from yb_guide.cases.sheets import KIND_CASE, KIND_CHANGE, KIND_LOG

    where = f"第 {line} 行"
    if not any(cell.strip() for cell in row):
        return
    raw = {key: cell for key, cell in zip(columns.keys, row) if key is not None}
    record = (clean_text(raw.pop("record", None)) or KIND_CASE).lower()
    if record in (KIND_CASE, "case"):
        cases.append(_parse_case(k, raw, where, name, today))
    elif record in (KIND_LOG, "沟通记录", "log", KIND_CHANGE, "change"):
        file_id = _file_id(raw.get("id"), where, name)
        if file_id is None:
            raise ImportProblem(f"{name} {where}：记录行必须写明属于哪个案件的编号。")
        if record in (KIND_CHANGE, "change"):
            logs.append((where, file_id, _parse_change({**raw, "field": raw.get("changed")}, where, name)))
        else:
            logs.append((where, file_id, _parse_log(raw, where, name, _as_of(raw, today))))
    else:
        raise ImportProblem(f"{name} {where}：类型「{record}」看不懂。",
                            hint=f"写“{KIND_CASE}”“{KIND_LOG}”或“{KIND_CHANGE}”")


MAX_LISTED = 20  # bad rows named in the one line; the count says how many in all


def _all_problems(bad: list, name: str) -> ImportProblem:
    """One error for every bad row of a file, in one line: each row and what is wrong with it."""
    if len(bad) == 1:
        return bad[0]
    said = [p.message.removeprefix(f"{name} ") + (f"（{p.hint}）" if p.hint else "") for p in bad[:MAX_LISTED]]
    more = f"；另有 {len(bad) - MAX_LISTED} 行" if len(bad) > MAX_LISTED else ""
    return ImportProblem(f"{name} 有 {len(bad)} 行有误，什么都没有导入：" + "；".join(said) + more + "。",
                         hint="改正这些行后再导入整个文件；或加 --skip-bad 只导入没有错的行")


def _parse_change(raw: dict, where: str, name: str) -> Change:
    at, field_name = clean_text(raw.get("at")), clean_text(raw.get("field"))
    if not at or not field_name:
        raise ImportProblem(f"{name} {where}：修改记录缺少时间或修改项。")
    return Change(at, field_name, clean_text(raw.get("old")), clean_text(raw.get("new")), clean_text(raw.get("note")))


def _parse_json(k, text: str, name: str, today: dt.date) -> list[_Parsed]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ImportProblem(f"{name} 第 {err.lineno} 行：不是有效的 JSON（{err.msg}）。") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT or not isinstance(data.get("cases"), list):
        raise ImportProblem(f"{name} 不是 ybguide 导出的案件文件。", hint="用 ybguide case export 导出的 JSON 或 CSV 文件")
    if not isinstance(data.get("version"), int) or data["version"] > EXPORT_VERSION:
        raise ImportProblem(f"{name} 是更新版本的 ybguide 导出的（格式版本 {data.get('version')}）。", hint="请升级 ybguide")
    out = []
    for i, item in enumerate(data["cases"], start=1):
        where = f"第 {i} 个案件"
        if not isinstance(item, dict):
            raise ImportProblem(f"{name} {where}：应是一个键值表。")
        raw = {key: value for key, value in item.items() if key not in ("log", "history")}
        parsed = _parse_case(k, raw, where, name, today)
        for j, e in enumerate(item.get("log") or [], start=1):
            if not isinstance(e, dict):
                raise ImportProblem(f"{name} {where}第 {j} 条记录：应是一个键值表。")
            parsed.case.log.append(_parse_log(e, f"{where}第 {j} 条记录", name, _as_of(raw, today)))
        for j, h in enumerate(item.get("history") or [], start=1):
            if not isinstance(h, dict):
                raise ImportProblem(f"{name} {where}第 {j} 条修改记录：应是一个键值表。")
            parsed.case.history.append(_parse_change(h, f"{where}第 {j} 条修改记录", name))
        out.append(parsed)
    return out


@dataclass
class ImportReport:
    file: str
    format: str
    encoding: str
    added: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # already there, identical
    logs: int = 0
    ignored: list[str] = field(default_factory=list)  # columns of the file not imported (序号, 备注 …)
    bad: list[str] = field(default_factory=list)  # rows left out (--skip-bad), each with what was wrong


def import_file(k, path, today: dt.date, *, new_ids: bool = False, skip_bad: bool = False) -> ImportReport:
    """Read a backup (JSON), a CSV (from ``case export --csv``, Excel or a ``deadline --batch`` ledger)
    or an Excel workbook (.xlsx); all or nothing."""
    from pathlib import Path

    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件 {path}。") from None
    except OSError as err:
        raise UserError(f"无法读取 {path}（{err.strerror}）。") from None
    from yb_guide.schedule.sheets import is_xlsx, read_xlsx

    ignored: list[str] = []
    bad: list[str] = []
    with one_run(k):  # the rules and the calendar found once for the file, not once a row
        if is_xlsx(path, raw[:4]):
            import io

            sheet = read_xlsx(io.BytesIO(raw), name)
            fmt, encoding = "XLSX", "Excel 工作簿"
            parsed, ignored, bad = _parse_rows(k, list(enumerate(sheet.rows, 1)), name, today, skip_bad)
        else:
            text, encoding = _decode(raw, name)
            is_json = path.suffix.lower() == ".json" or text.lstrip().startswith("{")
            fmt = "JSON" if is_json else "CSV"
            if is_json:
                parsed = _parse_json(k, text, name, today)
            else:
                parsed, ignored, bad = _parse_rows(k, _csv_rows(text, name), name, today, skip_bad)
    report = ImportReport(str(path), fmt, encoding, ignored=ignored, bad=bad)
    with casedb.transaction(write=True) as db:
        for p in parsed:
            p.case.log.sort(key=lambda e: e.at)
            if p.file_id is not None and not new_ids:
                p.case.id = p.file_id
                if db.execute("SELECT 1 FROM cases WHERE id = ?", (p.file_id,)).fetchone():
                    mine = case_dict(load_case(db, p.file_id))
                    mine["log"].sort(key=lambda e: e["at"])
                    if mine == case_dict(p.case):
                        report.skipped.append(p.file_id)
                        continue
                    raise ImportProblem(f"{name} {p.where}：编号 {p.file_id} 的案件已经存在，而且内容不同。",
                                        hint="什么都没有导入；要把文件里的案件作为新案件导入，加 --new-ids")
                report.added.append(insert_case(db, p.case, keep_id=True))
            else:
                p.case.id = None
                report.added.append(insert_case(db, p.case))
            report.logs += len(p.case.log)
    return report
