"""Which files are scanned: git's view of the tree when there is one, excludes, and guards."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extractor.git import tracked_files
from extractor.model import Diagnostic, error, note
from extractor.scan.markers import MARKER_BYTES

SKIPPED_DIRS = frozenset(
    {
        ".git",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "site",
    }
)


@dataclass(frozen=True)
class SourceFile:
    """A file that holds the marker bytes, decoded."""

    path: str
    """Path relative to the project root."""
    text: str
    """The file's text."""


def list_files(
    root: Path, sources: tuple[str, ...], exclude: tuple[str, ...], config_file: str = "mkdocs.yml"
) -> tuple[list[str], list[Diagnostic]]:
    """Paths (relative to root) of the files under `sources`, without ignored and excluded ones."""
    diagnostics: list[Diagnostic] = []
    found: set[str] = set()
    for source in sources:
        folder = (root / source).resolve()
        if not folder.is_dir():
            diagnostics.append(
                error(
                    config_file,
                    _line_of(root / config_file, "sources"),
                    f"sources folder {source!r} does not exist (relative to {root}); fix `sources` in the patterns plugin block",
                )
            )
            continue
        if not folder.is_relative_to(root.resolve()):
            diagnostics.append(
                error(
                    config_file,
                    _line_of(root / config_file, "sources"),
                    f"sources folder {source!r} is outside the project root {root}",
                )
            )
            continue
        listed = tracked_files(folder)
        paths = listed if listed is not None else _walk(folder)
        base = folder.relative_to(root.resolve())
        found.update((base / p).as_posix() for p in paths)
    kept = sorted(p.removeprefix("./") for p in found if not _excluded(p.removeprefix("./"), exclude))
    return kept, diagnostics


def _walk(folder: Path) -> Iterator[str]:
    for directory, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        for name in files:
            yield (Path(directory) / name).relative_to(folder).as_posix()


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    parts = path.split("/")
    return any(fnmatch.fnmatch(path, p) or any(fnmatch.fnmatch(part, p) for part in parts) for p in patterns)


def read_marked(root: Path, paths: list[str]) -> tuple[list[SourceFile], list[Diagnostic]]:
    """The files whose bytes hold `@pattern`, decoded; unreadable ones skipped with a note."""
    files: list[SourceFile] = []
    diagnostics: list[Diagnostic] = []
    for path in paths:
        full = root / path
        if not full.is_file():
            continue
        try:
            data = full.read_bytes()
        except OSError as exc:
            diagnostics.append(note(path, 0, f"skipped: cannot read the file ({exc.strerror})"))
            continue
        if MARKER_BYTES not in data:
            continue
        if b"\0" in data[:8192]:
            diagnostics.append(note(path, 0, "skipped: binary file"))
            continue
        try:
            files.append(SourceFile(path, data.decode("utf-8").lstrip("\ufeff")))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            diagnostics.append(note(path, line, "skipped: not valid UTF-8"))
    return files, diagnostics


def _line_of(path: Path, key: str) -> int:
    """Line of the first `key:` in a config file, or 0."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:")), 0)
