"""data/search.yaml: the words people use for the same thing, for finding FAQs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchFile:
    synonyms: tuple[tuple[str, ...], ...]
