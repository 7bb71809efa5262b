"""Rich renderers: payload (from ``views``) -> renderables.

Every string from data or from the user goes in as ``Text`` (never parsed as
markup), so "[red]" in a summary prints as typed.
"""

from __future__ import annotations

from rich.text import Text

T = Text  # short alias: T(str, style) never parses markup


def heading(title: str, sub: str | None = None):
    t = Text(title, style="bold")
    if sub:
        t.append("  " + sub, style="dim")
    return t


def _marked(marks: list[str], items: list[str], mark_style: str = ""):
    # A grid keeps wrapped lines of Chinese text (no spaces to break at) under their item.
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=mark_style)
    grid.add_column(overflow="fold")
    for mark, item in zip(marks, items):
        grid.add_row(T("  " + mark), T(item))
    return grid


def numbered(items: list[str]):
    return _marked([f"{i}." for i in range(1, len(items) + 1)], items, "cyan")


def bullets(items: list[str], mark: str = "·"):
    return _marked([mark] * len(items), items)


def source_line(src: dict) -> Text:
    t = Text("来源：", style="dim")
    t.append(src["text"], style="dim")
    if src.get("checked"):
        t.append(f"（核对于 {src['checked']}）", style="dim")
    return t


def channels_table(payload: dict):
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAVY, show_lines=False, title="山西医保投诉渠道", title_justify="left")
    table.add_column("编号", style="cyan", no_wrap=True)
    table.add_column("渠道", overflow="fold", ratio=3)
    table.add_column("适合", overflow="fold", ratio=3)
    table.add_column("联系方式", overflow="fold", ratio=4)
    table.add_column("处理时限", overflow="fold", ratio=2)
    for c in payload["channels"]:
        table.add_row(T(c["id"]), T(c["name"]), T("；".join(c["use_when"])),
                      T(c["contact_text"]), T(c["processing_time"] or "—"))
    yield table
    yield T("查看某个渠道的步骤和材料：ybguide channels show 编号", style="dim")


def channel_detail(c: dict):
    yield heading(c["name"], f"{c['group']} · {c['summary']}")
    yield T(c["description"])
    yield T("")
    yield T("联系方式", style="bold")
    yield bullets(c["contact_lines"])
    yield T("适合", style="bold")
    yield bullets(c["use_when"])
    if c["advantages"]:
        yield T("优势", style="bold")
        yield bullets(c["advantages"])
    yield T("步骤", style="bold")
    yield numbered(c["steps"])
    if c["processing_time"]:
        yield T("处理时限", style="bold")
        yield bullets([c["processing_time"]])
    if c["notes"]:
        yield T("注意", style="bold")
        yield bullets(c["notes"])
    for corr in c["corrections"]:
        t = T("更正/提醒：", style="bold yellow")
        t.append(corr["advice"])
        yield t
    if c["checklist"]:
        yield T("")
        # the channel's own source line follows; the checklist's would repeat it
        yield from checklist(c["checklist"], show_source=c["checklist"]["source"]["text"] != c["source"]["text"])
    yield T("")
    yield source_line(c["source"])


def checklist(payload: dict, show_source: bool = True):
    yield heading(payload["title"], payload.get("channel_name") or "")
    yield T(payload["purpose"])
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE, show_header=True, pad_edge=False)
    table.add_column("", no_wrap=True)
    table.add_column("材料", overflow="fold", ratio=3)
    table.add_column("形式", overflow="fold", ratio=2)
    table.add_column("", no_wrap=True)
    table.add_column("为什么", overflow="fold", ratio=4)
    for item in payload["items"]:
        need_style = "bold" if item["need"] == "required" else "dim"
        table.add_row(T("□"), T(item["item"]), T(item["form_label"]),
                      T(item["need_label"], style=need_style), T(item["why"]))
    yield table
    if payload.get("hall_hours"):
        t = T("什么时候去：", style="bold")
        t.append(payload["hall_hours"]["text"])
        yield t
    if payload["notes"]:
        yield T("注意", style="bold")
        yield bullets(payload["notes"])
    if show_source:
        yield source_line(payload["source"])


def faq_list(payload: dict):
    if not payload["faq"]:
        yield T(f"没有找到与「{payload['query']}」相关的问答。可以换个词，或运行 ybguide faq 查看全部。")
        return
    for e in payload["faq"]:
        yield from faq_entry(e, full=bool(payload["query"]))
        yield T("")
    if not payload["query"]:
        yield T("查看某条问答全文：ybguide faq --show 序号", style="dim")


def faq_entry(e: dict, full: bool = True):
    q = T(f"{e['n']}. ", style="cyan")
    q.append(e["question"], style="bold")
    yield q
    if not full:
        return
    yield T(e["answer"])
    if e.get("steps"):
        yield numbered([f"{s['title']}：{s['text']}" for s in e["steps"]])
    if e.get("closing"):
        yield T(e["closing"], style="italic")
    yield source_line(e["source"])


def faq_one(e: dict):
    yield from faq_entry(e, full=True)


def data_check(payload: dict):
    yield T(f"数据检查通过：{payload['data_dir']}", style="bold green")
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE)
    table.add_column("内容")
    table.add_column("数量", justify="right")
    names = {
        "documents": "来源", "problems": "问题类型", "channels": "渠道", "corrections": "更正",
        "checklists": "材料清单", "stages": "处理阶段", "notes": "注意事项", "faq": "问答",
        "reasons": "不报销原因", "strategies": "应对策略", "procedures": "办理步骤",
        "regional_examples": "地区示例", "cautions": "提示", "calendar_days": "日历补充的日子",
        "flows": "引导流程", "questions": "流程问题", "outcomes": "流程结果", "periods": "期限",
    }
    for key, n in payload["counts"].items():
        table.add_row(T(names.get(key, key)), T(str(n)))
    yield table
    yield T("渠道：" + "、".join(payload["channels"]))
    yield T("材料清单：" + "、".join(payload["checklists"]))




# ---------------------------------------------------------------- dates


def _warnings(payload: dict):
    for w in payload.get("warnings", []):
        t = T("注意：", style="bold yellow")
        t.append(w)
        yield t


def _pad(text: str, cells: int) -> str:
    from rich.cells import cell_len

    return text + " " * max(1, cells - cell_len(text))


def deadline(p: dict):
    """One block per stage (plain Text, no table: it reads well when wrapped and starts fast)."""
    head = T(f"投诉提交日：{p['filed']}", style="bold")
    if p["complex"]:
        head.append("（复杂案件）")
    head.append(f"    今天：{p['today']}", style="dim")
    yield head
    yield T("")
    for s in p["stages"]:
        line = T(_pad(s["title"], 22), style="bold")
        due = f"{s['due']} {s['weekday']}"
        if s["window_start"]:
            due = f"{s['window_start']} 至 {due}"
        line.append(due, style="bold")
        if s.get("due_note"):
            line.append(f"（{s['due_note']}）")
        if s["estimated"]:
            line.append("（推算）", style="yellow")
        if s["passed"]:
            line.append("   已过", style="red")
        elif s["workdays_left"] == 0:
            line.append("   今天到期", style="bold red")
        elif s["workdays_left"] is not None:
            line.append(f"   还剩 {s['workdays_left']} 个工作日")
        yield line
        yield T(f"  {s['rule']}  [{s['id']}]")
        yield T(f"  来源：{s['source']}", style="dim")
    yield T("")
    yield from _warnings(p)


def workday(p: dict):
    t = T(f"{p['date']} {p['weekday']}：")
    t.append("工作日" if p["workday"] else "不是工作日", style="bold green" if p["workday"] else "bold red")
    detail = p["name"] or (p["kind"] if p["kind"] != "工作日" else None)
    if detail:
        t.append(f" · {detail}")
    yield t
    if "result" in p:
        n = p["n"]
        where = "当天" if n == 0 else (f"之后第 {n} 个工作日" if n > 0 else f"之前第 {-n} 个工作日")
        r = T(f"{p['date']} {where}：")
        r.append(f"{p['result']['date']} {p['result']['weekday']}", style="bold")
        yield r
    if p["estimated"]:
        yield T("（推算：该年官方放假安排尚未公布，日期可能变动）", style="yellow")


def month(p: dict):
    title = f"{p['year']}年{p['month']}月"
    if not p["official"]:
        title += "（推算：官方安排尚未公布）"
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE, title_justify="left")
    for name in ("一", "二", "三", "四", "五", "六", "日"):
        table.add_column(name, justify="center", no_wrap=True)
    cells = [T("")] * p["first_weekday"]
    for d in p["days"]:
        mark, style = "", ""
        if d["kind"] == "放假" or d.get("in_break"):
            mark, style = "休", "red"
        elif d["kind"] == "调休上班":
            mark, style = "班", "bold"
        elif d["kind"] == "停止办公":
            mark, style = "停", "red"
        elif not d["workday"]:
            style = "dim"
        cells.append(T(f"{d['day']:>2}{mark or '  '}", style=style))
    while len(cells) % 7:
        cells.append(T(""))
    for i in range(0, len(cells), 7):
        table.add_row(*cells[i:i + 7])
    yield table
    yield T("休 = 放假（含连着假期的周末）    班 = 调休上班的周末    停 = 本地停止办公", style="dim")
    named = [d for d in p["days"] if d["name"]]
    if named:
        yield bullets([f"{d['date']} {d['weekday']}：{d['name']}" for d in named])
    yield T(f"本月工作日：{p['workdays']} 天", style="dim")


def year(p: dict):
    title = f"{p['year']}年放假与调休安排"
    if not p["official"]:
        title += "（推算：官方安排尚未公布，可能变动）"
    yield T(title, style="bold")
    yield T("放假", style="bold")
    yield bullets([f"{d['date']} {d['weekday']}：{d['name']}" for d in p["holidays"]] or ["（无）"])
    yield T("调休上班", style="bold")
    yield bullets([f"{d['date']} {d['weekday']}" for d in p["makeup_workdays"]] or ["（无）"])
    if p["closures"]:
        yield T("停止办公", style="bold")
        yield bullets([f"{d['date']} {d['weekday']}：{d['name']}" for d in p["closures"]])
    yield T(f"全年工作日：{p['workdays']} 天", style="dim")


def hall(p: dict):
    yield T(p["text"], style="bold")
    if p["estimated"]:
        yield T("（推算：该年官方放假安排尚未公布，日期可能变动）", style="yellow")
    yield bullets(p["notes"])


# ---------------------------------------------------------------- guided flows (choose, reimburse)


def _section(title: str) -> Text:
    return T(title, style="bold")


def _labelled(label: str, text: str, label_style: str = "bold") -> Text:
    t = T(label, style=label_style)
    t.append(text)
    return t


def flow_question(q: dict):
    """One question of the wizard: its number, text and numbered options."""
    yield T("")
    yield heading(f"{q['title']} · 第 {q['number']} 题")
    yield T(q["text"], style="bold")
    yield numbered([o["label"] for o in q["options"]])


def flow_questions(p: dict):
    """``--list-questions``: question ids, option ids and where each option leads."""
    from rich.table import Table

    yield heading(p["title"], f"ybguide {p['flow']} 的问题和选项编号")
    for q in p["questions"]:
        t = T(q["id"], style="cyan")
        t.append("  " + q["text"])
        yield t
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, style="cyan")
        grid.add_column(overflow="fold")
        for o in q["options"]:
            nxt = o["next"]
            to = f"→ 问题 {nxt['question']}" if "question" in nxt else f"→ 结果 {nxt['outcome']}"
            grid.add_row(T("   "), T(o["id"]), T(f"{o['label']}  {to}"))
        yield grid
    yield _section("结果")
    yield bullets([f"{o['id']}：{o['title']}" for o in p["outcomes"]])
    yield T(f"用法：{p['example']}（--answer 可以写多次）", style="dim")


def flow_result(p: dict):
    """The outcome: the answers, then what to do, through which channel, why, with what, what next."""
    from rich.table import Table

    yield heading(f"{p['title']} · 建议")
    if p["answers"]:
        yield _section("您的回答")
        yield numbered([f"{a['question_text']} → {a['label']}" for a in p["answers"]])
    yield T("")
    yield T("◆ " + p["outcome"]["title"], style="bold green")
    yield T(p["outcome"]["summary"])
    c = p["channel"]
    if c:
        yield T("")
        yield _labelled("推荐渠道：", f"{c['name']}（{c['summary']}）")
        yield bullets(c["contact_lines"])
    if p["reasons"]:
        yield _section("为什么这样建议")
        yield bullets(p["reasons"])
    if p["reason"]:
        r = p["reason"]
        yield _labelled("可能的原因：", f"{r['title']}。{r['explanation']}")
        yield bullets([f"例如：{e}" for e in r["examples"]])
    if p["procedure"]:
        yield _section(f"怎么做：{p['procedure']['title']}")
        yield numbered(p["steps"])
        if p["procedure"]["closing"]:
            yield T(p["procedure"]["closing"], style="italic")
    elif p["steps"]:
        yield _section("怎么做")
        yield numbered(p["steps"])
    if p["processing_time"]:
        yield _labelled("处理时限：", p["processing_time"])
    for advice in p["corrections"]:
        yield _labelled("提醒：", advice, "bold yellow")
    if p["periods"]:
        yield _section("期限")
        yield bullets([f"{x['title']}：{x['text']}（{x['source']}）" for x in p["periods"]])
    if p["strategies"]:
        yield _section("应对策略")
        yield bullets([f"{s['title']}：{s['text']}" for s in p["strategies"]])
    for cl in p["checklists"]:
        yield _section(f"要准备的材料：{cl['title']}")
        yield bullets(cl["items"], mark="□")
    if p["record"]:
        yield _section("要记下的")
        yield bullets(p["record"]["items"])
        if p["record"]["text"]:
            yield T("  " + p["record"]["text"], style="dim")
    if p["alternatives"]:
        yield _section("备选渠道（什么时候改用）")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for alt in p["alternatives"]:
            t = T(f"{alt['name']}：{alt['when']}\n")
            t.append(alt["contact_text"], style="dim")
            grid.add_row(T("  ·"), t)
        yield grid
    if p["notes"] or p["cautions"]:
        yield _section("注意")
        yield bullets([f"{n['title']}：{n['text']}" for n in p["notes"]] + p["cautions"])
    yield _section("下一步可以运行")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="cyan")
    grid.add_column(overflow="fold")
    for n in p["next"]:
        grid.add_row(T("  " + n["command"]), T(n["why"]))
    yield grid
    yield T(f"不用再回答一遍，直接看这个建议：{p['replay']}", style="dim")
    shown = set()
    for src in p["sources"]:
        if src["text"] not in shown:
            shown.add(src["text"])
            yield source_line(src)
# ---------------------------------------------------------------- cases and letters


def _workdays_left(s: dict, overdue: bool = False) -> Text:
    if overdue:
        return T("已过", style="bold red")
    if s["workdays_left"] is None:
        return T("—")
    if s["workdays_left"] == 0:
        return T("今天到期", style="bold red")
    return T(f"{s['workdays_left']} 个工作日")


def case_list(p: dict):
    from rich import box
    from rich.table import Table

    if not p["cases"]:
        yield T("还没有记录任何案件。用 ybguide case add 记下第一次投诉。" if p["total"] == 0 else "没有符合条件的案件。")
        return
    table = Table(box=box.SIMPLE_HEAVY, title=f"案件（今天：{p['today']}）", title_justify="left")
    table.add_column("编号", justify="right", no_wrap=True)
    table.add_column("渠道", overflow="fold", ratio=2)
    table.add_column("提交日期", no_wrap=True)
    table.add_column("工单编号", overflow="fold", ratio=2)
    table.add_column("状态", no_wrap=True)
    table.add_column("下一个期限", overflow="fold", ratio=3)
    table.add_column("还剩", no_wrap=True, justify="right")
    for c in p["cases"]:
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
        status = T(c["status_label"], style="dim" if c["status"] == "closed" else "")
        table.add_row(T(str(c["id"]), style="red" if c["is_overdue"] else "cyan"), T(c["channel"]),
                      T(c["filed"]), T(c["ticket"] or "—"), status, nxt, left)
    yield table
    if any(c["is_overdue"] for c in p["cases"]):
        yield T("红色：期限已过而案件还没结案。可凭工单编号查询进度；详情：ybguide case show 编号", style="red")


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
    yield from _warnings(p["schedule"])


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
    for note in p["notes"]:
        t = T("注意：", style="bold yellow")
        t.append(note)
        yield t


def lines(payload: dict):
    """Generic: a payload with a 'lines' list of strings."""
    for line in payload["lines"]:
        yield T(line)
