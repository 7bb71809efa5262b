"""Payloads of the guided flows (``choose``, ``reimburse``): the question list, one question, the outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yb_guide.knowledge.labels import FORM_LABELS, NEED_LABELS
from yb_guide.views.channels import contact_check, contact_lines, limit_text
from yb_guide.views.common import plain, source_of

if TYPE_CHECKING:  # the shapes are for readers, tests and type checkers: a start of `choose` does not build them
    from yb_guide.views.flow_shapes import (Call, ChannelBrief, ChecklistBrief, FlowQuestion, FlowQuestions, FlowResult,
                                             General, Now, Reason)


def flow_questions(k, flow_id: str) -> FlowQuestions:
    """Every question of a flow with its option ids and where each leads (``--list-questions``)."""
    flow = k.flow(flow_id)
    return {
        "flow": flow.id,
        "title": flow.title,
        "start": flow.start,
        "questions": [
            {
                "id": q.id,
                "text": q.text,
                "options": [
                    {"id": o.id, "label": o.label,
                     "next": {"question": o.next} if o.next else {"outcome": o.outcome}}
                    for o in q.options
                ],
            }
            for q in flow.questions
        ],
        "outcomes": [{"id": o.id, "title": o.title} for o in flow.outcomes],
        "example": [[flow.start, flow.question(flow.start).options[0].id]],
    }


def flow_question(position) -> FlowQuestion:
    """The question a wizard asks next (``position`` from ``flows.resolve``)."""
    flow, q = position.flow, position.asking
    return {
        "flow": flow.id,
        "title": flow.title,
        "intro": flow.intro,
        "number": len(position.path) + 1,
        "id": q.id,
        "text": q.text,
        "help": q.help,
        "options": [{"n": i, "id": o.id, "label": o.label} for i, o in enumerate(q.options, start=1)],
    }


def _channel_brief(k, channel_id: str) -> ChannelBrief:
    c = k.channel(channel_id)
    return {
        "id": c.id,
        "name": c.name,
        "summary": c.summary,
        "contact": plain(c.contact),
        "contact_lines": contact_lines(c),
        "contact_text": "；".join(contact_lines(c)),
        "contact_check": contact_check(k, c),
    }


def _checklist_brief(k, checklist_id: str, acting: bool | None = None) -> ChecklistBrief:
    """The checklist as an outcome lists it: what everyone brings, and what a person acting for a
    relative (代办) also brings: in the list for someone acting, left out for someone going
    themselves, and named apart (``acting_items``) when it is not known who goes."""
    cl = k.checklist(checklist_id)
    return {
        "id": cl.id,
        "title": cl.title,
        "items": [f"{i.item} —— {NEED_LABELS[i.need]}，{FORM_LABELS[i.form]}" for i in cl.items
                  if i.when != "acting" or acting],
        "acting_items": [i.item for i in cl.items if i.when == "acting"] if acting is None else [],
        "acting": acting,
    }


def case_facts(case) -> dict[str, str | None]:
    """What a case in the journal tells the flows (``case`` of a question in flows.yaml): whether
    someone acts for the insured person, whether a written reply came, the decision and the matter."""
    return {"acting": "yes" if case.acting else "no",
            "reply": "written" if case.events.get("result-received") else None,
            "decision": case.decision_kind, "matter": case.matter}


def case_answers(k, flow_id: str, case) -> list:
    """The answers a case gives a flow (``--case``): used where the flow asks them."""
    from yb_guide.knowledge.flows import answers_from_case

    return answers_from_case(k.flow(flow_id), case_facts(case))


def case_events(case) -> dict:
    """The dated events of a case (event id -> date), as the deadline engine reads them."""
    return {e: day for e, day in case.events.items() if day}


def case_situation(case) -> dict[str, str]:
    """The situation answers a case holds (decision, matter, rights_stated, amount), known ones only."""
    from yb_guide.cases.model import SITUATION_FIELDS

    out = {key: getattr(case, f) for f, key in SITUATION_FIELDS.items() if getattr(case, f)}
    if case.amount:
        out["amount"] = case.amount
    return out


GENERAL_TITLE = "一般建议（来自网络文章）"
GENERAL_NOTE = "下面是一篇网络文章里的一般说法，泛指各类预约和报销，不是医保的规定；以上面的医保建议为准。"


def _call(k, call) -> Call:
    """Whom to call and what to ask; a channel's contact lines (its phone) when it names one."""
    return {"who": call.who, "ask": call.ask, "channel": _channel_brief(k, call.channel) if call.channel else None}


def _reason(k, reason) -> Reason:
    """A 医保 reason: what it is, what to check first, what to do, whom to call, and what it rests on.
    Advice that rests on anything unverified says to phone first (``phone_first``)."""
    return {
        "id": reason.id, "kind": reason.kind, "title": reason.title, "explanation": reason.explanation,
        "examples": list(reason.examples), "check": list(reason.check), "do": list(reason.do),
        "contacts": [_call(k, c) for c in reason.contacts],
        "basis": [{"text": b.text, "source": source_of(k, b)} for b in reason.basis],
        "source": source_of(k, reason),
        "phone_first": None if reason.status == "verified" else {"confirm_by": k.main.scope.confirm_by},
    }


def _general(k, flow, out) -> General | None:
    """The web article's general advice (its reasons, steps, strategies and the article's own cautions),
    kept apart from the 医保 answer under its own heading."""
    reasons = [k.reason(r) for r in out.general]
    proc = k.procedure(out.procedure) if out.procedure else None
    strategies = [k.strategy(s) for s in out.strategies]
    cautions = [k.caution(c) for c in flow.cautions]
    if not (reasons or proc or strategies or cautions):
        return None
    first = [*reasons, *([proc] if proc else []), *strategies, *cautions][0]
    return {
        "title": GENERAL_TITLE,
        "note": GENERAL_NOTE,
        "reasons": [{"id": r.id, "title": r.title, "explanation": r.explanation, "examples": list(r.examples)}
                    for r in reasons],
        "procedure": {"id": proc.id, "title": proc.title, "closing": proc.closing,
                      "steps": [{"title": st.title, "text": st.text} for st in proc.steps]} if proc else None,
        "strategies": [{"id": st.id, "title": st.title, "text": st.text} for st in strategies],
        "cautions": [c.text for c in cautions],
        "source": source_of(k, first),
    }


def flow_result(k, position, *, today=None, case=None, plan=None, calendar=None, events=None) -> FlowResult:
    """The outcome screen: first what to do now, with whom and by when (``now``); then through which
    channel, why, with what, and what next.

    The reasons start with those of the answers given (the chosen options' ``because``).  What
    comes next is a list of actions (a flow with answers, a checklist, a channel, the deadline
    calculator): the command line shows them as commands, the web page as links.  ``case`` (from
    ``case_brief``) gives the dates and the situation a journal holds; ``today`` dates the steps.
    ``plan`` and ``calendar``: the deadline plan of ``k`` and the working-day calendar when the
    caller keeps them (the web page), else they are found (``get_plan``, ``get_calendar``).
    ``events``: dates the person gave with the answers (the day a decision was known)."""
    from yb_guide.knowledge.flows import ACTING

    flow, out = position.flow, position.outcome
    acting = {ACTING: True, "self": False}.get(position.fact(ACTING))
    sources = [source_of(k, out)]
    payload: FlowResult = {  # type: ignore[typeddict-item]  # ``now`` is added below
        "flow": flow.id,
        "title": flow.title,
        "answers": [
            {"question": q.id, "question_text": q.text, "option": o.id, "label": o.label}
            for q, o in position.path
        ],
        "replay": {"flow": flow.id, "answers": [list(a) for a in position.answers]},
        "outcome": {"id": out.id, "title": out.title, "summary": out.summary},
        "reasons": [o.because for _, o in position.path if o.because] + list(out.why),
        "channel": None,
        "steps": [],
        "processing_time": None,
        "corrections": [],
        "reason": None,  # the likely 医保 reason …
        "maybe": [],  # … other 医保 reasons to rule out
        "checklists": [_checklist_brief(k, c, acting) for c in out.checklists],
        "acting": acting,  # someone acts for the insured person: True, False, None (not asked)
        "case": case["id"] if case else None,
        "periods": [],
        "law_notes": [],  # advice of deadlines.yaml situation_notes for this person, one line each
        "warnings": [],  # what must be said wherever 行政复议 or 行政诉讼 appears
        "alternatives": [
            {**_channel_brief(k, alt.channel), "when": alt.when} for alt in out.alternatives
        ],
        "record": None,
        "notes": [{"title": n.title, "text": n.text} for n in map(k.note, out.notes)],
        "general": _general(k, flow, out),  # the web article's advice, never the main answer
        "handover": None,
        "next": [],
        "sources": sources,
    }
    if out.channel:
        c = k.channel(out.channel)
        payload["channel"] = _channel_brief(k, c.id)
        payload["steps"] = list(out.steps or c.steps)  # the outcome's own steps where the channel's do not fit
        payload["processing_time"] = limit_text(c.processing_time)
        payload["corrections"] = [corr.advice for corr in k.corrections_for(c.id)]
        sources.append(source_of(k, c))
    elif out.steps:  # an act with no channel of its own (行政复议): its steps
        payload["steps"] = list(out.steps)
    if out.reason:
        reason = k.reason(out.reason)
        payload["reason"] = _reason(k, reason)
        payload["steps"] = list(reason.do)
        sources.append(payload["reason"]["source"])
    payload["maybe"] = [{"id": r.id, "title": r.title, "check": list(r.check)} for r in map(k.reason, out.maybe)]
    if payload["general"]:
        sources.append(payload["general"]["source"])
    if out.periods:
        from yb_guide.schedule.deadlines import get_plan

        from yb_guide.knowledge.labels import BASIS_KIND_LABELS
        from yb_guide.schedule.situation import Situation, matches, verdict

        plan = plan or get_plan(k.data_dir)  # the same rules and numbers `ybguide deadline` computes with
        # what the answers say of the situation wins over what the case holds
        situation = Situation(**{**(case["situation"] if case else {}), **out.situation})
        for rule_id in out.periods:
            rule = plan.rule(rule_id)
            fits = verdict(rule.applies, situation, plan.simple_max)
            if fits == "skip":
                continue
            src = source_of(k, rule)
            payload["periods"].append({"id": rule.id, "track": rule.track, "title": rule.title,
                                       "text": plan.rule_text(rule), "source": src["text"], "source_detail": src,
                                       "basis": src["basis"], "status": rule.status,
                                       "condition": rule.applies.label if fits == "label" else None})
        tracks = {plan.rule(r).track for r in out.periods}
        if "administrative" in tracks:
            payload["warnings"].append(plan.warning)
        # the advice for this situation (复议前置 for a refusal) goes first, as on the deadline screen
        payload["warnings"][:0] = [f"{n.title}（{BASIS_KIND_LABELS[n.basis_kind]}）：{n.summary}"
                                   for n in plan.situation_notes
                                   if n.lead and n.track in tracks and matches(n.when, situation, plan.simple_max)]
        # the other advice for this person on these tracks (法律援助, 简易程序): one line each
        payload["law_notes"] = [n.summary for n in plan.situation_notes
                                if not n.lead and n.once is None and n.track in tracks
                                and matches(n.when, situation, plan.simple_max)]
    if events:  # dates given with the answers count as the case's would
        case = {"id": case["id"] if case else None, "situation": case["situation"] if case else {},
                "events": {**(case["events"] if case else {}), **events}}
    payload["now"] = _now(k, out, payload, today, case, plan, calendar)
    payload["now"]["also"] = [o.now for _, o in position.path if o.now]  # what an answer adds (复议机关 …)
    if out.record:
        note = k.note(out.record.note) if out.record.note else None
        payload["record"] = {
            "items": (list(note.examples) if note else []) + list(out.record.also),
            "text": note.text if note else None,
        }
    if out.handover:
        h = out.handover
        from yb_guide.knowledge.flows import parse_answers

        payload["handover"] = {"flow": h.flow, "title": k.flow(h.flow).title, "when": h.when,
                               "answers": [list(a) for a in parse_answers(h.answers)]}
    nxt = payload["next"]
    if payload["handover"]:
        h = payload["handover"]
        nxt.append({"action": "flow", "flow": h["flow"], "answers": h["answers"], "why": h["when"]})
    for cl in payload["checklists"]:
        nxt.append({"action": "checklist", "id": cl["id"], "title": cl["title"], "acting": bool(acting),
                    "why": f"查看并打印「{cl['title']}」"})
    if out.channel and not out.steps:  # a 复查 has its own steps: the channel's page would say 写投诉信
        nxt.append({"action": "channel", "id": out.channel, "why": "查看这个渠道的全部信息和注意事项"})
    # a deadline step counts the recommended channel's tracks (a letter is a 信访, not a hotline ticket)
    nxt.extend({"action": n.action, "events": list(n.events), "why": n.why, "kind": n.kind, "channel": out.channel}
               for n in out.next)
    if case and case["id"] is not None:  # the case's own next steps: its letter, its dates
        for a in nxt:
            if a["action"] in ("letter", "deadline"):
                a["case"] = case["id"]
    return payload


def case_brief(case) -> dict:
    """What an outcome reads of a case: its number, dated events and situation answers."""
    return {"id": case.id, "events": case_events(case), "situation": case_situation(case)}


def _now(k, out, payload: FlowResult, today, case, plan=None, calendar=None) -> Now:
    """The first block of an outcome: what to do now, with whom (a channel's contact, else whom to
    ask), by when and the advice for this situation that must come with it (复议前置).

    What the person must do first is the library's one decision (``schedule.next_step``): where it is
    another act than the outcome's (a written 不予报销 goes to 行政复议 first), that act leads and the
    outcome's own becomes what may be done alongside."""
    c = payload["channel"]
    if c is None and payload["reason"] and payload["reason"]["contacts"]:
        call = payload["reason"]["contacts"][0]
        c = call["channel"]
        who = call["who"]
    elif c is None and payload["alternatives"] and not out.who:
        c = payload["alternatives"][0]
        who = c["name"]
    else:
        who = c["name"] if c else None
    who = out.who or who
    from yb_guide.schedule.next_step import REASON_RULE

    step = agency = sched = None
    if _dated_at_all(out, case):  # else nothing can date a step (no case, no situation, no periods): none imported
        from yb_guide.schedule.next_step import agency_due, first_step

        plan = plan or _plan(k)
        sched, new = _schedules(k, out, today, case, plan, calendar)
        step = first_step(plan, sched) if sched else None
        agency = agency_due(plan, new) if new and out.act is None else None  # the person's own act leads alone
    by, date = _by(out, payload, step, plan or (_plan(k) if payload["periods"] else None))
    do, alongside = out.title, None
    if step is not None and step.reason == REASON_RULE and step.act != out.act:
        # another act comes first (复议前置): it leads; the outcome's own act, with its date, goes alongside
        own = next((d for d in sched.stages if d.id == out.act and not d.passed and not d.done), None)
        when = f"（{_dated(own)}）" if own else ""
        do, alongside = step.title, f"同时可以：{out.title}{when}——但它不会让{step.title}的期限停下来。"
        who, c = None, None
    needs = step.needs if step is not None and step.due is None else None
    return {"do": do, "act": step.act if step else None, "who": who, "contact": c, "by": by, "date": date,
            "alongside": alongside, "agency": _agency_text(agency), "needs": needs,
            "needs_label": plan.events.label(needs) if needs else None, "situation": dict(out.situation),
            "note": payload["warnings"][0] if payload["warnings"] else None}


def _dated_at_all(out, case) -> bool:
    """Whether anything could give this outcome's first block a date: what a case holds, what the
    answers say of the situation, the outcome's periods or its deadline step."""
    return bool(case or out.situation or out.periods or any(n.action == "deadline" for n in out.next))


def _plan(k):
    from yb_guide.schedule.deadlines import get_plan

    return get_plan(k.data_dir)


def _schedules(k, out, today, case, plan, calendar=None):
    """The schedules the first block reads (``schedule.next_step.schedule_for``): the person's, from what
    the case and the answers say (their first step); and the office's for what the outcome starts —
    a new complaint filed today (not on the case's date), else the case's own."""
    from yb_guide.calendar import workdays
    from yb_guide.schedule.next_step import schedule_for
    from yb_guide.schedule.situation import Situation

    cal = calendar or workdays.get_calendar(None)
    situation = Situation(**{**(case["situation"] if case else {}), **out.situation})
    own = schedule_for(plan, cal, dict(case["events"]) if case else {}, today=today,
                       channel=out.channel, situation=situation)
    step = next((n for n in out.next if n.action == "deadline"), None)
    if step is None or step.events != ("filed",) or today is None:
        return own, own
    return own, schedule_for(plan, cal, {"filed": today}, today=today, channel=out.channel, situation=situation)


def _dated(d) -> str:
    """「申请行政复议的最后一天：最晚 2026-12-14 周一」: a stage's last day as the first block says it."""
    from yb_guide.views.common import day

    from yb_guide.schedule.deadlines import moved_text

    when = day(d.due)
    text = (f"{d.title}：最晚 {when['date']} {when['weekday']}" + ("（推算）" if d.estimated else "")
            + "".join(f"（{x}）" for x in (d.condition,) if x))
    return text + ("；" + moved_text(d) if moved_text(d) else "")  # a 信访 day on a rest day: the moved one beside it


def _agency_text(d) -> str | None:
    """对方最晚…: an authority's legal date, never the person's step."""
    if d is None:
        return None
    from yb_guide.schedule.deadlines import moved_text
    from yb_guide.views.common import day

    when = day(d.due)
    text = f"对方最晚 {when['date']} {when['weekday']}：{d.title}" + ("（推算）" if d.estimated else "")
    return text + "".join(f"（{x}）" for x in (d.condition, moved_text(d)) if x)


def _by(out, payload: dict, step, plan) -> tuple[str | None, dict | None]:
    """By when the person acts, as a sentence, and the date when one is computed."""
    from yb_guide.views.common import day

    if step is not None and step.due is not None:
        when, text = day(step.due.due), _dated(step.due)
        if step.passed:
            text += "。" + step.passed
        return text, when
    if step is not None and (step.needs_text or step.passed):
        return step.passed or step.needs_text, None
    periods = payload["periods"]
    if periods and not out.by:
        first = next((x for x in periods if plan.rule(x["id"]).person_acts), periods[0])
        return f"{first['title']}：{first['text']}", None
    return out.by or NO_DATE, None


NO_DATE = "没有要您在哪天前办的法定期限；尽早办，记下办理的日期。"
