"""The person's situation as far as the law cares: what the decision was, how much is in dispute,
what the complaint is about, whether the decision stated the right to 复议/诉讼 and the 起诉期限.

The questions and their options are data (``situation`` in deadlines.yaml); not knowing is always a
valid answer.  ``verdict`` says whether a rule applies to this person plainly, with a label saying
when it applies, or not at all.
"""

from __future__ import annotations

from yb_guide.base.errors import UserError
from yb_guide.base.record import record
from yb_guide.base.text import ascii_forms
from yb_guide.knowledge.deadline_rules import UNKNOWN, Applies, SituationQuestion

PROCEDURE = "procedure"  # derived from the amount: "simple" (简易程序 possible) or "ordinary"


@record
class Situation:
    decision: str | None = None  # an option id of the "decision" question; None: not known
    matter: str | None = None
    rights_stated: str | None = None
    amount: str | None = None  # '2999.99' (base.money), the amount in dispute

    def answer(self, key: str, simple_max: int | None) -> str:
        """The option id for ``key`` ("unknown" when not known); "procedure" comes from the amount."""
        if key == PROCEDURE:
            if self.amount is None or simple_max is None:
                return UNKNOWN
            from decimal import Decimal  # here: decimal costs every start ~1 ms

            return "simple" if Decimal(self.amount) <= simple_max else "ordinary"
        return getattr(self, key.replace("-", "_")) or UNKNOWN


def matches(when: dict[str, tuple[str, ...]], situation: Situation, simple_max: int | None) -> bool:
    return all(situation.answer(key, simple_max) in values for key, values in when.items())


def verdict(applies: Applies | None, situation: Situation, simple_max: int | None) -> str:
    """"plain" (it applies), "label" (show it with when it applies) or "skip" (it does not apply)."""
    if applies is None:
        return "plain"
    for key, values in applies.only.items():
        answer = situation.answer(key, simple_max)
        if answer != UNKNOWN and answer not in values:
            return "skip"
    both = {**applies.when, **applies.only}
    return "plain" if matches(both, situation, simple_max) else "label"


def parse_answer(question: SituationQuestion, text: str | None) -> str | None:
    """An answer as people give it: the option's number, its id, its Chinese label or an alias;
    不知道 (or nothing) is None."""
    if text is None:
        return None
    given = ascii_forms(text).strip()  # （拒付） typed or pasted with either kind of brackets
    if given in ("", UNKNOWN, ascii_forms(question.unknown_label), "不清楚", "不确定"):
        return None
    for n, option in enumerate(question.options, 1):
        if given in (str(n), option.id, *(ascii_forms(x) for x in (option.label, *option.aliases))):
            return option.id
    choices = "、".join(f"{n}. {o.label}" for n, o in enumerate(question.options, 1))
    raise UserError(f"「{text}」不是「{question.label}」的一个回答。",
                    hint=f"可以写：{choices}，或 {question.unknown_label}", field=question.id)


# The raw inputs, as the CLI options, form fields and batch columns name them.
FIELDS = ("decision", "matter", "rights_stated", "amount")


def read_situation(questions: tuple[SituationQuestion, ...], raw: dict[str, str | None]) -> Situation:
    """A situation from what a person typed (``FIELDS`` -> text, missing or empty: not known)."""
    from yb_guide.base.money import amount

    answers = {q.id: parse_answer(q, raw.get(q.id)) for q in questions}
    text = (raw.get("amount") or "").strip()
    if text and text not in ("不知道", UNKNOWN):
        try:
            answers["amount"] = amount(text)
        except UserError as err:
            err.field = "amount"
            raise
    return Situation(**answers)
