"""Which files are scanned: git's view of the tree when there is one, excludes, and guards."""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections.abc import Iterator
from functools import cache
from pathlib import Path, PurePosixPath

from extractor.git import Started, ignored_folders, tracked_files
from extractor.git import start_listing as git_listing
from extractor.globs import ignored
from extractor.lines import line_at, normalized
from extractor.model import Diagnostic, error, info
from extractor.read import SpecialFile, read_bytes, read_text
from extractor.text import option_line

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
"""Folders a walk never enters: tools' and dependencies' folders, and MkDocs' output."""

TOOL_DIRS = SKIPPED_DIRS - {"site"}
"""Folders never scanned even when git lists their files (a virtual environment or `node_modules` that no
`.gitignore` names yet: Python's `venv` of 3.11 writes none). A folder named `site` may be code in git."""


def list_files(
    root: Path,
    sources: tuple[str, ...],
    exclude: tuple[str, ...],
    config_file: str = "mkdocs.yml",
    cache_dir: str | None = None,
    listing: Started | None = None,
) -> tuple[list[str], list[Diagnostic]]:
    """Paths (relative to root) of the files under `sources`, without ignored and excluded ones, nor those of the
    cache folder `cache_dir` (outside git, or not ignored by it, it would be listed).

    In a git work tree one `git ls-files` lists every source folder (`listing`, when `start_listing`
    started it earlier); elsewhere the folders are walked.
    """
    top = root.resolve()
    folders, diagnostics = source_folders(root, sources, config_file)
    listed = tracked_files(top, folders, listing) if folders else []
    found = without_tool_dirs(listed) if listed is not None else [p for f in folders for p in _walked(top, f)]
    excluded = ignored(exclude)
    cache = posixpath.normpath(cache_dir) + "/" if cache_dir else "\0"
    kept = sorted(p for p in found if not p.startswith(cache) and not excluded(p))
    return kept, diagnostics


def without_tool_dirs(listed: list[str]) -> list[str]:
    """The paths git lists but those inside a tool's folder (`TOOL_DIRS`), each folder looked at once."""
    folders = {path.rpartition("/")[0] for path in listed}
    avoided = {folder for folder in folders if folder and not TOOL_DIRS.isdisjoint(folder.split("/"))}
    return [path for path in listed if path.rpartition("/")[0] not in avoided] if avoided else listed


def start_listing(root: Path, sources: tuple[str, ...]) -> Started:
    """The git listing of `list_files`, started now so that it runs while other work is done."""
    return git_listing(root.resolve(), source_folders(root, sources)[0])


def source_folders(
    root: Path, sources: tuple[str, ...], config_file: str = "mkdocs.yml"
) -> tuple[list[str], list[Diagnostic]]:
    """The source folders relative to the resolved root, and an error for each that does not exist or lies outside."""
    diagnostics: list[Diagnostic] = []
    top = root.resolve()
    folders = []
    for source in sources:
        folder = (root / source).resolve()
        problem = _source_problem(source, folder, top)
        if problem:
            diagnostics.append(error("config-invalid", config_file, _sources_line(root / config_file), problem))
        else:
            folders.append(folder.relative_to(top).as_posix())
    return folders, diagnostics


def watch_plan(root: Path, sources: tuple[str, ...]) -> list[tuple[Path, bool]]:
    """Folders to watch for edits, each with whether to watch it recursively, so that no watch covers
    a folder the scan never reads (git-ignored ones such as `node_modules/`, `.git`, and outside git
    the folders the walk skips).

    A file watcher that polls (as `mkdocs serve`'s does, twice a second) walks everything below a
    recursive watch: a dependency folder of 100,000 files would keep a CPU busy. A folder holding
    such a folder, at any depth, is watched alone and its other subfolders each on their own.
    """
    top = root.resolve()
    folders = [f.relative_to(top).as_posix() for f in ((root / s).resolve() for s in sources) if f.is_dir()]
    ignored = ignored_folders(top, folders)
    avoided = set(ignored or ())
    plan: list[tuple[Path, bool]] = []
    for folder in folders:
        children: dict[str, list[str]] = {}
        split: set[str] = set()
        for directory, dirs, _ in os.walk(top / folder):
            here = Path(directory).relative_to(top).as_posix()
            kept = []
            for name in dirs:
                path = name if here == "." else f"{here}/{name}"
                if path in avoided or name == ".git" or (ignored is None and (name in SKIPPED_DIRS or name[0] == ".")):
                    split.update(_ancestors(here, folder))
                else:
                    kept.append(name)
            dirs[:] = kept
            children[here] = [name if here == "." else f"{here}/{name}" for name in kept]
        pending = [folder]
        while pending:
            current = pending.pop()
            plan.append((top / current, current not in split))
            if current in split:
                pending.extend(children.get(current, []))
    return sorted(plan)


def _ancestors(path: str, folder: str) -> list[str]:
    """`path` and its parents up to and including `folder`."""
    found = [path]
    while path != folder and path not in (".", ""):
        path = posixpath.dirname(path) or "."
        found.append(path)
    return found


def _source_problem(source: str, folder: Path, top: Path) -> str | None:
    if not folder.is_dir():
        return (
            f"sources folder {source!r} does not exist (relative to {top}); fix `sources` in the patterns plugin block"
        )
    if not folder.is_relative_to(top):  # config.read_options refuses it first; the core never reads outside
        return f"sources folder {source!r} is outside the project root {top}"
    return None


def _walked(top: Path, folder: str) -> Iterator[str]:
    base = PurePosixPath(folder)
    return ((base / p).as_posix().removeprefix("./") for p in _walk(top / folder))


def _walk(folder: Path) -> Iterator[str]:
    for directory, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        for name in files:
            yield (Path(directory) / name).relative_to(folder).as_posix()


MAX_FILE_SIZE = 5_000_000
"""Files larger than this many bytes are not read (generated bundles, data dumps); configurable."""


def read_source(root: Path, path: str, max_size: int = MAX_FILE_SIZE) -> tuple[bytes | None, Diagnostic | None]:
    """A file's bytes, read only if it is a regular file inside the root and not too large."""
    full = root / path
    try:
        status = os.lstat(full)
        if stat.S_ISLNK(status.st_mode):  # git and the walk list a link, never a file below a linked folder
            if not Path(os.path.realpath(full)).is_relative_to(_real(root)):
                return None, info("file-skipped", path, 0, "skipped: a symlink to a file outside the project")
            status = os.stat(full)
    except OSError as exc:
        if exc.errno == errno.ENOENT and not full.is_symlink():
            return None, None  # listed by git, deleted in the work tree
        reason = {errno.ELOOP: "a symlink loop", errno.ENOENT: "a symlink to nothing"}.get(exc.errno or 0)
        return None, info("file-skipped", path, 0, f"skipped: {reason or f'cannot read the file ({exc.strerror})'}")
    if stat.S_ISDIR(status.st_mode):  # git lists a link to a folder as a file
        return None, info("file-skipped", path, 0, "skipped: a symlink to a folder (links to folders are not followed)")
    if not stat.S_ISREG(status.st_mode):
        return None, info("file-skipped", path, 0, "skipped: not a regular file")
    if status.st_size > max_size:
        return None, info(
            "file-skipped",
            path,
            0,
            f"skipped: {status.st_size:,} bytes, above the limit of {max_size:,} (`max_file_size`)",
        )
    try:
        return read_bytes(full), None
    except SpecialFile:  # swapped for a FIFO since the check above
        return None, info("file-skipped", path, 0, "skipped: not a regular file")
    except OSError as exc:
        return None, info("file-skipped", path, 0, f"skipped: cannot read the file ({exc.strerror})")


@cache
def _real(root: Path) -> Path:
    return Path(os.path.realpath(root))


def decode(path: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    """A file's text, with every line end written `\\n` (see `extractor.lines`), or a note saying why it is not text."""
    if b"\0" in data[:8192]:
        return None, info("file-skipped", path, 0, "skipped: binary file")
    try:
        return normalized(data.decode("utf-8").lstrip("\ufeff")), None
    except UnicodeDecodeError as exc:
        valid = data[: exc.start].decode("utf-8")
        line = line_at(valid, len(valid))
        return None, info("file-skipped", path, line, "skipped: not valid UTF-8")


def _sources_line(config: Path) -> int:
    """Line of `sources:` in the plugin block of the config file, or 0."""
    try:
        return option_line(read_text(config), "patterns", "sources")
    except (OSError, UnicodeDecodeError):
        return 0
