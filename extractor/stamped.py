"""Results kept in a file with the stamp of every input they were made from, used while none has changed.

A record (JSON) holds a key (what else the result depends on), the paths of its inputs (relative
to the project folder, or absolute), their stamps (as the file cache's: size, modification and
change times, inode, type; null for a path that did not exist) and the result. Reading one stats
its inputs and gives the result only when every stamp is what it was, and the key the same; it stops at the
first that changed, and a record lists first the inputs that had changed since the record it replaced (what
was just edited is the likeliest to be edited again), so a miss costs a few stats, not thousands.

A folder's stamp is a digest of the names in it (the project folder's without the cache folder's), so
that a file added or removed anywhere changes one, and creating the cache folder changes none. A
record is written only when no input file changed in the two seconds before the run that made the
result, or during it (`RACY_NS`), and with the stamps taken before the run read them
where there are (its folders; the files the scan stamped): its stamps are then of what the run read.
Only JSON is read back, and only a regular file (a FIFO is not waited on): a forged record can give a
wrong result at worst, which its reader checks the shape of.

This module is read by every `patterns` process before anything else of the tool (`extractor.start`):
it imports only os, stat, json and BLAKE2.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Generator, Iterable, Mapping

try:
    from _blake2 import blake2b  # hashlib's own, without loading OpenSSL (2 ms)
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b

FORMAT = 1
CACHE_DIR = ".cache/patterns"
"""The default cache folder, the only one records are kept in: a process finds it before reading mkdocs.yml."""
CACHE_TOP = CACHE_DIR.partition("/")[0]
"""The folder of the project folder that holds it: not an input, nor one of the project folder's names."""
RACY_NS = 2_000_000_000
"""An input modified this shortly before a run has no stamp taken (the file cache keeps nothing for it, no record
is kept of the run): a later change within the same tick of the file system's clock (up to 2 s on some), of
the same size, would leave its stat as it was (git's "racily clean" entries)."""
VOLATILE = frozenset({"_", "OLDPWD", "PWD", "SHLVL", "COLUMNS", "LINES"})
"""Environment variables a shell changes between commands and no run reads; a key holds the digest of the others
(never their values)."""
LIMIT = 256_000_000
"""A record larger than this is not read."""


def read(path: str, key: list[object], root: str) -> dict[str, object] | None:
    """The result kept at `path` when it was kept under `key` and every input under `root` is unchanged."""
    record = _load(path)
    if record is None or record.get("key") != key:
        return None
    inputs, stamps, result = record.get("inputs"), record.get("stamps"), record.get("result")
    if not isinstance(inputs, list) or not isinstance(stamps, list) or not isinstance(result, dict):
        return None
    return result if _valid(inputs, stamps) and unchanged(inputs, stamps, root) else None


def write(
    path: str,
    key: list[object],
    inputs: list[str],
    root: str,
    result: dict[str, object],
    since_ns: int,
    taken: Mapping[str, int],
) -> bool:
    """Keep `result` at `path` (inside the project folder `root`), made by a run that started at `since_ns`
    (time.time_ns()) over `inputs`, some of which it stamped before reading them (`taken`); False when another
    input changed too recently, or the record cannot be written."""
    rest = _settled_stamps([p for p in inputs if p not in taken], root, since_ns - RACY_NS)
    if rest is None:
        return False
    inputs = _changed_first(path, inputs, {p: taken[p] if p in taken else rest[p] for p in inputs})
    stamps = [taken[p] if p in taken else rest[p] for p in inputs]
    from pathlib import Path

    from extractor.model import PatternsError
    from extractor.write import write_file

    record = {"format": FORMAT, "key": key, "inputs": inputs, "stamps": stamps, "result": result}
    try:
        write_file(Path(path), json.dumps(record, ensure_ascii=False, separators=(",", ":")), Path(root))
    except (PatternsError, UnicodeEncodeError):
        return False
    return True


def record_path(config_file: str, name: str) -> str | None:
    """Where the record `name` of the project of `config_file` is: in the default cache folder beside it."""
    try:
        return os.path.join(os.path.dirname(os.path.realpath(config_file)), CACHE_DIR, name)
    except (OSError, ValueError):
        return None


def project_of(path: str) -> str:
    """The project folder of the record at `path` (`record_path`)."""
    return os.path.dirname(path).removesuffix(os.sep + CACHE_DIR)


def environment_digest() -> str:
    """A digest of the environment but its `VOLATILE` variables."""
    items = sorted((k, v) for k, v in os.environ.items() if k not in VOLATILE)
    return blake2b(json.dumps(items).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def unchanged(paths: list[str], stamps: list[object], root: str) -> bool:
    """Whether each path (relative to `root`, or absolute) still has its stamp: stat'ed in order, up to the first
    that changed (`write` puts first what changed before, as what was just edited is likely edited again)."""
    found = _each_stamp(paths, root)
    try:
        return len(paths) == len(stamps) and all(next(found, _GONE) == want for want in stamps)
    finally:
        found.close()


_GONE = object()
"""What `_each_stamp` gives no more of when `root` cannot be opened: no stamp is it."""


def _each_stamp(paths: Iterable[str], root: str) -> Generator[int | None, None, None]:
    """The stamp of each path; None for one that cannot be stat'ed; nothing when `root` cannot be opened."""
    folder = None
    try:
        if os.stat in os.supports_dir_fd:  # paths looked up from the folder: shorter walks for the kernel
            folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
        for path in paths:
            yield _stamp(path, folder, root)
    except OSError:
        return
    finally:
        if folder is not None:
            os.close(folder)


def _stamp(path: str, folder: int | None, root: str) -> int | None:
    """The stamp of `path`, relative to `root` (open as `folder`, when the system looks paths up from one)."""
    target = path if folder is not None else os.path.join(root, path)
    try:
        info = os.lstat(target, dir_fd=folder)
        if stat.S_ISLNK(info.st_mode):
            info = os.stat(target, dir_fd=folder)
        if stat.S_ISDIR(info.st_mode):
            return folder_stamp(os.listdir(os.path.join(root, path)), path == ".")
    except (OSError, ValueError):
        return None
    return of_stat(info)


def of_stat(info: os.stat_result) -> int:
    """The stamp of a file's stat (the file cache's too): its size, modification and change times, inode and type
    (a 64-bit hash: two stats of one file collide with a chance of 2**-64)."""
    return hash((info.st_mtime_ns, info.st_size, info.st_ino, info.st_mode, info.st_ctime_ns))


def folder_stamp(names: Iterable[str], top: bool) -> int:
    """The stamp of a folder holding `names` (for the project folder, `top`, leaving the cache folder out)."""
    listed = sorted(name for name in names if not (top and name == CACHE_TOP))
    digest = blake2b("\0".join(listed).encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _load(path: str) -> dict[str, object] | None:
    """The record at `path`: a regular file of JSON; None for anything else."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError):
        return None
    try:
        with os.fdopen(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > LIMIT:
                return None
            record = json.loads(file.read())
    except (OSError, ValueError, RecursionError):
        return None
    return record if type(record) is dict and record.get("format") == FORMAT else None


def _changed_first(path: str, inputs: list[str], stamps: Mapping[str, int | None]) -> list[str]:
    """`inputs`, those whose stamp is not the one the record at `path` (the one this replaces) has first."""
    record = _load(path) or {}
    paths, stamped = record.get("inputs"), record.get("stamps")
    if not isinstance(paths, list) or not _valid(paths, stamped):
        return inputs
    was = dict(zip(paths, stamped, strict=True))  # type: ignore[call-overload]
    return sorted(inputs, key=lambda p: p in was and was[p] == stamps[p])


def _valid(inputs: list[object], stamps: object) -> bool:
    return (
        type(stamps) is list
        and len(inputs) == len(stamps)
        and all(type(path) is str for path in inputs)
        and all(s is None or type(s) is int for s in stamps)
    )


def _settled_stamps(paths: list[str], root: str, since_ns: int) -> dict[str, int | None] | None:
    """The stamps of `paths`; None when one (or a symlink's target) was modified at or after `since_ns`, or cannot
    be looked at. A change after its stamp is taken changes the stamp; one before it is seen here."""
    stamps: dict[str, int | None] = {}
    for path in paths:
        full = os.path.join(root, path)
        try:
            info = os.lstat(full)
            if stat.S_ISLNK(info.st_mode):
                if info.st_mtime_ns >= since_ns:
                    return None
                info = os.stat(full)
            if info.st_mtime_ns >= since_ns:
                return None
            stamps[path] = folder_stamp(os.listdir(full), path == ".") if stat.S_ISDIR(info.st_mode) else of_stat(info)
        except FileNotFoundError:
            stamps[path] = None
        except (OSError, ValueError):
            return None
    return stamps
