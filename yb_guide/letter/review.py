"""The request for 复查 (after the written reply) or 复核 (after the 复查 opinion): what was decided,
when it was received, why the person disagrees and what they ask, from the case and the ``review``
wording of data/letter.yaml.  Not a complaint letter: it asks the next body up to look again."""

from __future__ import annotations

import datetime as dt

from yb_guide.base.errors import UserError
from yb_guide.calendar.dates import date_zh
from yb_guide.letter.build import Block, Letter, as_of, fill, people, shown_number


def sentence(text: str) -> str:
    """The person's words as a sentence of the letter: ends with a full stop unless it already ends."""
    return text if text.endswith(("。", "！", "？", "；", ".", "!", "?", "）", ")")) else text + "。"


def step_of(case, wanted: str | None = None) -> str:
    """"review" (复查) once the written reply is in, "reexam" (复核) once the 复查 opinion is; or the
    step the person asked for, when the case has come that far."""
    if not case.events.get("result-received"):
        raise UserError(f"案件 {case.id} 还没有记下收到处理结果的日期，写不了复查申请书。",
                        hint=f"先运行 ybguide case result {case.id} --received 日期")
    if wanted == "reexam" and not case.events.get("review-replied"):
        raise UserError(f"案件 {case.id} 还没有记下收到复查意见的日期，写不了复核申请书。",
                        hint=f"先运行 ybguide case review {case.id} --replied 日期；还没复查的，写复查申请书")
    return wanted or ("reexam" if case.events.get("review-replied") else "review")


def build_review(k, case, today: dt.date, *, reveal: bool = False, to: str | None = None,
                 step: str | None = None) -> Letter:
    """The request; ``to``: the body it goes to, when the case does not say yet; ``step``: review or
    reexam when the person asked for one, otherwise the case's next step."""
    t = k.letter_file.review
    blank = k.letter.blank
    case, left_out = as_of(k, case, today)
    kind = step_of(case, step)
    s = getattr(t, kind)
    body = to or (case.reexam_to if kind == "reexam" else case.review_to)
    addressee = fill(t.addressee, body=body) if body else fill(t.addressee_unknown, blank=blank, body=s.body_default)
    received = case.events.get("review-replied") if kind == "reexam" else case.events.get("result-received")
    previous = case.review_to or "复查机关"

    def shown(number):
        return shown_number(number, reveal, blank)

    opening = (fill(t.opening_agent, agent=case.agent_name, relation=case.agent_relation or "亲属",
                    name=case.name or blank, step=s.law) if case.acting
               else fill(t.opening, name=case.name or blank, step=s.law))
    decision = (fill(s.decision, received=date_zh(received), body=previous) if kind == "reexam"
                else fill(s.decision, received=date_zh(received), ticket=case.ticket or blank,
                          whose=fill(t.whose_agent, name=case.name or blank) if case.acting else t.whose))
    applicant = people(k.letter.labels, case, shown, blank)
    if case.acting:  # the applicant is the person acting: they come first, then whom they act for
        applicant = applicant[3:] + applicant[:3]
    b = [
        Block("title", s.title),
        Block("salutation", addressee),
        Block("para", opening),
        Block("heading", t.headings.applicant),
        *applicant,
        Block("item", f"{k.letter.labels.phone}：{case.phone or blank}"),
        Block("item", f"{k.letter.labels.address}：{case.address or blank}"),
        Block("heading", s.heading),
        Block("para", decision),
        Block("heading", t.headings.request),
        Block("para", fill(s.request, body=body or t.body_unknown)),
    ]
    numbered = k.letter.numbered_item
    if case.asks:
        b.append(Block("para", t.asks_intro))
        b += [Block("numbered", fill(numbered, n=i, item=a), i, a) for i, a in enumerate(case.asks, 1)]
    else:
        b.append(Block("item", t.asks_hint))
    b.append(Block("heading", t.headings.reasons))
    if case.summary:
        b.append(Block("para", fill(t.facts, summary=sentence(case.summary))))
    b.append(Block("para", fill(t.reasons, reason=sentence(case.reason)) if case.reason else t.reasons_hint))
    b.append(Block("heading", t.headings.evidence))
    evidence = [*s.evidence, t.evidence_ids_agent if case.acting else t.evidence_ids, *case.evidence]
    evidence += [k.letter.evidence_agent] if case.acting else []
    b += [Block("item", fill(k.letter.evidence_item, n=i, item=e)) for i, e in enumerate(evidence, 1)]
    b += [*(Block("closing", line) for line in t.closing),
          Block("sign", (t.signature_agent if case.acting else t.signature) + blank),
          Block("sign", date_zh(today))]
    masked = not reveal and bool(case.id_number or case.card_number or case.agent_id_number)
    from yb_guide.letter import clean

    return clean.letter(Letter(b, [], [], masked, today, case.id, [decision], left_out))
