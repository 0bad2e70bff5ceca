"""Reading the files a team writes for rules (rules, their tests, sgconfig.yml): found, read and parsed safely.

Every way such a file can be wrong (not a file, a dangling link, outside the project, not UTF-8,
too large, not YAML, a YAML bomb) becomes one `(line, problem)` for the caller to report, never an
exception, a hang or a crash.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from extractor.read import SPECIAL, read_bytes
from extractor.text import MAX_YAML_BYTES, YamlRefused, load_yaml_documents

YAML_SUFFIXES = (".yml", ".yaml")
"""What ast-grep reads as configuration in its rule, utility and test folders."""

Problem = tuple[int, str]
"""(1-based line or 0, what is wrong and how to fix it)."""


def yaml_entries(folder: Path, follow: bool) -> list[Path]:
    """Every entry named `*.yml` / `*.yaml` under `folder`, sorted, hidden ones skipped (as ast-grep's walk).

    With `follow`, symlinks and folders named like YAML files are listed too, for `read_user_file` to
    explain; without it only regular files are, as ast-grep lists them (it does not follow links).
    """
    found = []
    for top, folders, files in os.walk(folder, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        names = [*files, *folders] if follow else [f for f in files if not os.path.islink(os.path.join(top, f))]
        found += [Path(top, name) for name in names if name.endswith(YAML_SUFFIXES) and not name.startswith(".")]
    return sorted(found)


def read_user_file(root: Path, path: Path) -> tuple[str | None, Problem | None]:
    """The text of a file the team wrote, or why (`is ...`) it cannot be read: a regular UTF-8 file inside the project."""
    try:
        real = Path(os.path.realpath(path))
        status = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and not path.is_symlink():
            return None, (0, "does not exist")
        reason = {errno.ELOOP: "a symlink loop", errno.ENOENT: "a symlink to nothing"}.get(exc.errno or 0)
        return None, (0, f"is {reason}" if reason else f"cannot be read ({exc.strerror})")
    if not real.is_relative_to(os.path.realpath(root)):
        return None, (0, "is a symlink to a file outside the project; move the file into the project")
    if stat.S_ISDIR(status.st_mode):
        return None, (0, "is a folder named like a YAML file; rename it (only files may end in .yml or .yaml)")
    if not stat.S_ISREG(status.st_mode):
        return None, (0, f"is {SPECIAL}; replace it with a file")
    if status.st_size > MAX_YAML_BYTES:
        return None, (
            0,
            f"has {status.st_size:,} bytes, above the limit of {MAX_YAML_BYTES:,} for a YAML file; split it",
        )
    try:
        data = read_bytes(path)
    except OSError as exc:
        return None, (0, f"cannot be read ({exc.strerror})")
    try:
        return data.decode("utf-8").lstrip("\ufeff"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, (line, f"is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8")


def parse_documents(text: str) -> tuple[list[tuple[int, str, Any]], Problem | None]:
    """Each YAML document of a text as (its first line, its own text, its data); or where and why (`is ...`) not.

    A file of several `---`-separated documents holds several rules, as in ast-grep; empty ones are left out.
    """
    try:
        loaded = load_yaml_documents(text)
    except YamlRefused as exc:
        mark = exc.problem_mark
        return [], (mark.line + 1 if mark else 1, f"is refused: {exc.problem}")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], (mark.line + 1 if mark else 1, f"is not valid YAML: {getattr(exc, 'problem', exc)}")
    lines = text.splitlines(keepends=True)
    starts = [1] + [line for line, _ in loaded[1:]] + [len(lines) + 1]
    documents = []
    for n, (_, data) in enumerate(loaded):
        first, body = starts[n], lines[starts[n] - 1 : starts[n + 1] - 1]
        if body and body[0].startswith("---"):
            first, body = first + 1, body[1:]
        if data is not None or len(loaded) == 1:
            documents.append((first, "".join(body), data))
    return documents, None
