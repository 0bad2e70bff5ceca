"""Which headings of a page are patterns, and which are their fields, read per section (pure, linear).

A heading is a pattern when it has at least two fields, or a title that names one (`Pattern 3:
Title`, `Pattern: Title`, `Anti-Pattern: Title`, `Pitfall 2: Title`), or one field and an
anti-pattern title (`Sleeping Anti-Pattern`). Its fields are the vocabulary's bold labels in its
own text and the sub-headings directly under it named by the vocabulary (with their bold labels).
So the seed's shape (`###` patterns with bold fields under `##` categories), `##` patterns with
`###` field headings, `###` patterns with `####` field headings, and pages mixing them, all read
without configuration. A heading with patterns under it is a category, unless its own fields
include sub-headings (then it is the pattern, and everything under it belongs to it).

The headings under an anti-pattern section (`## Anti-Patterns to Avoid`, `## Common Pitfalls`) are
anti-patterns even without fields; a pattern is an anti-pattern when its title or its section's
title says so.

Every heading gets a reading: what it became and why, for `patterns list --explain`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from extractor.anchors import Heading
from extractor.fields import Label, Vocabulary, label_of

ANTI_RE = re.compile(r"anti[- ]?patterns?\b|\bpitfalls?\b", re.IGNORECASE)
ANTI_SECTION_RE = re.compile(r"anti[- ]?patterns\b|\bpitfalls\b", re.IGNORECASE)
BREAK_RE = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})\s*")
"""A thematic break (`---`, `***`, `___`): an `<hr>` that pages put between patterns."""
PATTERN_WORD_RE = re.compile(r"(?<![\w-])patterns?\b", re.IGNORECASE)
NAMED_RE = re.compile(r"(?:(?:anti[- ]?)?pattern|pitfall)(?:\s+[0-9]+[a-z]?)?\s*[:.\-\u2013\u2014]\s*\S", re.IGNORECASE)
PATTERN_FORM = (
    "a pattern is a heading with two fields (`**Context**:`, `**Example**:`... or `### Context` under it), "
    "or a title like `Pattern: Name`"
)


class Role(StrEnum):
    """What a heading is on its page."""

    PATTERN = "pattern"
    FIELD = "field"
    INSIDE = "inside"
    CATEGORY = "category"
    ANTI_SECTION = "anti-pattern section"
    NOTHING = "not a pattern"


@dataclass(frozen=True)
class Field:
    """One field of a pattern, as found."""

    name: str
    """Its name, by the vocabulary (`example`, `related patterns`...)."""
    start: int
    """1-based line of its label or heading."""
    end: int
    """Last 1-based line of its text (trailing blank lines and thematic breaks left out)."""
    inline: str | None
    """The text after a bold label on its line; None for a field heading."""


@dataclass(frozen=True)
class Found:
    """A heading read as a pattern."""

    heading: Heading
    anti: bool
    category: str
    """Title of the heading the pattern sits under, or ''."""
    end: int
    """Last line of the pattern's body (trailing blank lines and thematic breaks left out)."""
    fields: tuple[Field, ...]
    """In page order; a name appears once (the first wins)."""


@dataclass(frozen=True)
class HeadingReading:
    """How one heading was read, and why."""

    heading: Heading
    role: Role
    why: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stray:
    """A field that belongs to no pattern although patterns sit around it."""

    line: int
    name: str
    why: str


@dataclass
class _Page:
    """The headings of a page as a tree, with their own labels (mutable while the shape is read)."""

    lines: list[str]
    headings: list[Heading]
    vocabulary: Vocabulary
    parent: list[int] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    labels: list[list[tuple[int, Label]]] = field(default_factory=list)
    """Per heading, the bold lead-ins of its own text (line, label); index -1 holds those before any heading."""


@dataclass(frozen=True)
class Shape:
    """The patterns of a page, the reading of every heading, and fields left outside any pattern."""

    patterns: tuple[Found, ...]
    readings: tuple[HeadingReading, ...]
    strays: tuple[Stray, ...]
    hidden: tuple[tuple[int, int], ...] = ()
    """(line, line where the HTML block starts) of lines shaped like headings inside raw HTML."""


def read_shape(
    lines: list[str], headings: list[Heading], is_text: Callable[[int], bool], first: int, vocabulary: Vocabulary
) -> Shape:
    """Read the patterns of a page; `is_text(index)` tells the lines (0-based) that are Markdown text."""
    return _Reader(_tree(lines, headings, is_text, first, vocabulary)).read()


def _tree(
    lines: list[str], headings: list[Heading], is_text: Callable[[int], bool], first: int, vocabulary: Vocabulary
) -> _Page:
    """The headings as a tree (parent, children, last line of each section) and each heading's own labels."""
    page = _Page(lines, headings, vocabulary)
    count = len(headings)
    page.parent, page.children, page.end = [-1] * count, [[] for _ in range(count)], [len(lines)] * count
    page.labels = [[] for _ in range(count + 1)]
    stack: list[int] = []
    for index, heading in enumerate(headings):
        while stack and headings[stack[-1]].level >= heading.level:
            page.end[stack.pop()] = heading.line - 1
        if stack:
            page.parent[index] = stack[-1]
            page.children[stack[-1]].append(index)
        stack.append(index)
    owner = -1  # the heading whose own text a line is in; -1 before the first (labels[-1])
    for number in [n for n in range(first, len(lines)) if lines[n].startswith("**")]:
        while owner + 1 < count and headings[owner + 1].line <= number + 1:
            owner += 1
        if is_text(number) and (owner < 0 or headings[owner].line != number + 1):
            label = label_of(lines[number])
            if label is not None:
                page.labels[owner].append((number + 1, label))
    return page


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=4096)
def anti_title(title: str) -> bool:
    """`Anti-Patterns to Avoid`, `Sleeping Anti-Pattern`; not `Patterns and Anti-Patterns`."""
    return bool(ANTI_RE.search(title)) and not PATTERN_WORD_RE.search(ANTI_RE.sub("", title))


class _Reader:
    """Decides the role of each heading, parents before children."""

    def __init__(self, page: _Page) -> None:
        self.page = page
        count = len(page.headings)
        self.heading_field = [page.vocabulary.field(h.title) for h in page.headings]
        self.own = [self._own_fields(i) for i in range(count)]
        self.candidate = [self._candidate(i) for i in range(count)]
        self.roots = [i for i in range(count) if page.parent[i] < 0]
        self.roles: list[Role] = []
        self.whys: list[str] = []
        self.owner: list[int] = []

    def read(self) -> Shape:
        for index in range(len(self.page.headings)):
            role, why, owner = self._role(index)
            self.roles.append(role)
            self.whys.append(why)
            self.owner.append(owner)
        self._mark_categories()
        found = tuple(self._found(i) for i, role in enumerate(self.roles) if role is Role.PATTERN)
        readings = tuple(self._reading(i) for i in range(len(self.page.headings)))
        return Shape(found, readings, tuple(self._strays() if found else ()))

    # -- fields -------------------------------------------------------------------------------------

    def _own_fields(self, index: int) -> list[Field]:
        """The fields a heading holds itself: its vocabulary labels, its field sub-headings and their labels."""
        page = self.page
        starts = self._label_starts(index)
        stops = []
        for child in page.children[index]:
            name = self.heading_field[child]
            if name is None:
                stops.append(page.headings[child].line)
            else:
                starts += [(page.headings[child].line, name, None), *self._label_starts(child)]
        return self._spans(sorted(starts), stops, page.end[index])

    def _label_starts(self, index: int) -> list[tuple[int, str, str | None]]:
        return [(line, name, label.rest) for line, label in self.page.labels[index] if (name := self._field(label))]

    def _field(self, label: Label) -> str | None:
        return self.page.vocabulary.field(label.name)

    def _spans(self, starts: list[tuple[int, str, str | None]], stops: list[int], end: int) -> list[Field]:
        """Each field runs to the line before the next field or the next other sub-heading (stops are sorted)."""
        fields: list[Field] = []
        seen: set[str] = set()
        stop = 0
        for n, (line, name, inline) in enumerate(starts):
            while stop < len(stops) and stops[stop] <= line:
                stop += 1
            following = starts[n + 1][0] if n + 1 < len(starts) else end + 1
            last = self._text_end(line, min(following, stops[stop] if stop < len(stops) else end + 1) - 1)
            if name not in seen:
                seen.add(name)
                fields.append(Field(name, line, last, inline))
        return fields

    # -- roles --------------------------------------------------------------------------------------

    def _role(self, index: int) -> tuple[Role, str, int]:
        """(role, why, index of the pattern holding the heading or -1)."""
        parent = self.page.parent[index]
        holder = -1 if parent < 0 else (parent if self.roles[parent] is Role.PATTERN else self.owner[parent])
        if holder >= 0:
            title, line = self.page.headings[holder].title, self.page.headings[holder].line
            if self.heading_field[index] is not None and parent == holder:
                return Role.FIELD, f"field of {title!r}", holder
            return Role.INSIDE, f"inside pattern {title!r} (line {line})", holder
        if self.heading_field[index] is not None:
            return Role.NOTHING, "a field name, outside any pattern", -1
        if self._anti_section(index):
            return Role.ANTI_SECTION, "anti-pattern section: the headings under it are anti-patterns", -1
        under_anti = parent >= 0 and self.roles[parent] is Role.ANTI_SECTION
        if not self.candidate[index] and not under_anti:
            return Role.NOTHING, self._why_not(index), -1
        children = self.page.children[index]
        if any(self.candidate[c] for c in children) and all(self.heading_field[c] is None for c in children):
            return Role.NOTHING, "its sub-headings are patterns", -1
        return Role.PATTERN, "in an anti-pattern section" if under_anti else "", -1

    def _candidate(self, index: int) -> bool:
        """Two fields; one field and an anti-pattern title (`Sleeping Anti-Pattern`); or a title naming a pattern."""
        if self.heading_field[index] is not None:
            return False
        names = {f.name for f in self.own[index]}
        title = self.page.headings[index].title
        return len(names) >= 2 or (len(names) == 1 and anti_title(title)) or self._named(title)

    @staticmethod
    def _named(title: str) -> bool:
        """The title says it is one: `Pattern 3: Title`, `Anti-Pattern: Title`, `Pitfall 2: Title`, after any emoji."""
        start = next((n for n, char in enumerate(title) if char.isalnum()), len(title))
        return NAMED_RE.match(title, start) is not None

    def _anti_section(self, index: int) -> bool:
        """`## Anti-Patterns to Avoid` with headings under it (never the page's `#` title)."""
        heading = self.page.headings[index]
        if heading.level == 1 or not ANTI_SECTION_RE.search(heading.title) or not anti_title(heading.title):
            return False
        return any(self.heading_field[c] is None for c in self.page.children[index])

    def _is_anti(self, index: int) -> bool:
        """Its title says so, or the title of the section it sits in, or of an anti-pattern section above."""
        if anti_title(self.page.headings[index].title):
            return True
        parent = self.page.parent[index]
        if parent >= 0 and anti_title(self.page.headings[parent].title):
            return True
        while parent >= 0:
            if self.roles[parent] is Role.ANTI_SECTION:
                return True
            parent = self.page.parent[parent]
        return False

    def _why_not(self, index: int) -> str:
        names = sorted({f.name for f in self.own[index]})
        prose = [_short(label.written) for _, label in self.page.labels[index] if self._field(label) is None]
        more = ", ..." if len(prose) > 3 else ""
        lead = f"; bold lead-ins are not fields ({', '.join(prose[:3])}{more})" if prose else ""
        if not names:
            return f"no fields{lead}"
        return f"one field ({names[0]}); a pattern needs two, or a title like `Pattern: Name`{lead}"

    def _mark_categories(self) -> None:
        """A heading with patterns somewhere under it (and not in one) is a category."""
        for index in reversed(range(len(self.page.headings))):
            parent = self.page.parent[index]
            below = self.roles[index] in (Role.PATTERN, Role.CATEGORY, Role.ANTI_SECTION)
            if parent >= 0 and below and self.roles[parent] is Role.NOTHING and self.owner[parent] < 0:
                self.roles[parent] = Role.CATEGORY
                self.whys[parent] = "category: patterns under it"

    # -- results ------------------------------------------------------------------------------------

    def _found(self, index: int) -> Found:
        parent = self.page.parent[index]
        category = self.page.headings[parent].title if parent >= 0 else ""
        body_end = self._text_end(self.page.headings[index].line, self.page.end[index])
        return Found(self.page.headings[index], self._is_anti(index), category, body_end, tuple(self.own[index]))

    def _text_end(self, first: int, last: int) -> int:
        """The last line from `first` to `last` (1-based) that is not blank or a thematic break closing the section.

        What is added at the end of a pattern or a field goes above the `---` that separates it from the
        next one, not under it. A `---` under a text line would underline it (a setext heading): it is kept.
        """
        lines = self.page.lines
        while last > first:
            line = lines[last - 1]
            above = lines[last - 2] if last >= 2 else ""
            closing = BREAK_RE.fullmatch(line) and (not line.lstrip().startswith("-") or not above.strip())
            if line.strip() and not closing:
                break
            last -= 1
        return last

    def _reading(self, index: int) -> HeadingReading:
        role = self.roles[index]
        names = () if role in (Role.INSIDE, Role.FIELD) else tuple(f.name for f in self.own[index])
        return HeadingReading(self.page.headings[index], role, self.whys[index], names)

    def _strays(self) -> list[Stray]:
        """Fields of headings that are not patterns, where patterns sit around them: likely a pattern missed.

        The page's own introduction (under its `#` title, or before any heading) is left alone:
        `**Context**: Story 6.5` there describes the page.
        """
        found = []
        fielded = [self.roles[i] is Role.PATTERN and len(self.own[i]) >= 2 for i in range(len(self.roles))]
        beside: dict[int, int] = {}
        """Parent (-1: none) -> how many of its children are patterns made of fields."""
        for index, parent in enumerate(self.page.parent):
            beside[parent] = beside.get(parent, 0) + fielded[index]
        for index, role in enumerate(self.roles):
            if role not in (Role.NOTHING, Role.CATEGORY) or self.owner[index] >= 0 or self.heading_field[index]:
                continue
            if self.page.headings[index].level > 1:
                found += self._stray_fields(index, beside[self.page.parent[index]] > fielded[index])
        return found

    def _stray_fields(self, index: int, beside: bool) -> list[Stray]:
        """A category's own bold fields; every field of a heading `beside` patterns made of fields, but not one."""
        heading = self.page.headings[index]
        category = self.roles[index] is Role.CATEGORY
        state = "a category with patterns under it" if category else f"which is not a pattern: {self.whys[index]}"
        why = f"it sits under {heading.title!r} (line {heading.line}), {state}"
        labels = {line for line, _ in self.page.labels[index]}
        return [Stray(f.start, f.name, why) for f in self.own[index] if beside or (category and f.start in labels)]
