"""Links written in catalogue pages: where each one leads, as MkDocs resolves it, and which are broken (pure).

A link's path is relative to the page that holds it and URL-decoded (`x.md`, `./x.md`, `../dir/x.md`,
`my%20page.md`), as MkDocs resolves it. It may lead to:

- a catalogue page: its `#anchor`, if any, must be a heading (or an HTML or `{#id}` anchor) of that
  page, else `broken-anchor`;
- another file of the project: fine. In the site, the rendered page sits at `<site folder>/<page>`, so
  the renderer rewrites the link to reach the same file there when it is published (inside `docs_dir`),
  or to the repository's web view when it is not (outside `docs_dir`, or a dot folder MkDocs leaves
  out). With no repository to link to, that is a `link-unpublished` warning;
- nothing: `broken-link`, with the closest page or file as a suggestion.

A path without a file extension that leads nowhere is left to MkDocs (an "unrecognized relative link").
Every link reported broken is rendered as its text, so MkDocs does not report it a second time.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from extractor import git
from extractor.model import Catalogue, Diagnostic, Link, Page, error, warning
from extractor.source_urls import SourceLink
from extractor.titles import choose

HTML_ID_RE = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)=["']([^"']+)["']""")
ATTR_LIST_RE = re.compile(r"\{:?([^{}]*)\}")
"""An attribute list `{: #id .class }`: linear, since no brace may sit inside one."""
ATTR_ID_RE = re.compile(r"(?:^|\s)#([\w.:-]+)")
"""An `#id` inside an attribute list."""
WORD_RE = re.compile(r"[^\W_]+")
MAX_SUGGESTION_FILES = 200_000
"""Files of the project looked at for a file of the same name, at most."""


@dataclass(frozen=True)
class Destination:
    """Where a link of a catalogue page leads in the built site; with no field set, nowhere (shown as text)."""

    page: str | None = None
    """Path of the catalogue page it reaches (its rendered copy), relative to the project root."""
    uri: str | None = None
    """Path inside `docs_dir` of the published file it reaches."""
    url: str | None = None
    """Address of a file the site does not publish, in the repository's web view."""


@dataclass(frozen=True)
class SiteLinks:
    """What the renderer needs to make every link of the catalogue pages work in the site."""

    folder: str = ""
    """Folder of the site where the rendered catalogue pages are published."""
    links: Mapping[str, tuple[tuple[Link, Destination], ...]] = field(default_factory=dict)
    """Page path -> each of its links and where it leads."""


NO_LINKS = SiteLinks()
"""No link to rewrite."""


@dataclass(frozen=True)
class Layout:
    """Where the project's files are in the built site."""

    root: Path
    """The project root; paths below are relative to it."""
    catalogue: str = "patterns"
    """The catalogue folder."""
    docs_dir: str = "docs"
    """MkDocs' `docs_dir`."""
    folder: str = ""
    """Folder of the site where the rendered catalogue pages are published."""
    source: SourceLink | None = None
    """Links to files in the repository's web view, if it has one."""

    def published(self, path: str) -> str | None:
        """The path inside the site of a project file MkDocs publishes, or None."""
        inside = posixpath.relpath(path, self.docs_dir)
        parts = inside.split("/")
        if parts[0] == ".." or any(part.startswith(".") for part in parts) or parts[0] == "templates":
            return None  # outside docs_dir, or left out by MkDocs' default `exclude_docs`
        return inside


def resolve_path(page_path: str, written: str) -> str:
    """The project path a relative link path of a page leads to, as MkDocs joins it (may start with `../`)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), written))


def check_links(catalogue: Catalogue, layout: Layout) -> tuple[SiteLinks, list[Diagnostic]]:
    """Every link of every catalogue page: where it leads in the site, and a diagnostic for each broken one."""
    follow = _Follower(catalogue, layout)
    found: dict[str, tuple[tuple[Link, Destination], ...]] = {}
    diagnostics: list[Diagnostic] = []
    for page in catalogue.pages:
        routes = []
        for link in page.links:
            destination, problem = follow(link, page)
            if problem is not None:
                diagnostics.append(problem)
            if destination is not None:
                routes.append((link, destination))
        found[page.path] = tuple(routes)
    return SiteLinks(layout.folder, found), diagnostics


class _Follower:
    """Follows the links of a catalogue's pages (each page's anchors are gathered once)."""

    def __init__(self, catalogue: Catalogue, layout: Layout) -> None:
        self.pages = {page.path: page for page in catalogue.pages}
        self.layout = layout
        self.suggest = _Suggestions(catalogue, layout)
        self.anchors: dict[str, frozenset[str]] = {}

    def __call__(self, link: Link, page: Page) -> tuple[Destination | None, Diagnostic | None]:
        """Where one link leads (None: leave it as written) and what is wrong with it."""
        if not link.path:
            return self.anchored(link, page, page)
        path = resolve_path(page.path, link.path)
        if path in self.pages:
            return self.anchored(link, page, self.pages[path])
        if path.startswith("../") or path == "..":
            return Destination(), _broken(link, page, "leads outside the project folder", "")
        if path == posixpath.join(self.layout.catalogue, "index.md") or (self.layout.root / path).is_dir():
            return None, None  # the generated overview; a folder, which MkDocs' own validation judges
        if (self.layout.root / path).exists():
            return self.elsewhere(link, page, path)
        if not posixpath.splitext(link.path)[1]:
            return None, None  # MkDocs' "unrecognized relative link": its own validation decides
        return Destination(), _broken(link, page, "no such file", self.suggest.file(page.path, link.path))

    def anchored(self, link: Link, here: Page, target: Page) -> tuple[Destination, Diagnostic | None]:
        """A link to a catalogue page (maybe `here`): its anchor must be one of that page's."""
        fragment = link.anchor or ""
        if target.path not in self.anchors:
            self.anchors[target.path] = anchors_of(target)
        if not fragment or fragment in self.anchors[target.path]:
            return Destination(page=target.path), None
        hint = _anchor_hint(link, target, fragment, self.anchors[target.path])
        message = f"link to {link.target!r}: {target.filename} has no anchor #{fragment}{hint}"
        return Destination(), error("broken-anchor", here.path, link.line, message)

    def elsewhere(self, link: Link, page: Page, path: str) -> tuple[Destination, Diagnostic | None]:
        """A link to an existing file that is not a catalogue page: the same file in the site, or in the repository."""
        uri = self.layout.published(path)
        if uri is not None:
            return Destination(uri=uri), None
        if self.layout.source is not None:
            return Destination(url=self.layout.source.file_url(path)), None
        message = (
            f"link to {link.target!r}: {path} exists but the site does not publish it (it is outside "
            f"docs_dir {self.layout.docs_dir!r} or in a dot folder), so the link is shown as text; set "
            "`repo_url` in mkdocs.yml to link to it in the repository, or link to a page of the site"
        )
        return Destination(), warning("link-unpublished", page.path, link.line, message)


def _anchor_hint(link: Link, target: Page, fragment: str, anchors: frozenset[str]) -> str:
    """The anchor the link text or the broken anchor most likely means."""
    import difflib

    choice = choose(link.text, [p.title for p in target.patterns], [p.slug for p in target.patterns])
    if choice.index is not None:
        chosen = target.patterns[choice.index]
        return f"; did you mean #{chosen.slug} ({chosen.title!r})?"
    close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.88)  # a typo of it
    return f"; did you mean #{close[0]}?" if close else ""


def anchors_of(page: Page) -> frozenset[str]:
    """Every anchor a link may name on a catalogue page: headings, `{#id}` attributes, HTML ids and names."""
    ids = (found for inside in ATTR_LIST_RE.findall(page.text) for found in ATTR_ID_RE.findall(inside))
    extra = {*HTML_ID_RE.findall(page.text), *ids}
    return page.anchors | extra if extra else page.anchors


def _broken(link: Link, page: Page, why: str, suggestion: str) -> Diagnostic:
    kind = "image" if link.image else "link to"
    hint = f"; did you mean {suggestion}?" if suggestion else ""
    return error("broken-link", page.path, link.line, f"{kind} {link.target!r}: {why}{hint}")


class _Suggestions:
    """The files a missing one most likely means: the closest catalogue page, and a file of the project
    with the same name elsewhere."""

    def __init__(self, catalogue: Catalogue, layout: Layout) -> None:
        self.pages = [page.path for page in catalogue.pages]
        self.layout = layout
        self._files: list[str] | None = None

    def file(self, here: str, written: str) -> str:
        """Up to two suggestions, written relative to the page `here` and joined by `or`; '' for none."""
        wanted = posixpath.basename(written)
        kind = posixpath.splitext(wanted)[1]
        page = closest_file(wanted, [path for path in self.pages if posixpath.splitext(path)[1] == kind])
        elsewhere = next((path for path in self.files() if posixpath.basename(path) == wanted), "")
        found = [posixpath.relpath(path, posixpath.dirname(here)) for path in dict.fromkeys((page, elsewhere)) if path]
        return " or ".join(repr(path) for path in found if path != written)

    def files(self) -> list[str]:
        """The project's files (git's list, else the docs folder walked), read once and only when a link is broken."""
        if self._files is None:
            tracked = git.tracked_files(self.layout.root, ["."])
            if tracked is None:
                base = self.layout.root / self.layout.docs_dir
                walked = (p for p in (base.rglob("*") if base.is_dir() else ()) if p.is_file())
                tracked = [p.relative_to(self.layout.root).as_posix() for p in walked]
            self._files = tracked[:MAX_SUGGESTION_FILES]
        return self._files


def closest_file(wanted: str, paths: Iterable[str]) -> str:
    """The path whose file name is `wanted`, else whose name holds every word of it, else the closest spelling.

    `testing-patterns.md` finds `testing-architecture-patterns.md` before `frontend-patterns.md`.
    """
    import difflib

    paths = list(paths)
    names = {path: posixpath.basename(path) for path in paths}
    same = [path for path in paths if names[path] == wanted]
    if same:
        return same[0]
    stem = posixpath.splitext(wanted)[0]
    holding = [p for p in paths if _words(stem) and _words(stem) <= _words(posixpath.splitext(names[p])[0])]
    if holding:
        return min(holding, key=lambda p: (len(names[p]), p))
    stems = {posixpath.splitext(name)[0]: path for path, name in sorted(names.items(), reverse=True)}
    close = difflib.get_close_matches(stem, list(stems), n=1, cutoff=0.75)
    return stems[close[0]] if close else ""


def _words(text: str) -> set[str]:
    return set(WORD_RE.findall(text.casefold()))
