"""The flow engine: from the ordered list of answers to the next question or the outcome.

A flow (``choose``, ``reimburse``) is data in ``data/flows.yaml``.  The state of
a wizard is nothing but the list of answers so far, as ``(question id, option id)``
pairs: ``--answer`` replay, going back (drop the last answer) and the tests all
call ``resolve`` with such a list.  Pure: nothing here reads input or prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from yb_guide.base.errors import UserError
from yb_guide.knowledge.loader import Flow, Option, Outcome, Question

Answer = tuple[str, str]  # (question id, option id)


@dataclass(frozen=True)
class Position:
    """Where a list of answers leads: the next question, or the outcome."""

    flow: Flow
    path: tuple[tuple[Question, Option], ...]  # the answers used, in the order the flow asks them
    question: Question | None = None  # the next question to ask, or None …
    outcome: Outcome | None = None  # … when the answers reach this outcome
    unused: tuple[Answer, ...] = ()  # answers to questions the path has not (yet) asked

    @property
    def answers(self) -> list[Answer]:
        return [(q.id, o.id) for q, o in self.path]


def parse_answer(text: str) -> Answer:
    """``"problem=fraud"`` -> ``("problem", "fraud")``."""
    question, sep, option = text.partition("=")
    if not sep or not question.strip() or not option.strip():
        raise UserError(f"回答「{text}」的格式不对：应写成 问题=选项，例如 problem=fraud。",
                        hint="用 --list-questions 查看问题和选项的编号")
    return question.strip(), option.strip()


def parse_answers(texts) -> list[Answer]:
    return [parse_answer(t) for t in texts or ()]


def resolve(flow: Flow, answers: list[Answer] | tuple[Answer, ...]) -> Position:
    """Follow ``answers`` from the flow's first question.

    The answers are looked up by question, so their order does not matter; each
    question may be answered once.  Unknown question or option ids raise
    ``UnknownIdError`` (with "did you mean")."""
    given: dict[str, str] = {}
    for question_id, option_id in answers:
        flow.question(question_id).option(option_id)  # both must exist
        if given.get(question_id, option_id) != option_id:
            raise UserError(f"问题「{question_id}」有两个回答：{given[question_id]} 和 {option_id}，只能留一个。")
        given[question_id] = option_id

    path: list[tuple[Question, Option]] = []
    question = flow.question(flow.start)
    while question.id in given:
        option = question.option(given.pop(question.id))
        path.append((question, option))
        if option.outcome is not None:
            return Position(flow, tuple(path), outcome=flow.outcome(option.outcome), unused=tuple(given.items()))
        question = flow.question(option.next)
    return Position(flow, tuple(path), question=question, unused=tuple(given.items()))


def all_paths(flow: Flow) -> list[tuple[tuple[Answer, ...], str]]:
    """Every answer path the engine can reach, each with the id of the outcome it ends in.

    Built with ``resolve`` itself: from no answers, try each option of the question
    it asks next, until every branch reaches an outcome."""
    done: list[tuple[tuple[Answer, ...], str]] = []

    def walk(answers: tuple[Answer, ...]) -> None:
        pos = resolve(flow, answers)
        if pos.outcome is not None:
            done.append((answers, pos.outcome.id))
            return
        for option in pos.question.options:
            walk(answers + ((pos.question.id, option.id),))

    walk(())
    return done


def command_for(flow_id: str, answers) -> str:
    """The command that replays ``answers``: ``ybguide choose --answer problem=fraud``."""
    return " ".join([f"ybguide {flow_id}", *(f"--answer {q}={o}" for q, o in answers)])
