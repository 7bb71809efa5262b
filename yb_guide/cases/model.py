"""A case: one complaint with its communication log, the words for its fields, and the checking of
what the user typed (the same code for ``case add``, ``case import`` and ``letter``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field

from yb_guide.base.errors import UserError
from yb_guide.base.record import record
from yb_guide.calendar.dates import parse_date
from yb_guide.cases import personal

LOG_KINDS = {"call": "电话", "visit": "上门", "letter": "信件", "reply": "答复", "other": "其他"}
# What people also call each kind (``case log --kind 打电话``).
LOG_KIND_NAMES = {"call": ("电话", "打电话", "致电", "来电"), "visit": ("上门", "现场", "走访", "面谈"),
                  "letter": ("信件", "写信", "寄信", "邮寄"), "reply": ("答复", "回复", "回电", "告知"),
                  "other": ("其他",)}
STATUS_LABELS = {"open": "进行中", "closed": "已结案"}

# Free-text fields: stored as typed (stripped); empty means "not given".
TEXT_FIELDS = ("ticket", "staff", "institution", "summary", "name", "phone", "address", "place",
               "agent_name", "agent_relation", "review_to", "reexam_to", "reason")
# A case's dated events (data/deadlines.yaml events with case: true) are not fields: ``Case.events``
# holds them by event id, and each one's column (storage, export) is its id with "_" for "-"
# (result-received -> result_received, schedule.columns.event_key).  Dates that are not events:
DATE_FIELDS = ("incident_date", "closed")
# The columns of a case in storage and export as released (export version 2), in the order they are
# exported: never reordered, so older exports still line up.  The event columns among them are the
# events declared then; a column of an event declared since comes after these (``case_fields``).
CASE_FIELDS = ("id", "channel", "filed", "ticket", "staff", "institution", "amount", "summary", "asks",
               "complex", "id_number", "card_number", "name", "phone", "address", "incident_date", "place",
               "evidence", "status", "result_received", "closed", "created", "updated",
               "agent_name", "agent_relation", "agent_id_number", "petition_accepted", "decision_known",
               "decision_made", "review_requested", "review_to", "review_replied", "reexam_requested",
               "reexam_to", "reexam_replied", "reason", "decision_kind", "matter", "rights_stated", "region")
# What a complaint letter is written from, in the order a person is asked for it (the command line's
# questions, the web page's form): the one list of the letter's fields.
LETTER_FIELDS = ("name", "id_number", "card_number", "agent_name", "agent_relation", "agent_id_number", "institution",
                 "incident_date", "place", "amount", "summary", "asks", "evidence", "phone", "address")
# ID and card numbers: a web page leaves them blank in the letter, to be written in by hand after
# printing, so they never pass through a page others may reach.
NUMBER_FIELDS = ("id_number", "card_number", "agent_id_number")
# The case's answers to the situation questions (deadlines.yaml ``situation``), by question id.
SITUATION_FIELDS = {"decision_kind": "decision", "matter": "matter", "rights_stated": "rights_stated"}
# The columns of a decision's dates: a case can start from a decision alone (no complaint).
DECISION_DATES = ("decision_known", "decision_made")
# Fields `case edit` may change (the rest are kept by ybguide: id, status, times), and every event
# declared for cases (``editable``).
KEPT = ("id", "status", "closed", "created", "updated", "region")

# Names of the fields as people read them (errors, prompts, history; ``label``): an event column not
# written here is named by its spreadsheet header (data/columns.yaml, else the event's label and 日期).
LABELS = {
    "id": "编号", "channel": "渠道", "filed": "提交日期", "ticket": "工单编号", "staff": "接待人员",
    "institution": "涉及机构", "amount": "涉及金额", "summary": "问题经过", "asks": "诉求",
    "complex": "复杂案件", "id_number": "参保人身份证号", "card_number": "医保卡号", "name": "参保人姓名",
    "phone": "联系电话", "address": "联系地址", "incident_date": "发生日期", "place": "发生地点",
    "evidence": "证据材料", "status": "状态", "result_received": "收到处理结果日期", "closed": "结案日期",
    "created": "创建时间", "updated": "更新时间",
    "agent_name": "代办人姓名", "agent_relation": "代办人与参保人的关系", "agent_id_number": "代办人身份证号",
    "petition_accepted": "信访受理日期", "decision_known": "知道原决定的日期", "decision_made": "原决定作出日期",
    "review_requested": "提出复查请求日期", "review_to": "复查机关", "review_replied": "收到复查意见日期",
    "reexam_requested": "提出复核请求日期", "reexam_to": "复核机关", "reexam_replied": "收到复核意见日期",
    "reason": "不服的理由",
    "decision_kind": "原决定的类型", "matter": "反映事项的类别", "rights_stated": "决定书是否写明复议诉讼权利",
    "region": "参保地区",
}
EXPORT_FORMAT = "ybguide-cases"
EXPORT_VERSION = 2  # 2: 代办, the events after the reply, the history of corrections


@record(frozen=False)
class LogEntry:
    at: str  # 'YYYY-MM-DD HH:MM', or 'YYYY-MM-DD' when the time is not known
    kind: str  # a key of LOG_KINDS
    text: str
    auto: bool = False  # written by ybguide itself (result, close, letter), not typed by the user


@record(frozen=False)
class Case:
    channel: str | None = None
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
    closed: dt.date | None = None
    created: str | None = None  # 'YYYY-MM-DD HH:MM:SS'
    updated: str | None = None
    # acting for the insured person (代办): the insured person is name/id_number/card_number
    agent_name: str | None = None
    agent_relation: str | None = None  # 女儿, 儿子, 配偶 …
    agent_id_number: str | None = None
    # what happened, by event id (data/deadlines.yaml events with case: true): filed, result-received …
    events: dict = field(default_factory=dict)
    review_to: str | None = None  # the body asked to 复查
    reexam_to: str | None = None
    reason: str | None = None  # why the person disagrees (the 复查/复核 request)
    # the situation questions' answers (option ids; None: not known)
    decision_kind: str | None = None  # refusal, penalty, other
    matter: str | None = None  # request, violation, misconduct
    rights_stated: str | None = None  # yes, no
    region: str | None = None  # the pack it was recorded under (CN, CN-ZZ …); None: before regions
    id: int | None = None
    log: list[LogEntry] = field(default_factory=list)
    history: list["Change"] = field(default_factory=list)

    @property
    def filed(self) -> dt.date | None:
        """The day the complaint was made (event ``filed``): every case has one."""
        return self.events.get("filed")

    @filed.setter
    def filed(self, day: dt.date | None) -> None:
        set_value(self, "filed", day)

    @property
    def acting(self) -> bool:
        """Someone acts for the insured person (代办)."""
        return bool(self.agent_name)


@record(frozen=False)
class Change:
    """One correction of a case, kept for good: what changed, from what, to what, when."""

    at: str
    field: str  # a CASE_FIELDS name, or "log"
    old: str | None
    new: str | None
    note: str | None = None  # e.g. a deadline this moved


# ---------------------------------------------------------------- fields and event columns

_OWN = frozenset(f for f in Case.__dataclass_fields__ if f not in ("events", "log", "history"))


def event_of(name: str) -> str | None:
    """The event id a column holds (result_received -> result-received), or None for a field."""
    return None if name in _OWN or name in ("events", "log", "history") else name.replace("_", "-")


def value(case: Case, name: str):
    """A column of a case: a field, or the date of the event the column holds (None: not given)."""
    event = event_of(name)
    return getattr(case, name) if event is None else case.events.get(event)


def set_value(case: Case, name: str, new) -> None:
    event = event_of(name)
    if event is None:
        setattr(case, name, new)
    elif new is None:
        case.events.pop(event, None)
    else:
        case.events[event] = new


def event_columns(k) -> tuple[str, ...]:
    """The columns of the events declared for cases (data/deadlines.yaml ``case: true``), in the data's order."""
    from yb_guide.schedule.columns import event_key

    return tuple(event_key(e) for e in k.events.for_cases)


def case_fields(k) -> tuple[str, ...]:
    """Every column of a case (storage, export): the released ones, then those of events declared since."""
    return CASE_FIELDS + tuple(c for c in event_columns(k) if c not in CASE_FIELDS)


def editable(k) -> tuple[str, ...]:
    """The columns ``case edit`` (and an import) may set."""
    return tuple(f for f in case_fields(k) if f not in KEPT)


def label(name: str) -> str:
    """A column as people read it: 工单编号, 收到处理结果日期, 听证会举行日期 (a new event's header)."""
    if name in LABELS or event_of(name) is None:
        return LABELS.get(name, name)
    from yb_guide.schedule.columns import vocabulary

    return vocabulary().header(name) if name in vocabulary().headers else name


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


def not_after(d: dt.date | None, limit: dt.date, what: str, limit_what: str) -> None:
    if d is not None and d > limit:
        raise UserError(f"{what} {d.isoformat()} 晚于{limit_what} {limit.isoformat()}。",
                        hint="请检查日期；还没发生的事不能记")


def parse_at(value, today: dt.date, what: str = "记录时间") -> str:
    """'2024-05-07 10:30', '昨天 9点05', '5月6日 9:5' (any date form ``deadline`` accepts, then an
    optional time): 'YYYY-MM-DD HH:MM', or 'YYYY-MM-DD' when no time is given."""
    from yb_guide.calendar.dates import parse_time

    s = (clean_text(value) or "").replace("T", " ")
    m = re.match(r"^(.*?)\s+(\S+)$", s)
    if m and re.search(r"[:：点时]", m.group(2)):
        day_text, time = m.group(1), parse_time(m.group(2), what)
    else:
        day_text, time = s, None
    day = parse_date(day_text, what, today=today)
    not_after(day, today, what, "今天")
    return day.isoformat() if time is None else f"{day.isoformat()} {time.hour:02d}:{time.minute:02d}"


def _phone(value) -> str | None:
    s = clean_text(value)
    if s and not re.fullmatch(r"[0-9０-９\-－+＋ ()（）转]{5,30}", s):
        raise UserError(f"联系电话「{s}」格式不对。", hint="只写数字，可带区号和“-”，如 0123-4567890 或 13912345678")
    return s


def make_case(k, raw: dict, today: dt.date, *, require: bool = True) -> Case:
    """A checked ``Case`` from what the user typed (strings, or lists for asks/evidence).

    ``require``: channel and filed date must be given (``case add``/import); a letter
    without a case needs neither."""
    c = Case(region=clean_text(raw.get("region")) or k.pack.id)  # an import keeps the region it had
    channel = clean_text(raw.get("channel"))
    if channel is not None:
        from yb_guide.knowledge.lookup import find_channel

        c.channel = find_channel(k, channel)  # an id, a name or a short name (热线, 现场); else "did you mean"
    c.filed = _date(raw.get("filed"), LABELS["filed"], today)
    # A case is a complaint (channel and filing date) or a decision the person may take to 行政复议
    # (its kind or a date of it): either is enough to start one, half a complaint is not.
    decision = clean_text(raw.get("decision_kind")) or any(clean_text(raw.get(e)) for e in DECISION_DATES)
    if require and (c.channel or c.filed or not decision):
        if c.channel is None:
            raise UserError("缺少投诉渠道。", hint="可用的渠道：" + "、".join(x.id for x in k.channels)
                            + "；只记一个决定（如不予报销）的，写 --decision-kind 和 --decision-known，不写渠道和提交日期")
        if c.filed is None:
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
    if clean_text(raw.get("agent_id_number")):
        c.agent_id_number = personal.id_number(raw["agent_id_number"], today)
    if any(clean_text(raw.get(name)) for name in SITUATION_FIELDS):
        from yb_guide.schedule.deadlines import get_plan
        from yb_guide.schedule.situation import parse_answer

        plan = get_plan(k.data_dir)
        for name, question in SITUATION_FIELDS.items():
            setattr(c, name, parse_answer(plan.question(question), clean_text(raw.get(name))))
    c.asks = _items(raw.get("asks"))
    c.evidence = _items(raw.get("evidence"))
    c.complex = yes_no(raw.get("complex"), LABELS["complex"])
    for name in (*event_columns(k), *DATE_FIELDS):
        if name != "filed":
            set_value(c, name, _date(raw.get(name), label(name), today))
        not_after(value(c, name), today, label(name), "今天")
    # Each step after the reply needs the one before it.
    for later, earlier in (("review_requested", "result_received"), ("review_replied", "review_requested"),
                           ("reexam_requested", "review_replied"), ("reexam_replied", "reexam_requested")):
        if value(c, later) is not None and value(c, earlier) is None:
            raise UserError(f"有{label(later)}，却没有{label(earlier)}。", hint=f"先记下{label(earlier)}")
    if c.agent_name is None and (c.agent_relation or c.agent_id_number):
        raise UserError("写了代办人的关系或身份证号，却没有写代办人姓名。", hint="请同时写上代办人的姓名")
    if c.filed:
        not_after(c.incident_date, c.filed, LABELS["incident_date"], LABELS["filed"])
    status = (clean_text(raw.get("status")) or "open").lower()
    by_label = {v: key for key, v in STATUS_LABELS.items()}
    if status not in STATUS_LABELS and status not in by_label:
        raise UserError(f"状态「{raw.get('status')}」看不懂。", hint="写“进行中”或“已结案”")
    c.status = by_label.get(status, status)
    if c.status == "open":
        c.closed = None
    return c


def log_kind(text: str) -> str:
    """A log kind from its id or its Chinese name (电话, 打电话, 上门 …); a near miss gets a suggestion."""
    from yb_guide.base.names import pick

    return pick(text, LOG_KIND_NAMES, "记录方式")


def export_document(cases) -> dict:
    """What `case export` writes (and `case delete` keeps): the format, its version, when, the cases."""
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported": now(),
            "cases": [case_dict(c) for c in cases]}


def case_dict(c: Case) -> dict:
    """Everything about a case, unmasked (this is the backup format)."""
    from yb_guide.schedule.columns import event_key

    out = {}
    for name in (*CASE_FIELDS, *(event_key(e) for e in c.events if event_key(e) not in CASE_FIELDS)):
        v = value(c, name)
        out[name] = v.isoformat() if isinstance(v, dt.date) else v
    out["log"] = [{"at": e.at, "kind": e.kind, "text": e.text, "auto": e.auto} for e in c.log]
    out["history"] = [{"at": h.at, "field": h.field, "old": h.old, "new": h.new, "note": h.note} for h in c.history]
    return out
