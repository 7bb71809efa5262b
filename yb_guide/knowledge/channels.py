"""data/channels.yaml: scope, problem kinds, channels, corrections, checklists, the process table,
notes and FAQs.  The dataclasses are the schema (``base.schema.build``)."""

from __future__ import annotations

import dataclasses

import datetime as dt
from yb_guide.base.record import record
from typing import Literal

from yb_guide.knowledge.sources import SourceRef, Status


@record
class Scope:
    """What the guide is for (the region's name and code are its pack's: ``knowledge.packs``)."""

    summary: str
    confirm_by: str  # whom to call to confirm a contact detail nobody has verified
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class Problem:
    id: str
    title: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class Contact:
    phone: str | None = None
    website: str | None = None
    app: str | None = None
    wechat: str | None = None
    entry: str | None = None
    address: str | None = None
    recipient: str | None = None
    postcode: str | None = None
    hours: str | None = None
    hours_open: str | None = None  # "09:00": when a hall opens and closes (hall-hours); docs/packs.md
    hours_close: str | None = None


@record
class TimeLimit:
    """A time limit as the source states it, and as numbers for the deadline engine."""

    text: str
    unit: Literal["workday", "day", "month"]
    max: int
    min: int | None = None
    complex_max: int | None = None  # 复杂案件可延长至…
    after: str | None = None  # the event or stage the period runs from


@record
class Channel:
    id: str
    name: str
    kind: Literal["phone", "online", "on-site", "mail", "report"]
    group: str
    summary: str
    description: str
    contact: Contact
    use_when: tuple[str, ...]
    advantages: tuple[str, ...]
    steps: tuple[str, ...]
    notes: tuple[str, ...]
    source: SourceRef
    status: Status
    checklist: str | None = None
    processing_time: TimeLimit | None = None
    checked: dt.date | None = None  # the day a verified fact was checked
    # Short names a spreadsheet or a person may write instead of the id (热线, 现场, 12393); found,
    # with the id and the name, by ``knowledge.lookup.find_channel``.
    aliases: tuple[str, ...] = ()
    # The part this channel plays in the national flows (province-website, province-wechat, hall,
    # mail: declared in data/pack.yaml ``roles:``): a region pack's channel that says
    # ``role: province-wechat`` is the one ``channel_role: province-wechat`` in flows.yaml names.
    role: str | None = None


@record
class Correction:
    """Where a source document is wrong or cannot be relied on, what the screen says instead."""

    id: str
    field: str
    document_says: str
    advice: str
    source: SourceRef
    status: Status
    channels: tuple[str, ...] = ()  # shown with these channels …
    faqs: tuple[str, ...] = ()  # … and these FAQs
    corrected: str | None = None
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class ChecklistItem:
    item: str
    form: Literal["original", "copy", "original-and-copy", "card", "info", "electronic", "document"]
    need: Literal["required", "recommended"]
    why: str
    source: SourceRef | None = None  # defaults to the checklist's source
    when: Literal["always", "acting"] = "always"  # acting: only when someone acts for the insured person (代办)


@record
class Checklist:
    id: str
    title: str
    purpose: str
    items: tuple[ChecklistItem, ...]
    source: SourceRef
    status: Status
    channel: str | None = None
    notes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # what people call it (现场, 信件 …), found like a channel's
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class Stage:
    id: str
    title: str
    description: str
    source: SourceRef
    status: Status
    limit: TimeLimit | None = None
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class Process:
    applies_to: str
    note: str
    stages: tuple[Stage, ...]


@record
class Note:
    id: str
    title: str
    text: str
    source: SourceRef
    status: Status
    examples: tuple[str, ...] = ()
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class Faq:
    id: str
    question: str
    answer: str
    source: SourceRef
    status: Status
    tags: tuple[str, ...] = ()
    procedure: str | None = None  # the answer's steps are this procedure's steps
    brief: str | None = None  # the answer in one line, listed with the question before the full text
    checked: dt.date | None = None  # the day a verified fact was checked
    # the people the answer touches a first step for (deadlines.yaml situation: decision -> refusal):
    # the entry leads with what schedule.next_step says they must do first
    first_step_for: dict[str, str] = dataclasses.field(default_factory=dict)
    first_step_who: str | None = None  # who they are, in words (原来的决定是不予报销的)


@record
class ChannelsFile:
    scope: Scope
    problems: tuple[Problem, ...]
    channels: tuple[Channel, ...]
    corrections: tuple[Correction, ...]
    checklists: tuple[Checklist, ...]
    process: Process
    notes: tuple[Note, ...]
    faq: tuple[Faq, ...]
