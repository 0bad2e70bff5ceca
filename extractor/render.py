"""Catalogue + examples + resolved links -> Markdown pages with every Example slot filled (pure)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import lru_cache, partial

from jinja2 import Environment, PackageLoader, StrictUndefined

from extractor import escape
from extractor.adoption import Adoption, Metrics, percent
from extractor.codeblock import render_examples
from extractor.examples import group_examples
from extractor.generated import without_blocks
from extractor.links import NO_LINKS, Destination, SiteLinks
from extractor.memo import Memo
from extractor.model import Catalogue, Example, Kind, Link, Page, Pattern, Severity, SlotState
from extractor.overview import Coverage, counts, coverage, insert_overview, published_home
from extractor.related import Resolved
from extractor.rules import Rule, Violation
from extractor.text import fenced_lines
from extractor.trends import INDEX, Trends
from extractor.written import label_line, written_blocks

_ENV = Environment(
    loader=PackageLoader("extractor", "templates"),
    keep_trailing_newline=True,
    undefined=StrictUndefined,
    autoescape=False,
)
LABEL_LINE_RE = re.compile(r"^(\s*\*\*[^*]+\*\*:?)(.*)$")
SEVERITY_WORDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "advisory, never fails a build"}


@dataclass(frozen=True)
class Checks:
    """The anti-patterns' rules and the places that break them, for the pages."""

    rules: tuple[Rule, ...] = ()
    violations: tuple[Violation, ...] = ()
    urls: dict[str, str | None] = field(default_factory=dict)
    """Rule id -> link to the rule file in the repository."""
    followed: tuple[Violation, ...] = ()
    """Places that follow a pattern, found by its rule."""
    metrics: Metrics = field(default_factory=Metrics)
    """Counts per rule and the pairs of opposite rules."""
    trends: Trends = field(default_factory=Trends)
    """Trend charts drawn from the history file."""

    def rule(self, pattern_id: str) -> Rule | None:
        """The rule of an anti-pattern, if it has one."""
        return next((r for r in self.rules if r.id == pattern_id), None)

    def of(self, pattern_id: str) -> list[Violation]:
        """The places that break an anti-pattern's rule."""
        return [v for v in self.violations if v.rule == pattern_id]

    def followers(self, pattern_id: str) -> list[Violation]:
        """The places that follow a pattern, as its rule finds them."""
        return [v for v in self.followed if v.rule == pattern_id]


@dataclass(frozen=True)
class Rendered:
    """A generated page of the site."""

    path: str
    """Path inside the generated tree (e.g. `backend-patterns.md`, `index.md`)."""
    text: str
    """Markdown."""


def _short(value: str, limit: int = 100) -> str:
    """A violation's code, cut to `limit` characters."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


_GLOBALS = {
    "text": escape.md_text,
    "code": escape.md_code,
    "link": escape.md_link,
    "url": escape.url,
    "fence": escape.fence,
    "short": _short,
}


def render_catalogue(
    catalogue: Catalogue,
    examples: list[Example],
    resolved: Resolved,
    checks: Checks = Checks(),
    links: SiteLinks = NO_LINKS,
) -> list[Rendered]:
    """Every catalogue page rendered, and the overview: in the home page's placeholder, or as `index.md`."""
    grouped = group_examples(examples)
    home = published_home(catalogue)
    pages = []
    for page in catalogue.pages:
        if page.home and page.path != home:
            continue
        key = _page_inputs(catalogue, page, grouped, resolved, checks, links)
        text: str = _PAGES.get(key, partial(render_page, catalogue, page, grouped, resolved, checks, links))
        if page.home:
            text = insert_overview(text, render_overview(catalogue, grouped, checks)) or text
        pages.append(Rendered(_site_path(catalogue, page), text))
    if home is None:
        pages.append(Rendered("index.md", render_index(catalogue, grouped, checks)))
    return pages


_PAGES = Memo(maxsize=256)
"""Pages rendered, by everything their rendering reads: `mkdocs serve` renders again only the pages an edit changes."""


def _page_inputs(
    catalogue: Catalogue,
    page: Page,
    grouped: dict[str, list[Example]],
    resolved: Resolved,
    checks: Checks,
    links: SiteLinks,
) -> Hashable:
    """Everything `render_page` reads for `page` (keep the two in step): the page; where the catalogue's pages
    are; its patterns' examples, Related Patterns targets and backlinks (with the titles and places of the
    patterns they name); its patterns' rules, the places that follow or break them, their adoption (with the
    patterns it is weighed against) and trend charts; where its links lead."""
    ids = [p.id for p in page.patterns]
    related = tuple((p.id, n, resolved.related.get((p.id, n))) for p in page.patterns for n in range(len(p.related)))
    backlinks = tuple(resolved.backlinks.get(i, ()) for i in ids)
    by_id = catalogue.index.by_id
    ruled = {r.id for r in checks.rules} & set(ids)
    rules = tuple(_rule_inputs(checks, i) for i in ids if i in ruled)
    opposites = {o for i in ruled for o in getattr(checks.metrics.of(i), "opposites", ())}
    targets = sorted({t for *_, t in related if t} | {t for named in backlinks for t in named} | opposites)
    shown = tuple((t, by_id[t].title, by_id[t].page, by_id[t].slug) for t in targets if t in by_id)
    places = (catalogue.folder, tuple((p.key, p.path) for p in catalogue.pages))
    examples = tuple(tuple(grouped.get(i, ())) for i in ids)
    link_inputs = (links.folder, links.links.get(page.path, ()))
    return (page, places, examples, related, backlinks, shown, rules, checks.trends.span, link_inputs)


def _rule_inputs(checks: Checks, pattern_id: str) -> Hashable:
    """What the rule and adoption blocks under one pattern show."""
    return (
        repr(checks.rule(pattern_id)),
        repr(checks.of(pattern_id)),
        repr(checks.followers(pattern_id)),
        checks.urls.get(pattern_id),
        repr(checks.metrics.of(pattern_id)),
        checks.trends.charts.get(pattern_id),
    )


_OVERVIEWS = Memo(maxsize=16)
"""Overviews rendered, by what they show."""
_relpath = lru_cache(maxsize=4096)(posixpath.relpath)
"""`posixpath.relpath`, remembered: pages, patterns and links ask for the same few paths again and again."""


def _site_path(catalogue: Catalogue, page: Page) -> str:
    """Where a page goes in the site, relative to the catalogue folder."""
    if catalogue.folder and catalogue.folder != ".":
        return _relpath(page.path, catalogue.folder)
    if catalogue.folder == ".":
        return page.path
    folder = (
        posixpath.commonpath([p.path for p in catalogue.pages])
        if len(catalogue.pages) > 1
        else posixpath.dirname(page.path)
    )
    return _relpath(page.path, folder) if folder else page.path


def _href(catalogue: Catalogue, here: Page, target: Pattern) -> str:
    """The relative link from `here` to a pattern's heading (a URL: percent-encoded)."""
    page = next(p for p in catalogue.pages if p.key == target.page)
    fragment = f"#{target.slug}"
    if page is here:
        return fragment
    return escape.url_path(_relpath(page.path, posixpath.dirname(here.path))) + fragment


def render_page(
    catalogue: Catalogue,
    page: Page,
    grouped: dict[str, list[Example]],
    resolved: Resolved,
    checks: Checks = Checks(),
    links: SiteLinks = NO_LINKS,
) -> str:
    """One page: the source text, every byte kept, with slots filled, references linked and links made to work in the site."""
    lines = without_blocks(page.text.splitlines(keepends=True), list(page.generated))  # the site shows them once
    _site_links(catalogue, page, lines, links)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    edits: list[tuple[int, int, list[str]]] = []  # (first index, end index, replacement lines), in insertion order
    by_id = catalogue.index.by_id
    for pattern in page.patterns:
        edits.extend(_slot_edits(pattern, lines, grouped.get(pattern.id, [])))
        edits.extend(_rule_edits(catalogue, page, pattern, checks))
        edits.extend(_adoption_edits(catalogue, page, pattern, checks))
        edits.extend(_related_edits(catalogue, page, pattern, lines, resolved, by_id))
        backlinks = [by_id[i] for i in resolved.backlinks.get(pattern.id, ())]
        if backlinks:
            refs = ", ".join(escape.md_link(escape.md_text(b.title), _href(catalogue, page, b)) for b in backlinks)
            edits.append((pattern.body.end, pattern.body.end, ["\n", f"**Referenced by**: {refs}\n"]))
    edits.extend(_field_breaks(page, lines))
    for written in written_blocks(page):  # labelled, so that no one takes them for code from the repository
        label = label_line(written, grouped.get(written.pattern.id, []))
        blank = [] if written.fence == 1 or not lines[written.fence - 2].strip() else ["\n"]
        edits.append((written.fence - 1, written.fence - 1, [*blank, label, "\n"]))
    ordered = sorted(enumerate(edits), key=lambda e: (e[1][0], e[1][1], e[0]), reverse=True)
    for first, end, replacement in (edit for _, edit in ordered):
        if first == end and first > 0 and lines[first - 1] and not lines[first - 1].endswith(("\n", "\r")):
            lines[first - 1] += newline
        lines[first:end] = replacement if newline == "\n" else [_ending(line, newline) for line in replacement]
    return "".join(lines)


def _site_links(catalogue: Catalogue, page: Page, lines: list[str], links: SiteLinks) -> None:
    """The link pass: each link rewritten to reach its destination from where the site publishes the page.

    A link that reaches nothing (reported as broken) becomes its text, so MkDocs does not report it again.
    """
    here = posixpath.join(links.folder, _site_path(catalogue, page))
    pages = {p.path: p for p in catalogue.pages}
    for link, destination in sorted(
        links.links.get(page.path, ()), key=lambda r: (r[0].line, r[0].column), reverse=True
    ):
        line = lines[link.line - 1]
        if destination == Destination():
            lines[link.line - 1] = line[: link.column] + link.text + line[link.end :]
            continue
        href = _site_href(link, destination, here, links.folder, catalogue, pages)
        if href is not None:
            start = link.target_column
            lines[link.line - 1] = line[:start] + href + line[start + len(link.target) :]


def _site_href(
    link: Link, destination: Destination, here: str, folder: str, catalogue: Catalogue, pages: dict[str, Page]
) -> str | None:
    """The destination to write for `link` on the page published at `here`, or None when it reaches it as written."""
    fragment = f"#{link.target.partition('#')[2]}" if "#" in link.target else ""
    if destination.url is not None:
        address = escape.url(destination.url + fragment)
        return escape.md_url(address) if address is not None else None
    if destination.page is not None:
        target = posixpath.join(folder, _site_path(catalogue, pages[destination.page]))
    else:
        target = destination.uri or ""
    if posixpath.normpath(posixpath.join(posixpath.dirname(here), link.path)) == target or not link.path:
        return None
    return escape.md_url(escape.url_path(_relpath(target, posixpath.dirname(here) or ".")) + fragment)


def _ending(line: str, newline: str) -> str:
    """An inserted line with the page's own line ending, so the lines left alone keep every byte."""
    return line[:-1] + newline if line.endswith("\n") and not line.endswith("\r\n") else line


def _slot_edits(pattern: Pattern, lines: list[str], examples: list[Example]) -> list[tuple[int, int, list[str]]]:
    if pattern.kind is Kind.ANTI_PATTERN or pattern.slot is SlotState.NOT_CODE or (pattern.not_code and not examples):
        return []
    body = render_examples(examples) if examples else ""
    if examples and examples[0].found_by:  # offered by the pattern's rule: no code is marked for it
        body = _ENV.get_template("found.md.j2").render(example=examples[0], e=escape.html_text) + body
    span = pattern.slot_span
    if pattern.slot is SlotState.PLACEHOLDER and span is not None:
        label = LABEL_LINE_RE.match(lines[span.start - 1].rstrip("\r\n"))
        head = f"{label.group(1)}\n" if label else lines[span.start - 1]
        text = body or _ENV.get_template("no-example.md.j2").render(pattern=pattern, fence=escape.fence)
        return [(span.start - 1, span.end, [head, "\n", *_lines(text.rstrip("\n") + "\n")])]
    if not examples:
        return []
    if pattern.slot is SlotState.CONTENT and span is not None:
        return [(span.end, span.end, ["\n", *_lines(body.rstrip("\n") + "\n")])]
    return [(pattern.body.end, pattern.body.end, ["\n", "**Example**:\n", "\n", *_lines(body.rstrip("\n") + "\n")])]


def _field_breaks(page: Page, lines: list[str]) -> list[tuple[int, int, list[str]]]:
    """A blank line before a field label that directly follows text, so each field starts its own paragraph.

    Catalogues often write `**Context**: ...` and `**Implementation**:` on consecutive lines, which
    Markdown would join into one paragraph. The labels are the ones the catalogue reader took as fields.
    """
    generated = {n - 1 for span in page.generated for n in range(span.start, span.end + 1)}
    code = fenced_lines([line.rstrip("\r\n") for line in lines])
    edits = []
    for index in (line - 1 for pattern in page.patterns for line in pattern.field_lines):
        before = index - 1
        while before in generated:
            before -= 1
        if before >= 0 and lines[before].strip() and not {index, before} & code:
            edits.append((index, index, ["\n"]))
    return edits


def _rule_edits(catalogue: Catalogue, page: Page, pattern: Pattern, checks: Checks) -> list[tuple[int, int, list[str]]]:
    """Under an anti-pattern: its rule and the places that break it now, or a note that nothing checks it."""
    if pattern.kind is not Kind.ANTI_PATTERN:
        return []
    rule = checks.rule(pattern.id)
    text = _ENV.get_template("rule.md.j2").render(
        rule=rule,
        rule_path=f"{posixpath.dirname(page.path)}/rules/{pattern.id}.yml",
        rule_url=checks.urls.get(pattern.id) if rule else None,
        severity=SEVERITY_WORDS[rule.severity] if rule and rule.severity else "off",
        violations=checks.of(pattern.id),
        **_GLOBALS,
    )
    return [(pattern.body.end, pattern.body.end, ["\n", *_lines(text.rstrip("\n") + "\n")])]


def _adoption_edits(
    catalogue: Catalogue, page: Page, pattern: Pattern, checks: Checks
) -> list[tuple[int, int, list[str]]]:
    """Under a pattern with a rule: the places that follow it; under either kind: adoption and the trend chart."""
    rule = checks.rule(pattern.id)
    counts = checks.metrics.of(pattern.id)
    if rule is None or counts is None:
        return []
    by_id = catalogue.index.by_id
    chart = checks.trends.charts.get(pattern.id)
    here = posixpath.dirname(_site_path(catalogue, page))
    text = _ENV.get_template("adoption.md.j2").render(
        pattern=pattern,
        rule=rule,
        rule_url=checks.urls.get(pattern.id),
        places=checks.followers(pattern.id) if rule.follows else [],
        counts=counts,
        share=percent(counts.share),
        opposites=[
            escape.md_link(escape.md_text(by_id[i].title), _href(catalogue, page, by_id[i]))
            for i in counts.opposites
            if i in by_id
        ],
        chart=escape.md_url(escape.url_path(_relpath(chart, here or "."))) if chart else None,
        span=checks.trends.span,
        **_GLOBALS,
    )
    return [(pattern.body.end, pattern.body.end, ["\n", *_lines(text.rstrip("\n") + "\n")])]


def _related_edits(
    catalogue: Catalogue, page: Page, pattern: Pattern, lines: list[str], resolved: Resolved, by_id: dict[str, Pattern]
) -> list[tuple[int, int, list[str]]]:
    edits = []
    for line_no in sorted({ref.line for ref in pattern.related}):
        text = lines[line_no - 1]
        for n, ref in enumerate(pattern.related):
            target = resolved.related.get((pattern.id, n))
            if ref.line == line_no and target:
                title = escape.md_text(by_id[target].title)
                text = text.replace(ref.raw, escape.md_link(title, _href(catalogue, page, by_id[target])), 1)
        edits.append((line_no - 1, line_no, [text]))
    return edits


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def render_index(catalogue: Catalogue, grouped: dict[str, list[Example]], checks: Checks = Checks()) -> str:
    """The catalogue's own index page: a title and the overview."""
    return "# Pattern catalogue\n\n" + render_overview(catalogue, grouped, checks)


def render_overview(catalogue: Catalogue, grouped: dict[str, list[Example]], checks: Checks = Checks()) -> str:
    """Every page with its patterns, their kind, where their examples come from, and rule violations."""
    pages = [
        {
            "title": page.title,
            "link": escape.url_path(_site_path(catalogue, page)),
            "rows": [_index_row(catalogue, page, p, grouped, checks) for p in page.patterns],
            "counts": counts(page.patterns, grouped),
            "adoption": _adoption_cell(checks.metrics.over(p.id for p in page.patterns)),
        }
        for page in catalogue.pages
        if not page.home
    ]
    everything = checks.metrics.over(p.id for p in catalogue.patterns)
    values = {
        "pages": pages,
        "total": len(catalogue.patterns),
        "counts": counts(catalogue.patterns, grouped),
        "rules": len([r for r in checks.rules if not r.follows]),
        "violations": len(checks.violations),
        "pattern_rules": len([r for r in checks.rules if r.follows]),
        "followed": len(checks.followed),
        "adoption": _adoption_cell(everything),
        "chart": escape.md_url(escape.url_path(checks.trends.charts[INDEX])) if INDEX in checks.trends.charts else None,
        "span": checks.trends.span,
    }
    shown: str = _OVERVIEWS.get(repr(values), lambda: _ENV.get_template("index.md.j2").render(**values, **_GLOBALS))
    return shown


def _index_row(
    catalogue: Catalogue, page: Page, pattern: Pattern, grouped: dict[str, list[Example]], checks: Checks
) -> dict[str, object]:
    examples = grouped.get(pattern.id, [])
    where = coverage(pattern, examples)
    shown = {Coverage.CODE: str(len(examples)), Coverage.NONE: "–", Coverage.ANTI: ""}.get(where, where.value)
    return {
        "title": pattern.title,
        "link": f"{escape.url_path(_site_path(catalogue, page))}#{pattern.slug}",
        "kind": pattern.kind.value,
        "examples": str(len(examples)) if examples else shown,
        "violations": len(checks.of(pattern.id))
        if pattern.kind is Kind.ANTI_PATTERN and checks.rule(pattern.id)
        else None,
        "followed": len(checks.followers(pattern.id))
        if pattern.kind is Kind.PATTERN and checks.rule(pattern.id)
        else None,
        "adoption": _adoption_cell(checks.metrics.of(pattern.id)),
    }


def _adoption_cell(counts: Adoption | None) -> str:
    """`92% (12 of 13)` for a table cell; '' where no pair of rules measures it."""
    if counts is None or counts.share is None:
        return ""
    return f"{percent(counts.share)} ({counts.followed} of {(counts.followed or 0) + (counts.violations or 0)})"
