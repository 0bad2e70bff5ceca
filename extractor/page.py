"""One catalogue page's text -> its `Page` of `Pattern`s, whatever shape each section of it has (pure).

`blocks` tells headings from code and HTML, `anchors` gives each heading the site's anchor, `shapes`
decides which headings are patterns and `fields` what their Example slots hold. A home page
(`index.md` or `README.md` at the top of the catalogue folder) is read for links only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from extractor.aliases import aliases_of, front_matter
from extractor.anchors import Heading, anchored
from extractor.blocks import Structure, read_structure
from extractor.catalogue import Reading, Slugify, page_key
from extractor.fields import EXAMPLE, RELATED, Vocabulary, label_of, read_slot
from extractor.generated import find_blocks, masked
from extractor.model import Diagnostic, Kind, Page, Pattern, Reference, SlotState, Span, error, info, warning
from extractor.references import page_links, reference, split_entries
from extractor.shapes import PATTERN_FORM, Found, Shape, read_shape
from extractor.valid_ids import check_ids


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
        structure.headings, reading.slugify or _toc_slugify(), reading.separator, reading.uses("attr_list")
    )
    return _Source(lines, first, meta, structure, headings), generated


def _toc_slugify() -> Slugify:
    """Python-Markdown's own slugify, which the toc extension uses unless the site names another."""
    from markdown.extensions import toc

    slugify: Slugify = toc.slugify
    return slugify


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
