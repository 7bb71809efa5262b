"""The written complaint letter (书面投诉信) to the bureau's 信访办, built from a case.

The fixed wording is ``data/letter.yaml`` (the ``letter`` template in the
knowledge base); recipient, address and postcode come from the mail-letter
channel; the reminders printed with it come from the channel's notes and the
address correction.  A letter is a list of blocks; ``letter.formats`` lays the
same blocks out as .txt, .md or .docx.

User text is put into the template in one pass (``fill``), so ``{name}`` typed
by a user stays ``{name}``; nothing here prints or knows about rich.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from yb_guide.cases import personal
from yb_guide.calendar.dates import date_zh

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **values) -> str:
    """Replace {name} placeholders in data text with values, once: a value is never read again,
    so user text containing braces comes out as typed."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


@dataclass
class Block:
    kind: str  # title, mark, addressee, salutation, para, heading, item, numbered, closing, sign
    text: str
    n: int | None = None  # a numbered item's number …
    item: str | None = None  # … and its text without the number (for Markdown's own lists)


@dataclass
class Letter:
    blocks: list[Block]
    envelope: list[str]
    advice: list[str]
    masked: bool  # the ID or card number is shown masked
    date: dt.date
    case_id: int | None = None
    facts: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # what happened after the letter's date
    advice_title: str | None = None  # the heading of ``advice`` when it is not posting advice
    masked_note: str | None = None  # what to say of masked numbers, when not the letter's usual note


# A filing through a channel of this kind is the same act as a log entry of that kind on the filing
# day (a hotline complaint and the call logged that day): one fact, not two.
SAME_ACT = {"phone": "call", "on-site": "visit", "mail": "letter"}


@dataclass
class _Fact:
    day: str  # ISO date
    order: int  # on one day: (the incident, 0,) the filing, what was logged, the result
    at: str  # the first entry's time, for the order of a day's logs
    clauses: list[str]  # what happened, each a clause of one sentence
    said: list[str] = field(default_factory=list)  # the logged words that day, of that kind


def _sentence(parts) -> str:
    text = "，".join(p for p in parts if p)
    return text if text.endswith(("。", "！", "？", "…")) else text + "。"


def _clause(text: str) -> str:
    return text.strip().rstrip("。；，;,.")


def _facts(k, case) -> list[str]:
    """The facts in the order they happened: the incident, the complaint, each contact, the result;
    what happened on one day in one way is one fact (the filing by hotline and the call logged that
    day; the result and the reply logged the day it came), told once with its date."""
    from yb_guide.cases.model import LOG_KINDS

    t = k.letter.facts
    incident: list[tuple[str, str]] = []
    if case.incident_date or case.place or case.institution or case.summary or case.amount:
        if case.place and case.institution and case.institution != case.place:
            where = fill(t.incident_place_institution, place=case.place, institution=case.institution)
        else:
            where = fill(t.incident_place, place=case.place or case.institution) if (case.place or case.institution) else None
        parts = [date_zh(case.incident_date) if case.incident_date else None, where, case.summary]
        text = _sentence(parts) if any(parts) else ""
        if case.amount:
            text += _sentence([fill(t.amount, amount=personal.amount_text(case.amount))])
        incident.append(((case.incident_date or case.filed or dt.date.min).isoformat(), text))
    days: dict[tuple[str, str], _Fact] = {}
    # A case filed by letter is this letter itself: no "I complained on…" line for it.
    if case.filed and case.channel and k.channel(case.channel).kind != "mail":
        channel = k.channel(case.channel)
        how = k.letter.filed_by.get(case.channel) or f"通过{channel.name}"
        clauses = [fill(t.filed, how=how), fill(t.ticket, ticket=case.ticket) if case.ticket else None,
                   fill(t.staff, staff=case.staff) if case.staff else None]
        key = (case.filed.isoformat(), SAME_ACT.get(channel.kind, "filed"))
        days[key] = _Fact(key[0], 1, "", [c for c in clauses if c])
    if case.events.get("result-received"):
        key = (case.events["result-received"].isoformat(), "reply")
        days[key] = _Fact(key[0], 3, "", [t.result])
    for entry in case.log:
        if entry.auto:
            continue  # ybguide's own notes (the result recorded, closed, letter written) are not facts
        key = (entry.at[:10], entry.kind)
        fact = days.setdefault(key, _Fact(key[0], 2, entry.at, []))
        words = _clause(fill(t.log, kind=LOG_KINDS[entry.kind], text=entry.text))
        if words and words not in fact.said:
            fact.said.append(words)
    told = [(day, 0, "", text) for day, text in incident]
    for f in days.values():
        # what was logged follows the event it belongs to after a semicolon: its own words, told once
        text = "；".join(x for x in ("，".join(f.clauses), "；".join(f.said)) if x)
        told.append((f.day, f.order, f.at, _sentence([date_zh(dt.date.fromisoformat(f.day)), text])))
    told.sort(key=lambda f: f[:3])
    return [text for *_, text in told]


def as_of(k, case, day: dt.date):
    """The case as it stood on the letter's date ``day``, and the labels of what happened after it
    and is left out (a letter dated 11月16日 cannot tell of a reply received on 12月10日; printing
    it again with its own date must still work).  The filing and the incident are never after the
    letter's date: the case's own checks refuse a letter dated before them."""
    import dataclasses

    from yb_guide.cases.model import label
    from yb_guide.schedule.columns import event_key

    later = [e for e in k.events.for_cases if e != "filed" and case.events.get(e) and case.events[e] > day]
    log = [e for e in case.log if e.auto or e.at[:10] <= day.isoformat()]
    left_out = [label(event_key(e)) for e in later] + (["沟通记录"] if len(log) < len(case.log) else [])
    if not left_out:
        return case, []
    kept = {e: d for e, d in case.events.items() if e not in later}
    return dataclasses.replace(case, log=log, events=kept), left_out


def shown_number(number, reveal: bool, blank: str) -> str:
    if not number:
        return blank
    return number if reveal else personal.mask(number)


def build(k, case, today: dt.date, *, reveal: bool = False, subject: str | None = None) -> Letter:
    """The letter for ``case`` (a stored case, or one made from options), dated ``today``."""
    t = k.letter
    channel = k.channel(t.channel)
    contact = channel.contact
    blank = t.blank
    case, left_out = as_of(k, case, today)

    def shown(number):
        return shown_number(number, reveal, blank)

    if subject is None:
        subject = fill(t.subject_institution, institution=case.institution) if case.institution else t.subject_default
    b: list[Block] = [
        Block("title", t.title),
        Block("mark", t.mark),
        Block("addressee", fill(t.addressee, recipient=contact.recipient, address=contact.address,
                                postcode=contact.postcode)),
        Block("salutation", fill(t.salutation, recipient=contact.recipient)),
        Block("para", fill(t.opening_agent, agent=case.agent_name, relation=case.agent_relation or "亲属",
                           name=case.name or blank, subject=subject) if case.acting
              else fill(t.opening, name=case.name or blank, subject=subject)),
        Block("heading", t.headings.complainant),
        *people(t.labels, case, shown, blank),
        Block("heading", t.headings.respondent),
        Block("item", case.institution or blank),
        Block("heading", t.headings.facts),
    ]
    facts = _facts(k, case)
    if facts:
        b += [Block("numbered", fill(t.numbered_item, n=i, item=f), i, f) for i, f in enumerate(facts, 1)]
    else:
        b.append(Block("item", t.facts.none))
    b.append(Block("heading", t.headings.demands))
    if case.asks:
        b += [Block("numbered", fill(t.numbered_item, n=i, item=a), i, a) for i, a in enumerate(case.asks, 1)]
    else:
        examples = "、".join(k.note(t.demands_note).examples)
        b.append(Block("item", fill(t.demands_hint, examples=examples)))
        b += [Block("numbered", fill(t.numbered_item, n=i, item=blank), i, blank) for i in (1, 2)]
    b.append(Block("heading", t.headings.evidence))
    evidence = case.evidence or [blank] * 3
    if case.acting:
        evidence = [*case.evidence, t.evidence_agent] if case.evidence else [t.evidence_agent, blank, blank]
    b += [Block("item", fill(t.evidence_item, n=i, item=e)) for i, e in enumerate(evidence, 1)]
    b += [
        Block("heading", t.headings.contact),
        Block("para", t.contact_intro),
        Block("item", f"{t.labels.phone}：{case.phone or blank}"),
        Block("item", f"{t.labels.address}：{case.address or blank}"),
        Block("para", t.truth),
        *(Block("closing", line) for line in t.closing),
        Block("sign", (t.signature_agent if case.acting else t.signature) + blank),
        Block("sign", date_zh(today)),
    ]
    envelope = [fill(line, postcode=contact.postcode, address=contact.address, recipient=contact.recipient,
                     name=(case.agent_name if case.acting else case.name) or blank, phone=case.phone or blank,
                     sender_address=case.address or blank)
                for line in t.envelope]
    advice = [*channel.notes, k.correction(t.correction).advice]
    masked = not reveal and bool(case.id_number or case.card_number or case.agent_id_number)
    from yb_guide.letter import clean

    return clean.letter(Letter(b, envelope, advice, masked, today, case.id, facts, left_out))


def people(labels, case, shown, blank: str) -> list[Block]:
    """The insured person, and the person acting for them when there is one (both identities)."""
    out = [Block("item", f"{labels.name}：{case.name or blank}"),
           Block("item", f"{labels.id_number}：{shown(case.id_number)}"),
           Block("item", f"{labels.card_number}：{shown(case.card_number)}")]
    if case.acting:
        out += [Block("item", f"{labels.agent_name}：{case.agent_name}"),
                Block("item", f"{labels.agent_relation}：{case.agent_relation or blank}"),
                Block("item", f"{labels.agent_id_number}：{shown(case.agent_id_number)}")]
    return out
