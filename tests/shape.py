"""Holding a payload to the TypedDict that declares it: every key it must have, no other, and each
value of the declared kind (nested TypedDicts, lists of them, ``X | None``, str, int, bool, dict)."""

from __future__ import annotations

import types
import typing


def problems(value, kind, where: str = "payload") -> list[str]:
    """What in ``value`` does not fit ``kind`` (empty: it fits)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None:
            return [] if type(None) in options else [f"{where}: None"]
        found = [problems(value, k, where) for k in options if k is not type(None)]
        return [] if any(not f for f in found) else min(found, key=len)
    if typing.is_typeddict(kind):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not {kind.__name__}"]
        out = [f"{where}: no key {k!r} ({kind.__name__})" for k in sorted(kind.__required_keys__ - set(value))]
        allowed = kind.__required_keys__ | kind.__optional_keys__
        out += [f"{where}: key {k!r} not declared in {kind.__name__}" for k in sorted(set(value) - allowed)]
        hints = typing.get_type_hints(kind)
        for k in sorted(set(value) & allowed):
            out += problems(value[k], hints[k], f"{where}.{k}")
        return out
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__}, not a list"]
        (item,) = typing.get_args(kind)
        return [p for i, v in enumerate(value) for p in problems(v, item, f"{where}[{i}]")]
    if kind is typing.Any:
        return []
    base = origin or kind
    if base is int and isinstance(value, bool):
        return [f"{where}: bool, not int"]
    return [] if isinstance(value, base) else [f"{where}: {type(value).__name__}, not {base.__name__}"]
