"""data/search.yaml: the words people use for the same thing, for finding FAQs."""

from __future__ import annotations

from yb_guide.base.record import record


@record
class SearchFile:
    synonyms: tuple[tuple[str, ...], ...]
