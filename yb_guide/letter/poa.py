"""授权委托书: the insured person (委托人) authorises a relative (受托人) to complain and follow the
case for them, or to apply for 行政复议 for them.  What 民法典第一百六十五条 asks of a written
authorisation is always there: the agent's name, the matter, the powers and the term, and the
principal's signature (for 复议, 行政复议法 第十七条: 委托事项、权限和期限); what is not known is a
line to write by hand.  The wording is ``power_of_attorney`` in data/letter.yaml."""

from __future__ import annotations

import datetime as dt
import re

from yb_guide.calendar.dates import date_zh
from yb_guide.letter.build import Block, Letter, fill, shown_number

# The matter's own words say the act ("就{subject}，代为提出行政复议申请"): a subject typed with its
# own 就 or its own act at the end would say them twice.
_LEADING = re.compile(r"^(?:(?:就(?![医诊业近])|关于)\s*)+")  # 就医、就诊 are words of their own
_TRAILING = re.compile(r"[\s，,。.；;、]+$")
_ACT = re.compile(r"[，,]?\s*(?:向[^，,。\s]*?)?(?:申请|提出|提起)(?:行政)?复议(?:申请)?$")


def purpose_of(case, subject: str | None = None, chosen: str | None = None) -> str:
    """What the 委托书 is for: ``chosen`` when the person said; else 行政复议 for a case whose decision
    is a refusal (不予报销: 复议 comes first) or a matter in the person's words that names 复议;
    else the complaint."""
    if chosen:
        return chosen
    if getattr(case, "decision_kind", None) == "refusal" or (subject and "复议" in subject):
        return "reconsideration"
    return "complaint"


def subject_words(subject: str, purpose: str) -> str:
    """The person's words for the matter, without a 就 in front or an act at the end that the
    matter's sentence says itself."""
    words = _TRAILING.sub("", _LEADING.sub("", subject.strip()))
    if purpose == "reconsideration":
        words = _TRAILING.sub("", _ACT.sub("", words))
    return words or subject.strip()


def build_poa(k, case, today: dt.date, *, reveal: bool = False, until: dt.date | None = None,
              subject: str | None = None, purpose: str | None = None, special: bool = False,
              respondent: str | None = None, number: str | None = None) -> Letter:
    """The 授权委托书 for ``case`` (a stored case, or one made from options).  ``reveal``: whole ID
    numbers (the file the person prints); masked otherwise (a screen).  ``until``: the term's last
    day; the term then runs from ``today``.  ``subject``: the matter in the person's words.
    ``purpose``: complaint or reconsideration (``purpose_of`` when not said); for 复议, ``special``
    adds the 特别授权 (变更、放弃复议请求，和解), ``respondent`` and ``number`` name the decision.  Each
    signs and dates it by hand: the dates are blanks."""
    t = k.letter_file.power_of_attorney
    blank = k.letter.blank
    purpose = purpose_of(case, subject, purpose)
    r = t.reconsideration if purpose == "reconsideration" else None

    def shown(value):
        return shown_number(value, reveal, blank)

    principal, agent = case.name or blank, case.agent_name or blank
    if subject is not None:
        subject = subject_words(subject, purpose)
    elif r is not None:
        subject = fill(r.subject_respondent, respondent=respondent) if respondent else r.subject_default
    else:
        subject = fill(t.subject_institution, institution=case.institution) if case.institution else t.subject_default
    matter = fill((r or t).matter, subject=subject)
    if r is not None and number:
        matter = matter.rstrip("。") + fill(r.number, number=number) + "。"
    elif r is None and case.ticket:
        matter = matter.rstrip("。") + fill(t.ticket, ticket=case.ticket) + "。"
    powers = list(r.powers if r is not None else t.powers)
    limits = [] if r is None else [Block("para", r.special if special else r.general)]
    start, end = (date_zh(today), date_zh(until)) if until else (t.date_blank, t.date_blank)
    labels = t.labels
    b = [
        Block("title", t.title),
        Block("heading", t.headings.principal),
        Block("item", f"{labels.name}：{principal}"),
        Block("item", f"{labels.id_number}：{shown(case.id_number)}"),
        Block("heading", t.headings.agent),
        Block("item", f"{labels.name}：{agent}"),
        Block("item", f"{labels.id_number}：{shown(case.agent_id_number)}"),
        Block("item", f"{labels.relation}：{case.agent_relation or blank}"),
        Block("item", f"{labels.phone}：{case.phone or blank}"),
        Block("para", fill(t.opening, principal=principal, agent=agent)),
        Block("heading", t.headings.matter),
        Block("para", matter),
        Block("heading", t.headings.powers),
        *(Block("numbered", fill(k.letter.numbered_item, n=i, item=p), i, p) for i, p in enumerate(powers, 1)),
        *limits,
        Block("item", fill(t.powers_other, blank=blank)),
        Block("heading", t.headings.term),
        Block("para", fill(t.term, start=start, end=end)),
        Block("para", t.closing),
        Block("sign", t.signature_principal + blank),
        Block("sign", t.signed_on + t.date_blank),
        Block("sign", t.signature_agent + blank),
        Block("sign", t.signed_on + t.date_blank),
    ]
    masked = not reveal and bool(case.id_number or case.agent_id_number)
    advice = [*t.advice, *(r.advice if r is not None else ())]
    from yb_guide.letter import clean

    return clean.letter(Letter(b, [], advice, masked, today, case.id, [matter], [], advice_title=t.advice_title))
