"""The model every stage shares: frozen dataclasses, no behaviour beyond small helpers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.ids import Index

from extractor.errors import PatternsError as PatternsError  # where it always was, for the modules that raise it
from extractor.escape import visible


class Severity(StrEnum):
    """How much a diagnostic matters: errors fail `check`, warnings fail `--strict`, infos inform."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file of the project."""

    path: str
    """Path relative to the project root (the folder of mkdocs.yml), with forward slashes."""
    line: int = 0
    """1-based line number; 0 when the problem concerns the whole file."""
    column: int = 0
    """1-based column; 0 when unknown."""

    def __str__(self) -> str:
        parts = [self.path]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found by a stage, reported by the adapters as `path:line: severity[code]: message`."""

    location: Location
    """Where the problem is."""
    severity: Severity
    """How much it matters."""
    message: str
    """What is wrong and, where known, how to fix it."""
    code: str = ""
    """The stable name of the kind of problem (`unknown-id`, `broken-link`...), listed in `extractor.codes`."""
    rule: str = ""
    """For a rule violation: the anti-pattern id."""

    def __str__(self) -> str:
        """One line, whatever a path or message holds: a line break or terminal control is shown as `<U+000A>`."""
        head = f"{self.severity.value}[{self.code}]: {self.message}"
        return visible(f"{self.location}: {head}" if self.location.path else head)


def error(code: str, path: str, line: int, message: str) -> Diagnostic:
    """Build an error diagnostic of kind `code`."""
    return Diagnostic(Location(path, line), Severity.ERROR, message, code)


def warning(code: str, path: str, line: int, message: str) -> Diagnostic:
    """Build a warning diagnostic of kind `code`."""
    return Diagnostic(Location(path, line), Severity.WARNING, message, code)


def info(code: str, path: str, line: int, message: str) -> Diagnostic:
    """Build an informational diagnostic of kind `code`."""
    return Diagnostic(Location(path, line), Severity.INFO, message, code)


class Kind(StrEnum):
    """What a catalogue entry is."""

    PATTERN = "pattern"
    ANTI_PATTERN = "anti-pattern"


class SlotState(StrEnum):
    """What a pattern's Example slot holds in the catalogue source."""

    PLACEHOLDER = "placeholder"
    """Empty or a `_(...)_` placeholder: replaced by the examples."""
    CONTENT = "content"
    """Hand-written content: kept, extracted examples follow it."""
    NOT_CODE = "not-code"
    """`_(Not code: ...)_`: the pattern is a practice, no example is expected."""
    MISSING = "missing"
    """The pattern has no Example field at all."""


@dataclass(frozen=True)
class Span:
    """A range of lines of a catalogue page, 1-based and inclusive."""

    start: int
    """First line."""
    end: int
    """Last line."""


@dataclass(frozen=True)
class Reference:
    """One entry of a pattern's Related Patterns field, as written."""

    raw: str
    """The whole entry as written, to be replaced by a link."""
    text: str
    """The title (or slug) as written."""
    target_page: str | None
    """The file named in parentheses or linked to, as written (relative to the page, or a bare file name)."""
    anchor: str | None
    """The anchor named in a link, if any."""
    line: int
    """Line of the entry in the catalogue page."""
    is_link: bool = False
    """The entry is a Markdown link: the page's link check reports where it leads, the entry only names a pattern."""


@dataclass(frozen=True)
class Pattern:
    """A pattern (or anti-pattern) of a catalogue page."""

    id: str
    """`<catalogue>/<slug>`: also the page and anchor the site gives it."""
    title: str
    """The heading text."""
    kind: Kind
    """Pattern or anti-pattern."""
    page: str
    """Catalogue key of the page holding it."""
    category: str
    """Title of the enclosing category heading, or '' if none."""
    heading_line: int
    """Line of the heading."""
    body: Span
    """Lines from the heading to the last line before the next pattern or category, less the blank lines and
    thematic breaks (`---`) that close it: what is added at the pattern's end goes above them."""
    slot: SlotState
    """What the Example slot holds."""
    slot_span: Span | None
    """Lines of the Example field (label and content), or None when missing."""
    slot_content: Span | None
    """Lines of hand-written content in the Example field that stay, or None."""
    related: tuple[Reference, ...] = ()
    """Related Patterns entries, in order."""
    related_span: Span | None = None
    """Lines of the Related Patterns field, or None."""
    fields: tuple[str, ...] = ()
    """Names of its fields, by the field vocabulary (`context`, `example`, `related patterns`...), in page order."""
    field_lines: tuple[int, ...] = ()
    """Lines of its fields written as bold labels (`**Context**:`), where the rendered page starts a paragraph."""
    slot_has_code: bool = False
    """The Example slot holds a code block written in the catalogue."""
    not_code: bool = False
    """No example from the code is expected: a practice rather than code, declared by a `_(Not code: ...)_`
    slot, the page's front matter (`not_code`) or the plugin block's `not_code` option."""

    @property
    def slug(self) -> str:
        """The anchor on its page."""
        return self.id.split("/", 1)[1]


@dataclass(frozen=True)
class Link:
    """A relative Markdown link (or image) written in a catalogue page, outside code."""

    line: int
    """Line of the link."""
    column: int
    """0-based offset of its `[` (or `![`) in the line."""
    end: int
    """0-based offset just after its closing `)`."""
    text: str
    """The link text (an image's alt text), as written."""
    target: str
    """The destination as written: a path relative to the page, `#anchor`, or both; maybe URL-encoded."""
    target_column: int
    """0-based offset of the destination in the line."""
    image: bool = False
    """True for an image (`![alt](path)`)."""

    @property
    def path(self) -> str:
        """The path part of the destination, decoded ('' for a link inside the page)."""
        from urllib.parse import unquote

        return unquote(self.target.partition("#")[0].partition("?")[0])

    @property
    def anchor(self) -> str | None:
        """The decoded `#fragment`, if any."""
        from urllib.parse import unquote

        _, hash_, fragment = self.target.partition("#")
        return unquote(fragment) if hash_ and fragment else None


@dataclass(frozen=True)
class Alias:
    """A former id of a pattern, from the `aliases` mapping in a page's front matter."""

    former: str
    """The former id as written: `<catalogue>/<slug>`, or a bare slug meaning this page."""
    target: str
    """The pattern it now names: a slug of this page or a full id."""
    line: int
    """Line of the entry in the page."""


@dataclass(frozen=True)
class Page:
    """One catalogue page."""

    key: str
    """The catalogue key: file stem without a trailing `-patterns`."""
    path: str
    """Path of the source file relative to the project root."""
    filename: str
    """File name, as other pages link to it."""
    text: str
    """The whole source text, as read."""
    title: str
    """Text of the first level-1 heading, or the key."""
    anchors: frozenset[str]
    """Every anchor the site gives a heading of the page."""
    patterns: tuple[Pattern, ...]
    """Patterns in page order."""
    links: tuple[Link, ...] = ()
    """Relative links and images found in the text (outside code)."""
    aliases: tuple[Alias, ...] = ()
    """Former ids of this page's patterns, from its front matter."""
    generated: tuple[Span, ...] = ()
    """Blocks written by `patterns fill`: read as blank lines, left out of the rendered page."""
    home: bool = False
    """The catalogue's home page (`index.md` or `README.md` at the top of the catalogue folder): published,
    its links checked, never read for patterns; the generated overview goes where it says `<!-- patterns:index -->`."""


@dataclass(frozen=True)
class Catalogue:
    """Every catalogue page, and every pattern by id."""

    pages: tuple[Page, ...]
    """Pages sorted by file name."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Former id -> current id, from every page's `aliases`."""
    folder: str = ""
    """The catalogue folder, relative to the project root: pages are published at their path inside it."""

    @cached_property
    def patterns(self) -> tuple[Pattern, ...]:
        """All patterns of all pages, in page order."""
        return tuple(p for page in self.pages for p in page.patterns)

    @cached_property
    def index(self) -> Index:
        """Its patterns by id, former id, slug and title (made once)."""
        from extractor.ids import Index

        return Index(self)

    @cached_property
    def page_paths(self) -> Mapping[str, str]:
        """Page key -> path of the page."""
        return {page.key: page.path for page in self.pages}

    @property
    def home(self) -> Page | None:
        """The catalogue's own home page, if it has one."""
        return next((page for page in self.pages if page.home), None)

    def page_by_filename(self, filename: str) -> Page | None:
        """The page with that file name, or None."""
        return next((page for page in self.pages if page.filename == filename), None)


@dataclass(frozen=True)
class Marker:
    """One `@pattern...` marker found in a comment (or a Python docstring)."""

    verb: str
    """`pattern`, `start`, `end`, `hide-start` or `hide-end`."""
    ref: str
    """The pattern id as written (empty for hide markers)."""
    title: str
    """The `title="..."` attribute, or ''."""
    line: int
    """1-based line of the marker."""
    comment: tuple[str, str]
    """Opening and closing comment text around the marker, to write an elision line alike."""
    indent: str = ""
    """Leading white space of the marker line."""
    in_docstring: bool = False
    """True for a marker line inside a Python docstring."""
    reason: str = ""
    """The `reason="..."` attribute of an `@pattern-allow` marker."""
    allow_secret: bool = False
    """The marker says `allow-secret`: publish the example even if it looks like it holds a credential."""


@dataclass(frozen=True)
class Segment:
    """A run of consecutive source lines shown in an example."""

    start: int
    """Line number of the first line in the real file."""
    lines: tuple[str, ...]
    """The lines, dedented."""
    elided_after: str | None = None
    """The elision line shown after this run, if lines were hidden there."""


@dataclass(frozen=True)
class Example:
    """Code taken from a source file to illustrate one pattern."""

    ref: str
    """The pattern id as written in the marker."""
    pattern_id: str
    """The resolved pattern id."""
    path: str
    """Path relative to the project root."""
    start: int
    """First line of the unit (marker lines excluded), 1-based."""
    end: int
    """Last line of the unit, inclusive."""
    language: str
    """Name of the language for code highlighting."""
    title: str
    """The marker's title attribute, or ''."""
    segments: tuple[Segment, ...]
    """What is shown: runs of lines with elisions between them."""
    url: str | None = None
    """Link to the lines at the source commit, when a source URL can be built."""
    allow_secret: bool = False
    """The marker allows publishing text that looks like a credential."""
    withheld: str = ""
    """Why the example is not published (it looks like it holds a credential), or ''."""
    symbol: str = ""
    """For an example named by symbol rather than marked: the symbol as named (`package.module:Object`,
    `path/file.ts#Export`), shown in its caption; '' for a marked example."""
    api: tuple[str, ...] = ()
    """For a Python example of a site that runs mkdocstrings: the object's identifiers (as named, then where it is
    defined), whose API page the caption links to and which links back; empty otherwise."""
    found_by: str = ""
    """The rule file (relative to the root) that found this code, when no marker names it; '' for marked code."""


@dataclass(frozen=True)
class Settings:
    """What the core needs to know, from whichever adapter loaded it."""

    root: Path
    """The project root: the folder of mkdocs.yml. Paths in output are relative to it."""
    catalogue: str = "patterns"
    """Folder of catalogue pages, relative to root."""
    docs_dir: str = "docs"
    """MkDocs' `docs_dir`, relative to root (may start with `../`)."""
    sources: tuple[str, ...] = (".",)
    """Folders to scan for markers, relative to root."""
    exclude: tuple[str, ...] = ()
    """Paths (relative to root) not to scan, in .gitignore syntax."""
    exclude_pages: tuple[str, ...] = ()
    """Markdown files of the catalogue folder that are not catalogue pages, in .gitignore syntax."""
    fields: tuple[str, ...] = ()
    """Field names read besides the default vocabulary (`Context`, `Example`, `Rationale`...)."""
    not_code: tuple[str, ...] = ()
    """Page keys and pattern ids whose patterns are practices, not code: no example is expected."""
    source_url: str | None = None
    """Template of a link to source lines: `{repo_url}`, `{commit}`, `{path}`, `{start}`, `{end}`."""
    repo_url: str | None = None
    """The repository's web address (mkdocs.yml `repo_url`)."""
    slugify: Callable[[str, str], str] | None = None
    """The toc slugify function in use; None for Python-Markdown's default."""
    separator: str = "-"
    """The toc separator."""
    markdown_extensions: tuple[str, ...] | None = None
    """Names of the site's Markdown extensions (`attr_list`, `md_in_html`, `pymdownx.superfences`...), which
    decide what a heading's `{#id}` and an HTML block mean; None when unknown (read as a Material site)."""
    config_file: str = "mkdocs.yml"
    """Name of the config file, relative to root, for diagnostics about the configuration."""
    site_url: str | None = None
    """The site's address (mkdocs.yml `site_url`), for links meant to be pasted elsewhere."""
    require_examples: bool = False
    """Report a pattern without any example as an error."""
    baseline: str | None = None
    """Baseline file of tolerated rule violations, relative to root (or absolute)."""
    max_file_size: int = 5_000_000
    """Files larger than this many bytes are skipped with a note."""
    self_test_rules: bool = True
    """Run each rule's own test cases (the CLI does; the plugin leaves it to `patterns check`)."""
    sgconfig: str | None = None
    """An ast-grep project file (sgconfig.yml, relative to root) whose rules that name an anti-pattern are run too."""
    max_patterns_per_page: int = 500
    """A page with more patterns still renders, with a note suggesting to split it."""
    cache_dir: str | None = None
    """Folder (relative to root) where per-file results are kept between runs; None keeps them in memory only."""
    severity: Mapping[str, str] = field(default_factory=dict)
    """Diagnostic code (or anti-pattern id) -> `error`, `warning`, `info` or `ignore`."""
    fill: bool = False
    """The team fills the catalogue pages in place (`patterns fill`): `fill --check` fails on a page never filled."""
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Pattern id -> symbols naming its examples without a marker (`module:Object`, `file.ts#Export`)."""
    python_paths: tuple[str, ...] = (".", "src")
    """Folders (relative to root) where Python symbols' packages are looked up."""
    mkdocstrings: bool = False
    """The site runs mkdocstrings: Python examples link to their objects' API pages, which link back."""
    history: str | None = None
    """File (relative to root) where `patterns history` writes its counts per commit and the site reads them."""
    write_cache: bool = True
    """Write the cache at the end of a run; False leaves it to `CACHE.flush()` (`mkdocs serve`, whose
    watcher would see every write in a watched folder and rebuild again)."""

    @property
    def site_catalogue(self) -> str:
        """Folder of the site where the rendered catalogue pages are published (`plugin.site_files`).

        A catalogue inside `docs_dir` keeps its pages' places (`docs/patterns` with `docs_dir: docs`
        -> `patterns`; the whole `docs_dir` -> ''); elsewhere it is the `catalogue` option as written.
        """
        docs = self.docs_dir.strip("/")
        if self.catalogue == docs:
            return ""
        if docs not in ("", ".") and self.catalogue.startswith(f"{docs}/"):
            return self.catalogue[len(docs) + 1 :]
        return self.catalogue
