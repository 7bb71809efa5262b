"""data/flows.yaml and its engine: the model of a guided flow (``choose``, ``reimburse``), and from the
ordered list of answers to the next question or the outcome.

The state of a wizard (on the command line or on a web page) is nothing but the list of answers so
far, as ``(question id, option id)`` pairs: replaying answers, going back (drop the last answer) and
the tests all call ``resolve`` with such a list.  Pure: nothing here reads input or prints.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
from yb_guide.base.record import record
from typing import Literal

from yb_guide.base.errors import UnknownIdError, UserError
from yb_guide.knowledge.sources import SourceRef, Status


@record
class Option:
    id: str
    label: str
    next: str | None = None  # the next question of the same flow …
    outcome: str | None = None  # … or the outcome this answer ends in (exactly one of the two)
    because: str | None = None  # a reason shown on the outcome screen when this option was chosen
    source: SourceRef | None = None  # defaults to the question's source
    case: str | None = None  # the value of the question's case fact that means this option (``yes``)
    now: str | None = None  # a line the outcome's first block shows when this answer was given (复议机关 …)


@record
class Question:
    id: str
    text: str
    help: str  # shown when the user presses Enter without an answer
    options: tuple[Option, ...]
    source: SourceRef
    status: Status
    checked: dt.date | None = None  # the day a verified fact was checked
    # the fact of a case that answers this question (``acting``, ``reply``): ``choose --case N`` reads
    # it from the journal instead of asking (views.flows.case_facts names the facts)
    case: str | None = None

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise UnknownIdError(f"选项（问题 {self.id}）", option_id, [o.id for o in self.options])

    def pick(self, given: str) -> Option:
        """The option a person means: its number as the wizard shows it (1, 2 …), its Chinese label,
        or its id; an error lists the choices as the wizard shows them."""
        from yb_guide.base.text import ascii_forms

        text = ascii_forms(given).strip()
        for n, o in enumerate(self.options, 1):
            if text in (str(n), o.id, ascii_forms(o.label)):
                return o
        from yb_guide.base.suggest import nearest

        choices = "、".join(f"{n}. {o.label}" for n, o in enumerate(self.options, 1))
        near = nearest(text, [o.id for o in self.options])
        tip = f"您是不是要找「{near}」（{self.option(near).label}）？" if near else ""
        raise UserError(f"「{given}」不是「{self.text}」的一个回答。{tip}", hint=f"写序号或选项的文字：{choices}")


@record
class Alternative:
    channel: str
    when: str  # when to switch to this channel


@record
class Record:
    """What to write down: a note in channels.yaml (keep-records) and anything particular to the outcome."""

    note: str | None = None
    also: tuple[str, ...] = ()


@record
class Handover:
    """Go on in another flow, with some of its answers given (``problem=reimbursement-dispute``)."""

    flow: str
    when: str
    answers: tuple[str, ...] = ()


@record
class NextStep:
    """Something to do after the outcome: ``deadline`` is the deadline calculator, given the dates of
    ``events`` (the command line's ``ybguide deadline --filed …``, the web page's form)."""

    action: Literal["deadline", "letter"]
    why: str
    events: tuple[str, ...] = ("filed",)
    kind: str | None = None  # letter: which letter (复查申请书 …), as ``ybguide letter --kind`` names it


@record
class Outcome:
    id: str
    title: str
    summary: str
    source: SourceRef
    status: Status
    channel: str | None = None  # the recommended channel (channels.yaml)
    why: tuple[str, ...] = ()  # reasons for the recommendation, after those of the answers
    alternatives: tuple[Alternative, ...] = ()
    reason: str | None = None  # reimbursement_faq.yaml: the likely 医保 reason (kind medical) …
    maybe: tuple[str, ...] = ()  # … other 医保 reasons to rule out (kind medical) …
    general: tuple[str, ...] = ()  # … and the web article's general advice: its reasons (kind general),
    procedure: str | None = None  # its procedure (steps)
    strategies: tuple[str, ...] = ()  # and its strategies, shown under 一般建议（来自网络文章）
    checklists: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()  # what to do here, in place of the channel's own steps (a 复查 is no complaint)
    periods: tuple[str, ...] = ()  # rules in deadlines.yaml (复核, 行政复议, 行政诉讼) to show
    # what the answers tell of the person's situation (deadlines.yaml ``situation``: decision -> refusal …):
    # which of the periods apply to them, and the advice that goes with it (复议前置)
    situation: dict[str, str] = dataclasses.field(default_factory=dict)
    record: Record | None = None
    notes: tuple[str, ...] = ()  # notes in channels.yaml
    handover: Handover | None = None
    next: tuple[NextStep, ...] = ()
    checked: dt.date | None = None  # the day a verified fact was checked
    # the flow's facts (``acting`` …) this outcome's advice depends on: asked after the outcome is
    # known, only where they change the advice; not answered, the advice says what each answer means
    asks: tuple[str, ...] = ()
    # by when, where no legal date follows from the outcome (the person has none): said plainly
    by: str | None = None
    who: str | None = None  # with whom, where the channel's name does not say it (a 复查 is no 投诉信)
    # the person's act this outcome is (deadlines.yaml first_steps id, or a rule id: review-request):
    # an outcome whose act is not the person's first step shows that step first (schedule.next_step)
    act: str | None = None


@record
class Flow:
    id: str  # also the command's name: ybguide choose, ybguide reimburse
    title: str
    intro: str
    start: str  # the first question
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    source: SourceRef
    status: Status
    cautions: tuple[str, ...] = ()  # cautions in reimbursement_faq.yaml, shown on every outcome with the general advice
    checked: dt.date | None = None  # the day a verified fact was checked
    # questions about the person (acting for someone …) that do not choose the outcome but change
    # its advice: an outcome asks those it names in ``asks``
    facts: tuple[Question, ...] = ()

    def question(self, question_id: str) -> Question:
        for q in (*self.questions, *self.facts):
            if q.id == question_id:
                return q
        err = UnknownIdError("问题", question_id, [q.id for q in (*self.questions, *self.facts)])
        # each question as --answer writes it, with the question a person reads
        err.hint = "可以回答的问题：" + "；".join(f"{q.id}（{q.text}）" for q in (*self.questions, *self.facts))
        raise err

    def outcome(self, outcome_id: str) -> Outcome:
        for o in self.outcomes:
            if o.id == outcome_id:
                return o
        raise UnknownIdError("结果", outcome_id, [o.id for o in self.outcomes])


@record
class FlowsFile:
    flows: tuple[Flow, ...]


# ---------------------------------------------------------------- the engine

Answer = tuple[str, str]  # (question id, option id)
# The flows' fact "does someone act for the insured person (代办)": its id, and the option that says so.
ACTING = "acting"


@record
class Position:
    """Where a list of answers leads: the next question, or the outcome."""

    flow: Flow
    path: tuple[tuple[Question, Option], ...]  # the answers used, in the order the flow asks them
    question: Question | None = None  # the next question to ask, or None …
    outcome: Outcome | None = None  # … when the answers reach this outcome
    unused: tuple[Answer, ...] = ()  # answers to questions the path has not (yet) asked
    pending: tuple[Question, ...] = ()  # facts the outcome asks that are not answered yet

    @property
    def answers(self) -> list[Answer]:
        return [(q.id, o.id) for q, o in self.path]

    @property
    def asking(self) -> Question | None:
        """The question a wizard asks next: the next question, or a fact the outcome asks."""
        return self.question or (self.pending[0] if self.pending else None)

    def fact(self, question_id: str) -> str | None:
        """The option id answered to ``question_id`` (a fact such as ``acting``), None when not."""
        return next((o.id for q, o in self.path if q.id == question_id), None)


def parse_answer(text: str) -> Answer:
    """``"problem=fraud"`` (the command line, the data) or ``"problem:fraud"`` (a web address, where
    ``=`` would be escaped) -> ``("problem", "fraud")``: the one reader of an answer."""
    cut = min((i for i in (text.find("="), text.find(":")) if i >= 0), default=-1)
    question, sep, option = (text[:cut], text[cut], text[cut + 1:]) if cut >= 0 else (text, "", "")
    if not sep or not question.strip() or not option.strip():
        raise UserError(f"回答「{text}」的格式不对：应写成 问题=选项，例如 problem=fraud。",
                        hint="用 --list-questions 查看问题和选项的编号")
    return question.strip(), option.strip()


def parse_answers(texts) -> list[Answer]:
    return [parse_answer(t) for t in texts or ()]


def resolve(flow: Flow, answers: list[Answer] | tuple[Answer, ...], known: list[Answer] | tuple[Answer, ...] = ()
            ) -> Position:
    """Follow ``answers`` from the flow's first question, then answer the facts the outcome asks.

    The answers are looked up by question, so their order does not matter; each
    question may be answered once.  Unknown question or option ids raise
    ``UnknownIdError`` (with "did you mean").  ``known`` are answers read from a case: used where
    the path asks them (a given answer wins), never reported as unused."""
    given: dict[str, str] = {}
    for question_id, typed in answers:
        option_id = flow.question(question_id).pick(typed).id  # a number, a label or an id
        if given.get(question_id, option_id) != option_id:
            raise UserError(f"问题「{question_id}」有两个回答：{given[question_id]} 和 {option_id}，只能留一个。")
        given[question_id] = option_id
    from_case = {q: o for q, o in known if q not in given}

    def answered(question_id: str) -> str | None:
        return given.pop(question_id, None) or from_case.get(question_id)

    path: list[tuple[Question, Option]] = []
    question = flow.question(flow.start)
    while (option_id := answered(question.id)) is not None:
        option = question.option(option_id)
        path.append((question, option))
        if option.outcome is not None:
            outcome = flow.outcome(option.outcome)
            pending = []
            for fact_id in outcome.asks:
                fact = flow.question(fact_id)
                if (fact_option := answered(fact_id)) is None:
                    pending.append(fact)
                else:
                    path.append((fact, fact.option(fact_option)))
            return Position(flow, tuple(path), outcome=outcome, unused=tuple(given.items()), pending=tuple(pending))
        question = flow.question(option.next)
    return Position(flow, tuple(path), question=question, unused=tuple(given.items()))


def answers_from_case(flow: Flow, facts: dict[str, str | None]) -> list[Answer]:
    """The answers a case gives (``facts``: a case fact -> its value, ``acting`` -> ``yes``): each
    question that reads a fact (``case``) answered by the option meaning its value."""
    out = []
    for q in (*flow.questions, *flow.facts):
        value = facts.get(q.case) if q.case else None
        option = next((o for o in q.options if value is not None and o.case == value), None)
        if option is not None:
            out.append((q.id, option.id))
    return out


def all_paths(flow: Flow) -> list[tuple[tuple[Answer, ...], str]]:
    """Every answer path the engine can reach (with the facts its outcome asks), each with the id of
    the outcome it ends in.

    Built with ``resolve`` itself: from no answers, try each option of the question
    it asks next, until every branch reaches an outcome."""
    done: list[tuple[tuple[Answer, ...], str]] = []

    def walk(answers: tuple[Answer, ...]) -> None:
        pos = resolve(flow, answers)
        if pos.asking is None:
            done.append((answers, pos.outcome.id))
            return
        for option in pos.asking.options:  # the facts an outcome asks too: each answer is a path
            walk(answers + ((pos.asking.id, option.id),))

    walk(())
    return done


def check_graph(flow: Flow, fail) -> None:
    """No cycles among the questions; every question and outcome reachable from the first question.
    ``fail(obj, key, problem)`` makes the data error (file, key path, line)."""
    state: dict[str, str] = {}  # question id -> "open" while on the current trail, then "done"
    reached: set[str] = set()

    def visit(q: Question, trail: list[str]) -> None:
        state[q.id] = "open"
        for o in q.options:
            if o.outcome is not None:
                reached.add(o.outcome)
            elif state.get(o.next) == "open":
                loop = " → ".join(trail[trail.index(o.next):] + [o.next])
                raise fail(o, "next", f"问题之间形成了循环：{loop}")
            elif o.next not in state:
                visit(flow.question(o.next), trail + [o.next])
        state[q.id] = "done"

    visit(flow.question(flow.start), [flow.start])
    for q in flow.questions:
        if q.id not in state:
            raise fail(q, "id", f"从第一个问题「{flow.start}」出发走不到这个问题")
    for out in flow.outcomes:
        if out.id not in reached:
            raise fail(out, "id", f"从第一个问题「{flow.start}」出发走不到这个结果")
