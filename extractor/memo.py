"""Pure functions of a run's data, remembered for the rest of the process (`mkdocs serve` rebuilds).

`mkdocs serve` runs the whole pipeline again after every edit, mostly of code, not of the
catalogue: a page parsed, an example rendered or a text checked for credentials is not worked out
again while its inputs are unchanged. `forget()` empties every memo (a cold run, in tests and in
the benchmark).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

_MEMOS: list[Callable[[], None]] = []


def memoised(maxsize: int) -> Callable[[F], F]:
    """`functools.lru_cache` for pure functions of the run's data, emptied by `forget()`."""

    def wrap(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)
        _MEMOS.append(cached.cache_clear)
        return cast(F, cached)

    return wrap


class Memo:
    """Results by a key the caller makes (when the function's own arguments are not the key), at most
    `maxsize` of them (the oldest go first), emptied by `forget()`."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self.results: dict[Hashable, Any] = {}
        _MEMOS.append(self.results.clear)

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The result for `key`, made by `make()` when there is none."""
        if key in self.results:
            return self.results[key]
        if len(self.results) >= self.maxsize:
            del self.results[next(iter(self.results))]
        result = self.results[key] = make()
        return result


def forget() -> None:
    """Empty every memo."""
    for clear in _MEMOS:
        clear()
