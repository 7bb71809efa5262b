"""data/deadlines.yaml: the rules the deadline plans are made from, and the events they run from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from yb_guide.knowledge.sources import SourceRef

EVENTS = ("filed", "result-received", "review-filed", "reconsideration-decided")


@dataclass(frozen=True)
class AltPeriod:
    """A period that replaces the rule's own when its event is known (e.g. after 行政复议)."""

    after: str
    amount: int
    unit: Literal["workday", "day", "month"]
    rule: str
    source: SourceRef


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    title: str
    after: str  # an event in EVENTS or another rule's id
    rule: str  # in words; {n} is the amount, {min} the window's start
    source: SourceRef
    checked: dt.date
    process_stage: str | None = None  # take amount/unit from this process stage's limit
    amount: int | None = None
    complex_amount: int | None = None
    window_min: int | None = None
    unit: Literal["workday", "day", "month"] | None = None
    channel: str | None = None  # only shown for this channel
    rule_complex: str | None = None
    instead: AltPeriod | None = None


@dataclass(frozen=True)
class DeadlinesFile:
    rules: tuple[DeadlineRule, ...]
    complex_note: str  # shown with --complex
