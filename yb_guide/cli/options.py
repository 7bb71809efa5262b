"""Options that several commands share, declared once, and the helpers that read them."""

from __future__ import annotations

from typing import Optional

import typer
from typer.core import TyperCommand

JSON = typer.Option(False, "--json", help="以 JSON 输出（内容与表格相同）。")
TODAY = typer.Option(None, "--today", metavar="日期", help="把这一天当作“今天”（默认：系统日期）。")
CALENDAR = typer.Option(None, "--calendar", metavar="文件",
                        help="自己的日历补充文件（YAML），格式同 data/calendar.yaml。")
COMPLEX = typer.Option(False, "--complex", help="复杂案件：调查核实按30个工作日计算。")
CHANNEL = typer.Option(None, "--channel", metavar="渠道", help="投诉渠道编号，如 hotline-12393。")
ANSWER = typer.Option(None, "--answer", "-a", metavar="问题=选项",
                      help="直接给出一个回答，可写多次；编号见 --list-questions。缺的回答在终端里会接着问。")
LIST_QUESTIONS = typer.Option(False, "--list-questions", help="列出所有问题和选项的编号，以及每个选项通向哪里。")
FULL = typer.Option(False, "--full", help="显示全部：您的回答、理由、备选渠道、注意事项、一般建议和来源（默认只显示要做的事）。")

# The case journal and the letter.
REVEAL = typer.Option(False, "--reveal", help="显示完整的身份证号和医保卡号（默认只显示前后几位）。")
CASE_ID = typer.Argument(..., metavar="编号", help="案件编号（见 ybguide case list）；也可写参保人或代办人的姓名、工单编号（只对应一个案件时）。")
INTERACTIVE = typer.Option(False, "--interactive", "-i", help="逐项提问（在终端里缺少必填项时会自动提问）。")
# What `case add` and `letter` share (a letter can be written without a saved case).
INSTITUTION = typer.Option(None, "--institution", metavar="机构", help="涉及（被投诉）的医院、药店或医保部门。")
AMOUNT = typer.Option(None, "--amount", metavar="金额", help="涉及金额（元），如 1280.50。")
SUMMARY = typer.Option(None, "--summary", metavar="经过", help="发生了什么（简要经过）。")
EVIDENCE = typer.Option(None, "--evidence", metavar="材料", help="证据材料（复印件）；可写多次。")
ASK = typer.Option(None, "--ask", metavar="诉求", help="诉求，如 重新报销；可写多次。")
INCIDENT_DATE = typer.Option(None, "--incident-date", metavar="日期", help="问题发生的日期。")
PLACE = typer.Option(None, "--place", metavar="地点", help="发生地点。")
NAME = typer.Option(None, "--name", metavar="姓名", help="参保人姓名（写信用）。")
PHONE = typer.Option(None, "--phone", metavar="电话", help="联系电话（用于答复）。")
ADDRESS = typer.Option(None, "--address", metavar="地址", help="联系地址（用于答复）。")
ID_NUMBER = typer.Option(None, "--id-number", metavar="身份证号", help="18位身份证号（会校验）。")
CARD_NUMBER = typer.Option(None, "--card-number", metavar="卡号", help="医保卡号。")
# Acting for the insured person (代办): then --name, --id-number, --card-number are the insured person's.
AGENT_NAME = typer.Option(None, "--agent-name", metavar="姓名", help="代办人姓名（替家人办理时写；--name 写参保人）。")
AGENT_RELATION = typer.Option(None, "--agent-relation", metavar="关系", help="代办人与参保人的关系，如 女儿。")
AGENT_ID_NUMBER = typer.Option(None, "--agent-id-number", metavar="身份证号", help="代办人的18位身份证号。")
YES = typer.Option(False, "--yes", "-y", help="不再询问，直接执行。")
# The person's situation: which rules apply to them (deadline, case add/edit; answers: data/deadlines.yaml).
DECISION_KIND = typer.Option(
    None, "--decision-kind", metavar="决定",
    help="原来的决定是什么：不予报销（拒付）、行政处罚、其他、不知道（默认）。决定是否要先申请复议。")
MATTER = typer.Option(
    None, "--matter", metavar="类别",
    help="反映的事属于哪一类：申诉求决、举报违法违规、检举控告、不知道（默认）。决定信访的办结期限是否适用。")
RIGHTS_STATED = typer.Option(None, "--rights-stated", metavar="是|否",
                             help="决定书是否写明了申请复议、起诉的权利和期限：是、否、不知道（默认）。")


def today_option(value: Optional[str]):
    """``--today``, else today in Beijing time."""
    from yb_guide.calendar.dates import parse_date, today_in_china

    return parse_date(value, "--today") if value is not None else today_in_china()


def date_option(value: Optional[str], what: str, today, toward: str = "past"):
    """A date option as people write it (``今天`` is ``today``), or None when not given.  5月6日 is
    the most recent such day, or with ``toward="future"`` (a visit, a day planned) the next one."""
    from yb_guide.calendar.dates import parse_date

    return parse_date(value, what, today=today, toward=toward) if value is not None else None


def given(**options) -> dict:
    """The options that were given (None, an empty list and False are "not given")."""
    return {name: value for name, value in options.items() if value not in (None, [], False)}


def asks_questions(interactive: bool, missing: bool) -> bool:
    """Ask on the terminal when told to, or when something required is missing and a person is there."""
    from yb_guide.cli.prompts import stdin_is_terminal

    return interactive or (missing and stdin_is_terminal())


FORCE = typer.Option(False, "--force", help="文件已经存在时也替换它（默认：不替换，先问一声）。")


def may_replace(path, force: bool, source=None) -> bool:
    """Whether an existing output file may be replaced: --force, or a yes typed on the terminal.
    Without either the library refuses and says so (the file is left as it was).  The input file
    itself is never replaced, and not even asked about (the writer refuses it with its own line)."""
    from pathlib import Path

    from yb_guide.base.errors import RuntimeProblem
    from yb_guide.base.files import same_file

    path = Path(path)
    if force or not path.is_file():
        return force
    if source not in (None, "-") and same_file(path, source):
        return False
    from yb_guide.cli import prompts

    if not prompts.stdin_is_terminal():
        return False
    try:
        answer = prompts.Terminal().choice(f"文件 {path} 已经存在，要替换它吗？（是/否） ", ended="没有回答。")
    except RuntimeProblem:  # the input ended: no
        return False
    return answer in ("是", "y", "yes")


def confirmed(question: str, yes: bool) -> bool:
    """--yes, or 是 typed on the terminal; without a terminal the answer is no."""
    if yes:
        return True
    from yb_guide.base.errors import RuntimeProblem
    from yb_guide.cli import prompts

    if not prompts.stdin_is_terminal():
        return False
    try:
        return prompts.Terminal().choice(question + "（是/否） ", ended="没有回答。") in ("是", "y", "yes")
    except RuntimeProblem:
        return False


def knowledge():
    from yb_guide.knowledge import loader

    return loader.get()


# ---------------------------------------------------------------- the event dates of `deadline`

class EventDates(TyperCommand):
    """A command with one date option per declared event (data/deadlines.yaml ``events``):
    ``--<id>``, its help the event's ``help`` (else its label), its ``old_names`` hidden.  They
    are made when the command parses (after ``--region`` and ``--data-dir`` are read), so a new
    event is an option with no code, and a command that is not run reads no data.  The callback
    finds the dates in ``ctx.meta["events"]`` (event id -> the text given, or None)."""

    _made = None
    for_cases = False  # only the events a case keeps (``case: true``)
    own: tuple[str, ...] = ()  # events the command has a written option for (``case add --filed``)

    def event_options(self) -> list:
        if self._made is None:
            self._made = _event_options({o for p in self.params for o in getattr(p, "opts", ())}, self.for_cases,
                                        self.own)
        return self._made

    def get_params(self, ctx):
        params, dates = super().get_params(ctx), [option for option, _ in self.event_options()]
        # after the command's own event option (case add --filed, then the later dates), else first
        at = next((i + 1 for i, p in enumerate(params) if {f"--{e}" for e in self.own} & set(p.opts)), 0)
        return [*params[:at], *dates, *params[at:]]

    def invoke(self, ctx):
        given: dict = {}
        for option, event in self.event_options():
            value = ctx.params.pop(option.name, None)
            given[event] = given.get(event) or value  # the current name first, then an old one
        ctx.meta["events"] = given
        return super().invoke(ctx)


class CaseEventDates(EventDates):
    """``case add`` and ``case edit``: a date option per event a case keeps (data/deadlines.yaml
    ``case: true``), but ``--filed``, which they write themselves (it is asked for)."""

    for_cases = True
    own = ("filed",)


def case_event_dates(ctx) -> dict:
    """The event dates given to ``case add``/``case edit``, by the case's column (result_received)."""
    from yb_guide.schedule.columns import event_key

    return {event_key(e): text for e, text in ctx.meta["events"].items() if text is not None}


def _event_options(taken: set[str], for_cases: bool = False, own: tuple[str, ...] = ()) -> list:
    """(option, event id) for each declared event and each old name of one, in the data's order."""
    from typer.core import TyperOption

    from yb_guide.schedule.deadlines import get_plan

    events = get_plan().events
    out = []
    for e in events:
        if e.id in own or (for_cases and not e.case):
            continue
        for name in (e.id, *e.old_names):
            if f"--{name}" in taken:  # an event named like another option (--channel)
                from yb_guide.base.errors import DataError
                from yb_guide.base.schema import where_of

                w = where_of(e)
                raise DataError(w.file if w else "deadlines.yaml", w.path if w else "events", w.line if w else None,
                                f"事件编号「{name}」和 ybguide deadline 的选项 --{name} 重名，请换一个编号")
            out.append((TyperOption(param_decls=[f"--{name}", "event_" + name.replace("-", "_")], type=str,
                                    metavar="日期", help=events.help(e.id), hidden=name != e.id), e.id))
    return out
