"""Personal details typed by the user: 身份证号, 医保卡号, amounts. Checked strictly, shown masked.

A wrong ID number in a complaint letter gets the letter sent back, so the
18-digit number is checked against its check digit (GB 11643-1999) and its
birth date; a typo is reported at once, in Chinese.
"""

from __future__ import annotations

import datetime as dt
import re

from yb_guide.base.errors import UserError
from yb_guide.base.money import amount, amount_text  # noqa: F401  (a case's amount)
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




def mask_in(text: str | None) -> str | None:
    """Every ID number in a text (a search typed at a desk) masked as ``mask`` does."""
    import re

    if not text:
        return text
    return re.sub(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])", lambda m: mask(m.group(1)), text)
