"""``ybguide letter``: the complaint letter, (``--kind review``) the request for 复查/复核,
(``--kind 行政复议申请书``) the application for 行政复议, or (``--kind 授权委托书``) the power of attorney
for a relative who acts."""


from pathlib import Path
from typing import List, Optional

import typer

from yb_guide.base.errors import UserError
from yb_guide.cli.options import (ADDRESS, AGENT_ID_NUMBER, AGENT_NAME, AGENT_RELATION, AMOUNT, ASK, CARD_NUMBER,
                                  EVIDENCE, FORCE, ID_NUMBER, INCIDENT_DATE, INSTITUTION, INTERACTIVE, JSON, NAME,
                                  PHONE, PLACE, REVEAL, SUMMARY, TODAY, asks_questions, date_option, given, knowledge,
                                  may_replace, today_option)
from yb_guide.cli.output import emit, emit_document

# review: the case's next step (复查, or 复核 once the 复查 opinion is in); 复查/复核 by name: that one.
KINDS = {"complaint": ("投诉信", "投诉", "书面投诉信"), "review": ("申请书", "复查复核申请书"),
         "review-first": ("复查申请书", "复查"), "reexam": ("复核申请书", "复核"),
         "reconsideration": ("行政复议申请书", "复议申请书", "行政复议"),
         "poa": ("授权委托书", "委托书")}
# What a 授权委托书 is for (``--for``): the complaint and what follows it, or 行政复议.
PURPOSES = {"complaint": ("投诉", "投诉催办复查"), "reconsideration": ("行政复议", "复议")}
STEPS = {"review": None, "review-first": "review", "reexam": "reexam"}
# What the 授权委托书 asks on the terminal: the two people, and the matter's institution.
POA_FIELDS = ("name", "id_number", "agent_name", "agent_relation", "agent_id_number", "phone", "institution")
# What the 行政复议申请书 asks on the terminal: the applicant and who acts, the amount, what happened.
RECONSIDERATION_FIELDS = ("name", "id_number", "agent_name", "agent_relation", "agent_id_number", "amount", "summary",
                          "evidence", "phone", "address")


def letter(
    case_id: Optional[str] = typer.Option(None, "--case", metavar="编号", help="用这个案件的内容写信。"),
    kind: str = typer.Option("投诉信", "--kind", metavar="哪种",
                             help="投诉信（默认）；复查申请书、复核申请书；或 review：按案件走到哪一步自动写成复查或复核（都要用 --case）；"
                                  "行政复议申请书：对不予报销等书面决定不服时申请行政复议（可以不用案件）；"
                                  "授权委托书：参保人委托家人代办（保存的文件里身份证号是完整的）。"),
    out: Optional[Path] = typer.Option(None, "--out", metavar="文件", help="保存为 .txt、.md、.docx 或 .pdf 文件。"),
    subject: Optional[str] = typer.Option(None, "--subject", metavar="事由", help="投诉事由（默认：涉及机构的医保服务问题）；授权委托书里是委托办理的事。"),
    name: Optional[str] = NAME, id_number: Optional[str] = ID_NUMBER, card_number: Optional[str] = CARD_NUMBER,
    agent_name: Optional[str] = AGENT_NAME, agent_relation: Optional[str] = AGENT_RELATION,
    agent_id_number: Optional[str] = AGENT_ID_NUMBER,
    phone: Optional[str] = PHONE, address: Optional[str] = ADDRESS,
    institution: Optional[str] = INSTITUTION,
    incident_date: Optional[str] = INCIDENT_DATE,
    place: Optional[str] = PLACE,
    amount: Optional[str] = AMOUNT,
    summary: Optional[str] = SUMMARY,
    ask: Optional[List[str]] = ASK,
    evidence: Optional[List[str]] = EVIDENCE,
    reason: Optional[str] = typer.Option(None, "--reason", metavar="理由", help="复查申请书、行政复议申请书：不服的理由。"),
    to: Optional[str] = typer.Option(None, "--to", metavar="机关",
                                     help="复查申请书、行政复议申请书：向哪个机关提出，如 某某省医疗保障局、某某市人民政府（不写就留横线手写）。"),
    respondent: Optional[str] = typer.Option(None, "--respondent", metavar="机关",
                                             help="行政复议申请书、复议的授权委托书：作出决定的医保经办机构或医疗保障局（被申请人；不写就留横线手写）。"),
    decision_number: Optional[str] = typer.Option(None, "--decision-number", metavar="文号",
                                                  help="行政复议申请书、复议的授权委托书：决定书的文号（不写就留横线手写）。"),
    decision_made: Optional[str] = typer.Option(None, "--decision-made", metavar="日期",
                                                help="行政复议申请书：决定书上的日期（原决定作出日期）。"),
    decision_known: Optional[str] = typer.Option(None, "--decision-known", metavar="日期",
                                                 help="行政复议申请书：收到（知道）决定的日期。"),
    purpose: Optional[str] = typer.Option(None, "--for", metavar="什么事",
                                          help="授权委托书委托做什么：投诉（投诉、催办、复查）或 行政复议；"
                                               "不写时，案件的原决定是不予报销的按行政复议写。"),
    special: bool = typer.Option(False, "--special",
                                 help="复议的授权委托书：加上特别授权（代为变更、放弃复议请求，代为和解）；不加只是一般授权。"),
    until: Optional[str] = typer.Option(None, "--until", metavar="日期",
                                        help="授权委托书：委托到哪一天为止（从信的日期算起；不写就留横线手写）。"),
    interactive: bool = INTERACTIVE, today: Optional[str] = TODAY, reveal: bool = REVEAL, force: bool = FORCE,
    as_json: bool = JSON,
):
    """写书面投诉信（寄参保地的省医疗保障局信访部门，按地区数据包），或复查（复核）申请书、行政复议申请书、授权委托书；给出信封写法和寄信（递交）提醒。"""
    from yb_guide.base.names import pick
    from yb_guide.cases import journal
    from yb_guide.cli.render import cases as render
    from yb_guide.letter import build, formats
    from yb_guide.views import cases as views

    kind = pick(kind, KINDS, "信")
    now = today_option(today)
    k = knowledge()
    fields = given(name=name, id_number=id_number, card_number=card_number, agent_name=agent_name,
                   agent_relation=agent_relation, agent_id_number=agent_id_number, phone=phone, address=address,
                   institution=institution, incident_date=incident_date, place=place, amount=amount,
                   summary=summary, asks=ask, evidence=evidence, reason=reason, decision_made=decision_made,
                   decision_known=decision_known)
    step = STEPS.get(kind)
    if kind in STEPS:
        kind = "review"
    if to is not None and kind not in ("review", "reconsideration"):
        raise UserError("--to 只用于复查申请书和行政复议申请书。",
                        hint="投诉信的收信单位来自地区数据包，不用写 --to；写复查申请书加 --kind 复查申请书")
    for option, value, kinds, what in (("--respondent", respondent, ("reconsideration", "poa"), "行政复议申请书和授权委托书"),
                                       ("--decision-number", decision_number, ("reconsideration", "poa"), "行政复议申请书和授权委托书"),
                                       ("--decision-made", decision_made, ("reconsideration",), "行政复议申请书"),
                                       ("--decision-known", decision_known, ("reconsideration",), "行政复议申请书"),
                                       ("--for", purpose, ("poa",), "授权委托书"),
                                       ("--special", special or None, ("poa",), "授权委托书")):
        if value is not None and kind not in kinds:
            raise UserError(f"{option} 只用于{what}。", hint="写行政复议申请书加 --kind 行政复议申请书；写授权委托书加 --kind 授权委托书")
    chosen_purpose = pick(purpose, PURPOSES, "委托事项") if purpose is not None else None
    if special and chosen_purpose == "complaint":
        raise UserError("--special（特别授权）只用于行政复议的授权委托书。", hint="加 --for 行政复议")
    if until is not None and kind != "poa":
        raise UserError("--until 只用于授权委托书。", hint="写授权委托书加 --kind 授权委托书")
    from yb_guide.calendar.dates import FUTURE

    until_day = date_option(until, "--until", now, toward=FUTURE)  # the day it ends: the next such day
    if until_day is not None and until_day < now:
        raise UserError(f"--until {until_day.isoformat()} 早于委托书的日期 {now.isoformat()}。",
                        hint=f"写委托到期的那一天，带上年份，如 {now.year + 1}-12-31")
    if kind == "review" and case_id is None:
        raise UserError("复查申请书要根据案件来写。", hint="加上 --case 编号（先用 ybguide case result 记下收到处理结果的日期）")
    if case_id is None and asks_questions(interactive, not fields):
        from yb_guide.cli import case_form, prompts

        asked = POA_FIELDS if kind == "poa" else RECONSIDERATION_FIELDS if kind == "reconsideration" else case_form.LETTER_FIELDS
        fields = case_form.ask(k, fields, now, asked, required=(),
                               term=prompts.Terminal(options_hint="用 --name、--summary 等选项直接给出，或用 --case 编号（见 ybguide letter --help）"))

    replace = out is not None and may_replace(out, force)

    chosen = k

    def write(base):
        nonlocal k
        k = journal.knowledge_for(chosen, base)  # a case's letter goes to the bureau of the region it was recorded under
        case = journal.with_changes(k, base, fields, now)
        if kind == "review":
            from yb_guide.letter.review import build_review

            built = build_review(k, case, now, reveal=reveal, to=to, step=step)
        elif kind == "reconsideration":
            from yb_guide.letter.reconsideration import build_reconsideration

            # --ask: requests added to the usual ones; a case's asks were the complaint's, not these
            built = build_reconsideration(k, case, now, reveal=reveal, respondent=respondent, to=to,
                                          number=decision_number, more=ask)
        elif kind == "poa":
            from yb_guide.letter.poa import build_poa, purpose_of

            for_what = purpose_of(case, subject, chosen_purpose)
            if special and for_what != "reconsideration":
                raise UserError("--special（特别授权）只用于行政复议的授权委托书。", hint="加 --for 行政复议")
            made = dict(until=until_day, subject=subject, purpose=for_what, special=special, respondent=respondent,
                        number=decision_number)
            # the file the person prints has the whole numbers; the screen shows them masked
            written = build_poa(k, case, now, reveal=True, **made)
            built = build_poa(k, case, now, reveal=reveal, **made)
            built.masked_note = k.letter_file.power_of_attorney.masked_note
            saved = str(formats.save(written, out, overwrite=replace)) if out is not None else None
            return (built, saved), (f"写了{built.blocks[0].text}（{out.name}）" if out is not None else None)
        else:
            built = build.build(k, case, now, reveal=reveal, subject=subject)
        saved = str(formats.save(built, out, overwrite=replace)) if out is not None else None
        title = built.blocks[0].text
        return (built, saved), (f"写了{title}（{out.name}）" if out is not None else None)

    # With --case, reading the case, writing the letter and logging it are one transaction.
    built, saved = journal.with_letter(case_id, write, now) if case_id is not None else write(None)[0]
    payload = views.letter(k, built, formats.to_text(built), saved, chosen=chosen)
    if saved is None and not as_json:
        emit_document(payload["text"])  # as plain text: rich would re-flow the letter's layout
    emit(payload, render.letter, as_json=as_json)


def checklist_file(checklist_id: str, acting: bool, out: Optional[Path], day: Optional[str], force: bool,
                   today: Optional[str], as_json: bool):
    """``checklist ID --out 清单.docx|.pdf``: the checklist on paper for a resident (``--day``: with
    whether the hall is open that day)."""
    from yb_guide.cli.render import cases as render
    from yb_guide.letter import paper
    from yb_guide.schedule.hall import HALL_ROLE

    if out is None:
        raise UserError("--day 只和 --out 一起用：写在保存的清单上。", hint="如 ybguide checklist hall-visit --out 清单.pdf --day 2026-12-07")
    now = today_option(today)
    k = knowledge()
    day_line = None
    if day is not None:
        from yb_guide.calendar import workdays
        from yb_guide.knowledge.lookup import find_checklist
        from yb_guide.schedule import hall
        from yb_guide.views.dates import hall_text

        cl_channel = k.checklist(find_checklist(k, checklist_id)).channel
        if not cl_channel or k.channel(cl_channel).role != HALL_ROLE:
            raise UserError("--day 只用于现场投诉的清单（hall-visit）：写明那天服务大厅开不开门。")
        from yb_guide.calendar.dates import FUTURE

        visit = date_option(day, "--day", now, toward=FUTURE)  # a visit planned: 12/10 is the next 12月10日
        if visit < now:
            raise UserError(f"--day {visit.isoformat()} 已经过去了。", hint=f"写打算去的那一天，带上年份，如 {now.year + 1}-01-05")
        day_line = hall_text(hall.hall_hours(k, workdays.get_calendar(), visit))
    built = paper.checklist_paper(k, checklist_id, now, acting=acting, day_line=day_line)
    saved = str(paper.save(built, out, overwrite=may_replace(out, force)))
    payload = {"id": checklist_id, "title": built.title, "file": saved, "acting": acting, "day": day_line,
               "lines": [f"「{built.title}」已保存到 {saved}（A4 大字，可以直接打印给居民）"]}
    emit(payload, render.lines, as_json=as_json)
