"""data/deadlines.yaml: the deadline tracks (which rules govern which channel), the rules, and the
events they run from.

A rule whose numbers live elsewhere (the process table of channels.yaml, a channel's processing
time) is *resolved* when the data is loaded (``resolve``): from then on every rule carries its own
amount and unit, and the deadline engine has one model of a rule, this one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Literal

from yb_guide.base.record import record
from yb_guide.knowledge.sources import SourceRef, Status

Unit = Literal["workday", "day", "month"]
# What a rule rests on: the words of a statute, the tool's own reading of them (推论), or a web article.
BasisKind = Literal["statute", "inference", "web-article"]
UNKNOWN = "unknown"  # the answer of a person who does not know (a valid answer everywhere)


@record
class SituationOption:
    id: str
    label: str
    aliases: tuple[str, ...] = ()  # what people also call it (拒付, 不给报销 …)


@record
class SituationQuestion:
    """Something about the person's case that decides which rules apply to them (what the decision
    was, what the complaint is about …).  Not knowing is always an answer."""

    id: str
    label: str  # the question, in Chinese
    short: str  # its name beside an answer (原决定：不予报销)
    options: tuple[SituationOption, ...]
    unknown_label: str = "不知道"


@record
class Applies:
    """When a rule applies to a person (situation id -> option ids; "unknown" allowed).  It applies
    plainly when their answers meet ``when`` and ``only``; a known answer outside ``only`` leaves it
    out; otherwise it is shown with ``label``, which says when it applies."""

    label: str
    when: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    only: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)


@record
class SituationNote:
    """Advice for the people whose answers match ``when`` (e.g. 复议前置 for a refused reimbursement)."""

    id: str
    track: str  # shown with this track's dates
    when: dict[str, tuple[str, ...]]
    title: str
    summary: str  # one or two plain sentences, no article text: the short screen's
    text: str  # the whole advice with what the articles say (--full, the web's 显示全部)
    basis_kind: BasisKind
    source: SourceRef
    status: Status
    checked: dt.date | None = None
    also: tuple[SourceRef, ...] = ()  # further articles it rests on
    lead: bool = False  # shown first, before any date
    once: str | None = None  # shown only once this event is known (简易程序: once 复议 was applied for)
    unless: tuple[str, ...] = ()  # not shown once one of these is known (复议前置, once 复议 was applied for)
    # An inference: the day the words of the articles it rests on were checked (the reading itself
    # stays unverified, ``status``).
    articles_checked: dt.date | None = None


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
    # A last day on a rest day or holiday: "move" to the next working day (the statute says so, e.g.
    # 民事诉讼法 on 期间, applied by 行政复议法 and 行政诉讼法); "keep" where the text has no such rule
    # (信访工作条例): the day its words give stays the last day, the moved day is the tool's inference.
    last_day: Literal["move", "keep"] = "move"
    # A legal limit only on some condition for most channels (信访: for a call or an online complaint
    # only when the bureau handles it as a 信访事项): the label every such date carries, except for
    # the channels in ``plain_for`` (a letter is a 信访 by itself).
    condition: str | None = None
    plain_for: tuple[str, ...] = ()


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
    after: str  # an event (``events``) or an earlier rule's id
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
    applies: Applies | None = None  # when it applies to this person (None: always)
    basis_kind: BasisKind | None = None  # None: statute on a legal track, web-article on a service track
    also: tuple[SourceRef, ...] = ()  # further articles it rests on
    person_acts: bool = False  # a step the person takes by this day (复查, 复议, 起诉), not an authority's reply
    bound: bool = False  # an outer limit (五年), never a step of its own: neither the person's act nor a reply


@record
class FirstStep:
    """What a person in a situation must do first (deadlines.yaml ``first_steps``): the first of these
    whose ``when`` their answers meet wins over the nearest dated step.  Its date is the first of
    ``rules`` that is dated and not passed; with none dated it waits for ``needs``."""

    id: str
    title: str  # what the person does: 申请行政复议
    when: dict[str, tuple[str, ...]]
    rules: tuple[str, ...]
    needs: str  # the event that dates it (知道原决定)
    needs_text: str  # what to do while that date is not known
    passed: str  # what is still possible once every one of its dates has passed
    source: SourceRef
    unless: tuple[str, ...] = ()  # events after which it is done (复议 applied for)
    letter: str | None = None  # the paper it is done with (a ``ybguide letter --kind``)
    checklist: str | None = None  # what to bring (channels.yaml checklists)


@record
class Event:
    """A date a person can give (deadlines.yaml ``events``): the one declaration of an event."""

    id: str
    label: str
    after: tuple[str, ...] = ()  # events it cannot come before
    starts: tuple[str, ...] = ()  # the tracks whose periods run from it
    case: bool = True  # a case in the journal keeps this date (field: the id with _ for -)
    brings: tuple[str, ...] = ()  # tracks counted (or asked for) whenever this date is given, whatever the channel
    help: str | None = None  # the command line's help for --<id> (None: "<label>的日期。")
    old_names: tuple[str, ...] = ()  # earlier names of its option, still accepted (hidden)
    optional: bool = False  # its date may stay unknown: a later period is offered without it


@record
class DeadlinesFile:
    tracks: tuple[Track, ...]
    channels: dict[str, tuple[str, ...]]  # channel id (or "default") -> track ids
    warning: str  # wherever 行政复议 or 行政诉讼 appears
    warning_brief: str  # the same on the short screen (one or two lines)
    warning_source: SourceRef
    decision_needed: str  # a result date alone cannot count 复议/诉讼
    complex_note: str  # shown with --complex
    rules: tuple[DeadlineRule, ...]
    notes: tuple[TrackNote, ...] = ()
    situation: tuple[SituationQuestion, ...] = ()
    situation_notes: tuple[SituationNote, ...] = ()
    simple_procedure_max: int | None = None  # 行政复议法第五十三条: 涉及款额三千元以下 → "simple"
    moved_note: str = ""  # beside a "keep" last day on a holiday: the moved day is the tool's inference
    events: tuple[Event, ...] = ()  # every event a period can run from (``knowledge.events.Events`` reads them)
    first_steps: tuple[FirstStep, ...] = ()  # what a person must do first, whatever else they are told


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
