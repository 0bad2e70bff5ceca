"""The whole run, as both adapters call it: catalogue and code in, pages and diagnostics out."""

from __future__ import annotations

from dataclasses import dataclass, replace

from extractor import git
from extractor.catalogue import load_catalogue
from extractor.links import check_duplicates, check_links, resolve_examples, resolve_related, source_link
from extractor.model import Catalogue, Diagnostic, Example, Settings, Severity
from extractor.render import Rendered, render_catalogue
from extractor.scan import scan
from extractor.stable import IdList, check_previous, check_required


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

    @property
    def failed(self) -> bool:
        """True when any diagnostic is an error."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def run(settings: Settings, previous: IdList | None = None) -> Result:
    """Read the catalogue, scan the sources, resolve and render.

    `previous` is the id list of the previous build, to report ids that vanished without an alias.

    @pattern architecture/pure-core-thin-adapters
    """
    catalogue, diagnostics = load_catalogue(settings.root, settings.catalogue, settings.slugify, settings.separator)
    found, problems = scan(settings.root, settings.sources, settings.exclude, settings.config_file)
    diagnostics += problems
    commit = git.head_commit(settings.root) or "HEAD"
    link, problems = source_link(settings.source_url, settings.repo_url, commit, git.prefix(settings.root))
    diagnostics += [_in_config(d, settings) for d in problems]
    former = previous.ids if previous else frozenset()
    examples, problems = resolve_examples(found.found, found.languages, catalogue, link, former)
    diagnostics += problems
    if previous:
        diagnostics += check_previous(catalogue, previous.ids, previous.source)
    if settings.require_examples:
        diagnostics += check_required(catalogue, examples)
    resolved, problems = resolve_related(catalogue)
    diagnostics += problems + check_links(catalogue) + check_duplicates(catalogue)
    pages = render_catalogue(catalogue, examples, resolved)
    return Result(catalogue, tuple(examples), tuple(pages), tuple(sorted(set(diagnostics))))


def _in_config(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    return replace(diagnostic, location=replace(diagnostic.location, path=settings.config_file))
