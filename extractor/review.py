"""What a change does to the catalogue: the runs at a base commit and now, compared (pure).

An example is the same across the two runs when it is of the same pattern (a former id that the
catalogue now aliases counts as the new one) in the same file; within that group, examples with
the same code text are matched first, whatever their lines, so moving code is not a change; the
rest are paired most similar first, and what is left over was added or removed. An example named by
symbol is the same across the runs when it is of the same pattern and names the same symbol: found
in another file now, it moved.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeVar

from extractor import escape
from extractor.model import Diagnostic, Example, Pattern, Severity, info, warning
from extractor.pipeline import Result
from extractor.report import github_lines
from extractor.source_urls import SourceLink
from extractor.stable import stable_url

NOWHERE = frozenset({"unknown-id"})
"""The codes of a marker naming no pattern."""


class ChangeKind(StrEnum):
    """What happened to one example."""

    CHANGED = "changed"
    MOVED = "moved"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Change:
    """One example changed, added or removed."""

    kind: ChangeKind
    """What happened to it."""
    pattern_id: str
    """The pattern it illustrates, by its id now."""
    example: Example
    """The example now; for a removed one, the example at the base commit."""
    live: bool
    """The pattern exists now, so its stable link leads somewhere."""
    was: Example | None = None
    """For a moved example: the example at the base commit."""


@dataclass(frozen=True)
class Lost:
    """A pattern that had examples at the base commit and has none now."""

    pattern: Pattern
    """The pattern, as the catalogue has it now."""
    page: str
    """Path of its catalogue page now."""
    examples: tuple[Example, ...]
    """Its examples at the base commit."""


@dataclass(frozen=True)
class Review:
    """Everything that changed between the base commit and the work tree."""

    changes: tuple[Change, ...]
    """Examples changed, added and removed, by pattern id and place."""
    nowhere: tuple[Diagnostic, ...]
    """Markers naming no pattern now that did not at the base commit."""
    lost: tuple[Lost, ...]
    """Patterns that lost their last example."""
    problems: tuple[Diagnostic, ...]
    """Other errors found now and not at the base commit."""

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.changes or self.nowhere or self.lost or self.problems)

    def of_kind(self, kind: ChangeKind) -> list[Change]:
        """The changes of one kind."""
        return [change for change in self.changes if change.kind is kind]


def compare(base: Result, head: Result) -> Review:
    """What changed from the run at the base commit to the run now."""
    aliases = head.catalogue.aliases
    before = [replace(e, pattern_id=aliases.get(e.pattern_id, e.pattern_id)) for e in base.examples]
    live = {p.id for p in head.catalogue.patterns} | set(aliases)
    then, now = _by_place(before), _by_place(head.examples)
    changes = [
        change
        for key in sorted(then.keys() | now.keys())
        for change in _match(then.get(key, []), now.get(key, []), live)
    ]
    new = _new_errors(base.diagnostics, head.diagnostics)
    nowhere = tuple(d for d in new if _points_nowhere(d))
    problems = tuple(d for d in new if not _points_nowhere(d))
    return Review(tuple(changes), nowhere, tuple(_lost(before, head)), problems)


def _by_place(examples: Iterable[Example]) -> dict[tuple[str, str], list[Example]]:
    """Examples by pattern and file; those named by symbol by pattern and symbol, wherever it is."""
    groups: dict[tuple[str, str], list[Example]] = defaultdict(list)
    for example in sorted(examples, key=lambda e: (e.path, e.start, e.end)):
        place = f"#symbol {example.symbol}" if example.symbol else example.path
        groups[(example.pattern_id, place)].append(example)
    return groups


def _match(old: list[Example], new: list[Example], live: set[str]) -> list[Change]:
    """Examples of one pattern in one file: same text is no change, then most similar pairs are changes."""
    if any(e.symbol for e in old + new):
        return _match_symbol(old, new, live)
    old, new = _unmatched(old, new)
    pairs = _closest_pairs(old, new)
    paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
    found = [(ChangeKind.CHANGED, new[j]) for _, j in sorted(pairs, key=lambda pair: pair[1])]
    found += [(ChangeKind.ADDED, e) for j, e in enumerate(new) if j not in paired_new]
    found += [(ChangeKind.REMOVED, e) for i, e in enumerate(old) if i not in paired_old]
    return [Change(kind, e.pattern_id, e, e.pattern_id in live) for kind, e in found]


def _match_symbol(old: list[Example], new: list[Example], live: set[str]) -> list[Change]:
    """Examples of one pattern named by one symbol: in another file now is moved, other text is changed."""
    changes = []
    for before, after in zip(old, new, strict=False):
        if before.path != after.path:
            changes.append(Change(ChangeKind.MOVED, after.pattern_id, after, after.pattern_id in live, before))
        elif _text(before) != _text(after):
            changes.append(Change(ChangeKind.CHANGED, after.pattern_id, after, after.pattern_id in live))
    changes += [Change(ChangeKind.ADDED, e.pattern_id, e, e.pattern_id in live) for e in new[len(old) :]]
    changes += [Change(ChangeKind.REMOVED, e.pattern_id, e, e.pattern_id in live) for e in old[len(new) :]]
    return changes


def _unmatched(old: list[Example], new: list[Example]) -> tuple[list[Example], list[Example]]:
    """Both lists less the examples whose code text appears on the other side, matched in order."""
    left, kept = list(old), []
    for example in new:
        same = next((i for i, o in enumerate(left) if _text(o) == _text(example)), None)
        if same is None:
            kept.append(example)
        else:
            del left[same]
    return left, kept


def _text(example: Example) -> tuple[tuple[tuple[str, ...], str | None], ...]:
    """What the page shows of an example, without its line numbers."""
    return tuple((segment.lines, segment.elided_after) for segment in example.segments)


def _closest_pairs(old: list[Example], new: list[Example]) -> list[tuple[int, int]]:
    """As many (old, new) index pairs as possible, the most similar texts first, ties in file order."""
    scored = sorted(
        (-difflib.SequenceMatcher(None, _lines(a), _lines(b)).ratio(), i, j)
        for i, a in enumerate(old)
        for j, b in enumerate(new)
    )
    pairs: list[tuple[int, int]] = []
    for _, i, j in scored:
        if all(i != p and j != q for p, q in pairs):
            pairs.append((i, j))
    return pairs


def _lines(example: Example) -> list[str]:
    return [line for segment in example.segments for line in segment.lines]


def _new_errors(base: Iterable[Diagnostic], head: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Errors now that the base run did not have: same file and message up to its hint, whatever the line."""
    seen = Counter(_key(d) for d in base if d.severity is Severity.ERROR)
    new = []
    for diagnostic in head:
        if diagnostic.severity is not Severity.ERROR:
            continue
        if seen[_key(diagnostic)]:
            seen[_key(diagnostic)] -= 1
        else:
            new.append(diagnostic)
    return new


def _key(diagnostic: Diagnostic) -> tuple[str, str, str]:
    return diagnostic.location.path, diagnostic.code, diagnostic.message.split(";", 1)[0]


def _points_nowhere(diagnostic: Diagnostic) -> bool:
    return diagnostic.code in NOWHERE


def _lost(before: list[Example], head: Result) -> list[Lost]:
    had: dict[str, list[Example]] = defaultdict(list)
    for example in before:
        had[example.pattern_id].append(example)
    has = {e.pattern_id for e in head.examples}
    pages = head.catalogue.page_paths
    return [
        Lost(p, pages[p.page], tuple(had[p.id])) for p in head.catalogue.patterns if p.id in had and p.id not in has
    ]


T = TypeVar("T")

GITHUB_LIMIT = 65_536
"""The most characters GitHub takes in a pull request comment."""
BUDGET = 60_000
"""The most UTF-8 bytes the summary takes (at least as many as characters), leaving room for what CI adds."""
SHOWN = 20
"""The most items listed in one section; the rest are counted."""
MESSAGE_CHARS = 500
"""The most characters of a message or a revision shown; longer ones end in an ellipsis."""
SECTION_ROOM = 300
"""Bytes kept for each section's heading and its count of the items left out."""


def render_markdown(review: Review, base: str, site_url: str | None, link: SourceLink | None) -> str:
    """The summary for a pull request comment or a CI step summary, under GitHub's comment limit whatever it holds.

    `link` builds links to lines at the current commit, for markers and problems. Every path, id and
    message goes through `extractor.escape`. Each section lists its first `SHOWN` items, as many as
    fit in `BUDGET`, then counts the rest and names the command that lists them all.
    """
    if review.empty:
        return f"No pattern examples or markers changed since {escape.md_code(_clipped(base))}.\n"
    sections = _sections(review, site_url, link)
    lines = [f"### Pattern catalogue: changes since {escape.md_code(_clipped(base))}"]
    room = BUDGET - _size(lines[0]) - SECTION_ROOM * len(sections)
    for (title, everything), (count, items) in sections.items():
        shown = _fitting(items, room)
        room -= sum(_size(item) + 1 for item in shown)
        left = count - len(shown)
        more = [f"- and {left} more: run {everything} to see them all"] if left else []
        if count:
            lines += ["", f"#### {title} ({count})", "", *shown, *more]
    return "\n".join(lines) + "\n"


CHECK = "`patterns check`"
ANNOTATIONS = "`patterns review --format github`"


def _sections(
    review: Review, site_url: str | None, link: SourceLink | None
) -> dict[tuple[str, str], tuple[int, list[str]]]:
    """How many items each section has and its first `SHOWN` written out (only those: the rest are counted), by
    its title and the command that lists all of them."""

    def example(change: Change) -> str:
        return _example_item(change, site_url)

    def diagnostic(found: Diagnostic) -> str:
        return _diagnostic_item(found, link, site_url)

    return {
        ("Examples changed", ANNOTATIONS): _first(review.of_kind(ChangeKind.CHANGED), example),
        ("Examples moved", ANNOTATIONS): _first(review.of_kind(ChangeKind.MOVED), example),
        ("Examples added", ANNOTATIONS): _first(review.of_kind(ChangeKind.ADDED), example),
        ("Examples removed", ANNOTATIONS): _first(review.of_kind(ChangeKind.REMOVED), example),
        ("Markers that point nowhere", CHECK): _first(review.nowhere, diagnostic),
        ("Patterns that lost their last example", ANNOTATIONS): _first(review.lost, lambda x: _lost_item(x, site_url)),
        ("Other new problems (`patterns check` lists them)", CHECK): _first(review.problems, diagnostic),
    }


def _first(things: Sequence[T], item: Callable[[T], str]) -> tuple[int, list[str]]:
    """How many things there are, and the first `SHOWN` written out by `item`."""
    return len(things), [item(thing) for thing in things[:SHOWN]]


def _fitting(items: list[str], room: int) -> list[str]:
    """The first items, as many as fit in `room` bytes with a line break each."""
    kept: list[str] = []
    for item in items:
        room -= _size(item) + 1
        if room < 0:
            break
        kept.append(item)
    return kept


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _clipped(text: str) -> str:
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "\u2026"


def _pattern_link(pattern_id: str, site_url: str | None, live: bool = True) -> str:
    address = escape.url(stable_url(site_url, pattern_id)) if site_url and live else None
    return escape.md_link(escape.md_code(pattern_id), address)


def _place(path: str, start: int, end: int) -> str:
    return f"{path}:{start}-{end}" if end > start else f"{path}:{start}"


def _code_link(path: str, start: int, end: int, url: str | None) -> str:
    return escape.md_link(escape.md_code(_place(path, start, end)), escape.url(url) if url else None)


def _example_item(change: Change, site_url: str | None) -> str:
    e, was = change.example, change.was
    named = f"{escape.md_code(e.symbol)}, " if e.symbol else ""
    moved = f" (was {escape.md_code(_place(was.path, was.start, was.end))})" if was else ""
    place = _code_link(e.path, e.start, e.end, e.url)
    return f"- {_pattern_link(change.pattern_id, site_url, change.live)}: {named}{place}{moved}"


def _diagnostic_item(diagnostic: Diagnostic, link: SourceLink | None, site_url: str | None) -> str:
    where = diagnostic.location
    url = link.url(where.path, where.line, where.line) if link and where.line else None
    shown = _code_link(where.path, where.line, where.line, url) if where.line else escape.md_code(where.path)
    message, rule = _without_rule(diagnostic)
    pattern = f" ({_pattern_link(rule, site_url)})" if rule else ""
    return f"- {shown}: {escape.md_text(_clipped(message))}{pattern}"


def _without_rule(diagnostic: Diagnostic) -> tuple[str, str]:
    """A violation's message less the ` [id] page#anchor` it ends with (shown here as a link), and the id."""
    tail = f" [{diagnostic.rule}] "
    cut = diagnostic.message.rfind(tail) if diagnostic.rule else -1
    return (diagnostic.message[:cut], diagnostic.rule) if cut >= 0 else (diagnostic.message, "")


def _lost_item(lost: Lost, site_url: str | None) -> str:
    places = ", ".join(_code_link(e.path, e.start, e.end, e.url) for e in lost.examples[:SHOWN])
    more = f" and {len(lost.examples) - SHOWN} more" if len(lost.examples) > SHOWN else ""
    return f"- {_pattern_link(lost.pattern.id, site_url)}: had {places}{more}"


def render_github(review: Review, prefix: str = "") -> list[str]:
    """GitHub workflow commands: notices on changed and added examples, warnings on what broke.

    `prefix` is the project's folder in the repository, with a trailing slash, since GitHub wants
    paths from the repository's top.
    """
    return github_lines(as_diagnostics(review), prefix)


def _was(change: Change) -> str:
    was = change.was
    return f" (was {_place(was.path, was.start, was.end)})" if was else ""


def as_diagnostics(review: Review) -> list[Diagnostic]:
    """The review as diagnostics at the places to annotate (removed examples have no place now)."""
    found = [
        info("example-changed", c.example.path, c.example.start, f"{c.kind.value} example of {c.pattern_id}{_was(c)}")
        for c in review.changes
        if c.kind is not ChangeKind.REMOVED
    ]
    found += [replace(d, severity=Severity.WARNING) for d in (*review.nowhere, *review.problems)]
    for lost in review.lost:
        was = ", ".join(_place(e.path, e.start, e.end) for e in lost.examples)
        message = (
            f"pattern {lost.pattern.id} lost its last example (was {was}); mark code with `@pattern {lost.pattern.id}`"
        )
        found.append(warning("example-lost", lost.page, lost.pattern.heading_line, message))
    return found
