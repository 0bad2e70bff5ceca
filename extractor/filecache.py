"""Results worked out from the project's files, kept while those files are unchanged: in the process, and on
disk between runs, so that `mkdocs serve` rebuilds and every new `patterns` process start warm.

Each kind of result has its table. A file table (the scan's, the rules') holds one row per file:
the file's stamp (size, modification and change times, inode, type), the digest of its bytes when
they were read, and the result; an empty result (a file without markers, without violations) is
the row alone, so the thousands of files that hold nothing cost a comparison of stamps and
nothing else. A content table (the catalogue pages parsed, highlighted code, the rules' own tests)
holds results by the digest of what they were made from.

On disk a table is one file of the cache folder (`.cache/patterns/<kind>.json`): a header (the
format, the fingerprint of the code that wrote it, the table's context), the rows as one JSON
object, then one line per stored result, decoded only when a row that points at it is used. A
command reads the tables of the stages it runs and writes those that changed. Only JSON is read
back, never pickles: a forged cache can give wrong results at worst, never run code. Stamps name an
inode and a change time, so they only match on the machine that wrote them; digests match
anywhere, which is what lets a cache restored in CI serve a fresh checkout without parsing again.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from extractor import memo
from extractor.jsoncodec import decoder, encoder
from extractor.model import Diagnostic, PatternsError, info
from extractor.read import read_text
from extractor.stamped import RACY_NS, of_stat

FORMAT = 3

Stamp = int
"""What identifies a file's content without reading it (`stamped.of_stat`)."""
Row = Any
"""A stamp alone (an empty result, no digest kept), or `[stamp, digest, slot]`: slot -1 is an empty result,
else the index of the result's line."""
_NOT_DECODED = object()


def stamp(info: os.stat_result, since_ns: int) -> Stamp | None:
    """The stamp of a file's stat; None when it was modified in the `RACY_NS` before `since_ns`."""
    if info.st_mtime_ns >= since_ns - RACY_NS:
        return None
    return of_stat(info)


def stamp_of(path: str) -> Stamp | None:
    """The stamp of the file at `path` (of its target, for a symlink); None when it cannot be stat'ed."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            info = os.stat(path)
    except OSError:
        return None
    return stamp(info, CACHE.started_ns)


def content_digest(data: bytes) -> str:
    """A name for some bytes, for results that depend on them alone."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Table:
    """Results of one kind: by file path and stamp (a file table), or by digest (a content table, stamp 0)."""

    def __init__(self, kind: str, shape: Any, context: str) -> None:
        self.kind, self.context = kind, context
        self.decode, self.encode = decoder(shape), encoder(shape)
        self.rows: dict[str, Row] = {}
        self.lines: list[str | None] = []
        """The JSON of each stored result, by slot (None for a result made in this process)."""
        self.values: list[object] = []
        """Each result by slot, once decoded or made."""
        self.used: set[str] = set()
        """Keys this run looked up and found, or stored."""
        self.changed = False

    def get(self, key: str, stamp: Stamp = 0) -> tuple[bool, Any]:
        """(True, result) when the table holds `key` at `stamp` (None: an empty result); else (False, None)."""
        row = self.rows.get(key)
        if row == stamp and type(row) is int:
            self.used.add(key)
            return True, None
        if type(row) is not list or len(row) != 3 or row[0] != stamp:
            return False, None
        found, value = self._value(row[2])
        if found:
            self.used.add(key)
        return found, value

    def same_content(self, key: str, stamp: Stamp, digest: str) -> tuple[bool, Any]:
        """(True, result) when the file at `key` had these bytes when its row was made: the row takes `stamp`."""
        row = self.rows.get(key)
        if type(row) is not list or len(row) != 3 or row[1] != digest:
            return False, None
        found, value = self._value(row[2])
        if found:
            self._store(key, [stamp, digest, row[2]])
        return found, value

    def keep(self, key: str) -> None:
        """Keep the row of `key`, unused: a file changed too recently to be given a stamp (`stamp`) keeps its
        former row, which no longer matches it, rather than have the table written again for nothing."""
        if key in self.rows:
            self.used.add(key)

    def put(self, key: str, value: object, stamp: Stamp = 0, digest: str = "") -> None:
        """Keep `value` (None: an empty result) for `key`, valid while its file keeps `stamp`."""
        if value is None and not digest:
            self._store(key, stamp)
            return
        slot = -1
        if value is not None:
            slot = len(self.values)
            self.values.append(value)
            self.lines.append(None)
        self._store(key, [stamp, digest, slot])

    def _store(self, key: str, row: Row) -> None:
        if self.rows.get(key) != row:
            self.rows[key] = row
            self.changed = True
        self.used.add(key)

    def _value(self, slot: object) -> tuple[bool, Any]:
        """The result at `slot`; (False, None) when there is none there, or it cannot be decoded as one (rows
        read from disk are checked here, when used, rather than all when read)."""
        if type(slot) is not int or not -1 <= slot < len(self.values):
            return False, None
        if slot < 0:
            return True, None
        value = self.values[slot]
        if value is _NOT_DECODED:
            try:
                value = self.values[slot] = self.decode(json.loads(self.lines[slot] or "null"))
            except (ValueError, TypeError, KeyError, IndexError, RecursionError):
                return False, None
        return True, value

    # -- a run ---------------------------------------------------------------------------------------

    def begin(self) -> None:
        self.used, self.changed = set(), False

    def end(self) -> bool:
        """Forget the rows this run did not use (files gone, results replaced); True when the table changed."""
        if self.used != self.rows.keys():
            self.rows = {key: row for key, row in self.rows.items() if key in self.used}
            self.changed = True
        if len(self.values) > 2 * len(self.rows) + 64:  # results replaced in a long `mkdocs serve`
            self._compact()
        return self.changed

    def _compact(self) -> None:
        """Keep only the results that rows point at."""
        lines: list[str | None] = []
        values: list[object] = []
        for key, row in self.rows.items():
            if type(row) is list and row[2] >= 0:
                lines.append(self.lines[row[2]])
                values.append(self.values[row[2]])
                self.rows[key] = [row[0], row[1], len(values) - 1]
        self.lines, self.values = lines, values

    def text(self, fingerprint: str) -> str:
        """The table as its file holds it, its slots numbered afresh."""
        rows: dict[str, Row] = {}
        lines: list[str] = []
        for key, row in self.rows.items():
            if type(row) is list and row[2] >= 0:
                line = self.lines[row[2]]
                lines.append(
                    line if line is not None else json.dumps(self.encode(self.values[row[2]]), ensure_ascii=False)
                )
                row = [row[0], row[1], len(lines) - 1]
            rows[key] = row
        header = {"format": FORMAT, "fingerprint": fingerprint, "kind": self.kind, "context": self.context}
        body = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        return "\n".join([json.dumps(header), body, *lines]) + "\n"

    def load(self, text: str, fingerprint: str) -> None:
        """Take the rows of a table file; none when another version of the tool, or another context, wrote it."""
        header, _, rest = text.partition("\n")
        meta = json.loads(header)
        expected = {"format": FORMAT, "fingerprint": fingerprint, "kind": self.kind, "context": self.context}
        if meta != expected:
            return
        body, _, rest = rest.partition("\n")
        rows = json.loads(body)
        if not isinstance(rows, dict):
            raise ValueError("malformed rows")
        lines: list[str | None] = list(rest.split("\n")[:-1])
        self.rows, self.lines, self.values = rows, lines, [_NOT_DECODED] * len(lines)


class _Folder:
    """The tables of one cache folder (or, for a run without one, of one project in memory)."""

    def __init__(self, path: Path | None, shown: str) -> None:
        self.path, self.shown = path, shown
        self.tables: dict[str, Table] = {}
        self.file_stamps: dict[str, tuple[int, int] | None] = {}
        """Per table, the stamp of its file as this process last read or wrote it."""
        self.opened: set[str] = set()
        """Tables used by the current run."""
        self.unwritten: set[str] = set()
        self.diagnostics: list[Diagnostic] = []
        self.started_ns = 0

    def table(self, kind: str, shape: Any, context: str) -> Table:
        """The table of `kind`, read from its file when another process wrote it since this one looked."""
        table = self.tables.get(kind)
        if kind not in self.opened:
            if table is None or table.context != context or self._stale(kind):
                table = self.tables[kind] = self._read(kind, shape, context)
            table.begin()
            self.opened.add(kind)
        assert table is not None
        return table

    def _stale(self, kind: str) -> bool:
        return self.path is not None and _file_stamp(self._file(kind)) != self.file_stamps.get(kind)

    def _file(self, kind: str) -> Path:
        assert self.path is not None
        return self.path / f"{kind}.json"

    def _read(self, kind: str, shape: Any, context: str) -> Table:
        table = Table(kind, shape, context)
        if self.path is None:
            return table
        file = self._file(kind)
        self.file_stamps[kind] = _file_stamp(file)
        self.unwritten.discard(kind)
        if self.file_stamps[kind] is None:  # no such file (or no such folder)
            return table
        try:
            text = read_text(file)  # a FIFO in its place is not waited on
        except (OSError, UnicodeDecodeError) as exc:
            self._unreadable(kind, exc)
            return table
        try:
            table.load(text, fingerprint())
        except (ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
            self._unreadable(kind, exc)
            return Table(kind, shape, context)
        return table

    def _unreadable(self, kind: str, exc: Exception) -> None:
        message = f"cache not readable ({exc}); it is rebuilt from the sources"
        self.diagnostics.append(info("cache-unreadable", f"{self.shown}/{kind}.json", 0, message))

    def end(self, write: bool) -> None:
        """Drop what the run did not use; write the tables that changed (or, without `write`, remember them)."""
        for kind in sorted(self.opened):
            if self.tables[kind].end():
                self.unwritten.add(kind)
        self.opened = set()
        if write:
            self.flush()

    def flush(self) -> None:
        """Write every table that changed since it was read or written; a note, once, when they cannot be."""
        if self.path is None:
            self.unwritten = set()
            return
        if self.unwritten and self.path.exists() and not self.path.is_dir():
            problem = f"`cache_dir` ({self.shown}) is not a folder; point it at a folder, or set `cache: false`"
            self.diagnostics.append(info("cache-unwritable", self.shown, 0, f"cache not written: {problem}"))
            return
        for kind in sorted(self.unwritten):
            shown = f"{self.shown}/{kind}.json"
            try:
                _write_cache(self._file(kind), self.tables[kind].text(fingerprint()), shown)
            except PatternsError as exc:
                problem = exc.diagnostic.message.removesuffix("; nothing was written")
                hint = f"make {self.shown} writable, or set `cache: false` in the plugin block"
                self.diagnostics.append(info("cache-unwritable", shown, 0, f"cache not written: {problem}; {hint}"))
                return
            self.file_stamps[kind] = _file_stamp(self._file(kind))
            self.unwritten.discard(kind)


class Cache:
    """The process's tables, by cache folder; a run opens a folder with `persisted`."""

    def __init__(self) -> None:
        self._folders: dict[tuple[str, Path], _Folder] = {}
        self._current: _Folder | None = None

    def files(self, kind: str, shape: Any, context: str = "") -> Table:
        """The run's table of per-file results of `kind` (values of type `shape`), for this `context`
        (what else the results depend on: a size limit, the rules' text)."""
        return self._folder().table(kind, shape, context)

    def knows(self, kind: str) -> bool:
        """Whether the run's folder has a table of `kind`, in this process or on disk (False: a cold run)."""
        folder = self._folder()
        return kind in folder.tables or (folder.path is not None and (folder.path / f"{kind}.json").exists())

    def contents(self, kind: str, shape: Any) -> Table:
        """The run's table of results of `kind` by the digest of what they were made from."""
        return self._folder().table(kind, shape, "")

    def _folder(self) -> _Folder:
        if self._current is None:  # outside `persisted`: a table for this call alone
            return _Folder(None, "")
        return self._current

    @property
    def started_ns(self) -> int:
        """When the current run started (now, outside one): files changed since get no stamp."""
        return self._current.started_ns if self._current else time.time_ns()

    @contextmanager
    def persisted(self, root: Path, folder: str | None, write: bool = True) -> Iterator[list[Diagnostic]]:
        """Within the block, tables come from and go to the cache folder `root / folder` (None: memory only).

        Without `write`, what changed is written by `flush()` instead, not at the end of the block.
        Yields a list that, after the block, holds notes on a cache that could not be read or written.
        """
        diagnostics: list[Diagnostic] = []
        key = ("memory", root.resolve()) if folder is None else ("disk", (root / folder).resolve())
        if key not in self._folders:
            path = None if folder is None else key[1]
            self._folders[key] = _Folder(path, (folder or "").rstrip("/"))
        current = self._folders[key]
        current.diagnostics, current.started_ns, current.opened = [], time.time_ns(), set()
        self._current = current
        try:
            yield diagnostics
            current.end(write)
        finally:
            self._current = None
            diagnostics += current.diagnostics

    def flush(self) -> list[Diagnostic]:
        """Write every table that runs without `write` changed; notes on those that could not be written."""
        diagnostics: list[Diagnostic] = []
        for folder in self._folders.values():
            folder.diagnostics = []
            folder.flush()
            diagnostics += folder.diagnostics
        return diagnostics

    def clear(self) -> None:
        """Forget everything this process knows (a cold run): tables, what it knows of cache files, memos."""
        self._folders.clear()
        memo.forget()


CACHE = Cache()
"""The process's cache."""


def _file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_ino


def _write_cache(path: Path, text: str, shown: str) -> None:
    """Create the folder (ignored by git through its own .gitignore) and replace the file in one step."""
    from extractor.write import Target, write_files

    folder = path.parent
    files = [Target(path, text, shown)]
    if not folder.is_dir() and not folder.exists():
        files.append(Target(folder / ".gitignore", "# written by patterns: nothing here belongs in git\n*\n", shown))
    write_files(files, folder)


@cache
def fingerprint() -> str:
    """What a cached result depends on besides its inputs: this code (its text, so that a cache restored on
    another machine from the same commit matches), Python, ast-grep (by its installed version)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {installed('ast_grep_py')}".encode())
    for source in sorted(package.rglob("*.py")):
        digest.update(f"{source.relative_to(package).as_posix()}\n".encode() + source.read_bytes())
    return digest.hexdigest()[:16]


@cache
def installed(module: str) -> str:
    """The name of the installed metadata of the distribution that provides `module` (its version is in
    it), found without importing either; '?' when not found."""
    import importlib.util

    spec = importlib.util.find_spec(module)
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        return "?"
    site = Path(folders[0]).parent
    return next((p.name for p in sorted(site.glob(f"{module}-*.dist-info"), reverse=True)), "?")
