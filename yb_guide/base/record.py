"""Frozen records: what ``@dataclass(frozen=True)`` gives, without generating code per class.

``dataclass`` compiles six methods for each class when its module is imported; the knowledge base
has about fifty classes, about 30 ms on every start, although at a normal start its objects come
whole from the cache and no ``__init__`` runs.  ``record`` makes a class that ``dataclasses.fields``,
``replace``, ``asdict`` and ``is_dataclass`` treat as a dataclass (the schema builds from them), with
methods shared by every record instead.  tests/base/test_record.py holds it to dataclass behaviour.
"""

from __future__ import annotations

import dataclasses

_MISSING = dataclasses.MISSING


def record(cls=None, *, frozen: bool = True):
    """The class as a record: fields from its annotations, defaults and ``field(...)`` as in a
    dataclass; frozen unless ``frozen=False`` (then, as a dataclass, unhashable).  Plain classes only
    (no inheritance between records, no ClassVar, no __post_init__)."""
    if cls is None:
        return lambda c: record(c, frozen=frozen)
    fields = {}
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, dataclasses.Field) else dataclasses.field(default=value)
        f.name, f.type = name, annotation
        f._field_type = dataclasses._FIELD  # what dataclasses.fields() looks for
        if isinstance(value, dataclasses.Field):
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        fields[name] = f
    cls.__dataclass_fields__ = fields
    cls.__match_args__ = tuple(fields)
    cls._record_init = tuple((f.name, f.default, f.default_factory) for f in fields.values() if f.init)
    cls._record_compare = tuple(f.name for f in fields.values() if f.compare)
    cls._record_repr = tuple(f.name for f in fields.values() if f.repr)
    for name in ("__init__", "__repr__", "__eq__") + (("__hash__", "__setattr__", "__delattr__") if frozen else ()):
        setattr(cls, name, globals()["_" + name.strip("_")])
    if not frozen:
        cls.__hash__ = None
    return cls


def _init(self, *args, **kwargs):
    spec = type(self)._record_init
    if len(args) > len(spec):
        raise TypeError(f"{type(self).__name__}() takes {len(spec)} positional arguments but {len(args)} were given")
    for i, (name, default, factory) in enumerate(spec):
        if i < len(args):
            if name in kwargs:
                raise TypeError(f"{type(self).__name__}() got multiple values for argument {name!r}")
            value = args[i]
        elif name in kwargs:
            value = kwargs.pop(name)
        elif default is not _MISSING:
            value = default
        elif factory is not _MISSING:
            value = factory()
        else:
            raise TypeError(f"{type(self).__name__}() missing required argument: {name!r}")
        object.__setattr__(self, name, value)  # frozen records refuse self.name = value
    if kwargs:
        raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {next(iter(kwargs))!r}")


def _values(self) -> tuple:
    return tuple(getattr(self, name) for name in type(self)._record_compare)


def _repr(self) -> str:
    inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self)._record_repr)
    return f"{type(self).__qualname__}({inner})"


def _eq(self, other):
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self) -> int:
    return hash(_values(self))


def _setattr(self, name, value):
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self, name):
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
