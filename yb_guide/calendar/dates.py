"""Dates as people write them in China, parsed strictly (a wrong date is worse than none)."""

from __future__ import annotations

import datetime as dt
import re

from yb_guide.base.errors import UserError
from yb_guide.base.text import ascii_forms

# Which day a date without a year means: in a command about what has happened (a filing, a reply, an
# event) the most recent such day; in one about what is planned (a visit, a day the hall is open, a
# power of attorney's end) the next such day.
PAST, FUTURE = "past", "future"
_YEARLESS = {PAST: "5月6日或5/6（最近过去的那一天）", FUTURE: "5月6日或5/6（下一个这一天）"}
_RELATIVE = {PAST: "今天、昨天、前天", FUTURE: "今天、明天、后天"}


def accepted(toward: str = PAST) -> str:
    """The forms a date may take, as a hint says them."""
    return f"2024-05-06、2024/5/6、2024.5.6、20240506、2024年5月6日、24年5月6日、{_YEARLESS[toward]}、{_RELATIVE[toward]}"


ACCEPTED = accepted(PAST)
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
# China keeps one time zone and no daylight saving: Beijing time is UTC+8 all year.
BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")
MONTH_ACCEPTED = "2026-10、2026/10、2026.10、202610 或 2026年10月"


def now_in_china() -> dt.datetime:
    """The time in Shanxi, whatever the computer's own time zone is."""
    return dt.datetime.now(BEIJING)


def today_in_china() -> dt.date:
    return now_in_china().date()

# Each form is compiled when a date first needs it (re keeps it): compiling all of them cost every start ~1 ms.
_WITH_YEAR = (
    r"^(\d{4})-(\d{1,2})-(\d{1,2})$",
    r"^(\d{4})/(\d{1,2})/(\d{1,2})$",
    r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$",
    r"^(\d{4})(\d{2})(\d{2})$",
    r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$",
    r"^(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$",  # 26年11月10日: 2026
)
# A month and day without a year: 5月6日, 5/6, 5.6, 5-6 (the most recent or the next such day, see parse_date).
_NO_YEAR = r"^(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]?|[-/.](\d{1,2}))$"
_DAYS_AGO = {"today": 0, "今天": 0, "今日": 0, "yesterday": 1, "昨天": 1, "昨日": 1, "前天": 2}
_DAYS_AHEAD = {"today": 0, "今天": 0, "今日": 0, "tomorrow": 1, "明天": 1, "明日": 1, "后天": 2}


class DateError(UserError):
    pass


def parse_date(text: str | None, what: str = "日期", today: dt.date | None = None, toward: str = PAST) -> dt.date:
    """Parse one of the accepted forms; raise a one-line Chinese ``DateError`` otherwise.

    The one rule for a date without a year (5月6日, 5/6): ``toward=PAST`` (a day that has happened:
    a filing, a reply, an event) the most recent such day not after today, so 12月18日 typed in
    January is last December's; ``toward=FUTURE`` (a day planned: a visit, the hall's hours) the
    next such day not before today, so 12月10日 typed on 12月8日 is this week's, and 1月5日 next
    January's.  A two-digit year is 20xx."""
    if toward not in (PAST, FUTURE):  # a programming error
        raise ValueError(toward)
    hint = f"可用的写法：{accepted(toward)}"
    if text is None or not str(text).strip():
        raise DateError(f"{what}是空的。", hint=hint)
    raw = str(text).strip()
    # Full-width digits and punctuation (typed with a Chinese input method) count as normal ones.
    s = ascii_forms(raw)
    relative = _DAYS_AGO if toward == PAST else _DAYS_AHEAD
    if s.lower() in relative:
        sign = -1 if toward == PAST else 1
        return (today or today_in_china()) + sign * dt.timedelta(days=relative[s.lower()])
    m = re.match(_NO_YEAR, s)
    if m:
        now = today or today_in_china()
        month, day = int(m.group(1)), int(m.group(2) or m.group(3))
        step = -1 if toward == PAST else 1
        for year in range(now.year, now.year + 8 * step, step):  # 2月29日: the nearest leap year's
            if month == 2 and day == 29 and days_in_month(year, 2) == 28:
                continue
            found = _checked(raw, what, year, month, day, toward)
            if (found <= now) if toward == PAST else (found >= now):
                return found
        raise DateError(f"{what}「{raw}」无效：没有{month}月{day}日。", hint=hint)
    for form in _WITH_YEAR:
        m = re.match(form, s)
        if m:
            year, month, day = (int(g) for g in m.groups())
            return _checked(raw, what, year + 2000 if year < 100 else year, month, day, toward)
    raise DateError(f"{what}「{raw}」看不懂。", hint=hint)


_MONTH_FORMS = (r"^(\d{4})[-/.](\d{1,2})$", r"^(\d{4})(\d{2})$", r"^(\d{4})\s*年\s*(\d{1,2})\s*月?$")


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) from 2026-10, 2026/10, 2026.10, 202610 or 2026年10月."""
    raw = text.strip()
    s = ascii_forms(raw)
    for form in _MONTH_FORMS:
        m = re.match(form, s)
        if m:
            year, month = int(m.group(1)), int(m.group(2))
            if not 1 <= month <= 12:
                raise DateError(f"月份「{raw}」无效：没有{month}月。", hint=f"可用的写法：{MONTH_ACCEPTED}")
            return year, month
    if re.match(r"^\d{4}\s*年?$", s):
        raise DateError(f"「{raw}」只有年份。", hint=f"看一个月写 {s[:4]}-10 这样；看全年的放假安排用 --year {s[:4]}")
    raise DateError(f"月份「{raw}」看不懂。", hint=f"可用的写法：{MONTH_ACCEPTED}")


def parse_steps(text: str) -> int:
    """+3, -2, ＋3 (typed with a Chinese input method): a number of working days."""
    s = ascii_forms(text.strip())
    try:
        return int(s)
    except ValueError:
        raise DateError(f"「{text}」不是工作日数。", hint="写成 +3 或 -2 这样的整数") from None


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _checked(raw: str, what: str, year: int, month: int, day: int, toward: str = PAST) -> dt.date:
    hint = f"可用的写法：{accepted(toward)}"
    if not 1 <= month <= 12:
        raise DateError(f"{what}「{raw}」无效：没有{month}月。", hint=f"月份是 1 到 12；{hint}")
    last = days_in_month(year, month) if 1 <= year <= 9999 else 31
    if not 1 <= day <= last:
        raise DateError(f"{what}「{raw}」无效：{year}年{month}月没有{day}日（这个月只有{last}天）。", hint=hint)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{what}「{raw}」无效。", hint=hint) from None


def weekday_zh(d: dt.date) -> str:
    return WEEKDAYS[d.weekday()]


def show(d: dt.date) -> str:
    """2024-05-08 周三"""
    return f"{d.isoformat()} {weekday_zh(d)}"


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or that month's last day when it has no such day
    (民法典 第202条: 没有对应日的，月末日为期间的最后一日)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise DateError(f"日期超出范围：{d.isoformat()} 加 {months} 个月。")
    day = min(d.day, days_in_month(year, month))
    return dt.date(year, month, day)


def date_zh(d: dt.date) -> str:
    """2024年5月6日, as a letter is dated."""
    return f"{d.year}年{d.month}月{d.day}日"


def parse_time(text: str, what: str = "时间") -> dt.time:
    """10:30, 9:5, 9点05, 9点, 21时30分 (24-hour clock)."""
    s = ascii_forms(text).strip().replace("：", ":")
    m = re.fullmatch(r"(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?|[点时](?:(\d{1,2})分?|半)?)", s)
    if not m:
        raise DateError(f"{what}「{text}」看不懂。", hint="时间写成 10:30、9:5 或 9点05，24 小时制")
    hour = int(m.group(1))
    minute = int(m.group(2) or m.group(4) or (30 if s.endswith("半") else 0))
    if hour > 23 or minute > 59:
        raise DateError(f"{what}「{text}」里的时间不对。", hint="时间写成 10:30 这样，24 小时制")
    return dt.time(hour, minute)
