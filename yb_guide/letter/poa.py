"""授权委托书: the insured person (委托人) authorises a relative (受托人) to complain and follow the
case for them.  What 民法典第一百六十五条 asks of a written authorisation is always there: the
agent's name, the matter, the powers and the term, and the principal's signature; what is not
known is a line to write by hand.  The wording is ``power_of_attorney`` in data/letter.yaml."""

from __future__ import annotations

import datetime as dt

from yb_guide.calendar.dates import date_zh
from yb_guide.letter.build import Block, Letter, fill, shown_number


def build_poa(k, case, today: dt.date, *, reveal: bool = False, until: dt.date | None = None,
              subject: str | None = None) -> Letter:
    """The 授权委托书 for ``case`` (a stored case, or one made from options).  ``reveal``: whole ID
    numbers (the file the person prints); masked otherwise (a screen).  ``until``: the term's last
    day; the term then runs from ``today``.  ``subject``: the matter in the person's words.  Each
    signs and dates it by hand: the dates are blanks."""
    t = k.letter_file.power_of_attorney
    blank = k.letter.blank

    def shown(number):
        return shown_number(number, reveal, blank)

    principal, agent = case.name or blank, case.agent_name or blank
    if subject is None:
        subject = fill(t.subject_institution, institution=case.institution) if case.institution else t.subject_default
    matter = fill(t.matter, subject=subject)
    if case.ticket:
        matter = matter.rstrip("。") + fill(t.ticket, ticket=case.ticket) + "。"
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
        *(Block("numbered", fill(k.letter.numbered_item, n=i, item=p), i, p) for i, p in enumerate(t.powers, 1)),
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
    return Letter(b, [], list(t.advice), masked, today, case.id, [matter], [], advice_title=t.advice_title)
