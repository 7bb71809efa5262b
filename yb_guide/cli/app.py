"""ybguide command line: parse options, call the library, hand the result to the output path.

Keep this file thin: no knowledge, no arithmetic, no formatting here.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from yb_guide import __version__
from yb_guide.cli.frame import YbGroup
from yb_guide.base.errors import EXIT_USAGE
from yb_guide.cli.output import emit, emit_summary, emit_text

app = typer.Typer(
    cls=YbGroup,
    help="山西省医保问题指南：选渠道、看步骤、列材料、算期限、记案件、写投诉信。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
channels_app = typer.Typer(cls=YbGroup, help="投诉渠道：列表和详情。", invoke_without_command=True)
data_app = typer.Typer(cls=YbGroup, help="数据维护：检查 YAML 数据文件。", no_args_is_help=True)
app.add_typer(channels_app, name="channels")
app.add_typer(data_app, name="data")

JSON = typer.Option(False, "--json", help="以 JSON 输出（内容与表格相同）。")


def _knowledge():
    from yb_guide.knowledge import loader as knowledge

    return knowledge.get()


def _version(value: bool):
    if value:
        emit_text(f"ybguide {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本并退出。"),
    data_dir: Optional[Path] = typer.Option(
        None, "--data-dir", envvar="YBGUIDE_DATA_DIR", help="使用另一个数据目录（维护数据时用）。"),
):
    """山西省医保问题指南：选渠道、看步骤、列材料、算期限、记案件、写投诉信。"""
    from yb_guide.base.paths import use_data_dir

    use_data_dir(data_dir)


@channels_app.callback()
def channels(ctx: typer.Context, as_json: bool = JSON):
    """列出所有投诉渠道：名称、适合什么问题、联系方式、处理时限。"""
    if ctx.invoked_subcommand is None:
        from yb_guide.views import common as views

        emit(views.channels_list(_knowledge()), "channels_table", as_json=as_json)


@channels_app.command("show")
def channels_show(channel_id: str = typer.Argument(..., metavar="编号", help="渠道编号，如 hall-visit。"),
                  as_json: bool = JSON):
    """一个渠道的全部信息：步骤、材料、注意事项、来源。"""
    from yb_guide.views import common as views

    emit(views.channel_detail(_knowledge(), channel_id), "channel_detail", as_json=as_json)


@app.command()
def checklist(checklist_id: str = typer.Argument(..., metavar="编号", help="清单编号，如 hall-visit。"),
              markdown: bool = typer.Option(False, "--markdown", help="输出 Markdown，便于保存或打印。"),
              as_json: bool = JSON):
    """材料清单（可打勾）：带什么、原件还是复印件、必备还是建议、为什么。"""
    from yb_guide.views import common as views

    k = _knowledge()
    payload = views.checklist_detail(k, checklist_id)
    if payload["channel"] == "hall-visit":  # say when to go
        from yb_guide.schedule import hall
        from yb_guide.calendar import workdays

        today = _today(None)
        payload["hall_hours"] = views.hall_payload(hall.hall_hours(k, workdays.get_calendar(), today))
    if markdown and not as_json:
        emit_text(views.checklist_markdown(payload))
    else:
        emit(payload, "checklist", as_json=as_json)


@app.command()
def faq(query: Optional[str] = typer.Argument(None, metavar="[关键词]", help="只看问题、回答或标签里含有该词的问答。"),
        show: Optional[str] = typer.Option(None, "--show", metavar="序号", help="显示某条问答的全文（序号或编号）。"),
        as_json: bool = JSON):
    """常见问答：全部，或按关键词查找。"""
    from yb_guide.views import common as views

    k = _knowledge()
    if show is not None:
        emit(views.faq_one(k, show), "faq_one", as_json=as_json)
    else:
        emit(views.faq_list(k, query), "faq_list", as_json=as_json)


TODAY = typer.Option(None, "--today", metavar="日期", help="把这一天当作“今天”（默认：系统日期）。")
CALENDAR = typer.Option(None, "--calendar", metavar="文件",
                        help="自己的日历补充文件（YAML），格式同 data/calendar.yaml。")


def _today(value: Optional[str]):

    from yb_guide.calendar.dates import parse_date

    from yb_guide.calendar.dates import today_in_china

    return parse_date(value, "--today") if value is not None else today_in_china()


def _date(value: Optional[str], what: str, today):
    from yb_guide.calendar.dates import parse_date

    return parse_date(value, what, today=today) if value is not None else None


@app.command()
def deadline(
    filed: Optional[str] = typer.Option(None, "--filed", metavar="日期", help="提交投诉的日期（默认：今天）。"),
    complex_case: bool = typer.Option(False, "--complex", help="复杂案件：调查核实按30个工作日计算。"),
    channel: Optional[str] = typer.Option(None, "--channel", metavar="渠道", help="投诉渠道编号，如 hotline-12393。"),
    result_received: Optional[str] = typer.Option(None, "--result-received", metavar="日期",
                                                  help="收到处理结果的日期：加算复核、行政复议、行政诉讼期限。"),
    review_filed: Optional[str] = typer.Option(None, "--review-filed", metavar="日期", help="提交复核申请的日期。"),
    reconsideration_decided: Optional[str] = typer.Option(
        None, "--reconsideration-decided", metavar="日期", help="收到行政复议决定书的日期。"),
    today: Optional[str] = TODAY,
    calendar_file: Optional[Path] = CALENDAR,
    ics: Optional[Path] = typer.Option(None, "--ics", metavar="文件", help="另存为日历文件（.ics），每个期限前一个工作日提醒。"),
    batch: Optional[str] = typer.Option(None, "--batch", metavar="CSV",
                                        help="批量计算：读取 CSV（filed 列必填；可选 id、complex、channel、result_received），- 为标准输入。"),
    out: Optional[str] = typer.Option(None, "--out", metavar="CSV", help="批量结果写到这个文件（默认：标准输出）。"),
    on_error: str = typer.Option("skip", "--on-error", metavar="skip|stop", help="批量时遇到错误行：skip 跳过，stop 停止。"),
    as_json: bool = JSON,
):
    """算出投诉各阶段的截止日期（按法定节假日和调休计算工作日）。"""
    from yb_guide.schedule import deadlines
    from yb_guide.views import common as views
    from yb_guide.calendar import workdays

    now = _today(today)
    cal = workdays.get_calendar(calendar_file)
    if batch is not None:
        from yb_guide.schedule import batch as batch_mod
        from yb_guide.base.errors import UserError

        ignored = [name for name, value in (
            ("--filed", filed), ("--complex", complex_case), ("--channel", channel),
            ("--result-received", result_received), ("--review-filed", review_filed),
            ("--reconsideration-decided", reconsideration_decided), ("--ics", ics)) if value]
        if ignored:
            raise UserError(f"--batch 不能和 {'、'.join(ignored)} 一起用。",
                            hint="批量时每行的日期、complex、channel、result_received 写在 CSV 的列里")

        summary = batch_mod.run_file(deadlines.get_plan(), cal, batch, out, on_error=on_error)
        emit_summary(views.batch_summary(summary, out), as_json=as_json)
        # Skipped rows are bad input: the good rows are written, but a script should notice.
        raise typer.Exit(EXIT_USAGE if summary.skipped else 0)
    if out is not None or on_error != "skip":
        from yb_guide.base.errors import UserError

        raise UserError("--out 和 --on-error 只用于批量计算。", hint="请同时写 --batch 文件.csv")
    sched = deadlines.compute(
        deadlines.get_plan(), cal, _date(filed, "--filed", now) or now, today=now, complex_case=complex_case,
        channel=channel, result_received=_date(result_received, "--result-received", now),
        review_filed=_date(review_filed, "--review-filed", now),
        reconsideration_decided=_date(reconsideration_decided, "--reconsideration-decided", now))
    payload = views.deadline_payload(sched)
    if ics is not None:
        from yb_guide.schedule.ics import write_ics

        payload["ics"] = str(write_ics(ics, sched, cal))
    emit(payload, "deadline", as_json=as_json)


@app.command(context_settings={"ignore_unknown_options": True})
def workday(day: str = typer.Argument(..., metavar="日期", help="要查的日期，如 2024-05-06。"),
            n: Optional[str] = typer.Argument(None, metavar="[+N|-N]", help="之后（+N）或之前（-N）第 N 个工作日。"),
            calendar_file: Optional[Path] = CALENDAR, as_json: bool = JSON):
    """某天是不是工作日；给出 +N/-N 时，算出之后/之前第 N 个工作日。"""
    from yb_guide.views import common as views
    from yb_guide.calendar import workdays
    from yb_guide.calendar.dates import parse_steps

    steps = parse_steps(n) if n is not None else None
    d = _date(day, "日期", _today(None))
    cal = workdays.get_calendar(calendar_file)
    emit(views.workday_payload(cal, d, steps), "workday", as_json=as_json)


@app.command("calendar")
def calendar_cmd(month: Optional[str] = typer.Argument(None, metavar="[年-月]", help="如 2026-10（默认：本月）。"),
                 year: Optional[int] = typer.Option(None, "--year", metavar="年份", help="列出这一年的放假和调休安排。"),
                 calendar_file: Optional[Path] = CALENDAR, as_json: bool = JSON):
    """月历：周末、法定节假日（带名称）、调休上班日；或一年的放假安排。"""
    import datetime as dt

    from yb_guide.views import common as views
    from yb_guide.calendar import workdays
    from yb_guide.calendar.dates import parse_month

    cal = workdays.get_calendar(calendar_file)
    if year is not None:
        cal.check(dt.date(year, 1, 1), f"{year} 年")
        emit(views.year_payload(cal, year), "year", as_json=as_json)
        return
    y, m = parse_month(month) if month else (_today(None).year, _today(None).month)
    cal.check(dt.date(y, m, 1), "月份")
    emit(views.month_payload(cal, y, m), "month", as_json=as_json)


@app.command("hall-hours")
def hall_hours(on: Optional[str] = typer.Option(None, "--on", metavar="日期", help="哪一天（默认：今天，此时此刻）。"),
               calendar_file: Optional[Path] = CALENDAR, as_json: bool = JSON):
    """医保服务大厅某天开不开门（工作日 9:00-17:00），以及下一个开放日。"""

    from yb_guide.schedule import hall
    from yb_guide.views import common as views
    from yb_guide.calendar import workdays

    from yb_guide.calendar.dates import now_in_china

    now = now_in_china().replace(tzinfo=None)
    day = _date(on, "--on", now.date()) if on else now.date()
    at = now.time() if on is None else None
    h = hall.hall_hours(_knowledge(), workdays.get_calendar(calendar_file), day, at)
    emit(views.hall_payload(h), "hall", as_json=as_json)
ANSWER = typer.Option(None, "--answer", "-a", metavar="问题=选项",
                      help="直接给出一个回答，可写多次；编号见 --list-questions。缺的回答在终端里会接着问。")
LIST_QUESTIONS = typer.Option(False, "--list-questions", help="列出所有问题和选项的编号，以及每个选项通向哪里。")


def _flow(flow_id: str, answers: Optional[list[str]], list_questions: bool, as_json: bool) -> None:
    from yb_guide.views import common as views
    from yb_guide.cli import wizard

    k = _knowledge()
    if list_questions:
        emit(views.flow_questions(k, flow_id), "flow_questions", as_json=as_json)
        return
    position = wizard.run(k, flow_id, answers, interactive=not as_json and wizard.stdin_is_terminal())
    if position is not None:
        emit(views.flow_result(k, position), "flow_result", as_json=as_json)


@app.command()
def choose(answer: Optional[list[str]] = ANSWER, list_questions: bool = LIST_QUESTIONS, as_json: bool = JSON):
    """选投诉渠道：回答几个问题，得到推荐的渠道、理由、步骤、材料清单和下一步。"""
    _flow("choose", answer, list_questions, as_json)


@app.command()
def reimburse(answer: Optional[list[str]] = ANSWER, list_questions: bool = LIST_QUESTIONS, as_json: bool = JSON):
    """网上预约的费用为什么没报销：回答几个问题，找出原因、办法，以及什么时候该投诉。"""
    _flow("reimburse", answer, list_questions, as_json)


@data_app.command("check")
def data_check(data_dir: Optional[Path] = typer.Option(None, "--data-dir", help="要检查的数据目录（默认：内置数据）。"),
               as_json: bool = JSON):
    """检查数据目录里的 YAML 文件：键、类型、编号和引用，出错时指出文件、键路径和行号。"""
    from yb_guide.knowledge import loader as knowledge
    from yb_guide.views import common as views

    from yb_guide.calendar import workdays

    k = knowledge.load(data_dir)
    calendar_file = k.data_dir / "calendar.yaml"
    overrides = workdays.load_overrides(calendar_file) if calendar_file.exists() else None
    emit(views.data_check(k, overrides), "data_check", as_json=as_json)

# ---------------------------------------------------------------- case journal and letter

case_app = typer.Typer(cls=YbGroup, no_args_is_help=True,
                       help="案件记录：每次投诉的渠道、日期、工单编号、接待人员、沟通经过；自动算期限。")
app.add_typer(case_app, name="case")

REVEAL = typer.Option(False, "--reveal", help="显示完整的身份证号和医保卡号（默认只显示前后几位）。")
CASE_ID = typer.Argument(..., metavar="编号", help="案件编号（见 ybguide case list）。")
INTERACTIVE = typer.Option(False, "--interactive", "-i", help="逐项提问（在终端里缺少必填项时会自动提问）。")


def _case_options(**options) -> dict:
    """The case fields given as options (None = not given)."""
    return {name: value for name, value in options.items() if value not in (None, [], False)}


def _asks_questions(interactive: bool, missing: bool) -> bool:
    import sys

    return interactive or (missing and sys.stdin.isatty())


# Options that `case add` and `letter` share (a letter can be written without a saved case).
INSTITUTION = typer.Option(None, "--institution", metavar="机构", help="涉及（被投诉）的医院、药店或医保部门。")
AMOUNT = typer.Option(None, "--amount", metavar="金额", help="涉及金额（元），如 1280.50。")
SUMMARY = typer.Option(None, "--summary", metavar="经过", help="发生了什么（简要经过）。")
EVIDENCE = typer.Option(None, "--evidence", metavar="材料", help="证据材料（复印件）；可写多次。")
ASK = typer.Option(None, "--ask", metavar="诉求", help="诉求，如 重新报销；可写多次。")
INCIDENT_DATE = typer.Option(None, "--incident-date", metavar="日期", help="问题发生的日期。")
PLACE = typer.Option(None, "--place", metavar="地点", help="发生地点。")


@case_app.command("add")
def case_add(
    channel: Optional[str] = typer.Option(None, "--channel", metavar="渠道", help="投诉渠道编号，如 hotline-12393。"),
    filed: Optional[str] = typer.Option(None, "--filed", metavar="日期", help="提交投诉的日期，如 2024-05-06。"),
    ticket: Optional[str] = typer.Option(None, "--ticket", metavar="工单编号", help="工单编号或投诉编号。"),
    staff: Optional[str] = typer.Option(None, "--staff", metavar="姓名", help="接待人员姓名。"),
    institution: Optional[str] = INSTITUTION,
    amount: Optional[str] = AMOUNT,
    summary: Optional[str] = SUMMARY,
    ask: Optional[List[str]] = ASK,
    evidence: Optional[List[str]] = EVIDENCE,
    complex_case: bool = typer.Option(False, "--complex", help="复杂案件：调查核实按30个工作日计算。"),
    incident_date: Optional[str] = INCIDENT_DATE,
    place: Optional[str] = PLACE,
    name: Optional[str] = typer.Option(None, "--name", metavar="姓名", help="您的姓名（写投诉信用）。"),
    phone: Optional[str] = typer.Option(None, "--phone", metavar="电话", help="联系电话。"),
    address: Optional[str] = typer.Option(None, "--address", metavar="地址", help="联系地址。"),
    id_number: Optional[str] = typer.Option(None, "--id-number", metavar="身份证号", help="18位身份证号（会校验）。"),
    card_number: Optional[str] = typer.Option(None, "--card-number", metavar="卡号", help="医保卡号。"),
    interactive: bool = INTERACTIVE, today: Optional[str] = TODAY, reveal: bool = REVEAL, as_json: bool = JSON,
):
    """记下一次投诉（不写选项时在终端里逐项提问）。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import journal as cases

    now = _today(today)
    raw = _case_options(channel=channel, filed=filed, ticket=ticket, staff=staff, institution=institution,
                        amount=amount, summary=summary, asks=ask, evidence=evidence, complex=complex_case,
                        incident_date=incident_date, place=place, name=name, phone=phone, address=address,
                        id_number=id_number, card_number=card_number)
    k = _knowledge()
    if _asks_questions(interactive, "channel" not in raw or "filed" not in raw):
        from yb_guide.cli import prompts

        raw = prompts.ask(k, raw, now)
    case = cases.add(k, cases.make_case(k, raw, now), now)
    emit(case_views.case_detail(k, case, now, reveal=reveal, message=f"已记录为案件 {case.id}。"),
         "case_detail", as_json=as_json)


@case_app.command("list")
def case_list(open_only: bool = typer.Option(False, "--open", help="只列出没有结案的案件。"),
              overdue: bool = typer.Option(False, "--overdue", help="只列出有期限已过的案件。"),
              today: Optional[str] = TODAY, as_json: bool = JSON):
    """所有案件：渠道、提交日期、工单编号、状态、下一个期限和还剩几个工作日；过期的标红。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import journal as cases

    emit(case_views.case_list(_knowledge(), cases.all_cases(), _today(today), open_only=open_only,
                              overdue_only=overdue), "case_list", as_json=as_json)


@case_app.command("show")
def case_show(case_id: str = CASE_ID, today: Optional[str] = TODAY, reveal: bool = REVEAL, as_json: bool = JSON):
    """一个案件的全部内容：各阶段期限（时间线）和沟通记录。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import journal as cases

    emit(case_views.case_detail(_knowledge(), cases.get(case_id), _today(today), reveal=reveal),
         "case_detail", as_json=as_json)


@case_app.command("log")
def case_log(case_id: str = CASE_ID,
             text: str = typer.Argument(..., metavar="经过", help="这次联系的情况，如“致电12393查询进度”。"),
             kind: str = typer.Option("other", "--kind", metavar="方式",
                                      help="call（电话）、visit（上门）、letter（信件）、reply（答复）、other（其他）。"),
             at: Optional[str] = typer.Option(None, "--at", metavar="时间", help="什么时候，如 \"2024-05-20 10:30\"（默认：现在）。"),
             as_json: bool = JSON):
    """记一次沟通：打电话、去现场、寄信、收到答复（自动记下时间）。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import journal as cases

    when = cases.parse_at(at, _today(None)) if at is not None else None
    c, entry = cases.add_log(case_id, text, kind.strip().lower(), when)
    emit(case_views.log_added(c, entry), "lines", as_json=as_json)


@case_app.command("result")
def case_result(case_id: str = CASE_ID,
                received: str = typer.Option(..., "--received", metavar="日期", help="收到处理结果的日期。"),
                today: Optional[str] = TODAY, reveal: bool = REVEAL, as_json: bool = JSON):
    """收到处理结果：记下日期，并加上申请复核、行政复议、行政诉讼的期限。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import journal as cases

    now = _today(today)
    k = _knowledge()
    c = cases.set_result(k, case_id, _date(received, "--received", now), now)
    emit(case_views.case_detail(k, c, now, reveal=reveal, message=f"已记下案件 {c.id} 收到处理结果。"),
         "case_detail", as_json=as_json)


@case_app.command("close")
def case_close(case_id: str = CASE_ID, today: Optional[str] = TODAY, as_json: bool = JSON):
    """结案（问题已解决或不再跟进）。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import journal as cases

    emit(case_views.status_changed(*cases.close(case_id, _today(today))), "lines", as_json=as_json)


@case_app.command("reopen")
def case_reopen(case_id: str = CASE_ID, as_json: bool = JSON):
    """重新打开已结案的案件。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import journal as cases

    emit(case_views.status_changed(*cases.reopen(case_id)), "lines", as_json=as_json)


@case_app.command("export")
def case_export(as_json: bool = typer.Option(False, "--json", help="JSON 格式（默认；完整备份）。"),
                as_csv: bool = typer.Option(False, "--csv", help="CSV 格式（可用 Excel 打开）。"),
                out: Optional[Path] = typer.Option(None, "--out", metavar="文件", help="写入文件（默认：显示在屏幕上）。")):
    """导出全部案件和沟通记录（这就是备份；含完整的个人信息）。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import transfer as caseio
    from yb_guide.base.errors import UserError

    if as_json and as_csv:
        raise UserError("--json 和 --csv 只能选一个。")
    data = caseio.export_data("csv" if as_csv else "json")
    if out is None:
        emit_text(data.text)
        return
    caseio.write_export(out, data)
    emit(case_views.exported(data.count, str(out), data.format, data.personal_data), "lines", as_json=False)


@case_app.command("import")
def case_import(file: Path = typer.Argument(..., metavar="文件", help="case export 导出的 JSON 或 CSV，或 Excel 另存的 CSV。"),
                new_ids: bool = typer.Option(False, "--new-ids", help="全部作为新案件导入（重新编号）。"),
                today: Optional[str] = TODAY, as_json: bool = JSON):
    """从备份或 CSV 导入案件（有一行出错就什么都不导入，并指出第几行）。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import transfer as caseio

    report = caseio.import_file(_knowledge(), file, _today(today), new_ids=new_ids)
    emit(case_views.imported(report), "lines", as_json=as_json)


@app.command()
def letter(
    case_id: Optional[str] = typer.Option(None, "--case", metavar="编号", help="用这个案件的内容写信。"),
    out: Optional[Path] = typer.Option(None, "--out", metavar="文件", help="保存为 .txt、.md 或 .docx 文件。"),
    subject: Optional[str] = typer.Option(None, "--subject", metavar="事由", help="投诉事由（默认：涉及机构的医保服务问题）。"),
    name: Optional[str] = typer.Option(None, "--name", metavar="姓名", help="投诉人姓名。"),
    id_number: Optional[str] = typer.Option(None, "--id-number", metavar="身份证号", help="18位身份证号。"),
    card_number: Optional[str] = typer.Option(None, "--card-number", metavar="卡号", help="医保卡号。"),
    phone: Optional[str] = typer.Option(None, "--phone", metavar="电话", help="联系电话（用于答复）。"),
    address: Optional[str] = typer.Option(None, "--address", metavar="地址", help="联系地址（用于答复）。"),
    institution: Optional[str] = INSTITUTION,
    incident_date: Optional[str] = INCIDENT_DATE,
    place: Optional[str] = PLACE,
    amount: Optional[str] = AMOUNT,
    summary: Optional[str] = SUMMARY,
    ask: Optional[List[str]] = ASK,
    evidence: Optional[List[str]] = EVIDENCE,
    interactive: bool = INTERACTIVE, today: Optional[str] = TODAY, reveal: bool = REVEAL, as_json: bool = JSON,
):
    """写书面投诉信（寄山西省医疗保障局信访办），并给出信封写法和寄信提醒。"""
    from yb_guide.views import cases as case_views
    from yb_guide.cases import journal as cases
    from yb_guide.letter import build as letters

    now = _today(today)
    k = _knowledge()
    given = _case_options(name=name, id_number=id_number, card_number=card_number, phone=phone, address=address,
                          institution=institution, incident_date=incident_date, place=place, amount=amount,
                          summary=summary, asks=ask, evidence=evidence)
    if case_id is None and _asks_questions(interactive, not given):
        from yb_guide.cli import prompts

        given = prompts.ask(k, given, now, prompts.LETTER_FIELDS, required=())

    def write(base):
        built = letters.build(k, cases.with_changes(k, base, given, now), now, reveal=reveal, subject=subject)
        saved = str(letters.save(built, out)) if out is not None else None
        return (built, saved), "写了书面投诉信" + (f"（{out.name}）" if out is not None else "")

    # With --case, reading the case, writing the letter and logging it are one transaction.
    built, saved = cases.with_letter(case_id, write) if case_id is not None else write(None)[0]
    payload = case_views.letter_payload(k, built, letters.to_text(built), saved)
    if saved is None and not as_json:
        emit_text(payload["text"])  # as plain text: rich would re-wrap the letter's lines
    emit(payload, "letter", as_json=as_json)


def main() -> None:
    import sys

    if sys.stdout is None:  # started with stdout closed (ybguide … >&-)
        if sys.stderr is not None:
            sys.stderr.write("错误：标准输出已关闭，无法显示结果。\n")
        sys.exit(1)
    app()
