"""``ybguide case …``: the case journal's commands."""


from pathlib import Path
from typing import List, Optional

import typer

from yb_guide.base.errors import UserError
from yb_guide.cli.frame import YbGroup
from yb_guide.cli.options import (DECISION_KIND, MATTER, RIGHTS_STATED, ADDRESS, AGENT_ID_NUMBER, AGENT_NAME, AGENT_RELATION, AMOUNT, ASK, CARD_NUMBER,
                                  CASE_ID, CHANNEL, COMPLEX, EVIDENCE, FORCE, ID_NUMBER, INCIDENT_DATE, INSTITUTION,
                                  INTERACTIVE, JSON, NAME, PHONE, PLACE, REVEAL, SUMMARY, TODAY, CaseEventDates,
                                  asks_questions, case_event_dates, date_option, given, knowledge, may_replace,
                                  today_option)
from yb_guide.cli.output import emit, emit_text
from yb_guide.cli.render import cases as render

case_app = typer.Typer(cls=YbGroup, no_args_is_help=True,
                       help="案件记录：每次投诉的渠道、日期、工单编号、接待人员、沟通经过；自动算期限。")


@case_app.command("add", cls=CaseEventDates)
def case_add(
    ctx: typer.Context,
    channel: Optional[str] = CHANNEL,
    filed: Optional[str] = typer.Option(None, "--filed", metavar="日期", help="提交投诉的日期，如 2024-05-06。"),
    ticket: Optional[str] = typer.Option(None, "--ticket", metavar="工单编号", help="工单编号或投诉编号。"),
    staff: Optional[str] = typer.Option(None, "--staff", metavar="姓名", help="接待人员姓名。"),
    institution: Optional[str] = INSTITUTION,
    amount: Optional[str] = AMOUNT,
    summary: Optional[str] = SUMMARY,
    ask: Optional[List[str]] = ASK,
    evidence: Optional[List[str]] = EVIDENCE,
    complex_case: bool = COMPLEX,
    incident_date: Optional[str] = INCIDENT_DATE,
    place: Optional[str] = PLACE,
    name: Optional[str] = NAME, phone: Optional[str] = PHONE, address: Optional[str] = ADDRESS,
    id_number: Optional[str] = ID_NUMBER, card_number: Optional[str] = CARD_NUMBER,
    agent_name: Optional[str] = AGENT_NAME, agent_relation: Optional[str] = AGENT_RELATION,
    agent_id_number: Optional[str] = AGENT_ID_NUMBER,
    decision_kind: Optional[str] = DECISION_KIND, matter: Optional[str] = MATTER,
    rights_stated: Optional[str] = RIGHTS_STATED,
    interactive: bool = INTERACTIVE, today: Optional[str] = TODAY, reveal: bool = REVEAL, as_json: bool = JSON,
):
    """记下一次投诉（不写选项时在终端里逐项提问）；替家人办理时写 --agent-name。"""
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    now = today_option(today)
    raw = given(channel=channel, filed=filed, ticket=ticket, staff=staff, institution=institution,
                        amount=amount, summary=summary, asks=ask, evidence=evidence, complex=complex_case,
                        incident_date=incident_date, place=place, name=name, phone=phone, address=address,
                        id_number=id_number, card_number=card_number, agent_name=agent_name,
                        agent_relation=agent_relation, agent_id_number=agent_id_number,
                        decision_kind=decision_kind, matter=matter, rights_stated=rights_stated)
    # the dates of what happened since: --result-received … (one option per event a case keeps)
    raw.update(case_event_dates(ctx))
    k = knowledge()
    missing = [(label, option) for name, label, option in (("channel", "投诉渠道", "--channel 渠道"),
                                                          ("filed", "提交日期", "--filed 日期")) if name not in raw]
    from yb_guide.cases.model import DECISION_DATES

    if not ({"channel", "filed"} & set(raw)) and ({"decision_kind", *DECISION_DATES} & set(raw)):
        missing = []  # a case started from a decision (for 行政复议): no complaint to ask about
    if asks_questions(interactive, bool(missing)):
        from yb_guide.cli import case_form, prompts

        raw = case_form.ask(k, raw, now, term=prompts.Terminal(options_hint="用 --channel、--filed 等选项直接给出（见 ybguide case add --help）"))
    elif missing:
        raise UserError("缺少" + "和".join(label for label, _ in missing) + "：请加上 " + " ".join(o for _, o in missing) + "。",
                        hint="例如 ybguide case add --channel 热线 --filed 今天；只记一个不予报销的决定：ybguide case add "
                             "--decision-kind 不予报销 --decision-known 日期；在终端里运行会逐项提问")
    case = cases.add(k, cases.make_case(k, raw, now), now)
    emit(case_views.case_detail(k, case, now, reveal=reveal, message=f"已记录为案件 {case.id}。"),
         render.case_detail, as_json=as_json)


@case_app.command("list")
def case_list(open_only: bool = typer.Option(False, "--open", help="只列出没有结案的案件。"),
              overdue: bool = typer.Option(False, "--overdue", help="只列出有期限已过的案件。"),
              search: Optional[str] = typer.Option(None, "--search", metavar="词",
                                                   help="只列出姓名、代办人、工单编号、涉及机构或经过里有这个词的案件；也可以写完整的身份证号（只按整个号码查找，列表里仍然隐去）。"),
              today: Optional[str] = TODAY,
              reveal: bool = typer.Option(False, "--reveal", help="显示完整的姓名（默认只显示姓和末字，如 王*英）。"),
              as_json: bool = JSON):
    """所有案件：参保人（姓名只显示姓和末字）、渠道、提交日期、工单编号、状态、下一个期限和还剩几个工作日；过期的标红。"""
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    emit(case_views.case_list(knowledge(), cases.all_cases(), today_option(today), open_only=open_only,
                              overdue_only=overdue, search=search, reveal=reveal), render.case_list, as_json=as_json)


@case_app.command("show")
def case_show(case_id: str = CASE_ID, history: bool = typer.Option(False, "--history", help="同时列出每一次修改。"),
              today: Optional[str] = TODAY, reveal: bool = REVEAL, as_json: bool = JSON):
    """一个案件的全部内容：各阶段期限（时间线）和沟通记录；--history 列出修改记录。"""
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    emit(case_views.case_detail(knowledge(), cases.get(case_id), today_option(today), reveal=reveal, history=history),
         render.case_detail, as_json=as_json)


@case_app.command("due")
def case_due(days: int = typer.Option(7, "--days", metavar="天数", help="列出今后多少天内到期的期限（默认 7 天）。"),
             today: Optional[str] = TODAY,
             reveal: bool = typer.Option(False, "--reveal", help="显示完整的姓名（默认只显示姓和末字，如 王*英）。"),
             as_json: bool = JSON):
    """所有案件中快到期和已过期的期限，按日期排列（已过期的在前），含复查、复核、行政复议和行政诉讼。"""
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    if days < 0:
        raise UserError(f"--days 的值「{days}」不对。", hint="写 0 或正整数，如 --days 7")
    emit(case_views.due(knowledge(), cases.all_cases(), today_option(today), days, reveal=reveal), render.due,
         as_json=as_json)


@case_app.command("log")
def case_log(case_id: str = CASE_ID,
             text: str = typer.Argument(..., metavar="经过", help="这次联系的情况，如“致电12393查询进度”。"),
             kind: str = typer.Option("其他", "--kind", metavar="方式",
                                      help="电话、上门、信件、答复、其他（也可写 call、visit、letter、reply、other）。"),
             at: Optional[str] = typer.Option(None, "--at", metavar="时间", help="什么时候，如 \"2024-05-20 10:30\"、\"昨天 9点05\"（默认：现在）。"),
             as_json: bool = JSON):
    """记一次沟通：打电话、去现场、寄信、收到答复（自动记下时间）。"""
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    from yb_guide.cases.model import parse_at

    when = parse_at(at, today_option(None)) if at is not None else None
    c, entry = cases.add_log(case_id, text, kind, when)
    emit(case_views.log_added(c, entry), render.log_added, as_json=as_json)


@case_app.command("result")
def case_result(case_id: str = CASE_ID,
                received: str = typer.Option(..., "--received", metavar="日期", help="收到处理结果的日期。"),
                today: Optional[str] = TODAY, reveal: bool = REVEAL, as_json: bool = JSON):
    """收到书面处理结果：记下日期，加上请求复查的最后一天（行政复议、行政诉讼的期限用 case decision 记下原决定的日期）。"""
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    now = today_option(today)
    k = knowledge()
    c, changes = cases.set_result(k, case_id, date_option(received, "--received", now), now)
    corrected = any(ch.old for ch in changes)
    message = (f"已改正案件 {c.id} 收到处理结果的日期（原来的日期留在修改记录里）。" if corrected
               else f"已记下案件 {c.id} 收到处理结果。" if changes else f"案件 {c.id} 的处理结果日期本来就是这一天。")
    emit(case_views.case_detail(k, c, now, reveal=reveal, message=message, changes=changes),
         render.case_detail, as_json=as_json)


@case_app.command("close")
def case_close(case_id: str = CASE_ID, today: Optional[str] = TODAY, as_json: bool = JSON):
    """结案（问题已解决或不再跟进）。"""
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    now = today_option(today)
    emit(case_views.status_changed(knowledge(), *cases.close(case_id, now), now), render.status_changed,
         as_json=as_json)


@case_app.command("reopen")
def case_reopen(case_id: str = CASE_ID, as_json: bool = JSON):
    """重新打开已结案的案件。"""
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    emit(case_views.status_changed(knowledge(), *cases.reopen(case_id), today_option(None)), render.status_changed,
         as_json=as_json)


@case_app.command("export")
def case_export(as_json: bool = typer.Option(False, "--json", help="JSON 格式（默认；完整备份）。"),
                as_csv: bool = typer.Option(False, "--csv", help="CSV 格式（Excel、WPS 直接打开：身份证号完整显示，渠道写中文名）。"),
                as_xlsx: bool = typer.Option(False, "--xlsx", help="Excel 工作簿（.xlsx，日期是日期格式，号码是文本格式）；要写 --out。"),
                out: Optional[Path] = typer.Option(None, "--out", metavar="文件",
                                                   help="写入文件（默认：显示在屏幕上）；不写格式时按扩展名（.json .csv .xlsx）。"),
                ics: Optional[Path] = typer.Option(None, "--ics", metavar="文件",
                                                   help="把还没到期的期限写成日历文件（.ics）：法定期限提前 7 天和前一个工作日提醒。"),
                case_id: Optional[str] = typer.Option(None, "--case", metavar="编号", help="--ics 时只写这个案件的期限。"),
                salvage: bool = typer.Option(False, "--salvage",
                                             help="案件数据库损坏时用：逐行取出还能读出的案件，说明丢了多少；不改动原文件。"),
                force: bool = FORCE, today: Optional[str] = TODAY):
    """导出全部案件和沟通记录（这就是备份；含完整的个人信息）；或用 --ics 导出期限日历。"""
    from yb_guide.cases import transfer as caseio
    from yb_guide.views import cases as case_views

    chosen = [name for name, flag in (("json", as_json), ("csv", as_csv), ("xlsx", as_xlsx)) if flag]
    if len(chosen) > 1:
        raise UserError("--json、--csv 和 --xlsx 只能选一个。")
    if ics is not None:
        if chosen or out is not None or salvage:
            raise UserError("--ics 不能和 --json、--csv、--xlsx、--out、--salvage 一起用。")
        from yb_guide.cases import journal as cases
        from yb_guide.schedule.ics import write_cases_ics

        k = knowledge()
        picked = [cases.get(case_id)] if case_id is not None else cases.all_cases()
        count = write_cases_ics(ics, cases.open_deadlines(k, picked, today_option(today)),
                                overwrite=may_replace(ics, force))
        emit(case_views.ics_exported(count, str(ics)), render.ics_exported, as_json=False)
        return
    if case_id is not None:
        raise UserError("--case 只用于 --ics。")
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    fmt = chosen[0] if chosen else (suffix if suffix in caseio.FORMATS else "json")
    if fmt == "xlsx" and out is None:
        raise UserError("Excel 工作簿不能显示在屏幕上。", hint="请写 --out 文件.xlsx")
    overwrite = may_replace(out, force) if out is not None else False
    k = knowledge()
    found = None
    if salvage:
        from yb_guide.cases.salvage import salvage as read_what_is_left

        found = read_what_is_left()
    data = caseio.export_data(k, fmt, None if found is None else found.cases)
    if out is None:
        emit_text(data.text)
    else:
        caseio.write_export(k, out, data, overwrite=overwrite)
        emit(case_views.exported(data.count, str(out), data.format, data.personal_data), render.exported,
             as_json=False)
    if found is not None:
        from yb_guide.cli.output import emit_summary

        emit_summary({"lines": [salvage_line(found)]}, as_json=False)


def salvage_line(found) -> str:
    """What a salvage read and what it could not, in one line (on stderr: stdout may carry the data)."""
    names = {"cases": "个案件", "log": "条沟通记录", "history": "条修改记录"}
    read = "、".join(f"{found.read.get(t, 0)} {w}" for t, w in names.items())
    lost = "、".join(f"{found.lost[t]} {w}" for t, w in names.items() if found.lost.get(t))
    if found.orphans:
        lost += ("、" if lost else "") + f"{found.orphans} 条属于读不出的案件的记录"
    tail = f"读不出、已丢失：{lost}" if lost else "没有读不出的内容"
    gaps = "、".join(f"{found.missing[t]} {w}" for t, w in names.items() if found.missing.get(t))
    if gaps:
        tail += f"；另有找不到的编号：{gaps}（以前删除的，或在损坏处）"
    return f"从 {found.path} 取回 {read}；{tail}。原文件没有改动。"


@case_app.command("import")
def case_import(file: Path = typer.Argument(..., metavar="文件",
                                          help="case export 导出的 JSON、CSV 或 .xlsx，Excel 的 CSV 或 .xlsx，或 deadline --batch 用的台账。"),
                new_ids: bool = typer.Option(False, "--new-ids", help="全部作为新案件导入（重新编号）。"),
                skip_bad: bool = typer.Option(False, "--skip-bad", help="跳过有错的行，只导入没有错的行（并列出跳过了哪几行）。"),
                today: Optional[str] = TODAY, as_json: bool = JSON):
    """从备份、CSV 或 Excel 工作簿导入案件（有错的行全部列出，改正之前什么都不导入，或加 --skip-bad；不认识的列如 序号、备注 不导入，会列出来）。"""
    from yb_guide.cases import transfer as caseio
    from yb_guide.views import cases as case_views

    report = caseio.import_file(knowledge(), file, today_option(today), new_ids=new_ids, skip_bad=skip_bad)
    emit(case_views.imported(report), render.imported, as_json=as_json)

