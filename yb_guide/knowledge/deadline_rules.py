"""data/deadlines.yaml: the deadline tracks (which rules govern which channel), the rules, and the
events they run from.

A rule whose numbers live elsewhere (the process table of channels.yaml, a channel's processing
time) is *resolved* when the data is loaded (``resolve``): from then on every rule carries its own
amount and unit, and the deadline engine has one model of a rule, this one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from yb_guide.base.record import record
from typing import Literal

from yb_guide.knowledge.sources import SourceRef, Status

# Every event a period can run from: the one spelling of each id (labels: knowledge.labels).
EVENTS = (
    "filed", "petition-accepted", "result-received", "review-requested", "review-replied",
    "reexam-requested", "reexam-replied", "decision-made", "decision-known", "reconsideration-filed",
    "reconsideration-decided",
)
# An event cannot come before these (the order of a complaint, and of a decision and its review).
EVENT_ORDER = (
    ("filed", "petition-accepted"), ("filed", "result-received"), ("result-received", "review-requested"),
    ("review-requested", "review-replied"), ("review-replied", "reexam-requested"),
    ("reexam-requested", "reexam-replied"), ("decision-made", "decision-known"),
    ("decision-known", "reconsideration-filed"), ("reconsideration-filed", "reconsideration-decided"),
    ("decision-made", "reconsideration-filed"),
)
Unit = Literal["workday", "day", "month"]


@record
class AltPeriod:
    """A period that replaces the rule's own when its event is known (e.g. after 行政复议)."""

    after: str
    amount: int
    unit: Unit
    rule: str
    source: SourceRef


@record
class Track:
    id: str
    title: str
    kind: Literal["service", "legal"]  # a legal limit, or the usual service time a web article describes
    summary: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None


@record
class TrackNote:
    """A fact about a track that gives no date (a period nobody could verify, a correction)."""

    track: str
    text: str
    source: SourceRef
    status: Status
    checked: dt.date | None = None


@record
class DeadlineRule:
    id: str
    track: str
    title: str
    after: str  # an event in EVENTS or an earlier rule's id
    rule: str  # in words; {n} is the amount, {min} the window's start
    source: SourceRef
    status: Status
    process_stage: str | None = None  # take amount/unit from this process stage's limit
    channel_time: bool = False  # take them from the channel's processing time
    amount: int | None = None
    complex_amount: int | None = None
    window_min: int | None = None
    unit: Unit | None = None
    extension: int | None = None  # days the period may be extended by (显示“延长后最晚”)
    channel: str | None = None  # only shown for this channel
    rule_complex: str | None = None
    instead: AltPeriod | None = None
    unless: tuple[str, ...] = ()  # events that make this rule not apply at all
    done_by: tuple[str, ...] = ()  # events after which this deadline is met or over (not waited for)
    checked: dt.date | None = None  # the day a verified fact was checked


@record
class DeadlinesFile:
    tracks: tuple[Track, ...]
    channels: dict[str, tuple[str, ...]]  # channel id (or "default") -> track ids
    warning: str  # wherever 行政复议 or 行政诉讼 appears
    warning_source: SourceRef
    decision_needed: str  # a result date alone cannot count 复议/诉讼
    complex_note: str  # shown with --complex
    rules: tuple[DeadlineRule, ...]
    notes: tuple[TrackNote, ...] = ()


def resolve(rule: DeadlineRule, k) -> DeadlineRule:
    """The rule with its amount and unit filled in from where the data keeps them."""
    if rule.process_stage:  # the numbers live in one place: channels.yaml's process table
        limit = k.stage(rule.process_stage).limit
    elif rule.channel_time:
        limit = k.channel(rule.channel).processing_time
    else:
        return rule
    return dataclasses.replace(rule, amount=limit.max, complex_amount=limit.complex_max, unit=limit.unit,
                               window_min=limit.min if rule.channel_time else None)
