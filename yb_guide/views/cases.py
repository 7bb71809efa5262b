"""Payloads of the ``case`` and ``letter`` commands (printed as JSON, or rendered by ``render``).

Pure functions; personal numbers are masked here unless the user asked for ``--reveal``.
"""

from __future__ import annotations

import datetime as dt

from yb_guide.cases import personal
from yb_guide.cases.journal import Progress, progress, reminders, select
from yb_guide.cases.model import LABELS, LOG_KINDS, STATUS_LABELS, Case


def _due(s) -> dict:
    from yb_guide.calendar.dates import weekday_zh

    return {"id": s.id, "title": s.title, "due": s.due.isoformat(), "weekday": weekday_zh(s.due),
            "workdays_left": s.workdays_left, "estimated": s.estimated}


def case_row(k, c: Case, p: Progress) -> dict:
    return {
        "id": c.id,
        "channel": c.channel,
        "channel_name": k.channel(c.channel).name,
        "filed": c.filed.isoformat(),
        "ticket": c.ticket,
        "institution": c.institution,
        "status": c.status,
        "status_label": STATUS_LABELS[c.status],
        "complex": c.complex,
        "result_received": c.result_received.isoformat() if c.result_received else None,
        "next": _due(p.next) if p.next else None,
        "overdue": [_due(s) for s in p.overdue],
        "is_overdue": bool(p.overdue),
    }


def case_list(k, cases: list[Case], today: dt.date, *, open_only: bool = False, overdue_only: bool = False) -> dict:
    rows = [case_row(k, c, p) for c, p in select(k, cases, today, open_only=open_only, overdue_only=overdue_only)]
    return {"today": today.isoformat(), "open_only": open_only, "overdue_only": overdue_only,
            "total": len(cases), "count": len(rows), "cases": rows}


def _fields(c: Case, reveal: bool) -> dict:
    shown = (lambda n: n) if reveal else personal.mask
    return {
        "ticket": c.ticket, "staff": c.staff, "institution": c.institution, "amount": c.amount,
        "amount_text": personal.amount_text(c.amount), "incident_date": c.incident_date.isoformat() if c.incident_date else None,
        "place": c.place, "summary": c.summary, "asks": list(c.asks), "evidence": list(c.evidence),
        "name": c.name, "phone": c.phone, "address": c.address,
        "id_number": shown(c.id_number), "card_number": shown(c.card_number), "revealed": reveal,
    }


def case_detail(k, c: Case, today: dt.date, *, reveal: bool = False, message: str | None = None) -> dict:
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
    out.update(_fields(c, reveal))
    out.update({
        "closed": c.closed.isoformat() if c.closed else None,
        "created": c.created, "updated": c.updated,
        "labels": {name: LABELS[name] for name in ("ticket", "staff", "institution", "amount", "incident_date",
                                                    "place", "summary", "asks", "evidence", "name", "phone",
                                                    "address", "id_number", "card_number")},
        "schedule": sched,
        "log": [{"at": e.at, "kind": e.kind, "kind_label": LOG_KINDS[e.kind], "text": e.text, "auto": e.auto}
                for e in c.log],
        "message": message,
        "reminders": reminders(k, c),
    })
    return out


def log_added(c: Case, entry) -> dict:
    return {"id": c.id, "at": entry.at, "kind": entry.kind, "kind_label": LOG_KINDS[entry.kind], "text": entry.text,
            "lines": [f"已记入案件 {c.id}：{entry.at}（{LOG_KINDS[entry.kind]}）{entry.text}"]}


def status_changed(c: Case, changed: bool) -> dict:
    label = STATUS_LABELS[c.status]
    line = f"案件 {c.id} 已{'结案' if c.status == 'closed' else '重新打开'}。" if changed else f"案件 {c.id} 本来就是“{label}”，没有改动。"
    return {"id": c.id, "status": c.status, "status_label": label, "changed": changed, "lines": [line]}


def exported(count: int, path: str, fmt: str, personal_data: bool) -> dict:
    lines = [f"已导出 {count} 个案件到 {path}（{fmt}）。"]
    if personal_data:
        lines.append("这个文件含完整的身份证号、医保卡号等个人信息（只有您本人能读），请妥善保管，不要随意发送。")
    return {"count": count, "file": path, "format": fmt, "personal_data": personal_data, "lines": lines}


def imported(report) -> dict:
    lines = [f"从 {report.file} 导入了 {len(report.added)} 个案件、{report.logs} 条记录"
             f"（{report.format}，编码 {report.encoding}）。"]
    if report.skipped:
        lines.append("已存在且内容相同、跳过的案件：" + "、".join(str(i) for i in report.skipped))
    return {"file": report.file, "format": report.format, "encoding": report.encoding, "added": report.added,
            "skipped": report.skipped, "logs": report.logs, "lines": lines}


BLANKS_NOTE = "信中的横线处是没有填写的内容，打印后请手写补全。"


def letter(k, letter, text: str, saved: str | None) -> dict:
    return {
        "case": letter.case_id,
        "date": letter.date.isoformat(),
        "file": saved,
        "text": text,
        "facts": list(letter.facts),
        "envelope": list(letter.envelope),
        "advice": list(letter.advice),
        "masked": letter.masked,
        "blanks": any(k.letter.blank in b.text for b in letter.blocks),  # left to fill in by hand …
        "blanks_note": BLANKS_NOTE,  # … and what to say about them
    }
