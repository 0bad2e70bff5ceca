"""The few facts taken from git: which files it tracks, the commit, where the project sits."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git(cwd: Path, *args: str) -> bytes | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def tracked_files(folder: Path) -> list[str] | None:
    """Tracked and untracked, not ignored files below `folder`, or None outside a git work tree."""
    out = _git(folder, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", ".")
    return None if out is None else [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def head_commit(folder: Path) -> str | None:
    """The full hash of HEAD, or None outside a repository or before the first commit."""
    out = _git(folder, "rev-parse", "--verify", "--quiet", "HEAD")
    return out.decode().strip() if out else None


def prefix(folder: Path) -> str:
    """Path of `folder` inside its repository ('' at the top or outside a repository)."""
    out = _git(folder, "rev-parse", "--show-prefix")
    return out.decode().strip().rstrip("/") if out else ""
