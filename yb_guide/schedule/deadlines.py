"""Due dates of a complaint's stages, from the rules in data/deadlines.yaml.

Period rules (README, section 期限怎么算):
- N working days after an event: the event day is not counted (民法典 第201条);
  the due date is the N-th working day after it.
- N calendar days or months after an event: the event day is not counted; a
  month period ends on the same day of the month, or the month's last day
  (第202条); if the last day is not a working day it moves to the next working
  day (第203条; 民事诉讼法 第85条).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from yb_guide.calendar.dates import add_months
from yb_guide.base.errors import UnknownIdError, UserError
from yb_guide.calendar.workdays import MAKEUP, Calendar
from yb_guide.knowledge.labels import EVENT_LABELS



@dataclass(frozen=True)
class Period:
    after: str
    amount: int
    unit: str  # workday | day | month
    rule: str  # in words; {n} is the amount, {min} the window's start
    source: str
    complex_amount: int | None = None
    complex_rule: str | None = None
    window_min: int | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    period: Period
    channel: str | None = None  # only for complaints made through this channel
    instead: Period | None = None  # replaces ``period`` when its event is known

    def text(self) -> str:
        """The rule in words, with its numbers."""
        return self.period.rule.format(n=self.period.amount, min=self.period.window_min)


@dataclass(frozen=True)
class Plan:
    """The deadline rules resolved from data/*.yaml into plain values: all ``compute`` needs.

    It is small and cached (keyed by the data files), so ``ybguide deadline`` need not load
    and validate the whole knowledge base on every start."""

    rules: tuple[Rule, ...]
    channels: tuple[str, ...]
    process_note: str
    complex_note: str

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise UnknownIdError("期限规则", rule_id, [r.id for r in self.rules])


def make_plan(k) -> Plan:
    """Resolve the rules of ``data/deadlines.yaml`` against the knowledge base."""
    rules = []
    for r in k.deadlines.rules:
        if r.process_stage:  # the numbers live in one place: channels.yaml's process table
            limit = k.stage(r.process_stage).limit
            amount, complex_amount, unit, window = limit.max, limit.complex_max, limit.unit, None
        else:
            amount, complex_amount, unit, window = r.amount, r.complex_amount, r.unit, r.window_min
        period = Period(after=r.after, amount=amount, unit=unit, rule=r.rule, source=k.cite(r.source),
                        complex_amount=complex_amount, complex_rule=r.rule_complex, window_min=window)
        instead = None
        if r.instead:
            i = r.instead
            instead = Period(after=i.after, amount=i.amount, unit=i.unit, rule=i.rule, source=k.cite(i.source))
        rules.append(Rule(id=r.id, title=r.title, period=period, channel=r.channel, instead=instead))
    return Plan(rules=tuple(rules), channels=tuple(c.id for c in k.channels),
                process_note=k.main.process.note, complex_note=k.deadlines.complex_note)


def get_plan(data_dir=None) -> Plan:
    from yb_guide.base import cache
    from yb_guide.base.paths import data_dir as default_dir, data_files

    d = data_dir or default_dir()

    def build() -> Plan:
        from yb_guide.knowledge import loader as knowledge

        return make_plan(knowledge.get(d))

    return cache.cached("plan", cache.files_key(data_files(d), "plan"), build,
                        valid=lambda p: isinstance(p, Plan))


@dataclass
class Due:
    id: str
    title: str
    due: dt.date
    rule: str
    source: str
    after: str  # the event or stage it runs from
    start: dt.date  # the date it runs from
    amount: int
    unit: str
    estimated: bool
    window_start: dt.date | None = None
    workdays_left: int | None = None  # from "today" to the due date; negative once passed
    passed: bool = False
    note: str | None = None  # e.g. 调休上班日: a Saturday due date looks like a mistake without it


@dataclass
class Schedule:
    filed: dt.date
    today: dt.date | None
    complex: bool
    channel: str | None
    events: dict[str, dt.date]
    stages: list[Due] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    estimated_years: list[int] = field(default_factory=list)


def period_end(cal: Calendar, start: dt.date, amount: int, unit: str) -> dt.date:
    """The last day of a period of ``amount`` ``unit`` running from ``start``."""
    if unit == "workday":
        return cal.add_workdays(start, amount)
    if unit == "day":
        end = start + dt.timedelta(days=amount)
    elif unit == "month":
        end = add_months(start, amount)
    else:  # pragma: no cover - the schema allows only the three units
        raise ValueError(unit)
    return cal.next_workday(cal.check(end, "截止日期"))


def _check_order(events: dict[str, dt.date]) -> None:
    """Later events cannot come before earlier ones."""
    order = [("filed", "result-received"), ("result-received", "review-filed"),
             ("result-received", "reconsideration-decided"), ("filed", "review-filed"),
             ("filed", "reconsideration-decided")]
    for before, after in order:
        if before in events and after in events and events[after] < events[before]:
            raise UserError(
                f"日期顺序不对：{EVENT_LABELS[after]}（{events[after].isoformat()}）"
                f"早于{EVENT_LABELS[before]}（{events[before].isoformat()}）。",
                hint="请检查日期；后发生的事不能早于先发生的事",
            )


def estimate_warning(years: list[int]) -> str:
    ys = "、".join(str(y) for y in years)
    return (f"{ys}年的官方放假安排尚未公布（国务院通常在上一年11月左右发布），"
            f"涉及这些年份的日期是按往年规律推算的，可能相差几天；标有“推算”的日期请到时再核对。")


def compute(plan: Plan, cal: Calendar, filed: dt.date, *, today: dt.date | None,
            complex_case: bool = False, channel: str | None = None,
            result_received: dt.date | None = None, review_filed: dt.date | None = None,
            reconsideration_decided: dt.date | None = None) -> Schedule:
    """Every stage's due date for a complaint filed on ``filed``."""
    events = {"filed": filed}
    for key, value in (("result-received", result_received), ("review-filed", review_filed),
                       ("reconsideration-decided", reconsideration_decided)):
        if value is not None:
            events[key] = value
    for key, value in events.items():
        cal.check(value, EVENT_LABELS[key] + "日期")
    _check_order(events)
    if channel is not None and channel not in plan.channels:
        raise UnknownIdError("渠道", channel, list(plan.channels))

    sched = Schedule(filed=filed, today=today, complex=complex_case, channel=channel, events=events)
    known: dict[str, dt.date] = dict(events)
    for rule in plan.rules:
        if rule.channel and rule.channel != channel:
            continue
        p = rule.instead if rule.instead and rule.instead.after in known else rule.period
        if p.after not in known:
            continue  # runs from an event the user has not given (e.g. no result yet)
        amount, text = p.amount, p.rule
        if complex_case and p.complex_amount:
            amount, text = p.complex_amount, p.complex_rule or p.rule
        start = known[p.after]
        due = period_end(cal, start, amount, p.unit)
        window = cal.add_workdays(start, p.window_min) if p.window_min else None
        known[rule.id] = due
        years = cal.estimated_years(filed, due)
        item = Due(
            id=rule.id, title=rule.title, due=due, rule=text.format(n=amount, min=p.window_min),
            source=p.source, after=p.after, start=start, amount=amount, unit=p.unit,
            estimated=bool(years), window_start=window,
            note="调休上班日" if cal.kind(due) == MAKEUP else None,
        )
        if today is not None and cal.first <= today <= cal.last:
            item.workdays_left = cal.workdays_between(today, due)
            item.passed = due < today
        sched.stages.append(item)
        for y in years:
            if y not in sched.estimated_years:
                sched.estimated_years.append(y)
    sched.estimated_years.sort()
    due_of = {d.id: d.due for d in sched.stages}
    if review_filed is not None and "review-apply" in due_of and review_filed > due_of["review-apply"]:
        sched.warnings.append(f"提交复核申请的日期 {review_filed.isoformat()} 晚于申请复核的最后一天 "
                              f"{due_of['review-apply'].isoformat()}，复核申请可能不被受理。")
    if today is not None and not cal.first <= today <= cal.last:
        sched.warnings.append(f"“今天”（{today.isoformat()}）超出日历范围，无法计算还剩几个工作日。")
    if sched.estimated_years:
        sched.warnings.append(estimate_warning(sched.estimated_years))
    if complex_case:
        sched.warnings.append(plan.complex_note)
    sched.warnings.append(plan.process_note)
    return sched
