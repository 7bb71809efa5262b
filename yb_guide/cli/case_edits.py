"""``ybguide case edit|log-edit|log-delete|delete|review|reexam|decision``: correcting and completing a
case.  Nothing is silently rewritten: every change is kept in the case's history."""


from typing import List, Optional

import typer

from yb_guide.base.errors import UserError
from yb_guide.cli.cases import case_app
from yb_guide.cli.options import (DECISION_KIND, MATTER, RIGHTS_STATED, ADDRESS, AGENT_ID_NUMBER, AGENT_NAME, AGENT_RELATION, AMOUNT, ASK, CARD_NUMBER,
                                  CASE_ID, CHANNEL, EVIDENCE, ID_NUMBER, INCIDENT_DATE, INSTITUTION, JSON, NAME, PHONE,
                                  PLACE, REVEAL, SUMMARY, TODAY, YES, CaseEventDates, asks_questions, case_event_dates,
                                  confirmed, date_option, given, knowledge, today_option)
from yb_guide.cli.output import emit
from yb_guide.cli.render import cases as render

ENTRY = typer.Argument(..., metavar="第几条", help="沟通记录的序号（见 ybguide case show 编号）。")


def _show(k, case, now, changes, reveal, as_json, message):
    from yb_guide.views import cases as case_views

    emit(case_views.case_detail(k, case, now, reveal=reveal, message=message, changes=changes),
         render.case_detail, as_json=as_json)


@case_app.command("edit", cls=CaseEventDates)
def case_edit(
    ctx: typer.Context,
    case_id: str = CASE_ID,
    channel: Optional[str] = CHANNEL,
    filed: Optional[str] = typer.Option(None, "--filed", metavar="日期", help="提交投诉的日期。"),
    ticket: Optional[str] = typer.Option(None, "--ticket", metavar="工单编号", help="工单编号或投诉编号。"),
    staff: Optional[str] = typer.Option(None, "--staff", metavar="姓名", help="接待人员姓名。"),
    institution: Optional[str] = INSTITUTION, amount: Optional[str] = AMOUNT, summary: Optional[str] = SUMMARY,
    ask: Optional[List[str]] = ASK, evidence: Optional[List[str]] = EVIDENCE,
    complex_case: Optional[bool] = typer.Option(None, "--complex/--not-complex", help="是不是复杂案件。"),
    incident_date: Optional[str] = INCIDENT_DATE, place: Optional[str] = PLACE,
    name: Optional[str] = NAME, phone: Optional[str] = PHONE, address: Optional[str] = ADDRESS,
    id_number: Optional[str] = ID_NUMBER, card_number: Optional[str] = CARD_NUMBER,
    agent_name: Optional[str] = AGENT_NAME, agent_relation: Optional[str] = AGENT_RELATION,
    agent_id_number: Optional[str] = AGENT_ID_NUMBER,
    decision_kind: Optional[str] = DECISION_KIND, matter: Optional[str] = MATTER,
    rights_stated: Optional[str] = RIGHTS_STATED,
    reason: Optional[str] = typer.Option(None, "--reason", metavar="理由", help="不服处理意见的理由（写复查/复核申请书用）。"),
    interactive: bool = typer.Option(False, "--interactive", "-i", help="逐项提问（在终端里不写选项时会自动提问）。"),
    today: Optional[str] = TODAY, reveal: bool = REVEAL, as_json: bool = JSON,
):
    """改正或补全一个案件（如工单编号后来才拿到）；不写选项时逐项提问，每项显示现在的值。每次修改都留有记录。"""
    from yb_guide.cases import corrections
    from yb_guide.cases import journal as cases

    now = today_option(today)
    k = knowledge()
    changes = given(channel=channel, filed=filed, ticket=ticket, staff=staff, institution=institution, amount=amount,
                    summary=summary, asks=ask, evidence=evidence, incident_date=incident_date, place=place, name=name,
                    phone=phone, address=address, id_number=id_number, card_number=card_number, agent_name=agent_name,
                    agent_relation=agent_relation, agent_id_number=agent_id_number, reason=reason,
                    decision_kind=decision_kind, matter=matter, rights_stated=rights_stated)
    changes.update(case_event_dates(ctx))  # --result-received … (one option per event a case keeps)
    if complex_case is not None:
        changes["complex"] = complex_case
    if not changes:
        from yb_guide.cli import case_form, prompts

        if not asks_questions(interactive, True):
            raise UserError("没有写要改什么。", hint="例如 ybguide case edit 1 --ticket 2024050600123；在终端里运行会逐项提问")
        current = cases.get(case_id)
        answers = case_form.ask(k, {}, now, current={f: getattr(current, f) for f, _ in case_form.CASE_QUESTIONS},
                                term=prompts.Terminal(options_hint="用 --ticket、--staff 等选项直接给出要改的内容"))
        changes = {f: v for f, v in answers.items() if v != getattr(current, f)}
    case, done = corrections.edit(k, case_id, changes, now)
    message = f"已修改案件 {case.id}：{len(done)} 项。" if done else f"案件 {case.id} 没有变化。"
    _show(k, case, now, done, reveal, as_json, message)


@case_app.command("log-edit")
def case_log_edit(case_id: str = CASE_ID, number: int = ENTRY,
                  text: Optional[str] = typer.Option(None, "--text", metavar="经过", help="改成的内容。"),
                  kind: Optional[str] = typer.Option(None, "--kind", metavar="方式", help="电话、上门、信件、答复、其他。"),
                  at: Optional[str] = typer.Option(None, "--at", metavar="时间", help="改成的时间，如 \"2024-05-20 10:30\"。"),
                  today: Optional[str] = TODAY, as_json: bool = JSON):
    """改正一条沟通记录（原来的内容留在修改记录里）。"""
    from yb_guide.cases import corrections
    from yb_guide.cases.model import parse_at
    from yb_guide.views import cases as case_views

    now = today_option(today)
    when = parse_at(at, now) if at is not None else None
    case, change = corrections.edit_log(case_id, number, now, text=text, kind=kind, at=when)
    emit(case_views.log_changed(case, change), render.log_changed, as_json=as_json)


@case_app.command("log-delete")
def case_log_delete(case_id: str = CASE_ID, number: int = ENTRY, yes: bool = YES, as_json: bool = JSON):
    """删除一条沟通记录（删除的内容留在修改记录里）。"""
    from yb_guide.cases import corrections
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    case = cases.get(case_id)
    if not 1 <= number <= len(case.log):
        corrections.delete_log(case_id, number)  # says which entries exist
    entry = case.log[number - 1]
    if not confirmed(f"要删除案件 {case.id} 的第 {number} 条记录「{entry.text}」吗？", yes):
        raise UserError("没有删除。", hint="确实要删除，加 --yes")
    case, change = corrections.delete_log(case_id, number)
    emit(case_views.log_changed(case, change), render.log_changed, as_json=as_json)


@case_app.command("delete")
def case_delete(case_id: str = CASE_ID, yes: bool = YES, as_json: bool = JSON):
    """删除一个案件（先在案件数据库旁边存一份这个案件的导出文件，可用 case import 找回）。"""
    from yb_guide.cases import corrections
    from yb_guide.cases import journal as cases
    from yb_guide.views import cases as case_views

    case = cases.get(case_id)
    if not confirmed(f"要删除案件 {case.id}（{case_views.who(knowledge(), case)}）吗？", yes):
        raise UserError("没有删除。", hint="确实要删除，加 --yes")
    case, path = corrections.delete(case_id)
    emit(case_views.deleted(case, str(path)), render.deleted, as_json=as_json)


def _event(k, case_id, now, fields: dict, kind: str, text: str, reveal: bool, as_json: bool):
    from yb_guide.cases import corrections

    case, changes = corrections.set_event(k, case_id, fields, now, kind, text)
    _show(k, case, now, changes, reveal, as_json, f"已记入案件 {case.id}：{text}。")


def _step(case_id, requested, to, replied, now, step: str, label: str, reveal, as_json):
    """Record a 复查 or 复核 request, its written opinion, or both at once."""
    if requested is None and replied is None:
        raise UserError(f"写 --requested 日期（提出{label}请求）或 --replied 日期（收到{label}意见），也可以两个都写。")
    if to and requested is None:
        raise UserError("--to 只和 --requested 一起用。")
    fields, said, kind = {}, [], "reply"
    if requested is not None:
        day = date_option(requested, "--requested", now)
        fields.update({f"{step}_requested": day, **({f"{step}_to": to} if to else {})})
        said.append(f"提出{label}请求（{day.isoformat()}" + (f"，向{to}" if to else "") + "）")
        kind = "letter"
    if replied is not None:
        day = date_option(replied, "--replied", now)
        fields[f"{step}_replied"] = day
        said.append(f"收到{label}意见（{day.isoformat()}）")
        kind = "reply"
    _event(knowledge(), case_id, now, fields, kind, "；".join(said), reveal, as_json)


REQUESTED = typer.Option(None, "--requested", metavar="日期", help="提出请求的日期。")
REPLIED = typer.Option(None, "--replied", metavar="日期", help="收到书面意见的日期。")
TO = typer.Option(None, "--to", metavar="机关", help="向哪个机关提出，如 某某市医疗保障局。")


@case_app.command("review")
def case_review(case_id: str = CASE_ID, requested: Optional[str] = REQUESTED, to: Optional[str] = TO,
                replied: Optional[str] = REPLIED, today: Optional[str] = TODAY, reveal: bool = REVEAL,
                as_json: bool = JSON):
    """记下复查：提出复查请求（--requested，可加 --to）或收到复查意见（--replied）；期限随之更新。"""
    _step(case_id, requested, to, replied, today_option(today), "review", "复查", reveal, as_json)


@case_app.command("reexam")
def case_reexam(case_id: str = CASE_ID, requested: Optional[str] = REQUESTED, to: Optional[str] = TO,
                replied: Optional[str] = REPLIED, today: Optional[str] = TODAY, reveal: bool = REVEAL,
                as_json: bool = JSON):
    """记下复核（复查之后的下一步）：提出复核请求（--requested）或收到复核意见（--replied）。"""
    _step(case_id, requested, to, replied, today_option(today), "reexam", "复核", reveal, as_json)


@case_app.command("decision")
def case_decision(case_id: str = CASE_ID,
                  known: str = typer.Option(..., "--known", metavar="日期",
                                            help="知道原决定（如拒绝报销的决定）的日期：行政复议、行政诉讼从这天算起。"),
                  made: Optional[str] = typer.Option(None, "--made", metavar="日期", help="决定书上的日期。"),
                  today: Optional[str] = TODAY, reveal: bool = REVEAL, as_json: bool = JSON):
    """记下原决定的日期，加算行政复议、行政诉讼的期限（投诉不会让这些期限停下来）。"""
    now = today_option(today)
    fields = {"decision_known": date_option(known, "--known", now)}
    if made is not None:
        fields["decision_made"] = date_option(made, "--made", now)
    _event(knowledge(), case_id, now, fields, "other", f"记下知道原决定的日期（{fields['decision_known'].isoformat()}）",
           reveal, as_json)
