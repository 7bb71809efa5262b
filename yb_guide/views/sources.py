"""The payload of ``ybguide sources``: every document with the facts that rest on it, and the facts
nobody has confirmed."""

from __future__ import annotations

from typing import TypedDict

from yb_guide.views.common import document_source


class SourceFact(TypedDict):
    kind: str
    name: str
    detail: str | None
    section: str | None
    status: str
    status_label: str
    checked: str | None
    stale: bool
    where: str | None  # where in data/ (only for the maintainers' list, --unverified)


class SourceDocument(TypedDict):
    id: str
    kind: str
    kind_label: str
    issuer: str | None
    title: str
    number: str | None
    date: str | None
    date_kind: str | None
    effective: str | None
    url: str | None
    read: str | None
    title_note: str | None
    note: str | None
    text: str
    facts: list[SourceFact]


class Sources(TypedDict):
    unverified_only: bool
    documents: list[SourceDocument]
    counts: dict[str, int]
    total: int


def sources(k, *, unverified_only: bool = False) -> Sources:
    from yb_guide.knowledge.facts import all_facts
    from yb_guide.knowledge.sources import KIND_LABELS, STATUS_LABELS, SourceRef, document_text

    facts = all_facts(k)
    docs = []
    for doc in k.documents:
        mine = [f for f in facts if f.doc == doc.id and (not unverified_only or f.status != "verified")]
        if unverified_only and not mine:
            continue
        docs.append({
            "id": doc.id, "kind": doc.kind, "kind_label": KIND_LABELS[doc.kind], "issuer": doc.issuer,
            "title": doc.title, "number": doc.number, "date": doc.date.isoformat() if doc.date else None,
            "date_kind": doc.date_kind, "effective": doc.effective.isoformat() if doc.effective else None,
            "url": doc.url, "read": doc.read, "title_note": doc.title_note, "note": doc.note,
            "text": document_text(doc),
            "facts": [{
                "kind": f.kind, "name": f.name, "detail": f.detail, "section": f.section, "status": f.status,
                "status_label": STATUS_LABELS[f.status], "checked": f.checked.isoformat() if f.checked else None,
                "stale": document_source(doc, SourceRef(doc.id, f.section), f.status, f.checked)["stale"],
                # where it is in data/: for the maintainers' list (--unverified), not for a person looking it up
                "where": f.where if unverified_only else None,
            } for f in mine],
        })
    counts = {status: sum(1 for f in facts if f.status == status) for status in STATUS_LABELS}
    return {"unverified_only": unverified_only, "documents": docs, "counts": counts, "total": len(facts)}
