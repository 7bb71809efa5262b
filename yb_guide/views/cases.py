"""Payloads of the ``case`` and ``letter`` commands (printed as JSON, or rendered by ``render``).

Pure functions; personal numbers are masked here unless the user asked for ``--reveal``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from yb_guide.base.text import mask_name
from yb_guide.cases import personal
from yb_guide.cases.journal import Progress, progress, reminders, select
from yb_guide.cases.model import LABELS, LOG_KINDS, STATUS_LABELS, Case, event_columns, label, value

if TYPE_CHECKING:  # the shapes (views.case_shapes) are for readers, tests and type checkers
    from yb_guide.views.case_shapes import (CaseDetail, CaseDue, CaseList, CaseRow, Change, Deleted, Due, Exported,
                                            IcsExported, Imported, Letter, LogAdded, LogChanged, StatusChanged)


def _due(s) -> CaseDue:
    from yb_guide.calendar.dates import weekday_zh

    return {"id": s.id, "title": s.title, "due": s.due.isoformat(), "weekday": weekday_zh(s.due),
            "workdays_left": s.workdays_left, "estimated": s.estimated}


def case_row(k, c: Case, p: Progress) -> CaseRow:
    return {
        "id": c.id,
        "channel": c.channel,
        "channel_name": channel_name(k, c),
        "filed": c.filed.isoformat() if c.filed else None,  # None: a case started from a decision
        "ticket": c.ticket,
        "institution": c.institution,
        "status": c.status,
        "status_label": STATUS_LABELS[c.status],
        "complex": c.complex,
        "result_received": c.events["result-received"].isoformat() if c.events.get("result-received") else None,
        # a closed case's next deadline is the first window still open (复议, 诉讼 …): closing stops none
        "next": _due(p.next) if p.next else (_due(p.still_open[0]) if p.still_open else None),
        "overdue": [_due(s) for s in p.overdue],
        "is_overdue": bool(p.overdue),
        "follow_up": [_due(s) for s in p.follow_up],
    }


def case_list(k, cases: list[Case], today: dt.date, *, open_only: bool = False, overdue_only: bool = False,
              search: str | None = None, reveal: bool = False) -> CaseList:
    """Every case with where it stands; names masked (王*英) unless ``reveal``: a service desk's
    screen is seen by the next person in the queue."""
    shown = (lambda n: n) if reveal else mask_name
    rows = []
    for c, p in select(k, cases, today, open_only=open_only, overdue_only=overdue_only, search=search):
        row = case_row(k, c, p)
        row["name"], row["agent_name"] = shown(c.name), shown(c.agent_name)
        rows.append(row)
    from yb_guide.cases.personal import mask_in

    return {"today": today.isoformat(), "open_only": open_only, "overdue_only": overdue_only,
            "search": search if reveal else mask_in(search),  # an ID number searched for is never echoed whole
            "total": len(cases), "count": len(rows), "cases": rows, "revealed": reveal}


def _fields(k, c: Case, reveal: bool) -> dict:
    shown = (lambda n: n) if reveal else personal.mask
    return {
        "ticket": c.ticket, "staff": c.staff, "institution": c.institution, "amount": c.amount,
        "amount_text": personal.amount_text(c.amount), "incident_date": c.incident_date.isoformat() if c.incident_date else None,
        "place": c.place, "summary": c.summary, "asks": list(c.asks), "evidence": list(c.evidence),
        "name": c.name, "phone": c.phone, "address": c.address,
        "id_number": shown(c.id_number), "card_number": shown(c.card_number), "revealed": reveal,
        "acting": c.acting, "agent_name": c.agent_name, "agent_relation": c.agent_relation,
        "agent_id_number": shown(c.agent_id_number), "reason": c.reason,
        "review_to": c.review_to, "reexam_to": c.reexam_to,
        "region": c.region,  # the pack it was recorded under (None: before regions)
        "events": [{"field": f, "label": label(f), "date": value(c, f).isoformat()}
                   for f in event_columns(k) if f != "filed" and value(c, f) is not None],
    }


def _words(field: str, text: str | None) -> str | None:
    """A stored value as people read it: a list as 重新报销、赔礼道歉 (not JSON), a situation answer by
    its Chinese label (不予报销（拒付）, not refusal), yes/no as 是/否."""
    if text is None:
        return None
    if text.startswith("["):
        import json

        try:
            items = json.loads(text)
        except ValueError:
            return text
        return "、".join(str(x) for x in items) or None
    if field == "complex" and text in ("0", "1", "true", "false", "True", "False"):
        return "是" if text in ("1", "true", "True") else "否"
    from yb_guide.cases.model import SITUATION_FIELDS

    if field in SITUATION_FIELDS:
        from yb_guide.schedule.deadlines import get_plan

        question = get_plan().question(SITUATION_FIELDS[field])
        return next((o.label for o in question.options if o.id == text), text)
    return text


def _change(ch, reveal: bool = False) -> Change:
    """A history row; identity numbers masked like everywhere else (a service desk is not private)."""
    from yb_guide.cases.corrections import field_label

    hide = ch.field in personal.MASKED_FIELDS and not reveal
    old, new = _words(ch.field, ch.old), _words(ch.field, ch.new)
    return {"at": ch.at, "field": ch.field, "label": field_label(ch.field),
            "old": personal.mask(old) if hide else old, "new": personal.mask(new) if hide else new,
            "note": ch.note}


def case_detail(k, c: Case, today: dt.date, *, reveal: bool = False, message: str | None = None,
                history: bool = False, changes=None) -> CaseDetail:
    from yb_guide.schedule.deadlines import get_plan
    from yb_guide.views.dates import deadline

    p = progress(k, c, today)
    overdue = {s.id for s in p.overdue}
    sched = deadline(p.schedule, get_plan(k.data_dir))
    sched["stages"].sort(key=lambda s: s["due"])  # a timeline reads in date order
    for s in sched["stages"]:
        s["relevant"] = s["id"] in p.relevant
        s["overdue"] = s["id"] in overdue
        s["next"] = p.next is not None and s["id"] == p.next.id
    out = case_row(k, c, p)
    out.update(_fields(k, c, reveal))
    out.update({
        "closed": c.closed.isoformat() if c.closed else None,
        "created": c.created, "updated": c.updated,
        "labels": {name: LABELS[name] for name in ("ticket", "staff", "institution", "amount", "incident_date",
                                                    "place", "summary", "asks", "evidence", "name", "phone",
                                                    "address", "id_number", "card_number", "agent_name",
                                                    "agent_relation", "agent_id_number", "reason", "review_to",
                                                    "reexam_to")},
        "still_open": [_due(s) for s in p.still_open],
        "history": [_change(ch, reveal) for ch in c.history] if history else None,
        "history_count": len(c.history),
        "changes": [_change(ch, reveal) for ch in changes] if changes else [],
        "schedule": sched,
        "log": [{"n": n, "at": e.at, "kind": e.kind, "kind_label": LOG_KINDS[e.kind], "text": e.text, "auto": e.auto}
                for n, e in enumerate(c.log, 1)],
        "message": message,
        "reminders": reminders(k, c),
        "acting_checklist": _acting_checklist(k, c, p.step),
    })
    return out


def _acting_checklist(k, c: Case, step=None) -> dict | None:
    """For a case handled by someone acting for the insured person: what they bring besides the usual
    (the channel's checklist; a case with no complaint: its first step's, such as 行政复议's)."""
    from yb_guide.views.channels import acting_items

    own = k.channel(c.channel).checklist if c.channel else (step.checklist if step else None)
    checklist = own if c.acting else None
    if not checklist or not acting_items(k.checklist(checklist)):
        return None
    return {"id": checklist, "items": acting_items(k.checklist(checklist))}


def log_added(c: Case, entry) -> LogAdded:
    return {"id": c.id, "at": entry.at, "kind": entry.kind, "kind_label": LOG_KINDS[entry.kind], "text": entry.text,
            "lines": [f"已记入案件 {c.id}：{entry.at}（{LOG_KINDS[entry.kind]}）{entry.text}"]}


def status_changed(k, c: Case, changed: bool, today: dt.date) -> StatusChanged:
    label = STATUS_LABELS[c.status]
    line = f"案件 {c.id} 已{'结案' if c.status == 'closed' else '重新打开'}。" if changed else f"案件 {c.id} 本来就是“{label}”，没有改动。"
    still = [_due(s) for s in progress(k, c, today).still_open] if c.status == "closed" else []
    lines = [line]
    if still:
        lines.append("下面这些期限仍然有效（结案不会让它们停下来）：" + "；".join(
            f"{s['title']} {s['due']} {s['weekday']}" + ("（推算）" if s["estimated"] else "") for s in still))
    return {"id": c.id, "status": c.status, "status_label": label, "changed": changed, "still_open": still,
            "lines": lines}


def exported(count: int, path: str, fmt: str, personal_data: bool) -> Exported:
    lines = [f"已导出 {count} 个案件到 {path}（{fmt}）。"]
    if personal_data:
        lines.append("这个文件含完整的身份证号、医保卡号等个人信息（只有您本人能读），请妥善保管，不要随意发送。")
    return {"count": count, "file": path, "format": fmt, "personal_data": personal_data, "lines": lines}


def imported(report) -> Imported:
    lines = [f"从 {report.file} 导入了 {len(report.added)} 个案件、{report.logs} 条记录"
             f"（{report.format}，编码 {report.encoding}）。"]
    if report.skipped:
        lines.append("已存在且内容相同、跳过的案件：" + "、".join(str(i) for i in report.skipped))
    if report.ignored:
        lines.append("这些列不是案件记录的内容，没有导入（原文件不变）：" + "、".join(report.ignored))
    if report.bad:
        lines.append(f"有 {len(report.bad)} 行有误，没有导入（--skip-bad）：" + "；".join(report.bad))
    return {"file": report.file, "format": report.format, "encoding": report.encoding, "added": report.added,
            "skipped": report.skipped, "logs": report.logs, "ignored": report.ignored, "bad": report.bad,
            "lines": lines}


BLANKS_NOTE = "信中的横线处是没有填写的内容，打印后请手写补全。"


def letter(k, letter, text: str, saved: str | None, chosen=None) -> Letter:
    """A letter and what goes with it; ``chosen``: the knowledge of the region chosen now, when the
    letter was written for a case of another region (``k``'s: the one the case was recorded under)."""
    from yb_guide.views.common import region

    other = chosen is not None and chosen.pack.id != k.pack.id
    return {
        "case": letter.case_id,
        "region": region(k),
        # the region a case was recorded under wins over the one chosen now: say so
        "region_note": (f"案件 {letter.case_id} 是按{k.pack.name}（{k.pack.id}）记录的，这封信按{k.pack.name}写"
                        f"（现在选的地区是{chosen.pack.name}）。" if other else None),
        "title": letter.blocks[0].text,
        "date": letter.date.isoformat(),
        "file": saved,
        "text": text,
        "facts": list(letter.facts),
        "envelope": list(letter.envelope),
        "advice": list(letter.advice),
        "advice_title": letter.advice_title,
        "masked": letter.masked,
        "masked_note": letter.masked_note,
        "blanks": any(k.letter.blank in b.text for b in letter.blocks),  # left to fill in by hand …
        "blanks_note": BLANKS_NOTE,  # … and what to say about them
        # what happened after the letter's date is not in it (a letter printed again with its own date)
        "left_out": list(letter.left_out),
        "left_out_note": (f"信的日期是 {letter.date.isoformat()}：这之后才发生的事（{'、'.join(letter.left_out)}）"
                          "没有写进信里。" if letter.left_out else None),
    }


def due(k, cases: list[Case], today: dt.date, days: int, *, reveal: bool = False) -> Due:
    """``case due``: what has passed on open cases, then what falls due within ``days`` days (names
    masked unless ``reveal``, as in the list)."""
    from yb_guide.cases.journal import due_soon

    overdue, coming = due_soon(k, cases, today, days)
    shown = (lambda n: n) if reveal else mask_name

    def item(c: Case, s, late: bool) -> dict:
        return {**_due(s), "case": c.id, "name": shown(c.name), "agent_name": shown(c.agent_name), "ticket": c.ticket,
                "channel_name": channel_name(k, c), "track": s.track, "status": c.status, "overdue": late,
                "rule": s.rule, "condition": s.condition}

    items = [item(c, s, True) for c, s in overdue] + [item(c, s, False) for c, s in coming]
    return {"today": today.isoformat(), "days": days, "until": (today + dt.timedelta(days=days)).isoformat(),
            "count": len(items), "items": items, "total_cases": len(cases)}


def log_changed(c: Case, change) -> LogChanged:
    return {"id": c.id, "change": _change(change),
            "lines": [f"已修改案件 {c.id} 的沟通记录：{change.note}。原来是：{change.old}"]}


def who(k, c: Case) -> str:
    """A case as a confirmation names it: the person (masked), who acts, the channel, the day filed."""
    person = "参保人" + (mask_name(c.name) or "（未填姓名）")
    if c.agent_name:
        person += f"，{mask_name(c.agent_name)}代办"
    if c.channel is None:
        return f"{person}，{channel_name(k, c)}"
    return f"{person}，{k.channel(c.channel).name}，{c.filed.isoformat()} 提交"


# What a case started from a decision shows where a complaint's channel would be.
FROM_DECISION = "（没有投诉，从决定开始：申请行政复议）"


def channel_name(k, c: Case) -> str:
    return k.channel(c.channel).name if c.channel else FROM_DECISION


def deleted(c: Case, path: str) -> Deleted:
    return {"id": c.id, "backup": path, "name": mask_name(c.name),
            "lines": [f"已删除案件 {c.id}（参保人{mask_name(c.name) or '未填姓名'}）。删除前的内容存在 {path}，需要时可用 ybguide case import 找回。"]}


def ics_exported(count: int, path: str) -> IcsExported:
    return {"count": count, "file": path,
            "lines": [f"已把 {count} 个还没到期的期限写入 {path}：法定期限提前 7 天和前一个工作日提醒，通常的办理时间不提醒。"]}
