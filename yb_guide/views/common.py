"""What every view shares: plain JSON-able data from dataclasses, sources, dates."""

from __future__ import annotations

import dataclasses
import datetime as dt


def plain(obj):
    """Dataclasses, tuples and dates to JSON-able data (None fields dropped)."""
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            if f.name.startswith("_"):
                continue
            value = getattr(obj, f.name)
            if value is None or value == ():
                continue
            out[f.name] = plain(value)
        return out
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def document_source(doc, ref, status: str, checked: dt.date | None, today: dt.date | None = None) -> dict:
    """A fact's source as every front end shows it: the citation a person can look up, the basis
    (law, article) when the source is a legal text, and whether the fact was verified, and when."""
    from yb_guide.knowledge.sources import KIND_LABELS, OFFICIAL_KINDS, STATUS_LABELS, cite, is_stale

    if today is None:
        from yb_guide.calendar.dates import today_in_china

        today = today_in_china()
    legal = doc.kind in OFFICIAL_KINDS and doc.kind != "official-site"
    return {
        "doc": doc.id, "kind": doc.kind, "kind_label": KIND_LABELS[doc.kind], "issuer": doc.issuer,
        "title": doc.title, "section": ref.section, "url": doc.url, "text": cite(doc, ref),
        "basis": {"law": doc.title, "article": ref.section} if legal else None,
        "status": status, "status_label": STATUS_LABELS[status],
        "checked": checked.isoformat() if checked else None, "stale": is_stale(checked, today),
    }


def source_of(k, fact, ref=None) -> dict:
    """The source payload of a fact of the knowledge base (``ref`` overrides the fact's own)."""
    ref = ref or fact.source
    return document_source(k.document(ref.doc), ref, fact.status, fact.checked)


def day(d: dt.date | None) -> dict | None:
    """A date and its weekday, as every screen shows it."""
    if d is None:
        return None
    from yb_guide.calendar.dates import weekday_zh

    return {"date": d.isoformat(), "weekday": weekday_zh(d)}
