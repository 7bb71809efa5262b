"""``ybguide sources``: documents a person can look up, and what rests on each."""

from __future__ import annotations

from yb_guide.cli.render.kit import T, bullets, heading, para


def _fact_line(f: dict) -> str:
    text = f"{f['kind']}：{f['name']}"
    if f["detail"]:
        text += f"（{f['detail']}）"
    text += f" · {f['section']}"
    if f["status"] == "verified":
        text += f" · 已核实 {f['checked']}" + ("（较久未核对）" if f["stale"] else "")
    else:
        text += f" · {f['status_label']}"
    return text + (f" · {f['where']}" if f["where"] else "")


def sources(p: dict):
    c = p["counts"]
    title = "未经官方核实的事实（维护者请逐条核对）" if p["unverified_only"] else "来源"
    yield heading(title, f"共 {p['total']} 条事实：已核实 {c['verified']}，未经官方核实 {c['unverified']}，推算 {c['estimated']}")
    for d in p["documents"]:
        yield T("")
        yield T(f"{d['kind_label']}：{d['text']}", style="bold")
        details = []
        if d["effective"]:
            details.append(f"施行日期：{d['effective']}")
        if d["url"]:
            details.append(f"网址：{d['url']}")
        if d["title_note"]:
            details.append(d["title_note"])
        if d["read"]:
            details.append(f"核对：{d['read']}")
        if d["note"]:
            details.append(d["note"])
        for line in details:
            yield para(line, "dim")
        if d["facts"]:
            yield bullets([_fact_line(f) for f in d["facts"]])
