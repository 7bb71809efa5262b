"""The shapes of the guided flows' payloads (``views.flows``): what ``ybguide choose``/``reimburse``,
their ``--json`` and the web page's flow_question.html / flow_result.html read.  A test builds the
payload of every answer path and holds it to these declarations, key for key."""

from typing import TypedDict

from yb_guide.views.common import ContactCheck, Source

# ``dict`` below: data as written (a channel's contact), or views.common.day's date.


class QuestionOption(TypedDict):
    n: int  # its number as the wizard shows it (1, 2 …)
    id: str
    label: str


class FlowQuestion(TypedDict):
    """The question a wizard asks next."""

    flow: str
    title: str
    intro: str | None
    number: int
    id: str
    text: str
    help: str | None
    options: list[QuestionOption]


class Leads(TypedDict, total=False):
    question: str  # the next question's id …
    outcome: str  # … or the outcome's


class ListedOption(TypedDict):
    id: str
    label: str
    next: Leads


class ListedQuestion(TypedDict):
    id: str
    text: str
    options: list[ListedOption]


class OutcomeRow(TypedDict):
    id: str
    title: str


class FlowQuestions(TypedDict):
    """Every question of a flow with where each option leads (``--list-questions``)."""

    flow: str
    title: str
    start: str
    questions: list[ListedQuestion]
    outcomes: list[OutcomeRow]
    example: list[list[str]]  # [[question, option]]: an answer to show how --answer is written


class ChannelBrief(TypedDict):
    id: str
    name: str
    summary: str
    contact: dict | None
    contact_lines: list[str]
    contact_text: str
    contact_check: ContactCheck | None  # what is not yet confirmed


class Alternative(ChannelBrief):
    when: str  # when to switch to this channel


class ChecklistBrief(TypedDict):
    id: str
    title: str
    items: list[str]
    acting_items: list[str]  # what someone acting for a relative also brings, when that is not known
    acting: bool | None


class Answer(TypedDict):
    question: str
    question_text: str
    option: str
    label: str


class Replay(TypedDict):
    flow: str
    answers: list[list[str]]  # [question, option] pairs, as ``--answer`` takes them


class OutcomeHead(TypedDict):
    id: str
    title: str
    summary: str


class Call(TypedDict):
    who: str
    ask: str
    channel: ChannelBrief | None


class Basis(TypedDict):
    text: str
    source: Source


class Reason(TypedDict):
    """A 医保 reason for a refused reimbursement: what it is, what to check, what to do, whom to call."""

    id: str
    kind: str
    title: str
    explanation: str
    examples: list[str]
    check: list[str]
    do: list[str]
    contacts: list[Call]
    basis: list[Basis]
    source: Source
    phone_first: dict | None  # {confirm_by}: the advice rests on something unverified


class Maybe(TypedDict):
    id: str
    title: str
    check: list[str]


class Period(TypedDict):
    """A deadline rule the outcome names (the same rule ``ybguide deadline`` computes with)."""

    id: str
    track: str
    title: str
    text: str
    source: str
    source_detail: Source
    basis: dict | None  # Source's basis: {law, article}
    status: str
    condition: str | None  # when it applies, if only in some situations


class Note(TypedDict):
    title: str
    text: str


class RecordAdvice(TypedDict):
    items: list[str]
    text: str | None


class GeneralReason(TypedDict):
    id: str
    title: str
    explanation: str
    examples: list[str]


class Step(TypedDict):
    title: str
    text: str


class Procedure(TypedDict):
    id: str
    title: str
    closing: str | None
    steps: list[Step]


class Strategy(TypedDict):
    id: str
    title: str
    text: str


class General(TypedDict):
    """The web article's general advice, kept apart from the 医保 answer."""

    title: str
    note: str
    reasons: list[GeneralReason]
    procedure: Procedure | None
    strategies: list[Strategy]
    cautions: list[str]
    source: Source


class Handover(TypedDict):
    flow: str
    title: str
    when: str
    answers: list[list[str]]


class _Action(TypedDict):
    action: str  # flow, checklist, channel, deadline, letter
    why: str


class NextAction(_Action, total=False):
    """A next step: the command line shows it as a command, the web page as a link."""

    flow: str
    answers: list[list[str]]
    id: str
    title: str
    acting: bool
    events: list[str]
    kind: str | None
    channel: str | None
    case: int


class Now(TypedDict):
    """What to do now, with whom, by when: the first block of an outcome."""

    do: str  # the person's first act (schedule.next_step), else the outcome's
    act: str | None  # that act's id (reconsideration, review-request …); None: no legal date of theirs
    who: str | None
    contact: ChannelBrief | Alternative | None  # an alternative's, when the outcome names no channel
    by: str | None
    date: dict | None  # views.common.day
    alongside: str | None  # the outcome's own act, when another must come first (复议前置)
    needs: str | None  # the event whose date would date the first step (decision-known): ask it
    needs_label: str | None
    situation: dict[str, str]  # what the answers say of the situation (decision -> refusal): kept when it is asked
    agency: str | None  # 对方最晚…: the authority's nearest legal date
    note: str | None
    also: list[str]


class FlowResult(TypedDict):
    """The outcome screen."""

    flow: str
    title: str
    answers: list[Answer]
    replay: Replay
    outcome: OutcomeHead
    reasons: list[str]
    channel: ChannelBrief | None
    steps: list[str]
    processing_time: str | None
    corrections: list[str]
    reason: Reason | None
    maybe: list[Maybe]
    checklists: list[ChecklistBrief]
    acting: bool | None
    case: int | None
    periods: list[Period]
    law_notes: list[str]  # situation notes for this person (法律援助, 简易程序), one line each
    warnings: list[str]
    alternatives: list[Alternative]
    record: RecordAdvice | None
    notes: list[Note]
    general: General | None
    handover: Handover | None
    next: list[NextAction]
    sources: list[Source]
    now: Now
