"""Due dates of a complaint, a petition, a report or a decision, from the tracks and rules of
data/deadlines.yaml.

Which rules apply is decided by the track: a channel has its tracks (``channels`` in the data),
and the administrative track (行政复议、行政诉讼) is counted from the decision itself
(``decision-known``), never from a complaint's reply.

Period rules (README, section 期限怎么算):
- N working days after an event: the event day is not counted; the due date is the N-th working day after it.
- N calendar days or months after an event: the event day is not counted (民法典 第二百零一条); a
  month period ends on the same day of the month, or the month's last day (第二百零二条); if the last
  day is not a working day it moves to the next working day (第二百零三条; 民事诉讼法 第八十五条).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from yb_guide.base.errors import UnknownIdError, UserError
from yb_guide.base.record import record
from yb_guide.calendar.dates import add_months
from yb_guide.calendar.workdays import MAKEUP, Calendar
from yb_guide.knowledge.deadline_rules import DeadlineRule, SituationNote, SituationQuestion, Track, TrackNote
from yb_guide.knowledge.events import Events
from yb_guide.knowledge.lookup import ChannelIndex, channel_index
from yb_guide.knowledge.sources import Document, SourceRef
from yb_guide.schedule.situation import Situation, matches, verdict

ADMINISTRATIVE = "administrative"
# 行政复议法 第二十一条 (行政诉讼法 第四十六条第二款): five years from the act, whenever one learnt of it.
# It caps every period of its track that runs from the day one knew of the act (复议, a direct suit).
OUTER_LIMIT, KNOWN = "act-outer-limit", "decision-known"


@record
class Plan:
    """The deadline data resolved into what ``compute`` needs, and the documents the rules cite.

    It is small and cached (keyed by the data files), so ``ybguide deadline`` need not load and
    validate the whole knowledge base on every start."""

    tracks: tuple[Track, ...]
    channel_tracks: dict[str, tuple[str, ...]]
    rules: tuple[DeadlineRule, ...]
    notes: tuple[TrackNote, ...]
    documents: dict[str, Document]
    channels: tuple[str, ...]
    warning: str
    warning_brief: str
    warning_source: SourceRef
    decision_needed: str
    process_note: str
    complex_note: str
    channel_index: ChannelIndex  # every id, name and short name of a channel (``knowledge.lookup``)
    events: Events  # the declared events (deadlines.yaml ``events``): ids, labels, order, what they bring in
    situation: tuple[SituationQuestion, ...] = ()
    situation_notes: tuple[SituationNote, ...] = ()
    simple_max: int | None = None
    moved_note: str = ""
    region: str = ""  # the region's name (its pack's): a calendar file names it
    first_steps: tuple = ()  # deadline_rules.FirstStep: what a person must do first (schedule.next_step)

    def question(self, question_id: str) -> SituationQuestion:
        return next(q for q in self.situation if q.id == question_id)

    def rule(self, rule_id: str) -> DeadlineRule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise UnknownIdError("期限规则", rule_id, [r.id for r in self.rules])

    def track(self, track_id: str) -> Track:
        by_id = self.__dict__.get("_tracks_by_id")
        if by_id is None:  # looked up for every rule of every row of a batch
            by_id = {t.id: t for t in self.tracks}
            object.__setattr__(self, "_tracks_by_id", by_id)
        return by_id[track_id]

    def tracks_for(self, channel: str | None) -> tuple[str, ...]:
        return self.channel_tracks.get(channel or "default", self.channel_tracks["default"])

    def cite(self, ref: SourceRef) -> str:
        from yb_guide.knowledge.sources import cite

        return cite(self.documents[ref.doc], ref)

    def rule_text(self, rule: DeadlineRule) -> str:
        """The rule in words, with its numbers."""
        return rule.rule.format(n=rule.amount, min=rule.window_min)


def make_plan(k) -> Plan:
    """The plan of the knowledge base ``k`` (its rules are already resolved by the loader)."""
    d = k.deadlines
    refs = [r.source for r in d.rules] + [r.instead.source for r in d.rules if r.instead]
    refs += [t.source for t in d.tracks] + [n.source for n in d.notes] + [d.warning_source]
    refs += [ref for r in d.rules for ref in r.also]
    refs += [ref for n in d.situation_notes for ref in (n.source, *n.also)]
    return Plan(tracks=d.tracks, channel_tracks=dict(d.channels), rules=d.rules, notes=d.notes,
                documents={ref.doc: k.document(ref.doc) for ref in refs}, channels=tuple(c.id for c in k.channels),
                warning=d.warning, warning_brief=d.warning_brief, warning_source=d.warning_source,
                decision_needed=d.decision_needed,
                process_note=k.main.process.note, complex_note=d.complex_note,
                channel_index=channel_index(k.channels), events=k.events, situation=d.situation,
                situation_notes=d.situation_notes, simple_max=d.simple_procedure_max, moved_note=d.moved_note,
                region=k.pack.name, first_steps=d.first_steps)


def get_plan(data_dir=None) -> Plan:
    from yb_guide.base import cache
    from yb_guide.base.paths import data_dir as default_dir, region
    from yb_guide.knowledge import loader

    d = data_dir or default_dir()
    r = region()

    def build() -> Plan:
        return make_plan(loader.get(d, r))

    return cache.cached("plan", cache.files_key(loader.pack_files(d), "plan", r), build,
                        valid=lambda p: isinstance(p, Plan))


@dataclass
class Due:
    id: str
    track: str
    title: str
    due: dt.date
    rule: str  # in words, with the numbers used
    source: SourceRef
    status: str
    after: str  # the event or stage it runs from
    start: dt.date  # the date it runs from
    amount: int
    unit: str
    estimated: bool  # through a year whose official schedule is not out yet
    checked: dt.date | None = None
    window_start: dt.date | None = None
    extended_due: dt.date | None = None  # the last day if the period is extended as far as allowed
    workdays_left: int | None = None  # from "today" to the due date; negative once passed
    passed: bool = False
    note: str | None = None  # e.g. 调休上班日: a Saturday due date looks like a mistake without it
    done: bool = False  # an event it waited for has happened (the 复查 was requested …)
    basis_kind: str = "statute"  # statute | inference | web-article
    condition: str | None = None  # when it applies, where that depends on what the person has not said
    moved_due: dt.date | None = None  # "keep" tracks: the next working day after a last day on a holiday (推论)
    extended_estimated: bool = False  # the extended last day runs through a year not yet received
    also: tuple = ()  # further articles it rests on
    person_acts: bool = False  # the person's own step (复查, 复核): act before its last day
    capped_from: dt.date | None = None  # the period's own last day, after the five-year bound (第二十一条)
    cap_note: str | None = None  # why the last day is the five-year date


@dataclass
class Pending:
    """A rule that will apply once the date of ``needs`` is known."""

    id: str
    track: str
    title: str
    needs: str  # an event id
    rule: str
    condition: str | None = None


@dataclass
class Schedule:
    events: dict[str, dt.date]
    today: dt.date | None
    complex: bool
    channel: str | None
    tracks: list[str]
    stages: list[Due] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    estimated_years: list[int] = field(default_factory=list)
    administrative: bool = False  # 行政复议/诉讼 appear: show the warning with them
    decision_needed: bool = False  # they are asked for, but the decision's date is not given
    situation: Situation = field(default_factory=Situation)
    notes: list[SituationNote] = field(default_factory=list)  # advice for this person's situation

    @property
    def filed(self) -> dt.date | None:
        return self.events.get("filed")


def period_end(cal: Calendar, start: dt.date, amount: int, unit: str, *, statutory: bool = False,
               move: bool = True) -> dt.date:
    """The last day of a period of ``amount`` ``unit`` running from ``start``.  ``statutory``: counted
    as the law counts (a local closure is a working day); ``move``: a last day on a rest day or
    holiday moves to the next working day (where the law says so)."""
    if unit == "workday":
        return cal.add_workdays(start, amount, statutory)
    if unit == "day":
        end = start + dt.timedelta(days=amount)
    elif unit == "month":
        end = add_months(start, amount)
    else:  # pragma: no cover - the schema allows only the three units
        raise ValueError(unit)
    cal.check(end, "截止日期")
    return cal.next_workday(end, statutory) if move else end


def check_order(declared: Events, events: dict[str, dt.date]) -> None:
    """Later events cannot come before earlier ones."""
    for before, after in declared.order:
        if before in events and after in events and events[after] < events[before]:
            raise UserError(
                f"日期顺序不对：{declared.label(after)}（{events[after].isoformat()}）"
                f"早于{declared.label(before)}（{events[before].isoformat()}）。",
                hint="请检查日期；后发生的事不能早于先发生的事", field=after,
            )


def estimate_brief(years: list[int]) -> str:
    return f"标有“推算”的日期：本工具尚未收录{'、'.join(map(str, years))}年的官方放假安排，可能相差几天。"


def estimate_warning(years: list[int]) -> str:
    ys = "、".join(str(y) for y in years)
    return (f"本工具尚未收录{ys}年的官方放假安排（国务院通常在上一年11月左右发布，"
            f"收到后可用 ybguide calendar import 导入），涉及这些年份的日期是按往年规律推算的，"
            f"可能相差几天；标有“推算”的日期请到时再核对。")


def _root_event(plan: Plan, rule: DeadlineRule) -> str:
    """The event at the start of a rule's chain (investigate -> accept -> filed)."""
    after = rule.after
    while after not in plan.events:
        after = plan.rule(after).after
    return after


def compute(plan: Plan, cal: Calendar, events: dict[str, dt.date], *, today: dt.date | None,
            complex_case: bool = False, channel: str | None = None,
            situation: Situation | None = None) -> Schedule:
    """Every due date that follows from the ``events`` known so far (event id -> date), for a person
    in ``situation`` (what is not known of it shows each possibility with when it applies)."""
    unknown = [e for e in events if e not in plan.events]
    if unknown:  # a programming error: the front ends name events from the declared ones
        raise ValueError(unknown)
    for key, value in events.items():
        try:
            cal.check(value, plan.events.label(key) + "日期")
        except UserError as err:
            err.field = key  # a form marks the date that is out of range
            raise
    check_order(plan.events, events)
    if channel is not None and channel not in plan.channels:
        raise UnknownIdError("渠道", channel, list(plan.channels))
    situation = situation or Situation()

    tracks = list(plan.tracks_for(channel))
    # a decision or a result in play brings in 复议/诉讼 (shown, or asked for), whatever the channel
    tracks += sorted(plan.events.brought(events) - set(tracks))
    sched = Schedule(events=dict(events), today=today, complex=complex_case, channel=channel, tracks=tracks,
                     situation=situation)
    known: dict[str, dt.date] = dict(events)
    estimated: set[str] = set()  # rules whose last day runs through a year the tool has not received
    for rule in plan.rules:
        if rule.track not in tracks or (rule.channel and rule.channel != channel):
            continue
        if rule.unless and any(e in events for e in rule.unless):
            continue
        fits = verdict(rule.applies, situation, plan.simple_max)
        if fits == "skip":
            continue
        condition = rule.applies.label if fits == "label" else None
        t = plan.track(rule.track)
        if t.condition and channel not in t.plain_for and _root_event(plan, rule) == "filed":
            condition = "；".join(x for x in (condition, t.condition) if x)  # 12393: 法定 only as a 信访
        alt = rule.instead if rule.instead and rule.instead.after in known else None
        after = alt.after if alt else rule.after
        if after not in known:
            sched.pending.append(Pending(rule.id, rule.track, rule.title, _root_event(plan, rule),
                                         plan.rule_text(rule), condition))
            continue
        sched.stages.append(_due(plan, cal, rule, alt, known, estimated, complex_case, condition, events, today))
    _cap(plan, cal, sched.stages, today)
    sched.estimated_years = sorted({y for d in sched.stages if d.estimated or d.extended_estimated
                                    for y in cal.estimated_years(d.start, d.extended_due or d.due)})
    sched.administrative = any(s.track == ADMINISTRATIVE for s in sched.stages) or any(
        p.track == ADMINISTRATIVE for p in sched.pending)
    shown = set(tracks) - ({ADMINISTRATIVE} if not sched.administrative else set())
    sched.notes = [n for n in plan.situation_notes
                   if n.track in shown and (n.once is None or n.once in events) and not set(n.unless) & set(events)
                   and matches(n.when, situation, plan.simple_max)]
    _warn(plan, cal, sched)
    return sched


def _due(plan: Plan, cal: Calendar, rule: DeadlineRule, alt, known: dict, estimated: set, complex_case: bool,
         condition: str | None, events: dict, today: dt.date | None) -> Due:
    track = plan.track(rule.track)
    legal, keep = track.kind == "legal", track.last_day == "keep"
    amount, unit, text = (alt.amount, alt.unit, alt.rule) if alt else (rule.amount, rule.unit, rule.rule)
    if complex_case and rule.complex_amount and not alt:
        amount, text = rule.complex_amount, rule.rule_complex or rule.rule
    after = alt.after if alt else rule.after
    start = known[after]
    due = period_end(cal, start, amount, unit, statutory=legal, move=not keep)
    # Only a day the law does not count (a 法定休假日, not a local closure) moves: never to itself.
    moved = cal.next_workday(due, True) if keep and not cal.is_workday(due, statutory=True) else None
    # A later period runs from the day the law gives, not from the tool's moved day.
    known[rule.id] = due
    extended = period_end(cal, start, amount + rule.extension, unit, statutory=legal, move=not keep) \
        if rule.extension else None
    # Estimated: the dates it was counted through (workdays) or its last day (days, months) fall in a
    # year the tool has not received, or it runs from a date that was itself estimated.
    counted_from = start if unit == "workday" else due
    item = Due(
        id=rule.id, track=rule.track, title=rule.title, due=due,
        rule=text.format(n=amount, min=rule.window_min), source=alt.source if alt else rule.source,
        status=rule.status, checked=rule.checked, after=after, start=start, amount=amount, unit=unit,
        estimated=after in estimated or bool(cal.estimated_years(counted_from, moved or due)),
        window_start=cal.add_workdays(start, rule.window_min, legal) if rule.window_min else None,
        extended_due=extended,
        note="调休上班日" if cal.kind(due) == MAKEUP else None,
        done=bool(rule.done_by) and any(e in events for e in rule.done_by),
        basis_kind=rule.basis_kind or ("statute" if legal else "web-article"),
        condition=condition, moved_due=moved, also=rule.also, person_acts=rule.person_acts,
    )
    if extended is not None:
        item.extended_estimated = after in estimated or bool(
            cal.estimated_years(start if unit == "workday" else extended, extended))
    if item.estimated:
        estimated.add(rule.id)
    if today is not None and cal.first <= today <= cal.last:
        item.workdays_left = cal.workdays_between(today, due, statutory=legal)
        item.passed = due < today
    return item


def _cap(plan: Plan, cal: Calendar, stages: list[Due], today: dt.date | None) -> None:
    """No period that runs from knowing of the act ends after five years from the act itself
    (行政复议法 第二十一条: 自行政行为作出之日起超过五年的不予受理): there the five-year date is the last day."""
    outer = next((s for s in stages if s.id == OUTER_LIMIT), None)
    if outer is None:
        return
    refs = (outer.source, *outer.also)  # 复议: 行政复议法 第二十一条; a suit: 行政诉讼法 第四十六条第二款
    for s in stages:
        if s is outer or s.track != outer.track or s.after != KNOWN or s.due <= outer.due:
            continue
        laws = "；".join(f"《{plan.documents[r.doc].title.removeprefix('中华人民共和国')}》{r.section}"
                        for r in ([r for r in refs if r.doc == s.source.doc] or refs))
        s.capped_from, s.due = s.due, outer.due
        s.estimated = s.estimated or outer.estimated
        s.note = outer.note
        s.cap_note = (f"按这一期限本应到 {s.capped_from.isoformat()}，但自决定作出之日起超过五年的不再受理（{laws}），"
                      f"五年期满之日 {outer.due.isoformat()} 就是最后一天")
        if today is not None and cal.first <= today <= cal.last:
            s.workdays_left = cal.workdays_between(today, s.due, statutory=True)
            s.passed = s.due < today


def moved_text(due: "Due") -> str | None:
    """Beside a last day the tool did not take from the period alone: a 信访 last day on a rest day
    (the next working day, as the tool's inference) or a 复议/诉讼 day capped by the five-year bound
    (one wording for the screens, the web page and the calendar file)."""
    if due.cap_note:
        return due.cap_note + ("（推算）" if due.estimated else "")
    if due.moved_due is None:
        return None
    from yb_guide.calendar.dates import weekday_zh

    guess = "（推算）" if due.estimated else ""  # the day's kind, and the next working day, rest on an unrecorded year
    return (f"这一天不是工作日{guess}；可能顺延至 {due.moved_due.isoformat()} {weekday_zh(due.moved_due)}"
            f"（{'推算；' if guess else ''}本工具的推论）"
            + ("，请在放假前办好" if due.person_acts else ""))


def future_event_warning(event: str, day: dt.date, today: dt.date, plan: Plan | None = None) -> str:
    """A date of something that has happened, after today: the one wording (deadline, web, batch)."""
    return (f"{(plan or get_plan()).events.label(event)}的日期 {day.isoformat()} 在今天（{today.isoformat()}）之后：还没有发生的事"
            f"不能用来起算期限，请核对日期。")


def _warn(plan: Plan, cal: Calendar, sched: Schedule) -> None:
    events, due_of = sched.events, {d.id: d.due for d in sched.stages}
    if sched.today is not None:
        sched.warnings += [future_event_warning(e, d, sched.today, plan) for e, d in events.items() if d > sched.today]
    if sched.administrative:
        sched.warnings.append(plan.warning)
        if "decision-known" not in events and "result-received" in events:
            sched.decision_needed = True
            sched.warnings.append(plan.decision_needed)
    for late, deadline in (("review-requested", "review-request"), ("reexam-requested", "reexam-request"),
                           ("reconsideration-filed", "reconsideration")):
        if late in events and deadline in due_of and events[late] > due_of[deadline]:
            sched.warnings.append(f"{plan.events.label(late)}的日期 {events[late].isoformat()} 晚于最后一天 "
                                  f"{due_of[deadline].isoformat()}，可能不被受理。")
    if sched.today is not None and not cal.first <= sched.today <= cal.last:
        sched.warnings.append(f"“今天”（{sched.today.isoformat()}）超出日历范围，无法计算还剩几个工作日。")
    if sched.estimated_years:
        sched.warnings.append(estimate_warning(sched.estimated_years))
    if any(d.moved_due for d in sched.stages):
        sched.warnings.append(plan.moved_note)
    if sched.complex:
        sched.warnings.append(plan.complex_note)
    if "service" in sched.tracks and "filed" in events:
        sched.warnings.append(plan.process_note)
