"""ybguide command line: parse options, call the library, hand the payload to the output path.

Keep this file thin: no knowledge, no arithmetic, no formatting here.  The case journal's
commands are in ``cli.cases``; options several commands share in ``cli.options``.
"""


from pathlib import Path
from typing import List, Optional

import typer

from yb_guide import __version__
from yb_guide.base.errors import EXIT_USAGE, UserError
from yb_guide.cli.frame import YbGroup
from yb_guide.cli.options import (ANSWER, CALENDAR, CHANNEL, COMPLEX, DECISION_KIND, FORCE, FULL, JSON, LIST_QUESTIONS,
                                  MATTER, RIGHTS_STATED, TODAY, EventDates, knowledge, may_replace, today_option)
from yb_guide.cli.output import emit, emit_summary, emit_text

app = typer.Typer(
    cls=YbGroup,
    help="医保问题指南（--region 选参保地，默认的地区见 ybguide config）：选渠道、看步骤、列材料、算期限、记案件、写投诉信。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
channels_app = typer.Typer(cls=YbGroup, help="投诉渠道：列表和详情。", invoke_without_command=True)
data_app = typer.Typer(cls=YbGroup, help="数据维护：检查 YAML 数据文件。", no_args_is_help=True)
app.add_typer(channels_app, name="channels")
app.add_typer(data_app, name="data")


def _version(value: bool):
    if value:
        emit_text(f"ybguide {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本并退出。"),
    data_dir: Optional[Path] = typer.Option(
        None, "--data-dir", metavar="目录", envvar="YBGUIDE_DATA_DIR", help="使用另一个数据目录（维护数据时用）。"),
    region: Optional[str] = typer.Option(
        None, "--region", metavar="地区",
        help="参保地：地区编号或名称，如 CN（或 全国，全国通用版）；ybguide config 列出可选的地区和默认的地区；也可用 YBGUIDE_REGION 或 ybguide config region 保存。"),
):
    """医保问题指南：选渠道、看步骤、列材料、算期限、记案件、写投诉信。"""
    from yb_guide.base.paths import use_data_dir, use_region

    use_data_dir(data_dir)
    use_region(region)


@channels_app.callback()
def channels(ctx: typer.Context, as_json: bool = JSON):
    """列出所有投诉渠道：名称、适合什么问题、联系方式、处理时限。"""
    if ctx.invoked_subcommand is None:
        from yb_guide.cli.render import channels as render
        from yb_guide.views import channels as views

        emit(views.channels_list(knowledge()), render.channels_list, as_json=as_json)


@channels_app.command("show")
def channels_show(channel_id: str = typer.Argument(..., metavar="编号", help="渠道编号，如 hall-visit。"),
                  as_json: bool = JSON):
    """一个渠道的全部信息：步骤、材料、注意事项、来源。"""
    from yb_guide.cli.render import channels as render
    from yb_guide.views import channels as views

    emit(views.channel_detail(knowledge(), channel_id), render.channel_detail, as_json=as_json)


@app.command()
def checklist(checklist_id: str = typer.Argument(..., metavar="编号", help="清单编号，如 hall-visit。"),
              acting: bool = typer.Option(False, "--acting", help="替家人代办：加上委托书、代办人身份证等材料。"),
              markdown: bool = typer.Option(False, "--markdown", help="输出 Markdown，便于保存或打印。"),
              out: Optional[Path] = typer.Option(None, "--out", metavar="文件",
                                                 help="保存成给居民带走的纸：清单.docx（Word）或 清单.pdf，A4 大字。"),
              day: Optional[str] = typer.Option(None, "--day", metavar="日期",
                                                help="和 --out 一起用：纸上写明这一天服务大厅开不开门（默认不写日期）。"),
              force: bool = FORCE, today: Optional[str] = TODAY, as_json: bool = JSON):
    """材料清单（可打勾）：带什么、原件还是复印件、必备还是建议、为什么。"""
    from yb_guide.cli.render import channels as render
    from yb_guide.views import channels as views

    from yb_guide.calendar.dates import now_in_china

    if out is not None or day is not None:
        from yb_guide.cli.letters import checklist_file

        return checklist_file(checklist_id, acting, out, day, force, today, as_json)

    # the hall's checklist says when to go: the same answer as `hall-hours` (open today, and now)
    payload = views.checklist_page(knowledge(), checklist_id, now_in_china().replace(tzinfo=None), acting=acting)
    if markdown and not as_json:
        emit_text(render.checklist_markdown(payload))
    else:
        emit(payload, render.checklist_detail, as_json=as_json)


@app.command()
def faq(query: Optional[List[str]] = typer.Argument(None, metavar="[关键词…]",
                                                    help="只看含有这些词（或其同义词）的问答；可写几个词。"),
        show: Optional[str] = typer.Option(None, "--show", metavar="序号", help="显示某条问答的全文（序号或编号）。"),
        as_json: bool = JSON):
    """常见问答：全部，或按关键词查找。"""
    from yb_guide.cli.render import channels as render
    from yb_guide.views import channels as views

    k = knowledge()
    if show is not None:
        emit(views.faq_one(k, show), render.faq_one, as_json=as_json)
    else:
        emit(views.faq_list(k, " ".join(query or []) or None), render.faq_list, as_json=as_json)


@app.command(cls=EventDates)
def deadline(
    ctx: typer.Context,
    complex_case: bool = COMPLEX,
    channel: Optional[str] = CHANNEL,
    decision_kind: Optional[str] = DECISION_KIND,
    amount: Optional[str] = typer.Option(None, "--amount", metavar="金额",
                                         help="争议金额（元）：三千元以下的复议可以适用简易程序（30日内决定）。"),
    matter: Optional[str] = MATTER,
    rights_stated: Optional[str] = RIGHTS_STATED,
    full: bool = typer.Option(False, "--full", help="显示全部：每个期限的规则原文、依据和来源，以及给出日期后才能算的期限。"),
    today: Optional[str] = TODAY,
    calendar_file: Optional[Path] = CALENDAR,
    ics: Optional[Path] = typer.Option(None, "--ics", metavar="文件", help="另存为日历文件（.ics），法定期限提前 7 天和前一个工作日提醒；和 --batch 一起用时写入每一行的法定期限。"),
    ics_name: str = typer.Option("编号", "--ics-name", metavar="编号|姓名", help="--batch 的日历里，事件用每行的编号还是姓名（只显示姓和末字）命名。"),
    batch: Optional[str] = typer.Option(
        None, "--batch", metavar="CSV|XLSX",
        help="批量计算：读取 CSV 或 Excel 工作簿（.xlsx）（「提交日期」列必填；可选 编号、姓名、复杂、渠道、收到结果日期、知道原决定日期），- 为标准输入。"),
    out: Optional[str] = typer.Option(None, "--out", metavar="CSV|XLSX", help="批量结果写到这个文件（默认：标准输出）；不会替换已有的文件，除非加 --force 或在终端里回答“是”。"),
    on_error: str = typer.Option("keep", "--on-error", metavar="keep|stop",
                                 help="批量时遇到错误行：keep 照抄这一行并在「错误」列写明原因，继续；stop 停止。"),
    encoding: Optional[str] = typer.Option(None, "--encoding", metavar="编码",
                                           help="批量结果的编码：utf-8、utf-8-sig（带 BOM）、gbk 或 gb18030（默认：与输入文件相同）。"),
    ids: bool = typer.Option(False, "--ids", help="批量结果新加的列用英文编号作表头（如 accept、estimated、error），是否推算写 true/false，方便程序处理。"),
    force: bool = typer.Option(False, "--force", help="--out 或 --ics 的文件已经存在时，直接替换它。"),
    as_json: bool = JSON,
):
    """算出各个期限（按法定节假日和调休计算）：投诉的办理时间、信访、复查复核、行政复议和行政诉讼。"""
    # the dates: one option per event of data/deadlines.yaml (--filed, --result-received …; cli.options.EventDates)
    from yb_guide.calendar import workdays
    from yb_guide.cli.render import dates as render
    from yb_guide.schedule import deadlines
    from yb_guide.views import dates as views

    now = today_option(today)
    cal = workdays.get_calendar(calendar_file)
    given_events = ctx.meta["events"]
    if batch is not None:
        ignored = [f"--{name}" for name, value in given_events.items() if value]
        ignored += [name for name, value in (("--complex", complex_case), ("--channel", channel),
                                             ("--decision-kind", decision_kind), ("--amount", amount),
                                             ("--matter", matter), ("--rights-stated", rights_stated)) if value]
        if force and out in (None, "-") and ics is None:
            ignored.append("--force（结果写到标准输出时）")
        if ignored:
            raise UserError(f"--batch 不能和 {'、'.join(ignored)} 一起用。",
                            hint="批量时每行的日期、是否复杂、渠道、收到结果日期写在 CSV 的列里")
        from yb_guide.cli.batch import run

        summary = run(deadlines.get_plan(), cal, batch, out, on_error=on_error, encoding=encoding, ids=ids,
                      force=force, today=now, ics=ics, ics_name=ics_name)
        emit_summary(views.batch_summary(summary, out), as_json=as_json)
        # Rows with an error are bad input: every row is written, but a script should notice.
        raise typer.Exit(EXIT_USAGE if summary.bad else 0)
    batch_only = [name for name, value in (("--out", out is not None), ("--on-error", on_error != "keep"),
                                           ("--encoding", encoding is not None), ("--ids", ids),
                                           ("--ics-name", ics_name != "编号")) if value]
    if batch_only:
        raise UserError(f"{'、'.join(batch_only)} 只用于批量计算。", hint="请同时写 --batch 文件.csv")
    if force and ics is None:
        raise UserError("--force 只和 --out 或 --ics 一起用。", hint="它让已经存在的结果文件被替换")
    from yb_guide.schedule.request import DeadlineRequest, schedule_request

    answer = schedule_request(DeadlineRequest(
        events=given_events, channel=channel, complex_case=complex_case, today=now,
        situation={"decision": decision_kind, "matter": matter, "rights_stated": rights_stated, "amount": amount},
    ), cal, name_of=lambda field: f"--{field}")
    if answer.errors:
        raise answer.first_error()
    sched, plan = answer.schedule, answer.plan
    payload = views.deadline(sched, plan)
    payload["full"] = full
    if ics is not None:
        from yb_guide.schedule.ics import write_ics

        payload["ics"] = str(write_ics(ics, sched, plan, cal, overwrite=may_replace(ics, force)))
    emit(payload, render.deadline, as_json=as_json)


# The commands of this file, and those of other modules: a start for one command imports only the
# module it is in (cli.main says which command; importing the others cost ~2 ms of every start).
HERE = frozenset({"channels", "data", "checklist", "faq", "deadline", "choose", "reimburse", "sources", "serve"})
ELSEWHERE = frozenset({"workday", "calendar", "hall-hours", "case", "letter", "config"})


def _needed(*names: str) -> bool:
    """Whether the commands ``names`` (of another module) are added in this process: unless the
    program was started for another command that it knows (a misspelt one needs every name)."""
    from yb_guide.cli.frame import started_for as wanted

    return wanted in names or wanted not in HERE | ELSEWHERE


if _needed("workday", "calendar", "hall-hours"):
    from yb_guide.cli import calendar_cmds  # noqa: E402  (workday, calendar, hall-hours)

    app.command(context_settings={"ignore_unknown_options": True})(calendar_cmds.workday)
    app.command("calendar")(calendar_cmds.calendar_cmd)
    app.command("hall-hours")(calendar_cmds.hall_hours)


def _flow(flow_id: str, answers: Optional[list[str]], list_questions: bool, as_json: bool, full: bool,
          case_id: Optional[str] = None, today: Optional[str] = None, known: Optional[str] = None) -> None:
    from yb_guide.cli import wizard

    wizard.command(flow_id, answers, list_questions=list_questions, as_json=as_json, full=full, case_id=case_id,
                   today=today, decision_known=known)


DECISION_KNOWN = typer.Option(None, "--decision-known", metavar="日期",
                              help="哪天收到（知道）不予报销的决定：申请行政复议的60日从这一天算起（不写时在终端里会问）。")


FLOW_CASE = typer.Option(None, "--case", metavar="编号",
                         help="按这个案件的记录回答（是否代办、是否有书面答复、原决定等），不再问；期限按案件的日期算。")


@app.command()
def choose(answer: Optional[list[str]] = ANSWER, case_id: Optional[str] = FLOW_CASE,
           list_questions: bool = LIST_QUESTIONS, full: bool = FULL, today: Optional[str] = TODAY,
           decision_known: Optional[str] = DECISION_KNOWN, as_json: bool = JSON):
    """选投诉渠道：回答几个问题，得到推荐的渠道、理由、步骤、材料清单和下一步。"""
    _flow("choose", answer, list_questions, as_json, full, case_id, today, decision_known)


@app.command()
def reimburse(answer: Optional[list[str]] = ANSWER, case_id: Optional[str] = FLOW_CASE,
              list_questions: bool = LIST_QUESTIONS, full: bool = FULL, today: Optional[str] = TODAY,
              decision_known: Optional[str] = DECISION_KNOWN, as_json: bool = JSON):
    """网上预约的费用为什么没报销：回答几个问题，找出原因、办法，以及什么时候该投诉。"""
    _flow("reimburse", answer, list_questions, as_json, full, case_id, today, decision_known)


@app.command()
def sources(unverified: bool = typer.Option(False, "--unverified", help="只列出还没有人对照官方来源核实的事实。"),
            as_json: bool = JSON):
    """每个来源（发布机关、标题、文号、日期、网址）和依据它的事实；--unverified 列出待核实的事实。"""
    from yb_guide.cli.render import sources as render
    from yb_guide.views import sources as views

    emit(views.sources(knowledge(), unverified_only=unverified), render.sources, as_json=as_json)


@data_app.command("check")
def data_check(data_dir: Optional[Path] = typer.Option(None, "--data-dir", metavar="目录", help="要检查的数据目录（默认：内置数据）。"),
               as_json: bool = JSON):
    """检查数据目录里的 YAML 文件：全国数据包和每个地区数据包（合并后），键、类型、编号和引用，出错时指出文件、键路径和行号。"""
    from yb_guide.base.paths import region
    from yb_guide.calendar import workdays
    from yb_guide.cli.render import data as render
    from yb_guide.knowledge import loader
    from yb_guide.views import data as views

    checked = loader.check_all(data_dir)  # every pack alone (national) and merged with the packs below it
    from yb_guide.knowledge.packs import resolve

    wanted = resolve(checked[0].data_dir, region())
    k = next((x for x in checked if x.pack.id == wanted), checked[-1])
    from yb_guide.schedule.columns import vocabulary

    vocabulary(data_dir)  # the spreadsheet columns (data/columns.yaml): the same errors with file and line
    calendar_file = k.data_dir / "calendar.yaml"
    overrides = workdays.load_overrides(calendar_file) if calendar_file.exists() else None
    emit(views.data_check(k, overrides, checked), render.data_check, as_json=as_json)


if _needed("case"):
    from yb_guide.cli import case_edits  # noqa: E402,F401  (adds edit, log-edit, log-delete, delete, review … to case_app)
    from yb_guide.cli.cases import case_app  # noqa: E402  (after the commands above: the order of --help)

    app.add_typer(case_app, name="case")


if _needed("letter"):
    from yb_guide.cli.letters import letter  # noqa: E402  (defined with the case journal it writes from)

    app.command()(letter)

if _needed("config"):
    from yb_guide.cli.settings import config  # noqa: E402

    app.command("config")(config)


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host", metavar="地址",
                                   help="在哪个地址上打开（默认只有本机能打开；0.0.0.0：同一网络里的手机也能打开）。"),
          port: int = typer.Option(8765, "--port", metavar="端口", min=0, max=65535, help="端口（默认 8765）。"),
          open_browser: bool = typer.Option(False, "--open", help="启动后打开浏览器。")):
    """把整个指南作为本地网页打开：一页一个问题，适合不用命令行的人，也能让同一网络里的手机打开。"""
    from yb_guide.cli.serve import run

    run(host, port, open_browser)


def main() -> None:
    import sys

    if sys.stdout is None:  # started with stdout closed (ybguide … >&-)
        if sys.stderr is not None:
            sys.stderr.write("错误：标准输出已关闭，无法显示结果。\n")
        sys.exit(1)
    only(app, sys.argv[1:])()


def only(group: typer.Typer, argv: list[str]) -> typer.Typer:
    """The app with just the command ``argv`` names, when it names one exactly: typer builds every
    command's options on each start (about 20 ms for all of them), and one command needs only its
    own.  The same one level down: ``case list`` builds the case group with ``list`` alone (the group
    has twenty commands).  Anything else (no command, --help, a misspelt name that needs its "did
    you mean") gets the whole app or group.  Tests and --help go through ``app`` itself, so they
    always see every command."""
    import copy

    wanted = argv[0] if argv and not argv[0].startswith("-") else None
    commands = [c for c in group.registered_commands
                if (c.name or c.callback.__name__.replace("_", "-")) == wanted]
    groups = [g for g in group.registered_groups if g.name == wanted]
    if not commands and not groups:
        return group
    pruned = copy.copy(group)
    if groups:
        inner = only(groups[0].typer_instance, argv[1:])
        if inner is not groups[0].typer_instance:
            groups = [copy.copy(groups[0])]
            groups[0].typer_instance = inner
    pruned.registered_commands, pruned.registered_groups = commands, groups
    return pruned
