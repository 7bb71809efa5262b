"""The one normalizer for what people type: full-width digits, letters and punctuation from a
Chinese input method (２０２４／５／６, Ｘ, ＋３, ｂ) read as their ASCII forms.

Only for structured input (dates, numbers, ids, menu answers): free text is kept as typed."""

from __future__ import annotations

import unicodedata


def ascii_forms(text: str) -> str:
    """NFKC: ２０２４－０５－０６ -> 2024-05-06, ｂ -> b, a full-width space -> a space."""
    return unicodedata.normalize("NFKC", text)


def mask_name(name: str | None) -> str | None:
    """A person's name as a shared screen or a calendar shows it: 王秀英 -> 王*英, 王秀 -> 王*,
    欧阳秀英 -> 欧**英; enough to tell residents apart at a desk, not to read out a name."""
    if not name:
        return name
    s = name.strip()
    if len(s) <= 1:
        return s
    if len(s) == 2:
        return s[0] + "*"
    return s[0] + "*" * (len(s) - 2) + s[-1]
