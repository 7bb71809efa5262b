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


def pick(text: str, names: dict[str, tuple[str, ...]], what: str) -> str:
    """The key whose id or one of whose names (Chinese name, short names) is ``text``; otherwise a
    one-line Chinese error with the nearest name ("您是不是要找…") and what is accepted."""
    from yb_guide.base.errors import UserError
    from yb_guide.base.text import ascii_forms

    wanted = ascii_forms(text).strip().lower()
    spelled: dict[str, str] = {}
    for key, aliases in names.items():
        for name in (key, *aliases):
            spelled.setdefault(ascii_forms(name).strip().lower(), key)
    if wanted in spelled:
        return spelled[wanted]
    near = nearest(wanted, list(spelled))
    tip = f"您是不是要找「{_shown(names, spelled[near])}」？" if near else ""
    shown = "、".join(_shown(names, key) for key in names)
    raise UserError(f"没有「{text}」这种{what}。{tip}", hint=f"可用：{shown}")


def _shown(names: dict[str, tuple[str, ...]], key: str) -> str:
    aliases = names[key]
    return f"{aliases[0]}（{key}）" if aliases else key
