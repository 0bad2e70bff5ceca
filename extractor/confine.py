"""The one rule for paths users write: they stay inside the project root, symlinks resolved (pure)."""

from __future__ import annotations

import os
from pathlib import Path


def outside(root: Path, path: str) -> str | None:
    """How `path` (relative to `root`, or absolute) leads outside `root`, or None when it stays inside."""
    top = root.resolve()
    if (top / path).resolve().is_relative_to(top):
        return None
    how = (
        "is outside the project"
        if not Path(os.path.normpath(top / path)).is_relative_to(top)
        else "leads outside the project through a symlink"
    )
    return f"{path!r} {how}; the tool reads and writes only inside the folder of mkdocs.yml ({top})"
