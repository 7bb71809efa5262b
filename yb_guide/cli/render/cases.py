"""The case journal and the letter."""

from __future__ import annotations

from yb_guide.cli.render.kit import (FOLLOW_UP_TEXT, Responsive, T, blocks, bullets, with_paths, grid, heading, labelled, left_text, para,
                                     status_text, table, warnings)


def _workdays_left(s: dict, overdue: bool = False):
    if overdue:
        return T("已过", style="bold red")
    if s["workdays_left"] is None:
        return T("—")
    if s["workdays_left"] == 0:
        return T("今天到期", style="bold red")
    return T(f"{s['workdays_left']} 个工作日")


def _who(c: dict) -> str:
    """The insured person (as the payload shows the name: masked unless --reveal), and who acts."""
    if c["agent_name"]:
        return f"{c['name'] or '—'}（{c['agent_name']}代办）"
    return c["name"] or "—"


def case_list(p: dict):
    if not p["cases"]:
        yield T("还没有记录任何案件。用 ybguide case add 记下第一次投诉。" if p["total"] == 0 else "没有符合条件的案件。")
        return

    def cells(c):
        nxt, left = T("—"), T("—")
        if c["next"]:
            n = c["next"]
            nxt = T(f"{n['title']}\n{n['due']} {n['weekday']}")
            if n["estimated"]:
                nxt.append("（推算）", style="yellow")
            left = _workdays_left(n)
        if c["overdue"]:
            last = c["overdue"][-1]
            passed = f"已过：{last['title']}\n{last['due']} {last['weekday']}"
            if c["next"]:
                nxt.append("\n" + passed, style="red")
            else:  # nothing still to come: the last deadline passed takes the cell (no "—" before it)
                nxt = T(passed, style="red")
                left = _workdays_left(last, overdue=True)
        elif c["follow_up"]:
            late = c["follow_up"][-1]
            note = f"{late['title']}：{FOLLOW_UP_TEXT}"
            if c["next"]:
                nxt.append("\n" + note, style="yellow")
            else:
                nxt = T(note, style="yellow")
        return nxt, left

    def wide():
        t = table(box="SIMPLE_HEAVY", title=f"案件（今天：{p['today']}）", title_justify="left")
        t.add_column("编号", justify="right", no_wrap=True)
        t.add_column("参保人", overflow="fold", ratio=1, min_width=6)
        t.add_column("渠道", overflow="fold", ratio=2)
        t.add_column("提交日期", no_wrap=True)
        t.add_column("工单编号", overflow="fold", ratio=2)
        t.add_column("状态", no_wrap=True)
        t.add_column("下一个期限", overflow="fold", ratio=3, min_width=16)  # a date and its weekday on one line
        t.add_column("还剩", no_wrap=True, justify="right")
        for c in p["cases"]:
            nxt, left = cells(c)
            status = T(c["status_label"], style="dim" if c["status"] == "closed" else "")
            t.add_row(T(str(c["id"]), style="red" if c["is_overdue"] else "cyan"), T(_who(c)), T(c["channel_name"]),
                      T(c["filed"] or "—"), T(c["ticket"] or "—"), status, nxt, left)
        return [t]

    def narrow():
        yield T(f"案件（今天：{p['today']}）", style="bold")
        for c in p["cases"]:
            fields = [("渠道", c["channel_name"]), ("提交日期", c["filed"] or "—"), ("工单编号", c["ticket"])]
            if c["next"]:
                n = c["next"]
                fields.append(("下一个期限", f"{n['title']} {n['due']} {n['weekday']}"
                                            f"{'（推算）' if n['estimated'] else ''} {left_text(n)}".rstrip()))
            if c["overdue"]:
                last = c["overdue"][-1]
                fields.append(("已过", f"{last['title']} {last['due']} {last['weekday']}"))
            elif c["follow_up"]:
                fields.append(("催办", f"{c['follow_up'][-1]['title']}：{FOLLOW_UP_TEXT}"))
            yield T("")
            who = f" · {_who(c)}" if c["name"] or c["agent_name"] else ""
            yield from blocks([(T(f"案件 {c['id']}{who} · {c['status_label']}",
                                  style="bold red" if c["is_overdue"] else "bold"), fields)])

    yield Responsive(100, wide, narrow)
    if any(c["is_overdue"] for c in p["cases"]):
        yield para("红色：期限已过而案件还没结案。可凭工单编号查询进度；详情：ybguide case show 编号", "red", indent=0)


def _fields(p: dict) -> list[tuple[str, str]]:
    labels = p["labels"]
    rows = [("渠道", p["channel_name"])]
    if p["filed"]:  # a case started from a decision has no complaint yet
        rows.append(("提交日期", p["filed"] + ("（复杂案件）" if p["complex"] else "")))
    for key in ("ticket", "staff", "institution", "incident_date", "place", "amount_text", "summary", "asks",
                "evidence", "name", "id_number", "card_number", "agent_name", "agent_relation", "agent_id_number",
                "phone", "address", "review_to", "reexam_to", "reason"):
        value = p.get(key)
        if not value:
            continue
        if isinstance(value, list):
            value = "\n".join(f"{i}. {x}" for i, x in enumerate(value, 1))
        rows.append((labels.get(key) or labels["amount"], value))
    rows += [(e["label"], e["date"]) for e in p["events"]]
    rows += [(q["short"], q["answer_label"]) for key, q in p["schedule"]["situation"].items()
             if key != "amount" and q["answer"]]  # the answers given; 不知道 is not worth a line
    if p["closed"]:
        rows.append(("结案日期", p["closed"]))
    return rows


def _field_grid(p: dict):
    g = grid({"no_wrap": True, "style": "dim"}, {"overflow": "fold"})
    for label, value in _fields(p):
        g.add_row(T(label), T(value))
    return g


def _stage_left(s: dict):
    if s["done"]:
        return T("已不用再等", style="dim")
    if s["passed"]:
        if s["overdue"]:
            return _workdays_left(s, overdue=True)
        return T("已过", style="dim") if s["legal"] else T(FOLLOW_UP_TEXT, style="yellow")
    return _workdays_left(s)


def _deadlines(p: dict):
    stages = p["schedule"]["stages"]

    def wide():
        t = table(box="SIMPLE_HEAVY", title="期限", title_justify="left")
        t.add_column("阶段", overflow="fold", ratio=2)
        t.add_column("截止日期", no_wrap=True)
        t.add_column("还剩", no_wrap=True, justify="right")
        t.add_column("规则", overflow="fold", ratio=4)
        for s in stages:
            style = "red" if s["overdue"] else ("dim" if s["done"] else "")
            due = T(f"{s['due']} {s['weekday']}", style=style)
            if s["window_start"]:
                due = T(f"{s['window_start']} 至\n{s['due']} {s['weekday']}", style=style)
            if s["estimated"]:
                due.append("\n（推算）", style="yellow")
            title = T(s["title"], style=("bold " + style).strip() if s["next"] else style)
            if s["next"]:
                title.append("\n← 下一个", style="bold")
            rule = T(s["rule"], style=style)
            for extra in _applies(s):
                rule.append("\n" + extra, style="yellow")
            rule.append(("\n依据：" if s["basis"] else "\n来源：") + s["source"] + status_text(s["source_detail"]), style="dim")
            t.add_row(title, due, _stage_left(s), rule)
        return [t]

    def narrow():
        yield T("期限", style="bold")
        for s in stages:
            line = T(f"{s['title']}：{s['due']} {s['weekday']}", style="red" if s["overdue"] else ("dim" if s["done"] else "bold"))
            if s["estimated"]:
                line.append("（推算）", style="yellow")
            line.append(" ")
            line.append_text(_stage_left(s))
            if s["next"]:
                line.append(" ← 下一个", style="bold")
            yield para(line)
            for extra in _applies(s):
                yield para(extra, "yellow", indent=4)
            yield para(s["rule"], "dim", indent=4)

    for n in p["schedule"]["notes"]:
        if n["lead"]:
            yield labelled(f"{n['title']}（{n['basis_kind_label']}）：", n["summary"], "bold yellow")
    yield Responsive(100, wide, narrow)


def _applies(s: dict) -> list[str]:
    """When the date applies to this person, and the moved day beside a 信访 day on a holiday."""
    return [x for x in (s["condition"], s["moved_text"]) if x]


def _changes(title: str, changes: list[dict]):
    yield T(title, style="bold")
    for ch in changes:
        line = f"{ch['at']} {ch['label']}：{ch['old'] or '（空）'} → {ch['new'] or '（已删除）'}"
        yield para(line)
        if ch["note"]:
            yield para(f"期限变化：{ch['note']}" if ch["field"] != "log" else ch["note"], "yellow", indent=4)


def case_detail(p: dict):
    if p.get("message"):
        yield T(p["message"], style="bold green")
    if p["changes"]:
        yield from _changes("这次修改", p["changes"])
    yield heading(f"案件 {p['id']}", f"{p['status_label']} · 今天：{p['schedule']['today']}")
    if p["status"] == "open":  # what to do first, as the deadline screen and the flows say it
        from yb_guide.cli.render.dates import first_step_lines

        yield from first_step_lines(p["schedule"])
    if p["acting"]:
        yield para(f"代办：{p['agent_name']}" + (f"（参保人的{p['agent_relation']}）" if p["agent_relation"] else "")
                   + f"受参保人{p['name'] or ''}委托办理", "cyan", indent=0)
    yield Responsive(70, lambda: [_field_grid(p)],
                     lambda: [para(labelled(f"{label}：", value, "dim"), indent=0) for label, value in _fields(p)])
    yield from _deadlines(p)
    if p["still_open"]:
        yield para("案件已结案，但下面这些期限仍然有效（结案不会让它们停下来）：", "bold yellow", indent=0)
        yield bullets([f"{s['title']}：{s['due']} {s['weekday']}" + ("（推算）" if s["estimated"] else "")
                       for s in p["still_open"]])
    yield T("沟通记录", style="bold")
    if p["log"]:
        for e in p["log"]:
            style = "dim" if e["auto"] else ""
            yield para(T(f"{e['n']}. {e['at']} {e['kind_label']} {e['text']}", style=style))
    else:
        yield para("（还没有记录。每次打电话、去现场、收到答复后：ybguide case log 编号 \"经过\" --kind 电话）", "dim")
    if p["history"] is not None:
        yield from _changes("修改记录", p["history"]) if p["history"] else [T("修改记录：（没有修改过）", style="dim")]
    elif p["history_count"]:
        yield T(f"这个案件修改过 {p['history_count']} 次：ybguide case show {p['id']} --history", style="dim")
    for r in p["reminders"]:
        yield labelled("提醒：", r, "bold yellow")
    if p["acting_checklist"]:
        a = p["acting_checklist"]
        yield labelled("代办要准备：", f"{'、'.join(a['items'])}（全部材料：ybguide checklist {a['id']} --acting）",
                       "bold yellow")
    yield from warnings(p["schedule"])
    if p["schedule"]["decision_needed"]:
        yield T(f"  记下原决定的日期：ybguide case decision {p['id']} --known 日期", style="dim")
    if p.get("status") == "open":  # the advice for this case, from what the journal holds (not asked again)
        first = p["schedule"]["first_step"]
        if first and first["letter"]:  # the first step is done with a paper: how to write it from the case
            yield T(f"  写{first['letter']}：ybguide letter --case {p['id']} --kind {first['letter']}", style="dim")
        yield T(f"  接下来怎么办：ybguide choose --case {p['id']}（按案件的记录回答，不再问是否代办、有没有书面答复）",
                style="dim")


def due(p: dict):
    if not p["items"]:
        yield T(f"今天（{p['today']}）起 {p['days']} 天内没有到期的期限，也没有已过期的。", style="green")
        return
    yield heading("快到期和已过期的期限", f"今天：{p['today']}，列出到 {p['until']} 为止")
    for x in p["items"]:
        who = x["name"] or x["ticket"] or ""
        head = T(f"案件 {x['case']}" + (f"（{who}）" if who else "") + f" · {x['title']}：{x['due']} {x['weekday']}",
                 style="bold red" if x["overdue"] else "bold")
        if x["estimated"]:
            head.append("（推算）", style="yellow")
        head.append(" ")
        head.append_text(_workdays_left(x, overdue=x["overdue"]))
        yield para(head, indent=0)
        if x["condition"]:
            yield para(x["condition"], "yellow", indent=2)
        yield para(x["rule"], "dim", indent=2)


def log_changed(p: dict):
    for line in p["lines"]:
        yield para(line, indent=0)


def letter(p: dict):
    """What goes with the letter; the letter itself is printed as plain text by the command
    (rich would re-wrap its lines)."""
    if p["file"]:
        yield with_paths(f"{p['title']}已保存到 {p['file']}", style="bold green")
    yield T("")
    for heading_text, lines in (("信封这样写", p["envelope"]), (p.get("advice_title") or "寄信提醒", p["advice"])):
        if lines:
            yield T(heading_text, style="bold")
            yield bullets(lines)
    notes = [p["region_note"]] if p.get("region_note") else []
    if p["masked"]:
        notes.append(p.get("masked_note") or "信中的身份证号、医保卡号只显示了前后几位；正式寄出的信请加 --reveal 写全，或打印后手写补全。")
    if p["blanks"]:
        notes.append(p["blanks_note"])
    if p["left_out_note"]:
        notes.append(p["left_out_note"])
    for note in notes:
        yield labelled("注意：", note, "bold yellow")


def lines(payload: dict):
    """Generic: a payload with a 'lines' list of strings."""
    for line in payload["lines"]:
        yield with_paths(line)


# These payloads are a few sentences each.
log_added = status_changed = exported = imported = deleted = ics_exported = lines
