"""data/reimbursement_faq.yaml: why a booked visit was not reimbursed by 医保, what to check, what to do,
whom to call, and its FAQs.

Two kinds of reason: ``medical`` reasons are the main answer of an outcome (a 医保 rule, what to check
first, what to do, whom to call, and the rules or reports they rest on); ``general`` reasons, the
strategies and the procedures are the anonymous web article's general advice, shown only under
the heading 一般建议（来自网络文章）.
"""

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
class Basis:
    """A rule or a report a reason rests on, with its own source and status."""

    text: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@dataclass(frozen=True)
class Call:
    """Whom to call or visit and what to ask: a named window, or a channel of channels.yaml (its phone)."""

    who: str
    ask: str
    channel: str | None = None


ReasonKind = Literal["medical", "general"]


@dataclass(frozen=True)
class Reason:
    id: str
    title: str
    explanation: str
    source: SourceRef
    status: Status  # of the advice as a whole; unverified advice tells the user to phone first
    kind: ReasonKind = "general"  # medical: a 医保 reason; general: the web article's
    examples: tuple[str, ...] = ()
    check: tuple[str, ...] = ()  # what to check first (medical)
    do: tuple[str, ...] = ()  # what to do, in order (medical)
    contacts: tuple[Call, ...] = ()  # whom to call (medical)
    basis: tuple[Basis, ...] = ()  # the rules and reports the advice rests on
    procedure: str | None = None  # general: the article's steps
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
