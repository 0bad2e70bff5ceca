"""Ids, Related Patterns, links between catalogue pages, backlinks and source URLs (pure)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, replace
from urllib.parse import quote, urlparse

from extractor.model import Catalogue, Diagnostic, Example, Pattern, Reference, error, warning
from extractor.scan.extract import Found

SOURCE_URLS = {
    "github": "{repo_url}/blob/{commit}/{path}#L{start}-L{end}",
    "gitlab": "{repo_url}/-/blob/{commit}/{path}#L{start}-{end}",
    "bitbucket": "{repo_url}/src/{commit}/{path}#lines-{start}:{end}",
    "codeberg": "{repo_url}/src/commit/{commit}/{path}#L{start}-L{end}",
    "gitea": "{repo_url}/src/commit/{commit}/{path}#L{start}-L{end}",
}


@dataclass(frozen=True)
class Resolved:
    """Where every Related Patterns entry points, and who points at each pattern."""

    related: dict[tuple[str, int], str]
    """(pattern id, index of the entry) -> target pattern id."""
    backlinks: dict[str, tuple[str, ...]]
    """Pattern id -> ids of the patterns whose Related Patterns name it, sorted."""


class Index:
    """Find patterns by id, bare slug or title."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.patterns = catalogue.patterns
        self.by_id = {p.id: p for p in self.patterns}
        self.aliases = catalogue.aliases
        self.by_slug: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in self.patterns:
            self.by_slug[pattern.slug].append(pattern)

    def get(self, ref: str) -> Pattern | None:
        """The pattern named by a full id, or by a slug that only one page has."""
        if ref in self.by_id:
            return self.by_id[ref]
        if ref in self.aliases:
            return self.by_id[self.aliases[ref]]
        candidates = self.by_slug.get(ref, [])
        return candidates[0] if len(candidates) == 1 else None

    def suggest(self, ref: str) -> list[str]:
        """Up to three ids close to `ref`."""
        ids = sorted(self.by_id)
        close = difflib.get_close_matches(ref, ids, n=3, cutoff=0.5)
        if not close and "/" not in ref:
            close = [p.id for p in self.by_slug.get(ref, [])][:3]
        return close or difflib.get_close_matches(ref.split("/")[-1], [p.slug for p in self.patterns], n=3, cutoff=0.5)


def resolve_examples(
    found: dict[str, list[Found]],
    languages: dict[str, str],
    catalogue: Catalogue,
    link: SourceLink | None,
    previous: frozenset[str] = frozenset(),
) -> tuple[list[Example], list[Diagnostic]]:
    """Turn found markers into examples of known patterns; unknown ids are errors.

    `previous` holds the ids of the previous build, to say when a marker names a pattern since deleted.
    """
    index = Index(catalogue)
    examples: list[Example] = []
    diagnostics: list[Diagnostic] = []
    for path in sorted(found):
        for item in found[path]:
            pattern = index.get(item.ref)
            if pattern is None and catalogue.pages:  # without a catalogue, that one error says it all
                diagnostics.append(
                    error("unknown-id", path, item.line, _unknown(item.ref, index, item.ref in previous))
                )
            if pattern is None:
                continue
            if item.ref in index.aliases:
                message = f"{item.ref!r} is a former id of {pattern.id!r}; write `@pattern {pattern.id}`"
                diagnostics.append(warning("former-id", path, item.line, message))
            url = link.url(path, item.start, item.end) if link else None
            examples.append(
                Example(
                    item.ref,
                    pattern.id,
                    path,
                    item.start,
                    item.end,
                    languages[path],
                    item.title,
                    item.segments,
                    url,
                    item.allow_secret,
                )
            )
    return examples, diagnostics


def _unknown(ref: str, index: Index, deleted: bool = False) -> str:
    ambiguous = [p.id for p in index.by_slug.get(ref, [])]
    if len(ambiguous) > 1:
        return f"pattern id {ref!r} is ambiguous; write one of: {', '.join(ambiguous)}"
    close = index.suggest(ref)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else "; run `patterns list` to see the ids"
    if deleted:
        return f"marker names {ref!r}, a pattern of the previous build that was deleted or renamed{hint}"
    return f"unknown pattern id {ref!r}{hint}"


def resolve_related(catalogue: Catalogue) -> tuple[Resolved, list[Diagnostic]]:
    """Resolve every Related Patterns entry: exact title, then slug, then a fuzzy match (a warning)."""
    related: dict[tuple[str, int], str] = {}
    back: dict[str, set[str]] = defaultdict(set)
    diagnostics: list[Diagnostic] = []
    for page in catalogue.pages:
        for pattern in page.patterns:
            for n, ref in enumerate(pattern.related):
                target, problem = _resolve_reference(ref, page.filename, catalogue)
                if problem:
                    diagnostics.append(problem)
                if target is not None:
                    related[(pattern.id, n)] = target.id
                    back[target.id].add(pattern.id)
    diagnostics = [
        replace(d, location=replace(d.location, path=_page_path(catalogue, d.location.path))) for d in diagnostics
    ]
    return Resolved(related, {k: tuple(sorted(v)) for k, v in sorted(back.items())}), diagnostics


def _page_path(catalogue: Catalogue, filename: str) -> str:
    page = catalogue.page_by_filename(filename)
    return page.path if page else filename


def _resolve_reference(ref: Reference, here: str, catalogue: Catalogue) -> tuple[Pattern | None, Diagnostic | None]:
    filename = ref.target_page or here
    page = catalogue.page_by_filename(filename)
    if page is None:
        return None, error(
            "related-unresolved",
            here,
            ref.line,
            f"Related Patterns entry {ref.text!r} names {filename!r}, which is not a catalogue page",
        )
    if ref.anchor:
        match = next((p for p in page.patterns if p.slug == ref.anchor), None)
        if match:
            return match, None
    exact = (
        next((p for p in page.patterns if p.title == ref.text), None)
        or next((p for p in page.patterns if p.title.lower() == ref.text.lower()), None)
        or next((p for p in page.patterns if p.slug == ref.text), None)
    )
    if exact:
        return exact, None
    titles = [p.title for p in page.patterns]
    close = difflib.get_close_matches(ref.text, titles, n=1, cutoff=0.6)
    if close:
        chosen = next(p for p in page.patterns if p.title == close[0])
        return chosen, warning(
            "related-fuzzy",
            here,
            ref.line,
            f"Related Patterns entry {ref.text!r} matches no title in {filename}; using the closest, {chosen.title!r} ({chosen.id}); write the exact title to silence this",
        )
    nearest = difflib.get_close_matches(ref.text, titles, n=3, cutoff=0.3)
    hint = f"; closest titles: {', '.join(repr(t) for t in nearest)}" if nearest else ""
    return None, error(
        "related-unresolved",
        here,
        ref.line,
        f"Related Patterns entry {ref.text!r} matches no pattern of {filename}{hint}",
    )


def check_links(catalogue: Catalogue) -> list[Diagnostic]:
    """Links between catalogue pages must reach a page and, with a fragment, one of its anchors."""
    diagnostics = []
    for page in catalogue.pages:
        for link in page.links:
            target = catalogue.page_by_filename(link.target_page) if link.target_page else page
            shown = f"{link.target_page}#{link.anchor}" if link.anchor else link.target_page
            if target is None:
                names = difflib.get_close_matches(link.target_page, [p.filename for p in catalogue.pages], n=1)
                hint = f"; did you mean {names[0]!r}?" if names else ""
                diagnostics.append(
                    error("broken-link", page.path, link.line, f"link to {shown!r}: no such catalogue page{hint}")
                )
            elif link.anchor and link.anchor not in target.anchors:
                close = difflib.get_close_matches(link.anchor, sorted(target.anchors), n=1)
                hint = f"; did you mean #{close[0]}?" if close else ""
                diagnostics.append(
                    error(
                        "broken-anchor",
                        page.path,
                        link.line,
                        f"link to {shown!r}: {target.filename} has no anchor #{link.anchor}{hint}",
                    )
                )
    return diagnostics


def check_duplicates(catalogue: Catalogue) -> list[Diagnostic]:
    """Two patterns of a page with the same title get different anchors but confuse everyone."""
    diagnostics = []
    for page in catalogue.pages:
        seen: dict[str, Pattern] = {}
        for pattern in page.patterns:
            first = seen.setdefault(pattern.title.lower(), pattern)
            if first is not pattern:
                diagnostics.append(
                    error(
                        "title-duplicate",
                        page.path,
                        pattern.heading_line,
                        f"two patterns titled {pattern.title!r} (line {first.heading_line} is {first.id}, this one gets {pattern.id}); give each a distinct title",
                    )
                )
    return diagnostics


@dataclass(frozen=True)
class SourceLink:
    """Builds links to source lines at one commit."""

    template: str
    """The URL template."""
    repo_url: str
    """Value for `{repo_url}`, without a trailing slash."""
    commit: str
    """Value for `{commit}`."""
    prefix: str
    """Path of the project root inside the repository ('' at its top), to prepend to paths."""

    def url(self, path: str, start: int, end: int) -> str:
        """The link to lines start..end of path."""
        full = quote(f"{self.prefix}/{path}" if self.prefix else path, safe="/")
        return self.template.format(repo_url=self.repo_url, commit=self.commit, path=full, start=start, end=end)


def source_link(
    template: str | None, repo_url: str | None, commit: str, prefix: str
) -> tuple[SourceLink | None, list[Diagnostic]]:
    """A link builder from the configured template, or from the form of `repo_url`'s host."""
    base = (repo_url or "").rstrip("/")
    if template:
        try:
            template.format(repo_url=base, commit=commit, path="a", start=1, end=2)
        except (KeyError, IndexError, ValueError) as exc:
            return None, [
                error(
                    "config-invalid",
                    "mkdocs.yml",
                    0,
                    f"source_url {template!r} is not a valid template ({exc!r}); use the fields {{repo_url}}, {{commit}}, {{path}}, {{start}}, {{end}}",
                )
            ]
        return SourceLink(template, base, commit, prefix), []
    if not base:
        return None, []
    host = urlparse(base).hostname or ""
    form = next((SOURCE_URLS[name] for name in SOURCE_URLS if name in host), None)
    if form is None:
        return None, [
            warning(
                "source-url-unknown-forge",
                "mkdocs.yml",
                0,
                f"cannot tell the source link form of {host!r}; set `source_url` in the patterns plugin block, e.g. {SOURCE_URLS['github']!r}",
            )
        ]
    return SourceLink(form, base, commit, prefix), []
