"""Examples written by hand in the catalogue: found, labelled on the site, and compared with the code (pure).

A pattern's Example field may hold a code block written in the page. The site keeps it, marked as
written in the catalogue, and the examples taken from the code follow it. When the pattern has an
example in the same language, the written block is compared with the code: it may be an excerpt,
with left-out lines shown as an elision line (`// ...`, `# ...`, `...`); each run of lines between
elisions must appear in one example, and not across its own elision lines. Comments, docstrings,
blank lines and all white space are ignored, so a re-indented copy, or one with a comment of its
own, still matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractor.generated import masked
from extractor.model import Catalogue, Diagnostic, Example, Kind, Page, Pattern, Segment, SlotState, warning
from extractor.text import FENCE_RE

if TYPE_CHECKING:
    from pygments.lexer import Lexer
    from pygments.token import _TokenType

LABEL = "Written in the catalogue"
"""What the site says above a code block written in a pattern's Example field."""

ELISION_RE = re.compile(r"^\s*(?:(?P<comment>//|#|--|;|%|/\*+|<!--|\(\*|\{-|\*)\s*)?(?:\.\.\.|…)(?P<rest>.*)$")
"""A line standing for left-out lines: `...` or `…`, alone or opening a comment (`// ... rest`)."""


@dataclass(frozen=True)
class Written:
    """A code block written in a pattern's Example field."""

    pattern: Pattern
    """The pattern whose Example field holds it."""
    fence: int
    """Line of the opening fence in the page."""
    language: str
    """The fence's language, as written ('' when none)."""
    lines: tuple[str, ...]
    """The code lines, without the fences."""


def written_blocks(page: Page) -> list[Written]:
    """Every fenced code block in the Example fields of the page's patterns, in page order."""
    lines = masked(page.text.splitlines(), list(page.generated))
    found: list[Written] = []
    for pattern in page.patterns:
        span = pattern.slot_content
        if pattern.kind is Kind.PATTERN and pattern.slot is SlotState.CONTENT and span is not None:
            found.extend(_fences(pattern, lines, span.start, span.end))
    return found


def _fences(pattern: Pattern, lines: list[str], first: int, last: int) -> Iterable[Written]:
    number = first
    while number <= last:
        opening = FENCE_RE.match(lines[number - 1])
        if not opening:
            number += 1
            continue
        fence = opening.group(1)
        end = number + 1
        while end <= len(lines) and not _closes(lines[end - 1], fence):
            end += 1
        info = lines[number - 1][opening.end() :].strip().lstrip("{").lstrip(".")
        language = re.split(r"[\s{}]", info, maxsplit=1)[0] if info else ""
        yield Written(pattern, number, language, tuple(lines[number : end - 1]))
        number = end + 1


def _closes(line: str, fence: str) -> bool:
    match = FENCE_RE.match(line)
    return bool(
        match
        and match.group(1)[0] == fence[0]
        and len(match.group(1)) >= len(fence)
        and not line[match.end() :].strip()
    )


@dataclass(frozen=True)
class Difference:
    """Where a written block stops matching the code."""

    line: int
    """Line of the page that is not in the code."""
    text: str
    """That line, as written."""
    closest: Example
    """The example most of the block's lines are found in."""


def comparable(written: Written, examples: Sequence[Example]) -> list[Example]:
    """The shown examples in the written block's language (none when the block names no language)."""
    if not written.language:
        return []
    from extractor.codeblock import lexer_for  # Pygments, loaded only for pages that hold written examples

    lexer = type(lexer_for(written.language))
    if lexer is type(lexer_for("text")):
        return []
    return [e for e in examples if e.segments and type(lexer_for(e.language)) is lexer]


def difference(written: Written, examples: Sequence[Example]) -> Difference | None:
    """The first line of the written block not found in the code, or None when every run of lines is there."""
    candidates = comparable(written, examples)
    if not candidates:
        return None
    streams = {example: _stream(example) for example in candidates}
    from extractor.codeblock import lexer_for

    for run in _runs(written, lexer_for(written.language)):
        joined = "".join(text for _, text in run)
        if any(joined in stream for stream in streams.values()):
            continue
        matched = _longest_prefix(run, list(streams.values()))
        number = run[matched][0]
        closest = max(candidates, key=lambda e: sum(text in streams[e] for _, text in run))
        return Difference(number, written.lines[number - written.fence - 1], closest)
    return None


def _longest_prefix(run: list[tuple[int, str]], streams: list[str]) -> int:
    """How many lines from the start of the run appear, together, in one of the streams."""
    low, high = 0, len(run)  # the first `low` lines are found together; the first `high` are not
    while high - low > 1:
        middle = (low + high) // 2
        joined = "".join(text for _, text in run[:middle])
        low, high = (middle, high) if any(joined in s for s in streams) else (low, middle)
    return low


def _runs(written: Written, lexer: Lexer) -> list[list[tuple[int, str]]]:
    """The block's runs of lines between elision lines: (page line, its code without comments or spaces)."""
    normalised = _code_lines(written.lines, lexer)
    runs: list[list[tuple[int, str]]] = [[]]
    for offset, (line, code) in enumerate(zip(written.lines, normalised, strict=True)):
        if _elision(line):
            runs.append([])
        elif code:
            runs[-1].append((written.fence + 1 + offset, code))
    return [run for run in runs if run]


def _elision(line: str) -> bool:
    match = ELISION_RE.match(line)
    return bool(match and (match.group("comment") or not match.group("rest").strip()))


def _stream(example: Example) -> str:
    """The example's code without comments or spaces; a NUL where an elision line stands, which no text spans."""
    from extractor.codeblock import lexer_for

    lines = [line for segment in example.segments for line in (*segment.lines, *_gap(segment))]
    return "".join(
        code or ("\0" if line == "\0" else "")
        for line, code in zip(lines, _code_lines(lines, lexer_for(example.language)), strict=True)
    )


def _gap(segment: Segment) -> tuple[str, ...]:
    return ("\0",) if segment.elided_after is not None else ()


def _code_lines(lines: Sequence[str], lexer: Lexer) -> list[str]:
    """Each line's code: every character outside comments, white space left out."""
    kept: list[list[str]] = [[] for _ in lines]
    number = 0
    for kind, value in lexer.get_tokens("".join(f"{line}\n" for line in lines)):
        code = not _is_comment(kind)
        for char in value:
            if char == "\n":
                number += 1
            elif code and not char.isspace() and number < len(kept):
                kept[number].append(char)
    return ["".join(chars) for chars in kept]


def _is_comment(kind: _TokenType) -> bool:
    """A comment or docstring token, but for comment tokens that are code (`#include`, `#define`)."""
    from pygments.token import Comment, String

    return (kind in Comment and kind not in Comment.Preproc and kind not in Comment.PreprocFile) or kind in String.Doc


def check_written(catalogue: Catalogue, examples: Sequence[Example]) -> list[Diagnostic]:
    """A warning for each written example that differs from the code of its pattern."""
    by_pattern: dict[str, list[Example]] = {}
    for example in examples:
        by_pattern.setdefault(example.pattern_id, []).append(example)
    found = []
    for page in catalogue.pages:
        for written in written_blocks(page):
            differs = difference(written, by_pattern.get(written.pattern.id, []))
            if differs:
                found.append(_diagnostic(page, differs))
    return found


def _diagnostic(page: Page, differs: Difference) -> Diagnostic:
    from extractor.codeblock import where

    shown = differs.text.strip()
    shown = (shown if len(shown) <= 80 else shown[:79] + "…").replace("`", "'")
    return warning(
        "written-example-differs",
        page.path,
        differs.line,
        f"the example written here differs from the code at {where(differs.closest)} from `{shown}` on;"
        " copy the code again (mark left-out lines with an elision line such as `// ...`), or remove the written"
        " example, since the code is shown below it",
    )


def label_line(written: Written, examples: Sequence[Example]) -> str:
    """The line of raw HTML the site shows above a written block (left out of search results)."""
    differs = " <span>· differs from the code below</span>" if difference(written, examples) else ""
    return f'<p class="pattern-written" data-search-exclude>{LABEL}{differs}</p>\n'
