"""The events a deadline runs from, declared once in data/deadlines.yaml (``events``).

``check`` (run by the loader) holds the data to itself: ids unique, ``after`` naming events,
``starts`` naming exactly the tracks whose rules run from the event, and the code's spellings
(``deadline_rules.EVENTS``, ``EVENT_ORDER``, ``labels.EVENT_LABELS``, kept as constants so that
start-up reads no YAML) equal to it.  The command line's options, the case's fields, the web form
and the batch columns are checked against it by tests/knowledge/test_events.py.
"""

from __future__ import annotations

from yb_guide.base.errors import DataError
from yb_guide.base.schema import where_of
from yb_guide.base.yamlio import Where


def _fail(obj, key: str, problem: str) -> DataError:
    w = where_of(obj) or Where("?")
    line = getattr(obj, "_key_lines", {}).get(key, w.line)
    return DataError(w.file, f"{w.path}.{key}" if key else w.path, line, problem)


def order(events) -> tuple[tuple[str, str], ...]:
    """(before, after) pairs: an event cannot come before the ones its ``after`` names."""
    return tuple((before, e.id) for e in events for before in e.after)


def check(k) -> None:
    from yb_guide.knowledge.deadline_rules import EVENT_ORDER, EVENTS
    from yb_guide.knowledge.labels import EVENT_LABELS

    events = k.deadlines.events
    if not events:
        raise DataError(str(k.data_dir / "deadlines.yaml"), "events", None, "缺少 events（期限从哪些事件起算）")
    ids = [e.id for e in events]
    tracks = {t.id for t in k.deadlines.tracks}
    for e in events:
        if ids.count(e.id) > 1:
            raise _fail(e, "id", f"事件编号「{e.id}」重复")
        for other in e.after:
            if other not in ids:
                raise _fail(e, "after", f"引用了不存在的事件「{other}」（可用：{'、'.join(ids)}）")
        for t in e.starts:
            if t not in tracks:
                raise _fail(e, "starts", f"引用了不存在的期限轨道「{t}」（可用：{'、'.join(sorted(tracks))}）")
        running = {r.track for r in k.deadlines.rules if r.after == e.id}
        if set(e.starts) != running:
            raise _fail(e, "starts", f"从「{e.id}」起算的期限属于轨道 {'、'.join(sorted(running)) or '（没有）'}，"
                                     f"这里写的是 {'、'.join(e.starts) or '（没有）'}")
    code = (tuple(ids), set(order(events)), {e.id: e.label for e in events})
    if code != (EVENTS, set(EVENT_ORDER), EVENT_LABELS):
        raise _fail(events[0], "", "events 和程序里的 EVENTS、EVENT_ORDER、EVENT_LABELS 不一致：新的事件要同时加到 "
                                   "knowledge/deadline_rules.py 和 knowledge/labels.py（tests/knowledge/test_events.py 会指出差别）")
