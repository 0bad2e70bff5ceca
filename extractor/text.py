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


def _fences(lines: list[str], first: int) -> tuple[set[int], int | None]:
    code: set[int] = set()
    fence, opened = "", None
    for index in range(first, len(lines)):
        match = FENCE_RE.match(lines[index])
        if fence:
            code.add(index)
            closing = match is not None and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence)
            if closing and not lines[index].strip().lstrip(fence[0]).strip():
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
