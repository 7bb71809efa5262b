"""The guided flows: a question, the question list, the outcome."""

from __future__ import annotations

from yb_guide.views.common import phone_first_text

from yb_guide.cli.render.kit import (UNVERIFIED_MARK, T, confirm_text, bullets, contact, heading, labelled, numbered, para,
                                     section, source_line, status_text, warnings)


def command_for(flow_id: str, answers) -> str:
    """The command that replays ``answers``: ``ybguide choose --answer problem=fraud``."""
    return " ".join([f"ybguide {flow_id}", *(f"--answer {q}={o}" for q, o in answers)])


def next_command(action: dict) -> tuple[str, str]:
    """A next step of an outcome as the command to run and why."""
    kind = action["action"]
    if kind == "flow":
        return command_for(action["flow"], action["answers"]), action["why"]
    if kind == "checklist":
        acting = " --acting" if action.get("acting") else ""
        return f"ybguide checklist {action['id']}{acting}", f"{action['why']}（加 --markdown 可保存成文件）"
    if kind == "channel":
        return f"ybguide channels show {action['id']}", action["why"]
    if kind == "letter":
        return f"ybguide letter --case {action.get('case') or '编号'} --kind {action['kind']}", action["why"]
    if kind == "deadline":
        if action.get("case"):  # the case's dates are in the journal
            return f"ybguide case show {action['case']}", "这个案件记下的日期算出的各个期限"
        events = action["events"]
        channel = f" --channel {action['channel']}" if action.get("channel") else ""
        if events == ["filed"]:
            return f"ybguide deadline --filed 今天{channel}", action["why"]
        return "ybguide deadline " + " ".join(f"--{e} 日期" for e in events) + channel, action["why"]
    raise ValueError(kind)  # pragma: no cover - views make only these


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
    yield section("结果")
    yield bullets([f"{o['id']}：{o['title']}" for o in p["outcomes"]])
    yield T(f"用法：{command_for(p['flow'], p['example'])}（--answer 可以写多次）", style="dim")


def _reason(r: dict):
    """A 医保 reason: what it is, what to check first, what to do, whom to call, and its basis."""
    yield T("")
    yield labelled("可能的原因：", f"{r['title']}。{r['explanation']}")
    if r["examples"]:
        yield bullets([f"例如：{e}" for e in r["examples"]])
    if r["check"]:
        yield section("先查：")
        yield bullets(r["check"])
    if r["do"]:
        yield section("怎么办：")
        yield numbered(r["do"])
    if r["contacts"]:
        yield section("找谁问：")
        for call in r["contacts"]:
            yield bullets([f"{call['who']}——问：{call['ask']}"])
            if call["channel"]:
                c = call["channel"]
                lines = c["contact_lines"]
                text = "；".join(lines) + (UNVERIFIED_MARK if c.get("contact_check") else "")
                yield para(text, "dim", indent=4)
    if r["phone_first"]:
        yield para(f"{UNVERIFIED_MARK}{phone_first_text(r['phone_first'])}", "yellow")
    elif any(call["channel"] and call["channel"].get("contact_check") for call in r["contacts"]):
        check = next(call["channel"]["contact_check"] for call in r["contacts"]
                     if call["channel"] and call["channel"].get("contact_check"))
        yield para(f"{UNVERIFIED_MARK}{confirm_text(check)}", "yellow")
    if r["basis"]:
        yield section("依据")
        yield bullets([f"{b['text']}（{b['source']['text']}{status_text(b['source'])}）" for b in r["basis"]])


def _general(g: dict):
    """The web article's general advice, under its own heading, after the 医保 answer."""
    yield section(g["title"])
    yield para(g["note"], "dim")
    for r in g["reasons"]:
        examples = f"例如：{'；'.join(e.rstrip('。') for e in r['examples'])}。" if r["examples"] else ""
        yield bullets([f"{r['title']}：{r['explanation']}{examples}"])
    if g["procedure"]:
        yield T(f"  {g['procedure']['title']}")
        yield numbered([f"{s['title']}：{s['text']}" for s in g["procedure"]["steps"]])
        if g["procedure"]["closing"]:
            yield para(g["procedure"]["closing"], "italic")
    if g["strategies"]:
        yield bullets([f"{s['title']}：{s['text']}" for s in g["strategies"]])
    if g["cautions"]:
        yield bullets(g["cautions"], mark="!")
    yield source_line(g["source"], indent=2)


def now_block(p: dict):
    """The first block of every outcome: what to do now, with whom, by when (and 复议前置 where it applies)."""
    n = p["now"]
    yield T("◆ 现在就做：" + n["do"], style="bold green")
    yield T(p["outcome"]["summary"])
    c = n["contact"]
    if n["who"]:
        yield labelled("找谁：", n["who"])
    if c:
        yield from contact(c)
    if n["by"]:
        yield labelled("期限：", n["by"], "bold")
    for line in n.get("also", ()):
        yield T(line, style="bold")
    if n["agency"]:
        yield T(n["agency"], style="dim")
    if n["alongside"]:
        yield T(n["alongside"])
    if n["note"]:
        yield labelled("注意：", n["note"], "bold yellow")


def _checklists(p: dict, full: bool):
    for cl in p["checklists"]:
        yield section(f"要准备的材料：{cl['title']}" + ("（替家人办理）" if cl.get("acting") else ""))
        yield bullets(cl["items"] if full else [item.split(" —— ")[0] for item in cl["items"]], mark="□")
        if cl["acting_items"]:
            tip = f"（ybguide checklist {cl['id']} --acting）" if full else ""
            yield para(f"替家人办理（代办）的，还要带：{'、'.join(cl['acting_items'])}{tip}", "dim")


def flow_result(p: dict):
    """The outcome.  By default what to do now, with whom, by when, then how, with what and what next
    (a screen a person reads); --full (p["full"]) adds the answers, reasons, alternatives, notes,
    general advice and sources."""
    if p.get("full"):
        yield from _flow_result_full(p)
        return
    yield from now_block(p)
    r = p["reason"]
    if r:
        yield labelled("可能的原因：", r["title"])
        if r["check"]:
            yield labelled("先查：", r["check"][0])
        if r["do"]:
            yield section("怎么办：")
            yield numbered(r["do"])
        calls = [f"{call['who']}——问：{call['ask']}" for call in r["contacts"]]
        if calls:
            yield section("找谁问：")
            yield bullets(calls)
    elif p["steps"]:
        yield section("怎么做")
        yield numbered(p["steps"])
    if p["periods"]:
        yield section("期限（--full 看条文）")
        yield bullets([x["title"] + (f"——{x['condition']}" if x.get("condition") else "") for x in p["periods"]])
    if p["law_notes"]:
        yield bullets(p["law_notes"], mark="!")
    yield from _checklists(p, full=False)
    yield section("下一步可以运行")
    # the outcome's own steps (算期限, 写申请书, the other flow) before its checklist and channel pages
    ordered = sorted(p["next"], key=lambda a: a["action"] in ("checklist", "channel"))
    for action in ordered[:4]:
        command, why = next_command(action)
        yield para(T(command, style="cyan"))
    if p["answers"]:  # one line, to check the advice fits
        yield labelled("您的回答：", "；".join(a["label"] for a in p["answers"]), "dim")
    yield T("理由、备选渠道、注意事项和来源：加 --full", style="dim")


def _flow_result_full(p: dict):
    """The outcome: the answers, then what to do, through which channel, why, with what, what next."""
    from rich.table import Table

    yield heading(f"{p['title']} · 建议")
    yield from now_block(p)
    if p["answers"]:
        yield section("您的回答")
        yield numbered([f"{a['question_text']} → {a['label']}" for a in p["answers"]])
    if p["reasons"]:
        yield section("为什么这样建议")
        yield bullets(p["reasons"])
    if p["reason"]:
        yield from _reason(p["reason"])
    elif p["steps"]:
        yield section("怎么做")
        yield numbered(p["steps"])
    if p["processing_time"]:
        yield labelled("处理时限：", p["processing_time"])
    for advice in p["corrections"]:
        yield labelled("提醒：", advice, "bold yellow")
    if p["periods"]:
        yield section("期限")
        yield bullets([f"{x['title']}：{x['text']}（{x['source']}{status_text(x['source_detail']).strip('（）')}）"
                       + (f"——{x['condition']}" if x.get("condition") else "") for x in p["periods"]])
        yield from warnings(p)
    if p["law_notes"]:
        yield bullets(p["law_notes"], mark="!")
    if p["maybe"]:
        yield section("也可能是（逐一排除）")
        yield bullets([f"{m['title']}。先查：{m['check'][0]}" if m["check"] else m["title"] for m in p["maybe"]])
    yield from _checklists(p, full=True)
    if p["record"]:
        yield section("要记下的")
        yield bullets(p["record"]["items"])
        if p["record"]["text"]:
            yield T("  " + p["record"]["text"], style="dim")
    if p["alternatives"]:
        yield section("备选渠道（什么时候改用）")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for alt in p["alternatives"]:
            t = T(f"{alt['name']}：{alt['when']}\n")
            t.append(alt["contact_text"] + (UNVERIFIED_MARK if alt.get("contact_check") else ""), style="dim")
            grid.add_row(T("  ·"), t)
        yield grid
    if p["notes"]:
        yield section("注意")
        yield bullets([f"{n['title']}：{n['text']}" for n in p["notes"]])
    if p["general"]:
        yield from _general(p["general"])
    yield section("下一步可以运行")
    for action in p["next"]:
        command, why = next_command(action)
        yield para(T(command, style="cyan"))
        yield para(why, indent=4)
    replay = command_for(p["replay"]["flow"], p["replay"]["answers"])
    yield T(f"不用再回答一遍，直接看这个建议：{replay}", style="dim")
    shown = set()
    for src in p["sources"]:
        if src["text"] not in shown:
            shown.add(src["text"])
