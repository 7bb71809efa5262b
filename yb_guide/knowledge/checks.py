"""Cross-checks between the data files: every id unique, every reference pointing at something
that exists, every flow free of loops and dead ends.  Errors name the file, the key path and the line."""

from __future__ import annotations

import dataclasses

from yb_guide.base.errors import DataError, UserError
from yb_guide.base.schema import where_of
from yb_guide.base.yamlio import Where
from yb_guide.knowledge.channels import Channel
from yb_guide.knowledge.flows import ACTING, check_graph, parse_answers, resolve
from yb_guide.knowledge.sources import KIND_LABELS, OFFICIAL_KINDS, SourceRef
from yb_guide.knowledge.letter_template import PLACEHOLDERS, placeholders, texts
from yb_guide.knowledge.lookup import normal


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


def _walk(obj, parent=None, key: str = ""):
    """(parent, key path, value) for every dataclass reachable from ``obj``, depth first."""
    if dataclasses.is_dataclass(obj):
        yield parent, key, obj
        for f in dataclasses.fields(obj):
            if not f.name.startswith("_"):
                yield from _walk(getattr(obj, f.name), obj, f.name)
    elif isinstance(obj, (tuple, list)):
        for x in obj:
            yield from _walk(x, parent, key)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from _walk(x, parent, key)


def _check_sources(k) -> None:
    """Every source names a document; a fact is verified only against an official text that was read,
    with the day it was checked; a fact that is not verified has no check date."""
    docs = {d.id: d for d in k.documents}
    for parent, key, obj in _walk((k.main, k.reimbursement, k.deadlines, k.flows_file, k.letter_file)):
        if isinstance(obj, SourceRef):
            _refer(parent, f"{key}.doc", obj.doc, set(docs), "来源")
        status = getattr(obj, "status", None)
        if status is None or not hasattr(obj, "source"):
            continue
        if status == "verified":
            doc = docs[obj.source.doc]
            if doc.kind not in OFFICIAL_KINDS:
                raise _fail(obj, "status", f"来源「{doc.id}」是{KIND_LABELS[doc.kind]}，不能据此写 verified（改为 unverified）")
            if not doc.read:
                raise _fail(obj, "status", f"来源「{doc.id}」没有写 read（在哪里读到了原文），不能据此写 verified")
            if obj.checked is None:
                raise _fail(obj, "status", "写了 verified 就要写 checked（核实的日期）")
        elif obj.checked is not None:
            raise _fail(obj, "checked", f"只有 verified 的事实才写 checked（这里是 {status}）")


def cross_check(k) -> None:
    """Raise a ``DataError`` at the first reference that points nowhere."""
    m, r = k.main, k.reimbursement
    for items, what in (
        (k.documents, "来源"), (m.problems, "问题类型"), (m.channels, "渠道"),
        (m.corrections, "更正"), (k.checklists, "材料清单"), (m.process.stages, "处理阶段"),
        (m.notes, "注意事项"), (k.faqs, "问答"), (r.reasons, "原因"), (r.strategies, "应对策略"),
        (r.procedures, "办理步骤"), (r.regional_examples, "地区示例"), (r.cautions, "提示"),
        (k.deadlines.tracks, "期限轨道"), (k.deadlines.rules, "期限规则"),
    ):
        _unique(items, what)
    _check_sources(k)

    _check_channel_words(m.channels)
    _check_channel_words(k.checklists, "材料清单")
    channels = {c.id for c in m.channels}
    checklists = {c.id for c in k.checklists}
    for step in k.deadlines.first_steps:  # what a first step is done with must exist
        _refer(step, "checklist", step.checklist, checklists, "材料清单")
        _refer(step, "needs", step.needs, set(k.events.ids), "事件")
    procedures = {p.id for p in r.procedures}
    stages = {s.id for s in m.process.stages}
    # A stage's limit runs from another stage or from one of these events.
    events = stages | {"filed", "review-request", "result-received"}
    for cl in k.checklists:
        _refer(cl, "channel", cl.channel, channels, "渠道")
    for c in m.channels:
        _refer(c, "checklist", c.checklist, checklists, "材料清单")
        if c.processing_time:
            _refer(c, "processing_time.after", c.processing_time.after, events, "事件")
    faqs = {f.id for f in k.faqs}
    for corr in m.corrections:
        for ch in corr.channels:
            _refer(corr, "channels", ch, channels, "渠道")
        for f in corr.faqs:
            _refer(corr, "faqs", f, faqs, "问答")
    for s in m.process.stages:
        if s.limit:
            _refer(s, "limit.after", s.limit.after, events, "阶段或事件")
    for f in k.faqs:
        _refer(f, "procedure", f.procedure, procedures, "办理步骤")
    for f in k.search.general:  # search.yaml: the article's general FAQs, found after the 医保 ones
        _refer(k.search, "general", f, faqs, "问答")
    if k.search.referral:  # who answers what no FAQ does: channels and flows that exist
        for ch in k.search.referral.channels:
            _refer(k.search.referral, "channels", ch, channels, "渠道")
        for rf in k.search.referral.flows:
            _refer(rf, "flow", rf.flow, {f.id for f in k.flows}, "流程")
    for reason in r.reasons:
        _refer(reason, "procedure", reason.procedure, procedures, "办理步骤")
        _check_reason(reason, channels)
    for p in r.procedures:
        _refer(p, "checklist", p.checklist, checklists, "材料清单")
    _check_deadline_rules(k, channels, stages)
    _check_letter(k, channels)
    for obj in (*m.channels, *m.process.stages):
        lim = obj.processing_time if isinstance(obj, Channel) else obj.limit
        if lim and lim.min is not None and lim.min > lim.max:
            raise _fail(obj, "limit", f"时限下限 {lim.min} 大于上限 {lim.max}")
    _check_flows(k, channels, checklists, procedures)


def _check_channel_words(channels, what: str = "渠道") -> None:
    """A channel's (or checklist's) id, name and short names (``aliases``) are looked up as one set
    of words (``knowledge.lookup``): no word may name two of them, and none is written twice."""
    owner: dict[str, tuple[str, str]] = {}  # normal word -> (channel id, the word as written)
    for c in channels:
        name_key = "name" if hasattr(c, "name") else "title"
        for key, word in (("id", c.id), (name_key, getattr(c, name_key))):
            other, written = owner.setdefault(normal(word), (c.id, word))
            if other != c.id:
                raise _fail(c, key, f"「{word}」和{what}「{other}」的「{written}」查找时是同一个词，一个词只能指一个{what}")
    for c in channels:
        mine: dict[str, str] = {}
        for alias in c.aliases:
            w = normal(alias)
            if not w:
                raise _fail(c, "aliases", "简称不能是空的")
            if w in mine:
                same = "" if mine[w] == alias else f"和「{mine[w]}」查找时是同一个词（不分大小写和全角半角），"
                raise _fail(c, "aliases", f"简称「{alias}」{same}写了两次")
            mine[w] = alias
            other, written = owner.get(w, (c.id, alias))
            if other != c.id:
                raise _fail(c, "aliases", f"简称「{alias}」已经是{what}「{other}」的编号、名称或简称（「{written}」），"
                                          f"一个词只能指一个{what}")
            owner[w] = (c.id, alias)


def _check_flows(k, channels: set, checklists: set, procedures: set) -> None:
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
        _refer(flow, "start", flow.start, question_ids, "问题")
        for c in flow.cautions:
            _refer(flow, "cautions", c, cautions, "提示")
        for q in flow.questions:
            _unique(q.options, "选项")
            for o in q.options:
                if (o.next is None) == (o.outcome is None):
                    raise _fail(o, "id", "选项要写 next（下一个问题）或 outcome（结果），且只能写其中一个")
                _refer(o, "next", o.next, question_ids, "问题")
                _refer(o, "outcome", o.outcome, outcome_ids, "结果")
        fact_ids = {q.id for q in flow.facts}
        for q in flow.facts:
            _unique(q.options, "选项")
            if q.id in question_ids:
                raise _fail(q, "id", f"「{q.id}」已经是一个问题的编号")
            for o in q.options:
                if o.next is not None or o.outcome is not None:
                    raise _fail(o, "id", "关于本人情况的问题（facts）不决定结果：选项不写 next 或 outcome")
            if not any(q.id in out.asks for out in flow.outcomes):
                raise _fail(q, "id", f"没有一个结果问「{q.id}」（在结果的 asks 里写上它，或删去这个问题）")
        for out in flow.outcomes:
            for x in out.asks:
                _refer(out, "asks", x, fact_ids, "关于本人情况的问题（facts）")
            _refer(out, "channel", out.channel, channels, "渠道")
            for alt in out.alternatives:
                _refer(alt, "channel", alt.channel, channels, "渠道")
            for key, ids, kind in (("reason", (out.reason,) if out.reason else (), "medical"),
                                   ("maybe", out.maybe, "medical"), ("general", out.general, "general")):
                for x in ids:
                    _refer(out, key, x, reasons, "原因")
                    if key == "reason" and out.status == "verified" and k.reason(x).status != "verified":
                        raise _fail(out, "status", f"原因「{x}」未经官方核实，这个结果不能写 verified（改为 unverified）")
                    if k.reason(x).kind != kind:
                        what = "医保原因（kind: medical）" if kind == "medical" else "网络文章的一般建议（kind: general）"
                        raise _fail(out, key, f"原因「{x}」不是{what}，不能写在 {key} 里")
            _refer(out, "procedure", out.procedure, procedures, "办理步骤")
            for x in out.strategies:
                _refer(out, "strategies", x, strategies, "应对策略")
            for x in out.checklists:
                _refer(out, "checklists", x, checklists, "材料清单")
            # 代办: the acting items and the 授权委托书 appear only for someone acting, so an outcome
            # with such items asks whether the person acts for someone, and only such an outcome
            acting_items = any(i.when == "acting" for c in out.checklists for i in k.checklist(c).items)
            if ACTING in fact_ids and acting_items != (ACTING in out.asks):
                raise _fail(out, "asks", f"材料清单里{'有' if acting_items else '没有'}代办才要的材料："
                                         f"asks {'要' if acting_items else '不要'}写 {ACTING}")
            for x in out.periods:
                _refer(out, "periods", x, periods, "期限规则（deadlines.yaml）")
            for step in out.next:
                for e in step.events:
                    _refer(out, "next.events", e, set(k.events.ids), "事件")
            for x in out.notes:
                _refer(out, "notes", x, notes, "注意事项")
            if out.record is not None:
                _refer(out.record, "note", out.record.note, notes, "注意事项")
            if not (out.channel or out.procedure or out.handover or out.reason or (out.steps and out.who)):
                raise _fail(out, "id", "结果至少要写 channel（推荐渠道）、procedure（办理步骤）、handover（转到另一个流程）"
                                       "或 who 和 steps（找谁、怎么做）之一")
            if out.act is not None and out.act not in {f.id for f in k.deadlines.first_steps} | {
                    r.id for r in k.deadlines.rules}:
                raise _fail(out, "act", f"「{out.act}」不是 deadlines.yaml 里的 first_steps 或期限规则编号")
        check_graph(flow, _fail)

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


def _check_reason(reason, channels: set[str]) -> None:
    """A 医保 reason says what to check first, what to do and whom to call; the article's general
    reasons say none of these (they are shown only as general advice)."""
    if reason.kind == "medical":
        for key in ("check", "do", "contacts"):
            if not getattr(reason, key):
                raise _fail(reason, "id", f"医保原因（kind: medical）要写 {key}（先查什么、怎么办、打给谁）")
        if reason.procedure is not None:
            raise _fail(reason, "procedure", "办理步骤（procedure）是网络文章的一般建议，医保原因请把步骤写在 do 里")
    else:
        for key in ("check", "do", "contacts"):
            if getattr(reason, key):
                raise _fail(reason, key, f"网络文章的一般建议（kind: general）不写 {key}；医保原因请写 kind: medical")
    for call in reason.contacts:
        _refer(call, "channel", call.channel, channels, "渠道")
    # Advice that rests on anything unverified must say so (the screen then tells the user to phone first).
    if reason.status == "verified":
        for b in reason.basis:
            if b.status != "verified":
                raise _fail(reason, "status", f"依据「{b.text[:20]}…」未经官方核实，这条原因不能写 verified（改为 unverified）")


def _check_deadline_rules(k, channels: set[str], stages: set[str]) -> None:
    d = k.deadlines
    tracks = {t.id for t in d.tracks}
    for key, names in d.channels.items():
        _refer(d, "channels", key, channels | {"default"}, "渠道")
        for name in names:
            _refer(d, f"channels.{key}", name, tracks, "期限轨道")
    missing = sorted(channels - set(d.channels))
    if missing:
        raise _fail(d, "channels", f"渠道「{missing[0]}」没有写用哪几条期限轨道")
    for note in d.notes:
        _refer(note, "track", note.track, tracks, "期限轨道")
    seen: set[str] = set()
    for rule in d.rules:
        _refer(rule, "track", rule.track, tracks, "期限轨道")
        # A rule may only run from an event or an earlier rule, so there are no cycles.
        _refer(rule, "after", rule.after, set(k.events.ids) | seen, "事件或前面的期限")
        _refer(rule, "process_stage", rule.process_stage, stages, "处理阶段")
        _refer(rule, "channel", rule.channel, channels, "渠道")
        for e in rule.unless:
            _refer(rule, "unless", e, set(k.events.ids), "事件")
        for e in rule.done_by:
            _refer(rule, "done_by", e, set(k.events.ids), "事件")
        if rule.instead:
            _refer(rule, "instead.after", rule.instead.after, set(k.events.ids), "事件")
        given = [name for name, value in (("amount", rule.amount), ("process_stage", rule.process_stage),
                                          ("channel_time", rule.channel_time or None)) if value is not None]
        if len(given) != 1:
            raise _fail(rule, "amount", "amount、process_stage、channel_time 要写且只写一个（时限只保存在一处）")
        if rule.amount is not None and rule.unit is None:
            raise _fail(rule, "unit", "写了 amount 就要写 unit（workday、day 或 month）")
        if rule.process_stage is not None and k.stage(rule.process_stage).limit is None:
            raise _fail(rule, "process_stage", f"处理阶段「{rule.process_stage}」没有时限")
        if rule.channel_time and (rule.channel is None or k.channel(rule.channel).processing_time is None):
            raise _fail(rule, "channel_time", "channel_time 要和 channel 一起写，且那个渠道要有 processing_time")
        if rule.applies:
            _check_conditions(d, rule, "applies.when", rule.applies.when)
            _check_conditions(d, rule, "applies.only", rule.applies.only)
        seen.add(rule.id)
    for note in d.situation_notes:
        _refer(note, "track", note.track, tracks, "期限轨道")
        for e in (note.once, *note.unless):
            _refer(note, "once" if e == note.once else "unless", e, set(k.events.ids), "事件")
        _check_conditions(d, note, "when", note.when)


def _check_conditions(d, obj, key: str, conditions: dict) -> None:
    """Conditions name a situation question (or the procedure the amount decides) and its answers."""
    from yb_guide.knowledge.deadline_rules import UNKNOWN

    answers = {q.id: {o.id for o in q.options} for q in d.situation}
    answers["procedure"] = {"simple", "ordinary"}
    for question, values in conditions.items():
        _refer(obj, key, question, set(answers), "情况问题")
        for value in values:
            _refer(obj, f"{key}.{question}", value, answers[question] | {UNKNOWN}, "回答")


def _check_letter(k, channels: set[str]) -> None:
    t = k.letter
    _refer(t, "channel", t.channel, channels, "渠道")
    _refer(t, "correction", t.correction, {c.id for c in k.main.corrections}, "更正")
    _refer(t, "demands_note", t.demands_note, {n.id for n in k.main.notes}, "注意事项")
    if not k.note(t.demands_note).examples:
        raise _fail(t, "demands_note", f"注意事项「{t.demands_note}」没有 examples，无法给出诉求示例")
    contact = k.channel(t.channel).contact
    for key in ("address", "recipient", "postcode"):
        if getattr(contact, key) is None:
            raise _fail(t, "channel", f"渠道「{t.channel}」的联系方式缺少 {key}，投诉信需要它")
    for channel_id in t.filed_by:
        _refer(t, "filed_by", channel_id, channels, "渠道")
    # the 行政复议申请书 names a decision by the case's answer to the decision question
    r = k.letter_file.reconsideration
    decision_kinds = {o.id for q in k.deadlines.situation if q.id == "decision" for o in q.options}
    for kind in r.decisions:
        _refer(r, "decisions", kind, decision_kinds, "原决定的类型")
    if not {"name", "id_number"} <= set(r.applicant):  # 实施条例 第十九条第（一）项
        raise _fail(r, "applicant", "申请人的基本情况至少要有 name 和 id_number")
    # Every placeholder must be one the letter fills in for that piece.
    for part in ("letter", "review", "reconsideration", "power_of_attorney", "checklist_paper"):
        template = getattr(k.letter_file, part)
        for path, text in texts(template, part):
            allowed = PLACEHOLDERS.get(path, set())
            unknown = placeholders(text) - allowed
            if unknown:
                where = "、".join(sorted(allowed)) or "（这里不能用占位符）"
                raise _fail(template, path.split(".", 1)[1],
                            f"未知的占位符「{{{sorted(unknown)[0]}}}」（可用：{where}）")
