"""The case journal and the letter."""

from __future__ import annotations

from yb_guide.cli.render.kit import (Responsive, left_text, T, blocks, bullets, heading, labelled, numbered, pad, para, section,
                                     source_line, table, warnings)


def _workdays_left(s: dict, overdue: bool = False):
    if overdue:
        return T("已过", style="bold red")
    if s["workdays_left"] is None:
        return T("—")
    if s["workdays_left"] == 0:
        return T("今天到期", style="bold red")
    return T(f"{s['workdays_left']} 个工作日")


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
            nxt.append(("\n" if c["next"] else "") + f"已过：{last['title']}\n{last['due']} {last['weekday']}",
                       style="red")
            if not c["next"]:
                nxt = T(str(nxt), style="red")
                left = _workdays_left(last, overdue=True)
        return nxt, left

    def wide():
        t = table(box="SIMPLE_HEAVY", title=f"案件（今天：{p['today']}）", title_justify="left")
        t.add_column("编号", justify="right", no_wrap=True)
        t.add_column("渠道", overflow="fold", ratio=2)
        t.add_column("提交日期", no_wrap=True)
        t.add_column("工单编号", overflow="fold", ratio=2)
        t.add_column("状态", no_wrap=True)
        t.add_column("下一个期限", overflow="fold", ratio=3)
        t.add_column("还剩", no_wrap=True, justify="right")
        for c in p["cases"]:
            nxt, left = cells(c)
            status = T(c["status_label"], style="dim" if c["status"] == "closed" else "")
            t.add_row(T(str(c["id"]), style="red" if c["is_overdue"] else "cyan"), T(c["channel_name"]),
                      T(c["filed"]), T(c["ticket"] or "—"), status, nxt, left)
        return [t]

    def narrow():
        yield T(f"案件（今天：{p['today']}）", style="bold")
        for c in p["cases"]:
            fields = [("渠道", c["channel_name"]), ("提交日期", c["filed"]), ("工单编号", c["ticket"])]
            if c["next"]:
                n = c["next"]
                fields.append(("下一个期限", f"{n['title']} {n['due']} {n['weekday']}"
                                            f"{'（推算）' if n['estimated'] else ''} {left_text(n)}".rstrip()))
            if c["overdue"]:
                last = c["overdue"][-1]
                fields.append(("已过", f"{last['title']} {last['due']} {last['weekday']}"))
            yield T("")
            yield from blocks([(T(f"案件 {c['id']} · {c['status_label']}", style="bold red" if c["is_overdue"] else "bold"),
                                fields)])

    yield Responsive(100, wide, narrow)
    if any(c["is_overdue"] for c in p["cases"]):
        yield para("红色：期限已过而案件还没结案。可凭工单编号查询进度；详情：ybguide case show 编号", "red", indent=0)


def _field_grid(p: dict):
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    labels = p["labels"]
    grid.add_row(T("渠道"), T(f"{p['channel_name']}（{p['channel']}）"))
    grid.add_row(T("提交日期"), T(p["filed"] + ("（复杂案件）" if p["complex"] else "")))
    for key in ("ticket", "staff", "institution", "incident_date", "place", "amount_text", "summary",
                "asks", "evidence", "name", "phone", "address", "id_number", "card_number"):
        value = p.get(key)
        if not value:
            continue
        if isinstance(value, list):
            value = "\n".join(f"{i}. {x}" for i, x in enumerate(value, 1))
        label = labels.get(key) or labels["amount"]
        grid.add_row(T(label), T(value))
    if p["result_received"]:
        grid.add_row(T("收到结果"), T(p["result_received"]))
    if p["closed"]:
        grid.add_row(T("结案日期"), T(p["closed"]))
    return grid


def case_detail(p: dict):
    from rich import box
    from rich.table import Table

    if p.get("message"):
        yield T(p["message"], style="bold green")
    yield heading(f"案件 {p['id']}", f"{p['status_label']} · 今天：{p['schedule']['today']}")
    yield _field_grid(p)
    table = Table(box=box.SIMPLE_HEAVY, title="期限", title_justify="left")
    table.add_column("阶段", overflow="fold", ratio=2)
    table.add_column("截止日期", no_wrap=True)
    table.add_column("还剩", no_wrap=True, justify="right")
    table.add_column("规则", overflow="fold", ratio=4)
    for s in p["schedule"]["stages"]:
        style = "red" if s["overdue"] else ("" if s["relevant"] else "dim")
        due = T(f"{s['due']} {s['weekday']}")
        if s["window_start"]:
            due = T(f"{s['window_start']} 至\n{s['due']} {s['weekday']}")
        if s["estimated"]:
            due.append("\n（推算）", style="yellow")
        if not s["relevant"]:
            left = T("（已收到结果）", style="dim")
        elif s["passed"]:
            left = _workdays_left(s, overdue=s["overdue"]) if s["overdue"] else T("已过", style="dim")
        else:
            left = _workdays_left(s)
        title = T(s["title"], style=("bold " + style).strip() if s["next"] else style)
        if s["next"]:
            title.append("\n← 下一个", style="bold")
        rule = T(s["rule"], style=style)
        rule.append("\n来源：" + s["source"], style="dim")
        table.add_row(title, T(str(due), style=style) if style else due, left, rule)
    yield table
    yield T("沟通记录", style="bold")
    if p["log"]:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for e in p["log"]:
            style = "dim" if e["auto"] else ""
            grid.add_row(T("  " + e["at"], style=style), T(e["kind_label"], style=style or "cyan"), T(e["text"], style=style))
        yield grid
    else:
        yield T("  （还没有记录。每次打电话、去现场、收到答复后：ybguide case log 编号 \"经过\" --kind call）", style="dim")
    for r in p["reminders"]:
        t = T("提醒：", style="bold yellow")
        t.append(r)
        yield t
    yield from warnings(p["schedule"])


def letter(p: dict):
    """What goes with the letter; the letter itself is printed as plain text by the command
    (rich would re-wrap its lines)."""
    if p["file"]:
        yield T(f"投诉信已保存到 {p['file']}", style="bold green")
    yield T("")
    yield T("信封这样写", style="bold")
    yield bullets(p["envelope"])
    yield T("寄信提醒", style="bold")
    yield bullets(p["advice"])
    notes = []
    if p["masked"]:
        notes.append("信中的身份证号、医保卡号只显示了前后几位；正式寄出的信请加 --reveal 写全，或打印后手写补全。")
    if p["blanks"]:
        notes.append(p["blanks_note"])
    for note in notes:
        yield labelled("注意：", note, "bold yellow")


def lines(payload: dict):
    """Generic: a payload with a 'lines' list of strings."""
    for line in payload["lines"]:
        yield T(line)


# These payloads are a few sentences each.
log_added = status_changed = exported = imported = lines
