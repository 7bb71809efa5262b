"""data/letter.yaml: the fixed wording of the written complaint letter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from yb_guide.knowledge.sources import SourceRef, Status


@dataclass(frozen=True)
class LetterHeadings:
    complainant: str
    respondent: str
    facts: str
    demands: str
    evidence: str
    contact: str


@dataclass(frozen=True)
class LetterLabels:
    name: str
    id_number: str
    card_number: str
    phone: str
    address: str


@dataclass(frozen=True)
class LetterFacts:
    incident_place: str
    amount: str
    filed: str
    ticket: str
    staff: str
    result: str
    log: str
    none: str


@dataclass(frozen=True)
class LetterTemplate:
    """The fixed wording of the written complaint letter; {name}-style placeholders only."""

    channel: str  # recipient, address and postcode come from this channel's contact
    correction: str  # "confirm the address first"
    demands_note: str  # a note whose examples are what people ask for
    title: str
    mark: str
    addressee: str
    salutation: str
    opening: str
    subject_default: str
    subject_institution: str
    headings: LetterHeadings
    labels: LetterLabels
    facts: LetterFacts
    numbered_item: str
    demands_hint: str
    evidence_item: str
    contact_intro: str
    truth: str
    closing: tuple[str, ...]
    signature: str
    blank: str
    envelope: tuple[str, ...]
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@dataclass(frozen=True)
class LetterFile:
    letter: LetterTemplate


# Which placeholders each piece of the letter may use (checked when the data is loaded,
# so a typo in letter.yaml is a data error, not a crash while writing a letter).
LETTER_PLACEHOLDERS = {
    "addressee": {"recipient", "address", "postcode"}, "salutation": {"recipient"}, "opening": {"name", "subject"}, "subject_institution": {"institution"},
    "facts.incident_place": {"place"}, "facts.amount": {"amount"}, "facts.filed": {"channel"},
    "facts.ticket": {"ticket"}, "facts.staff": {"staff"}, "facts.log": {"kind", "text"},
    "numbered_item": {"n", "item"}, "demands_hint": {"examples"}, "evidence_item": {"n", "item"},
    "envelope": {"postcode", "address", "recipient", "name", "phone", "sender_address"},
}


def placeholders(text: str) -> set[str]:
    import re

    return set(re.findall(r"\{(\w+)\}", text))
