"""The shapes of the ``case`` and ``letter`` payloads (``views.cases``): what ``case show``, ``case
list``, ``case due``, the confirmations and ``letter`` print as JSON and render.  A test runs the
commands and holds their ``--json`` to these declarations, key for key."""

from typing import TypedDict

from yb_guide.views.common import Region
from yb_guide.views.dates import Deadline


class CaseDue(TypedDict):
    """A due date of a case, in one line."""

    id: str
    title: str
    due: str
    weekday: str
    workdays_left: int | None
    estimated: bool


class CaseRow(TypedDict):
    id: int
    channel: str
    channel_name: str
    filed: str
    ticket: str | None
    institution: str | None
    status: str  # open, closed
    status_label: str
    complex: bool
    result_received: str | None
    next: CaseDue | None
    overdue: list[CaseDue]
    is_overdue: bool
    follow_up: list[CaseDue]


class CaseListRow(CaseRow):
    name: str | None  # masked (王*英) unless --reveal
    agent_name: str | None


class CaseList(TypedDict):
    today: str
    open_only: bool
    overdue_only: bool
    search: str | None
    total: int
    count: int
    cases: list[CaseListRow]
    revealed: bool


class EventDate(TypedDict):
    field: str  # the event's column (result_received)
    label: str
    date: str


class Change(TypedDict):
    """A correction in the case's history."""

    at: str
    field: str
    label: str
    old: str | None
    new: str | None
    note: str | None


class LogLine(TypedDict):
    n: int
    at: str
    kind: str
    kind_label: str
    text: str
    auto: bool  # written by ybguide itself


class ActingChecklist(TypedDict):
    id: str
    items: list[str]


class CaseDetail(CaseRow):
    """``case show`` (and what add, edit and the like print after they change a case)."""

    staff: str | None
    amount: str | None
    amount_text: str | None
    incident_date: str | None
    place: str | None
    summary: str | None
    asks: list[str]
    evidence: list[str]
    name: str | None
    phone: str | None
    address: str | None
    id_number: str | None  # masked unless --reveal
    card_number: str | None
    revealed: bool
    acting: bool
    agent_name: str | None
    agent_relation: str | None
    agent_id_number: str | None
    reason: str | None
    review_to: str | None
    reexam_to: str | None
    region: str | None  # the pack it was recorded under (None: before regions)
    events: list[EventDate]  # the dates after filing
    closed: str | None
    created: str | None
    updated: str | None
    labels: dict[str, str]
    still_open: list[CaseDue]
    history: list[Change] | None  # with --history
    history_count: int
    changes: list[Change]  # what this command changed
    schedule: Deadline  # its stages also say relevant, overdue, next
    log: list[LogLine]
    message: str | None
    reminders: list[str]
    acting_checklist: ActingChecklist | None


class DueItem(CaseDue):
    case: int
    name: str | None
    agent_name: str | None
    ticket: str | None
    channel_name: str
    track: str
    status: str
    overdue: bool
    rule: str
    condition: str | None


class Due(TypedDict):
    today: str
    days: int
    until: str
    count: int
    items: list[DueItem]
    total_cases: int


class Done(TypedDict):
    """What a confirmation shows: its lines."""

    lines: list[str]


class LogAdded(Done):
    id: int
    at: str
    kind: str
    kind_label: str
    text: str


class LogChanged(Done):
    id: int
    change: Change


class StatusChanged(Done):
    id: int
    status: str
    status_label: str
    changed: bool
    still_open: list[CaseDue]


class Exported(Done):
    count: int
    file: str
    format: str
    personal_data: bool


class IcsExported(Done):
    count: int
    file: str


class Imported(Done):
    file: str
    format: str
    encoding: str
    added: list[int]
    skipped: list[int]
    logs: int
    ignored: list[str]
    bad: list[str]  # rows left out by --skip-bad, each with what was wrong


class Deleted(Done):
    id: int
    backup: str
    name: str | None


class Letter(TypedDict):
    case: int | None
    region: Region
    region_note: str | None  # the case was recorded under another region than the one chosen now
    title: str
    date: str
    file: str | None
    text: str
    facts: list[str]
    envelope: list[str]
    advice: list[str]
    advice_title: str | None
    masked: bool
    masked_note: str | None
    blanks: bool
    blanks_note: str
    left_out: list[str]
    left_out_note: str | None
