"""One file's text -> the examples its markers mark, and what is wrong with the markers."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate

from extractor.lines import normalized, split_lines
from extractor.model import Diagnostic, Marker, Segment, error
from extractor.scan.found import Found
from extractor.scan.languages import Language
from extractor.scan.markers import read_markers
from extractor.scan.parsed import Parsed


def extract_file(path: str, text: str, language: Language) -> tuple[list[Found], list[Diagnostic]]:
    """Find the markers of one file and cut out what they mark (pure)."""
    text = normalized(text)
    read = read_markers(path, text, docstring=language.parser == "python")
    if not read.markers and not read.misspelt and not read.diagnostics:
        return [], []
    near = {m.line for m in read.markers + read.misspelt} | {d.location.line for d in read.diagnostics}
    parsed = Parsed(path, text, language, near)
    markers = _real_markers(read.markers, parsed)
    misspelt = _real_markers(read.misspelt, parsed)
    diagnostics = _real_problems(read.diagnostics, parsed)
    if not markers and not misspelt:
        return [], diagnostics
    cutter = _Cutter(path, parsed, markers, misspelt)
    found = cutter.cut()
    return found, diagnostics + cutter.diagnostics


def allow_markers(path: str, text: str, language: Language) -> list[Marker]:
    """The `@pattern-allow` markers of one file that are real comments."""
    if "@pattern-allow" not in text:
        return []
    text = normalized(text)
    allows = [m for m in read_markers(path, text).markers if m.verb == "allow"]
    return _real_markers(allows, Parsed(path, text, language, {m.line for m in allows})) if allows else []


def cut_extent(path: str, text: str, language: Language, start: int, end: int) -> tuple[Segment, ...]:
    """Lines start..end of a file as a marked example shows them: marker lines left out, hidden runs elided."""
    text = normalized(text)
    read = read_markers(path, text, docstring=language.parser == "python")
    parsed = Parsed(path, text, language, {m.line for m in read.markers}) if read.markers else None
    cutter = _Cutter(path, parsed, _real_markers(read.markers, parsed), []) if parsed else None
    if cutter is None:
        lines = split_lines(text)
        return _dedent([(start, lines[start - 1 : end], None)])
    hidden = cutter._hides()
    return cutter._segments(start, end, _overlapping(hidden, [run.end for run in hidden], _Extent([], start, end, 0)))


def _real_markers(markers: list[Marker], parsed: Parsed) -> list[Marker]:
    """Drop candidates that a parser shows are not in a comment (string literals, code)."""
    return [
        m
        for m in markers
        if (parsed.in_docstring(m.line) and m.verb == "pattern" if m.in_docstring else parsed.in_comment(m.line))
    ]


def _real_problems(diagnostics: list[Diagnostic], parsed: Parsed) -> list[Diagnostic]:
    """Drop marker problems on lines a parser shows are not comments or docstrings."""
    return [d for d in diagnostics if parsed.in_comment(d.location.line) or parsed.in_docstring(d.location.line)]


@dataclass(frozen=True)
class _Extent:
    """The lines a unit or region covers, and the markers naming it."""

    named: list[Marker]
    """The markers that get an example of it: none when a misspelt marker opened or closed it."""
    start: int
    end: int
    line: int
    """The first marker's line, to order examples that start on the same line."""


@dataclass(frozen=True)
class _Hidden:
    """A run of hidden lines, from its `@pattern-hide-start` line to its `@pattern-hide-end` line."""

    start: int
    end: int
    marker: Marker


class _Cutter:
    """The small state machine over one file's markers: units, regions, hidden runs.

    Misspelt markers take part as what they were meant to be, so that the markers they pair with are
    not reported as unpaired; they name no example (hide markers among them still hide) and their own
    problems are left to the misspelling's warning.
    """

    def __init__(self, path: str, parsed: Parsed, markers: list[Marker], misspelt: list[Marker]) -> None:
        self.path, self.parsed = path, parsed
        self.markers = sorted(markers + misspelt, key=lambda m: m.line)
        self.misspelt = {m.line for m in misspelt}
        self.lines = parsed.lines
        self.marker_lines = {m.line for m in self.markers}
        self.naming_lines = {m.line for m in self.markers if not m.verb.startswith("hide")}
        self.diagnostics: list[Diagnostic] = []
        self.extents: list[_Extent] = []

    def cut(self) -> list[Found]:
        self._units()
        self._regions()
        hidden = self._hides()
        ends = [run.end for run in hidden]
        found: list[Found] = []
        for extent in sorted(self.extents, key=lambda e: (e.start, e.line)):
            if not extent.named:
                continue
            segments = self._segments(extent.start, extent.end, _overlapping(hidden, ends, extent))
            found.extend(
                Found(m.ref, m.title, m.line, extent.start, extent.end, segments, m.allow_secret) for m in extent.named
            )
        self._check_hides_inside(hidden)
        self.diagnostics = [d for d in self.diagnostics if d.location.line not in self.misspelt]
        return found

    def _named(self, markers: list[Marker]) -> list[Marker]:
        return [m for m in markers if m.line not in self.misspelt]

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
        self.extents.append(_Extent(self._named([marker]), owner.start, owner.end, marker.line))

    def _unit_after(self, stacked: list[Marker]) -> None:
        first = stacked[-1].line + 1
        code = self._first_code_line(first)
        end = self.parsed.unit_end(code) if code else None
        if code is None or end is None:
            reason = self.parsed.problem or "there is no declaration or statement right after it"
            fix = (
                "put the marker on the line above the code it marks, or mark a region with @pattern-start/@pattern-end"
            )
            line = next((m.line for m in self._named(stacked)), stacked[0].line)
            self.diagnostics.append(
                error("marker-dangling", self.path, line, f"marker with nothing after it: {reason}; {fix}")
            )
            return
        while first < code and not self.lines[first - 1].strip():
            first += 1
        while end > code and (end in self.naming_lines or not self.lines[end - 1].strip()):
            end -= 1
        self.extents.append(_Extent(self._named(stacked), first, end, stacked[0].line))

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
            named = self._named([start]) if marker.line not in self.misspelt else []
            self.extents.append(_Extent(named, start.line + 1, marker.line - 1, start.line))
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

    def _hides(self) -> list[_Hidden]:
        """Hidden runs, in order; they never overlap, since a hide cannot open while another is open."""
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
                runs.append(_Hidden(opened.line, marker.line, opened))
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

    def _check_hides_inside(self, hidden: list[_Hidden]) -> None:
        """A hidden run that shares no line with any unit or region hides nothing: say so."""
        extents = sorted(self.extents, key=lambda e: e.start)
        starts = [e.start for e in extents]
        reach = list(accumulate((e.end for e in extents), max))
        for run in hidden:
            before = bisect.bisect_right(starts, run.end)
            if before and reach[before - 1] >= run.start:
                continue
            self.diagnostics.append(
                error(
                    "hide-outside-unit",
                    self.path,
                    run.start,
                    "`@pattern-hide-start` outside any marked unit or region; hide markers only work inside the code a @pattern marker or region marks",
                )
            )

    def _segments(self, start: int, end: int, runs: list[_Hidden]) -> tuple[Segment, ...]:
        """Lines start..end without marker lines, each hidden run (even one that begins above `start` or ends
        below `end`: hidden lines stay hidden in every unit and region they are in) shown as one elision line."""
        pieces: list[tuple[int, list[str], str | None]] = []
        current: list[str] = []
        current_start = line = start
        upcoming = iter(runs)
        run = next(upcoming, None)
        while line <= end:
            if run is not None and run.start <= line:
                pieces.append((current_start, current, _elision(run.marker)))
                line, run = run.end + 1, next(upcoming, None)
                current, current_start = [], line
            elif line in self.marker_lines:
                pieces.append((current_start, current, None))
                line += 1
                current, current_start = [], line
            else:
                current.append(self.lines[line - 1])
                line += 1
        pieces.append((current_start, current, None))
        return _dedent([p for p in pieces if p[1] or p[2]])


def _overlapping(hidden: list[_Hidden], ends: list[int], extent: _Extent) -> list[_Hidden]:
    """The hidden runs that share a line with `extent` (`ends`: where each run of `hidden` ends)."""
    runs = []
    index = bisect.bisect_left(ends, extent.start)
    while index < len(hidden) and hidden[index].start <= extent.end:
        runs.append(hidden[index])
        index += 1
    return runs


def _elision(marker: Marker) -> str:
    opener, closer = marker.comment
    return f"{marker.indent}{opener} ...{' ' + closer if closer else ''}"


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
