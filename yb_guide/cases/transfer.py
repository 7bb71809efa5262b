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
from yb_guide.cases.timeline import check_dates
from yb_guide.cases.model import (CASE_FIELDS, EXPORT_FORMAT, EXPORT_VERSION, LABELS, LOG_KINDS, OLD_LABELS, STATUS_LABELS, Case,
                                  Change, LogEntry, case_dict, clean_text, log_kind, make_case, parse_at, yes_no)
from yb_guide.cases.store import insert_case, load_case
from yb_guide.calendar.dates import parse_date
from yb_guide.base.errors import UserError




def export_json() -> dict:
    from yb_guide.cases.model import export_document

    return export_document(all_cases())


# CSV: one row per case (类型 = 案件) and one per log entry (类型 = 记录), so that the
# file opens as a plain table in Excel.  Headers are Chinese; English names also work.
CSV_RECORD = ("record", "类型")
CSV_LOG = (("at", "记录时间"), ("kind", "记录方式"), ("text", "记录内容"), ("auto", "自动记录"))
CSV_HISTORY = (("changed", "修改项"), ("old", "原来的值"), ("new", "改成的值"), ("note", "说明"))
CSV_KIND_CASE, CSV_KIND_LOG, CSV_KIND_CHANGE = "案件", "记录", "修改"


def csv_headers() -> list[str]:
    return ([CSV_RECORD[1]] + [LABELS[n] for n in CASE_FIELDS] + [label for _, label in CSV_LOG]
            + [label for _, label in CSV_HISTORY])


def export_csv() -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")  # what Excel writes and expects
    w.writerow(csv_headers())
    blank_case = [""] * len(CASE_FIELDS)
    for c in all_cases():
        d = case_dict(c)
        cells = []
        for name in CASE_FIELDS:
            value = d[name]
            if isinstance(value, list):
                value = "\n".join(value)
            elif isinstance(value, bool):
                value = "是" if value else "否"
            elif name == "status":
                value = STATUS_LABELS[value]
            cells.append("" if value is None else str(value))
        w.writerow([CSV_KIND_CASE] + cells + [""] * (len(CSV_LOG) + len(CSV_HISTORY)))
        row = blank_case.copy()
        row[CASE_FIELDS.index("id")] = str(c.id)
        for e in c.log:
            w.writerow([CSV_KIND_LOG] + row + [e.at, LOG_KINDS[e.kind], e.text, "是" if e.auto else "否"]
                       + [""] * len(CSV_HISTORY))
        for h in c.history:  # the time goes in the 记录时间 column
            w.writerow([CSV_KIND_CHANGE] + row + [h.at, "", "", ""] + [h.field, h.old or "", h.new or "", h.note or ""])
    return buf.getvalue()


@dataclass
class ExportData:
    text: str
    format: str  # "JSON" or "CSV"
    count: int
    personal_data: bool  # holds full ID or card numbers


def export_data(fmt: str) -> ExportData:
    data = export_json()
    personal = any(c["id_number"] or c["card_number"] for c in data["cases"])
    if fmt == "csv":
        return ExportData(export_csv(), "CSV", len(data["cases"]), personal)
    return ExportData(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "JSON", len(data["cases"]), personal)


def write_export(path, data: ExportData, *, overwrite: bool = False) -> None:
    """A private file; CSV with a BOM so that Excel shows the Chinese text (not mojibake)."""
    from pathlib import Path

    from yb_guide.base.files import write_private

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
    """Undo Excel's text tricks (="…", leading '); refuse numbers Excel already ruined."""
    out = {}
    for key, value in raw.items():
        if isinstance(value, str):
            m = re.fullmatch(r'="(.*)"', value.strip())
            value = m.group(1) if m else value
            if value.startswith("'"):
                value = value[1:]
            if key in ("id_number", "card_number", "phone") and re.fullmatch(r"\s*\d(\.\d+)?[eE]\+\d+\s*", value):
                raise ImportProblem(f"{name} {where}：{LABELS[key]}「{value}」被 Excel 改成了科学计数法，原来的号码已丢失。",
                                    hint="在 Excel 里把这一列设为“文本”格式后重新输入号码，再另存为 CSV")
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


def _parse_csv(k, text: str, name: str, today: dt.date) -> list[_Parsed]:
    import csv
    import io

    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    by_header = {label: key for key, label in LABELS.items()} | {key: key for key in LABELS} | OLD_LABELS
    by_header |= {label: key for key, label in CSV_LOG} | {key: key for key, _ in CSV_LOG}
    by_header |= {label: key for key, label in CSV_HISTORY} | {key: key for key, _ in CSV_HISTORY}
    by_header |= {CSV_RECORD[1]: "record", "record": "record"}
    try:
        header = next(reader)
    except StopIteration:
        raise ImportProblem(f"{name} 是空文件。") from None
    keys = []
    for cell in header:
        key = by_header.get(cell.strip()) or by_header.get(cell.strip().lower())
        if key is None:
            raise ImportProblem(f"{name} 第 1 行：不认识的列名「{cell}」。", hint="可用的列名：" + "、".join(csv_headers()))
        keys.append(key)
    cases: list[_Parsed] = []
    logs: list[tuple[str, int | None, object]] = []
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise ImportProblem(f"{name} 第 {line} 行：CSV 格式有误（{err}）。") from None
        where, line = f"第 {line} 行", reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(keys):
            raise ImportProblem(f"{name} {where}：有 {len(row)} 格，比表头多。", hint="检查是否有多余的逗号")
        raw = dict(zip(keys, row))
        record = (clean_text(raw.pop("record", None)) or CSV_KIND_CASE).lower()
        if record in (CSV_KIND_CASE, "case"):
            cases.append(_parse_case(k, raw, where, name, today))
        elif record in (CSV_KIND_LOG, "沟通记录", "log", CSV_KIND_CHANGE, "change"):
            file_id = _file_id(raw.get("id"), where, name)
            if file_id is None:
                raise ImportProblem(f"{name} {where}：记录行必须写明属于哪个案件的编号。")
            if record in (CSV_KIND_CHANGE, "change"):
                logs.append((where, file_id, _parse_change({**raw, "field": raw.get("changed")}, where, name)))
            else:
                logs.append((where, file_id, _parse_log(raw, where, name, _as_of(raw, today))))
        else:
            raise ImportProblem(f"{name} {where}：类型「{record}」看不懂。",
                                hint=f"写“{CSV_KIND_CASE}”“{CSV_KIND_LOG}”或“{CSV_KIND_CHANGE}”")
    by_id = {p.file_id: p for p in cases if p.file_id is not None}
    for where, file_id, entry in logs:
        if file_id not in by_id:
            raise ImportProblem(f"{name} {where}：这条记录属于编号 {file_id} 的案件，但文件里没有这个案件。")
        target = by_id[file_id].case
        (target.history if isinstance(entry, Change) else target.log).append(entry)
    return cases


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


def import_file(k, path, today: dt.date, *, new_ids: bool = False) -> ImportReport:
    """Read a backup (JSON) or a CSV (from ``case export --csv`` or Excel); all or nothing."""
    from pathlib import Path

    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件 {path}。") from None
    except OSError as err:
        raise UserError(f"无法读取 {path}（{err.strerror}）。") from None
    text, encoding = _decode(raw, name)
    is_json = path.suffix.lower() == ".json" or text.lstrip().startswith("{")
    parsed = _parse_json(k, text, name, today) if is_json else _parse_csv(k, text, name, today)
    report = ImportReport(str(path), "JSON" if is_json else "CSV", encoding)
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
