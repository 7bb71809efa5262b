"""data/reimbursement_faq.yaml: why a booked visit was not reimbursed by 医保, what to check, what to do,
whom to call, and its FAQs.

Two kinds of reason: ``medical`` reasons are the main answer of an outcome (a 医保 rule, what to check
first, what to do, whom to call, and the rules or reports they rest on); ``general`` reasons, the
strategies and the procedures are the anonymous web article's general advice, shown only under
the heading 一般建议（来自网络文章）.
"""

from __future__ import annotations

import datetime as dt
from yb_guide.base.record import record
from typing import Literal

from yb_guide.knowledge.channels import Checklist, Faq
from yb_guide.knowledge.sources import SourceRef, Status


@record
class Topic:
    title: str
    intro: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class Basis:
    """A rule or a report a reason rests on, with its own source and status."""

    text: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class Call:
    """Whom to call or visit and what to ask: a named window, or a channel of channels.yaml (its phone)."""

    who: str
    ask: str
    channel: str | None = None


ReasonKind = Literal["medical", "general"]


@record
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


@record
class Strategy:
    id: str
    title: str
    text: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class ProcedureStep:
    title: str
    text: str


@record
class Procedure:
    id: str
    title: str
    steps: tuple[ProcedureStep, ...]
    source: SourceRef
    status: Status
    closing: str | None = None
    checklist: str | None = None
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class RegionalExample:
    id: str
    region: str
    text: str
    source: SourceRef
    status: Status
    caution: str | None = None
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class Caution:
    id: str
    text: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class ReimbursementFile:
    topic: Topic
    reasons: tuple[Reason, ...]
    strategies: tuple[Strategy, ...]
    procedures: tuple[Procedure, ...]
    checklists: tuple[Checklist, ...]
    regional_examples: tuple[RegionalExample, ...]
    cautions: tuple[Caution, ...]
    faq: tuple[Faq, ...]
