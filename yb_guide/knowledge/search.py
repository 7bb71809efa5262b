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


def words(query: str | None) -> list[str]:
    """The words of a query (split at spaces, full-width ones too)."""
    return (query or "").replace("\u3000", " ").lower().split()


def alternatives(k, word: str) -> set[str]:
    """A word and its synonyms (data/search.yaml)."""
    found = {word}
    for group in k.search.synonyms:
        if word in (w.lower() for w in group):
            found |= {w.lower() for w in group}
    return found


def find_faqs(k, query: str | None = None) -> list[tuple[int, object]]:
    """(number as listed, FAQ) for every FAQ that holds every word of ``query``, each word or one of
    its synonyms (all of them without a query)."""
    numbered = list(enumerate(k.faqs, start=1))
    wanted = [alternatives(k, w) for w in words(query)]
    if not wanted:
        return numbered
    found = []
    for n, f in numbered:
        text = "\n".join(_haystack(k, f)).lower()
        if all(any(alt in text for alt in alts) for alts in wanted):
            found.append((n, f))
    return found


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
