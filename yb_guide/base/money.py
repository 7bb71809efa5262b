"""Money as people type it (1,280.5元, ￥1280): kept as text with two decimals, never a float."""

from __future__ import annotations

import re

from yb_guide.base.errors import UserError
from yb_guide.base.text import ascii_forms


def amount(text: str) -> str:
    """'1,280.5元' or '￥1280' -> '1280.50' (kept as text: money is never a float); more than 0."""
    from decimal import Decimal, InvalidOperation  # here: decimal costs every start ~1 ms

    s = re.sub(r"\s", "", ascii_forms(str(text))).replace(",", "").replace("￥", "").replace("\u00a5", "")
    s = re.sub(r"(元|块|人民币|RMB)$", "", s, flags=re.I)
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise UserError(f"金额「{text}」看不懂。", hint="写成数字，如 1280 或 1280.50（单位：元）") from None
    if not value.is_finite() or value <= 0:
        raise UserError(f"金额「{text}」不对：金额应当大于 0。", hint="写成正数，如 1280 或 1280.50（单位：元）")
    if value != value.quantize(Decimal("0.01")):
        raise UserError(f"金额「{text}」超过了两位小数。", hint="金额精确到分，如 1280.50")
    return str(value.quantize(Decimal("0.01")))


def amount_text(value: str | None) -> str | None:
    """'1280.50' -> '1,280.50元' for people to read."""
    if not value:
        return None
    from decimal import Decimal

    return f"{Decimal(value):,.2f}元"
