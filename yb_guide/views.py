"""Payloads: the plain data each command prints (as JSON, or rendered by ``render``).

Pure functions from the knowledge base to dicts; no printing, no rich.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from yb_guide.knowledge import DATA_FILES, Channel, Checklist, Faq, Knowledge, SourceRef, TimeLimit

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
    doc = k.document(ref.doc)
    name = doc.file or doc.title
    return f"{name} · {ref.section}"


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
    from yb_guide.errors import UnknownIdError

    faqs = list(k.faqs)
    if which.strip().isdigit():
        n = int(which)
        if 1 <= n <= len(faqs):
            return _faq_entry(k, n, faqs[n - 1])
    for i, f in enumerate(faqs, start=1):
        if f.id == which:
            return _faq_entry(k, i, f)
    raise UnknownIdError("问答", which, [str(i) for i in range(1, len(faqs) + 1)] + [f.id for f in faqs])


def data_check(k: Knowledge) -> dict:
    return {
        "ok": True,
        "data_dir": str(k.data_dir),
        "files": [str(k.data_dir / name) for name in DATA_FILES],
        "counts": k.counts(),
        "channels": [c.id for c in k.channels],
        "checklists": [c.id for c in k.checklists],
    }


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
    from yb_guide.flows import command_for

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
    for period in map(k.period, out.periods):
        payload["periods"].append({"id": period.id, "title": period.title, "text": period.text,
                                   "source": source_text(k, period.source)})
    if out.record:
        note = k.note(out.record.note) if out.record.note else None
        payload["record"] = {
            "items": (list(note.examples) if note else []) + list(out.record.also),
            "text": note.text if note else None,
        }
    if out.handover:
        h = out.handover
        from yb_guide.flows import parse_answers

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
