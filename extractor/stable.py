"""Stable links: `p/<id>/` redirect pages, the id list a build leaves behind, and checks against it (pure)."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from extractor import escape
from extractor.model import Catalogue, Diagnostic, Example, Kind, Pattern, error
from extractor.valid_ids import id_problem

ID_LIST_VERSION = 1


@dataclass(frozen=True)
class StableLink:
    """One `p/<id>/` page: a current id or a former one, and the pattern it leads to."""

    id: str
    pattern: Pattern

    @property
    def path(self) -> str:
        """Path of the redirect page in the site."""
        return f"p/{self.id}/index.html"


def stable_links(catalogue: Catalogue) -> list[StableLink]:
    """A link for every pattern id and every alias that can be a folder of the site (the others are errors)."""
    by_id = {p.id: p for p in catalogue.patterns}
    links = [StableLink(p.id, p) for p in catalogue.patterns]
    links += [StableLink(former, by_id[current]) for former, current in sorted(catalogue.aliases.items())]
    first = {link.id: link for link in reversed(links)}  # an id written twice (`id-duplicate`): its first pattern's
    return [link for link in links if _usable(link.id) and first[link.id] is link]


def _usable(pattern_id: str) -> bool:
    """`<key>/<slug>`, each part an id (`id-invalid` reports the others): never a path out of `p/`."""
    parts = pattern_id.split("/")
    return len(parts) == 2 and not any(id_problem(part) for part in parts)


def stable_url(site_url: str | None, pattern_id: str) -> str:
    """The permanent address of a pattern: `<site_url>p/<id>/` (site-relative without site_url)."""
    base = site_url or ""
    if base and not base.endswith("/"):
        base += "/"
    return f"{base}p/{pattern_id}/"


def redirect_page(title: str, target: str, canonical: str | None) -> str:
    """A page that sends the reader on to `target` (relative URL with the anchor), with or without JavaScript."""
    address = escape.url(target) or "."
    href = escape.html_attr(address)
    canonical = escape.url(canonical) if canonical else None
    canon = f'\n<link rel="canonical" href="{escape.html_attr(canonical)}">' if canonical else ""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape.html_text(title)}</title>{canon}\n"
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f"<script>location.replace({escape.script_string(address)})</script>\n"
        f'</head>\n<body>\n<p>This pattern is now at <a href="{href}">{escape.html_text(title)}</a>.</p>\n</body>\n</html>\n'
    )


def id_list(catalogue: Catalogue) -> str:
    """The ids a build publishes, as JSON: what `check --previous` compares the next build with."""
    data = {
        "version": ID_LIST_VERSION,
        "patterns": {p.id: p.title for p in catalogue.patterns},
        "aliases": dict(sorted(catalogue.aliases.items())),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class IdList:
    """The ids of a previous build."""

    source: str
    """Where the list was read from, for diagnostics."""
    ids: frozenset[str]
    """Every id, current and former, the previous build published."""


def read_id_list(text: str) -> frozenset[str] | None:
    """Every id (current and former) of an id list, or None when the text is not one."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), dict):
        return None
    aliases = data.get("aliases", {})
    return frozenset(data["patterns"]) | frozenset(aliases if isinstance(aliases, dict) else ())


def check_previous(catalogue: Catalogue, previous: Iterable[str], source: str) -> list[Diagnostic]:
    """Every id of the previous build that now leads nowhere: a rename without an alias breaks links."""
    import difflib

    live = {p.id for p in catalogue.patterns} | set(catalogue.aliases)
    pages = catalogue.page_paths
    found = []
    for gone in sorted(set(previous) - live):
        key = gone.rpartition("/")[0]
        closest = difflib.get_close_matches(gone, sorted(p.id for p in catalogue.patterns), n=1, cutoff=0.4)
        new = closest[0].rpartition("/")[2] if closest else "<new-slug>"
        hint = f" (closest now: {closest[0]!r})" if closest else ""
        message = (
            f"pattern id {gone!r} of the previous build is gone{hint}, so links to it break; if the pattern was "
            f"renamed or moved, add to the front matter of the page that holds it `aliases: {{{gone}: {new}}}`"
        )
        found.append(error("id-gone", pages.get(key, source), 1 if key in pages else 0, message))
    return found


def check_required(catalogue: Catalogue, examples: Iterable[Example]) -> list[Diagnostic]:
    """With `require_examples`: every pattern that is code has at least one example."""
    shown = {e.pattern_id for e in examples}
    pages = catalogue.page_paths
    return [
        error(
            "example-required",
            pages[p.page],
            p.heading_line,
            f"pattern {p.id!r} has no example; mark code with `@pattern {p.id}`, "
            "or write `**Example**: _(Not code: why)_` if it is a practice rather than code",
        )
        for p in catalogue.patterns
        if p.kind is Kind.PATTERN and not p.not_code and p.id not in shown
    ]


def redirect_pages(catalogue: Catalogue, page_urls: Mapping[str, str], site_url: str | None) -> dict[str, str]:
    """Site path -> HTML of every `p/<id>/` page, given each catalogue page's URL in the site (by source path)."""
    paths = catalogue.page_paths
    pages: dict[str, str] = {}
    for link in stable_links(catalogue):
        url = page_urls[paths[link.pattern.page]]
        target = posixpath.relpath(url or ".", posixpath.dirname(link.path)) + ("/" if url.endswith("/") else "")
        canonical = f"{site_url.rstrip('/')}/{url}#{link.pattern.slug}" if site_url else None
        pages[link.path] = redirect_page(link.pattern.title, f"{target}#{link.pattern.slug}", canonical)
    pages["p/ids.json"] = id_list(catalogue)
    return pages
