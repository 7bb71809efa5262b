"""data/sources.yaml: the documents every fact rests on, and how a fact points at one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class SourceRef:
    doc: str  # an id in sources.yaml
    section: str


@dataclass(frozen=True)
class Document:
    id: str
    kind: Literal["source-document", "law", "official-notice", "official-site"]
    title: str
    checked: dt.date
    file: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SourcesFile:
    documents: tuple[Document, ...]
