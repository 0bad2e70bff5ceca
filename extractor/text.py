"""Small helpers about Markdown text shared by the catalogue reader and the scanner."""

from __future__ import annotations

import re
from typing import Any

import yaml

FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def fenced_lines(lines: list[str], first: int = 0) -> set[int]:
    """0-based indexes of the lines inside fenced code blocks, fences included."""
    return _fences(lines, first)[0]


def unclosed_fence(lines: list[str], first: int = 0) -> int | None:
    """0-based index of the fence that opens a code block never closed, or None."""
    return _fences(lines, first)[1]


def fence_end(lines: list[str], first: int) -> int:
    """0-based index of the line closing the fenced code block that line `first` opens (the last line if none)."""
    fence = FENCE_RE.match(lines[first])
    opener = fence.group(1) if fence else "```"
    return next((i for i in range(first + 1, len(lines)) if _closes(opener, lines[i])), len(lines) - 1)


def _closes(fence: str, line: str) -> bool:
    """Whether `line` closes a code block opened by `fence`."""
    match = FENCE_RE.match(line)
    closing = match is not None and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence)
    return closing and not line.strip().lstrip(fence[0]).strip()


def _fences(lines: list[str], first: int) -> tuple[set[int], int | None]:
    code: set[int] = set()
    fence, opened = "", None
    for index in range(first, len(lines)):
        match = FENCE_RE.match(lines[index])
        if fence:
            code.add(index)
            if _closes(fence, lines[index]):
                fence, opened = "", None
        elif match:
            fence, opened = match.group(1), index
            code.add(index)
    return code, opened


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load`, with libyaml's loader when PyYAML was built with it (ten times faster).

    On bad YAML the pure-Python loader reads it again, for its more precise error positions.
    """
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError:
        return yaml.load(text, Loader=yaml.SafeLoader)
