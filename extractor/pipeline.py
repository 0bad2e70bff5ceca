"""The whole run, as both adapters call it: catalogue and code in, pages and diagnostics out.

A run is four stages, each needing the ones before it; a command asks for the last one whose
output it prints (`Stage`). Each stage imports what it uses when it runs, so a command that stops
early never loads the parsers, the rule engine or the templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import TYPE_CHECKING

from extractor.model import Catalogue, Diagnostic, Example, Settings, Severity, error

if TYPE_CHECKING:
    from extractor.adoption import Metrics
    from extractor.git import Started
    from extractor.history import History
    from extractor.links import SiteLinks
    from extractor.related import Resolved
    from extractor.render import Rendered
    from extractor.rules import Rule, Violation
    from extractor.scan import Progress, Scan
    from extractor.source_urls import SourceLink
    from extractor.stable import IdList


class Stage(IntEnum):
    """How far a run goes."""

    CATALOGUE = 1
    """The catalogue read and checked on its own: ids, home page, Related Patterns, links."""
    SCAN = 2
    """+ the code scanned: examples resolved (marked, and named by symbol), credentials withheld, written
    examples compared."""
    RULES = 3
    """+ the rules loaded, tested on their own cases and run over the code; adoption counted, the examples
    pattern rules offer, the history file read."""
    RENDER = 4
    """+ the pages rendered, and the trend charts drawn."""


def _no_metrics() -> Metrics:
    """Nothing counted (a run that stops before the rules)."""
    from extractor.adoption import Metrics

    return Metrics()


@dataclass(frozen=True)
class Result:
    """Everything a run produces; what its last stage does not reach is empty."""

    catalogue: Catalogue
    """The catalogue as read."""
    examples: tuple[Example, ...]
    """Every resolved example."""
    pages: tuple[Rendered, ...]
    """The generated pages (catalogue pages and the index), paths relative to the catalogue folder."""
    diagnostics: tuple[Diagnostic, ...]
    """Every problem, sorted by place."""
    rules: tuple[Rule, ...] = ()
    """The anti-patterns' rules."""
    violations: tuple[Violation, ...] = ()
    """Places that break a rule, less those allowed in the code or listed in the baseline."""
    followed: tuple[Violation, ...] = ()
    """Places that follow a pattern, found by the pattern's rule."""
    tolerated: tuple[Violation, ...] = ()
    """Places that break a rule and that the baseline lists (not reported, still counted)."""
    metrics: Metrics = field(default_factory=_no_metrics)
    """Counts per rule, and which rules weigh against each other (adoption); none before the rules stage."""
    assets: tuple[Rendered, ...] = ()
    """Files the pages show besides themselves (trend charts), paths relative to the catalogue folder."""
    stamps: Mapping[str, int | None] = field(default_factory=dict)
    """The stamp of each scanned file, taken before it was read (`filecache.stamp`; None: changed moments before)."""

    @property
    def failed(self) -> bool:
        """True when any diagnostic is an error."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass
class _Run:
    """What the stages have found so far (each stage adds to it)."""

    settings: Settings
    catalogue: Catalogue
    diagnostics: list[Diagnostic]
    listing: Started | None = None
    """`git ls-files` of the sources, started when the run began."""
    head: Started | None = None
    """`git rev-parse` of the commit, started when the run began."""
    status: Started | None = None
    """`git status` of the work tree, started when the run began (for a run that renders links to the repository)."""
    source: SourceLink | None = None
    """Links to lines of the repository's files, if it has a web view."""
    related: Resolved | None = None
    links: SiteLinks | None = None
    scanned: Scan | None = None
    examples: list[Example] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    followed: list[Violation] = field(default_factory=list)
    tolerated: list[Violation] = field(default_factory=list)
    metrics: Metrics | None = None
    offered: list[Example] = field(default_factory=list)
    """The examples pattern rules offer, for patterns no marker names."""
    history: History | None = None
    pages: list[Rendered] = field(default_factory=list)
    assets: list[Rendered] = field(default_factory=list)


def run(
    settings: Settings, previous: IdList | None = None, progress: Progress | None = None, until: Stage = Stage.RENDER
) -> Result:
    """Read and check the catalogue, then scan the sources, run the rules and render, as far as `until`.

    `previous` is the id list of the previous build, to report ids that vanished without an alias;
    `progress` is told how the scan advances.

    @pattern architecture/pure-core-thin-adapters
    """
    from extractor.codes import with_severities
    from extractor.filecache import CACHE
    from extractor.workers import WORKERS

    started = _start_git(settings, until)  # git works while the catalogue is read
    try:
        with CACHE.persisted(settings.root, settings.cache_dir, settings.write_cache) as cache_notes:
            if started[0] is not None and not CACHE.knows("scan"):  # cold: workers import the parsers meanwhile
                WORKERS.start((started[0].output() or b"").count(b"\0"))
            catalogue, diagnostics = _read_catalogue(settings)
            work = _Run(settings, catalogue, diagnostics, *started)
            _check_catalogue(work, previous)
            if until >= Stage.SCAN:
                _scan(work, previous, progress)
            if until >= Stage.RULES:
                _rules(work)
            if until >= Stage.RENDER:
                _render(work)
    finally:
        WORKERS.close()  # started by the scan when it had enough to parse
        for call in started:
            if call is not None:
                call.result()  # waited for, whether the run needed it or not
    found = with_severities({*work.diagnostics, *cache_notes}, settings.severity)
    return Result(
        catalogue,
        tuple(work.examples),
        tuple(work.pages),
        tuple(sorted(found)),
        tuple(work.rules),
        tuple(work.violations),
        tuple(work.followed),
        tuple(work.tolerated),
        work.metrics or _no_metrics(),
        tuple(work.assets),
        work.scanned.stamps if work.scanned else {},
    )


def read_catalogue(settings: Settings) -> tuple[Catalogue, list[Diagnostic]]:
    """The catalogue pages read and `not_code` applied: all that a command looking patterns up needs."""
    from extractor.filecache import CACHE

    with CACHE.persisted(settings.root, settings.cache_dir, settings.write_cache) as cache_notes:
        catalogue, diagnostics = _read_catalogue(settings)
    return catalogue, diagnostics + cache_notes


def _read_catalogue(settings: Settings) -> tuple[Catalogue, list[Diagnostic]]:
    from extractor.catalogue import declare_not_code, load_catalogue

    catalogue, diagnostics = load_catalogue(
        settings.root,
        settings.catalogue,
        settings.slugify,
        settings.separator,
        settings.max_file_size,
        settings.exclude_pages,
        settings.fields,
        settings.markdown_extensions,
    )
    catalogue, problems = declare_not_code(catalogue, settings.not_code)
    return catalogue, diagnostics + [_in_config(d, settings) for d in problems]


def _check_catalogue(work: _Run, previous: IdList | None) -> None:
    """Stage 1: what the catalogue says on its own: page sizes, home page, ids, Related Patterns, links."""
    from extractor.catalogue import check_page_sizes
    from extractor.ids import check_duplicates
    from extractor.links import Layout, check_links
    from extractor.overview import check_home
    from extractor.related import resolve_related
    from extractor.stable import check_previous

    settings, catalogue = work.settings, work.catalogue
    work.source = _source_link(settings, work.diagnostics, work.head)
    work.diagnostics += check_page_sizes(catalogue, settings.max_patterns_per_page) + check_home(catalogue)
    if previous:
        work.diagnostics += check_previous(catalogue, previous.ids, previous.source)
    work.related, problems = resolve_related(catalogue, settings.root)
    work.diagnostics += problems + check_duplicates(catalogue)
    layout = Layout(settings.root, settings.catalogue, settings.docs_dir, settings.site_catalogue, work.source)
    work.links, problems = check_links(catalogue, layout)
    work.diagnostics += problems


def _source_link(settings: Settings, diagnostics: list[Diagnostic], head: Started | None) -> SourceLink | None:
    """Links to the repository's web view at the checked-out commit; git is asked only when there is one."""
    from extractor import git
    from extractor.source_urls import source_link

    link, problems = source_link(settings.source_url, settings.repo_url, "HEAD", "")
    diagnostics += [_in_config(d, settings) for d in problems]
    if link is None:
        return None
    commit, prefix = git.head_and_prefix(settings.root, head)
    return replace(link, commit=commit or "HEAD", prefix=prefix)


def _start_git(settings: Settings, until: Stage) -> tuple[Started | None, Started | None, Started | None]:
    """The git calls of the run, started now: the listing of the sources (for a scan), the commit (for links
    to the repository), and which files differ from it (for rendered links)."""
    from extractor import git
    from extractor.scan.files import start_listing

    linked = bool(settings.repo_url or settings.source_url)
    listing = start_listing(settings.root, settings.sources) if until >= Stage.SCAN else None
    head = git.start_head_and_prefix(settings.root) if linked else None
    status = git.start_status(settings.root) if linked and until >= Stage.RENDER else None
    return listing, head, status


def _scan(work: _Run, previous: IdList | None, progress: Progress | None) -> None:
    """Stage 2: the code scanned, its markers resolved to examples of the catalogue's patterns."""
    from extractor.examples import resolve_examples
    from extractor.scan import scan
    from extractor.stable import check_required
    from extractor.written import check_written

    settings, catalogue = work.settings, work.catalogue
    found, problems = scan(
        settings.root,
        settings.sources,
        settings.exclude,
        settings.config_file,
        settings.max_file_size,
        progress,
        settings.cache_dir,
        work.listing,
    )
    work.scanned = found
    work.diagnostics += problems
    former = previous.ids if previous else frozenset()
    examples, problems = resolve_examples(found.found, found.languages, catalogue, work.source, former)
    named, more = _named_examples(settings, catalogue, work.source, examples)
    work.examples = examples + named
    work.diagnostics += problems + more + check_written(catalogue, work.examples)
    if settings.require_examples:
        work.diagnostics += check_required(catalogue, work.examples)


def _uncommitted_links(work: _Run) -> list[Diagnostic]:
    """A note for each file with examples that differs from the commit their source links point at (when pages
    are rendered: only they hold the links)."""
    if work.source is None or work.source.commit == "HEAD" or not work.examples:
        return []
    from collections import Counter

    from extractor import git
    from extractor.model import info
    from extractor.wording import counted

    counts = Counter(example.path for example in work.examples)
    commit = work.source.commit[:7]
    return [
        info(
            "source-link-uncommitted",
            path,
            0,
            f"this file differs from commit {commit}, where the links to its {counted(counts[path], 'example')} "
            "point, so they may show other lines; they are right once it is committed and the site built again",
        )
        for path in sorted(git.uncommitted(work.source.prefix, set(counts), work.status))
    ]


def _named_examples(
    settings: Settings, catalogue: Catalogue, link: SourceLink | None, marked: list[Example]
) -> tuple[list[Example], list[Diagnostic]]:
    """The examples named by symbol (in the plugin block or a page), resolved, credentials withheld; the resolvers
    are loaded only when something is named."""
    if not settings.examples and not any("patterns:example" in page.text for page in catalogue.pages):
        return [], []
    from extractor.secrets import withhold_secrets
    from extractor.symbols import symbol_examples

    named, problems = symbol_examples(settings, catalogue, link, marked)
    named, withheld = withhold_secrets(named)
    return named, problems + withheld


def _rules(work: _Run) -> None:
    """Stage 3: the rules, run over the scanned files; what no `@pattern-allow` and no baseline entry excuses;
    then what the rules' counts measure (`_measure`)."""
    from collections import Counter

    from extractor.followers import split_matches
    from extractor.rules import apply_allows, load_rules, run_rules
    from extractor.secrets import withheld_notes

    settings, catalogue, found = work.settings, work.catalogue, work.scanned
    assert found is not None
    rules, problems = load_rules(
        settings.root, catalogue, settings.catalogue, settings.self_test_rules, settings.sgconfig
    )
    work.diagnostics += problems
    matches, problems = run_rules(settings.root, rules, found.paths, settings.max_file_size, found.stamps)
    followed, violations = split_matches(rules, matches)
    withheld = withheld_notes(violations)
    violations, allowed = apply_allows(violations, found.allows, catalogue)
    work.diagnostics += problems + withheld + allowed
    counted = violations
    if settings.baseline:
        violations = _baselined(settings, violations, work.diagnostics)
    link = work.source
    work.rules = rules
    work.violations, work.followed = (
        [replace(v, url=link.url(v.path, v.line, v.end) if link else None) for v in vs] for vs in (violations, followed)
    )
    work.tolerated = list((Counter(counted) - Counter(violations)).elements())
    work.diagnostics += _violation_diagnostics(settings, catalogue, work.violations, rules)
    _measure(work)


def _measure(work: _Run) -> None:
    """Adoption counted, the examples pattern rules offer, the history file read (its charts are drawn by `_render`)."""
    from extractor.measure import measure

    assert work.related is not None
    matches = (work.followed, [*work.violations, *work.tolerated])
    measured = measure(work.settings, work.catalogue, work.rules, matches, work.examples, work.related, work.source)
    work.metrics, work.offered, work.history = measured.metrics, list(measured.found), measured.history
    work.diagnostics += measured.diagnostics


def _baselined(settings: Settings, violations: list[Violation], diagnostics: list[Diagnostic]) -> list[Violation]:
    """The violations the baseline file does not list."""
    from extractor.read import read_text
    from extractor.rules import apply_baseline

    assert settings.baseline is not None
    try:
        text = read_text(settings.root / settings.baseline)
    except (OSError, UnicodeDecodeError) as exc:
        message = f"cannot read the baseline ({exc}); write it with `patterns baseline write`"
        diagnostics.append(error("baseline-invalid", settings.baseline, 0, message))
        return violations
    violations, problems = apply_baseline(violations, text, settings.baseline)
    diagnostics += problems
    return violations


def _violation_diagnostics(
    settings: Settings, catalogue: Catalogue, violations: list[Violation], rules: list[Rule]
) -> list[Diagnostic]:
    """One diagnostic per violation, linking to its anti-pattern."""
    from extractor.rules import violation_diagnostics
    from extractor.stable import stable_url

    pages = catalogue.page_paths
    links = {
        p.id: stable_url(settings.site_url, p.id) if settings.site_url else f"{pages[p.page]}#{p.slug}"
        for p in catalogue.patterns
    }
    return violation_diagnostics(violations, rules, links)


def _render(work: _Run) -> None:
    """Stage 4: every page rendered, with its examples, links, Related Patterns, rule reports, adoption and trend
    charts (drawn here, from the history file the rules stage read)."""
    from extractor.highlights import highlight_ahead
    from extractor.render import Checks, Rendered, render_catalogue
    from extractor.trends import trends

    link = work.source
    work.diagnostics += _uncommitted_links(work)
    rule_urls = {
        r.id: link.url(r.path, r.line, r.line + max(r.text.count("\n") - 1, 0)) if link else None for r in work.rules
    }
    metrics = work.metrics or _no_metrics()
    drawn = trends(work.history, work.catalogue, metrics)
    checks = Checks(tuple(work.rules), tuple(work.violations), rule_urls, tuple(work.followed), metrics, drawn)
    assert work.related is not None and work.links is not None
    shown = [*work.examples, *work.offered]
    highlight_ahead(shown)
    work.pages = render_catalogue(work.catalogue, shown, work.related, checks, work.links)
    work.assets = [Rendered(path, text) for path, text in drawn.files]


def _in_config(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    return replace(diagnostic, location=replace(diagnostic.location, path=settings.config_file))
