"""Ids: every pattern id, written heading id and alias must be a usable path segment and name one heading (pure).

An id becomes a folder of the site (`p/<key>/<slug>/`) and a `#fragment`: letters, digits, `_`, `-`
and `.` (not `..`), starting with a letter, digit or `_`. Python-Markdown's `toc` lets written ids
win: `### A` then `### B {#a}` gives B the id `a` and A the id `a_1`, so such a collision, and a
written id used twice, are errors rather than links that open the wrong pattern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from extractor.model import Diagnostic, Pattern, error

if TYPE_CHECKING:
    from extractor.anchors import Heading

ID_RE = re.compile(r"\w[\w.-]*")
ALPHABET = "letters, digits, `_`, `-` and `.`, starting with a letter, digit or `_`"


def id_problem(text: str) -> str | None:
    """What makes `text` unusable as one segment of an id, or None when it is fine."""
    if not text:
        return "it is empty"
    if ".." in text:
        return "it holds `..`"
    if ID_RE.fullmatch(text) is None:
        bad = next((c for n, c in enumerate(text) if not ID_RE.fullmatch("a" + c) or (n == 0 and c in ".-")), text[0])
        return f"it holds {bad!r}"
    return None


def check_ids(path: str, key: str, headings: Sequence[Heading], patterns: Sequence[Pattern]) -> list[Diagnostic]:
    """Written ids that cannot be used or that collide, and pattern ids that cannot be used."""
    found = _written(path, headings)
    pattern_lines = {p.heading_line for p in patterns}
    found += _collisions(path, headings, pattern_lines)
    if patterns and (problem := id_problem(key)):
        message = f"the file name gives the page key {key!r}, which cannot start a pattern id: {problem}; rename the file with {ALPHABET}"
        found.append(error("id-invalid", path, 1, message))
    explicit = {h.line for h in headings if h.explicit}
    for pattern in patterns:
        problem = id_problem(pattern.slug)
        if problem and pattern.heading_line not in explicit:
            message = f"pattern {pattern.title!r} gets the id {pattern.id!r}, which cannot be used: {problem}; give the heading an id with `{{#my-id}}` ({ALPHABET})"
            found.append(error("id-invalid", path, pattern.heading_line, message))
    return found


def _written(path: str, headings: Sequence[Heading]) -> list[Diagnostic]:
    """Each `{#id}` must be usable and written once."""
    found = []
    first: dict[str, int] = {}
    for heading in (h for h in headings if h.explicit):
        problem = id_problem(heading.anchor)
        if problem:
            message = f"heading id {heading.anchor!r} (`{{#...}}`) cannot be used: {problem}; write an id of {ALPHABET}"
            found.append(error("id-invalid", path, heading.line, message))
        elif heading.anchor in first:
            message = f"heading id {heading.anchor!r} is also written on line {first[heading.anchor]}; give each heading its own id"
            found.append(error("id-duplicate", path, heading.line, message))
        first.setdefault(heading.anchor, heading.line)
    return found


def _collisions(path: str, headings: Sequence[Heading], pattern_lines: set[int]) -> list[Diagnostic]:
    """A pattern heading whose generated id a written `{#id}` takes (or the other way round)."""
    written = {h.anchor: h for h in headings if h.explicit}
    found = []
    for heading in headings:
        other = written.get(heading.slug)
        if heading.explicit or other is None or not {heading.line, other.line} & pattern_lines:
            continue
        message = (
            f"heading {heading.title!r} would get the id {heading.slug!r}, which line {other.line} writes as "
            f"`{{#{heading.slug}}}`; the site gives this heading {heading.anchor!r} instead, so links to "
            f"#{heading.slug} open the other one; give one of them another id"
        )
        found.append(error("id-duplicate", path, heading.line, message))
    return found
