"""Reading the State Council's yearly holiday notice (国务院办公厅关于××××年部分节假日安排的通知).

The notice has one numbered item a holiday, in a standard form:

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。…
    四、清明节：4月5日放假，与周末连休。
    一、元旦：1月1日（周三）放假1天，不调休。
    一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。

Full-width and half-width punctuation are both read.  Every sentence of every item must be
understood (and agree with itself: the weekdays and "共N天" are checked); otherwise the whole
notice is refused with the line, so a year is never half imported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from yb_guide.base.errors import UserError
from yb_guide.base.text import ascii_forms

_NUMERALS = "一二三四五六七八九十"
_DATE = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
_NOTE = r"(?:\(([^)]*)\))?"  # (周四), (农历除夕、周二), (星期日)
_HOLIDAY = re.compile(rf"^{_DATE}{_NOTE}(?:至(?:(?:(\d{{4}})年)?(\d{{1,2}})月)?(\d{{1,2}})日{_NOTE})?放假(.*)$")
_MAKEUP = re.compile(rf"^{_DATE}{_NOTE}((?:、{_DATE}{_NOTE})*)上班$")
_ONE_DATE = re.compile(rf"{_DATE}{_NOTE}")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_YEAR = re.compile(r"关于(\d{4})年部分节假日安排的通知")
_NUMBER = re.compile(r"国办发明电〔\d{4}〕\d+号")


class NoticeError(UserError):
    pass


@dataclass
class Notice:
    year: int
    title: str
    number: str | None
    holidays: list[tuple[dt.date, str]] = field(default_factory=list)  # days off (weekends in a break too)
    workdays: list[tuple[dt.date, str]] = field(default_factory=list)  # makeup working days (调休上班)

    @property
    def citation(self) -> str:
        return self.title + (f"（{self.number}）" if self.number else "")


def _date(year: int, y: str | None, m: str, d: str, line_no: int, sentence: str) -> dt.date:
    try:
        return dt.date(int(y) if y else year, int(m), int(d))
    except ValueError:
        raise NoticeError(f"通知第 {line_no} 行的日期不存在：「{sentence}」。") from None


def _check_weekday(day: dt.date, note: str | None, line_no: int, sentence: str) -> None:
    """(周四) or (农历除夕、星期日): the weekday named must be the date's."""
    m = re.search(r"(?:周|星期)([一二三四五六日天])", note or "")
    if m and _WEEKDAYS[m.group(1)] != day.weekday():
        raise NoticeError(f"通知第 {line_no} 行的星期和日期对不上：{day.isoformat()} 不是「{m.group(0)}」（「{sentence}」）。")


def _holiday(year: int, name: str, sentence: str, line_no: int) -> list[tuple[dt.date, str]] | None:
    m = _HOLIDAY.match(sentence)
    if not m:
        return None
    y1, m1, d1, note1, y2, m2, d2, note2, rest = m.groups()
    start = _date(year, y1, m1, d1, line_no, sentence)
    _check_weekday(start, note1, line_no, sentence)
    end = start
    if d2:
        end = _date(int(y2) if y2 else start.year, None, m2 or str(start.month), d2, line_no, sentence)
        _check_weekday(end, note2, line_no, sentence)
    if end < start:
        raise NoticeError(f"通知第 {line_no} 行的放假日期前后颠倒：「{sentence}」。")
    days = (end - start).days + 1
    rest = rest.replace(" ", "")
    count = re.fullmatch(r"(?:调休)?,?共(\d+)天", rest) or re.fullmatch(r"(\d+)天,?不调休", rest)
    if count:
        if int(count.group(1)) != days:
            raise NoticeError(f"通知第 {line_no} 行说共{count.group(1)}天，但 {start.isoformat()} 至 {end.isoformat()} 是{days}天：「{sentence}」。")
    elif rest not in ("", "调休", ",与周末连休", "与周末连休", ",不调休"):
        return None
    return [(start + dt.timedelta(days=i), name) for i in range(days)]


def _makeup(year: int, name: str, sentence: str, line_no: int) -> list[tuple[dt.date, str]] | None:
    if not _MAKEUP.match(sentence):
        return None
    out = []
    for y, m, d, note in _ONE_DATE.findall(sentence):
        day = _date(year, y or None, m, d, line_no, sentence)
        _check_weekday(day, note, line_no, sentence)
        out.append((day, f"调休上班（{name}）"))
    return out


def parse_notice(text: str, year: int | None = None, title: str | None = None) -> Notice:
    """The days off and makeup working days of a notice; ``year`` when the text does not say it."""
    plain = ascii_forms(text)
    found = _YEAR.search(plain)
    if found is None and year is None:
        raise NoticeError("通知里没有找到年份（“关于××××年部分节假日安排的通知”）。", hint="用 --year 写明是哪一年的通知")
    year = year or int(found.group(1))
    number = _NUMBER.search(text.replace(" ", ""))
    notice = Notice(year, title or f"国务院办公厅关于{year}年部分节假日安排的通知",
                    number.group(0) if number else None)
    items = 0
    for line_no, line in enumerate(plain.splitlines(), start=1):
        m = re.match(rf"^\s*[{_NUMERALS}]+、\s*(.+?)\s*:\s*(.+?)\s*$", line)
        if not m:
            continue
        items += 1
        name = m.group(1).strip()
        for sentence in (s.strip() for s in m.group(2).split("。")):
            sentence = sentence.replace(" ", "").rstrip(",;")
            if not sentence or sentence.startswith("鼓励"):  # 鼓励各单位…安排职工在除夕休息: advice, no schedule
                continue
            days = _holiday(year, name, sentence, line_no)
            if days is not None:
                notice.holidays += days
                continue
            days = _makeup(year, name, sentence, line_no)
            if days is not None:
                notice.workdays += days
                continue
            raise NoticeError(f"通知第 {line_no} 行有一句看不懂：「{sentence}」。整份通知都没有导入。",
                              hint="放假写成“1月1日（周四）至3日（周六）放假调休，共3天”，上班写成“1月4日（周日）上班”")
    if not items:
        raise NoticeError("通知里没有找到“一、元旦：……”这样的放假安排条目。整份通知都没有导入。")
    clash = {d for d, _ in notice.holidays} & {d for d, _ in notice.workdays}
    if clash:
        raise NoticeError(f"通知里 {min(clash).isoformat()} 既是放假日又是上班日。整份通知都没有导入。")
    return notice


def overrides_yaml(notice: Notice) -> str:
    """The notice as a calendar overrides file (the format of data/calendar.yaml)."""
    import json

    source = json.dumps(notice.citation, ensure_ascii=False)  # a JSON string is a YAML string

    def day(d: dt.date, name: str) -> str:
        return f"  - {{date: {d.isoformat()}, name: {json.dumps(name, ensure_ascii=False)}, source: {source}}}"

    lines = [f"# {notice.citation}", "# 由 ybguide calendar import 导入；这一年的放假和调休以此为准（官方安排）。",
             f"official_years: [{notice.year}]", f"replace_years: [{notice.year}]",
             "holidays:" if notice.holidays else "holidays: []"]
    lines += [day(d, name) for d, name in notice.holidays]
    lines.append("workdays:" if notice.workdays else "workdays: []")
    lines += [day(d, name) for d, name in notice.workdays]
    return "\n".join(lines) + "\n"


def save(notice: Notice, text: str, *, overwrite: bool = False):
    """Write the year's overrides to the user's imported-notices folder (one file a year), whole."""
    from pathlib import Path

    from yb_guide.base.files import write_atomic
    from yb_guide.base.paths import imported_calendar_dir

    folder = imported_calendar_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{notice.year}.yaml"
    if path.exists() and not overwrite:
        raise NoticeError(f"{notice.year} 年的放假通知已经导入过（{path}），没有改动它。", hint="确实要用这份通知替换，加 --force")
    return write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"), overwrite=True)
