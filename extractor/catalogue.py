"""Catalogue pages -> `Page`s of `Pattern`s, for both catalogue shapes, without configuration.

Shape A (the seed): a pattern is a heading under a category heading, its fields bold labels
(`**Context**: ...`). Shape B: a pattern is a heading whose fields are sub-headings
(`### Context`). The shape is told per file from where the fields are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify
from markdown.extensions.toc import unique

from extractor.aliases import aliases_of, front_matter, resolve_aliases
from extractor.generated import find_blocks, masked
from extractor.globs import ignored
from extractor.model import (
    Catalogue,
    Diagnostic,
    Kind,
    Page,
    Pattern,
    Reference,
    SlotState,
    Span,
    error,
    info,
    warning,
)
from extractor.references import page_links, reference, split_entries
from extractor.scan.cache import memoised
from extractor.text import fenced_lines, unclosed_fence

Slugify = Callable[[str, str], str]

FIELD_NAMES = ("context", "implementation", "example", "examples", "rationale", "related patterns")
ANTI_RE = re.compile(r"anti[- ]?patterns?\b", re.IGNORECASE)
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
ATTR_ID_RE = re.compile(r"\s*\{:?\s*[^}]*?#([\w.:-]+)[^}]*\}\s*$")
LABEL_RE = re.compile(r"^\*\*([A-Za-z][A-Za-z /&-]{0,40}?):?\*\*:?[ \t]*(.*)$")
PLACEHOLDER_RE = re.compile(r"^_\((.*)\)_$|^\*\((.*)\)\*$|^$")
NOT_CODE_RE = re.compile(r"^not code\b", re.IGNORECASE)
INLINE_RE = re.compile(
    r"`([^`]*)`|\[([^\]]*)\]\([^)]*\)|<[^>]+>|\*{1,3}(?=\S)|(?<=\S)\*{1,3}|(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)"
)


@dataclass(frozen=True)
class Heading:
    """A Markdown heading outside code."""

    line: int
    level: int
    title: str
    anchor: str


def page_key(filename: str) -> str:
    """`backend-patterns.md` -> `backend`."""
    stem = Path(filename).stem
    return stem[: -len("-patterns")] if stem.endswith("-patterns") and stem != "-patterns" else stem


def plain_text(title: str) -> str:
    """Heading text as the site shows it: inline Markdown and HTML removed."""
    text = INLINE_RE.sub(lambda m: m.group(1) or m.group(2) or "", title)
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").strip()


def load_catalogue(
    root: Path,
    folder: str,
    slugify: Slugify | None = None,
    separator: str = "-",
    max_size: int = 5_000_000,
    exclude: tuple[str, ...] = (),
) -> tuple[Catalogue, list[Diagnostic]]:
    """Read every `*.md` under `root/folder` into a catalogue, but those `exclude` names (.gitignore syntax)."""
    base = root / folder
    diagnostics: list[Diagnostic] = []
    if not base.is_dir():
        return Catalogue(()), [
            error(
                "catalogue-missing",
                folder,
                0,
                "catalogue folder does not exist; create it or set `catalogue` in mkdocs.yml",
            )
        ]
    pages = []
    skipped = ignored(exclude)
    for path in sorted(base.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        if skipped(path.relative_to(base).as_posix()):
            continue
        if not path.resolve().is_relative_to(root.resolve()):
            diagnostics.append(error("page-unreadable", rel, 0, "not read: a symlink to a file outside the project"))
            continue
        try:
            if path.stat().st_size > max_size:
                size = f"{path.stat().st_size:,} bytes, above `max_file_size` ({max_size:,})"
                diagnostics.append(
                    error("page-unreadable", rel, 0, f"catalogue page not read: {size}; split it into several pages")
                )
                continue
            data = path.read_bytes()
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            diagnostics.append(
                error("page-unreadable", rel, line, "catalogue page is not valid UTF-8; save it as UTF-8")
            )
            continue
        except OSError as exc:
            diagnostics.append(error("page-unreadable", rel, 0, f"cannot read catalogue page: {exc.strerror}"))
            continue
        page, found = _parsed(rel, text, slugify, separator)
        pages.append(page)
        diagnostics.extend(found)
    diagnostics.extend(_duplicate_keys(pages))
    aliases = resolve_aliases(pages, diagnostics)
    return Catalogue(tuple(pages), aliases), diagnostics


@memoised(maxsize=256)
def _parsed(path: str, text: str, slugify: Slugify | None, separator: str) -> tuple[Page, tuple[Diagnostic, ...]]:
    """`parse_page`, remembered: `mkdocs serve` rebuilds after every edit, mostly of code, not of the catalogue."""
    page, found = parse_page(path, text, slugify, separator)
    return page, tuple(found)


def check_page_sizes(catalogue: Catalogue, limit: int) -> list[Diagnostic]:
    """A note for each page with more patterns than `limit`: it renders, but a reader would rather have it split."""
    return [
        info(
            "page-too-many-patterns",
            page.path,
            1,
            f"{len(page.patterns):,} patterns on one page, above `max_patterns_per_page` ({limit:,}); it renders, but consider splitting it",
        )
        for page in catalogue.pages
        if len(page.patterns) > limit
    ]


def _duplicate_keys(pages: list[Page]) -> list[Diagnostic]:
    seen: dict[str, Page] = {}
    found = []
    for page in pages:
        if page.key in seen:
            found.append(
                error(
                    "page-key-duplicate",
                    page.path,
                    1,
                    f"catalogue key {page.key!r} is also the key of {seen[page.key].path}; rename one file",
                )
            )
        seen.setdefault(page.key, page)
    return found


def parse_page(
    path: str, text: str, slugify: Slugify | None = None, separator: str = "-"
) -> tuple[Page, list[Diagnostic]]:
    """Parse one catalogue page (pure: text in, page and diagnostics out)."""
    lines = text.lstrip("\ufeff").splitlines()
    generated, diagnostics = find_blocks(path, lines)
    lines = masked(lines, generated)  # blank, not removed: line numbers stay the file's own
    first, meta = front_matter(path, lines, diagnostics)
    headings, code = _headings(lines, first, slugify or default_slugify, separator)
    unclosed = unclosed_fence(lines, first)
    if unclosed is not None:
        diagnostics.append(
            error("fence-unclosed", path, unclosed + 1, "code fence is never closed; add the closing fence")
        )
    filename = Path(path).name
    key = page_key(filename)
    patterns = _patterns(path, key, lines, headings, code, diagnostics)
    titles = [h.title for h in headings if h.level == 1]
    page = Page(
        key=key,
        path=path,
        filename=filename,
        text=text,
        title=titles[0] if titles else key,
        anchors=frozenset(h.anchor for h in headings),
        patterns=tuple(patterns),
        links=tuple(page_links(lines, code, first)),
        aliases=tuple(aliases_of(path, meta, lines[:first], diagnostics)),
        generated=tuple(generated),
    )
    return page, diagnostics


def _headings(lines: list[str], first: int, slugify: Slugify, separator: str) -> tuple[list[Heading], set[int]]:
    """ATX headings outside fenced code, with the anchors the toc extension gives them."""
    code = fenced_lines(lines, first)
    headings: list[Heading] = []
    used: set[str] = set()
    for index in range(first, len(lines)):
        heading = None if index in code else HEADING_RE.match(lines[index])
        if heading:
            raw = heading.group(2)
            explicit = ATTR_ID_RE.search(raw)
            title = plain_text(ATTR_ID_RE.sub("", raw))
            anchor = explicit.group(1) if explicit else slugify(title, separator)
            headings.append(Heading(index + 1, len(heading.group(1)), title, unique(anchor, used)))
    return headings, code


def _fields_of(lines: list[str], code: set[int], start: int, end: int) -> list[tuple[int, str]]:
    """Bold-label fields `(line index, lower-case name)` between two line indexes."""
    found = []
    for index in range(start, end):
        if index in code:
            continue
        match = LABEL_RE.match(lines[index])
        if match:
            found.append((index, match.group(1).strip().lower()))
    return found


def _patterns(
    path: str, key: str, lines: list[str], headings: list[Heading], code: set[int], diagnostics: list[Diagnostic]
) -> list[Pattern]:
    ends = [h.line - 1 for h in headings[1:]] + [len(lines)]
    field_heading = [h.title.lower() in FIELD_NAMES for h in headings]
    owner_levels: Counter[int] = Counter()
    for i, h in enumerate(headings):
        if field_heading[i]:
            continue
        if _fields_of(lines, code, h.line, ends[i]) or (
            i + 1 < len(headings) and field_heading[i + 1] and headings[i + 1].level > h.level
        ):
            owner_levels[h.level] += 1
    if not owner_levels:
        diagnostics.append(warning("page-without-patterns", path, 1, f"no patterns on this page; {PATTERN_FORM}"))
        return []
    deeper = {level: n for level, n in owner_levels.items() if level > 1} or owner_levels  # level 1 is the title
    level = max(deeper, key=lambda lv: (deeper[lv], lv))
    patterns = _PatternBuilder(path, key, lines, headings, code, level, diagnostics).build()
    diagnostics.extend(_stray_fields(path, lines, code, headings, patterns))
    return patterns


PATTERN_FORM = (
    "a pattern is a `###` heading under a `##` category with fields like `**Context**:`, "
    "or a `##` heading with fields as `###` headings (`### Context`)"
)


def _stray_fields(
    path: str, lines: list[str], code: set[int], headings: list[Heading], patterns: list[Pattern]
) -> list[Diagnostic]:
    """Fields written where no pattern owns them: they would silently belong to nothing."""
    owned = [(p.body.start, p.body.end) for p in patterns]
    fields = [i + 1 for i, _ in _fields_of(lines, code, 0, len(lines))]
    fields += [h.line for h in headings if h.title.lower() in FIELD_NAMES]
    return [
        warning(
            "field-outside-pattern",
            path,
            line,
            f"field outside any pattern; move it under the pattern it belongs to ({PATTERN_FORM})",
        )
        for line in sorted(fields)
        if not any(start <= line <= end for start, end in owned)
    ]


class _PatternBuilder:
    """Walks the headings of one page and cuts them into patterns."""

    def __init__(
        self,
        path: str,
        key: str,
        lines: list[str],
        headings: list[Heading],
        code: set[int],
        level: int,
        diagnostics: list[Diagnostic],
    ) -> None:
        self.path, self.key, self.lines, self.headings, self.code = path, key, lines, headings, code
        self.level, self.diagnostics = level, diagnostics

    def build(self) -> list[Pattern]:
        patterns: list[Pattern] = []
        category = ""
        for i, h in enumerate(self.headings):
            if h.level < self.level:
                category = h.title
                continue
            anti_parent = h.level == self.level + 1 and self._parent_is_anti(i)
            if h.level != self.level and not anti_parent:
                continue
            pattern = self._pattern(i, category if not anti_parent else self._parent(i).title, anti_parent)
            if pattern is not None:
                patterns.append(pattern)
        return patterns

    def _parent(self, i: int) -> Heading:
        return next(h for h in reversed(self.headings[:i]) if h.level < self.headings[i].level)

    def _parent_is_anti(self, i: int) -> bool:
        parent = next((h for h in reversed(self.headings[:i]) if h.level < self.headings[i].level), None)
        return parent is not None and parent.level == self.level and bool(ANTI_RE.search(parent.title))

    def _end(self, i: int) -> int:
        """Last line (1-based) of heading i's body: before the next heading at its level or above."""
        level = self.headings[i].level
        nxt = next((h.line for h in self.headings[i + 1 :] if h.level <= level), len(self.lines) + 1)
        end = nxt - 1
        while end > self.headings[i].line and not self.lines[end - 1].strip():
            end -= 1
        return end

    def _pattern(self, i: int, category: str, anti_parent: bool) -> Pattern | None:
        h = self.headings[i]
        end = self._end(i)
        fields = self._fields(i, end)
        anti = anti_parent or bool(ANTI_RE.search(category)) or bool(ANTI_RE.search(h.title))
        if not fields and not anti:
            return None
        if (
            ANTI_RE.search(h.title)
            and not fields
            and any(x.level == h.level + 1 for x in self.headings[i + 1 :] if x.line <= end)
        ):
            return None  # an "Anti-Patterns" section of shape B: its sub-headings are the anti-patterns
        slot, slot_span, content = self._slot(fields, h, anti)
        related_span = fields.get("related patterns")
        return Pattern(
            id=f"{self.key}/{h.anchor}",
            title=h.title,
            kind=Kind.ANTI_PATTERN if anti else Kind.PATTERN,
            page=self.key,
            category=category,
            heading_line=h.line,
            body=Span(h.line, end),
            slot=slot,
            slot_span=slot_span,
            slot_content=content,
            related=tuple(self._references(related_span)) if related_span else (),
            related_span=related_span,
        )

    def _fields(self, i: int, end: int) -> dict[str, Span]:
        """Field name -> lines of the field (label line to its last non-blank line)."""
        h = self.headings[i]
        starts: list[tuple[int, str]] = [
            (line + 1, name) for line, name in _fields_of(self.lines, self.code, h.line, end)
        ]
        for sub in self.headings[i + 1 :]:
            if sub.line > end:
                break
            if sub.level == h.level + 1 and sub.title.lower() in FIELD_NAMES:
                starts.append((sub.line, sub.title.lower()))
            elif sub.level == h.level + 1 and starts:
                starts.append((sub.line, "\0"))  # an unknown sub-heading ends the field before it
        starts.sort()
        fields: dict[str, Span] = {}
        for n, (line, name) in enumerate(starts):
            last = starts[n + 1][0] - 1 if n + 1 < len(starts) else end
            while last > line and not self.lines[last - 1].strip():
                last -= 1
            if name != "\0":
                fields.setdefault("example" if name == "examples" else name, Span(line, last))
        return fields

    def _slot(self, fields: dict[str, Span], h: Heading, anti: bool) -> tuple[SlotState, Span | None, Span | None]:
        span = fields.get("example")
        if span is None:
            if not anti and fields:
                self.diagnostics.append(
                    warning(
                        "example-field-missing",
                        self.path,
                        h.line,
                        f"pattern {h.title!r} has no Example field; extracted examples are added at its end. Add `**Example**:` to place them",
                    )
                )
            return SlotState.MISSING, None, None
        first = self.lines[span.start - 1]
        label = LABEL_RE.match(first)
        inline = label.group(2).strip() if label else ""
        rest = [line.strip() for line in self.lines[span.start : span.end] if line.strip()]
        # the placeholder is inline after the label, or alone on a line below the label or `### Example`
        alone = inline if not rest else (rest[0] if not inline and len(rest) == 1 else None)
        placeholder = PLACEHOLDER_RE.match(alone) if alone is not None else None
        if placeholder:
            inner = (placeholder.group(1) or placeholder.group(2) or "").strip()
            return (SlotState.NOT_CODE if NOT_CODE_RE.match(inner) else SlotState.PLACEHOLDER), span, None
        content_start = span.start if inline else span.start + 1
        return SlotState.CONTENT, span, Span(content_start, span.end)

    def _references(self, span: Span) -> list[Reference]:
        found: list[Reference] = []
        for number in range(span.start, span.end + 1):
            line = self.lines[number - 1]
            label = LABEL_RE.match(line)
            if number == span.start and label is None:
                continue  # the `### Related Patterns` heading of shape B
            text = label.group(2) if label and number == span.start else line
            text = text.strip().lstrip("-*+ ").strip()
            for entry in split_entries(text):
                found.append(reference(entry, number))
        return found
