"""ybguide command line: parse options, call the library, hand the result to the output path.

Keep this file thin: no knowledge, no arithmetic, no formatting here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from yb_guide import __version__
from yb_guide.clikit import YbGroup
from yb_guide.output import emit, emit_text

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

_state: dict = {"data_dir": None}

JSON = typer.Option(False, "--json", help="以 JSON 输出（内容与表格相同）。")


def _knowledge():
    from yb_guide import knowledge

    return knowledge.get(_state["data_dir"])


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
    _state["data_dir"] = data_dir


@channels_app.callback()
def channels(ctx: typer.Context, as_json: bool = JSON):
    """列出所有投诉渠道：名称、适合什么问题、联系方式、处理时限。"""
    if ctx.invoked_subcommand is None:
        from yb_guide import views

        emit(views.channels_list(_knowledge()), "channels_table", as_json=as_json)


@channels_app.command("show")
def channels_show(channel_id: str = typer.Argument(..., metavar="编号", help="渠道编号，如 hall-visit。"),
                  as_json: bool = JSON):
    """一个渠道的全部信息：步骤、材料、注意事项、来源。"""
    from yb_guide import views

    emit(views.channel_detail(_knowledge(), channel_id), "channel_detail", as_json=as_json)


@app.command()
def checklist(checklist_id: str = typer.Argument(..., metavar="编号", help="清单编号，如 hall-visit。"),
              markdown: bool = typer.Option(False, "--markdown", help="输出 Markdown，便于保存或打印。"),
              as_json: bool = JSON):
    """材料清单（可打勾）：带什么、原件还是复印件、必备还是建议、为什么。"""
    from yb_guide import views

    payload = views.checklist_detail(_knowledge(), checklist_id)
    if markdown and not as_json:
        emit_text(views.checklist_markdown(payload))
    else:
        emit(payload, "checklist", as_json=as_json)


@app.command()
def faq(query: Optional[str] = typer.Argument(None, metavar="[关键词]", help="只看问题、回答或标签里含有该词的问答。"),
        show: Optional[str] = typer.Option(None, "--show", metavar="序号", help="显示某条问答的全文（序号或编号）。"),
        as_json: bool = JSON):
    """常见问答：全部，或按关键词查找。"""
    from yb_guide import views

    k = _knowledge()
    if show is not None:
        emit(views.faq_one(k, show), "faq_one", as_json=as_json)
    else:
        emit(views.faq_list(k, query), "faq_list", as_json=as_json)


ANSWER = typer.Option(None, "--answer", "-a", metavar="问题=选项",
                      help="直接给出一个回答，可写多次；编号见 --list-questions。缺的回答在终端里会接着问。")
LIST_QUESTIONS = typer.Option(False, "--list-questions", help="列出所有问题和选项的编号，以及每个选项通向哪里。")


def _flow(flow_id: str, answers: Optional[list[str]], list_questions: bool, as_json: bool) -> None:
    from yb_guide import views, wizard

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
    from yb_guide import knowledge, views

    k = knowledge.load(data_dir if data_dir is not None else _state["data_dir"])
    emit(views.data_check(k), "data_check", as_json=as_json)


def main() -> None:
    app()
