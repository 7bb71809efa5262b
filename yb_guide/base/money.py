"""Money as people type it (1,280.5元, ￥1280): kept as text with two decimals, never a float.

One parser (``amount``) for every amount a person types (a case, a letter, the deadline form): a
plain number of yuan, at most two decimals, more than 0 and at most ``MAX_YUAN``; anything else is
one Chinese error.  Nothing reaches ``Decimal`` arithmetic before it is known to be such a number, so
no input (``1e30``, 2,000 digits) can make ``quantize`` fail."""

from __future__ import annotations

import re

from yb_guide.base.errors import UserError
from yb_guide.base.text import ascii_forms

MAX_YUAN = 100_000_000  # 1亿元: far above any medical bill, far below where arithmetic gets hard
_NUMBER = re.compile(r"(\d+)(?:\.(\d*))?|\.(\d+)")
_SHOWN = 24  # characters of what was typed quoted in an error; the rest is "…"


def _quoted(text: str) -> str:
    text = str(text)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def amount(text: str) -> str:
    """'1,280.5元' or '￥1280' -> '1280.50' (kept as text: money is never a float); more than 0 and
    at most 1亿元 (``MAX_YUAN``), at most two decimals."""
    shown = _quoted(text)
    s = re.sub(r"\s", "", ascii_forms(str(text))).replace(",", "").replace("￥", "").replace("\u00a5", "")
    s = re.sub(r"(元|块|人民币|RMB)$", "", s, flags=re.I)
    if s.startswith("-") and _NUMBER.fullmatch(s[1:]):
        raise UserError(f"金额「{shown}」不对：金额应当大于 0。", hint="写成正数，如 1280 或 1280.50（单位：元）")
    m = _NUMBER.fullmatch(s)
    if m is None:
        raise UserError(f"金额「{shown}」看不懂。", hint="写成数字，如 1280 或 1280.50（单位：元）")
    whole, decimals = (m.group(1) or "0").lstrip("0"), m.group(2) if m.group(3) is None else m.group(3)
    decimals = (decimals or "").rstrip("0")
    if len(decimals) > 2:
        raise UserError(f"金额「{shown}」超过了两位小数。", hint="金额精确到分，如 1280.50")
    if len(whole) > len(str(MAX_YUAN)) or int(whole or "0") * 100 + int((decimals + "00")[:2]) > MAX_YUAN * 100:
        raise UserError(f"金额「{shown}」太大：最多 1亿元（{MAX_YUAN}）。", hint="写成以元为单位的数字，如 1280.50")
    if not whole.strip("0") and not decimals.strip("0"):
        raise UserError(f"金额「{shown}」不对：金额应当大于 0。", hint="写成正数，如 1280 或 1280.50（单位：元）")
    return f"{int(whole or '0')}.{(decimals + '00')[:2]}"


def amount_text(value: str | None) -> str | None:
    """'1280.50' -> '1,280.50元' for people to read."""
    if not value:
        return None
    from decimal import Decimal

    return f"{Decimal(value):,.2f}元"
