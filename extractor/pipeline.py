"""The whole run, as both adapters call it: catalogue and code in, pages and diagnostics out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from extractor import git
from extractor.adoption import Metrics
from extractor.catalogue import check_page_sizes, declare_not_code, load_catalogue
from extractor.codes import with_severities
from extractor.examples import resolve_examples
from extractor.followers import split_matches
from extractor.ids import check_duplicates
from extractor.links import Layout, check_links
from extractor.measure import measure
from extractor.model import Catalogue, Diagnostic, Example, Settings, Severity, error
from extractor.overview import check_home
from extractor.read import read_text
from extractor.related import resolve_related
from extractor.render import Checks, Rendered, render_catalogue
from extractor.rules import Rule, Violation, apply_allows, apply_baseline, load_rules, run_rules, violation_diagnostics
from extractor.scan import Progress, Scan, scan
from extractor.scan.cache import FILES
from extractor.secrets import withhold_secrets, withhold_violations
from extractor.source_urls import source_link
from extractor.stable import IdList, check_previous, check_required, stable_url
from extractor.symbols import symbol_examples
from extractor.written import check_written


@dataclass(frozen=True)
class Result:
    """Everything a run produces."""

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
    metrics: Metrics = field(default_factory=Metrics)
    """Counts per rule, and which rules weigh against each other (adoption)."""
    assets: tuple[Rendered, ...] = ()
    """Files the pages show besides themselves (trend charts), paths relative to the catalogue folder."""

    @property
    def failed(self) -> bool:
        """True when any diagnostic is an error."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def run(settings: Settings, previous: IdList | None = None, progress: Progress | None = None) -> Result:
    """Read the catalogue, scan the sources, resolve and render.

    `previous` is the id list of the previous build, to report ids that vanished without an alias;
    `progress` is told how the scan advances.

    @pattern architecture/pure-core-thin-adapters
    """
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
    diagnostics += [_in_config(d, settings) for d in problems]
    diagnostics += check_page_sizes(catalogue, settings.max_patterns_per_page) + check_home(catalogue)
    with FILES.persisted(settings.root, settings.cache_dir, settings.write_cache) as cache_notes:
        result = _checked(settings, catalogue, diagnostics, previous, progress)
    found = with_severities({*result.diagnostics, *cache_notes}, settings.severity)
    return replace(result, diagnostics=tuple(sorted(found)))


def _checked(
    settings: Settings,
    catalogue: Catalogue,
    diagnostics: list[Diagnostic],
    previous: IdList | None,
    progress: Progress | None,
) -> Result:
    """Everything after reading the catalogue: the stages whose per-file results are cached."""
    cache = (f"{settings.cache_dir.strip('/')}/*",) if settings.cache_dir else ()  # outside git, it would be walked
    found, problems = scan(
        settings.root,
        settings.sources,
        settings.exclude + cache,
        settings.config_file,
        settings.max_file_size,
        progress,
    )
    diagnostics += problems
    commit, prefix = git.head_and_prefix(settings.root)
    link, problems = source_link(settings.source_url, settings.repo_url, commit or "HEAD", prefix)
    diagnostics += [_in_config(d, settings) for d in problems]
    former = previous.ids if previous else frozenset()
    examples, problems = resolve_examples(found.found, found.languages, catalogue, link, former)
    named, more = symbol_examples(settings, catalogue, link)
    diagnostics += problems + more
    examples, problems = withhold_secrets(examples + named)
    diagnostics += problems + check_written(catalogue, examples)
    if previous:
        diagnostics += check_previous(catalogue, previous.ids, previous.source)
    if settings.require_examples:
        diagnostics += check_required(catalogue, examples)
    resolved, problems = resolve_related(catalogue, settings.root)
    diagnostics += problems + check_duplicates(catalogue)
    layout = Layout(settings.root, settings.catalogue, settings.docs_dir, settings.site_catalogue, link)
    site_links, problems = check_links(catalogue, layout)
    diagnostics += problems
    rules, problems = load_rules(
        settings.root, catalogue, settings.catalogue, settings.self_test_rules, settings.sgconfig
    )
    violations, followed, tolerated, problems = _violations(settings, catalogue, rules, found, problems)
    violations, followed = (
        [replace(v, url=link.url(v.path, v.line, v.end) if link else None) for v in vs] for vs in (violations, followed)
    )
    diagnostics += problems
    rule_urls = {
        r.id: link.url(r.path, r.line, r.line + max(r.text.count("\n") - 1, 0)) if link else None for r in rules
    }
    measured = measure(settings, catalogue, rules, (followed, [*violations, *tolerated]), examples, resolved, link)
    diagnostics += measured.diagnostics
    checks = Checks(tuple(rules), tuple(violations), rule_urls, tuple(followed), measured.metrics, measured.trends)
    pages = render_catalogue(catalogue, [*examples, *measured.found], resolved, checks, site_links)
    assets = tuple(Rendered(path, text) for path, text in measured.trends.files)
    return Result(
        catalogue,
        tuple(examples),
        tuple(pages),
        tuple(sorted(set(diagnostics))),
        tuple(rules),
        tuple(violations),
        tuple(followed),
        tuple(tolerated),
        measured.metrics,
        assets,
    )


def _violations(
    settings: Settings, catalogue: Catalogue, rules: list[Rule], found: Scan, diagnostics: list[Diagnostic]
) -> tuple[list[Violation], list[Violation], list[Violation], list[Diagnostic]]:
    """Run the rules; keep what no `@pattern-allow` and no baseline entry excuses; say where each one is.

    Returns the violations, the places that follow a pattern, the violations the baseline tolerates, the diagnostics.
    """
    matches, problems = run_rules(settings.root, rules, found.paths, settings.max_file_size)
    followed, violations = split_matches(rules, matches)
    violations, withheld = withhold_violations(violations)
    violations, allowed = apply_allows(violations, found.allows, catalogue)
    diagnostics = diagnostics + problems + withheld + allowed
    counted = violations
    if settings.baseline:
        baseline = settings.root / settings.baseline
        try:
            violations, problems = apply_baseline(violations, read_text(baseline), settings.baseline)
        except (OSError, UnicodeDecodeError) as exc:
            problems = [
                error(
                    "baseline-invalid",
                    settings.baseline,
                    0,
                    f"cannot read the baseline ({exc}); write it with `patterns baseline write`",
                )
            ]
        diagnostics += problems
    pages = {page.key: page.path for page in catalogue.pages}
    links = {
        p.id: stable_url(settings.site_url, p.id) if settings.site_url else f"{pages[p.page]}#{p.slug}"
        for p in catalogue.patterns
    }
    tolerated = list((Counter(counted) - Counter(violations)).elements())
    return violations, followed, tolerated, diagnostics + violation_diagnostics(violations, rules, links)


def _in_config(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    return replace(diagnostic, location=replace(diagnostic.location, path=settings.config_file))
