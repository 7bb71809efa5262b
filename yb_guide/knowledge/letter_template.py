"""data/letter.yaml: the fixed wording of the papers ybguide writes — the complaint letter to the
bureau's 信访办, the request for 复查 or 复核 after an answer the person disagrees with, the
行政复议申请书 against a written decision, and the 授权委托书.

Placeholders are {name}-style; which ones each piece may use is listed in ``PLACEHOLDERS`` and
checked when the data is loaded, so a typo in letter.yaml is a data error, not a crash while
writing a letter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from yb_guide.base.record import record

from yb_guide.knowledge.sources import SourceRef, Status


@record
class LetterHeadings:
    complainant: str
    respondent: str
    facts: str
    demands: str
    evidence: str
    contact: str


@record
class LetterLabels:
    name: str  # the insured person's
    id_number: str
    card_number: str
    agent_name: str  # the person acting for them (代办)
    agent_relation: str
    agent_id_number: str
    phone: str
    address: str


@record
class LetterFacts:
    incident_place: str
    incident_place_institution: str
    amount: str
    filed: str  # {how}: the channel's phrase in ``filed_by``
    ticket: str
    staff: str
    result: str
    log: str
    none: str


@record
class LetterTemplate:
    """The complaint letter."""

    channel: str  # recipient, address and postcode come from this channel's contact
    correction: str  # "confirm the address first"
    demands_note: str  # a note whose examples are what people ask for
    title: str
    mark: str
    addressee: str
    salutation: str
    opening: str
    opening_agent: str  # written by someone acting for the insured person: 受…委托
    subject_default: str
    subject_institution: str
    headings: LetterHeadings
    labels: LetterLabels
    facts: LetterFacts
    filed_by: dict[str, str]  # channel id -> how a complaint through it is said (拨打12393医保服务热线)
    numbered_item: str
    demands_hint: str
    evidence_item: str
    evidence_agent: str  # the power of attorney, added to the evidence when acting for someone
    contact_intro: str
    truth: str
    closing: tuple[str, ...]
    signature: str
    signature_agent: str
    blank: str
    envelope: tuple[str, ...]
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class ReviewHeadings:
    applicant: str
    request: str
    reasons: str
    evidence: str


@record
class ReviewStep:
    """复查 or 复核: its name, the article, and what the request says."""

    title: str
    law: str  # 《信访工作条例》第三十五条
    body_default: str  # to whom, when the case does not say (原办理机关的上一级机关)
    heading: str  # 二、原处理意见 / 二、复查意见
    decision: str  # what was decided and when it was received
    request: str
    evidence: tuple[str, ...]  # the decisions appealed against, as enclosures


@record
class ReviewTemplate:
    """The request for 复查 (after the written reply) or 复核 (after the 复查 opinion)."""

    review: ReviewStep
    reexam: ReviewStep
    addressee: str
    addressee_unknown: str  # before the person knows which body: a blank to fill in, and who it should be
    body_unknown: str  # 贵机关: the request's words for a body not named yet
    whose: str  # whose complaint was answered: 本人
    whose_agent: str  # … or 参保人{name}
    opening: str
    opening_agent: str
    headings: ReviewHeadings
    facts: str
    reasons: str
    reasons_hint: str
    asks_intro: str
    asks_hint: str
    evidence_ids: str
    evidence_ids_agent: str
    closing: tuple[str, ...]
    signature: str
    signature_agent: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None


@record
class ReconsiderationHeadings:
    applicant: str
    agent: str
    respondent: str
    request: str
    reasons: str
    evidence: str


@record
class ReconsiderationLabels:
    name: str
    id_number: str
    address: str
    phone: str
    agent_name: str
    agent_relation: str
    agent_id_number: str


@record
class ReconsiderationTemplate:
    """行政复议申请书: what 行政复议法实施条例 第十九条 asks of it (the applicant, the respondent, the
    request, the facts and reasons, the signature and the date), and the 委托代理人 (第十七条)."""

    title: str
    headings: ReconsiderationHeadings
    labels: ReconsiderationLabels
    applicant: tuple[str, ...]  # 基本情况 in order: a key of ``labels`` (from the case) or a word (by hand)
    respondent_unknown: str
    decisions: dict[str, str]  # decision kind (refusal, penalty, other) -> 不予报销决定 …
    dated: str  # 于{date}: the decision's date, when known
    request: str
    request_pay: str
    request_pay_unknown: str
    decision_fact: str
    known_fact: str
    amount_fact: str
    summary: str
    summary_hint: str
    reasons: str
    reasons_hint: str
    evidence_decision: str
    evidence_ids: str
    evidence_agent: str
    closing: str
    to_unknown: str
    signature: str
    signature_agent: str
    advice_title: str
    advice: tuple[str, ...]  # said on screen after it, not printed in it
    source: SourceRef
    contents: SourceRef  # what an application contains (实施条例 第十九条)
    status: Status
    checked: dt.date | None = None


@record
class PoaReconsideration:
    """The 授权委托书's matter and powers when it is for 行政复议 (行政复议法 第十七条)."""

    matter: str
    subject_default: str
    subject_respondent: str
    number: str
    powers: tuple[str, ...]
    special: str  # 特别授权, only when chosen
    general: str  # what the powers leave out when it is not chosen
    advice: tuple[str, ...]
    source: SourceRef
    status: Status
    checked: dt.date | None = None


@record
class PoaHeadings:
    principal: str
    agent: str
    matter: str
    powers: str
    term: str


@record
class PoaLabels:
    name: str
    id_number: str
    phone: str
    relation: str


@record
class PoaTemplate:
    """授权委托书: who authorises whom, for what matter, with which powers, for how long (民法典第一百六十五条)."""

    title: str
    headings: PoaHeadings
    labels: PoaLabels
    opening: str
    matter: str
    subject_default: str
    subject_institution: str
    ticket: str
    powers: tuple[str, ...]
    powers_other: str
    reconsideration: PoaReconsideration
    term: str
    date_blank: str  # a date to write by hand
    closing: str
    signature_principal: str
    signature_agent: str
    signed_on: str
    advice_title: str
    masked_note: str  # on screen: the numbers are masked here, whole in the file
    advice: tuple[str, ...]  # said on screen after it, not printed in it
    source: SourceRef
    status: Status
    checked: dt.date | None = None


@record
class ChecklistPaper:
    """The fixed words of a checklist printed for a resident (the items come from channels.yaml)."""

    items_heading: str
    item: str
    acting_also: str
    acting_heading: str
    contact_heading: str
    day_heading: str
    notes_heading: str
    checked: str
    unchecked: str
    unchecked_what: str
    source: str
    box: str


@record
class LetterFile:
    letter: LetterTemplate
    review: ReviewTemplate
    reconsideration: ReconsiderationTemplate
    power_of_attorney: PoaTemplate
    checklist_paper: ChecklistPaper


# Which placeholders each piece may use ("letter.opening" …); a piece not named here may use none.
PLACEHOLDERS = {
    "letter.addressee": {"recipient", "address", "postcode"}, "letter.salutation": {"recipient"},
    "letter.opening": {"name", "subject"}, "letter.opening_agent": {"agent", "relation", "name", "subject"},
    "letter.subject_institution": {"institution"},
    "letter.facts.incident_place": {"place"}, "letter.facts.incident_place_institution": {"place", "institution"},
    "letter.facts.amount": {"amount"}, "letter.facts.filed": {"how"},
    "letter.facts.ticket": {"ticket"}, "letter.facts.staff": {"staff"}, "letter.facts.log": {"kind", "text"},
    "letter.numbered_item": {"n", "item"}, "letter.demands_hint": {"examples"}, "letter.evidence_item": {"n", "item"},
    "letter.envelope": {"postcode", "address", "recipient", "name", "phone", "sender_address"},
    "review.addressee": {"body"}, "review.addressee_unknown": {"blank", "body"}, "review.whose_agent": {"name"},
    "review.facts": {"summary"}, "review.reasons": {"reason"}, "review.opening": {"name", "step"},
    "review.opening_agent": {"agent", "relation", "name", "step"},
    "review.review.decision": {"received", "whose", "ticket"}, "review.reexam.decision": {"received", "body"},
    "review.review.request": {"body"}, "review.reexam.request": {"body"},
    "reconsideration.respondent_unknown": {"blank"}, "reconsideration.dated": {"date"},
    "reconsideration.request": {"dated", "decision", "number"}, "reconsideration.request_pay": {"amount"},
    "reconsideration.request_pay_unknown": {"blank"}, "reconsideration.decision_fact": {"dated", "decision", "number"},
    "reconsideration.known_fact": {"known"}, "reconsideration.amount_fact": {"amount"},
    "reconsideration.summary": {"summary"}, "reconsideration.reasons": {"reason"},
    "reconsideration.evidence_decision": {"decision"}, "reconsideration.to_unknown": {"blank"},
    "power_of_attorney.reconsideration.matter": {"subject"},
    "power_of_attorney.reconsideration.subject_respondent": {"respondent"},
    "power_of_attorney.reconsideration.number": {"number"},
    "power_of_attorney.opening": {"principal", "agent"}, "power_of_attorney.matter": {"subject"},
    "power_of_attorney.subject_institution": {"institution"}, "power_of_attorney.ticket": {"ticket"},
    "power_of_attorney.powers_other": {"blank"}, "power_of_attorney.term": {"start", "end"},
    "checklist_paper.item": {"item", "form", "need"}, "checklist_paper.acting_also": {"items"},
    "checklist_paper.checked": {"status", "checked"}, "checklist_paper.unchecked": {"what", "status", "confirm_by"},
    "checklist_paper.source": {"source", "status"},
}


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def texts(obj, path: str):
    """(dotted path, text) for every piece of wording in a template."""
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, (tuple, list)):
        for x in obj:
            yield from texts(x, path)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from texts(x, path)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, SourceRef):
        for f in dataclasses.fields(obj):
            if f.name not in ("status", "checked", "channel", "correction", "demands_note"):
                yield from texts(getattr(obj, f.name), f"{path}.{f.name}")
