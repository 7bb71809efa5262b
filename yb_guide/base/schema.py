"""Build typed dataclasses from loaded YAML, checking every key and type.

The dataclass *is* the schema: its fields name the allowed keys, its type hints
the allowed values, its defaults which keys are optional.  Errors name the file,
the key path (``channels[2].contact.phone``) and the line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing

from yb_guide.base.errors import DataError
from yb_guide.base.yamlio import LineDict, LineList, Where

_TYPE_NAMES = {
    str: "文本",
    int: "整数",
    float: "数字",
    bool: "是/否（true/false）",
    dt.date: "日期（YYYY-MM-DD）",
    list: "列表",
    tuple: "列表",
    dict: "键值表",
}


def _describe(value) -> str:
    if value is None:
        return "空值"
    for t, name in ((bool, "是/否"), (int, "整数"), (float, "数字"), (str, "文本"),
                    (dt.date, "日期"), (list, "列表"), (dict, "键值表")):
        if isinstance(value, t):
            shown = repr(value) if not isinstance(value, (list, dict)) else ""
            return f"{name} {shown}".strip()
    return type(value).__name__


_hints_cache: dict[type, dict] = {}

# YAML's folded scalars (>-) join lines with a space; between two Chinese
# characters or punctuation marks that space is an artefact, not content.
_CJK = "\u2014\u2026\u201c\u201d\u3000-\u303f\u3400-\u9fff\uff00-\uffef"  # with —— … “ ”, which Chinese text uses
_FOLD_SPACE = re.compile(f"(?<=[{_CJK}])[ \\n]+(?=[{_CJK}])")


def _hints(cls) -> dict:
    if cls not in _hints_cache:
        _hints_cache[cls] = typing.get_type_hints(cls)
    return _hints_cache[cls]


def build(tp, value, where: Where):
    """Convert ``value`` to type ``tp`` or raise a ``DataError`` at ``where``."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)

    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        if value is None and len(non_none) < len(args):
            return None
        if len(non_none) == 1:
            return build(non_none[0], value, where)
        errors = []
        for alt in non_none:
            try:
                return build(alt, value, where)
            except DataError as err:
                errors.append(err.problem)
        raise where.error("；或".join(errors))
    if origin is typing.Literal:
        if value not in args:
            allowed = "、".join(str(a) for a in args)
            raise where.error(f"「{value}」不是可用的值（可用：{allowed}）")
        return value
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise where.error(f"应为列表，实际是{_describe(value)}")
        item_type = args[0] if args else typing.Any
        items = [build(item_type, v, where.item(value, i)) for i, v in enumerate(value)]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        if not isinstance(value, dict):
            raise where.error(f"应为键值表，实际是{_describe(value)}")
        key_type, value_type = args or (str, typing.Any)
        return {build(key_type, k, where.key(value, k)): build(value_type, v, where.key(value, k))
                for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        return _build_dataclass(tp, value, where)
    if tp is typing.Any:
        return value
    if tp is dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise where.error(f"应为日期（YYYY-MM-DD），实际是{_describe(value)}")
    if tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise where.error(f"应为数字，实际是{_describe(value)}")
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise where.error(f"应为整数，实际是{_describe(value)}")
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise where.error(f"应为 true 或 false，实际是{_describe(value)}")
    if tp is str:
        if isinstance(value, str):
            if not value.strip():
                raise where.error("不能为空文本")
            return _FOLD_SPACE.sub("", value.strip())
        # A bare 12393 or 100000 in YAML is a number; phone numbers and postcodes must be text.
        raise where.error(f"应为文本，实际是{_describe(value)}（电话、邮编等请加引号）")
    raise TypeError(f"schema: unsupported type {tp!r}")  # a programming error, not user input


def _build_dataclass(cls, value, where: Where):
    if not isinstance(value, dict):
        raise where.error(f"应为键值表，实际是{_describe(value)}")
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = [k for k in value if k not in fields]
    if unknown:
        allowed = "、".join(fields)
        raise where.key(value, unknown[0]).error(f"未知的键「{unknown[0]}」（可用的键：{allowed}）")
    kwargs = {}
    for name, f in fields.items():
        if name in value:
            kwargs[name] = build(hints[name], value[name], where.key(value, name))
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise where.error(f"缺少必填的键「{name}」")
    obj = cls(**kwargs)
    # Remember where the object was defined, for cross-reference errors later.
    object.__setattr__(obj, "_where", where)
    object.__setattr__(obj, "_key_lines", dict(getattr(value, "lines", {})))
    return obj


def where_of(obj) -> Where | None:
    return getattr(obj, "_where", None)
