"""The history file: the rules' counts at each sampled commit, as `patterns history` writes it and the site reads it.

```json
{"format": 1, "head": "<hash>", "commits": [
  {"commit": "<hash>", "date": "2026-11-28T10:00:00+00:00",
   "followed": {"backend/query-function-structure": 4}, "violations": {"backend/unvalidated-inputs": 1}}]}
```

Commits are oldest first; a rule that matches nothing at a commit is listed with 0.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extractor.model import Diagnostic, warning
from extractor.read import read_text

FORMAT = 1


@dataclass(frozen=True)
class Point:
    """The counts at one commit."""

    commit: str
    """The commit's full hash."""
    date: datetime
    """When it was committed (UTC)."""
    followed: Mapping[str, int]
    """Pattern id -> places its rule matched."""
    violations: Mapping[str, int]
    """Anti-pattern id -> places that broke its rule (less those excused by `@pattern-allow`)."""


@dataclass(frozen=True)
class History:
    """The counts at each sampled commit of the branch, oldest first."""

    points: tuple[Point, ...]
    head: str = ""
    """The commit the history was computed at (its last point)."""


def history_json(history: History) -> str:
    """The history as the file holds it."""
    commits = [
        {
            "commit": p.commit,
            "date": p.date.isoformat(),
            "followed": dict(sorted(p.followed.items())),
            "violations": dict(sorted(p.violations.items())),
        }
        for p in history.points
    ]
    return json.dumps({"format": FORMAT, "head": history.head, "commits": commits}, indent=1) + "\n"


def read_history(root: Path, path: str | None) -> tuple[History | None, list[Diagnostic]]:
    """The history file at `path` (relative to `root`); None when there is none, with a warning when it is unusable."""
    if path is None or not (root / path).exists():
        return None, []
    try:
        data = json.loads(read_text(root / path))
        return _history(data), []
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, RecursionError) as exc:
        fix = "run `patterns history` to write it again"
        return None, [warning("history-invalid", path, 0, f"the history file cannot be read ({exc}); {fix}")]


def _history(data: Any) -> History:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a history file of this version")
    points = []
    for entry in data["commits"]:
        date = datetime.fromisoformat(entry["date"])
        followed, violations = _counts(entry["followed"]), _counts(entry["violations"])
        points.append(Point(str(entry["commit"]), date.astimezone(UTC), followed, violations))
    return History(tuple(points), str(data.get("head", "")))


def _counts(value: object) -> dict[str, int]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and type(n) is int for k, n in value.items()):
        raise ValueError("counts must map ids to whole numbers")
    return dict(value)
