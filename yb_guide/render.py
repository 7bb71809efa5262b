"""Rich renderers: payload (from ``views``) -> renderables.

Every string from data or from the user goes in as ``Text`` (never parsed as
markup), so "[red]" in a summary prints as typed.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

T = Text  # short alias: T(str, style) never parses markup


def heading(title: str, sub: str | None = None):
    t = Text(title, style="bold")
    if sub:
        t.append("  " + sub, style="dim")
    return t


def _marked(marks: list[str], items: list[str], mark_style: str = "") -> Table:
    # A grid keeps wrapped lines of Chinese text (no spaces to break at) under their item.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=mark_style)
    grid.add_column(overflow="fold")
    for mark, item in zip(marks, items):
        grid.add_row(T("  " + mark), T(item))
    return grid


def numbered(items: list[str]) -> Table:
    return _marked([f"{i}." for i in range(1, len(items) + 1)], items, "cyan")


def bullets(items: list[str], mark: str = "·") -> Table:
    return _marked([mark] * len(items), items)


def source_line(src: dict) -> Text:
    t = Text("来源：", style="dim")
    t.append(src["text"], style="dim")
    if src.get("checked"):
        t.append(f"（核对于 {src['checked']}）", style="dim")
    return t


def channels_table(payload: dict):
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
        yield from checklist(c["checklist"])
    yield T("")
    yield source_line(c["source"])


def checklist(payload: dict):
    yield heading(payload["title"], payload.get("channel_name") or "")
    yield T(payload["purpose"])
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
    table = Table(box=box.SIMPLE)
    table.add_column("内容")
    table.add_column("数量", justify="right")
    names = {
        "documents": "来源", "problems": "问题类型", "channels": "渠道", "corrections": "更正",
        "checklists": "材料清单", "stages": "处理阶段", "notes": "注意事项", "faq": "问答",
        "reasons": "不报销原因", "strategies": "应对策略", "procedures": "办理步骤",
        "regional_examples": "地区示例", "cautions": "提示",
    }
    for key, n in payload["counts"].items():
        table.add_row(T(names.get(key, key)), T(str(n)))
    yield table
    yield T("渠道：" + "、".join(payload["channels"]))
    yield T("材料清单：" + "、".join(payload["checklists"]))


def lines(payload: dict):
    """Generic: a payload with a 'lines' list of strings."""
    yield Group(*(T(x) for x in payload["lines"]))
