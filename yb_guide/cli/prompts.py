"""Question-by-question input for ``case add`` and ``letter`` (a command-line helper, like clikit).

Every answer is checked at once by the same code the options go through
(``cases.make_case``); a bad answer gets its one-line Chinese error and the
question again, so nobody has to start over because of one typo.
"""

from __future__ import annotations

import datetime as dt

import typer

from yb_guide.cases import model as cases
from yb_guide.base.errors import UserError
from yb_guide.cli.output import error

OPTIONAL = "（可不填，直接回车跳过）"

# (field, question); the ones not given as options are asked in this order.
CASE_QUESTIONS = (
    ("channel", "投诉渠道（填编号或序号）"),
    ("filed", "哪天提交的投诉（如 2024-05-06；直接回车 = 今天）"),
    ("ticket", "工单编号或投诉编号"),
    ("staff", "接待人员姓名"),
    ("institution", "涉及的机构（医院、药店或医保部门）"),
    ("incident_date", "问题发生的日期"),
    ("place", "发生地点"),
    ("amount", "涉及金额（元）"),
    ("summary", "发生了什么（简要经过）"),
    ("asks", "诉求"),
    ("evidence", "证据材料（如 住院费用票据复印件）"),
    ("complex", "是复杂案件吗（调查核实可延长到30个工作日）"),
    ("name", "您的姓名（写投诉信用）"),
    ("phone", "联系电话"),
    ("address", "联系地址"),
    ("id_number", "身份证号"),
    ("card_number", "医保卡号"),
)
LETTER_FIELDS = ("name", "id_number", "card_number", "institution", "incident_date", "place", "amount",
                 "summary", "asks", "evidence", "phone", "address")


def _check(k, answers: dict, today: dt.date) -> None:
    cases.make_case(k, answers, today, require=False)


def _ask_list(k, name: str, question: str) -> list[str]:
    if name == "asks":
        examples = "、".join(k.note(k.letter.demands_note).examples)
        typer.echo(f"{question}：希望医保部门怎么处理，例如 {examples}。一条一行，直接回车结束。", err=True)
    else:
        typer.echo(f"{question}：一条一行，直接回车结束。", err=True)
    items = []
    while True:
        item = typer.prompt(f"  {len(items) + 1}", default="", show_default=False, err=True).strip()
        if not item:
            return items
        items.append(item)


def _ask_channel(k, question: str) -> str:
    for i, c in enumerate(k.channels, 1):
        typer.echo(f"  {i}. {c.id}  {c.name}", err=True)
    answer = typer.prompt(question, err=True).strip()
    if answer.isdigit() and 1 <= int(answer) <= len(k.channels):
        return k.channels[int(answer) - 1].id
    return answer


def ask(k, given: dict, today: dt.date, fields: tuple[str, ...] | None = None, required=("channel", "filed")) -> dict:
    """Ask, in the order of ``fields`` (default: all), for each field ``given`` lacks; returns the answers."""
    answers = dict(given)
    questions = dict(CASE_QUESTIONS)
    for name in fields or questions:
        question = questions[name]
        if answers.get(name) not in (None, [], False):
            continue
        while True:
            if name == "channel":
                value = _ask_channel(k, question)
            elif name == "filed":
                value = typer.prompt(question, default="", show_default=False, err=True).strip() or today.isoformat()
            elif name in ("asks", "evidence"):
                value = _ask_list(k, name, question)
            elif name == "complex":
                value = typer.confirm(question, default=False, err=True)
            else:
                value = typer.prompt(question + ("" if name in required else OPTIONAL), default="",
                                     show_default=False, err=True).strip()
                if not value and name in required:
                    error("这一项必须填写。")
                    continue
            try:
                _check(k, {**answers, name: value}, today)
            except UserError as err:
                error(err.message, err.hint)
                continue
            answers[name] = value
            break
    return answers
