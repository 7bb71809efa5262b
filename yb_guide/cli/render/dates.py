"""Deadlines, a working day, a month, a year, the hall's hours."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yb_guide.cli.render.kit import (FOLLOW_UP_TEXT, UNVERIFIED_MARK, T, bullets, with_paths, labelled, pad, para, source_line,
                                     status_text, warnings)

if TYPE_CHECKING:  # the payloads' shapes (views.dates); nothing imported at run time
    from yb_guide.views.dates import Deadline, Stage


def _stage_line(s: Stage):
    line = T(pad(s["title"], 22), style="bold")
    due = f"{s['due']} {s['weekday']}"
    if s["window_start"]:
        due = f"{s['window_start']} 至 {due}"
    line.append(due, style="bold")
    if s.get("due_note"):
        line.append(f"（{s['due_note']}）")
    if s["estimated"]:
        line.append("（推算）", style="yellow")
    line.append(_left(s))
    return line


def _left(s: Stage) -> str:
    """How far off the day is; a usual handling time that passed is no missed deadline."""
    if s["done"]:
        return ""
    if s["passed"]:
        return "   已过" if s["legal"] else "   " + FOLLOW_UP_TEXT
    if s["workdays_left"] == 0:
        return "   今天到期"
    return f"   还剩 {s['workdays_left']} 个工作日" if s["workdays_left"] is not None else ""


def _head(p: Deadline):
    given = "；".join(f"{p['event_labels'][key]} {value}" for key, value in p["events"].items())
    head = T(given + ("（复杂案件）" if p["complex"] else ""), style="bold")
    if p["today"]:
        head.append(f"    今天：{p['today']}", style="dim")
    return head


def deadline(p: Deadline):
    """The dates that matter now, the next legal one first; --full (p["full"]) adds every rule, its
    basis and source, and the periods that wait for a date."""
    if p.get("full"):
        yield from _deadline_full(p)
        return
    yield _head(p)
    yield from first_step_lines(p)
    for n in p["notes"]:
        if n["lead"]:
            yield T("")
            yield T(f"{n['title']}（{n['basis_kind_label']}）", style="bold yellow")
            yield para(n["summary"], indent=2)
    for t in p["tracks"]:
        stages = [s for s in t["stages"] if not s["done"]]
        if not stages and not any(not n["lead"] for n in p["notes"] if n["track"] == t["id"]):
            continue
        yield T("")
        yield T(f"■ {t['title']}" + ("" if t["kind"] == "legal" else "（不是法定期限）"), style="bold")
        said = p["agency"] and p["agency"]["track"] == t["id"]  # the 对方最晚 line at the top already says it
        if t["condition"] and not said and any(t["condition"] in (s["condition"] or "") for s in stages):  # once
            yield para(f"（{t['condition']}）", "dim")
        if t["kind"] == "legal":
            for s in stages:
                yield _stage_line(s)
                for extra in (_own_condition(s["condition"], t["condition"]), s["moved_text"]):
                    if extra:
                        yield para(extra, "yellow", indent=4)
        else:  # usual handling times: one line each
            for s in stages:
                yield T(f"  {s['due']} {s['weekday']}  {s['title']}" + ("（推算）" if s["estimated"] else "") + _left(s))
        for n in p["notes"]:
            if n["track"] == t["id"] and not n["lead"]:
                yield para(f"· {n['summary']}", "dim")
    yield T("")
    for w in p["brief_warnings"]:
        yield labelled("注意：", w, "bold yellow")
    if p["decision_needed"]:
        yield T("加上 --decision-known 日期，算出行政复议和行政诉讼的最后一天。", style="dim")
    later = "之后还有期限（给出以后的日期再算）；" if p["pending"] else ""
    yield T(f"{later}每个期限的规则原文、依据和来源：加 --full", style="dim")


def _own_condition(condition: str | None, track_condition: str | None) -> str | None:
    """A stage's condition less its track's, which the track's heading says once."""
    if not condition or not track_condition:
        return condition
    return condition.replace("；" + track_condition, "").replace(track_condition, "") or None


def first_step_lines(p: Deadline):
    """先做这件事 (the person's act, dated or waiting for a date) and 对方最晚 (an authority's duty)."""
    nxt, first, agency = p["next"], p["first_step"], p["agency"]
    if first:
        line = T("先做这件事：", style="bold")
        if nxt:
            line.append(f"{first['title']}——{nxt['title']} {nxt['due']} {nxt['weekday']}"
                        if nxt["title"] != first["title"] and not nxt["title"].startswith(first["title"])
                        else f"{nxt['title']}——{nxt['due']} {nxt['weekday']}", style="bold")
            if nxt["estimated"]:
                line.append("（推算）", style="yellow")
            line.append(_left(nxt))
            yield line
            for extra in (nxt["condition"], nxt["moved_text"], first["passed"]):
                if extra:
                    yield para(extra, "yellow")
        else:
            line.append(first["title"], style="bold")
            yield line
            yield para(first["passed"] or first["needs_text"] or "", "yellow")
            if first["needs"]:
                yield T(f"补上{first['needs_label']}的日期（--{first['needs']} 日期），算出最后一天。", style="dim")
    if agency:  # one line: the office's date, and when it is a legal one (its other conditions: under the date below)
        track = next((t["condition"] for t in p["tracks"] if t["id"] == agency["track"]), None)
        legal_when = track if track and track in (agency["condition"] or "") else None
        yield labelled("对方最晚：", f"{agency['due']} {agency['weekday']} {agency['title']}"
                       + ("（推算）" if agency["estimated"] else "")
                       + "".join(f"（{x}）" for x in (legal_when, agency["moved_text"]) if x))


def _deadline_full(p: Deadline):
    """One block per track, one per stage in date order (plain Text: it reads well when wrapped and starts fast)."""
    yield _head(p)
    for n in p["notes"]:
        yield T("")
        yield T(f"{n['title']}（{n['basis_kind_label']}）", style="bold yellow" if n["lead"] else "bold")
        yield para(n["text"], indent=2)
        yield source_line(n["source"], "依据：", indent=2)
        for also in n["also"]:
            yield para(f"又见：{also}", "dim")
    for t in p["tracks"]:
        if not (t["stages"] or t["pending"] or t["notes"]):
            continue
        yield T("")
        yield T(f"■ {t['title']} · {t['kind_label']}", style="bold")
        yield para(t["summary"], "dim")
        for s in t["stages"]:
            yield _stage_line(s)
            for extra in (s["condition"], s["moved_text"]):
                if extra:
                    yield para(extra, "yellow")
            yield para(s["rule"])
            if s["extended_due"]:
                yield para(f"延长后最晚：{s['extended_due']} {s['extended_weekday']}"
                           + ("（推算）" if s["extended_estimated"] else ""))
            yield source_line(s["source_detail"], "依据：" if s["basis"] else "来源：", indent=2)
            for also in s["also"]:
                yield para(f"又见：{also}", "dim")
            if s["basis_kind"] == "inference":
                yield para("（本工具的推论）", "yellow")
        for n in t["notes"]:
            yield para(labelled("说明：", n["text"] + status_text(n["source"]), "bold"))
        if t["pending"]:
            yield T("  之后的期限（给出日期后计算）：", style="bold")
            yield bullets([f"{x['needs_label']}后：{x['title']}——{x['rule']}"
                           + (f"（{x['condition']}）" if x["condition"] else "") for x in t["pending"]])
    yield T("")
    yield from warnings(p)
    if p["decision_needed"]:
        yield T("  加上 --decision-known 日期，算出行政复议和行政诉讼的最后一天。", style="dim")


def workday(p: dict):
    t = T(f"{p['date']} {p['weekday']}：")
    t.append("工作日" if p["workday"] else "不是工作日", style="bold green" if p["workday"] else "bold red")
    detail = p["name"] or (p["kind"] if p["kind"] != "工作日" else None)
    if detail:
        t.append(f" · {detail}")
    if p["office_closed"]:
        t.append(f" · {p['kind']}" if p["name"] else "")
    if p.get("day_estimated", p["estimated"]):
        t.append("（推算）", style="yellow")
    yield t
    if "result" in p:
        n = p["n"]
        where = "当天" if n == 0 else (f"之后第 {n} 个工作日" if n > 0 else f"之前第 {-n} 个工作日")
        r = T(f"{p['date']} {where}：")
        r.append(f"{p['result']['date']} {p['result']['weekday']}", style="bold")
        if p.get("result_office_closed"):
            r.append(" · 停止办公")
        if p["estimated"]:
            r.append("（推算）", style="yellow")
        yield r
    if p["office_closed"] or p.get("result_office_closed"):
        yield T("停止办公是本地的安排：法定期限照常把这一天算作工作日（只有法定节假日才不算），"
                "但这天去不了办事大厅。", style="dim")
    if p["estimated"]:
        years = "、".join(map(str, p["estimated_years"]))
        yield T(f"（推算：本工具尚未收录{years}年的官方放假安排，日期可能变动"
                + ("；年底几天也可能被下一年的通知改动" if any(y > int(p["date"][:4]) for y in p["estimated_years"]) else "")
                + "）", style="yellow")


def month(p: dict):
    title = f"{p['year']}年{p['month']}月"
    if not p["official"]:
        title += "（推算：本工具尚未收录该年的官方安排）"
    from yb_guide.cli.render.kit import table as table_of

    table = table_of(title=title, box="SIMPLE", title_justify="left")
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
    if p["late_note"]:
        yield T(p["late_note"], style="yellow")


def year(p: dict):
    title = f"{p['year']}年放假与调休安排"
    if not p["official"]:
        title += "（推算：本工具尚未收录该年的官方安排，可能变动）"
    yield T(title, style="bold")
    yield T("放假（含连在一起的周末）", style="bold")
    yield bullets([f"{b['name']}：{b['start']['date']} {b['start']['weekday']} 至 {b['end']['date']} {b['end']['weekday']}，"
                   f"共{b['days']}天" for b in p["breaks"]] or ["（无）"])
    yield T("调休上班", style="bold")
    yield bullets([f"{d['date']} {d['weekday']}" for d in p["makeup_workdays"]] or ["（无）"])
    if p["closures"]:
        yield T("停止办公", style="bold")
        yield bullets([f"{d['date']} {d['weekday']}：{d['name']}" for d in p["closures"]])
    yield T(f"全年工作日：{p['workdays']} 天", style="dim")
    if p["late_note"]:
        yield T(p["late_note"], style="yellow")


def hall(p: dict):
    yield T(p["text"], style="bold")
    if p["estimated"]:
        yield T("（推算：本工具尚未收录相关年份的官方放假安排，日期可能变动）", style="yellow")
    if p["contact_check"]:
        yield para(f"{UNVERIFIED_MARK} 办公时间{' ' + p['hours'] + ' ' if p['hours'] else ''}未经官方核实，办事前先打电话确认：{p['contact_check']['confirm_by']}",
                   "yellow", indent=0)
    yield bullets(p["notes"])


def notice_imported(p: dict):
    yield T(f"已导入《{p['title']}》{('（' + p['number'] + '）') if p['number'] else ''}：{p['year']}年的放假安排从此按官方通知计算。",
            style="bold green")
    yield with_paths(f"放假 {len(p['holidays'])} 天，调休上班 {len(p['makeup_workdays'])} 天；保存在 {p['file']}", style="dim")
    yield bullets([f"{d['date']} {d['weekday']}：{d['name']}" for d in p["holidays"] + p["makeup_workdays"]])
    for source in p["later"]:
        changed = [c for c in p["changed"] if c["source"] == source]
        yield T(f"这一年后来还有《{source}》，它改动的日子以它为准，已一并保存" + ("：" if changed else "。"), style="bold yellow")
        yield bullets([f"{c['date']} {c['weekday']}：年度通知为{c['before']}，后来的通知改为{c['after']}"
                       + ("" if c["name"].startswith(c["after"]) else f" · {c['name']}") for c in changed])
