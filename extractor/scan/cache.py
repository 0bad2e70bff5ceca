"""Per-file results kept between runs in one process, while a file's stat is unchanged.

`mkdocs serve` rebuilds after every edit, with a new plugin object each time, so the memo lives at
module level. A result is reused only when the file's size, modification time, inode and type are
what they were, and the key names everything else the result depends on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
Stamp = tuple[int, int, int, int]


def stamp_of(path: str | Path) -> Stamp | None:
    """What identifies a file's content without reading it; None when it cannot be stat'ed."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode)


class StampCache:
    """Results by key, each valid for one stamp of its file."""

    def __init__(self, limit: int = 200_000) -> None:
        self._entries: dict[Hashable, tuple[Stamp, object]] = {}
        self._limit = limit

    def get(self, key: Hashable, stamp: Stamp | None, make: Callable[[], T]) -> T:
        """The result for `key` if its file still has `stamp`, else `make()`, remembered."""
        if stamp is None:
            return make()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp:
            return entry[1]  # type: ignore[return-value]
        value = make()
        if len(self._entries) >= self._limit:
            self._entries.clear()
        self._entries[key] = (stamp, value)
        return value

    def clear(self) -> None:
        """Forget everything (a cold run)."""
        self._entries.clear()


FILES = StampCache()
"""The process's cache of per-file scan and rule results."""
