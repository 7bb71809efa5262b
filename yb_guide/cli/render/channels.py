"""Channels, a channel, a checklist (on screen and as Markdown), the FAQ."""

from __future__ import annotations

from yb_guide.cli.render.kit import (UNVERIFIED_MARK, Responsive, T, blocks, bullets, confirm_text, contact, heading, labelled,
                                     numbered, para, source_line, status_text, table)


def channels_list(payload: dict):
    def contact_text(c):
        return "\n".join(f"{line}{UNVERIFIED_MARK if c['contact_check'] else ''}" for line in c["contact_lines"])

    def wide():
        t = table(box="SIMPLE_HEAVY", title=f"{payload['region']['short_name']}医保投诉渠道", title_justify="left")
        t.add_column("渠道", overflow="fold", ratio=3)
        t.add_column("适合", overflow="fold", ratio=3)
        t.add_column("联系方式", overflow="fold", ratio=5)
        t.add_column("处理时限", overflow="fold", ratio=2)
        for c in payload["channels"]:
            t.add_row(T(c["name"]), T("；".join(c["use_when"])), T(contact_text(c)), T(c["processing_time"] or "—"))
        return [t]

    def narrow():
        yield T(f"{payload['region']['short_name']}医保投诉渠道", style="bold")
        for c in payload["channels"]:
            yield T("")
            yield from blocks([(c["name"], [("适合", "；".join(c["use_when"])), ("处理时限", c["processing_time"])])])
            yield from contact(c, footnote=False)

    yield Responsive(100, wide, narrow)
    checks = [c["contact_check"] for c in payload["channels"] if c["contact_check"]]
    if checks:
        yield para(f"{UNVERIFIED_MARK} 未经官方核实，办事前先打电话确认：{checks[0]['confirm_by']}", "yellow", indent=0)
    yield T("查看某个渠道的步骤和材料：ybguide channels show 渠道名称（如 热线、现场、信件）", style="dim")


def channel_detail(c: dict):
    yield heading(c["name"], f"{c['group']} · {c['summary']}")
    yield T(c["description"])
    yield T("")
    yield T("联系方式", style="bold")
    yield from contact(c)
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
        yield from checklist_detail(c["checklist"], show_source=c["checklist"]["source"]["text"] != c["source"]["text"])
    yield T("")
    yield source_line(c["source"])


def checklist_detail(payload: dict, show_source: bool = True):
    yield heading(payload["title"], payload.get("channel_name") or "")
    yield T(payload["purpose"])

    def wide():
        t = table(box="SIMPLE", show_header=True, pad_edge=False)
        t.add_column("", no_wrap=True)
        t.add_column("材料", overflow="fold", ratio=3)
        t.add_column("形式", overflow="fold", ratio=2)
        t.add_column("", no_wrap=True)
        t.add_column("为什么", overflow="fold", ratio=4)
        for item in payload["items"]:
            need_style = "bold" if item["need"] == "required" else "dim"
            t.add_row(T("□"), T(item["item"]), T(item["form_label"]),
                      T(item["need_label"], style=need_style), T(item["why"]))
        return [t]

    def narrow():
        for item in payload["items"]:
            line = T("□ ", style="bold")
            line.append(item["item"], style="bold")
            line.append(f"（{item['form_label']}，{item['need_label']}）")
            yield para(line)
            yield para(item["why"], "dim", indent=4)

    yield Responsive(90, wide, narrow)
    if payload["acting_items"]:
        yield para(acting_hint(payload), "dim", indent=0)
    if payload.get("hall_hours"):
        yield from hall_lines(payload["hall_hours"])
    if payload["notes"]:
        yield T("注意", style="bold")
        yield bullets(payload["notes"])
    own = _item_sources(payload)
    if own:
        yield T("其中几项另有来源", style="bold")
        yield bullets(own)
    if show_source:
        yield source_line(payload["source"])


def acting_hint(payload: dict) -> str:
    return f"替家人代办时还要准备：{'、'.join(payload['acting_items'])}（ybguide checklist {payload['id']} --acting）"


def _item_sources(payload: dict) -> list[str]:
    """Items whose source is not the checklist's own: the item, its source and whether it was checked."""
    return [f"{i['item']}：{i['source']['text']}{status_text(i['source'])}" for i in payload["items"]
            if i["source"]["text"] != payload["source"]["text"]]


def hall_lines(h: dict):
    yield labelled("什么时候去：", h["text"])
    if h["contact_check"]:
        yield para(f"{UNVERIFIED_MARK} 办公时间未经官方核实，办事前先打电话确认：{h['contact_check']['confirm_by']}",
                   "yellow", indent=0)


def faq_list(payload: dict):
    if not payload["faq"]:
        yield from faq_referral(payload)
        return
    if not payload["query"]:
        for e in payload["faq"]:
            yield from faq_entry(e, full=False)
            yield T("")
        yield T("查看某条问答全文：ybguide faq --show 序号", style="dim")
        return
    # the questions found, each with its answer in one line (the 医保 ones first); then the best one in full
    yield T(f"找到 {len(payload['faq'])} 条与「{payload['query']}」相关的问答：", style="bold")
    for e in payload["faq"]:
        yield from faq_entry(e, full=False)
        yield para(e["brief"], "dim", indent=3)
    yield T("")
    yield from faq_entry(payload["faq"][0], full=True)
    rest = [str(e["n"]) for e in payload["faq"][1:]]
    if rest:
        yield T("")
        yield T(f"其余几条的全文：ybguide faq --show {rest[0]}" + (f"（或 {'、'.join(rest[1:])}）" if rest[1:] else ""),
                style="dim")
    r = payload.get("referral")
    if r:  # the answers found may miss the point: who answers such questions, in a line
        yield T("")
        calls = "、".join(f"{c['name']}（{'、'.join(c['use_when'][:2])}）" for c in r["channels"])
        yield para(f"如果这几条没有答到您的问题：{r['lead']}{calls}。" + status_text(r["source"]), "yellow", indent=0)


def faq_referral(payload: dict):
    """A search that found nothing: who answers such questions, the flow that fits, then other words."""
    from yb_guide.cli.render.flows import next_command

    r = payload.get("referral")
    yield T(f"问答里没有「{payload['query']}」的答案。", style="bold")
    if r:
        yield para(r["lead"], indent=0)
        for c in r["channels"]:
            yield T(f"· {c['name']}：" + "、".join(c["use_when"]))
            yield from contact(c, footnote=False)
        check = next((c["contact_check"] for c in r["channels"] if c["contact_check"]), None)
        if check:
            yield para(f"{UNVERIFIED_MARK} {confirm_text(check)}", "yellow", indent=0)
        for action in r["next"]:
            command, why = next_command(action)
            yield labelled("可以一步步回答问题：", f"{why}——{command}", "bold green")
        yield source_line(r["source"])
    yield T("也可以换个说法再查，或运行 ybguide faq 查看全部问答。", style="dim")


def faq_entry(e: dict, full: bool = True):
    q = T(f"{e['n']}. ", style="cyan")
    q.append(e["question"], style="bold")
    yield q
    if not full:
        return
    if e.get("first_step"):
        f = e["first_step"]
        yield labelled("先做这件事：", f"{f['who']}，{f['title']}" + (f"——{f['by']}" if f["by"] else ""), "bold green")
    yield labelled("网络文章原话：", e["answer"], "dim") if e.get("corrections") else T(e["answer"])
    if e.get("steps"):
        yield numbered([f"{s['title']}：{s['text']}" for s in e["steps"]])
    if e.get("closing"):
        yield T(e["closing"], style="italic")
    for corr in e.get("corrections", []):
        yield labelled("法规怎么说：", corr["advice"] + status_text(corr["source"]), "bold yellow")
    yield source_line(e["source"])


def faq_one(e: dict):
    yield from faq_entry(e, full=True)


def checklist_markdown(payload: dict) -> str:
    """A printable Markdown version of a checklist payload."""
    lines = [f"# {payload['title']}", "", payload["purpose"], ""]
    for item in payload["items"]:
        lines.append(f"- [ ] **{item['item']}**（{item['form_label']}，{item['need_label']}）：{item['why']}")
    # A page to hand a resident: the acting items as boxes too, the hall's usual hours rather than
    # today's status, and no command line.
    if payload["acting_items"] and not payload["acting"]:
        lines += ["", "替家人代办时还要准备："] + [f"- [ ] {item}" for item in payload["acting_items"]]
    hall = payload.get("hall_hours")
    if hall and hall.get("hours"):
        lines += ["", f"**什么时候去：** 工作日 {hall['hours']}（法定节假日除外）"]
        if hall["contact_check"]:
            lines.append(f"（办公时间未经官方核实，办事前先打电话确认：{hall['contact_check']['confirm_by']}）")
    if payload["notes"]:
        lines += ["", "## 注意"] + [f"- {n}" for n in payload["notes"]]
    own = _item_sources(payload)
    if own:
        lines += ["", "## 其中几项另有来源"] + [f"- {x}" for x in own]
    lines += ["", f"来源：{payload['source']['text']}{status_text(payload['source'])}", ""]
    return "\n".join(lines)
