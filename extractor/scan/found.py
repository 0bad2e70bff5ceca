"""What the scan finds, as data: an example before its pattern is resolved, one file's results, the whole scan.

Kept apart from the parsers, so that results read from the cache need none of them loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.filecache import Stamp
from extractor.model import Diagnostic, Marker, Segment
from extractor.secrets import Finding


@dataclass(frozen=True)
class Found:
    """An example as found in a file, before its pattern id is resolved."""

    ref: str
    """The pattern id as written."""
    title: str
    """The marker's title attribute."""
    line: int
    """Line of the marker naming the pattern."""
    start: int
    """First line of the unit or region."""
    end: int
    """Last line of the unit or region."""
    segments: tuple[Segment, ...]
    """What is shown."""
    allow_secret: bool = False
    """The marker allows text that looks like a credential."""
    secrets: tuple[Finding, ...] = ()
    """What in the shown code and title looks like a credential (not looked for when `allow_secret`)."""


@dataclass(frozen=True)
class Scan:
    """What the scan found: examples by file, and each file's language."""

    found: dict[str, list[Found]]
    """Examples (unresolved) by path relative to the root."""
    languages: dict[str, str]
    """Highlighting language by path."""
    paths: tuple[str, ...]
    """Every file listed under the sources, relative to the root."""
    allows: dict[str, list[Marker]]
    """`@pattern-allow` markers by path."""
    stamps: dict[str, Stamp | None]
    """Each listed file's stamp as the scan saw it (None when it could not be stat'ed)."""


@dataclass(frozen=True)
class FileScan:
    """What one file holds: its examples, `@pattern-allow` markers and problems."""

    found: list[Found]
    language: str
    allows: list[Marker]
    diagnostics: list[Diagnostic]
