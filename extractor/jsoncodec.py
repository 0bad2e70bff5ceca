"""Frozen dataclasses as JSON and back, for the file cache: what it stores is data, never code.

A dataclass is written as the list of its fields, a tuple, list or frozenset as a list, an enum as
its value. Reading builds values of a given type, field by field, and raises TypeError (or
ValueError, KeyError, IndexError) when the data does not have its shape, so a forged or damaged
cache gives no value rather than a wrong one of another shape.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

Decoder = Callable[[Any], Any]


def encode(value: object) -> object:
    """Dataclasses as lists of their fields, tuples, lists and frozensets as lists, enums as their values."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        return [encode(item) for item in value]  # type: ignore[attr-defined]
    names = _FIELDS.get(kind)
    if names is None:
        names = _fields(kind, value)
    if names:
        return [encode(getattr(value, name)) for name in names]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset):
        return sorted(encode(item) for item in value)  # type: ignore[type-var]
    if isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot cache a {kind.__name__}")


_PLAIN = {str, int, float, bool, type(None)}
_FIELDS: dict[type, tuple[str, ...]] = {}
"""Field names by dataclass; () for any other type met."""


def _fields(kind: type, value: object) -> tuple[str, ...]:
    names = tuple(f.name for f in dataclasses.fields(value)) if dataclasses.is_dataclass(value) else ()
    _FIELDS[kind] = names
    return names


@cache
def encoder(kind: Any) -> Callable[[Any], object]:
    """A function that encodes values of type `kind` as `encode` does, made once per type (faster than `encode`,
    which looks at each value's type)."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if kind in (str, int, float, bool) or kind is type(None):
        return _same
    if origin in (types.UnionType, typing.Union):
        others = [a for a in args if a is not type(None)]
        inner = encoder(others[0]) if len(others) == 1 else encode
        return lambda value: None if value is None else inner(value)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        parts = [encoder(a) for a in args]
        return lambda value: [part(item) for part, item in zip(parts, value, strict=True)]
    if origin in (list, tuple):
        item = encoder(args[0])
        return (lambda value: list(value)) if item is _same else (lambda value: [item(one) for one in value])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [(f.name, encoder(hints[f.name])) for f in dataclasses.fields(kind)]
        return lambda value: [field(getattr(value, name)) for name, field in fields]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return lambda value: value.value
    return encode


def _same(value: object) -> object:
    return value


def decode(kind: Any, data: object) -> Any:
    """The value of type `kind` that `encode` turned into `data`; TypeError when the shapes differ."""
    return decoder(kind)(data)


@cache
def decoder(kind: Any) -> Decoder:
    """A function that rebuilds values of type `kind`, made once per type."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        others = [a for a in args if a is not type(None)]
        if len(others) != 1:
            raise TypeError(f"cannot cache a {kind}")
        inner = decoder(others[0])
        return lambda data: None if data is None else inner(data)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        parts = [decoder(a) for a in args]
        return lambda data: tuple([part(item) for part, item in zip(parts, _list(data, len(parts)), strict=True)])
    if origin in (list, tuple, frozenset):
        item = decoder(args[0])
        build = {list: list, tuple: tuple, frozenset: frozenset}[origin]
        return lambda data: build([item(one) for one in _list(data)])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    if kind in (str, int, float, bool):
        return lambda data: data if type(data) is kind else _wrong(kind, data)
    raise TypeError(f"cannot cache a {kind}")


def _dataclass_decoder(kind: type) -> Decoder:
    """Instances made without calling `__init__` (a frozen one sets each field through `object.__setattr__`,
    several times slower): every field is given, so nothing `__init__` would add is missing."""
    hints = typing.get_type_hints(kind)
    names = [f.name for f in dataclasses.fields(kind)]
    fields = [decoder(hints[name]) for name in names]
    count = len(names)
    new = object.__new__

    def build(data: object) -> object:
        values = _list(data, count)
        made: Any = new(kind)
        made.__dict__.update(zip(names, [field(item) for field, item in zip(fields, values, strict=True)], strict=True))
        return made

    return build


def _list(data: object, length: int | None = None) -> list[Any]:
    if type(data) is not list or (length is not None and len(data) != length):
        raise TypeError(f"expected a list of {length or 'any number of'} items, found {data!r:.40}")
    return data


def _wrong(kind: type, data: object) -> typing.NoReturn:
    raise TypeError(f"expected {kind.__name__}, found {type(data).__name__}")
