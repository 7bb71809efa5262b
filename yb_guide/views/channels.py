"""Payloads of the reference screens: channels, a channel, a checklist, the FAQ, the data check."""


from typing import TypedDict

from yb_guide.knowledge.labels import CHANNEL_KIND_LABELS, CONTACT_LABELS, FORM_LABELS, NEED_LABELS
from yb_guide.views.common import ContactCheck, Region, Source, plain, region, source_of
from yb_guide.views.date_shapes import Hall


# ---------------------------------------------------------------- the payloads' shapes

class Correction(TypedDict):
    """Where the data corrects a source (a web article's wrong number or period)."""

    id: str
    field: str
    document_says: str
    corrected: str | None  # None: the document cannot be relied on, and no value replaces it (advice says what to do)
    advice: str
    source: Source


class ChannelRow(TypedDict):
    id: str
    name: str
    kind: str
    kind_label: str
    group: str | None
    summary: str
    use_when: list[str]
    contact: dict  # the contact details as written in the data
    contact_lines: list[str]
    contact_text: str
    processing_time: str | None
    contact_check: ContactCheck | None


class ChecklistItem(TypedDict):
    item: str
    form: str
    form_label: str
    need: str
    need_label: str
    why: str | None
    acting_only: bool
    source: Source


class ChecklistDetail(TypedDict):
    id: str
    acting: bool
    acting_items: list[str]  # what someone acting for the insured person would also bring
    title: str
    purpose: str | None
    channel: str | None
    channel_name: str | None
    items: list[ChecklistItem]
    notes: list[str]
    source: Source


class ChecklistPage(ChecklistDetail, total=False):
    hall_hours: Hall  # the hall visit's: whether the hall is open that day, and now


class ChannelDetail(ChannelRow):
    description: str | None
    advantages: list[str]
    steps: list[str]
    notes: list[str]
    processing_time_detail: dict | None
    checklist: ChecklistDetail | None
    corrections: list[Correction]
    source: Source


class ChecklistRow(TypedDict):
    id: str
    title: str
    purpose: str | None
    channel: str | None
    channel_name: str | None


class ChecklistsList(TypedDict):
    checklists: list[ChecklistRow]


class FaqStep(TypedDict):
    title: str
    text: str


class _Faq(TypedDict):
    n: int
    id: str
    question: str
    brief: str
    general: bool  # the web article's general advice, not 医保
    answer: str
    tags: list[str]
    source: Source
    corrections: list[Correction]


class FaqFirstStep(TypedDict):
    who: str  # the people it is for: 原来的决定是不予报销的
    title: str  # what they do first (schedule.next_step)
    by: str | None


class FaqEntry(_Faq, total=False):
    steps: list[FaqStep]  # when the answer is a procedure
    closing: str
    first_step: FaqFirstStep  # for the people the answer touches a first step for (复议前置)


class FlowLink(TypedDict):
    """A flow to go through, as an action (the command line shows the command, the web page a link)."""
    action: str  # "flow"
    flow: str
    answers: list[list[str]]
    why: str  # the flow's title


class FaqReferral(TypedDict):
    """Who answers what no FAQ does (search.yaml ``referral``), and a flow where one fits."""
    lead: str
    source: Source
    channels: list[ChannelRow]
    next: list[FlowLink]


class FaqList(TypedDict):
    query: str | None
    count: int
    faq: list[FaqEntry]
    referral: FaqReferral | None  # when a query found nothing, or nothing sure


def limit_text(limit) -> str | None:
    return limit.text if limit else None


def contact_lines(channel) -> list[str]:
    c = plain(channel.contact)
    return [f"{CONTACT_LABELS[key]}：{value}" for key, value in c.items() if key in CONTACT_LABELS]


def contact_check(k, c) -> ContactCheck | None:
    """For a channel whose contact details nobody has confirmed: what to say and whom to call."""
    if c.status == "verified":
        return None
    return {"status": c.status, "confirm_by": k.main.scope.confirm_by}


def _correction(k, corr) -> Correction:
    return {"id": corr.id, "field": corr.field, "document_says": corr.document_says,
            "corrected": corr.corrected, "advice": corr.advice, "source": source_of(k, corr)}


def channel_row(k, c) -> ChannelRow:
    return {
        "id": c.id,
        "name": c.name,
        "kind": c.kind,
        "kind_label": CHANNEL_KIND_LABELS[c.kind],
        "group": c.group,
        "summary": c.summary,
        "use_when": list(c.use_when),
        "contact": plain(c.contact),
        "contact_lines": contact_lines(c),
        "contact_text": "；".join(contact_lines(c)),
        "processing_time": limit_text(c.processing_time),
        "contact_check": contact_check(k, c),
    }


class ChannelsList(TypedDict):
    region: Region
    channels: list[ChannelRow]


def channels_list(k) -> ChannelsList:
    return {"region": region(k), "channels": [channel_row(k, c) for c in k.channels]}


def channel_detail(k, channel_id: str) -> ChannelDetail:
    from yb_guide.knowledge.lookup import find_channel

    c = k.channel(find_channel(k, channel_id))
    out: ChannelDetail = {**channel_row(k, c), **{  # type: ignore[typeddict-item]
        "description": c.description,
        "advantages": list(c.advantages),
        "steps": list(c.steps),
        "notes": list(c.notes),
        "processing_time_detail": plain(c.processing_time) if c.processing_time else None,
        "checklist": checklist_detail(k, c.checklist) if c.checklist else None,
        "corrections": [_correction(k, corr) for corr in k.corrections_for(c.id)],
        "source": source_of(k, c),
    }}
    return out


def checklist_detail(k, checklist_id: str, acting: bool = False) -> ChecklistDetail:
    """A checklist; the items for someone acting for the insured person (代办) only when ``acting``."""
    from yb_guide.knowledge.lookup import find_checklist

    cl = k.checklist(find_checklist(k, checklist_id))
    items = []
    for item in cl.items:
        if item.when == "acting" and not acting:
            continue
        ref = item.source or cl.source
        items.append({
            "item": item.item,
            "form": item.form,
            "form_label": FORM_LABELS[item.form],
            "need": item.need,
            "need_label": NEED_LABELS[item.need],
            "why": item.why,
            "acting_only": item.when == "acting",
            "source": source_of(k, cl, ref),
        })
    return {
        "id": cl.id,
        "acting": acting,
        # what a person acting for someone else would also bring: named even when not shown
        "acting_items": acting_items(cl) if not acting else [],
        "title": cl.title,
        "purpose": cl.purpose,
        "channel": cl.channel,
        "channel_name": k.channel(cl.channel).name if cl.channel else None,
        "items": items,
        "notes": list(cl.notes),
        "source": source_of(k, cl),
    }


def acting_items(cl) -> list[str]:
    """The names of a checklist's items that only someone acting for the insured person brings."""
    return [i.item for i in cl.items if i.when == "acting"]


def checklist_page(k, checklist_id: str, now, acting: bool = False) -> ChecklistPage:
    """A checklist as a screen shows it; the hall visit's also says whether the hall is open that day,
    and at that time (``now``: Beijing time, as ``hall-hours`` says it)."""
    payload: ChecklistPage = checklist_detail(k, checklist_id, acting=acting)  # type: ignore[assignment]
    if payload["channel"] and k.channel(payload["channel"]).role == "hall":
        from yb_guide.calendar import workdays
        from yb_guide.schedule import hall
        from yb_guide.views.dates import hall as hall_view

        payload["hall_hours"] = hall_view(hall.hall_hours(k, workdays.get_calendar(), now.date(), now.time()))
    return payload


def checklists_list(k) -> ChecklistsList:
    """Every checklist: its id, title, what it is for and its channel."""
    return {"checklists": [{"id": cl.id, "title": cl.title, "purpose": cl.purpose, "channel": cl.channel,
                            "channel_name": k.channel(cl.channel).name if cl.channel else None}
                           for cl in k.checklists]}


def _first_sentence(text: str) -> str:
    import re

    return re.split(r"(?<=[。；！？])", text.strip(), maxsplit=1)[0]


def _faq_entry(k, number: int, f) -> FaqEntry:
    out: FaqEntry = {
        "n": number,
        "id": f.id,
        "question": f.question,
        "brief": f.brief or _first_sentence(f.answer),  # one line, listed before the full text
        "general": f.id in k.search.general,  # the web article's general advice, not 医保
        "answer": f.answer,
        "tags": list(f.tags),
        "source": source_of(k, f),
        "corrections": [_correction(k, corr) for corr in k.corrections_for_faq(f.id)],
    }
    if f.first_step_for:
        step = _first_step(k, f.first_step_for)
        if step is not None:
            out["first_step"] = {"who": f.first_step_who or "", "title": step.title,
                                 "by": step.needs_text or step.passed}
    if f.procedure:
        p = k.procedure(f.procedure)
        out["steps"] = [{"title": s.title, "text": s.text} for s in p.steps]
        if p.closing:
            out["closing"] = p.closing
    return out


def _first_step(k, situation: dict[str, str]):
    """What the people a FAQ answer is about must do first: the one decision (``schedule.next_step``)."""
    from yb_guide.calendar import workdays
    from yb_guide.schedule.deadlines import get_plan
    from yb_guide.schedule.next_step import step_for
    from yb_guide.schedule.situation import Situation

    return step_for(get_plan(k.data_dir), workdays.get_calendar(None), {}, today=None, channel=None,
                    situation=Situation(**situation))


def faq_list(k, query: str | None = None) -> FaqList:
    from yb_guide.knowledge.search import search

    found, sure = search(k, query)
    entries = [_faq_entry(k, n, f) for n, f in found]
    return {"query": query, "count": len(entries), "faq": entries,
            "referral": None if sure else _referral(k, query)}


def _referral(k, query: str | None) -> FaqReferral | None:
    from yb_guide.knowledge.search import referral
    from yb_guide.views.common import document_source

    found = referral(k, query)
    if found is None:
        return None
    r, channels, flows = found
    return {"lead": r.lead, "source": document_source(k.document(r.lead_source.doc), r.lead_source, r.lead_status, None),
            "channels": [channel_row(k, c) for c in channels],
            "next": [{"action": "flow", "flow": f.id, "answers": [], "why": f.title} for f in flows]}


def faq_one(k, which: str) -> FaqEntry:
    """One FAQ by its number (as listed) or its id."""
    from yb_guide.knowledge.search import faq_by_number_or_id

    return _faq_entry(k, *faq_by_number_or_id(k, which))
