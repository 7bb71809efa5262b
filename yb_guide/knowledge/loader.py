"""The knowledge base: channels, checklists, process, notes, FAQs and guided flows, loaded from data/*.yaml.

Each YAML file is read once into frozen dataclasses (``schema.build`` checks keys
and types); then ``_cross_check`` makes sure every reference points at something
that exists.  Errors name the file, the key path and the line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from yb_guide.base.errors import DataError, UnknownIdError
from yb_guide.base.schema import Where, build, where_of

from yb_guide.base.paths import DATA_FILES, data_dir as default_data_dir, data_files  # noqa: F401
# Events a deadline can run from (besides another deadline).
EVENTS = ("filed", "result-received", "review-filed", "reconsideration-decided")

# ---------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceRef:
    doc: str  # an id in sources.yaml
    section: str


@dataclass(frozen=True)
class Document:
    id: str
    kind: Literal["source-document", "law", "official-notice", "official-site"]
    title: str
    checked: dt.date
    file: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SourcesFile:
    documents: tuple[Document, ...]


# ---------------------------------------------------------------- channels.yaml


@dataclass(frozen=True)
class Scope:
    region: str
    region_code: str
    summary: str
    source: SourceRef
    checked: dt.date


@dataclass(frozen=True)
class Problem:
    id: str
    title: str
    source: SourceRef
    checked: dt.date


@dataclass(frozen=True)
class Contact:
    phone: str | None = None
    website: str | None = None
    app: str | None = None
    wechat: str | None = None
    entry: str | None = None
    address: str | None = None
    recipient: str | None = None
    postcode: str | None = None
    hours: str | None = None
    hours_open: str | None = None  # "09:00", for hall-hours
    hours_close: str | None = None


@dataclass(frozen=True)
class TimeLimit:
    """A time limit as the source states it, and as numbers for the deadline engine."""

    text: str
    unit: Literal["workday", "day", "month"]
    max: int
    min: int | None = None
    complex_max: int | None = None  # 复杂案件可延长至…
    after: str | None = None  # the event or stage the period runs from


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    kind: Literal["phone", "online", "on-site", "mail", "report"]
    group: str
    summary: str
    description: str
    contact: Contact
    use_when: tuple[str, ...]
    advantages: tuple[str, ...]
    steps: tuple[str, ...]
    notes: tuple[str, ...]
    source: SourceRef
    checked: dt.date
    checklist: str | None = None
    processing_time: TimeLimit | None = None


@dataclass(frozen=True)
class Correction:
    id: str
    channels: tuple[str, ...]
    field: str
    document_says: str
    advice: str
    source: SourceRef
    checked: dt.date
    corrected: str | None = None


@dataclass(frozen=True)
class ChecklistItem:
    item: str
    form: Literal["original", "copy", "original-and-copy", "card", "info", "electronic", "document"]
    need: Literal["required", "recommended"]
    why: str
    source: SourceRef | None = None  # defaults to the checklist's source


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    purpose: str
    items: tuple[ChecklistItem, ...]
    source: SourceRef
    checked: dt.date
    channel: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    description: str
    source: SourceRef
    checked: dt.date
    limit: TimeLimit | None = None


@dataclass(frozen=True)
class Process:
    applies_to: str
    note: str
    stages: tuple[Stage, ...]


@dataclass(frozen=True)
class Note:
    id: str
    title: str
    text: str
    source: SourceRef
    checked: dt.date
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Faq:
    id: str
    question: str
    answer: str
    source: SourceRef
    checked: dt.date
    tags: tuple[str, ...] = ()
    procedure: str | None = None  # the answer's steps are this procedure's steps


@dataclass(frozen=True)
class ChannelsFile:
    scope: Scope
    problems: tuple[Problem, ...]
    channels: tuple[Channel, ...]
    corrections: tuple[Correction, ...]
    checklists: tuple[Checklist, ...]
    process: Process
    notes: tuple[Note, ...]
    faq: tuple[Faq, ...]


# ---------------------------------------------------------------- reimbursement_faq.yaml


@dataclass(frozen=True)
class Topic:
    title: str
    intro: str
    source: SourceRef
    checked: dt.date


@dataclass(frozen=True)
class Reason:
    id: str
    title: str
    explanation: str
    examples: tuple[str, ...]
    source: SourceRef
    checked: dt.date
    procedure: str | None = None


@dataclass(frozen=True)
class Strategy:
    id: str
    title: str
    text: str
    source: SourceRef
    checked: dt.date


@dataclass(frozen=True)
class ProcedureStep:
    title: str
    text: str


@dataclass(frozen=True)
class Procedure:
    id: str
    title: str
    steps: tuple[ProcedureStep, ...]
    source: SourceRef
    checked: dt.date
    closing: str | None = None
    checklist: str | None = None


@dataclass(frozen=True)
class RegionalExample:
    id: str
    region: str
    text: str
    source: SourceRef
    checked: dt.date
    caution: str | None = None


@dataclass(frozen=True)
class Caution:
    id: str
    text: str
    source: SourceRef
    checked: dt.date


@dataclass(frozen=True)
class ReimbursementFile:
    topic: Topic
    reasons: tuple[Reason, ...]
    strategies: tuple[Strategy, ...]
    procedures: tuple[Procedure, ...]
    checklists: tuple[Checklist, ...]
    regional_examples: tuple[RegionalExample, ...]
    cautions: tuple[Caution, ...]
    faq: tuple[Faq, ...]


# ---------------------------------------------------------------- deadlines.yaml


@dataclass(frozen=True)
class AltPeriod:
    """A period that replaces the rule's own when its event is known (e.g. after 行政复议)."""

    after: str
    amount: int
    unit: Literal["workday", "day", "month"]
    rule: str
    source: SourceRef


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    title: str
    after: str  # an event in EVENTS or another rule's id
    rule: str  # in words; {n} is the amount, {min} the window's start
    source: SourceRef
    checked: dt.date
    process_stage: str | None = None  # take amount/unit from this process stage's limit
    amount: int | None = None
    complex_amount: int | None = None
    window_min: int | None = None
    unit: Literal["workday", "day", "month"] | None = None
    channel: str | None = None  # only shown for this channel
    rule_complex: str | None = None
    instead: AltPeriod | None = None


@dataclass(frozen=True)
class DeadlinesFile:
    rules: tuple[DeadlineRule, ...]
    complex_note: str  # shown with --complex
# ---------------------------------------------------------------- flows.yaml



@dataclass(frozen=True)
class Option:
    id: str
    label: str
    next: str | None = None  # the next question of the same flow …
    outcome: str | None = None  # … or the outcome this answer ends in (exactly one of the two)
    because: str | None = None  # a reason shown on the outcome screen when this option was chosen
    source: SourceRef | None = None  # defaults to the question's source


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str  # shown when the user presses Enter without an answer
    options: tuple[Option, ...]
    source: SourceRef
    checked: dt.date

    def option(self, option_id: str) -> Option:
        for o in self.options:
            if o.id == option_id:
                return o
        raise UnknownIdError(f"选项（问题 {self.id}）", option_id, [o.id for o in self.options])


@dataclass(frozen=True)
class Alternative:
    channel: str
    when: str  # when to switch to this channel


@dataclass(frozen=True)
class Record:
    """What to write down: a note in channels.yaml (keep-records) and anything particular to the outcome."""

    note: str | None = None
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Handover:
    """Go on in another flow, with some of its answers given (``problem=reimbursement-dispute``)."""

    flow: str
    when: str
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextCommand:
    command: str
    why: str


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    summary: str
    source: SourceRef
    checked: dt.date
    channel: str | None = None  # the recommended channel (channels.yaml)
    why: tuple[str, ...] = ()  # reasons for the recommendation, after those of the answers
    alternatives: tuple[Alternative, ...] = ()
    reason: str | None = None  # reimbursement_faq.yaml: a reason …
    procedure: str | None = None  # … its procedure (steps) …
    strategies: tuple[str, ...] = ()  # … and strategies
    checklists: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()  # rules in deadlines.yaml (复核, 行政复议, 行政诉讼) to show
    record: Record | None = None
    notes: tuple[str, ...] = ()  # notes in channels.yaml
    handover: Handover | None = None
    next: tuple[NextCommand, ...] = ()


@dataclass(frozen=True)
class Flow:
    id: str  # also the command's name: ybguide choose, ybguide reimburse
    title: str
    intro: str
    start: str  # the first question
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    source: SourceRef
    checked: dt.date
    cautions: tuple[str, ...] = ()  # cautions in reimbursement_faq.yaml, shown on every outcome

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise UnknownIdError("问题", question_id, [q.id for q in self.questions])

    def outcome(self, outcome_id: str) -> Outcome:
        for o in self.outcomes:
            if o.id == outcome_id:
                return o
        raise UnknownIdError("结果", outcome_id, [o.id for o in self.outcomes])


@dataclass(frozen=True)
class FlowsFile:
    flows: tuple[Flow, ...]


# ---------------------------------------------------------------- letter.yaml


@dataclass(frozen=True)
class LetterHeadings:
    complainant: str
    respondent: str
    facts: str
    demands: str
    evidence: str
    contact: str


@dataclass(frozen=True)
class LetterLabels:
    name: str
    id_number: str
    card_number: str
    phone: str
    address: str


@dataclass(frozen=True)
class LetterFacts:
    incident_place: str
    amount: str
    filed: str
    ticket: str
    staff: str
    result: str
    log: str
    none: str


@dataclass(frozen=True)
class LetterTemplate:
    """The fixed wording of the written complaint letter; {name}-style placeholders only."""

    channel: str  # recipient, address and postcode come from this channel's contact
    correction: str  # "confirm the address first"
    demands_note: str  # a note whose examples are what people ask for
    title: str
    mark: str
    addressee: str
    salutation: str
    opening: str
    subject_default: str
    subject_institution: str
    headings: LetterHeadings
    labels: LetterLabels
    facts: LetterFacts
    numbered_item: str
    demands_hint: str
    evidence_item: str
    contact_intro: str
    truth: str
    closing: tuple[str, ...]
    signature: str
    blank: str
    envelope: tuple[str, ...]
    source: SourceRef
    checked: dt.date


@dataclass(frozen=True)
class LetterFile:
    letter: LetterTemplate


# Which placeholders each piece of the letter may use (checked when the data is loaded,
# so a typo in letter.yaml is a data error, not a crash while writing a letter).
LETTER_PLACEHOLDERS = {
    "addressee": {"recipient", "address", "postcode"}, "salutation": {"recipient"}, "opening": {"name", "subject"}, "subject_institution": {"institution"},
    "facts.incident_place": {"place"}, "facts.amount": {"amount"}, "facts.filed": {"channel"},
    "facts.ticket": {"ticket"}, "facts.staff": {"staff"}, "facts.log": {"kind", "text"},
    "numbered_item": {"n", "item"}, "demands_hint": {"examples"}, "evidence_item": {"n", "item"},
    "envelope": {"postcode", "address", "recipient", "name", "phone", "sender_address"},
}


def placeholders(text: str) -> set[str]:
    import re

    return set(re.findall(r"\{(\w+)\}", text))


# ---------------------------------------------------------------- the whole


@dataclass(frozen=True)
class Knowledge:
    data_dir: Path
    sources: SourcesFile
    main: ChannelsFile
    reimbursement: ReimbursementFile
    deadlines: DeadlinesFile
    flows_file: FlowsFile
    letter_file: LetterFile
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    # Lookups; each raises UnknownIdError (with "did you mean") for a bad id.
    def _get(self, kind: str, what: str, items, wanted: str):
        key = (kind, "map")
        if key not in self._index:
            self._index[key] = {x.id: x for x in items}
        found = self._index[key].get(wanted)
        if found is None:
            raise UnknownIdError(what, wanted, [x.id for x in items])
        return found

    @property
    def channels(self) -> tuple[Channel, ...]:
        return self.main.channels

    @property
    def checklists(self) -> tuple[Checklist, ...]:
        return self.main.checklists + self.reimbursement.checklists

    @property
    def faqs(self) -> tuple[Faq, ...]:
        return self.main.faq + self.reimbursement.faq

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.sources.documents

    @property
    def flows(self) -> tuple[Flow, ...]:
        return self.flows_file.flows

    @property
    def letter(self) -> LetterTemplate:
        return self.letter_file.letter

    def correction(self, correction_id: str) -> Correction:
        return self._get("correction", "更正", self.main.corrections, correction_id)

    def channel(self, channel_id: str) -> Channel:
        return self._get("channel", "渠道", self.channels, channel_id)

    def checklist(self, checklist_id: str) -> Checklist:
        return self._get("checklist", "材料清单", self.checklists, checklist_id)

    def document(self, doc_id: str) -> Document:
        return self._get("document", "来源", self.documents, doc_id)

    def procedure(self, procedure_id: str) -> Procedure:
        return self._get("procedure", "办理步骤", self.reimbursement.procedures, procedure_id)

    def stage(self, stage_id: str) -> Stage:
        return self._get("stage", "处理阶段", self.main.process.stages, stage_id)

    def cite(self, ref: SourceRef) -> str:
        """'000_….txt · 章节' or '法律名称 · 条文': how a source is shown to the user."""
        doc = self.document(ref.doc)
        return f"{doc.file or doc.title} · {ref.section}"
    def flow(self, flow_id: str) -> Flow:
        return self._get("flow", "流程", self.flows, flow_id)

    def note(self, note_id: str) -> Note:
        return self._get("note", "注意事项", self.main.notes, note_id)

    def reason(self, reason_id: str) -> Reason:
        return self._get("reason", "原因", self.reimbursement.reasons, reason_id)

    def strategy(self, strategy_id: str) -> Strategy:
        return self._get("strategy", "应对策略", self.reimbursement.strategies, strategy_id)

    def caution(self, caution_id: str) -> Caution:
        return self._get("caution", "提示", self.reimbursement.cautions, caution_id)

    def deadline_rule(self, rule_id: str) -> DeadlineRule:
        return self._get("deadline", "期限规则", self.deadlines.rules, rule_id)

    def corrections_for(self, channel_id: str) -> list[Correction]:
        return [c for c in self.main.corrections if channel_id in c.channels]

    def counts(self) -> dict[str, int]:
        """How many of each kind of entry the data holds (for ``data check``)."""
        return {
            "documents": len(self.documents),
            "problems": len(self.main.problems),
            "channels": len(self.channels),
            "corrections": len(self.main.corrections),
            "checklists": len(self.checklists),
            "stages": len(self.main.process.stages),
            "notes": len(self.main.notes),
            "faq": len(self.faqs),
            "reasons": len(self.reimbursement.reasons),
            "strategies": len(self.reimbursement.strategies),
            "procedures": len(self.reimbursement.procedures),
            "regional_examples": len(self.reimbursement.regional_examples),
            "cautions": len(self.reimbursement.cautions),
            "deadline_rules": len(self.deadlines.rules),
            "flows": len(self.flows),
            "questions": sum(len(f.questions) for f in self.flows),
            "outcomes": sum(len(f.outcomes) for f in self.flows),
        }


# ---------------------------------------------------------------- loading


def _load_file(data_dir: Path, name: str, schema):
    from yb_guide.base.yamlio import load_file

    path = data_dir / name
    raw = load_file(path, display_name=str(path))
    if raw is None:
        raise DataError(str(path), "", None, "文件是空的")
    return build(schema, raw, Where(str(path), "", getattr(raw, "line", 1)))


def load(data_dir: Path | str | None = None) -> Knowledge:
    """Load and validate the data files (``DATA_FILES``) in ``data_dir``."""
    d = default_data_dir(data_dir)
    if not d.is_dir():
        raise DataError(str(d), "", None, "数据目录不存在")
    k = Knowledge(
        data_dir=d,
        sources=_load_file(d, "sources.yaml", SourcesFile),
        main=_load_file(d, "channels.yaml", ChannelsFile),
        reimbursement=_load_file(d, "reimbursement_faq.yaml", ReimbursementFile),
        deadlines=_load_file(d, "deadlines.yaml", DeadlinesFile),
        flows_file=_load_file(d, "flows.yaml", FlowsFile),
        letter_file=_load_file(d, "letter.yaml", LetterFile),
    )
    _cross_check(k)
    return k


_cache: dict[Path, Knowledge] = {}


def get(data_dir: Path | str | None = None) -> Knowledge:
    """The knowledge base, loaded once per process; from the compiled cache when the data
    files are unchanged (parsing and checking the YAML is most of a cold start)."""
    from yb_guide.base import cache

    d = default_data_dir(data_dir)
    if d not in _cache:
        if not d.is_dir():
            raise DataError(str(d), "", None, "数据目录不存在")
        key = cache.files_key(data_files(d), "knowledge")
        _cache[d] = cache.cached("knowledge", key, lambda: load(d), valid=lambda k: isinstance(k, Knowledge))
    return _cache[d]


def _fail(obj, key: str, problem: str) -> DataError:
    w = where_of(obj) or Where("?")
    first_key = key.split(".")[0].split("[")[0]
    line = getattr(obj, "_key_lines", {}).get(first_key, w.line)
    return DataError(w.file, f"{w.path}.{key}" if key else w.path, line, problem)


def _unique(items, what: str):
    seen: dict[str, object] = {}
    for x in items:
        if x.id in seen:
            first = where_of(seen[x.id])
            raise _fail(x, "id", f"{what}编号「{x.id}」重复（第一次出现在第 {first.line if first else '?'} 行）")
        seen[x.id] = x


def _refer(obj, key: str, wanted: str | None, valid: set[str], what: str):
    if wanted is not None and wanted not in valid:
        from yb_guide.base.suggest import nearest

        near = nearest(wanted, sorted(valid))
        tip = f"，您是不是要写「{near}」？" if near else ""
        raise _fail(obj, key, f"引用了不存在的{what}「{wanted}」{tip}（可用：{'、'.join(sorted(valid))}）")


def _cross_check(k: Knowledge) -> None:
    m, r = k.main, k.reimbursement
    for items, what in (
        (k.documents, "来源"), (m.problems, "问题类型"), (m.channels, "渠道"),
        (m.corrections, "更正"), (k.checklists, "材料清单"), (m.process.stages, "处理阶段"),
        (m.notes, "注意事项"), (k.faqs, "问答"), (r.reasons, "原因"), (r.strategies, "应对策略"),
        (r.procedures, "办理步骤"), (r.regional_examples, "地区示例"), (r.cautions, "提示"),
        (k.deadlines.rules, "期限规则"),
    ):
        _unique(items, what)

    docs = {d.id for d in k.documents}
    channels = {c.id for c in m.channels}
    checklists = {c.id for c in k.checklists}
    procedures = {p.id for p in r.procedures}
    stages = {s.id for s in m.process.stages}
    # A stage's limit runs from another stage or from one of these events.
    events = stages | {"filed", "review-request", "result-received"}

    with_sources = [
        *m.problems, *m.channels, *m.corrections, *k.checklists, *m.process.stages, *m.notes,
        *k.faqs, *r.reasons, *r.strategies, *r.procedures, *r.regional_examples, *r.cautions,
        m.scope, r.topic, *k.deadlines.rules,
    ]
    for x in with_sources:
        _refer(x, "source.doc", x.source.doc, docs, "来源")
    for cl in k.checklists:
        _refer(cl, "channel", cl.channel, channels, "渠道")
        for item in cl.items:
            if item.source is not None:
                _refer(item, "source.doc", item.source.doc, docs, "来源")
    for c in m.channels:
        _refer(c, "checklist", c.checklist, checklists, "材料清单")
        if c.processing_time:
            _refer(c, "processing_time.after", c.processing_time.after, events, "事件")
    for corr in m.corrections:
        for ch in corr.channels:
            _refer(corr, "channels", ch, channels, "渠道")
    for s in m.process.stages:
        if s.limit:
            _refer(s, "limit.after", s.limit.after, events, "阶段或事件")
    for f in k.faqs:
        _refer(f, "procedure", f.procedure, procedures, "办理步骤")
    for reason in r.reasons:
        _refer(reason, "procedure", reason.procedure, procedures, "办理步骤")
    for p in r.procedures:
        _refer(p, "checklist", p.checklist, checklists, "材料清单")
    _check_deadline_rules(k, docs, channels, stages)
    _check_letter(k, docs, channels)
    for obj in (*m.channels, *m.process.stages):
        lim = obj.processing_time if isinstance(obj, Channel) else obj.limit
        if lim and lim.min is not None and lim.min > lim.max:
            raise _fail(obj, "limit", f"时限下限 {lim.min} 大于上限 {lim.max}")
    _check_flows(k, docs, channels, checklists, procedures)


def _check_flows(k: Knowledge, docs: set, channels: set, checklists: set, procedures: set) -> None:
    """Every option leads to a question or outcome that exists, every outcome names channels,
    checklists and steps that exist, no question leads back to itself, nothing is unreachable."""
    m, r = k.main, k.reimbursement
    _unique(k.flows, "流程")
    notes = {n.id for n in m.notes}
    reasons = {x.id for x in r.reasons}
    strategies = {x.id for x in r.strategies}
    cautions = {x.id for x in r.cautions}
    periods = {x.id for x in k.deadlines.rules}

    for flow in k.flows:
        _unique(flow.questions, "问题")
        _unique(flow.outcomes, "结果")
        question_ids = {q.id for q in flow.questions}
        outcome_ids = {o.id for o in flow.outcomes}
        _refer(flow, "source.doc", flow.source.doc, docs, "来源")
        _refer(flow, "start", flow.start, question_ids, "问题")
        for c in flow.cautions:
            _refer(flow, "cautions", c, cautions, "提示")
        for q in flow.questions:
            _refer(q, "source.doc", q.source.doc, docs, "来源")
            _unique(q.options, "选项")
            for o in q.options:
                if (o.next is None) == (o.outcome is None):
                    raise _fail(o, "id", "选项要写 next（下一个问题）或 outcome（结果），且只能写其中一个")
                _refer(o, "next", o.next, question_ids, "问题")
                _refer(o, "outcome", o.outcome, outcome_ids, "结果")
                if o.source is not None:
                    _refer(o, "source.doc", o.source.doc, docs, "来源")
        for out in flow.outcomes:
            _refer(out, "source.doc", out.source.doc, docs, "来源")
            _refer(out, "channel", out.channel, channels, "渠道")
            for alt in out.alternatives:
                _refer(alt, "channel", alt.channel, channels, "渠道")
            _refer(out, "reason", out.reason, reasons, "原因")
            _refer(out, "procedure", out.procedure, procedures, "办理步骤")
            for x in out.strategies:
                _refer(out, "strategies", x, strategies, "应对策略")
            for x in out.checklists:
                _refer(out, "checklists", x, checklists, "材料清单")
            for x in out.periods:
                _refer(out, "periods", x, periods, "期限规则（deadlines.yaml）")
            for x in out.notes:
                _refer(out, "notes", x, notes, "注意事项")
            if out.record is not None:
                _refer(out.record, "note", out.record.note, notes, "注意事项")
            if not (out.channel or out.procedure or out.handover):
                raise _fail(out, "id", "结果至少要写 channel（推荐渠道）、procedure（办理步骤）或 handover（转到另一个流程）之一")
        _check_graph(flow)

    from yb_guide.base.errors import UserError
    from yb_guide.knowledge.flows import parse_answers, resolve

    flow_ids = {f.id for f in k.flows}
    for flow in k.flows:
        for out in flow.outcomes:
            h = out.handover
            if h is None:
                continue
            _refer(h, "flow", h.flow, flow_ids, "流程")
            try:
                resolve(k.flow(h.flow), parse_answers(h.answers))
            except UserError as err:
                raise _fail(h, "answers", err.message) from None


def _check_graph(flow: Flow) -> None:
    """No cycles among the questions; every question and outcome reachable from the first question."""
    state: dict[str, str] = {}  # question id -> "open" while on the current trail, then "done"
    reached: set[str] = set()

    def visit(q: Question, trail: list[str]) -> None:
        state[q.id] = "open"
        for o in q.options:
            if o.outcome is not None:
                reached.add(o.outcome)
            elif state.get(o.next) == "open":
                loop = " → ".join(trail[trail.index(o.next):] + [o.next])
                raise _fail(o, "next", f"问题之间形成了循环：{loop}")
            elif o.next not in state:
                visit(flow.question(o.next), trail + [o.next])
        state[q.id] = "done"

    visit(flow.question(flow.start), [flow.start])
    for q in flow.questions:
        if q.id not in state:
            raise _fail(q, "id", f"从第一个问题「{flow.start}」出发走不到这个问题")
    for out in flow.outcomes:
        if out.id not in reached:
            raise _fail(out, "id", f"从第一个问题「{flow.start}」出发走不到这个结果")


def _check_deadline_rules(k: Knowledge, docs: set[str], channels: set[str], stages: set[str]) -> None:
    seen: set[str] = set()
    for rule in k.deadlines.rules:
        # A rule may only run from an event or an earlier rule, so there are no cycles.
        _refer(rule, "after", rule.after, set(EVENTS) | seen, "事件或前面的期限")
        _refer(rule, "process_stage", rule.process_stage, stages, "处理阶段")
        _refer(rule, "channel", rule.channel, channels, "渠道")
        if rule.instead:
            _refer(rule, "instead.after", rule.instead.after, set(EVENTS), "事件")
            _refer(rule, "instead.source.doc", rule.instead.source.doc, docs, "来源")
        if rule.process_stage is None and (rule.amount is None or rule.unit is None):
            raise _fail(rule, "amount", "没有 process_stage 时必须写 amount 和 unit")
        if rule.process_stage is not None and rule.amount is not None:
            raise _fail(rule, "amount", "amount 与 process_stage 只能写一个（时限只保存在一处）")
        if rule.process_stage is not None and k.stage(rule.process_stage).limit is None:
            raise _fail(rule, "process_stage", f"处理阶段「{rule.process_stage}」没有时限")
        seen.add(rule.id)


def _check_letter(k: Knowledge, docs: set[str], channels: set[str]) -> None:
    t = k.letter
    _refer(t, "source.doc", t.source.doc, docs, "来源")
    _refer(t, "channel", t.channel, channels, "渠道")
    _refer(t, "correction", t.correction, {c.id for c in k.main.corrections}, "更正")
    _refer(t, "demands_note", t.demands_note, {n.id for n in k.main.notes}, "注意事项")
    if not k.note(t.demands_note).examples:
        raise _fail(t, "demands_note", f"注意事项「{t.demands_note}」没有 examples，无法给出诉求示例")
    contact = k.channel(t.channel).contact
    for key in ("address", "recipient", "postcode"):
        if getattr(contact, key) is None:
            raise _fail(t, "channel", f"渠道「{t.channel}」的联系方式缺少 {key}，投诉信需要它")
    # Every placeholder must be one the letter fills in for that piece.
    for key in ("title", "mark", "addressee", "salutation", "opening", "subject_default", "subject_institution", "numbered_item", "demands_hint",
                "evidence_item", "contact_intro", "truth", "signature", "blank", "closing", "envelope",
                *(f"facts.{f}" for f in LetterFacts.__dataclass_fields__),
                *(f"headings.{f}" for f in LetterHeadings.__dataclass_fields__),
                *(f"labels.{f}" for f in LetterLabels.__dataclass_fields__)):
        obj, name = (t, key) if "." not in key else (getattr(t, key.split(".")[0]), key.split(".")[1])
        value = getattr(obj, name)
        texts = value if isinstance(value, tuple) else (value,)
        allowed = LETTER_PLACEHOLDERS.get(key, set())
        for text in texts:
            unknown = placeholders(text) - allowed
            if unknown:
                where = "、".join(sorted(allowed)) or "（这里不能用占位符）"
                raise _fail(obj, name, f"未知的占位符「{{{sorted(unknown)[0]}}}」（可用：{where}）")
