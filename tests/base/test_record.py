"""record behaves as @dataclass(frozen=True) for everything the knowledge base relies on."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from yb_guide.base.record import record


@record
class Channel:
    id: str
    name: str
    phones: tuple = ()
    note: str | None = None
    index: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass(frozen=True)
class Twin:
    id: str
    name: str
    phones: tuple = ()
    note: str | None = None
    index: dict = field(default_factory=dict, repr=False, compare=False)


def test_fields_replace_asdict_and_is_dataclass_match_a_dataclass():
    assert dataclasses.is_dataclass(Channel)
    assert [(f.name, f.type, f.default, f.repr, f.compare) for f in dataclasses.fields(Channel)] == \
           [(f.name, f.type, f.default, f.repr, f.compare) for f in dataclasses.fields(Twin)]
    c = Channel("hotline", "热线", ("12393",))
    assert dataclasses.replace(c, name="电话").name == "电话" and c.name == "热线"
    assert dataclasses.asdict(c) == dataclasses.asdict(Twin("hotline", "热线", ("12393",)))


def test_init_defaults_factories_and_errors():
    a, b = Channel("a", "甲"), Channel(id="a", name="甲")
    assert a.phones == () and a.note is None and a.index == {} and a.index is not b.index
    for bad in (lambda: Channel("a"), lambda: Channel("a", "甲", (), None, {}, 1),
                lambda: Channel("a", "甲", colour="red"), lambda: Channel("a", "甲", id="b")):
        with pytest.raises(TypeError):
            bad()


def test_equality_hash_repr_and_frozen():
    a, b = Channel("a", "甲", index={"x": 1}), Channel("a", "甲")
    assert a == b and hash(a) == hash(b) and a != Channel("a", "乙") and a != Twin("a", "甲")
    assert repr(a) == "Channel(id='a', name='甲', phones=(), note=None)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "乙"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.name


def test_a_record_survives_the_cache_pickle():
    a = Channel("a", "甲", ("12393",), "注")
    back = pickle.loads(pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == a and back.note == "注"


@record(frozen=False)
class Case:
    channel: str | None = None
    asks: list = field(default_factory=list)


def test_a_mutable_record_changes_and_is_unhashable_like_a_dataclass():
    c = Case()
    c.channel = "hall-visit"
    c.asks.append("重新报销")
    assert c == Case("hall-visit", ["重新报销"]) and Case().asks == []
    with pytest.raises(TypeError):
        hash(c)
