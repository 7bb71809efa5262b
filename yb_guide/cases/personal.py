"""Personal details typed by the user: 身份证号, 医保卡号, amounts. Checked strictly, shown masked.

A wrong ID number in a complaint letter gets the letter sent back, so the
18-digit number is checked against its check digit (GB 11643-1999) and its
birth date; a typo is reported at once, in Chinese.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from yb_guide.base.errors import UserError
from yb_guide.base.text import ascii_forms

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def _squeeze(text: str) -> str:
    """Full-width digits count as normal ones; spaces people put between groups are dropped."""
    return re.sub(r"[\s\-]", "", ascii_forms(str(text)))


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS)) % 11]


def id_number(text: str, today: dt.date | None = None) -> str:
    """A valid 18-digit 身份证号 (last character may be X), or a one-line Chinese error."""
    s = _squeeze(text).upper()
    hint = "身份证号是18位：前17位是数字，最后一位是数字或 X"
    if len(s) != 18:
        raise UserError(f"身份证号应为18位，您输入的是{len(s)}位。", hint=hint)
    if not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        raise UserError("身份证号里有不该出现的字符。", hint=hint)
    try:
        born = dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        raise UserError(f"身份证号第7到14位应是出生日期，「{s[6:14]}」不是有效日期。",
                        hint="请对照身份证逐位核对") from None
    if not dt.date(1900, 1, 1) <= born <= (today or dt.date.today()):
        raise UserError(f"身份证号里的出生日期 {born.isoformat()} 不合理。", hint="请对照身份证逐位核对")
    if check_digit(s[:17]) != s[17]:
        raise UserError("身份证号的校验位不对：很可能有一位输错了。", hint="请对照身份证逐位核对")
    return s


def card_number(text: str) -> str:
    """A 医保卡号/社保卡号: letters and digits only (formats differ by issuer, so no checksum)."""
    s = _squeeze(text).upper()
    if not re.fullmatch(r"[0-9A-Z]{6,30}", s):
        raise UserError(f"医保卡号「{text}」格式不对。", hint="卡号只含数字和字母，6 到 30 位")
    return s


MASKED_FIELDS = ("id_number", "card_number", "agent_id_number")  # shown masked unless --reveal


def mask(number: str | None) -> str | None:
    """1401**********1234: enough to recognise one's own number, not enough to misuse it."""
    if not number:
        return number
    if len(number) >= 12:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    return number[:1] + "*" * (len(number) - 3) + number[-2:]


def amount(text: str) -> str:
    """'1,280.5元' or '￥1280' -> '1280.50' (kept as text: money is never a float); more than 0."""
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
    return f"{Decimal(value):,.2f}元"
