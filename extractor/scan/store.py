"""Per-file results kept on disk between runs, so a fresh `patterns check` or `mkdocs build` starts warm.

One JSON Lines file in the cache folder (`.cache/patterns/` by default): a header line naming the
format and the fingerprint of the code that wrote it, then one line per result, `[key, stamp,
value]`. Results by stat name an inode and change time, so they only match on the machine that
wrote them; results by content (a digest of the file's bytes) match anywhere, which is what lets
a cache restored in CI serve a fresh checkout. Only JSON is read back, never pickles: a forged
cache file can give wrong results at worst, never run code. A file from another version of the
tool is ignored; an unreadable one is noted and rewritten.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import sys
import time
import types
import typing
from collections.abc import Hashable
from functools import cache
from pathlib import Path
from typing import Any

from extractor.model import Diagnostic, PatternsError, info
from extractor.read import read_text
from extractor.write import Target, write_files

FORMAT = 1
NAME = "files.jsonl"
RACY_NS = 2_000_000_000
"""A file modified this recently before a run is not written to disk: a later change within the same
tick of the file system's clock (up to 2 s on some), of the same size, would leave its stamp as it
was (git's "racily clean" entries). Such a file is parsed again by the next run."""

Entry = tuple["Stamp", str, int]
"""A result's stamp, its whole line in the file, and where in the line its value's JSON starts."""
Key = tuple[Hashable, ...]
"""`(kind, subject, ...)`: the subject is the path of the file (or the id of the rule) the result is about."""
Stamp = tuple[int, ...]


class Store:
    """The on-disk table of one cache folder, as loaded, plus what this run used."""

    def __init__(self, folder: Path, shown: str) -> None:
        self.path = folder / NAME
        self.shown = shown
        """The file's path as diagnostics give it."""
        self.lines: dict[Key, Entry] = {}
        """Entries as read or last written."""
        self.used: dict[Key, Entry] = {}
        self.diagnostics: list[Diagnostic] = []
        self.started_ns = 0
        self.unwritten = False
        """`lines` holds entries not yet in the file (`end(write=False)`)."""
        self._file_stamp: tuple[int, int] | None = None

    def begin(self) -> None:
        """Start a run: (re)read the file unless it is what this process last read or wrote."""
        self.used = {}
        self.diagnostics = []
        self.started_ns = time.time_ns()
        stamp = _file_stamp(self.path)
        if stamp is not None and stamp == self._file_stamp:
            return
        self.lines, self._file_stamp, self.unwritten = {}, stamp, False
        if stamp is None:
            return
        try:
            self.lines = _read(read_text(self.path))
        except (OSError, UnicodeDecodeError, ValueError, TypeError, IndexError, RecursionError) as exc:
            self.diagnostics.append(
                info("cache-unreadable", self.shown, 0, f"cache not readable ({exc}); it is rebuilt from the sources")
            )

    def take(self, key: Key, stamp: Stamp, kind: Any) -> tuple[bool, object]:
        """(True, value) when the file holds `key` at `stamp`, else (False, None)."""
        entry = self.lines.get(key)
        if entry is None or entry[0] != stamp:
            return False, None
        try:
            value = decode(kind, json.loads(entry[1][entry[2] : -1]))
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            return False, None
        self.used[key] = entry
        return True, value

    def use(self, key: Key, stamp: Stamp, value: object) -> None:
        """Record that this run used `value` for `key`: it will be in the file."""
        entry = self.lines.get(key)
        if entry is not None and entry[0] == stamp:
            self.used[key] = entry
        elif not _racy(stamp, self.started_ns):
            head = f"[{json.dumps(list(key))},{json.dumps(list(stamp))},"
            text = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))
            self.used[key] = (stamp, f"{head}{text}]", len(head))

    def end(self, write: bool = True) -> None:
        """Write the entries this run used, and those it had no reason to use, if that changes the file.

        Without `write`, they are only kept in memory, as the next run's starting point, until `flush`.

        Keys are `(kind, subject, ...)`, the subject being a file's path or a rule's id. An entry
        this run did not use is kept when its kind did not run at all (the rules' self-tests, which
        only `patterns check` runs), or when its subject was seen but not its kind for it (a file's
        by-content result, unused because its by-stat result was found). It is dropped when a newer
        entry of its kind and subject replaced it, or when its subject is gone (a deleted file).
        """
        kinds = {key[0] for key in self.used}
        subjects = {key[1] for key in self.used}
        pairs = {key[:2] for key in self.used}
        kept = {
            key: entry
            for key, entry in self.lines.items()
            if key[0] not in kinds or (key[1] in subjects and key[:2] not in pairs)
        }
        entries = kept | self.used
        if entries.keys() == self.lines.keys() and all(self.lines[k] == v for k, v in entries.items()):
            return
        if write:
            self._write(entries)
        else:
            self.lines, self.unwritten = entries, True

    def flush(self) -> None:
        """Write what `end(write=False)` kept in memory."""
        if self.unwritten:
            self._write(self.lines)

    def _write(self, entries: dict[Key, Entry]) -> None:
        header = json.dumps({"format": FORMAT, "fingerprint": fingerprint()})
        body = "".join(f"{line}\n" for _, line, _ in entries.values())
        folder = self.shown.rpartition("/")[0]
        if self.path.parent.exists() and not self.path.parent.is_dir():
            problem = f"`cache_dir` ({folder}) is not a folder; point it at a folder, or set `cache: false`"
            self.diagnostics.append(info("cache-unwritable", self.shown, 0, f"cache not written: {problem}"))
            return
        try:
            _write_cache(self.path, header + "\n" + body, self.shown)
        except PatternsError as exc:
            problem = exc.diagnostic.message.removesuffix("; nothing was written")
            hint = f"make {folder} writable, or set `cache: false` in the plugin block"
            self.diagnostics.append(info("cache-unwritable", self.shown, 0, f"cache not written: {problem}; {hint}"))
            return
        self.lines, self._file_stamp, self.unwritten = entries, _file_stamp(self.path), False


def _read(text: str) -> dict[Key, Entry]:
    """The entries of a cache file, or {} when another format or version wrote it."""
    header, _, body = text.partition("\n")
    meta = json.loads(header)
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("fingerprint") != fingerprint():
        return {}
    lines: dict[Key, Entry] = {}
    decoder = json.JSONDecoder()
    for line in body.splitlines():
        key, end = decoder.raw_decode(line, 1)
        comma = line[end]
        stamp, end = decoder.raw_decode(line, end + 1)
        if not (isinstance(key, list) and isinstance(stamp, list) and comma == line[end] == "," and line.endswith("]")):
            raise ValueError(f"malformed entry: {line[:60]!r}")
        lines[tuple(key)] = (tuple(stamp), line, end + 1)
    return lines


def _racy(stamp: Stamp, started_ns: int) -> bool:
    return stamp[0] >= started_ns - RACY_NS


def _file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_ino


def _write_cache(path: Path, text: str, shown: str) -> None:
    """Create the folder (ignored by git through its own .gitignore) and replace the file in one step."""
    folder = path.parent
    files = [Target(path, text, shown)]
    if not folder.is_dir() and not folder.exists():
        files.append(Target(folder / ".gitignore", "# written by patterns: nothing here belongs in git\n*\n", shown))
    write_files(files, folder)


@cache
def fingerprint() -> str:
    """What a cached result depends on besides its file: this code (its text, so that a cache restored
    on another machine from the same commit matches), Python, ast-grep."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ast_grep = version("ast-grep-py")
    except PackageNotFoundError:
        ast_grep = "?"
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {ast_grep}".encode())
    for source in sorted(package.rglob("*.py")):
        digest.update(f"{source.relative_to(package).as_posix()}\n".encode() + source.read_bytes())
    return digest.hexdigest()[:16]


# JSON codec of frozen dataclasses ---------------------------------------------------------------------


def encode(value: object) -> object:
    """Dataclasses as lists of their fields, tuples as lists, enums as their values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(kind: Any, data: object) -> Any:
    """The value of type `kind` that `encode` turned into `data`; TypeError when the shapes differ."""
    return _decoder(kind)(data)


Decoder = typing.Callable[[Any], Any]


@cache
def _decoder(kind: Any) -> Decoder:
    """A function that rebuilds values of type `kind`, made once per type."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        others = [a for a in args if a is not type(None)]
        if len(others) != 1:
            raise TypeError(f"cannot cache a {kind}")
        inner = _decoder(others[0])
        return lambda data: None if data is None else inner(data)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        parts = [_decoder(a) for a in args]
        return lambda data: tuple(part(item) for part, item in zip(parts, _list(data, len(parts)), strict=True))
    if origin in (list, tuple):
        item_decoder = _decoder(args[0])
        if origin is list:
            return lambda data: [item_decoder(item) for item in _list(data)]
        return lambda data: tuple([item_decoder(item) for item in _list(data)])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [_decoder(hints[f.name]) for f in dataclasses.fields(kind)]
        return lambda data: kind(*[field(item) for field, item in zip(fields, _list(data, len(fields)), strict=True)])
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    if kind in (str, int, float, bool):
        return lambda data: data if type(data) is kind else _wrong(kind, data)
    raise TypeError(f"cannot cache a {kind}")


def _list(data: object, length: int | None = None) -> list[Any]:
    if type(data) is not list or (length is not None and len(data) != length):
        raise TypeError(f"expected a list of {length or 'any number of'} items, found {data!r:.40}")
    return data


def _wrong(kind: type, data: object) -> typing.NoReturn:
    raise TypeError(f"expected {kind.__name__}, found {type(data).__name__}")
