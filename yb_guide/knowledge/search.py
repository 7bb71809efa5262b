"""Finding FAQs: by words in a question, its answer, its tags or its steps; by number or id."""

from __future__ import annotations



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


def segment(k, word: str) -> list[str]:
    """An unspaced query cut into known words, longest first (挂号费能报销吗 -> 挂号费, 报销); stop
    words and stray single characters are dropped, a run of unknown characters kept whole (回复)."""
    known = ({w.lower() for group in k.search.synonyms for w in group} | {t.lower() for t in k.search.terms}) - {word}
    stop = {w.lower() for w in k.search.stopwords}
    longest = max(map(len, known | stop), default=1)
    out, run, i = [], "", 0
    while i < len(word):
        hit = next((word[i:i + n] for n in range(min(longest, len(word) - i), 0, -1)
                    if word[i:i + n] in known or word[i:i + n] in stop), None)
        if hit is None:
            run += word[i]
            i += 1
            continue
        if len(run) > 1:
            out.append(run)
        run = ""
        if hit not in stop:
            out.append(hit)
        i += len(hit)
    if len(run) > 1:
        out.append(run)
    return out


def find_faqs(k, query: str | None = None) -> list[tuple[int, object]]:
    """(number as listed, FAQ) for the FAQs that hold every word of ``query`` (each word or one of
    its synonyms; an unspaced word is cut into known words when it is not found whole); when none
    holds them all, those that hold the most: the 医保 ones first, then the web article's general
    ones (search.yaml ``general``), each best first.  All of them without a query."""
    numbered = list(enumerate(k.faqs, start=1))
    terms: list[str] = []
    for w in words(query):
        whole = alternatives(k, w)
        if any(any(alt in "\n".join(_haystack(k, f)).lower() for alt in whole) for _, f in numbered):
            terms.append(w)
        else:
            terms += segment(k, w) or [w]
    wanted = [alternatives(k, t) for t in terms]
    if not wanted:
        return numbered
    scored = []
    for n, f in numbered:
        text = "\n".join(_haystack(k, f)).lower()
        hits = sum(any(alt in text for alt in alts) for alts in wanted)
        in_question = sum(any(alt in f.question.lower() for alt in alts) for alts in wanted)
        if hits:
            scored.append((hits, in_question, n, f))
    general = set(k.search.general)  # the 医保 answers first, then the article's general ones, each the best
    found = []
    for group in ([s for s in scored if s[3].id not in general], [s for s in scored if s[3].id in general]):
        best = max((s[0] for s in group), default=0)
        if best < len(wanted) and len(wanted) > 1:
            best = max(best, len(wanted) - 1)  # one word may be a way of asking, not a subject
        found += sorted((s for s in group if s[0] >= best), key=lambda s: (-s[0], -s[1], s[2]))
    return [(n, f) for _, _, n, f in found]


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
    from yb_guide.base.errors import UserError
    from yb_guide.base.suggest import nearest

    near = nearest(which, [f.id for f in faqs])
    tip = f"您是不是要找第 {[f.id for f in faqs].index(near) + 1} 条？" if near else ""
    raise UserError(f"没有第「{which}」条问答。{tip}",
                    hint=f"写 1 到 {len(faqs)} 之间的序号（ybguide faq 列出全部问答），或者写关键词查找，如 ybguide faq 多久回复")
