"""The one prompt style of the command line, and the questions of ``case add`` and ``letter``.

``Terminal`` is how every question is asked (the wizard's too): text on stderr through rich, so it
wraps on a narrow console and stdout carries only the result; an answer is one typed line.  The end
of input is one Chinese line, never a traceback; Ctrl-C goes up to the frame (exit 130).

Every answer of the case questions is checked at once by the same code the options go through
(``cases.model.make_case``); a bad answer gets its one-line Chinese error and the question again,
so nobody has to start over because of one typo.
"""

from __future__ import annotations

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
            screen = Console(stderr=True, highlight=False, soft_wrap=False, markup=False, emoji=False,
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
