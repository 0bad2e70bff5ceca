"""Catalogue pages -> `Page`s of `Pattern`s, whatever shape each section of a page has (pure but for reading files).

`blocks` tells headings from code and HTML, `anchors` gives each heading the site's anchor, `shapes`
decides which headings are patterns and `fields` what their Example slots hold. `index.md` or
`README.md` at the top of the catalogue folder is its home page, read for links only.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify

from extractor.aliases import aliases_of, front_matter, resolve_aliases
from extractor.anchors import Heading, anchored
from extractor.blocks import Structure, read_structure
from extractor.fields import EXAMPLE, RELATED, Vocabulary, label_of, read_slot
from extractor.generated import find_blocks, masked
from extractor.globs import ignored
from extractor.model import Catalogue, Diagnostic, Kind, Page, Pattern, Reference, SlotState, Span, error, info, warning
from extractor.read import SPECIAL, SpecialFile, TooLarge, read_bytes
from extractor.references import page_links, reference, split_entries
from extractor.scan.cache import memoised
from extractor.shapes import PATTERN_FORM, Found, Shape, read_shape
from extractor.valid_ids import check_ids

Slugify = Callable[[str, str], str]
HOME_PAGES = ("index.md", "README.md")
"""Files at the top of the catalogue folder that are its home page, the first found."""


@dataclass(frozen=True)
class Reading:
    """How pages are read: the toc's slugify and separator, the field vocabulary, the site's Markdown extensions."""

    slugify: Slugify | None = None
    separator: str = "-"
    fields: tuple[str, ...] = ()
    """Field names besides the default vocabulary."""
    extensions: tuple[str, ...] | None = None
    """The site's Markdown extensions; None when unknown: then read as a Material site (`attr_list`,
    `md_in_html`, `pymdownx.superfences`)."""

    def uses(self, extension: str) -> bool:
        """True when the site runs `extension` (`attr_list`, `md_in_html`, `superfences`)."""
        if self.extensions is None:
            return True
        names = {name.removeprefix("markdown.extensions.").removeprefix("pymdownx.") for name in self.extensions}
        return extension in names or (extension in ("attr_list", "md_in_html") and "extra" in names)


def page_key(filename: str) -> str:
    """`backend-patterns.md` -> `backend`."""
    stem = Path(filename).stem
    return stem[: -len("-patterns")] if stem.endswith("-patterns") and stem != "-patterns" else stem


def load_catalogue(
    root: Path,
    folder: str,
    slugify: Slugify | None = None,
    separator: str = "-",
    max_size: int = 5_000_000,
    exclude: tuple[str, ...] = (),
    fields: tuple[str, ...] = (),
    extensions: tuple[str, ...] | None = None,
) -> tuple[Catalogue, list[Diagnostic]]:
    """Read every `*.md` under `root/folder` into a catalogue, but those `exclude` names (.gitignore syntax)."""
    base = root / folder
    if not base.is_dir():
        message = "catalogue folder does not exist; create it or set `catalogue` in mkdocs.yml"
        return Catalogue((), folder=folder), [error("catalogue-missing", folder, 0, message)]
    reading = Reading(slugify, separator, tuple(fields), extensions)
    diagnostics: list[Diagnostic] = []
    pages = []
    paths = _markdown_files(root, base, ignored(exclude), diagnostics)
    homes = {posixpath.join(folder, name) for name in HOME_PAGES} if folder != "." else set(HOME_PAGES)
    for path in paths:
        text = _read_page(root, path, max_size, diagnostics)
        if text is not None:
            page, found = _parsed(path, text, reading, path in homes)
            pages.append(page)
            diagnostics.extend(found)
    diagnostics.extend(_duplicate_keys(pages))
    aliases = resolve_aliases(pages, diagnostics)
    return Catalogue(tuple(pages), aliases, folder), diagnostics


def _markdown_files(root: Path, base: Path, skipped: Callable[[str], bool], diagnostics: list[Diagnostic]) -> list[str]:
    """Paths (relative to root) of the `*.md` files under `base`, sorted; a folder that cannot be read is reported."""

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename).relative_to(root).as_posix() if exc.filename else base.name
        message = f"catalogue folder cannot be read ({exc.strerror}), so its pages are left out; fix its permissions, or list it in `exclude_pages`"
        diagnostics.append(error("folder-unreadable", where, 0, message))

    found = []
    for folder, subfolders, names in os.walk(base, onerror=unreadable):
        inside = Path(folder).relative_to(base).as_posix()
        prefix = "" if inside == "." else f"{inside}/"
        subfolders[:] = sorted(name for name in subfolders if not skipped(f"{prefix}{name}/"))
        found += [f"{prefix}{name}" for name in names if name.endswith(".md") and not skipped(f"{prefix}{name}")]
    top = base.relative_to(root).as_posix()
    return sorted((posixpath.join(top, name) if top != "." else name for name in found), key=lambda p: p.split("/"))


def _read_page(root: Path, path: str, max_size: int, diagnostics: list[Diagnostic]) -> str | None:
    """The text of a page; None with a diagnostic when it is too large, not UTF-8, unreadable, not a file,
    or a symlink to a file outside the project."""
    if not (root / path).resolve().is_relative_to(root.resolve()):
        diagnostics.append(error("page-unreadable", path, 0, "not read: a symlink to a file outside the project"))
        return None
    try:
        data = read_bytes(root / path, max_size)
    except SpecialFile:
        diagnostics.append(info("page-skipped", path, 0, f"{SPECIAL}; skipped"))
        return None
    except TooLarge as exc:
        size = f"{exc.size:,} bytes, above `max_file_size` ({max_size:,})"
        message = f"catalogue page not read: {size}; split it into several pages"
        diagnostics.append(error("page-unreadable", path, 0, message))
        return None
    except OSError as exc:
        diagnostics.append(error("page-unreadable", path, 0, f"cannot read catalogue page: {exc.strerror}"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diagnostics.append(error("page-unreadable", path, line, "catalogue page is not valid UTF-8; save it as UTF-8"))
        return None


@memoised(maxsize=256)
def _parsed(path: str, text: str, reading: Reading, home: bool) -> tuple[Page, tuple[Diagnostic, ...]]:
    """`parse_page`, remembered: `mkdocs serve` rebuilds after every edit, mostly of code, not of the catalogue."""
    page, found = parse_page(path, text, reading, home=home)
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
        if page.home:
            continue
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


@dataclass(frozen=True)
class _Source:
    """A page's lines as read: generated blocks blanked, front matter and structure known."""

    lines: list[str]
    first: int
    """Index of the first line after the front matter."""
    meta: object
    structure: Structure
    headings: list[Heading]


def _source(path: str, text: str, reading: Reading, diagnostics: list[Diagnostic]) -> tuple[_Source, list[Span]]:
    lines = text.lstrip("\ufeff").splitlines()
    generated, problems = find_blocks(path, lines)
    diagnostics.extend(problems)
    lines = masked(lines, generated)  # blank, not removed: line numbers stay the file's own
    first, meta = front_matter(path, lines, diagnostics)
    structure = read_structure(lines, first, reading.uses("md_in_html"), reading.uses("superfences"))
    headings = anchored(
        structure.headings, reading.slugify or default_slugify, reading.separator, reading.uses("attr_list")
    )
    return _Source(lines, first, meta, structure, headings), generated


def page_shape(page: Page, reading: Reading) -> Shape:
    """How a page was read, heading by heading (for `patterns list --explain`)."""
    source, _ = _source(page.path, page.text, reading, [])
    vocabulary = Vocabulary.of(reading.fields)
    shape = read_shape(source.lines, source.headings, source.structure.is_text, source.first, vocabulary)
    return replace(shape, hidden=source.structure.hidden_headings)


def parse_page(
    path: str,
    text: str,
    slugify: Slugify | Reading | None = None,
    separator: str = "-",
    fields: Iterable[str] = (),
    home: bool = False,
) -> tuple[Page, list[Diagnostic]]:
    """Parse one catalogue page (pure: text in, page and diagnostics out); a home page gets no patterns.

    `slugify` may be a whole `Reading` instead (then `separator` and `fields` are not used).
    """
    diagnostics: list[Diagnostic] = []
    reading = slugify if isinstance(slugify, Reading) else Reading(slugify, separator, tuple(fields))
    source, generated = _source(path, text, reading, diagnostics)
    if source.structure.unclosed_fence is not None:
        message = "code fence is never closed; add the closing fence"
        diagnostics.append(error("fence-unclosed", path, source.structure.unclosed_fence + 1, message))
    filename = Path(path).name
    key = page_key(filename)
    shape = read_shape(
        source.lines, source.headings, source.structure.is_text, source.first, Vocabulary.of(reading.fields)
    )
    patterns = [] if home else _patterns(path, key, source, shape, diagnostics)
    if home and shape.patterns:
        message = f"{filename} is the catalogue's home page, so its {len(shape.patterns)} pattern-like headings are not read as patterns; move them to another page"
        diagnostics.append(info("home-page-patterns", path, shape.patterns[0].heading.line, message))
    diagnostics += check_ids(path, key, source.headings, patterns)
    titles = [h.title for h in source.headings if h.level == 1]
    hidden = source.structure.code | source.structure.raw
    page = Page(
        key=key,
        path=path,
        filename=filename,
        text=text,
        title=titles[0] if titles else key,
        anchors=frozenset(h.anchor for h in source.headings),
        patterns=tuple(_not_code(path, source.meta, patterns, diagnostics)),
        links=tuple(page_links(source.lines, set(hidden), source.first)),
        aliases=tuple(aliases_of(path, source.meta, source.lines[: source.first], diagnostics)),
        generated=tuple(generated),
        home=home,
    )
    return page, diagnostics


def _patterns(path: str, key: str, source: _Source, shape: Shape, diagnostics: list[Diagnostic]) -> list[Pattern]:
    if not shape.patterns:
        message = f"no patterns on this page; {PATTERN_FORM}. `patterns list --page {key} --explain` shows how it was read; if it is not a page of patterns, list it in `exclude_pages`"
        diagnostics.append(warning("page-without-patterns", path, 1, message))
    for stray in shape.strays:
        message = f"field {stray.name!r} belongs to no pattern: {stray.why}; move it under the pattern it belongs to (`patterns list --page {key} --explain` shows how the page was read)"
        diagnostics.append(warning("field-outside-pattern", path, stray.line, message))
    return [_pattern(path, key, source, found, diagnostics) for found in shape.patterns]


def _pattern(path: str, key: str, source: _Source, found: Found, diagnostics: list[Diagnostic]) -> Pattern:
    heading = found.heading
    fields = {f.name: f for f in found.fields}
    example = fields.get(EXAMPLE)
    code = source.structure.code
    slot = read_slot(source.lines, Span(example.start, example.end), example.inline, code) if example else None
    if slot is None and not found.anti and found.fields:
        message = f"pattern {heading.title!r} has no Example field; extracted examples are added at its end. Add `**Example**:` to place them"
        diagnostics.append(warning("example-field-missing", path, heading.line, message))
    related = fields.get(RELATED)
    related_span = Span(related.start, related.end) if related else None
    return Pattern(
        id=f"{key}/{heading.anchor}",
        title=heading.title,
        kind=Kind.ANTI_PATTERN if found.anti else Kind.PATTERN,
        page=key,
        category=found.category,
        heading_line=heading.line,
        body=Span(heading.line, found.end),
        slot=slot.state if slot else SlotState.MISSING,
        slot_span=slot.span if slot else None,
        slot_content=slot.content if slot else None,
        related=tuple(_references(source, related_span)) if related_span else (),
        related_span=related_span,
        fields=tuple(f.name for f in found.fields),
        field_lines=tuple(f.start for f in found.fields if f.inline is not None),
        slot_has_code=slot.has_code if slot else False,
        not_code=slot is not None and slot.state is SlotState.NOT_CODE,
    )


def _references(source: _Source, span: Span) -> list[Reference]:
    """The entries of a Related Patterns field: after its label, or on the lines below its label or heading."""
    found: list[Reference] = []
    for number in range(span.start, span.end + 1):
        line = source.lines[number - 1]
        if not source.structure.is_text(number - 1):
            continue
        label = label_of(line) if number == span.start else None
        if number == span.start and label is None:
            continue  # the `### Related Patterns` heading
        text = label.rest if label else line
        text = text.strip().lstrip("-*+ ").strip()
        found += [reference(entry, number) for entry in split_entries(text)]
    return found


NOT_CODE_FORM = "not_code: true` (every pattern of the page) or `not_code: [slug or title, ...]"


def _not_code(path: str, meta: object, patterns: list[Pattern], diagnostics: list[Diagnostic]) -> list[Pattern]:
    """The patterns, those the front matter's `not_code` names marked as practices rather than code."""
    wanted = meta.get("not_code") if isinstance(meta, dict) else None
    if wanted is None or wanted is False:
        return patterns
    if wanted is True:
        return [replace(p, not_code=True) for p in patterns]
    if not isinstance(wanted, list) or not all(isinstance(name, str) for name in wanted):
        diagnostics.append(error("front-matter-invalid", path, 1, f"`not_code` must be `{NOT_CODE_FORM}`"))
        return patterns
    named = {name.casefold() for name in wanted}
    known = {p.slug.casefold() for p in patterns} | {p.title.casefold() for p in patterns}
    for name in wanted:
        if name.casefold() not in known:
            message = f"`not_code` names {name!r}, which is no pattern of this page; write a slug or title that `patterns list` shows"
            diagnostics.append(error("front-matter-invalid", path, 1, message))
    return [replace(p, not_code=True) if {p.slug.casefold(), p.title.casefold()} & named else p for p in patterns]


def declare_not_code(catalogue: Catalogue, entries: Iterable[str]) -> tuple[Catalogue, list[Diagnostic]]:
    """The plugin block's `not_code`: page keys and pattern ids whose patterns are practices, not code."""
    entries = list(entries)
    keys = {page.key for page in catalogue.pages}
    ids = {p.id for p in catalogue.patterns}
    problems = [
        error(
            "config-invalid",
            "mkdocs.yml",
            0,
            f"`not_code` lists {entry!r}, which is neither a catalogue page key nor a pattern id; run `patterns list` to see them",
        )
        for entry in entries
        if entry not in keys and entry not in ids
    ]
    wanted = set(entries)
    if not wanted:
        return catalogue, problems
    pages = tuple(
        replace(
            page, patterns=tuple(replace(p, not_code=True) if {p.id, p.page} & wanted else p for p in page.patterns)
        )
        for page in catalogue.pages
    )
    return replace(catalogue, pages=pages), problems
