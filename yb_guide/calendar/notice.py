"""Reading the State Council's yearly holiday notice (国务院办公厅关于××××年部分节假日安排的通知).

The notice has one numbered item a holiday (or one for two, 六、中秋节、国庆节：…).  Its wording
has changed over the years; every form published since 2008 is read:

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
    二、春节：2月13日至19日放假调休，共7天。2月20日（星期六）、21日（星期日）上班。
    三、清明节：4月5日放假，4月7日（星期一）补休。
    四、劳动节：4月30日至5月2日放假公休，共3天。
    五、端午节：6月7日放假，与周末连休。            一、元旦：1月1日放假1天。
    一、元旦：2007年12月30日—2008年1月1日放假，共3天。
    其中，1月1日（星期二）为法定节假日，12月30日（星期日）为公休日，12月29日（星期六）公休日调至12月31日（星期一），12月29日（星期六）上班。

Full-width and half-width punctuation are both read.  Every sentence of every item must be
understood (and agree with itself: the weekdays, "共N天", and that what "其中" calls a day of the
break is one), and the notice must give all seven holidays of the year; otherwise the whole notice
is refused with the line, so a year is never half imported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from yb_guide.base.errors import UserError
from yb_guide.base.text import ascii_forms

_NUMERALS = "一二三四五六七八九十"
# The holidays of 全国年节及纪念日放假办法 since 2008; a notice that leaves one out would turn its
# days into working days (the import replaces the whole year), so it is refused.
_FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
_NOTE = r"(?:\([^)]*\))?"  # (周四), (农历除夕、周二), (星期日), (农历五月初五,端午节)
_FULL = rf"(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日{_NOTE}"  # 2018年12月29日(星期六), 2月20日
_ONE = rf"(?:\d{{4}}年)?(?:\d{{1,2}}月)?\d{{1,2}}日{_NOTE}"  # also 21日: in the month of the date before
_DATES = rf"{_FULL}(?:、{_ONE})*"  # 10月1日、2日、3日
_PART = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^)]*)\))?")
_HOLIDAY = re.compile(rf"^({_FULL})(?:(?:至|—+|–|-|~)({_ONE}))?放假(.*)$")
# The clauses of a sentence that is not a 放假 one: makeup days, and the 2008–2009 explanations
# (其中，…为法定节假日，…照常公休，…两个公休日调至…).
_WORK = re.compile(rf"^({_DATES})上班$")
_MOVED = re.compile(rf"^将?({_DATES})(?:[两三四]个)?公休日(?:及\w+节)?(?:分别)?调至({_DATES})$")
_FACT = re.compile(rf"^({_DATES})(?:为\w*(?:法定节假日|公休日)|照常公休)$")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_YEAR = re.compile(r"关于(\d{4})年部分节假日安排的通知")
_NUMBER = re.compile(r"国办发明电〔\d{4}〕\d+号")


class NoticeError(UserError):
    pass


@dataclass
class Change:
    """A day of the yearly notice that a later notice changed (2020-02-01: 调休上班 → 放假)."""

    date: dt.date
    before: str  # what the yearly notice makes of it: 放假, 调休上班, 工作日, 周末
    after: str
    name: str  # the later notice's name for the day
    source: str  # the later notice


@dataclass
class Notice:
    year: int
    title: str
    number: str | None
    holidays: list[tuple[dt.date, str]] = field(default_factory=list)  # days off (weekends in a break too)
    workdays: list[tuple[dt.date, str]] = field(default_factory=list)  # makeup working days (调休上班)
    later: list[str] = field(default_factory=list)  # the later notices merged in (``merge_later``)
    changes: list[Change] = field(default_factory=list)  # the days they changed
    sources: dict[dt.date, str] = field(default_factory=dict)  # a merged day's notice

    @property
    def citation(self) -> str:
        return self.title + (f"（{self.number}）" if self.number else "")


Where = tuple[int, str]  # the line number and the sentence, for the error message


def _day(y: int | None, m: int | None, d: int, year: int, near: dt.date | None, where: Where) -> dt.date:
    """Without a year, the date nearest ``near`` (the break's first day: in a 元旦 break starting
    2007-12-30, 1月1日 is 2008's and 12月29日 2007's), else in the notice's year."""
    if y or near is None:
        years = [y or year]
    else:
        years = [near.year - 1, near.year, near.year + 1]
    found = []
    for candidate in years:
        try:
            found.append(dt.date(candidate, m or 0, d))
        except ValueError:
            pass
    if not found:
        raise NoticeError(f"通知第 {where[0]} 行的日期不存在：「{where[1]}」。")
    return min(found, key=lambda c: abs(c - near)) if near else found[0]


def _check_weekday(day: dt.date, note: str | None, where: Where) -> None:
    """(周四) or (农历除夕、星期日): the weekday named must be the date's."""
    m = re.search(r"(?:周|星期)([一二三四五六日天])", note or "")
    if m and _WEEKDAYS[m.group(1)] != day.weekday():
        raise NoticeError(f"通知第 {where[0]} 行的星期和日期对不上：{day.isoformat()} 不是「{m.group(0)}」（「{where[1]}」）。")


def _dates(text: str, year: int, near: dt.date | None, where: Where, month: int | None = None) -> list[dt.date]:
    """「9月19日（星期日）、25日（星期六）」: a day without a month is in the month of the one before."""
    out = []
    for y, m, d, note in _PART.findall(text):
        month = int(m) if m else month
        day = _day(int(y) if y else None, month, int(d), year, near, where)
        _check_weekday(day, note, where)
        out.append(day)
    return out


def _holiday(year: int, near: dt.date | None, sentence: str, where: Where) -> list[dt.date] | None:
    m = _HOLIDAY.match(sentence)
    if not m:
        return None
    first, last, rest = m.groups()
    start = _dates(first, year, near, where)[0]
    end = _dates(last, year, start, where, month=start.month)[0] if last else start
    if end < start:
        raise NoticeError(f"通知第 {where[0]} 行的放假日期前后颠倒：「{sentence}」。")
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    count = re.fullmatch(r"(?:调休|公休)?,?共(\d+)天", rest) or re.fullmatch(r"(\d+)天(?:,?不调休)?", rest)
    extra = re.fullmatch(rf",?({_DATES})补休", rest)  # 4月5日放假，4月6日（星期一）补休: a weekday off too
    if count:
        if int(count.group(1)) != len(days):
            raise NoticeError(f"通知第 {where[0]} 行说共{count.group(1)}天，但 {start.isoformat()} 至 {end.isoformat()} 是{len(days)}天：「{sentence}」。")
    elif extra:
        days += _dates(extra.group(1), year, start, where)
    elif rest not in ("", "调休", "公休", ",与周末连休", "与周末连休", ",不调休"):
        return None
    return days


def _clauses(year: int, off: list[dt.date], sentence: str, where: Where) -> list[dt.date] | None:
    """The makeup working days a sentence names (1月4日（周日）上班), or None if a clause is not
    understood.  The 2008–2009 notices explain the break clause by clause (其中，…); there a
    weekend "公休日调至" a day of the break is a working day (2008's 国庆节 says so only that way),
    unless it is a day of the break itself, and what they call a day off must be one."""
    near = off[0] if off else None
    work = []
    for clause in re.split(r"[,;](?![^(]*\))", re.sub(r"^其中[,:]?", "", sentence)):  # not the , in (…)
        if m := _WORK.match(clause):
            work += _dates(m.group(1), year, near, where)
        elif m := _MOVED.match(clause):
            _check_off(_dates(m.group(2), year, near, where), off, where)
            work += [d for d in _dates(m.group(1), year, near, where) if d not in off]
        elif m := _FACT.match(clause):
            _check_off(_dates(m.group(1), year, near, where), off, where)
        else:
            return None
    return work


def _check_off(days: list[dt.date], off: list[dt.date], where: Where) -> None:
    for d in days:
        if d not in off:
            raise NoticeError(f"通知第 {where[0]} 行说 {d.isoformat()} 放假，但它不在这一项的放假日期里：「{where[1]}」。整份通知都没有导入。")


def _items(plain: str) -> list[tuple[str, int, list[Where]]]:
    """The numbered items: name, line and sentences.  An item may go on over the next lines (the
    2008–2009 notices put 其中，… on lines of their own; some copies put the dates under
    “一、元旦：”): a line that starts with 其中 or a date and ends with 。 belongs to the item above;
    any other line (the closing paragraph, the signature) ends it."""
    items: list[tuple[str, int, list[Where]]] = []
    current = None
    for line_no, line in enumerate(plain.splitlines(), start=1):
        line = line.strip()
        head = re.match(rf"^[{_NUMERALS}]+、\s*(.+?)\s*:\s*(.*)$", line)
        if head:
            current = (head.group(1).strip(), line_no, [])
            items.append(current)
            line = head.group(2)
        elif not line:
            continue
        elif current is None or not line.endswith("。") or not re.match(rf"^(?:其中|{_FULL})", line):
            current = None
            continue
        current[2].extend((line_no, s) for s in line.split("。"))
    return items


def _once(days: list[tuple[dt.date, str]]) -> list[tuple[dt.date, str]]:
    """A day named twice (…公休日调至… and …上班 both name a makeup day) is written once."""
    out, seen = [], set()
    for d, name in days:
        if d not in seen:
            seen.add(d)
            out.append((d, name))
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
    items = _items(plain)
    if not items:
        raise NoticeError("通知里没有找到“一、元旦：……”这样的放假安排条目。整份通知都没有导入。")
    for name, item_line, sentences in items:
        off: list[dt.date] = []
        work: list[dt.date] = []
        for line_no, sentence in sentences:
            sentence = sentence.replace(" ", "").rstrip(",;")
            if not sentence or sentence.startswith("鼓励"):  # 鼓励各单位…安排职工在除夕休息: advice, no schedule
                continue
            days = _holiday(year, off[0] if off else None, sentence, (line_no, sentence))
            if days is not None:
                off += days
                continue
            days = _clauses(year, off, sentence, (line_no, sentence))
            if days is None:
                raise NoticeError(f"通知第 {line_no} 行有一句看不懂：「{sentence}」。整份通知都没有导入。",
                                  hint="放假写成“1月1日（周四）至3日（周六）放假调休，共3天”，上班写成“1月4日（周日）上班”")
            work += days
        if not off:
            raise NoticeError(f"通知第 {item_line} 行的「{name}」没有写哪天放假。整份通知都没有导入。")
        notice.holidays += [(d, name) for d in off]
        notice.workdays += [(d, f"调休上班（{name}）") for d in work]
    named = "".join(name for name, _, _ in items)
    missing = [f for f in _FESTIVALS if f not in named]
    if missing:
        raise NoticeError(f"通知里没有{'、'.join(missing)}的放假安排；一年七个节日都要写到，否则这些天会被当成工作日。整份通知都没有导入。")
    notice.holidays, notice.workdays = _once(notice.holidays), _once(notice.workdays)
    clash = {d for d, _ in notice.holidays} & {d for d, _ in notice.workdays}
    if clash:
        raise NoticeError(f"通知里 {min(clash).isoformat()} 既是放假日又是上班日。整份通知都没有导入。")
    return notice


def merge_later(notice: Notice, later) -> list[Change]:
    """Merge the later notices of the notice's year (``workdays.LaterNotice``: 2015-09-03/04,
    2019-05-02/03, 2020-01-31 …) into it, so that importing a yearly notice never undoes one; the
    days whose kind they changed."""
    from yb_guide.calendar.workdays import DAY_KIND_LABELS, HOLIDAY, MAKEUP, WEEKEND, WORKDAY

    for ln in later:
        days = [(d, HOLIDAY) for d in ln.holidays] + [(d, MAKEUP) for d in ln.workdays]
        if not any(d.date.year == notice.year for d, _ in days):
            continue
        off, work = dict(notice.holidays), dict(notice.workdays)
        for d, kind in days:
            was = HOLIDAY if d.date in off else MAKEUP if d.date in work else (
                WEEKEND if d.date.weekday() >= 5 else WORKDAY)
            if was != kind:
                notice.changes.append(Change(d.date, DAY_KIND_LABELS[was], DAY_KIND_LABELS[kind], d.name, ln.source))
            off.pop(d.date, None)
            work.pop(d.date, None)
            (off if kind == HOLIDAY else work)[d.date] = d.name
            notice.sources[d.date] = ln.source
        notice.holidays, notice.workdays = sorted(off.items()), sorted(work.items())
        notice.later.append(ln.source)
    notice.changes.sort(key=lambda c: c.date)
    return notice.changes


def pending_note(cal, year: int) -> str | None:
    """An official year whose next year's notice is not out: its last days are still 推算."""
    from yb_guide.calendar.workdays import LATE_DECEMBER

    if cal.is_estimated(dt.date(year, 1, 1)) or not cal.is_estimated(dt.date(year, 12, 31)):
        return None
    return (f"推算：{year}年12月{LATE_DECEMBER}日至31日还要等{year + 1}年的放假通知确认——下一年的元旦安排可能把年底几天"
            f"改为放假或调休上班（2019年的通知就把2018年12月29日改为上班、31日改为放假）。")


MAX_BYTES = 2_000_000  # a notice is about 2 KB; a file this big is not one
_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|meta|div|p|span|table|script|br)\b", re.IGNORECASE)


def read_text(path) -> str:
    """A notice's text file as people save it: UTF-8 (with or without BOM) or GBK/GB18030 (Windows
    Notepad); a file too big to be a notice, or a web page, is refused with what to do."""
    from pathlib import Path

    from yb_guide.base.errors import os_error_text

    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:  # never more than the limit, whatever stat says (/dev/zero, a pipe)
            raw = f.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""
    except OSError as err:
        raise NoticeError(f"无法读取 {path}（{os_error_text(err)}）。") from None
    if size > MAX_BYTES or len(raw) > MAX_BYTES:
        shown = f"有 {size / 1_000_000:.1f} MB" if size > MAX_BYTES else f"超过 {MAX_BYTES // 1_000_000} MB"
        raise NoticeError(f"{path} {shown}，不像放假通知（通知全文只有几 KB），没有导入。",
                          hint=f"只接受 {MAX_BYTES // 1_000_000} MB 以内的文本文件：把通知的正文另存为 .txt")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise NoticeError(f"{path} 不是 UTF-8 或 GBK 编码的文本文件。", hint="请另存为 UTF-8 编码")
    if _HTML.search(text):
        raise NoticeError(f"{path} 是一个网页（HTML），不是通知的文本，没有导入。",
                          hint="请把网页的正文另存为文本：在浏览器里选中通知正文，复制，粘贴到记事本，保存为 .txt")
    return text


def overrides_yaml(notice: Notice) -> str:
    """The notice as a calendar overrides file (the format of data/calendar.yaml)."""
    import json

    source = json.dumps(notice.citation, ensure_ascii=False)  # a JSON string is a YAML string

    def day(d: dt.date, name: str) -> str:
        src = json.dumps(notice.sources[d], ensure_ascii=False) if d in notice.sources else source
        return f"  - {{date: {d.isoformat()}, name: {json.dumps(name, ensure_ascii=False)}, source: {src}}}"

    lines = [f"# {notice.citation}", "# 由 ybguide calendar import 导入；这一年的放假和调休以此为准（官方安排）。"]
    lines += [f"# 并入了后来的通知：{s}（它改动的日子以它为准）" for s in notice.later]
    lines += [
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
