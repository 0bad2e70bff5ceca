"""The catalogue overview: honest coverage counts, and where the overview goes on the site (pure).

A pattern's example comes from the code (a marker names it), is written in the catalogue (its
Example slot holds a code block), is only a note in prose (`See Story 1.3 in apps/web/`), or is
missing. Patterns declared not code (`_(Not code: ...)_`, front matter or plugin block `not_code`)
and anti-patterns are not counted.

The overview is its own `index.md` in the catalogue folder, unless the catalogue has a home page
(`index.md` or `README.md` at its top): then it goes where that page says `<!-- patterns:index -->`,
and nowhere when it does not say so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from extractor.blocks import fences
from extractor.model import Catalogue, Diagnostic, Example, Kind, Pattern, SlotState, info

PLACEHOLDER = "<!-- patterns:index -->"
"""The line of a home page that the generated overview replaces."""


class Coverage(StrEnum):
    """Where a pattern's example comes from."""

    CODE = "from the code"
    WRITTEN = "written in the catalogue"
    PROSE = "prose only"
    NONE = "none yet"
    NOT_CODE = "not code"
    ANTI = "anti-pattern"


def coverage(pattern: Pattern, examples: Sequence[Example]) -> Coverage:
    """Where the example of `pattern` comes from, given the examples marked in the code."""
    if pattern.kind is Kind.ANTI_PATTERN:
        return Coverage.ANTI
    if pattern.not_code:
        return Coverage.NOT_CODE
    if examples:
        return Coverage.CODE
    if pattern.slot is SlotState.CONTENT:
        return Coverage.WRITTEN if pattern.slot_has_code else Coverage.PROSE
    return Coverage.NONE


@dataclass(frozen=True)
class Counts:
    """How many patterns of a page (or of the catalogue) have each kind of example."""

    of: Counter[Coverage]

    @property
    def patterns(self) -> int:
        """Patterns, anti-patterns left out."""
        return sum(n for kind, n in self.of.items() if kind is not Coverage.ANTI)

    @property
    def expected(self) -> int:
        """Patterns that are code: the ones an example from the code is expected for."""
        return self.patterns - self.of[Coverage.NOT_CODE]

    def __getitem__(self, kind: str) -> int:
        return self.of[Coverage(kind)]


def counts(patterns: Sequence[Pattern], grouped: dict[str, list[Example]]) -> Counts:
    """The coverage of some patterns."""
    return Counts(Counter(coverage(p, grouped.get(p.id, [])) for p in patterns))


def insert_overview(text: str, overview: str) -> str | None:
    """`text` with each line `<!-- patterns:index -->` (outside code) replaced by `overview`; None if it has none."""
    lines = text.splitlines(keepends=True)
    code, _ = fences([line.rstrip("\r\n") for line in lines])
    places = [n for n, line in enumerate(lines) if line.strip() == PLACEHOLDER and n not in code]
    if not places:
        return None
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    body = overview.rstrip("\n").replace("\n", newline) + newline
    for n in reversed(places):
        lines[n] = body
    return "".join(lines)


def check_home(catalogue: Catalogue) -> list[Diagnostic]:
    """Notes about the home page: where the overview goes, and a second home page that is not published."""
    home = next((page for page in catalogue.pages if page.path == published_home(catalogue)), None)
    if home is None:
        return []
    found = [
        info(
            "home-page-unpublished",
            page.path,
            0,
            f"not published: {home.filename} is the catalogue's home page (a folder has one); merge the two",
        )
        for page in catalogue.pages
        if page.home and page is not home
    ]
    if insert_overview(home.text, "") is None:
        message = f"the catalogue's own home page, so the generated overview of the patterns is not shown; add a line `{PLACEHOLDER}` where it should appear"
        found.append(info("index-placeholder-missing", home.path, 0, message))
    return found


def published_home(catalogue: Catalogue) -> str | None:
    """Path of the home page that is published (`index.md` before `README.md`), or None."""
    homes = [page for page in catalogue.pages if page.home]
    return min(homes, key=lambda page: page.filename != "index.md").path if homes else None
