"""China's official working-day calendar (with 调休 makeup workdays), as a precomputed table.

Shanxi has no provincial public holidays, so the calendar is the national one,
taken from the ``holidays`` package (China: statutory holidays and
``weekend_workdays``), plus overrides from ``data/calendar.yaml`` and an
optional user file.  A year is *official* when the State Council schedule for
it is known (the library's static data, or an override declaring it);
otherwise its dates are estimated and every date computed through it says so.

The table is a sorted list of working-day ordinals: one lookup is a bisect,
O(log n).  It is cached in the user's cache directory, keyed by the installed
``holidays`` version, the overrides and this module's table format, so a
normal start does not import ``holidays`` at all.
"""

from __future__ import annotations

import bisect
import datetime as dt
from pathlib import Path

from yb_guide.base import cache
from yb_guide.base.errors import DataError, UserError
from yb_guide.base.record import record

FIRST_YEAR = 2004  # the State Council schedules the tests can check start here
LAST_YEAR = 2040  # further ahead than any complaint needs; beyond it we refuse rather than guess
# From this day of December on, a day also waits for the next year's notice, which may still make it
# a day off or a makeup working day (2019's 元旦 arrangement set 2018-12-29 上班 and 2018-12-31 放假).
LATE_DECEMBER = 25
TABLE_FORMAT = 5  # bump when the cached table's layout or meaning changes

# Kinds of day, as stored in the table.
WORKDAY, WEEKEND, HOLIDAY, MAKEUP, CLOSURE = range(5)
# HOLIDAY covers statutory holidays and the weekdays given off in exchange (调休放假).
DAY_KIND_LABELS = {WORKDAY: "工作日", WEEKEND: "周末", HOLIDAY: "放假", MAKEUP: "调休上班", CLOSURE: "停止办公"}


class RangeError(UserError):
    pass


class Calendar:
    """The day table.  A plain class (not a dataclass, whose generated methods cost every start
    ~0.5 ms at import): it comes whole from the cache."""

    def __init__(self, first: dt.date, last: dt.date, kinds: bytes, names: dict[int, str],
                 official_years: frozenset[int], sources: tuple[str, ...] = (), _workdays: list[int] | None = None):
        self.first, self.last = first, last
        self.kinds = kinds  # one byte per day from ``first``: WORKDAY, WEEKEND, …
        self.names = names  # ordinal -> holiday / makeup / closure name
        self.official_years = official_years
        self.sources = sources  # what the table was built from, for ``calendar --json``
        if not _workdays:
            base = first.toordinal()
            _workdays = [base + i for i, k in enumerate(kinds) if k in (WORKDAY, MAKEUP)]
        self._workdays = _workdays

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # as the dataclass it was: mutable, unhashable

    def __repr__(self) -> str:
        return f"Calendar({self.first}..{self.last}, official={sorted(self.official_years)[-1:]})"

    # -- range -----------------------------------------------------------
    def check(self, d: dt.date, what: str = "日期") -> dt.date:
        if not self.first <= d <= self.last:
            raise RangeError(
                f"{what} {d.isoformat()} 超出日历范围，无法可靠计算。",
                hint=f"支持 {self.first.isoformat()} 至 {self.last.isoformat()}",
            )
        return d

    def kind(self, d: dt.date) -> int:
        self.check(d)
        return self.kinds[d.toordinal() - self.first.toordinal()]

    def is_workday(self, d: dt.date, statutory: bool = False) -> bool:
        """Whether the office works that day; ``statutory``: whether the law counts it as a working
        day (a local closure, 停止办公, still is one: only a 法定休假日 is not)."""
        return self.kind(d) in ((WORKDAY, MAKEUP, CLOSURE) if statutory else (WORKDAY, MAKEUP))

    def name(self, d: dt.date) -> str | None:
        return self.names.get(d.toordinal())

    def is_estimated(self, d: dt.date) -> bool:
        """Whether what the day is rests on a notice the tool has not received: its year's, or, in
        late December, the next year's (which may still move it)."""
        return bool(self.estimated_years(d, d))

    def estimated_years(self, start: dt.date, end: dt.date) -> list[int]:
        """The years whose notice the tool lacks and that decide a day from ``start`` to ``end``:
        each day's own year, and the next year for the days of late December."""
        lo, hi = min(start, end), max(start, end)
        years = {y for y in range(lo.year, hi.year + 1) if y not in self.official_years}
        years |= {y + 1 for y in range(lo.year, hi.year + 1)
                  if y + 1 not in self.official_years and hi >= dt.date(y, 12, LATE_DECEMBER)}
        return sorted(years)

    # -- arithmetic --------------------------------------------------------
    def _days(self, statutory: bool) -> list[int]:
        """The working days; ``statutory``: as the law counts them, where a local closure (停止办公,
        from a calendar file) is still a working day: only a 法定休假日 moves a legal period's end."""
        if not statutory or CLOSURE not in self.kinds:
            return self._workdays
        days = self.__dict__.get("_statutory_days")
        if days is None:
            base = self.first.toordinal()
            days = [base + i for i, k in enumerate(self.kinds) if k in (WORKDAY, MAKEUP, CLOSURE)]
            self.__dict__["_statutory_days"] = days
        return days

    def add_workdays(self, d: dt.date, n: int, statutory: bool = False) -> dt.date:
        """The n-th working day after ``d`` (n > 0) or before it (n < 0); ``d`` itself is not
        counted (民法典 第201条: 开始的当日不计入).  n == 0 gives ``d``."""
        self.check(d)
        if n == 0:
            return d
        o = d.toordinal()
        w = self._days(statutory)
        if n > 0:
            i = bisect.bisect_right(w, o) + n - 1
        else:
            i = bisect.bisect_left(w, o) + n
        if not 0 <= i < len(w):
            raise RangeError(f"从 {d.isoformat()} 起算 {n} 个工作日，超出日历范围。",
                             hint=f"支持 {self.first.isoformat()} 至 {self.last.isoformat()}")
        return dt.date.fromordinal(w[i])

    def next_workday(self, d: dt.date, statutory: bool = False) -> dt.date:
        """``d`` if it is a working day, else the first working day after it."""
        self.check(d)
        w = self._days(statutory)
        i = bisect.bisect_left(w, d.toordinal())
        if i >= len(w):
            raise RangeError(f"{d.isoformat()} 之后的工作日超出日历范围。")
        return dt.date.fromordinal(w[i])

    def workdays_between(self, start: dt.date, end: dt.date, statutory: bool = False) -> int:
        """Working days in (start, end]; negative when end is before start."""
        self.check(start)
        self.check(end)
        w = self._days(statutory)
        a, b = start.toordinal(), end.toordinal()
        if b >= a:
            return bisect.bisect_right(w, b) - bisect.bisect_right(w, a)
        return -(bisect.bisect_right(w, a) - bisect.bisect_right(w, b))

    def in_holiday_break(self, d: dt.date) -> bool:
        """Whether ``d`` is a rest day in a run of rest days that holds a holiday (a weekend inside
        国庆 10月1日至7日 is part of the break, as the State Council's notice reads)."""
        if self.is_workday(d):
            return False
        if self.kind(d) == HOLIDAY:
            return True
        for step in (-1, 1):
            x = d
            while self.first <= x + dt.timedelta(days=step) <= self.last:
                x += dt.timedelta(days=step)
                if self.is_workday(x):
                    break
                if self.kind(x) == HOLIDAY:
                    return True
        return False

    def breaks(self, year: int) -> list[tuple[dt.date, dt.date, str]]:
        """(first day, last day, holiday names) of every run of rest days that holds a holiday of
        ``year``, weekends included, as the State Council's notice reads it (春节 2月15日（周日）至23日)."""
        out = []
        d, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        while d <= end:
            if self.kind(d) != HOLIDAY:
                d += dt.timedelta(days=1)
                continue
            first = last = d
            while first > self.first and not self.is_workday(first - dt.timedelta(days=1)):
                first -= dt.timedelta(days=1)
            while last < self.last and not self.is_workday(last + dt.timedelta(days=1)):
                last += dt.timedelta(days=1)
            names: list[str] = []
            x = first
            while x <= last:
                name = (self.name(x) or "").replace("（补假）", "")
                if self.kind(x) == HOLIDAY and name and not name.startswith("休息日") and name not in names:
                    names.append(name)
                x += dt.timedelta(days=1)
            if "春节" in names and "农历除夕" in names:  # the notice calls the whole break 春节
                names.remove("农历除夕")
            out.append((first, last, "、".join(names)))
            d = last + dt.timedelta(days=1)
        return out

    def days_in(self, year: int, month: int | None = None):
        """(date, kind, name) for every day of a year or a month."""
        start = dt.date(year, month or 1, 1)
        if month:
            end = dt.date(year + (month == 12), month % 12 + 1, 1)
        else:
            end = dt.date(year + 1, 1, 1)
        d = start
        while d < end:
            yield d, self.kind(d), self.name(d)
            d += dt.timedelta(days=1)


# ---------------------------------------------------------------- overrides


@record
class OverrideDay:
    date: dt.date
    name: str
    source: str


@record
class LaterDay:
    date: dt.date
    name: str


@record
class LaterNotice:
    """A notice published after a year's own notice that changes some of its days (国务院办公厅关于
    延长2020年春节假期的通知): applied after every yearly notice, so importing that year never undoes it."""

    source: str
    holidays: tuple[LaterDay, ...] = ()
    workdays: tuple[LaterDay, ...] = ()


@record
class Overrides:
    """data/calendar.yaml and --calendar FILE: what the library does not know yet."""

    official_years: tuple[int, ...] = ()  # the State Council notice for these years is out
    replace_years: tuple[int, ...] = ()  # ignore the library's (estimated) holidays for these years
    holidays: tuple[OverrideDay, ...] = ()  # days off
    workdays: tuple[OverrideDay, ...] = ()  # makeup working days (调休上班)
    closures: tuple[OverrideDay, ...] = ()  # local closures of the office
    later: tuple[LaterNotice, ...] = ()  # notices that changed a year after its yearly notice


def later_notices() -> tuple[LaterNotice, ...]:
    """The later notices the tool ships (data/calendar.yaml ``later``), which a yearly notice the
    person imports must never undo."""
    from yb_guide.base.paths import data_dir

    path = data_dir() / "calendar.yaml"
    return load_overrides(path).later if path.exists() else ()


def load_overrides(path: Path) -> Overrides:
    from yb_guide.base.schema import build
    from yb_guide.base.yamlio import Where
    from yb_guide.base.yamlio import load_file

    raw = load_file(path, display_name=str(path))
    if raw is None:
        return Overrides()
    ov = build(Overrides, raw, Where(str(path), "", getattr(raw, "line", 1)))
    for group in ("official_years", "replace_years"):
        for i, year in enumerate(getattr(ov, group)):
            if not FIRST_YEAR <= year <= LAST_YEAR:
                line = raw.lines.get(group) if hasattr(raw, "lines") else None
                raise DataError(str(path), f"{group}[{i}]", line, f"{year} 年超出日历范围（{FIRST_YEAR}–{LAST_YEAR}）")
    seen: dict[dt.date, str] = {}
    for group in ("holidays", "workdays", "closures"):
        for i, day in enumerate(getattr(ov, group)):
            w = getattr(day, "_where", None)
            if not FIRST_YEAR <= day.date.year <= LAST_YEAR:
                raise DataError(str(path), f"{group}[{i}].date", w.line if w else None,
                                f"{day.date.isoformat()} 超出日历范围（{FIRST_YEAR}–{LAST_YEAR}）")
            if day.date in seen:  # one day cannot be both a day off and a working day
                raise DataError(str(path), f"{group}[{i}].date", w.line if w else None,
                                f"{day.date.isoformat()} 已经写在 {seen[day.date]} 里，同一天只能写一次")
            seen[day.date] = group
    for i, later in enumerate(ov.later):
        named: set[dt.date] = set()
        for group in ("holidays", "workdays"):
            for j, day in enumerate(getattr(later, group)):
                w = getattr(day, "_where", None)
                if not FIRST_YEAR <= day.date.year <= LAST_YEAR:
                    problem = f"{day.date.isoformat()} 超出日历范围（{FIRST_YEAR}–{LAST_YEAR}）"
                elif day.date in named:
                    problem = f"{day.date.isoformat()} 在这份通知里写了两次，同一天只能写一次"
                else:
                    named.add(day.date)
                    continue
                raise DataError(str(path), f"later[{i}].{group}[{j}].date", w.line if w else None, problem)
    return ov


# ---------------------------------------------------------------- building and caching


def _holidays_fingerprint() -> str:
    """Identify the installed ``holidays`` package without importing it (that takes ~0.15 s)."""
    import importlib.util

    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.origin:
        raise UserError("缺少 holidays 程序包，请按 README 重新安装 ybguide。")
    pkg = Path(spec.origin).parent
    parts = sorted(p.name for p in pkg.parent.glob("holidays-*.dist-info"))
    for rel in ("countries/china.py", "groups/chinese.py"):
        try:
            st = (pkg / rel).stat()
            parts.append(f"{rel}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{rel}:missing")
    return "|".join(parts)


def _official_years_from_library() -> set[int]:
    from holidays.countries.china import ChinaStaticHolidays

    years = set(getattr(ChinaStaticHolidays, "special_public_holidays", {}))
    return {y for y in years if FIRST_YEAR <= y <= LAST_YEAR}


def build_calendar(overrides: list[Overrides], first_year: int = FIRST_YEAR,
                   last_year: int = LAST_YEAR) -> Calendar:
    """Build the table from ``holidays`` (slow: imports the library) and the overrides."""
    import holidays

    years = range(first_year, last_year + 1)
    lib = holidays.China(years=years, language="zh_CN")
    replace = {y for ov in overrides for y in ov.replace_years}
    first, last = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
    base = first.toordinal()
    n = last.toordinal() - base + 1
    kinds = bytearray(n)
    names: dict[int, str] = {}
    for i in range(n):
        d = dt.date.fromordinal(base + i)
        kinds[i] = WEEKEND if d.weekday() >= 5 else WORKDAY
    for d, name in lib.items():
        if first <= d <= last and d.year not in replace:
            kinds[d.toordinal() - base] = HOLIDAY
            names[d.toordinal()] = name
    for d in lib.weekend_workdays:
        if first <= d <= last and d.year not in replace:
            kinds[d.toordinal() - base] = MAKEUP
            names[d.toordinal()] = "调休上班"
    for ov in overrides:
        for day in ov.holidays:
            kinds[day.date.toordinal() - base] = HOLIDAY
            names[day.date.toordinal()] = day.name
        for day in ov.workdays:
            kinds[day.date.toordinal() - base] = MAKEUP
            names[day.date.toordinal()] = day.name
    # A later notice changed its year after the yearly one: it wins over every yearly notice (the
    # library's or an imported one), whichever file comes first.
    for ov in overrides:
        for later in ov.later:
            for group, kind in (("holidays", HOLIDAY), ("workdays", MAKEUP)):
                for day in getattr(later, group):
                    if first <= day.date <= last:
                        kinds[day.date.toordinal() - base] = kind
                        names[day.date.toordinal()] = day.name
    for ov in overrides:
        for day in ov.closures:
            # Only a working day can be closed; a weekend or holiday keeps its kind, so the law's
            # count (closures are working days to it: ``_days``) never gains a rest day.
            if kinds[day.date.toordinal() - base] in (WORKDAY, MAKEUP):
                kinds[day.date.toordinal() - base] = CLOSURE
                names[day.date.toordinal()] = day.name
    official = _official_years_from_library() | {y for ov in overrides for y in ov.official_years}
    return Calendar(first, last, bytes(kinds), names, frozenset(official),
                    sources=(f"holidays {getattr(holidays, '__version__', '?')}",))


def _override_paths(user_file: Path | None) -> list[Path]:
    """The shipped overrides, the notices the user imported (one file a year), then --calendar."""
    from yb_guide.base.paths import data_dir, imported_calendar_dir

    paths = []
    shipped = data_dir() / "calendar.yaml"
    if shipped.exists():
        paths.append(shipped)
    imported = imported_calendar_dir()
    if imported.is_dir():
        paths += sorted(imported.glob("*.yaml"))
    if user_file is not None:
        if not Path(user_file).exists():
            raise DataError(str(user_file), "", None, "日历文件不存在")
        paths.append(Path(user_file))
    return paths


_memo: dict[str, Calendar] = cache.memo()


def get_calendar(user_file: Path | str | None = None) -> Calendar:
    """The calendar with the shipped and the user's overrides, from the cache when it is valid
    (then ``holidays`` is not imported at all)."""
    paths = _override_paths(Path(user_file) if user_file else None)
    key = cache.files_key(paths, f"{FIRST_YEAR}-{LAST_YEAR}", f"table {TABLE_FORMAT}", _holidays_fingerprint())
    if key not in _memo:
        _memo[key] = cache.cached(
            "calendar", key,
            build=lambda: build_calendar([load_overrides(p) for p in paths]),
            valid=lambda cal: isinstance(cal, Calendar)
            and len(cal.kinds) == cal.last.toordinal() - cal.first.toordinal() + 1 and bool(cal._workdays),
        )
    return _memo[key]
