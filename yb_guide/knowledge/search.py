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


def _known(k) -> set[str]:
    """The words a query is cut into: the synonyms, the terms and every FAQ's tags."""
    return ({w.lower() for group in k.search.synonyms for w in group} | {t.lower() for t in k.search.terms}
            | {t.lower() for f in k.faqs for t in f.tags})


def _cut(k, word: str) -> list[tuple[str, str]]:
    """``word`` as (kind, text) pieces, longest known word first: ("word", 挂号费), ("stop", 怎么),
    ("run", 回复) for characters no known word covers."""
    known = _known(k) - {word}
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
        if run:
            out.append(("run", run))
        run = ""
        out.append(("stop" if hit in stop else "word", hit))
        i += len(hit)
    if run:
        out.append(("run", run))
    return out


def segment(k, word: str) -> list[str]:
    """An unspaced query cut into known words, longest first (挂号费能报销吗 -> 挂号费, 报销); stop
    words and stray single characters are dropped, a run of unknown characters kept whole (回复)."""
    return [text for kind, text in _cut(k, word) if kind == "word" or (kind == "run" and len(text) > 1)]


# How much a match counts where it is found: in the question, the tags, the one-line answer, the rest.
_FIELDS = (("question", 1.0), ("tags", 0.9), ("brief", 0.8), ("body", 0.6))


def _fields(k, faq) -> dict[str, str]:
    hay = _haystack(k, faq)
    return {"question": faq.question.lower(), "tags": "\n".join(faq.tags).lower(),
            "brief": (faq.brief or "").lower(), "body": "\n".join(hay[1:2] + hay[2 + len(faq.tags):]).lower()}


def _pieces(k, query: str) -> list[tuple[frozenset[str], int, int]]:
    """What a query asks for: (the forms that match, its first character, its length in characters).
    A word found whole in some FAQ is one piece; otherwise its known words (with their synonyms) and
    the character pairs of what no known word covers (串换药品: 串换, 换药, 药品)."""
    from yb_guide.base.text import ascii_forms

    pieces, at = [], 0
    everything = "\n".join("\n".join(_haystack(k, f)) for f in k.faqs).lower()
    for w in words(ascii_forms(query or "")):
        whole = alternatives(k, w)
        if len(w) > 1 and any(alt in everything for alt in whole):
            pieces.append((frozenset(whole), at, len(w)))
            at += len(w)
            continue
        for kind, text in _cut(k, w):
            if kind == "word":
                pieces.append((frozenset(alternatives(k, text)), at, len(text)))
            elif kind == "run":
                pieces += [(frozenset({text[i:i + 2]}), at + i, 2) for i in range(len(text) - 1)]
                if len(text) == 1:
                    pieces.append((frozenset(), at, 1))  # a stray character (丢): asked for, never matched alone
            at += len(text)
    return pieces


def _scores(k, query: str) -> list[tuple[float, float, int, object]]:
    """(score, share of the query's characters matched, number, FAQ) for every FAQ that matches."""
    import math

    pieces = _pieces(k, query)
    faqs = list(enumerate(k.faqs, start=1))
    fields = {f.id: _fields(k, f) for _, f in faqs}
    texts = {fid: "\n".join(v.values()) for fid, v in fields.items()}
    df = [sum(any(a in t for a in forms) for t in texts.values()) for forms, _, _ in pieces]
    # a word most answers hold (医保, 报销) tells little of what is asked: its characters count half
    counts: dict[int, float] = {}
    for (_, at, length), d in zip(pieces, df):
        for i in range(at, at + length):
            counts[i] = min(counts.get(i, 1.0), 0.5 if d > len(faqs) / 2 else 1.0)
    if not counts:
        return []
    out = []
    for n, f in faqs:
        score, covered = 0.0, {}
        for (forms, at, length), d in zip(pieces, df):
            weight = next((w for name, w in _FIELDS if any(a in fields[f.id][name] for a in forms)), 0.0)
            if weight:
                score += weight * length * math.log((len(faqs) + 1) / (d + 0.5))
                for i in range(at, at + length):  # a character counts as much as where it is found
                    covered[i] = max(covered.get(i, 0.0), weight * counts[i])
        if score > 0:
            out.append((score, sum(covered.values()) / sum(counts.values()), n, f))
    return out


def find_faqs(k, query: str | None = None) -> list[tuple[int, object]]:
    """(number as listed, FAQ) for the FAQs that answer ``query``, best first: each word of it or one
    of its synonyms, an unspaced query cut into known words and, where none is known, pairs of
    characters; a match in the question counts most, then the tags, the one-line answer, the rest.
    Nothing when no FAQ covers enough of the query (search.yaml ``fits``: the person is then told
    who answers such questions); the 医保 ones first, then the web article's general ones (search.yaml
    ``general``).  All of them without a query."""
    return search(k, query)[0]


def search(k, query: str | None = None) -> tuple[list[tuple[int, object]], bool]:
    """``find_faqs`` and whether the best of them is a sure answer (it covers search.yaml ``sure`` of
    the query): where it is not, the screen also says who answers such questions."""
    numbered = list(enumerate(k.faqs, start=1))
    if not words(query):
        return numbered, True
    scored = _scores(k, query)
    fit = max((s[1] for s in scored), default=0.0)
    if fit < k.search.fits:
        return [], False
    best = max(s[0] for s in scored)
    kept = [s for s in scored if s[0] >= best * k.search.near_best]
    general = set(k.search.general)  # the 医保 answers first, then the article's general ones, each the best
    found = sorted(kept, key=lambda s: (s[3].id in general, -s[0], s[2]))
    return [(n, f) for _, _, n, f in found], fit >= k.search.sure


def referral(k, query: str | None):
    """Who answers what no FAQ does (search.yaml ``referral``): the lead, the channels to call and the
    flows whose words are in ``query``, as (lead, channels, flows)."""
    from yb_guide.base.text import ascii_forms

    r = k.search.referral
    if r is None:
        return None
    asked = ascii_forms(query or "").lower()
    flows = [k.flow(rf.flow) for rf in r.flows
             if any(alt in asked for w in rf.words for alt in alternatives(k, w.lower()))]
    return r, [k.channel(c) for c in r.channels], flows


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
