"""The one prompt style of the command line, and the questions of ``case add`` and ``letter``.

``Terminal`` is how every question is asked (the wizard's too): text on stderr through rich, so it
wraps on a narrow console and stdout carries only the result; an answer is one typed line.  The end
of input is one Chinese line, never a traceback; Ctrl-C goes up to the frame (exit 130).

Every answer of the case questions is checked at once by the same code the options go through
(``cases.model.make_case``); a bad answer gets its one-line Chinese error and the question again,
so nobody has to start over because of one typo.
"""

from __future__ import annotations

import datetime as dt
import os

from yb_guide.base.errors import RuntimeProblem, UserError
from yb_guide.base.text import ascii_forms


def stdin_is_terminal() -> bool:
    """Whether a person can answer questions (not a pipe, a file, or a closed stdin)."""
    import sys

    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # a closed stdin
        return False


class StdinClosed(UserError):
    """Questions were to be asked, but nobody can answer them."""


class Terminal:
    """Questions on stderr, answers from ``ask`` (default ``input``); tests pass their own."""

    options_hint = "请用选项直接给出内容（见 --help）"

    def __init__(self, ask=None, screen=None, options_hint: str | None = None):
        self.ask = ask or input
        if options_hint:
            self.options_hint = options_hint
        if screen is None:
            from rich.console import Console

            from yb_guide.cli.render.wrap import install

            install()
            screen = Console(stderr=True, highlight=False, soft_wrap=False,
                             no_color=bool(os.environ.get("NO_COLOR")) or None)
        self.screen = screen

    def say(self, text: str, style: str = "", end: str = "\n") -> None:
        from rich.text import Text

        self.screen.print(Text(text, style=style), end=end)

    def show(self, renderables) -> None:
        for part in renderables:
            self.screen.print(part)

    def error(self, message: str, hint: str | None = None) -> None:
        self.say("错误：" + message + (f"（{hint}）" if hint else ""), "yellow")

    def require_input(self) -> None:
        """Refuse at once, before any question is shown, when nobody can answer."""
        if self.ask is input and not _stdin_open():
            raise StdinClosed("标准输入已关闭，无法逐项提问。", hint=self.options_hint)

    def read(self, prompt: str, *, ended: str) -> str:
        """One typed line, stripped.  ``ended``: what to say if the input ends before an answer."""
        self.require_input()
        self.say(prompt, "bold", end="")
        try:
            line = self.ask()
        except EOFError:
            self.screen.print()
            raise RuntimeProblem(ended) from None
        except KeyboardInterrupt:
            self.screen.print()  # end the prompt's line before the one-line message
            raise
        return line.strip()

    def choice(self, prompt: str, *, ended: str) -> str:
        """A menu answer: full-width digits and letters (１, ｂ) from a Chinese input method count as typed."""
        return ascii_forms(self.read(prompt, ended=ended)).lower()


def _stdin_open() -> bool:
    import sys

    try:
        return sys.stdin is not None and not sys.stdin.closed
    except (AttributeError, ValueError):
        return False


OPTIONAL = "（可不填，直接回车跳过）"
ENDED = "输入已结束，没有保存。可以重新运行，或者用选项直接给出内容（见 --help）。"

# (field, question); the ones not given as options are asked in this order.
CASE_QUESTIONS = (
    ("channel", "投诉渠道（填序号）"),
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
    from yb_guide.cases.model import make_case

    make_case(k, answers, today, require=False)


def _ask_list(term: Terminal, k, name: str, question: str) -> list[str]:
    if name == "asks":
        examples = "、".join(k.note(k.letter.demands_note).examples)
        term.say(f"{question}：希望医保部门怎么处理，例如 {examples}。一条一行，直接回车结束。")
    else:
        term.say(f"{question}：一条一行，直接回车结束。")
    items = []
    while True:
        item = term.read(f"  {len(items) + 1}: ", ended=ENDED)
        if not item:
            return items
        items.append(item)


def _ask_channel(term: Terminal, k, question: str) -> str:
    for i, c in enumerate(k.channels, 1):
        term.say(f"  {i}. {c.name}")
    answer = term.read(question + "：", ended=ENDED)
    number = ascii_forms(answer)
    if number.isdigit() and 1 <= int(number) <= len(k.channels):
        return k.channels[int(number) - 1].id
    return answer


def _ask_yes_no(term: Terminal, question: str) -> bool:
    while True:
        answer = term.choice(question + "（是/否，直接回车 = 否）：", ended=ENDED)
        if answer in ("", "n", "no", "否", "不是"):
            return False
        if answer in ("y", "yes", "是"):
            return True
        term.error(f"「{answer}」看不懂。", "写“是”或“否”")


def ask(k, given: dict, today: dt.date, fields: tuple[str, ...] | None = None, required=("channel", "filed"),
        term: Terminal | None = None) -> dict:
    """Ask, in the order of ``fields`` (default: all), for each field ``given`` lacks; returns the answers."""
    term = term or Terminal()
    term.require_input()
    answers = dict(given)
    questions = dict(CASE_QUESTIONS)
    for name in fields or questions:
        question = questions[name]
        if answers.get(name) not in (None, [], False):
            continue
        while True:
            if name == "channel":
                value = _ask_channel(term, k, question)
            elif name == "filed":
                value = term.read(question + "：", ended=ENDED) or today.isoformat()
            elif name in ("asks", "evidence"):
                value = _ask_list(term, k, name, question)
            elif name == "complex":
                value = _ask_yes_no(term, question)
            else:
                value = term.read(question + ("" if name in required else OPTIONAL) + "：", ended=ENDED)
                if not value and name in required:
                    term.error("这一项必须填写。")
                    continue
            try:
                _check(k, {**answers, name: value}, today)
            except UserError as err:
                term.error(err.message, err.hint)
                continue
            answers[name] = value
            break
    return answers
