"""One file's text -> the examples its markers mark, and what is wrong with the markers."""

from __future__ import annotations

import tokenize
from collections.abc import Collection, Set
from dataclasses import dataclass

from extractor.model import Diagnostic, Marker, Segment, error
from extractor.scan.languages import Language
from extractor.scan.markers import find_markers
from extractor.scan.python import PythonFile
from extractor.scan.units import Tree, indentation_block


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


class _Parsed:
    """The parser's view of one file, whichever parser that is."""

    def __init__(self, path: str, text: str, language: Language, near: Collection[int] | None = None) -> None:
        self.python: PythonFile | None = None
        self.tree: Tree | None = None
        self.problem = ""
        self.lines = text.splitlines()
        if language.parser == "python":
            try:
                self.python = PythonFile(path, text, near)
            except (SyntaxError, tokenize.TokenError) as exc:
                line = getattr(exc, "lineno", None) or (exc.args[1][0] if len(exc.args) > 1 else 0)
                self.problem = f"the file does not parse (line {line}: {exc.args[0]})"
        elif language.parser:
            self.tree = Tree(text, language.parser)

    def comment_lines(self) -> Set[int] | None:
        """Lines inside comments, or None when any line may hold a marker."""
        if self.python:
            return self.python.comments
        return self.tree.comments if self.tree else None

    def unit_end(self, first: int) -> int | None:
        """Last line of the unit that starts at line `first`."""
        if self.python:
            return self.python.unit_end(first)
        if self.tree:
            return self.tree.unit_end(first)
        return None if self.problem else indentation_block(self.lines, first)

    def comment_end(self, line: int) -> int | None:
        """If a comment starts at `line`, its last line."""
        if self.python:
            return line if line in self.python.comments else None
        return self.tree.is_comment(line) if self.tree else None


def extract_file(path: str, text: str, language: Language) -> tuple[list[Found], list[Diagnostic]]:
    """Find the markers of one file and cut out what they mark (pure)."""
    markers, diagnostics = find_markers(path, text, docstring=language.parser == "python")
    if not markers and not diagnostics:
        return [], diagnostics
    parsed = _Parsed(path, text, language, {m.line for m in markers} | {d.location.line for d in diagnostics})
    markers = _real_markers(markers, parsed)
    diagnostics = _real_problems(diagnostics, parsed)
    if not markers:
        return [], diagnostics
    cutter = _Cutter(path, parsed, markers)
    found = cutter.cut()
    return found, diagnostics + cutter.diagnostics


def allow_markers(path: str, text: str, language: Language) -> list[Marker]:
    """The `@pattern-allow` markers of one file that are real comments."""
    if "@pattern-allow" not in text:
        return []
    markers, _ = find_markers(path, text, docstring=False)
    allows = [m for m in markers if m.verb == "allow"]
    return _real_markers(allows, _Parsed(path, text, language, {m.line for m in allows})) if allows else []


def _real_markers(markers: list[Marker], parsed: _Parsed) -> list[Marker]:
    """Drop candidates that a parser shows are not in a comment (string literals, code)."""
    comments = parsed.comment_lines()
    if comments is None:
        return markers
    docstrings = parsed.python.docstring_ranges() if parsed.python else []
    kept = []
    for marker in markers:
        if marker.in_docstring:
            if any(a <= marker.line <= b for a, b in docstrings) and marker.verb == "pattern":
                kept.append(marker)
        elif marker.line in comments:
            kept.append(marker)
    return kept


def _real_problems(diagnostics: list[Diagnostic], parsed: _Parsed) -> list[Diagnostic]:
    """Drop marker syntax problems on lines a parser shows are not comments or docstrings."""
    comments = parsed.comment_lines()
    if comments is None:
        return diagnostics
    docstrings = parsed.python.docstring_ranges() if parsed.python else []
    return [
        d for d in diagnostics if d.location.line in comments or any(a <= d.location.line <= b for a, b in docstrings)
    ]


class _Cutter:
    """The small state machine over one file's markers: units, regions, hidden runs."""

    def __init__(self, path: str, parsed: _Parsed, markers: list[Marker]) -> None:
        self.path, self.parsed, self.markers = path, parsed, markers
        self.lines = parsed.lines
        self.marker_lines = {m.line for m in markers}
        self.naming_lines = {m.line for m in markers if not m.verb.startswith("hide")}
        self.diagnostics: list[Diagnostic] = []
        self.extents: list[tuple[list[Marker], int, int]] = []

    def cut(self) -> list[Found]:
        self._units()
        self._regions()
        hides = self._hides()
        found: list[Found] = []
        for named, start, end in sorted(self.extents, key=lambda e: (e[1], e[0][0].line)):
            segments = self._segments(start, end, hides)
            found.extend(Found(m.ref, m.title, m.line, start, end, segments, m.allow_secret) for m in named)
        self._check_hides_inside(hides)
        return found

    def _units(self) -> None:
        stacked: list[Marker] = []
        comment_markers = {m.line for m in self.markers if m.verb == "pattern" and not m.in_docstring}
        for marker in self.markers:
            if marker.verb != "pattern":
                continue
            if marker.in_docstring:
                self._docstring_unit(marker)
                continue
            stacked.append(marker)
            if marker.line + 1 not in comment_markers:
                self._unit_after(stacked)
                stacked = []

    def _docstring_unit(self, marker: Marker) -> None:
        owner = self.parsed.python.owner_of_docstring_line(marker.line) if self.parsed.python else None
        if owner is None:
            self.diagnostics.append(
                error(
                    "docstring-marker-outside",
                    self.path,
                    marker.line,
                    "`@pattern` in a docstring must be in the docstring of a function, method or class",
                )
            )
            return
        self.extents.append(([marker], owner.start, owner.end))

    def _unit_after(self, stacked: list[Marker]) -> None:
        first = stacked[-1].line + 1
        code = self._first_code_line(first)
        end = self.parsed.unit_end(code) if code else None
        if code is None or end is None:
            reason = self.parsed.problem or "there is no declaration or statement right after it"
            fix = (
                "put the marker on the line above the code it marks, or mark a region with @pattern-start/@pattern-end"
            )
            self.diagnostics.append(
                error("marker-dangling", self.path, stacked[0].line, f"marker with nothing after it: {reason}; {fix}")
            )
            return
        while first < code and not self.lines[first - 1].strip():
            first += 1
        while end > code and (end in self.naming_lines or not self.lines[end - 1].strip()):
            end -= 1
        self.extents.append((stacked, first, end))

    def _first_code_line(self, line: int) -> int | None:
        """First line at or after `line` that is neither blank nor a comment."""
        while line <= len(self.lines):
            if not self.lines[line - 1].strip() or line in self.marker_lines:
                line += 1
                continue
            comment_end = self.parsed.comment_end(line)
            if comment_end is None:
                return line
            line = comment_end + 1
        return None

    def _regions(self) -> None:
        open_regions: dict[str, Marker] = {}
        for marker in self.markers:
            if marker.verb == "start":
                if marker.ref in open_regions:
                    self.diagnostics.append(
                        error(
                            "region-mismatch",
                            self.path,
                            marker.line,
                            f"region {marker.ref!r} is already open (line {open_regions[marker.ref].line}); close it with @pattern-end {marker.ref} first",
                        )
                    )
                    continue
                open_regions[marker.ref] = marker
            elif marker.verb == "end":
                self._close(marker, open_regions)
        for marker in open_regions.values():
            self.diagnostics.append(
                error(
                    "region-unclosed",
                    self.path,
                    marker.line,
                    f"region {marker.ref!r} is never closed; add `@pattern-end {marker.ref}` after its last line",
                )
            )

    def _close(self, marker: Marker, open_regions: dict[str, Marker]) -> None:
        start = open_regions.pop(marker.ref, None)
        if start is not None and not any(self.lines[n - 1].strip() for n in range(start.line + 1, marker.line)):
            self.diagnostics.append(
                error(
                    "region-empty",
                    self.path,
                    start.line,
                    f"region {marker.ref!r} is empty; put the lines to show between its start and end markers",
                )
            )
            return
        if start is not None:
            self.extents.append(([start], start.line + 1, marker.line - 1))
            return
        if open_regions:
            names = ", ".join(sorted(open_regions))
            self.diagnostics.append(
                error(
                    "region-mismatch",
                    self.path,
                    marker.line,
                    f"`@pattern-end {marker.ref}` does not match the open region ({names}); end the region with the id it started with",
                )
            )
            if len(open_regions) == 1:  # the one mistake is this end: do not also report the region as unclosed
                open_regions.clear()
        else:
            self.diagnostics.append(
                error(
                    "region-mismatch",
                    self.path,
                    marker.line,
                    f"`@pattern-end {marker.ref}` without a matching `@pattern-start {marker.ref}` above it",
                )
            )

    def _hides(self) -> list[tuple[Marker, int]]:
        """Hidden runs as (hide-start marker, line of its hide-end)."""
        runs = []
        opened: Marker | None = None
        for marker in self.markers:
            if marker.verb == "hide-start":
                if opened:
                    self.diagnostics.append(
                        error(
                            "hide-mismatch",
                            self.path,
                            marker.line,
                            f"`@pattern-hide-start` while the one at line {opened.line} is still open; add `@pattern-hide-end` first",
                        )
                    )
                    continue
                opened = marker
            elif marker.verb == "hide-end":
                if opened is None:
                    self.diagnostics.append(
                        error(
                            "hide-mismatch",
                            self.path,
                            marker.line,
                            "`@pattern-hide-end` without `@pattern-hide-start` above it",
                        )
                    )
                    continue
                runs.append((opened, marker.line))
                opened = None
        if opened:
            self.diagnostics.append(
                error(
                    "hide-mismatch",
                    self.path,
                    opened.line,
                    "`@pattern-hide-start` is never closed; add `@pattern-hide-end` after the hidden lines",
                )
            )
        return runs

    def _check_hides_inside(self, hides: list[tuple[Marker, int]]) -> None:
        for marker, end in hides:
            if not any(start <= marker.line and end <= last for _, start, last in self.extents):
                self.diagnostics.append(
                    error(
                        "hide-outside-unit",
                        self.path,
                        marker.line,
                        "`@pattern-hide-start` outside any marked unit or region; hide markers only work inside the code a @pattern marker or region marks",
                    )
                )

    def _segments(self, start: int, end: int, hides: list[tuple[Marker, int]]) -> tuple[Segment, ...]:
        runs: list[tuple[int, list[str], str | None]] = []
        current: list[str] = []
        current_start = start
        line = start
        while line <= end:
            hide = next(((m, e) for m, e in hides if m.line == line and e <= end), None)
            if hide or line in self.marker_lines:
                if hide:
                    opener, closer = hide[0].comment
                    elision = f"{hide[0].indent}{opener} ...{' ' + closer if closer else ''}"
                    runs.append((current_start, current, elision))
                elif current:
                    runs.append((current_start, current, None))
                line = hide[1] + 1 if hide else line + 1
                current, current_start = [], line
                continue
            current.append(self.lines[line - 1])
            line += 1
        runs.append((current_start, current, None))
        return _dedent([r for r in runs if r[1] or r[2]])


def _dedent(runs: list[tuple[int, list[str], str | None]]) -> tuple[Segment, ...]:
    shown = [line for _, lines, elision in runs for line in [*lines, elision or ""] if line.strip()]
    width = min((len(line) - len(line.lstrip()) for line in shown), default=0)
    segments = []
    for start, lines, elision in runs:
        cut = tuple(line[width:].rstrip() if line.strip() else "" for line in lines)
        segments.append(Segment(start, cut, elision[width:] if elision else None))
    return tuple(_join(segments))


def _join(segments: list[Segment]) -> list[Segment]:
    """Merge runs that follow each other with no elision between them (marker lines removed)."""
    joined: list[Segment] = []
    for segment in segments:
        last = joined[-1] if joined else None
        if last and last.elided_after is None and last.start + len(last.lines) == segment.start:
            joined[-1] = Segment(last.start, last.lines + segment.lines, segment.elided_after)
        else:
            joined.append(segment)
    return joined
