"""data/reimbursement_faq.yaml: why a booked visit was not reimbursed, what to do, and its FAQs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from yb_guide.knowledge.channels import Checklist, Faq
from yb_guide.knowledge.sources import SourceRef, Status


@dataclass(frozen=True)
class Topic:
    title: str
    intro: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@dataclass(frozen=True)
class Reason:
    id: str
    title: str
    explanation: str
    examples: tuple[str, ...]
    source: SourceRef
    status: Status
    procedure: str | None = None
    checked: dt.date | None = None  # the day a verified fact was checked


@dataclass(frozen=True)
class Strategy:
    id: str
    title: str
    text: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@dataclass(frozen=True)
class ProcedureStep:
    title: str
    text: str


@dataclass(frozen=True)
class Procedure:
    id: str
    title: str
    steps: tuple[ProcedureStep, ...]
    source: SourceRef
    status: Status
    closing: str | None = None
    checklist: str | None = None
    checked: dt.date | None = None  # the day a verified fact was checked


@dataclass(frozen=True)
class RegionalExample:
    id: str
    region: str
    text: str
    source: SourceRef
    status: Status
    caution: str | None = None
    checked: dt.date | None = None  # the day a verified fact was checked


@dataclass(frozen=True)
class Caution:
    id: str
    text: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@dataclass(frozen=True)
class ReimbursementFile:
    topic: Topic
    reasons: tuple[Reason, ...]
    strategies: tuple[Strategy, ...]
    procedures: tuple[Procedure, ...]
    checklists: tuple[Checklist, ...]
    regional_examples: tuple[RegionalExample, ...]
    cautions: tuple[Caution, ...]
    faq: tuple[Faq, ...]
