"""Finding FAQs: by words in a question, its answer, its tags or its steps; by number or id."""

from __future__ import annotations

from yb_guide.base.errors import UnknownIdError


def _haystack(k, faq) -> list[str]:
    hay = [faq.question, faq.answer, *faq.tags]
    if faq.procedure:
        p = k.procedure(faq.procedure)
        hay += [s.title + s.text for s in p.steps]
        hay.append(p.closing or "")
    return hay


def find_faqs(k, query: str | None = None) -> list[tuple[int, object]]:
    """(number as listed, FAQ) for every FAQ that contains ``query`` (all of them without one)."""
    numbered = list(enumerate(k.faqs, start=1))
    if not query:
        return numbered
    q = query.strip().lower()
    return [(n, f) for n, f in numbered if any(q in h.lower() for h in _haystack(k, f))]


def faq_by_number_or_id(k, which: str) -> tuple[int, object]:
    """One FAQ by its number (as listed) or its id."""
    faqs = list(k.faqs)
    if which.strip().isdigit():
        n = int(which)
        if 1 <= n <= len(faqs):
            return n, faqs[n - 1]
    for i, f in enumerate(faqs, start=1):
        if f.id == which:
            return i, f
    raise UnknownIdError("问答", which, [str(i) for i in range(1, len(faqs) + 1)] + [f.id for f in faqs])
