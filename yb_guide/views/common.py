"""What every view shares: plain JSON-able data from dataclasses, sources, dates."""


import dataclasses
import datetime as dt
from typing import TypedDict


def plain(obj):
    """Dataclasses, tuples and dates to JSON-able data (None fields dropped)."""
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            if f.name.startswith("_"):
                continue
            value = getattr(obj, f.name)
            if value is None or value == ():
                continue
            out[f.name] = plain(value)
        return out
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


class LegalBasis(TypedDict):
    law: str
    article: str | None


class Source(TypedDict):
    """A fact's source as every front end shows it."""

    doc: str
    kind: str
    kind_label: str
    issuer: str | None
    title: str
    section: str | None
    url: str | None
    text: str  # the citation in one line
    basis: LegalBasis | None  # when the source is a legal text
    status: str  # verified, unverified, estimated
    status_label: str
    checked: str | None  # ISO date of the check
    stale: bool


def document_source(doc, ref, status: str, checked: dt.date | None, today: dt.date | None = None) -> Source:
    """A fact's source as every front end shows it: the citation a person can look up, the basis
    (law, article) when the source is a legal text, and whether the fact was verified, and when."""
    from yb_guide.knowledge.sources import KIND_LABELS, OFFICIAL_KINDS, STATUS_LABELS, cite, is_stale

    if today is None:
        from yb_guide.calendar.dates import today_in_china

        today = today_in_china()
    legal = doc.kind in OFFICIAL_KINDS and doc.kind != "official-site"
    return {
        "doc": doc.id, "kind": doc.kind, "kind_label": KIND_LABELS[doc.kind], "issuer": doc.issuer,
        "title": doc.title, "section": ref.section, "url": doc.url, "text": cite(doc, ref),
        "basis": {"law": doc.title, "article": ref.section} if legal else None,
        "status": status, "status_label": ARTICLES_CHECKED if status == "articles-checked" else STATUS_LABELS[status],
        "checked": checked.isoformat() if checked else None, "stale": is_stale(checked, today),
    }


def source_of(k, fact, ref=None) -> Source:
    """The source payload of a fact of the knowledge base (``ref`` overrides the fact's own)."""
    ref = ref or fact.source
    return document_source(k.document(ref.doc), ref, fact.status, fact.checked)


# A usual handling time (web article, not law) that has passed: no deadline was missed.
FOLLOW_UP_TEXT = "超过一般办理时间，可以催办"

# The words every front end uses for a fact nobody has confirmed: the mark beside it and what to do.
UNVERIFIED_MARK = "※"


# The tool's own reading of articles whose words were checked: the articles are, the reading is not.
ARTICLES_CHECKED = "条文已核对，结论是推论"


def status_text(src: dict) -> str:
    """（已核实 2026-11-25） / （较久未核对，上次核对 …） / （未经官方核实） / （条文已核对 …，结论是推论）"""
    if src.get("status") == "articles-checked":
        return f"（条文已核对 {src['checked']}，结论是推论）"
    if src.get("status") == "verified":
        if src.get("stale"):
            return f"（较久未核对，上次核对 {src['checked']}）"
        return f"（已核实 {src['checked']}）"
    return f"（{src.get('status_label') or '未经官方核实'}）"


def confirm_text(check: dict, what: str = "") -> str:
    """未经官方核实，办事前先打电话确认：… (``what``: 办公时间 when only the hours are unconfirmed)."""
    return f"{what}未经官方核实，办事前先打电话确认：{check['confirm_by']}"


def phone_first_text(check: dict) -> str:
    """Advice that rests on an unconfirmed rule: phone before going."""
    return f"这条建议依据的规定有的未经官方核实，先打电话确认再去办：{check['confirm_by']}"


def left_text(stage: dict, overdue: bool = False) -> str:
    """How long is left until a due date, in words: 已过, 今天到期, 还剩 3 个工作日 ('' when unknown)."""
    if overdue or stage.get("passed"):
        return "已过"
    if stage.get("workdays_left") is None:
        return ""
    return "今天到期" if stage["workdays_left"] == 0 else f"还剩 {stage['workdays_left']} 个工作日"


class ContactCheck(TypedDict):
    """A contact detail (or the hall's hours) nobody has confirmed: its status and whom to ask."""

    status: str  # unverified, estimated
    confirm_by: str


class Day(TypedDict):
    date: str  # ISO
    weekday: str  # 周一 …


def day(d: dt.date | None) -> Day | None:
    """A date and its weekday, as every screen shows it."""
    if d is None:
        return None
    from yb_guide.calendar.dates import weekday_zh

    return {"date": d.isoformat(), "weekday": weekday_zh(d)}


class Region(TypedDict):
    """The region a screen names, from its pack (pack.yaml: id, name, short_name)."""

    id: str
    name: str
    short_name: str


def region(k) -> Region:
    """The region the knowledge is for, as every screen that names it shows it (from its pack)."""
    return Region(id=k.pack.id, name=k.pack.name, short_name=k.pack.short_name)
