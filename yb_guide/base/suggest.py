"""'Did you mean' for mistyped ids."""

from __future__ import annotations

import difflib


def _normal(text: str) -> str:
    return text.strip().lower().replace("_", "-").replace(" ", "-")


def nearest(given: str, valid: list[str]) -> str | None:
    """The valid id closest to ``given``, or None when nothing is close."""
    if not valid:
        return None
    by_normal = {_normal(v): v for v in valid}
    g = _normal(given)
    if g in by_normal:
        return by_normal[g]
    # A prefix the user typed ("hall" -> "hall-visit") is a strong hint.
    starts = [v for n, v in by_normal.items() if n.startswith(g) and g]
    if len(starts) == 1:
        return starts[0]
    close = difflib.get_close_matches(g, list(by_normal), n=1, cutoff=0.5)
    return by_normal[close[0]] if close else None

