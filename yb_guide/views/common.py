"""Payloads: the plain data each command prints (as JSON, or rendered by ``render``).

Pure functions from the knowledge base to dicts; no printing, no rich.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from yb_guide.base.paths import DATA_FILES

if TYPE_CHECKING:  # importing knowledge costs ~20 ms; the date views do not need it
    from yb_guide.knowledge.loader import Channel, Checklist, Faq, Knowledge, SourceRef, TimeLimit

KIND_LABELS = {
    "phone": "电话", "online": "线上", "on-site": "现场", "mail": "书面", "report": "举报",
}
FORM_LABELS = {
    "original": "原件", "copy": "复印件", "original-and-copy": "原件和复印件", "card": "卡",
    "info": "信息", "electronic": "电子版（照片/扫描件/截图）", "document": "书面材料",
}
NEED_LABELS = {"required": "必备", "recommended": "建议"}
UNIT_LABELS = {"workday": "个工作日", "day": "日", "month": "个月"}
CONTACT_LABELS = {
    "phone": "电话", "website": "网址", "app": "APP", "wechat": "微信公众号", "entry": "入口",
    "address": "地址", "recipient": "收件人", "postcode": "邮编", "hours": "办公时间",
}


def plain(obj):
    """Dataclasses, tuples and dates to JSON-able data (None fields dropped)."""
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            if f.name.startswith("_"):
                continue
            value = getattr(obj, f.name)
            if value is None or value == ():
                continue
            out[f.name] = plain(value)
        return out
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def source_text(k: Knowledge, ref: SourceRef) -> str:
    return k.cite(ref)


def source_payload(k: Knowledge, ref: SourceRef, checked: dt.date | None = None) -> dict:
    doc = k.document(ref.doc)
    out = {"doc": ref.doc, "title": doc.title, "section": ref.section, "text": source_text(k, ref)}
    if doc.file:
        out["file"] = doc.file
    if doc.url:
        out["url"] = doc.url
    if checked:
        out["checked"] = checked.isoformat()
    return out


def limit_text(limit: TimeLimit | None) -> str | None:
    return limit.text if limit else None


def contact_lines(channel: Channel) -> list[str]:
    c = plain(channel.contact)
    return [f"{CONTACT_LABELS[key]}：{value}" for key, value in c.items() if key in CONTACT_LABELS]


def channel_row(k: Knowledge, c: Channel) -> dict:
    return {
        "id": c.id,
        "name": c.name,
        "kind": c.kind,
        "kind_label": KIND_LABELS[c.kind],
        "group": c.group,
        "summary": c.summary,
        "use_when": list(c.use_when),
        "contact": plain(c.contact),
        "contact_lines": contact_lines(c),
        "contact_text": "；".join(contact_lines(c)),
        "processing_time": limit_text(c.processing_time),
    }


def channels_list(k: Knowledge) -> dict:
    return {"channels": [channel_row(k, c) for c in k.channels]}


def channel_detail(k: Knowledge, channel_id: str) -> dict:
    c = k.channel(channel_id)
    out = channel_row(k, c)
    out.update({
        "description": c.description,
        "advantages": list(c.advantages),
        "steps": list(c.steps),
        "notes": list(c.notes),
        "processing_time_detail": plain(c.processing_time) if c.processing_time else None,
        "checklist": checklist_detail(k, c.checklist) if c.checklist else None,
        "corrections": [
            {
                "id": corr.id, "field": corr.field, "document_says": corr.document_says,
                "corrected": corr.corrected, "advice": corr.advice,
                "source": source_payload(k, corr.source, corr.checked),
            }
            for corr in k.corrections_for(c.id)
        ],
        "source": source_payload(k, c.source, c.checked),
    })
    return out


def checklist_detail(k: Knowledge, checklist_id: str) -> dict:
    cl: Checklist = k.checklist(checklist_id)
    items = []
    for item in cl.items:
        ref = item.source or cl.source
        items.append({
            "item": item.item,
            "form": item.form,
            "form_label": FORM_LABELS[item.form],
            "need": item.need,
            "need_label": NEED_LABELS[item.need],
            "why": item.why,
            "source": source_text(k, ref),
        })
    return {
        "id": cl.id,
        "title": cl.title,
        "purpose": cl.purpose,
        "channel": cl.channel,
        "channel_name": k.channel(cl.channel).name if cl.channel else None,
        "items": items,
        "notes": list(cl.notes),
        "source": source_payload(k, cl.source, cl.checked),
    }


def checklist_markdown(payload: dict) -> str:
    """A printable Markdown version of a checklist payload."""
    lines = [f"# {payload['title']}", "", payload["purpose"], ""]
    for item in payload["items"]:
        lines.append(f"- [ ] **{item['item']}**（{item['form_label']}，{item['need_label']}）：{item['why']}")
    if payload.get("hall_hours"):
        lines += ["", f"**什么时候去：** {payload['hall_hours']['text']}"]
    if payload["notes"]:
        lines += ["", "## 注意"] + [f"- {n}" for n in payload["notes"]]
    lines += ["", f"来源：{payload['source']['text']}（核对于 {payload['source']['checked']}）", ""]
    return "\n".join(lines)


def _faq_entry(k: Knowledge, number: int, f: Faq) -> dict:
    out = {
        "n": number,
        "id": f.id,
        "question": f.question,
        "answer": f.answer,
        "tags": list(f.tags),
        "source": source_payload(k, f.source, f.checked),
    }
    if f.procedure:
        p = k.procedure(f.procedure)
        out["steps"] = [{"title": s.title, "text": s.text} for s in p.steps]
        if p.closing:
            out["closing"] = p.closing
    return out


def _matches(entry: dict, query: str) -> bool:
    q = query.strip().lower()
    hay = [entry["question"], entry["answer"], *entry["tags"],
           *(s["title"] + s["text"] for s in entry.get("steps", [])), entry.get("closing", "")]
    return any(q in h.lower() for h in hay)


def faq_list(k: Knowledge, query: str | None = None) -> dict:
    entries = [_faq_entry(k, i, f) for i, f in enumerate(k.faqs, start=1)]
    if query:
        entries = [e for e in entries if _matches(e, query)]
    return {"query": query, "count": len(entries), "faq": entries}


def faq_one(k: Knowledge, which: str) -> dict:
    """One FAQ by its number (as listed) or its id."""
    from yb_guide.base.errors import UnknownIdError

    faqs = list(k.faqs)
    if which.strip().isdigit():
        n = int(which)
        if 1 <= n <= len(faqs):
            return _faq_entry(k, n, faqs[n - 1])
    for i, f in enumerate(faqs, start=1):
        if f.id == which:
            return _faq_entry(k, i, f)
    raise UnknownIdError("问答", which, [str(i) for i in range(1, len(faqs) + 1)] + [f.id for f in faqs])


def data_check(k: Knowledge, overrides=None) -> dict:
    """What ``data check`` found; ``overrides`` is the folder's calendar.yaml, if it has one."""
    counts = k.counts()
    files = [str(k.data_dir / name) for name in DATA_FILES]
    if overrides is not None:
        files.append(str(k.data_dir / "calendar.yaml"))
        counts["calendar_days"] = len(overrides.holidays) + len(overrides.workdays) + len(overrides.closures)
    return {
        "ok": True,
        "data_dir": str(k.data_dir),
        "files": files,
        "counts": counts,
        "channels": [c.id for c in k.channels],
        "checklists": [c.id for c in k.checklists],
    }


# ---------------------------------------------------------------- dates


def _day(d: dt.date | None) -> dict | None:
    if d is None:
        return None
    from yb_guide.calendar.dates import weekday_zh

    return {"date": d.isoformat(), "weekday": weekday_zh(d)}


def deadline_payload(sched) -> dict:
    from yb_guide.calendar.dates import weekday_zh
    from yb_guide.schedule.deadlines import EVENT_LABELS

    stages = []
    for s in sched.stages:
        stages.append({
            "id": s.id,
            "title": s.title,
            "due": s.due.isoformat(),
            "weekday": weekday_zh(s.due),
            "window_start": s.window_start.isoformat() if s.window_start else None,
            "rule": s.rule,
            "source": s.source,
            "estimated": s.estimated,
            "after": s.after,
            "after_label": EVENT_LABELS.get(s.after, next((x.title for x in sched.stages if x.id == s.after), s.after)),
            "start": s.start.isoformat(),
            "amount": s.amount,
            "unit": s.unit,
            "workdays_left": s.workdays_left,
            "passed": s.passed,
            "due_note": s.note,
        })
    return {
        "filed": sched.filed.isoformat(),
        "today": sched.today.isoformat(),
        "complex": sched.complex,
        "channel": sched.channel,
        "events": {k: v.isoformat() for k, v in sched.events.items()},
        "stages": stages,
        "estimated_years": sched.estimated_years,
        "warnings": sched.warnings,
    }


def workday_payload(cal, d: dt.date, n: int | None) -> dict:
    from yb_guide.calendar.workdays import KIND_LABELS

    kind = cal.kind(d)
    out = {
        **_day(d),
        "workday": cal.is_workday(d),
        "kind": KIND_LABELS[kind],
        "name": cal.name(d) if cal.name(d) != KIND_LABELS[kind] else None,
        "estimated": cal.is_estimated(d),
    }
    if n is not None:
        result = cal.add_workdays(d, n)
        out["n"] = n
        out["result"] = _day(result)
        out["estimated"] = bool(cal.estimated_years(d, result))
    return out


def month_payload(cal, year: int, month: int) -> dict:
    from yb_guide.calendar.dates import weekday_zh
    from yb_guide.calendar.workdays import HOLIDAY, KIND_LABELS

    days = [{"date": d.isoformat(), "day": d.day, "weekday": weekday_zh(d), "workday": cal.is_workday(d),
             "kind": KIND_LABELS[kind], "name": name,
             # a weekend inside a holiday break (国庆 10月1日至7日放假) is part of the break
             "in_break": not cal.is_workday(d) and kind != HOLIDAY and _in_holiday_break(cal, d)}
            for d, kind, name in cal.days_in(year, month)]
    return {"year": year, "month": month, "official": not cal.is_estimated(dt.date(year, month, 1)),
            "first_weekday": dt.date(year, month, 1).weekday(), "days": days,
            "workdays": sum(1 for x in days if x["workday"])}


def _in_holiday_break(cal, d: dt.date) -> bool:
    """Whether the run of rest days around ``d`` contains a holiday."""
    from yb_guide.calendar.workdays import HOLIDAY

    for step in (-1, 1):
        x = d
        while cal.first <= x + dt.timedelta(days=step) <= cal.last:
            x += dt.timedelta(days=step)
            if cal.is_workday(x):
                break
            if cal.kind(x) == HOLIDAY:
                return True
    return False


def year_payload(cal, year: int) -> dict:
    from yb_guide.calendar.workdays import CLOSURE, HOLIDAY, MAKEUP

    groups: dict[int, list] = {HOLIDAY: [], MAKEUP: [], CLOSURE: []}
    workdays = 0
    for d, kind, name in cal.days_in(year):
        if kind in groups:
            groups[kind].append({**_day(d), "name": name})
        workdays += cal.is_workday(d)
    return {"year": year, "official": not cal.is_estimated(dt.date(year, 1, 1)),
            "holidays": groups[HOLIDAY], "makeup_workdays": groups[MAKEUP], "closures": groups[CLOSURE],
            "workdays": workdays}


def hall_payload(h) -> dict:
    return {
        "on": h.on.isoformat(),
        "at": h.at.strftime("%H:%M") if h.at else None,
        "hours": f"{h.opens}-{h.closes}",
        "open_that_day": h.open_that_day,
        "open_now": h.open_now,
        "next_open": _day(h.next_open),
        "estimated": h.estimated,
        "text": h.text,
        "notes": list(h.notes),
    }


def batch_summary(summary, out: str | None) -> dict:
    lines = [f"已写出 {summary.written} 行，跳过 {summary.skipped} 行（输入编码：{summary.encoding}）"
             + (f"，结果在 {out}" if out not in (None, "-") else "") + "。"]
    lines += [f"第{line}行已跳过：{message}" for line, message in summary.errors]
    if summary.skipped > len(summary.errors):
        lines.append(f"……另有 {summary.skipped - len(summary.errors)} 行错误未列出。")
    return {"written": summary.written, "skipped": summary.skipped, "encoding": summary.encoding,
            "columns": summary.columns, "errors": [{"line": n, "message": m} for n, m in summary.errors],
            "out": out, "lines": lines}
# ---------------------------------------------------------------- guided flows (choose, reimburse)


def flow_questions(k: Knowledge, flow_id: str) -> dict:
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
        "example": f"ybguide {flow.id} --answer {flow.start}={flow.question(flow.start).options[0].id}",
    }


def flow_question(position) -> dict:
    """The question a wizard asks next (``position`` from ``flows.resolve``)."""
    flow, q = position.flow, position.question
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


def _channel_brief(k: Knowledge, channel_id: str) -> dict:
    c = k.channel(channel_id)
    return {
        "id": c.id,
        "name": c.name,
        "summary": c.summary,
        "contact": plain(c.contact),
        "contact_lines": contact_lines(c),
        "contact_text": "；".join(contact_lines(c)),
    }


def _checklist_brief(k: Knowledge, checklist_id: str) -> dict:
    cl = k.checklist(checklist_id)
    return {
        "id": cl.id,
        "title": cl.title,
        "items": [f"{i.item} —— {NEED_LABELS[i.need]}，{FORM_LABELS[i.form]}" for i in cl.items],
        "command": f"ybguide checklist {cl.id}",
    }


def flow_result(k: Knowledge, position) -> dict:
    """The outcome screen: what to do, through which channel, why, with what, and what next.

    The reasons start with those of the answers given (the chosen options' ``because``)."""
    from yb_guide.knowledge.flows import command_for

    flow, out = position.flow, position.outcome
    sources = [source_payload(k, out.source, out.checked)]
    payload: dict = {
        "flow": flow.id,
        "title": flow.title,
        "answers": [
            {"question": q.id, "question_text": q.text, "option": o.id, "label": o.label}
            for q, o in position.path
        ],
        "replay": command_for(flow.id, position.answers),
        "outcome": {"id": out.id, "title": out.title, "summary": out.summary},
        "reasons": [o.because for _, o in position.path if o.because] + list(out.why),
        "channel": None,
        "steps": [],
        "processing_time": None,
        "corrections": [],
        "reason": None,
        "procedure": None,
        "strategies": [],
        "checklists": [_checklist_brief(k, c) for c in out.checklists],
        "periods": [],
        "alternatives": [
            {**_channel_brief(k, alt.channel), "when": alt.when} for alt in out.alternatives
        ],
        "record": None,
        "notes": [{"title": n.title, "text": n.text} for n in map(k.note, out.notes)],
        "cautions": [k.caution(c).text for c in flow.cautions],
        "handover": None,
        "next": [],
        "sources": sources,
    }
    if out.channel:
        c = k.channel(out.channel)
        payload["channel"] = _channel_brief(k, c.id)
        payload["steps"] = list(c.steps)
        payload["processing_time"] = limit_text(c.processing_time)
        payload["corrections"] = [corr.advice for corr in k.corrections_for(c.id)]
        sources.append(source_payload(k, c.source, c.checked))
    if out.reason:
        reason = k.reason(out.reason)
        payload["reason"] = {"id": reason.id, "title": reason.title,
                             "explanation": reason.explanation, "examples": list(reason.examples)}
    if out.procedure:
        proc = k.procedure(out.procedure)
        payload["procedure"] = {"id": proc.id, "title": proc.title, "closing": proc.closing,
                                "steps": [{"title": s.title, "text": s.text} for s in proc.steps]}
        payload["steps"] = [f"{s.title}：{s.text}" for s in proc.steps]
        sources.append(source_payload(k, proc.source, proc.checked))
    payload["strategies"] = [{"id": s.id, "title": s.title, "text": s.text} for s in map(k.strategy, out.strategies)]
    if out.periods:
        from yb_guide.schedule.deadlines import make_plan

        plan = make_plan(k)  # the same rules and numbers `ybguide deadline` computes with
        for rule_id in out.periods:
            rule = plan.rule(rule_id)
            payload["periods"].append({"id": rule.id, "title": rule.title, "text": rule.text(),
                                       "source": rule.period.source})
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
                               "command": command_for(h.flow, parse_answers(h.answers))}
    nxt = payload["next"]
    if payload["handover"]:
        nxt.append({"command": payload["handover"]["command"], "why": payload["handover"]["when"]})
    for cl in payload["checklists"]:
        nxt.append({"command": cl["command"], "why": f"查看并打印「{cl['title']}」（加 --markdown 可保存成文件）"})
    if out.channel:
        nxt.append({"command": f"ybguide channels show {out.channel}", "why": "查看这个渠道的全部信息和注意事项"})
    nxt.extend({"command": n.command, "why": n.why} for n in out.next)
    return payload
