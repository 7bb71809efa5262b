"""Payloads of the date screens: deadlines, a working day, a month, a year, the hall's hours, a batch run."""


from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from yb_guide.views.common import day

if TYPE_CHECKING:  # declared apart; a start of `deadline` does not build them
    from yb_guide.views.date_shapes import BatchSummary, Hall, Month, NoticeImported, Workday, Year


# ---------------------------------------------------------------- the deadline payload's shape
# (``ybguide deadline``, ``--json``, the web page's deadline.html and the .ics read these keys)

class _Stage(TypedDict):
    id: str
    track: str
    title: str
    due: str  # ISO date
    weekday: str
    window_start: str | None
    extended_due: str | None
    extended_weekday: str | None
    rule: str
    source: str  # the citation in one line
    source_detail: dict  # views.common.document_source
    basis: dict | None  # {law, article} of a legal text
    status: str
    status_label: str
    checked: str | None
    estimated: bool
    after: str  # an event id or an earlier stage's id
    after_label: str
    start: str
    amount: int
    unit: str
    unit_label: str
    workdays_left: int | None
    passed: bool | None
    due_note: str | None
    done: bool
    legal: bool
    basis_kind: str
    basis_kind_label: str
    condition: str | None  # when it applies, if only in some situations
    moved_due: str | None
    moved_weekday: str | None
    moved_text: str | None  # beside the date: the moved day (信访), or why the five-year date is the last day
    capped_from: str | None  # the period's own last day, after the five-year bound (行政复议法 第二十一条)
    extended_estimated: bool
    person_acts: bool
    also: list[str]


class Stage(_Stage, total=False):
    """One due date: when, by what rule, counted from what, on what it rests; on a case's timeline
    (``case show``) also whether it matters for the case, has passed unmet, and comes next."""

    relevant: bool
    overdue: bool
    next: bool


class PendingStage(TypedDict):
    """A period that can be counted once the date it ``needs`` (an event) is given."""

    id: str
    track: str
    title: str
    needs: str
    needs_label: str
    rule: str
    condition: str | None


class SituationNote(TypedDict):
    id: str
    track: str
    title: str
    summary: str
    text: str
    lead: bool
    basis_kind: str
    basis_kind_label: str
    source: dict
    also: list[str]


class TrackNote(TypedDict):
    text: str
    source: dict


class TrackBlock(TypedDict):
    id: str
    title: str
    kind: str
    kind_label: str
    summary: str
    source: dict
    condition: str | None  # when its dates are legal ones (信访: when handled as a 信访事项)
    stages: list[Stage]
    pending: list[PendingStage]
    notes: list[TrackNote]


class SituationAnswer(TypedDict):
    question: str
    short: str
    answer: str | None
    answer_label: str


class FirstStep(TypedDict):
    """What the person must do first (``schedule.next_step.first_step``); its date is ``next``."""

    act: str  # a first step's id (reconsideration) or the rule id of the nearest act
    title: str  # 申请行政复议
    rule_based: bool  # a rule of the data decided it (复议前置), not only the nearest date
    needs: str | None  # the event whose date would date it
    needs_label: str | None
    needs_text: str | None  # what to do meanwhile
    passed: str | None  # every date it had has passed: what is still possible
    letter: str | None  # the paper it is done with (a ``ybguide letter --kind``)
    checklist: str | None  # what to bring (a checklist id)


class _Schedule(TypedDict):

    filed: str | None
    today: str | None
    complex: bool
    channel: str | None
    events: dict[str, str]  # event id -> ISO date
    event_labels: dict[str, str]
    tracks: list[TrackBlock]
    stages: list[Stage]
    pending: list[PendingStage]
    administrative: bool
    decision_needed: bool
    estimated_years: list[int]
    warnings: list[str]
    brief_warnings: list[str]
    date_warnings: list[str]  # those of ``warnings`` about a date after today: the page says them first
    situation: dict[str, SituationAnswer]
    notes: list[SituationNote]
    next: Stage | None  # the date of the person's first step
    first_step: FirstStep | None
    agency: Stage | None  # the nearest date an authority must meet (对方最晚…)


class Deadline(_Schedule, total=False):
    """Every due date of a schedule (``deadline``); the command line adds ``full`` and ``ics``.
    (Optional keys by ``total=False``, not typing.NotRequired: that is Python 3.11, ybguide runs on 3.10.)"""

    full: bool  # --full (the command line's)
    ics: str  # the calendar file written (--ics)


def deadline(sched, plan) -> Deadline:
    """Every due date of a schedule, grouped by track, each with its rule, basis, source and status."""
    from yb_guide.calendar.dates import weekday_zh
    from yb_guide.knowledge.labels import BASIS_KIND_LABELS, TRACK_KIND_LABELS, UNIT_LABELS
    from yb_guide.schedule.deadlines import future_event_warning, moved_text
    from yb_guide.views.common import document_source

    titles = {x.id: x.title for x in sched.stages}
    labels = plan.events.labels
    today = sched.today

    def source(ref, fact):
        return document_source(plan.documents[ref.doc], ref, fact.status, fact.checked, today)

    stages: list[Stage] = []
    for s in sched.stages:
        src = document_source(plan.documents[s.source.doc], s.source, s.status, s.checked, today)
        stages.append({
            "id": s.id, "track": s.track, "title": s.title,
            "due": s.due.isoformat(), "weekday": weekday_zh(s.due),
            "window_start": s.window_start.isoformat() if s.window_start else None,
            "extended_due": s.extended_due.isoformat() if s.extended_due else None,
            "extended_weekday": weekday_zh(s.extended_due) if s.extended_due else None,
            "rule": s.rule, "source": src["text"], "source_detail": src, "basis": src["basis"],
            "status": s.status, "status_label": src["status_label"], "checked": src["checked"],
            "estimated": s.estimated, "after": s.after,
            "after_label": labels.get(s.after) or titles.get(s.after, s.after),
            "start": s.start.isoformat(), "amount": s.amount, "unit": s.unit, "unit_label": UNIT_LABELS[s.unit],
            "workdays_left": s.workdays_left, "passed": s.passed, "due_note": s.note, "done": s.done,
            "legal": plan.track(s.track).kind == "legal", "basis_kind": s.basis_kind,
            "basis_kind_label": BASIS_KIND_LABELS[s.basis_kind], "condition": s.condition,
            "moved_due": s.moved_due.isoformat() if s.moved_due else None,
            "moved_weekday": weekday_zh(s.moved_due) if s.moved_due else None,
            "moved_text": moved_text(s),
            "capped_from": s.capped_from.isoformat() if s.capped_from else None,
            "extended_estimated": s.extended_estimated, "person_acts": s.person_acts,
            "also": [plan.cite(ref) for ref in s.also],
        })
    known = set(sched.events)
    before: dict[str, set[str]] = {}
    for a, b in plan.events.order:
        if not plan.events.optional(a):  # a date that may stay unknown never holds the next step back
            before.setdefault(b, set()).add(a)
    # Only what can come next: a period whose event could happen now (not one three steps away).
    pending: list[PendingStage] = [{"id": p.id, "track": p.track, "title": p.title, "needs": p.needs, "needs_label": labels[p.needs],
                "rule": p.rule, "condition": p.condition}
               for p in sched.pending if not before.get(p.needs) or before[p.needs] & known]
    notes: list[SituationNote] = [{"id": n.id, "track": n.track, "title": n.title, "summary": n.summary, "text": n.text, "lead": n.lead,
              "basis_kind": n.basis_kind, "basis_kind_label": BASIS_KIND_LABELS[n.basis_kind],
              # an inference from checked articles: the articles are shown as checked, the reading is
              # labelled by basis_kind (本工具的推论) and stays unverified in ``sources``
              "source": document_source(plan.documents[n.source.doc], n.source, "articles-checked", n.articles_checked, today)
              if n.articles_checked else source(n.source, n),
              "also": [plan.cite(ref) for ref in n.also]} for n in sched.notes]
    tracks: list[TrackBlock] = []
    for track_id in sched.tracks:
        t = plan.track(track_id)
        tracks.append({
            "id": t.id, "title": t.title, "kind": t.kind, "kind_label": TRACK_KIND_LABELS[t.kind],
            "summary": t.summary, "source": source(t.source, t),
            "condition": t.condition if sched.channel not in t.plain_for else None,  # on its stages too
            "stages": sorted((x for x in stages if x["track"] == t.id), key=lambda x: x["due"]),
            "pending": [p for p in pending if p["track"] == t.id],
            "notes": [{"text": n.text, "source": source(n.source, n)} for n in plan.notes if n.track == t.id],
        })
    return {
        "filed": sched.filed.isoformat() if sched.filed else None,
        "today": today.isoformat() if today else None,
        "complex": sched.complex,
        "channel": sched.channel,
        "events": {key: value.isoformat() for key, value in sched.events.items()},
        "event_labels": {key: labels[key] for key in sched.events},
        "tracks": tracks,
        "stages": stages,
        "pending": pending,
        "administrative": sched.administrative,
        "decision_needed": sched.decision_needed,
        "estimated_years": sched.estimated_years,
        "warnings": sched.warnings,
        # the short screen's: the moved-day note stands beside each such date, the process note is detail
        "brief_warnings": _brief(sched, plan),
        "date_warnings": [future_event_warning(e, d, today, plan) for e, d in sched.events.items() if today and d > today],
        "situation": situation_payload(sched.situation, plan),
        "notes": notes,
        **first_step(sched, plan, stages),
    }


def _brief(sched, plan) -> list[str]:
    """The warnings of the short screen: shorter wordings; the moved-day note stands beside each such
    date, the process note is detail (--full)."""
    from yb_guide.schedule.deadlines import estimate_brief, estimate_warning

    shorter = {plan.warning: plan.warning_brief}
    if sched.estimated_years:
        shorter[estimate_warning(sched.estimated_years)] = estimate_brief(sched.estimated_years)
    # the complex-case note too: the heading already says 复杂案件
    return [shorter.get(w, w) for w in sched.warnings
            if w not in (plan.moved_note, plan.process_note, plan.complex_note)]


def situation_payload(situation, plan) -> dict[str, SituationAnswer]:
    """Each question about the person's situation with their answer (不知道 when not given)."""
    out: dict[str, SituationAnswer] = {}
    for q in plan.situation:
        answer = getattr(situation, q.id)
        label = next((o.label for o in q.options if o.id == answer), q.unknown_label)
        out[q.id] = {"question": q.label, "short": q.short, "answer": answer, "answer_label": label}
    out["amount"] = {"question": "争议金额", "short": "争议金额", "answer": situation.amount,
                     "answer_label": f"{situation.amount}元" if situation.amount else "不知道"}
    return out


def first_step(sched, plan, stages: list[Stage]) -> dict:
    """``next``, ``first_step`` and ``agency`` of the payload: the person's first act
    (``schedule.next_step``), its stage as shown, and the authority's nearest date."""
    from yb_guide.schedule.next_step import REASON_RULE, agency_due, first_step as decide

    def shown(d):
        return next((s for s in stages if s["id"] == d.id), None) if d else None

    step, first = decide(plan, sched), None
    if step:  # the library's Step as the payload shows it (FirstStep)
        first = {key: getattr(step, key) for key in ("act", "title", "needs", "needs_text", "passed", "letter", "checklist")}
        first.update(rule_based=step.reason == REASON_RULE, needs_label=plan.events.label(step.needs) if step.needs else None)
    return {"next": shown(step.due) if step else None, "first_step": first, "agency": shown(agency_due(plan, sched))}


def workday(cal, d: dt.date, n: int | None) -> Workday:
    """A day, and the N-th working day from it, as the law counts (a local closure is a working day)."""
    from yb_guide.calendar.workdays import CLOSURE, DAY_KIND_LABELS

    kind = cal.kind(d)
    out: Workday = {
        **day(d),  # type: ignore[typeddict-item]
        "workday": cal.is_workday(d, statutory=True),
        "kind": DAY_KIND_LABELS[kind],
        "name": cal.name(d) if cal.name(d) != DAY_KIND_LABELS[kind] else None,
        "estimated": cal.is_estimated(d),
        "office_closed": kind == CLOSURE,
        "estimated_years": cal.estimated_years(d, d),  # a late-December day: the next year's notice
    }
    if n is not None:
        result = cal.add_workdays(d, n, statutory=True)
        out["n"] = n
        out["result"] = day(result)
        out["result_office_closed"] = cal.kind(result) == CLOSURE
        out["day_estimated"] = out["estimated"]
        out["estimated"] = bool(cal.estimated_years(d, result))
        out["estimated_years"] = cal.estimated_years(d, result)
    return out


def month(cal, year: int, month: int) -> Month:
    from yb_guide.calendar.dates import weekday_zh
    from yb_guide.calendar.notice import pending_note
    from yb_guide.calendar.workdays import HOLIDAY, DAY_KIND_LABELS

    days = [{"date": d.isoformat(), "day": d.day, "weekday": weekday_zh(d), "workday": cal.is_workday(d),
             "kind": DAY_KIND_LABELS[kind], "name": name,
             # a weekend inside a holiday break (国庆 10月1日至7日放假) is part of the break
             "in_break": kind != HOLIDAY and cal.in_holiday_break(d)}
            for d, kind, name in cal.days_in(year, month)]
    return {"year": year, "month": month, "official": not cal.is_estimated(dt.date(year, month, 1)),
            "first_weekday": dt.date(year, month, 1).weekday(), "days": days,
            "workdays": sum(1 for x in days if x["workday"]),
            "late_note": pending_note(cal, year) if month == 12 else None}


def year(cal, year: int) -> Year:
    from yb_guide.calendar.notice import pending_note
    from yb_guide.calendar.workdays import CLOSURE, HOLIDAY, MAKEUP

    groups: dict[int, list] = {HOLIDAY: [], MAKEUP: [], CLOSURE: []}
    workdays = 0
    for d, kind, name in cal.days_in(year):
        if kind in groups:
            groups[kind].append({**day(d), "name": name})
        workdays += cal.is_workday(d)
    breaks = [{"name": name, "start": day(first), "end": day(last), "days": (last - first).days + 1}
              for first, last, name in cal.breaks(year)]
    return {"year": year, "official": not cal.is_estimated(dt.date(year, 1, 1)), "breaks": breaks,
            "holidays": groups[HOLIDAY], "makeup_workdays": groups[MAKEUP], "closures": groups[CLOSURE],
            "workdays": workdays, "late_note": pending_note(cal, year)}


def hall(h) -> Hall:
    return {
        "on": h.on.isoformat(),
        "at": h.at.strftime("%H:%M") if h.at else None,
        "hours": f"{h.opens}-{h.closes}" if h.opens and h.closes else None,
        "open_that_day": h.open_that_day,
        "open_now": h.open_now,
        "next_open": day(h.next_open),
        "estimated": h.estimated,
        "text": hall_text(h),
        "notes": list(h.notes),
        "contact_check": None if h.hours_status == "verified" else {"status": h.hours_status, "confirm_by": h.confirm_by},
    }


def hall_text(h) -> str:
    """Whether the hall is open that day (and now), and when it next opens, in one sentence."""
    from yb_guide.calendar.dates import show

    hours = f" {h.opens}-{h.closes} " if h.opens and h.closes else ""
    if h.open_that_day:
        text = f"{show(h.on)} 是工作日，服务大厅{hours}开放"
        if h.day_name:
            text += f"（{h.day_name}）"
        if h.open_now is False:
            text += "；现在不在办公时间"
    else:
        why = f"（{h.day_name}）" if h.day_name else "（周末）"
        text = f"{show(h.on)} 不是工作日{why}，服务大厅不开放"
    if h.next_open != h.on:
        text += f"。下一个开放日：{show(h.next_open)}{hours.rstrip()}"
    if not hours and h.hours_text:
        text += f"（办公时间：{h.hours_text}）"
    return text + "。" + ("（推算：放假安排以国务院的通知为准）" if h.estimated else "")  # on a paper too


def batch_summary(summary, out: str | None) -> BatchSummary:
    """What a batch run wrote: how many rows, how many with an error (the first few by line), the
    encodings, and where the result is."""
    from yb_guide.schedule.batch import ADDED_COLUMNS
    from yb_guide.schedule.encodings import ENCODING_LABELS

    def label(encoding: str) -> str:
        return ENCODING_LABELS.get(encoding, encoding)

    head = f"已写出 {summary.written} 行" + (f"，其中 {summary.bad} 行有错误" if summary.bad else "")
    head += f"（输入编码：{label(summary.encoding)}；输出编码：{label(summary.out_encoding)}）"
    lines = [head + (f"，结果在 {out}" if out not in (None, "-") else "") + "。"]
    lines += [f"第{line}行有错误：{message}" for line, message in summary.errors]
    if summary.bad > len(summary.errors):
        lines.append(f"……另有 {summary.bad - len(summary.errors)} 行有错误，未在这里列出。")
    if summary.bad:
        lines.append(f"有错误的行照原样写出，日期空着，「{ADDED_COLUMNS['error']}」列写明了原因；改正原表后可以再算一次。")
    if summary.ics_file:
        lines.append(f"已把 {summary.ics_events} 个法定期限写入日历 {summary.ics_file}（每个提前 7 天和前一个工作日提醒）"
                     + (f"；已过的 {summary.ics_passed} 个没有写入" if summary.ics_passed else "") + "。")
    return {"written": summary.written, "bad": summary.bad, "encoding": summary.encoding,
            "out_encoding": summary.out_encoding, "columns": summary.columns,
            "errors": [{"line": n, "message": m} for n, m in summary.errors], "out": out,
            "ics": summary.ics_file, "ics_events": summary.ics_events, "ics_passed": summary.ics_passed, "lines": lines}


def notice_imported(notice, path: str) -> NoticeImported:
    """What ``calendar import`` read from a holiday notice and where it keeps it."""
    return {"year": notice.year, "title": notice.title, "number": notice.number, "file": path,
            "holidays": [{**day(d), "name": name} for d, name in notice.holidays],
            "makeup_workdays": [{**day(d), "name": name} for d, name in notice.workdays],
            "later": list(notice.later), "changed": [
                {**day(c.date), "before": c.before, "after": c.after, "name": c.name, "source": c.source}
                for c in notice.changes]}
