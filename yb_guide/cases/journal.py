"""The case journal: one record per complaint, with its communication log.

Stored in SQLite through ``casedb`` (every public function here is one
transaction).  Due dates are never stored: they come from ``deadlines.compute``
each time a case is shown, so a corrected holiday calendar corrects every case.
Values are checked on the way in (``make_case``), by the same code for
``case add``, ``case import`` and ``letter``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from yb_guide.cases import db as casedb
from yb_guide.cases import personal
from yb_guide.calendar.dates import parse_date
from yb_guide.base.errors import UserError

LOG_KINDS = {"call": "电话", "visit": "上门", "letter": "信件", "reply": "答复", "other": "其他"}
STATUS_LABELS = {"open": "进行中", "closed": "已结案"}

# Free-text fields: stored as typed (stripped); empty means "not given".
TEXT_FIELDS = ("ticket", "staff", "institution", "summary", "name", "phone", "address", "place")
# Every column of a case in storage and export, in the order they are exported.
CASE_FIELDS = ("id", "channel", "filed", "ticket", "staff", "institution", "amount", "summary", "asks",
               "complex", "id_number", "card_number", "name", "phone", "address", "incident_date", "place",
               "evidence", "status", "result_received", "closed", "created", "updated")
_DB_COLUMNS = CASE_FIELDS[1:]

# Names of the fields as people read them (errors, prompts, CSV headers).
LABELS = {
    "id": "编号", "channel": "渠道", "filed": "提交日期", "ticket": "工单编号", "staff": "接待人员",
    "institution": "涉及机构", "amount": "涉及金额", "summary": "问题经过", "asks": "诉求",
    "complex": "复杂案件", "id_number": "身份证号", "card_number": "医保卡号", "name": "姓名",
    "phone": "联系电话", "address": "联系地址", "incident_date": "发生日期", "place": "发生地点",
    "evidence": "证据材料", "status": "状态", "result_received": "收到结果日期", "closed": "结案日期",
    "created": "创建时间", "updated": "更新时间",
}


@dataclass
class LogEntry:
    at: str  # 'YYYY-MM-DD HH:MM', or 'YYYY-MM-DD' when the time is not known
    kind: str  # a key of LOG_KINDS
    text: str
    auto: bool = False  # written by ybguide itself (result, close, letter), not typed by the user


@dataclass
class Case:
    channel: str | None = None
    filed: dt.date | None = None
    ticket: str | None = None
    staff: str | None = None
    institution: str | None = None
    amount: str | None = None  # '1280.50'
    summary: str | None = None
    asks: list[str] = field(default_factory=list)
    complex: bool = False
    id_number: str | None = None
    card_number: str | None = None
    name: str | None = None
    phone: str | None = None
    address: str | None = None
    incident_date: dt.date | None = None
    place: str | None = None
    evidence: list[str] = field(default_factory=list)
    status: str = "open"
    result_received: dt.date | None = None
    closed: dt.date | None = None
    created: str | None = None  # 'YYYY-MM-DD HH:MM:SS'
    updated: str | None = None
    id: int | None = None
    log: list[LogEntry] = field(default_factory=list)


class UnknownCaseError(UserError):
    def __init__(self, given, existing: list[int]):
        if existing:
            shown = "、".join(str(i) for i in existing[:30]) + ("……" if len(existing) > 30 else "")
            hint = f"现有的案件编号：{shown}"
        else:
            hint = "还没有记录任何案件：先用 ybguide case add 记一个"
        super().__init__(f"没有编号为「{given}」的案件。", hint=hint)


# ---------------------------------------------------------------- checking input


def now() -> str:
    """A log entry's time, in Beijing time (the office's clock, not the computer's zone)."""
    from yb_guide.calendar.dates import now_in_china

    return now_in_china().strftime("%Y-%m-%d %H:%M:%S")


def clean_text(value) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _items(value) -> list[str]:
    """A list of demands or evidence: given as a list, or one item per line."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else str(value).splitlines()
    return [s for s in (clean_text(x) for x in items) if s]


def yes_no(value, what: str) -> bool:
    if isinstance(value, bool):
        return value
    s = (clean_text(value) or "").lower()
    if s in ("", "否", "不是", "no", "n", "false", "0"):
        return False
    if s in ("是", "yes", "y", "true", "1"):
        return True
    raise UserError(f"{what}「{value}」看不懂。", hint="写“是”或“否”")


def _date(value, what: str, today: dt.date) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    s = clean_text(value)
    return parse_date(s, what, today=today) if s else None


def _not_after(d: dt.date | None, limit: dt.date, what: str, limit_what: str) -> None:
    if d is not None and d > limit:
        raise UserError(f"{what} {d.isoformat()} 晚于{limit_what} {limit.isoformat()}。",
                        hint="请检查日期；还没发生的事不能记")


def parse_at(value, today: dt.date, what: str = "记录时间") -> str:
    """'2024-05-07 10:30' (any date form ``deadline`` accepts, then an optional HH:MM[:SS])."""
    s = (clean_text(value) or "").replace("T", " ")
    m = re.match(r"^(.*?)\s+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$", s)
    day = parse_date(m.group(1) if m else s, what, today=today)
    _not_after(day, today, what, "今天")
    if not m:
        return day.isoformat()
    hour, minute = int(m.group(2)), int(m.group(3))
    if hour > 23 or minute > 59:
        raise UserError(f"{what}「{value}」里的时间不对。", hint="时间写成 10:30 这样，24 小时制")
    return f"{day.isoformat()} {hour:02d}:{minute:02d}"


def _phone(value) -> str | None:
    s = clean_text(value)
    if s and not re.fullmatch(r"[0-9０-９\-－+＋ ()（）转]{5,30}", s):
        raise UserError(f"联系电话「{s}」格式不对。", hint="只写数字，可带区号和“-”，如 0351-1234567 或 13912345678")
    return s


def make_case(k, raw: dict, today: dt.date, *, require: bool = True) -> Case:
    """A checked ``Case`` from what the user typed (strings, or lists for asks/evidence).

    ``require``: channel and filed date must be given (``case add``/import); a letter
    without a case needs neither."""
    c = Case()
    channel = clean_text(raw.get("channel"))
    if channel is not None:
        c.channel = k.channel(channel).id  # unknown id -> "did you mean"
    c.filed = _date(raw.get("filed"), LABELS["filed"], today)
    if require and c.channel is None:
        raise UserError("缺少投诉渠道。", hint="可用的渠道：" + "、".join(x.id for x in k.channels))
    if require and c.filed is None:
        raise UserError("缺少提交日期。", hint="写明哪天提交的投诉，如 2024-05-06")
    for name in TEXT_FIELDS:
        setattr(c, name, clean_text(raw.get(name)))
    c.phone = _phone(raw.get("phone"))
    if clean_text(raw.get("amount")):
        c.amount = personal.amount(raw["amount"])
    if clean_text(raw.get("id_number")):
        c.id_number = personal.id_number(raw["id_number"], today)
    if clean_text(raw.get("card_number")):
        c.card_number = personal.card_number(raw["card_number"])
    c.asks = _items(raw.get("asks"))
    c.evidence = _items(raw.get("evidence"))
    c.complex = yes_no(raw.get("complex"), LABELS["complex"])
    c.incident_date = _date(raw.get("incident_date"), LABELS["incident_date"], today)
    c.result_received = _date(raw.get("result_received"), LABELS["result_received"], today)
    c.closed = _date(raw.get("closed"), LABELS["closed"], today)
    for name in ("filed", "incident_date", "result_received", "closed"):
        _not_after(getattr(c, name), today, LABELS[name], "今天")
    if c.filed:
        _not_after(c.incident_date, c.filed, LABELS["incident_date"], LABELS["filed"])
    status = (clean_text(raw.get("status")) or "open").lower()
    by_label = {v: key for key, v in STATUS_LABELS.items()}
    if status not in STATUS_LABELS and status not in by_label:
        raise UserError(f"状态「{raw.get('status')}」看不懂。", hint="写“进行中”或“已结案”")
    c.status = by_label.get(status, status)
    if c.status == "open":
        c.closed = None
    return c


def check_dates(k, case: Case, today: dt.date) -> None:
    """The deadline engine accepts the case's dates (in the calendar's range, in order)."""
    if case.filed is not None:
        schedule(k, case, today)


def schedule(k, case: Case, today: dt.date, cal=None):
    from yb_guide.schedule import deadlines
    from yb_guide.calendar import workdays

    # The same resolved rules `ybguide deadline` uses (cached, keyed by the data files).
    return deadlines.compute(deadlines.get_plan(k.data_dir), cal or workdays.get_calendar(), case.filed, today=today,
                             complex_case=case.complex, channel=case.channel,
                             result_received=case.result_received)


# ---------------------------------------------------------------- storage


def _row(case: Case) -> list:
    def db(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, list):
            return json.dumps(value, ensure_ascii=False)
        if isinstance(value, bool):
            return int(value)
        return value

    return [db(getattr(case, name)) for name in _DB_COLUMNS]


def _from_row(row) -> Case:
    c = Case(id=row["id"])
    for name in _DB_COLUMNS:
        value = row[name]
        if name in ("filed", "incident_date", "result_received", "closed") and value:
            value = dt.date.fromisoformat(value)
        elif name in ("asks", "evidence"):
            value = json.loads(value or "[]")
        elif name == "complex":
            value = bool(value)
        setattr(c, name, value)
    return c


def _ids(db) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM cases ORDER BY id")]


def _case_id(given, db) -> int:
    s = str(given).strip().lstrip("#")
    if s.isdigit():
        row = db.execute("SELECT id FROM cases WHERE id = ?", (int(s),)).fetchone()
        if row:
            return row[0]
    raise UnknownCaseError(given, _ids(db))


def _rows(db, sql: str, params=()):
    """Rows by column name, without changing the connection's row factory for others."""
    import sqlite3

    cur = db.cursor()
    cur.row_factory = sqlite3.Row
    return cur.execute(sql, params)


def _logs(db) -> dict[int, list[LogEntry]]:
    out: dict[int, list[LogEntry]] = {}
    for r in _rows(db, "SELECT case_id, at, kind, text, auto FROM log ORDER BY case_id, at, id"):
        out.setdefault(r["case_id"], []).append(LogEntry(r["at"], r["kind"], r["text"], bool(r["auto"])))
    return out


def load_case(db, given) -> Case:
    case_id = _case_id(given, db)
    c = _from_row(_rows(db, "SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone())
    c.log = [LogEntry(r["at"], r["kind"], r["text"], bool(r["auto"])) for r in _rows(
        db, "SELECT at, kind, text, auto FROM log WHERE case_id = ? ORDER BY at, id", (case_id,))]
    return c


def insert_case(db, case: Case, keep_id: bool = False) -> int:
    stamp = now()
    case.created = case.created or stamp
    case.updated = case.updated or stamp
    names = (["id"] if keep_id else []) + list(_DB_COLUMNS)
    values = ([case.id] if keep_id else []) + _row(case)
    marks = ", ".join("?" * len(names))
    cur = db.execute(f"INSERT INTO cases ({', '.join(names)}) VALUES ({marks})", values)
    case_id = cur.lastrowid
    for entry in case.log:
        _insert_log(db, case_id, entry)
    return case_id


def _insert_log(db, case_id: int, entry: LogEntry) -> None:
    db.execute("INSERT INTO log (case_id, at, kind, text, auto) VALUES (?, ?, ?, ?, ?)",
               (case_id, entry.at, entry.kind, entry.text, int(entry.auto)))


def _touch(db, case_id: int, **changes) -> None:
    changes["updated"] = now()
    sets = ", ".join(f"{name} = ?" for name in changes)  # names are ours, never the user's
    db.execute(f"UPDATE cases SET {sets} WHERE id = ?", [*changes.values(), case_id])


# ---------------------------------------------------------------- commands


def add(k, case: Case, today: dt.date) -> Case:
    check_dates(k, case, today)
    with casedb.transaction(write=True) as db:
        case.id = insert_case(db, case)
    return case


def get(given) -> Case:
    with casedb.transaction() as db:
        return load_case(db, given)


def all_cases() -> list[Case]:
    with casedb.transaction() as db:
        found = [_from_row(r) for r in _rows(db, "SELECT * FROM cases ORDER BY id")]
        logs = _logs(db)
    for c in found:
        c.log = logs.get(c.id, [])
    return found


def add_log(given, text: str, kind: str = "other", at: str | None = None, *, auto: bool = False) -> tuple[Case, LogEntry]:
    if kind not in LOG_KINDS:
        raise UserError(f"没有「{kind}」这种记录方式。",
                        hint="可用：" + "、".join(f"{key}（{v}）" for key, v in LOG_KINDS.items()))
    if not clean_text(text):
        raise UserError("记录内容是空的。", hint="写明这次联系的情况，如“致电12393查询进度，答复仍在调查”")
    entry = LogEntry(at or now()[:16], kind, text.strip(), auto)
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        _insert_log(db, c.id, entry)
        _touch(db, c.id)
    c.log.append(entry)
    return c, entry


def with_letter(given, produce):
    """One transaction for ``letter --case``: load the case, ``produce(case)`` the letter (which
    returns (result, log text)), and log it; if writing the letter fails, nothing is logged."""
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        result, note = produce(c)
        _insert_log(db, c.id, LogEntry(now()[:16], "letter", note, True))
        _touch(db, c.id)
    return result


def set_result(k, given, received: dt.date, today: dt.date) -> Case:
    _not_after(received, today, "收到结果日期", "今天")
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        c.result_received = received
        check_dates(k, c, today)  # e.g. a result before the complaint was filed
        _touch(db, c.id, result_received=received.isoformat())
        entry = LogEntry(now()[:16], "reply", f"收到处理结果（{received.isoformat()}）", True)
        _insert_log(db, c.id, entry)
    c.log.append(entry)
    return c


def close(given, today: dt.date) -> tuple[Case, bool]:
    """Close a case; returns (case, whether anything changed)."""
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        if c.status == "closed":
            return c, False
        c.status, c.closed = "closed", today
        _touch(db, c.id, status="closed", closed=today.isoformat())
        _insert_log(db, c.id, LogEntry(now()[:16], "other", "结案", True))
    return c, True


def reopen(given) -> tuple[Case, bool]:
    with casedb.transaction(write=True) as db:
        c = load_case(db, given)
        if c.status == "open":
            return c, False
        c.status, c.closed = "open", None
        _touch(db, c.id, status="open", closed=None)
        _insert_log(db, c.id, LogEntry(now()[:16], "other", "重新打开", True))
    return c, True


# ---------------------------------------------------------------- where a case stands


@dataclass
class Progress:
    schedule: object  # deadlines.Schedule
    relevant: set[str]  # stage ids that still matter
    next: object | None  # the first relevant stage not yet due (deadlines.Due)
    overdue: list  # relevant end stages whose date has passed while the case is open


def progress(k, case: Case, today: dt.date, cal=None) -> Progress:
    """Which stages matter now, which is next, which are overdue.

    Once the result has arrived, the bureau's own stages (受理、调查、反馈) are over,
    and only the windows that run from the result (复核、复议、诉讼) matter.  Only an
    end stage counts as overdue: 受理登记 passing is normal; 处理反馈 passing with no
    result is the time to follow up with the ticket number."""
    from yb_guide.knowledge.loader import EVENTS

    sched = schedule(k, case, today, cal)
    root: dict[str, str] = {}
    for s in sched.stages:
        root[s.id] = s.after if s.after in EVENTS else root.get(s.after, s.after)
    relevant = {s.id for s in sched.stages if case.result_received is None or root[s.id] != "filed"}
    if case.status == "closed":
        return Progress(sched, relevant, None, [])
    followed = {s.after for s in sched.stages}
    stages = [s for s in sched.stages if s.id in relevant]
    upcoming = sorted((s for s in stages if not s.passed), key=lambda s: s.due)
    overdue = sorted((s for s in stages if s.passed and s.id not in followed), key=lambda s: s.due)
    return Progress(sched, relevant, upcoming[0] if upcoming else None, overdue)


def with_changes(k, base: Case | None, given: dict, today: dt.date) -> Case:
    """``base`` (or an empty case) with the fields in ``given`` checked and put over it (not stored)."""
    import copy

    if base is None:
        return make_case(k, given, today, require=False)
    checked = make_case(k, {**given, "filed": base.filed}, today, require=False)
    out = copy.deepcopy(base)
    for name in given:
        setattr(out, name, getattr(checked, name))
    return out
