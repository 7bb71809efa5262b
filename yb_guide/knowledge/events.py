"""The events a deadline runs from, declared once in data/deadlines.yaml (``events``).

The code has no list of them: ``Events`` (``Knowledge.events``, ``Plan.events``) is what every
part reads: the ids in order, the labels, the order constraints, which tracks a date brings in.
The command line's date options, the web form's fields, the batch's and the case's date columns
are made from it.  ``check`` (run by the loader) holds the data to itself: ids unique, ``after``
naming events, ``starts`` naming exactly the tracks whose rules run from the event, ``brings``
naming tracks.
"""

from __future__ import annotations

import re

from yb_guide.base.errors import DataError
from yb_guide.base.record import record


@record
class Events:
    """The declared events as the code asks for them (made once by ``of``, kept in the cache)."""

    declared: tuple  # of knowledge.deadline_rules.Event, in the data's order
    ids: tuple[str, ...]
    labels: dict  # id -> label (收到处理结果（书面答复）)
    order: tuple[tuple[str, str], ...]  # (before, after): ``after`` cannot come before ``before``
    bringing: dict  # id -> the tracks counted whenever it is given (``brings``)

    def __contains__(self, event_id: str) -> bool:
        return event_id in self.labels

    def __iter__(self):
        return iter(self.declared)

    def label(self, event_id: str) -> str:
        return self.labels[event_id]

    def date_label(self, event_id: str) -> str:
        """收到处理结果（书面答复）的日期: how a form and a message name the date of an event."""
        return f"{self.labels[event_id]}的日期"

    def help(self, event_id: str) -> str:
        e = next(e for e in self.declared if e.id == event_id)
        return e.help or f"{e.label}的日期。"

    def brought(self, given) -> set[str]:
        """The tracks the given events bring in, whatever the channel."""
        return {t for e in given for t in self.bringing.get(e, ())}

    def optional(self, event_id: str) -> bool:
        """Its date may stay unknown (the date on a decision): it never holds a later period back."""
        return any(e.optional for e in self.declared if e.id == event_id)

    @property
    def for_cases(self) -> tuple[str, ...]:
        """The events a case in the journal keeps (``case: true``)."""
        return tuple(e.id for e in self.declared if e.case)


def of(declared) -> Events:
    declared = tuple(declared)
    return Events(declared=declared, ids=tuple(e.id for e in declared), labels={e.id: e.label for e in declared},
                  order=order(declared), bringing={e.id: tuple(e.brings) for e in declared if e.brings})


def _fail(obj, key: str, problem: str) -> DataError:
    from yb_guide.base.schema import where_of  # checking only: a start from the cache never imports it
    from yb_guide.base.yamlio import Where

    w = where_of(obj) or Where("?")
    line = getattr(obj, "_key_lines", {}).get(key, w.line)
    return DataError(w.file, f"{w.path}.{key}" if key else w.path, line, problem)


def order(events) -> tuple[tuple[str, str], ...]:
    """(before, after) pairs: an event cannot come before the ones its ``after`` names."""
    return tuple((before, e.id) for e in events for before in e.after)


def check(k) -> None:
    events = k.deadlines.events
    if not events:
        raise DataError(str(k.data_dir / "deadlines.yaml"), "events", None, "缺少 events（期限从哪些事件起算）")
    ids = [e.id for e in events]
    tracks = {t.id for t in k.deadlines.tracks}
    for e in events:
        if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", e.id):
            raise _fail(e, "id", f"事件编号「{e.id}」只能用小写英文字母、数字和“-”（它也是命令行选项 --{e.id} 的名字）")
        if ids.count(e.id) > 1:
            raise _fail(e, "id", f"事件编号「{e.id}」重复")
        for other in e.after:
            if other not in ids:
                raise _fail(e, "after", f"引用了不存在的事件「{other}」（可用：{'、'.join(ids)}）")
        for t in (*e.starts, *e.brings):
            if t not in tracks:
                raise _fail(e, "starts" if t in e.starts else "brings", f"引用了不存在的期限轨道「{t}」（可用：{'、'.join(sorted(tracks))}）")
        running = {r.track for r in k.deadlines.rules if r.after == e.id}
        if set(e.starts) != running:
            raise _fail(e, "starts", f"从「{e.id}」起算的期限属于轨道 {'、'.join(sorted(running)) or '（没有）'}，"
                                     f"这里写的是 {'、'.join(e.starts) or '（没有）'}")
