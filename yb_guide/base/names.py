"""Choosing one of a few named things from what a person typed: an id or a Chinese name."""

from __future__ import annotations

from yb_guide.base.errors import UserError
from yb_guide.base.suggest import nearest
from yb_guide.base.text import ascii_forms


def pick(text: str, names: dict[str, tuple[str, ...]], what: str) -> str:
    """The key whose id or one of whose names (Chinese name, short names) is ``text``; otherwise a
    one-line Chinese error with the nearest name ("您是不是要找…") and what is accepted."""
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
    return aliases[0] if aliases else key  # the Chinese name a person reads, never the internal id
