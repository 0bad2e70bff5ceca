"""Per-file results kept while a file's stat is unchanged: in the process, and on disk between runs.

`mkdocs serve` rebuilds after every edit, with a new plugin object each time, so the memo lives at
module level. A result is reused only when the file's size, modification and change times, inode
and type are what they were, and the key names everything else the result depends on. Inside
`FILES.persisted(folder)`, results of a known type are also read from and written to the cache
folder (`cachestore.py`), so that a new process starts warm.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from extractor import memo
from extractor.cachestore import NAME, Store
from extractor.model import Diagnostic

T = TypeVar("T")
Stamp = tuple[int, int, int, int, int]
ALWAYS: Stamp = (0, 0, 0, 0, 0)
"""The stamp of a result that depends on its key alone."""


def stamp_of(path: str | Path) -> Stamp | None:
    """What identifies a file's content without reading it; None when it cannot be stat'ed."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode, info.st_ctime_ns)


def content_digest(data: bytes) -> str:
    """A name for a file's bytes, for results that depend on the content alone."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class StampCache:
    """Results by key, each valid for one stamp of its file."""

    def __init__(self, limit: int = 200_000) -> None:
        self._entries: dict[Hashable, tuple[Stamp, object]] = {}
        self._limit = limit
        self._stores: dict[Path, Store] = {}
        self._store: Store | None = None

    def get(self, key: tuple[Hashable, ...], stamp: Stamp | None, make: Callable[[], T], kind: Any = None) -> T:
        """The result for `key` if its file still has `stamp`, else `make()`, remembered.

        `kind`, the result's type, lets the result be kept on disk too (a frozen dataclass, or
        lists, tuples and unions of them and of plain values).
        """
        if stamp is None:
            return make()
        store = self._store if kind is not None else None
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp:
            value = entry[1]
        else:
            found, value = store.take(key, stamp, kind) if store else (False, None)
            if not found:
                value = make()
            if len(self._entries) >= self._limit:
                self._entries.clear()
            self._entries[key] = (stamp, value)
        if store:
            store.use(key, stamp, value)
        return value  # type: ignore[return-value]

    @contextmanager
    def persisted(self, root: Path, folder: str | None, write: bool = True) -> Iterator[list[Diagnostic]]:
        """Within the block, read results from and write them to the cache in `root / folder` (None: memory only).

        Without `write`, what changed is written by `flush()` instead, not at the end of the block.
        Yields a list that, after the block, holds notes on a cache that could not be read or written.
        """
        diagnostics: list[Diagnostic] = []
        if folder is None:
            yield diagnostics
            return
        path = (root / folder).resolve()
        if path not in self._stores:
            self._stores[path] = Store(path, f"{folder.rstrip('/')}/{NAME}")
        store = self._stores[path]
        store.begin()
        self._store = store
        try:
            yield diagnostics
            store.end(write)
        finally:
            self._store = None
            diagnostics += store.diagnostics

    def flush(self) -> list[Diagnostic]:
        """Write every cache that runs without `write` changed; notes on those that could not be written."""
        diagnostics: list[Diagnostic] = []
        for store in self._stores.values():
            store.diagnostics = []
            store.flush()
            diagnostics += store.diagnostics
        return diagnostics

    def clear(self, disk: bool = False) -> None:
        """Forget everything in memory (a cold run), and with `disk` what this process knows of cache files."""
        self._entries.clear()
        memo.forget()
        if disk:
            self._stores.clear()


FILES = StampCache()
"""The process's cache of per-file scan and rule results."""
