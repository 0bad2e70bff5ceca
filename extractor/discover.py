"""What a repository holds, for `patterns init`: its catalogue folder, its code folders, its forge address."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from extractor import git
from extractor.catalogue import HOME_PAGES
from extractor.model import Kind, Page, Pattern, SlotState
from extractor.page import parse_page
from extractor.read import read_bytes
from extractor.scan.files import SKIPPED_DIRS, list_files
from extractor.scan.languages import language_of

MAX_PAGE = 2_000_000
"""Markdown files larger than this are not read while looking for the catalogue."""

NEW_CATALOGUE = "patterns"
"""The catalogue folder of a repository that has no catalogue page yet."""


@dataclass(frozen=True)
class Found:
    """What the repository holds."""

    catalogue: str
    """The catalogue folder, relative to the root (a new one when `pages` is empty)."""
    pages: tuple[str, ...]
    """Pattern pages in it, relative to the root."""
    others: tuple[str, ...]
    """Other Markdown files in it, relative to it: they go to `exclude_pages` (but its home page, which the
    catalogue reads as such: `index.md` or `README.md` at its top)."""
    elsewhere: tuple[str, ...]
    """Pattern pages in other folders, left out."""
    sources: tuple[str, ...]
    """Top-level folders holding code."""
    comment: str
    """A marker in the comment syntax of the code's main language, with `{id}` to fill in."""
    links_out: tuple[str, ...] = ()
    """Files outside the catalogue folder that its pages link to, which a site of the catalogue alone lacks."""
    hidden: tuple[str, ...] = ()
    """Pages with patterns in hidden folders (`.claude/...`): never the catalogue, since MkDocs publishes no hidden
    file."""


def discover(root: Path) -> Found:
    """The catalogue folder and the code folders of a repository (git's view of it when it is one).

    The catalogue is the folder holding most pattern pages: pages with at least one pattern that
    has an Example field. In that folder, a page with any pattern at all is a catalogue page.
    """
    files, _ = list_files(root, (".",), ())
    read = {path: _read(root / path) for path in files if path.endswith(".md") and "/" in path}
    shapes = {path: _shape(page) for path, page in read.items()}
    markdown = [path for path in read if not _hidden(path)]
    hidden = tuple(path for path in read if _hidden(path) and shapes[path])
    pages = [path for path in markdown if shapes[path] == 2]
    folders = Counter(str(PurePosixPath(page).parent) for page in pages)
    if not folders:  # a new catalogue folder: the Markdown already there is not read as pattern pages
        sources = _code_folders(files, "")
        inside = [path for path in markdown if path.startswith(NEW_CATALOGUE + "/")]
        others = _others(NEW_CATALOGUE, inside, shapes)
        return Found(NEW_CATALOGUE, (), others, (), sources, _comment(files, sources), hidden=hidden)
    catalogue = min(folders, key=lambda folder: (-folders[folder], folder.count("/"), folder))
    inside = [path for path in markdown if path.startswith(catalogue + "/")]
    sources = _code_folders(files, catalogue)
    return Found(
        catalogue,
        tuple(path for path in inside if shapes[path]),
        _others(catalogue, inside, shapes),
        _elsewhere(pages, catalogue, read),
        sources,
        _comment(files, sources),
        _links_out(root, catalogue, {path: read[path] for path in inside if shapes[path]}),
        hidden,
    )


def _others(catalogue: str, inside: list[str], shapes: dict[str, int]) -> tuple[str, ...]:
    """The Markdown files of the catalogue folder without patterns, relative to it, but its home page."""
    return tuple(
        path[len(catalogue) + 1 :]
        for path in inside
        if not shapes[path] and path[len(catalogue) + 1 :] not in HOME_PAGES
    )


def _elsewhere(pages: list[str], catalogue: str, read: dict[str, Page | None]) -> tuple[str, ...]:
    """The pattern pages outside the catalogue folder, but copies of it: a page that repeats the titles of the
    catalogue's patterns, for half of its own patterns or half of the catalogue's (an old copy of a page, an
    export, a whole folder's pages concatenated into one), would only bring them twice."""
    titles = {p.title.casefold() for path in pages if path.startswith(catalogue + "/") for p in _patterns(read[path])}
    found = []
    for path in pages:
        patterns = _patterns(read[path])
        copied = 2 * sum(p.title.casefold() in titles for p in patterns)
        if not path.startswith(catalogue + "/") and copied < len(patterns) and copied < len(titles):
            found.append(path)
    return tuple(found)


def _patterns(page: Page | None) -> tuple[Pattern, ...]:
    return page.patterns if page else ()


def _links_out(root: Path, catalogue: str, pages: dict[str, Page | None]) -> tuple[str, ...]:
    """Files outside the catalogue folder that its pages link to (relative to the root)."""
    found = set()
    for path, page in pages.items():
        for link in page.links if page else ():
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), link.path))
            if link.path and not target.startswith(f"{catalogue}/") and (root / target).is_file():
                found.add(target)
    return tuple(sorted(found))


def _hidden(path: str) -> bool:
    return any(part.startswith(".") for part in path.split("/"))


def _read(path: Path) -> Page | None:
    """A Markdown file read as a catalogue page, or None when it cannot be read."""
    try:
        text = read_bytes(path, MAX_PAGE).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_page(path.name, text)[0]


def _shape(page: Page | None) -> int:
    """2 for a pattern page (a pattern with an Example field), 1 for a page with patterns but no such field, else 0."""
    if page is None:
        return 0
    patterns = [pattern for pattern in page.patterns if pattern.kind is Kind.PATTERN]
    return 2 if any(p.slot is not SlotState.MISSING for p in patterns) else int(bool(page.patterns))


def _code_folders(files: list[str], catalogue: str) -> tuple[str, ...]:
    """Top-level folders with more source files than Markdown files (documentation folders are not code);
    never a built site (`site/`) or a virtual environment, even when git does not ignore them."""
    code: Counter[str] = Counter()
    prose: Counter[str] = Counter()
    for path in files:
        top, _, rest = path.partition("/")
        if not rest or top.startswith(".") or top in SKIPPED_DIRS or path.startswith(catalogue + "/"):
            continue
        if path.endswith(".md"):
            prose[top] += 1
        elif language_of(path).parser is not None:
            code[top] += 1
    folders = tuple(sorted(top for top in code if code[top] > prose[top]))
    return folders or (".",)


def _comment(files: list[str], sources: tuple[str, ...]) -> str:
    """A marker line in the comment syntax of the main language of the code under `sources`, with `{id}` to fill in."""
    inside = [path for path in files if "." in sources or path.partition("/")[0] in sources]
    languages = Counter(language_of(path) for path in inside if language_of(path).parser is not None)
    if not languages:
        return "// @pattern {id}"
    language = languages.most_common(1)[0][0]
    return f"{language.comment} @pattern {{id}}" + (f" {language.comment_end}" if language.comment_end else "")


def repo_url(root: Path) -> str | None:
    """The web address of the `origin` remote, when it is one (`git@github.com:a/b.git` -> `https://github.com/a/b`)."""
    url = git.remote_url(root) or ""
    ssh = re.fullmatch(r"(?:ssh://)?git@([\w.-]+)[:/](.+?)(?:\.git)?/?", url)
    if ssh:
        return f"https://{ssh.group(1)}/{ssh.group(2)}"
    web = re.fullmatch(r"(https://[\w.-]+/.+?)(?:\.git)?/?", url)
    return web.group(1) if web else None
