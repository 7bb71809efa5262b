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


def source_text(k, ref) -> str:
    return k.cite(ref)


def source_payload(k, ref, checked: dt.date | None = None) -> dict:
    doc = k.document(ref.doc)
    out = {"doc": ref.doc, "title": doc.title, "section": ref.section, "text": source_text(k, ref)}
    if doc.file:
        out["file"] = doc.file
    if doc.url:
        out["url"] = doc.url
    if checked:
        out["checked"] = checked.isoformat()
    return out


def day(d: dt.date | None) -> dict | None:
    """A date and its weekday, as every screen shows it."""
    if d is None:
        return None
    from yb_guide.calendar.dates import weekday_zh

    return {"date": d.isoformat(), "weekday": weekday_zh(d)}
