"""行政复议申请书: the application against a written decision (a refused reimbursement), from a case or
blank, with the ``reconsideration`` wording of data/letter.yaml.

The 2023 行政复议法 does not list what an application contains; 行政复议法实施条例 第十九条 does, and
nothing in the law conflicts with it: the applicant's particulars, the respondent's name, the request,
the main facts and reasons, the applicant's signature and the date.  The applicant is the insured
person (行政复议法 第十四条第一款); a relative who acts is the 委托代理人 (第十七条).  What is not known
is a line to write by hand; nothing here prints."""

from __future__ import annotations

import datetime as dt

from yb_guide.calendar.dates import date_zh
from yb_guide.cases import personal
from yb_guide.letter.build import Block, Letter, as_of, fill, shown_number
from yb_guide.letter.review import sentence

APPLICANT = ("name", "id_number", "address", "phone")  # the applicant's particulars a case holds
DEFAULT_DECISION = "refusal"  # a 复议 about a reimbursement: the decision refused it


def decision_name(t, case) -> str:
    """What the decision is called (不予报销决定, 行政处罚决定, 决定), by the case's decision kind."""
    return t.decisions.get(case.decision_kind or DEFAULT_DECISION, t.decisions[DEFAULT_DECISION])


def build_reconsideration(k, case, today: dt.date, *, reveal: bool = False, respondent: str | None = None,
                          to: str | None = None, number: str | None = None,
                          more: list[str] | None = None) -> Letter:
    """The application for ``case`` (a stored case, or one made from options), dated ``today``.
    ``respondent``: the body that made the decision; ``to``: the 复议机关; ``number``: the decision's
    文号 (blanks when not given); ``more``: requests the person adds after the ones every application
    makes (撤销 the decision and, for a refusal, 责令 payment: 第三十条's 具体的行政复议请求)."""
    t = k.letter_file.reconsideration
    blank = k.letter.blank
    numbered = k.letter.numbered_item
    case, left_out = as_of(k, case, today)
    labels = t.labels

    def shown(value):
        return shown_number(value, reveal, blank)

    def known_value(part: str) -> str:
        return shown(case.id_number) if part == "id_number" else getattr(case, part) or blank

    made, known = case.events.get("decision-made"), case.events.get("decision-known")
    decision = decision_name(t, case)
    dated = fill(t.dated, date=date_zh(made)) if made else ""
    number = number or blank
    amount = personal.amount_text(case.amount) if case.amount else None

    b: list[Block] = [
        Block("title", t.title),
        Block("heading", t.headings.applicant),
        *(Block("item", f"{getattr(labels, part)}：{known_value(part)}" if part in APPLICANT
                else f"{part}：{blank}") for part in t.applicant),
    ]
    if case.acting:  # 行政复议法 第十七条: someone acting for the applicant is the 委托代理人
        b += [Block("heading", t.headings.agent),
              Block("item", f"{labels.agent_name}：{case.agent_name}"),
              Block("item", f"{labels.agent_relation}：{case.agent_relation or blank}"),
              Block("item", f"{labels.agent_id_number}：{shown(case.agent_id_number)}")]
    b += [Block("heading", t.headings.respondent),
          Block("item", respondent or fill(t.respondent_unknown, blank=blank)),
          Block("heading", t.headings.request)]
    asked = [fill(t.request, dated=dated, decision=decision, number=number)]
    if (case.decision_kind or DEFAULT_DECISION) == "refusal":
        asked.append(fill(t.request_pay, amount=amount) if amount else fill(t.request_pay_unknown, blank=blank))
    asked += more or []
    b += [Block("numbered", fill(numbered, n=i, item=a), i, a) for i, a in enumerate(asked, 1)]

    facts = [fill(t.decision_fact, dated=dated, decision=decision, number=number)]
    if known:
        facts.append(fill(t.known_fact, known=date_zh(known)))
    if amount:
        facts.append(fill(t.amount_fact, amount=amount))
    b += [Block("heading", t.headings.reasons),
          Block("para", "".join(facts)),
          Block("para", fill(t.summary, summary=sentence(case.summary)) if case.summary else t.summary_hint),
          Block("para", fill(t.reasons, reason=sentence(case.reason)) if case.reason else t.reasons_hint),
          Block("heading", t.headings.evidence)]
    evidence = [fill(t.evidence_decision, decision=decision), t.evidence_ids,
                *([t.evidence_agent] if case.acting else []), *(case.evidence or [blank])]
    b += [Block("item", fill(k.letter.evidence_item, n=i, item=e)) for i, e in enumerate(evidence, 1)]
    b += [Block("closing", t.closing),
          Block("closing", to or fill(t.to_unknown, blank=blank)),
          Block("sign", t.signature + blank),
          *([Block("sign", t.signature_agent + blank)] if case.acting else []),
          Block("sign", date_zh(today))]
    masked = not reveal and bool(case.id_number or case.agent_id_number)
    from yb_guide.letter import clean

    return clean.letter(Letter(b, [], list(t.advice), masked, today, case.id, facts, left_out,
                               advice_title=t.advice_title))
