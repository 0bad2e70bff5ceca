"""Files -> markers -> examples: the scanning stage."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from extractor.filecache import ALWAYS, FILES, content_digest, stamp_of
from extractor.model import Diagnostic, Marker
from extractor.scan.extract import Found, allow_markers, extract_file
from extractor.scan.files import MAX_FILE_SIZE, decode, list_files, read_source
from extractor.scan.languages import language_of
from extractor.scan.markers import MARKER_BYTES
from extractor.scan.spelling import may_hold_near_miss

Progress = Callable[[int, int, int], None]
"""Told files done, files in all, examples found."""


@dataclass(frozen=True)
class Scan:
    """What the scan found: examples by file, and each file's language."""

    found: dict[str, list[Found]]
    """Examples (unresolved) by path relative to the root."""
    languages: dict[str, str]
    """Highlighting language by path."""
    paths: tuple[str, ...]
    """Every file listed under the sources, relative to the root."""
    allows: dict[str, list[Marker]]
    """`@pattern-allow` markers by path."""


@dataclass(frozen=True)
class FileScan:
    """What one file holds: its examples, `@pattern-allow` markers and problems."""

    found: list[Found]
    language: str
    allows: list[Marker]
    diagnostics: list[Diagnostic]


def scan(
    root: Path,
    sources: tuple[str, ...],
    exclude: tuple[str, ...],
    config_file: str = "mkdocs.yml",
    max_size: int = MAX_FILE_SIZE,
    progress: Progress | None = None,
) -> tuple[Scan, list[Diagnostic]]:
    """List the files under `sources`, read those holding markers, and cut out their examples.

    A file whose stat is unchanged since an earlier scan in this process (or, inside
    `FILES.persisted`, since the cache was written) is not read again.
    `progress`, if given, is told after each file how many files are done, of how many, and how
    many examples were found so far.
    """
    paths, diagnostics = list_files(root, sources, exclude, config_file)
    found: dict[str, list[Found]] = {}
    languages: dict[str, str] = {}
    allows: dict[str, list[Marker]] = {}
    base = str(root)
    examples = 0
    for done, path in enumerate(paths):
        stamp = stamp_of(os.path.join(base, path))
        result = FILES.get(("scan", path, base, max_size), stamp, partial(scan_file, root, path, max_size), FileScan)
        diagnostics.extend(result.diagnostics)
        if result.found:
            found[path] = result.found
            languages[path] = result.language
        if result.allows:
            allows[path] = result.allows
        if progress:
            examples += len(result.found)
            progress(done + 1, len(paths), examples)
    return Scan(found, languages, tuple(paths), allows), diagnostics


def scan_file(root: Path, path: str, max_size: int = MAX_FILE_SIZE) -> FileScan:
    """Read one file and cut out what its markers mark; files without the marker bytes (or a near miss of
    them) are not decoded.

    A file with markers is looked up by its content too, so a file whose stat changed but whose
    bytes did not (a branch switched and back, a fresh clone with a cache restored in CI) is not
    parsed again.
    """
    data, problem = read_source(root, path, max_size)
    language = language_of(path)
    if data is None or (MARKER_BYTES not in data and not may_hold_near_miss(data)):
        return FileScan([], language.name, [], [problem] if problem else [])
    key = ("scan-content", path, content_digest(data))
    return FILES.get(key, ALWAYS, partial(scan_data, path, data), FileScan)


def scan_data(path: str, data: bytes) -> FileScan:
    """What the file at `path`, holding `data`, marks (pure)."""
    language = language_of(path)
    text, problem = decode(path, data)
    if text is None:
        return FileScan([], language.name, [], [problem] if problem else [])
    examples, problems = extract_file(path, text, language)
    return FileScan(examples, language.name, allow_markers(path, text, language), problems)
