"""Files -> markers -> examples: the scanning stage."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from extractor.filecache import CACHE, Stamp, Table, content_digest, stamp, stamp_of
from extractor.git import Started
from extractor.model import Diagnostic, Marker
from extractor.scan.files import MAX_FILE_SIZE, list_files, read_source
from extractor.scan.found import FileScan, Found, Scan
from extractor.scan.languages import language_of
from extractor.workers import WORKERS

Progress = Callable[[int, int, int], None]
"""Told files done, files in all, examples found."""
CHUNK = 8
"""Files with markers parsed together, by this process or a worker."""

__all__ = ["FileScan", "Found", "Progress", "Scan", "scan", "scan_data", "scan_file"]


def scan(
    root: Path,
    sources: tuple[str, ...],
    exclude: tuple[str, ...],
    config_file: str = "mkdocs.yml",
    max_size: int = MAX_FILE_SIZE,
    progress: Progress | None = None,
    cache_dir: str | None = None,
    listing: Started | None = None,
) -> tuple[Scan, list[Diagnostic]]:
    """List the files under `sources` (but those of the cache folder), read those holding markers, and cut out
    their examples.

    A file whose stamp is what the cache's `scan` table has for it is not read again; of the other
    files, those without the marker bytes (or a near miss of them) are read but not decoded.
    `progress`, if given, is told after each file read how many files are done, of how many, and
    how many examples were found so far. `listing` is the git listing, started earlier (`files.start_listing`).
    """
    paths, diagnostics = list_files(root, sources, exclude, config_file, cache_dir, listing)
    table = CACHE.files("scan", FileScan, str(max_size))
    results: dict[str, FileScan | None] = {}
    stamps, unknown = _known(root, paths, table, results)
    WORKERS.start(len(unknown))
    told = (lambda done: progress(len(paths) - len(unknown) + done, len(paths), 0)) if progress else None
    marked = _read_new(table, root, unknown, stamps, max_size, results, told)
    _parse_new(table, root, marked, stamps, max_size, results)
    if progress:
        progress(len(paths), len(paths), sum(len(r.found) for r in results.values() if r))
    return _collected(paths, results, stamps, diagnostics), diagnostics


def _known(
    root: Path, paths: list[str], table: Table, results: dict[str, FileScan | None]
) -> tuple[dict[str, Stamp | None], dict[str, os.stat_result | None]]:
    """Each listed file's stamp; the result of each file the cache knows goes to `results`, the others are
    returned with their stat (None: a symlink or a file that cannot be stat'ed, to read the careful way)."""
    base = os.path.join(root, "")
    since = CACHE.started_ns
    stamps: dict[str, Stamp | None] = {}
    unknown: dict[str, os.stat_result | None] = {}
    for path in paths:
        try:
            info = os.lstat(base + path)
        except OSError:
            stamps[path] = unknown[path] = None
            continue
        link = stat.S_ISLNK(info.st_mode)
        stamps[path] = code = stamp_of(base + path) if link else stamp(info, since)
        found, result = table.get(path, code) if code is not None else (False, None)
        if found:
            results[path] = result
        else:
            unknown[path] = None if link else info
    return stamps, unknown


def _collected(
    paths: list[str],
    results: dict[str, FileScan | None],
    stamps: dict[str, Stamp | None],
    diagnostics: list[Diagnostic],
) -> Scan:
    """The files' results as one `Scan`, in path order; their problems added to `diagnostics`."""
    found: dict[str, list[Found]] = {}
    languages: dict[str, str] = {}
    allows: dict[str, list[Marker]] = {}
    for path in paths:
        result = results[path]
        if result is None:
            continue
        diagnostics.extend(result.diagnostics)
        if result.found:
            found[path] = result.found
            languages[path] = result.language
        if result.allows:
            allows[path] = result.allows
    return Scan(found, languages, tuple(paths), allows, stamps)


def _read_new(
    table: Table,
    root: Path,
    paths: dict[str, os.stat_result | None],
    stamps: dict[str, Stamp | None],
    max_size: int,
    results: dict[str, FileScan | None],
    progress: Callable[[int], None] | None = None,
) -> dict[str, bytes]:
    """Read the files the cache does not know: the result of each without markers (None: nothing) goes to
    `results` and the cache; those with markers are returned to be parsed, but those the cache knows by
    their bytes (a branch switched and back, a fresh clone with a cache restored)."""
    marked: dict[str, bytes] = {}
    for done, path in enumerate(paths, 1):
        if progress:
            progress(done)
        stamp, info = stamps[path], paths[path]
        if info is None:
            data, problem = read_source(root, path, max_size)  # the careful way, which says why a file is not read
        else:
            data, problem = _read(root, path, info, max_size)
        if data is not None and may_mark(data):
            known, results[path] = (
                table.same_content(path, stamp, content_digest(data)) if stamp is not None else (False, None)
            )
            if not known:
                marked[path] = data
            continue
        results[path] = FileScan([], language_of(path).name, [], [problem]) if problem else None
        _keep(table, path, stamp, results[path])
    return marked


def _parse_new(
    table: Table,
    root: Path,
    marked: dict[str, bytes],
    stamps: dict[str, Stamp | None],
    max_size: int,
    results: dict[str, FileScan | None],
) -> None:
    """Cut the examples out of the files with markers, shared with the workers when there are any."""
    paths = list(marked)
    chunks = [paths[start : start + CHUNK] for start in range(0, len(paths), CHUNK)]

    def here(chunk: tuple[str, int, list[str]]) -> list[tuple[str, FileScan]]:
        return [(content_digest(marked[path]), scan_data(path, marked[path])) for path in chunk[2]]

    done = WORKERS.map("scan", [(str(root), max_size, chunk) for chunk in chunks], here)
    for chunk, answers in zip(chunks, done, strict=True):
        for path, (digest, result) in zip(chunk, answers, strict=True):
            results[path] = result
            _keep(table, path, stamps[path], result, digest)


def _keep(table: Table, path: str, stamp: Stamp | None, result: FileScan | None, digest: str = "") -> None:
    """Keep a file's result in the cache, by its stamp; a file without one (changed moments ago) keeps its former row."""
    if stamp is None:
        table.keep(path)
    else:
        table.put(path, result, stamp, digest)


def scan_chunk(chunk: tuple[str, int, list[str]]) -> list[tuple[str, FileScan]]:
    """A worker's share of the scan: each file read again, with the digest of the bytes its result is of."""
    root, max_size, paths = chunk
    answers = []
    for path in paths:
        data, problem = read_source(Path(root), path, max_size)
        if data is None:
            answers.append(("", FileScan([], language_of(path).name, [], [problem] if problem else [])))
        else:
            answers.append((content_digest(data), scan_data(path, data)))
    return answers


def _read(root: Path, path: str, info: os.stat_result, max_size: int) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of a file (not a link) whose stat says it is a regular file of a size worth reading, opened without
    blocking and checked again once open (as `extractor.read` does), so that no swap for a FIFO can hang the scan."""
    if not stat.S_ISREG(info.st_mode) or info.st_size > max_size:
        return read_source(root, path, max_size)  # says why it is skipped
    try:
        handle = os.open(os.path.join(root, path), os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return read_source(root, path, max_size)
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):  # swapped for a FIFO or device since it was stat'ed
            return read_source(root, path, max_size)
        data = os.read(handle, info.st_size + 1)
        if len(data) > info.st_size:  # it grew since it was stat'ed: read the rest
            data += b"".join(iter(lambda: os.read(handle, 1 << 20), b""))
    except OSError:
        return read_source(root, path, max_size)
    finally:
        os.close(handle)
    return data, None


def may_mark(data: bytes) -> bool:
    """Whether a file's bytes may hold a marker, or a near miss of one: only such files are decoded."""
    if b"@" not in data:
        return False
    from extractor.scan.markers import MARKER_BYTES
    from extractor.scan.spelling import may_hold_near_miss

    return MARKER_BYTES in data or may_hold_near_miss(data)


def scan_file(root: Path, path: str, max_size: int = MAX_FILE_SIZE) -> FileScan:
    """What one file holds, read from disk without the cache (files without markers are not decoded)."""
    data, problem = read_source(root, path, max_size)
    if data is None or not may_mark(data):
        return FileScan([], language_of(path).name, [], [problem] if problem else [])
    return scan_data(path, data)


def scan_data(path: str, data: bytes) -> FileScan:
    """What the file at `path`, holding `data`, marks, with what in each example looks like a credential (pure)."""
    from extractor.scan.extract import allow_markers, extract_file
    from extractor.scan.files import decode
    from extractor.secrets import find_secrets

    language = language_of(path)
    text, problem = decode(path, data)
    if text is None:
        return FileScan([], language.name, [], [problem] if problem else [])
    examples, problems = extract_file(path, text, language)
    examples = [
        e if e.allow_secret else replace(e, secrets=find_secrets(e.start, e.segments, e.title)) for e in examples
    ]
    return FileScan(examples, language.name, allow_markers(path, text, language), problems)
