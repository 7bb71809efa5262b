"""The one normalizer for what people type: full-width digits, letters and punctuation from a
Chinese input method (２０２４／５／６, Ｘ, ＋３, ｂ) read as their ASCII forms.

Only for structured input (dates, numbers, ids, menu answers): free text is kept as typed."""

from __future__ import annotations

import unicodedata


def ascii_forms(text: str) -> str:
    """NFKC: ２０２４－０５－０６ -> 2024-05-06, ｂ -> b, a full-width space -> a space."""
    return unicodedata.normalize("NFKC", text)
