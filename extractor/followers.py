"""Code that follows a pattern, found by the pattern's rule: split from violations, and offered as its example.

A pattern that no marker names yet, but whose rule matches code, is shown with the best match as
its example, labelled as found by the rule: the shortest match of at least `MIN_LINES` lines (a
whole construct, as little as possible to read), else the longest; ties go to the first in path
order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from extractor.model import Catalogue, Example, Kind, Segment, SlotState
from extractor.rules import Rule, Violation
from extractor.scan.files import decode, read_source
from extractor.scan.languages import language_of
from extractor.source_urls import SourceLink

MIN_LINES = 3
"""A match shorter than this is a fragment; one this long or longer can show the pattern."""
MAX_LINES = 60
"""A longer match is not offered while a shorter one exists."""


def split_matches(rules: Iterable[Rule], matches: Iterable[Violation]) -> tuple[list[Violation], list[Violation]]:
    """(places that follow a pattern, places that break an anti-pattern) among every rule's matches."""
    follows = {r.id for r in rules if r.follows}
    followed: list[Violation] = []
    violations: list[Violation] = []
    for match in matches:
        (followed if match.rule in follows else violations).append(match)
    return followed, violations


def found_examples(
    root: Path,
    catalogue: Catalogue,
    rules: Iterable[Rule],
    followed: Sequence[Violation],
    marked: Mapping[str, Sequence[Example]],
    link: SourceLink | None,
) -> list[Example]:
    """The best match of each pattern's rule, for each pattern that no marker names and that expects code."""
    paths = {r.id: r.path for r in rules if r.follows}
    found = []
    for pattern in catalogue.patterns:
        if pattern.kind is not Kind.PATTERN or pattern.id not in paths or marked.get(pattern.id):
            continue
        if pattern.not_code or pattern.slot is SlotState.NOT_CODE:
            continue
        best = best_match([m for m in followed if m.rule == pattern.id])
        example = _example(root, best, paths[pattern.id], link) if best else None
        if example is not None:
            found.append(example)
    return found


def best_match(matches: Sequence[Violation]) -> Violation | None:
    """The shortest match of `MIN_LINES` to `MAX_LINES` lines, else the longest; the first in path order on ties."""
    if not matches:
        return None
    ordered = sorted(matches)
    sized = [m for m in ordered if MIN_LINES <= m.end - m.line + 1 <= MAX_LINES]
    if sized:
        return min(sized, key=lambda m: m.end - m.line)
    return max(ordered, key=lambda m: m.end - m.line)  # max and min keep the first of equals


def _example(root: Path, match: Violation, rule_path: str, link: SourceLink | None) -> Example | None:
    """The whole lines of the match, dedented, as an example found by the rule at `rule_path`."""
    data, _ = read_source(root, match.path)
    text, _ = decode(match.path, data) if data is not None else (None, None)
    if text is None:
        return None
    lines = text.split("\n")[match.line - 1 : match.end]
    width = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    shown = tuple(line[width:].rstrip() for line in lines)
    return Example(
        ref=match.rule,
        pattern_id=match.rule,
        path=match.path,
        start=match.line,
        end=match.end,
        language=language_of(match.path).name,
        title="",
        segments=(Segment(match.line, shown),),
        url=link.url(match.path, match.line, match.end) if link else None,
        found_by=rule_path,
    )
