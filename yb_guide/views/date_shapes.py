"""The shapes of the date screens' payloads other than the deadline's (that one is declared in
``views.dates`` beside its parts): a working day, a month, a year, the hall's hours, a batch run,
an imported holiday notice.  Tests hold the payloads to them key for key."""

from typing import TypedDict

from yb_guide.views.common import ContactCheck, Day


class _Workday(TypedDict):
    date: str
    weekday: str
    workday: bool
    kind: str  # 工作日, 周末, 法定节假日, 调休上班 …
    name: str | None  # the holiday's name when it has one
    estimated: bool  # no official notice for that year yet
    office_closed: bool  # a local closure (停止办公): still a working day to the law
    estimated_years: list[int]  # the years whose notice it waits for (late December: the next year)


class Workday(_Workday, total=False):
    n: int  # ``workday DATE +N``: counted this many working days (as the law counts) …
    result: Day  # … to this day
    result_office_closed: bool  # that day is a local closure
    day_estimated: bool  # the queried day itself rests on an estimated year (``estimated``: any day counted)


class MonthDay(TypedDict):
    date: str
    day: int
    weekday: str
    workday: bool
    kind: str
    name: str | None
    in_break: bool  # a weekend inside a holiday break


class Month(TypedDict):
    year: int
    month: int
    official: bool
    first_weekday: int  # 0: Monday
    days: list[MonthDay]
    workdays: int
    late_note: str | None  # an official December whose last days wait for the next year's notice


class NamedDay(TypedDict):
    date: str
    weekday: str
    name: str | None


class Break(TypedDict):
    name: str
    start: Day
    end: Day
    days: int


class Year(TypedDict):
    year: int
    official: bool
    breaks: list[Break]
    holidays: list[NamedDay]
    makeup_workdays: list[NamedDay]
    closures: list[NamedDay]
    workdays: int
    late_note: str | None  # an official year whose last days wait for the next year's notice


class Hall(TypedDict):
    on: str
    at: str | None  # HH:MM, when a time was asked
    hours: str | None
    open_that_day: bool
    open_now: bool | None
    next_open: Day
    estimated: bool
    text: str
    notes: list[str]
    contact_check: ContactCheck | None


class BatchError(TypedDict):
    line: int
    message: str


class BatchSummary(TypedDict):
    written: int
    bad: int
    encoding: str
    out_encoding: str
    columns: list[str]
    errors: list[BatchError]
    out: str | None
    ics: str | None
    ics_events: int
    ics_passed: int
    lines: list[str]


class LaterChange(TypedDict):
    """A day of the yearly notice that a later notice changed (merged in, never undone)."""
    date: str
    weekday: str
    before: str  # what the yearly notice made of it: 工作日, 调休上班 …
    after: str  # what the later notice made of it
    name: str
    source: str  # the later notice


class NoticeImported(TypedDict):
    year: int
    title: str
    number: str | None
    file: str
    holidays: list[NamedDay]
    makeup_workdays: list[NamedDay]
    later: list[str]  # later notices of the year merged in
    changed: list[LaterChange]
