"""The catalogue folder -> a `Catalogue`: its pages found and read safely, each parsed (`page.py`) or taken
from the cache, their aliases resolved across pages. `index.md` or `README.md` at the top of the
catalogue folder is its home page, read for links only.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from extractor.aliases import resolve_aliases
from extractor.filecache import CACHE, content_digest, installed
from extractor.globs import ignored
from extractor.memo import memoised
from extractor.model import Catalogue, Diagnostic, Page, error, info
from extractor.read import SPECIAL, SpecialFile, TooLarge, read_bytes

Slugify = Callable[[str, str], str]
HOME_PAGES = ("index.md", "README.md")
"""Files at the top of the catalogue folder that are its home page, the first found."""


@dataclass(frozen=True)
class Reading:
    """How pages are read: the toc's slugify and separator, the field vocabulary, the site's Markdown extensions."""

    slugify: Slugify | None = None
    separator: str = "-"
    fields: tuple[str, ...] = ()
    """Field names besides the default vocabulary."""
    extensions: tuple[str, ...] | None = None
    """The site's Markdown extensions; None when unknown: then read as a Material site (`attr_list`,
    `md_in_html`, `pymdownx.superfences`)."""

    def uses(self, extension: str) -> bool:
        """True when the site runs `extension` (`attr_list`, `md_in_html`, `superfences`)."""
        if self.extensions is None:
            return True
        names = {name.removeprefix("markdown.extensions.").removeprefix("pymdownx.") for name in self.extensions}
        return extension in names or (extension in ("attr_list", "md_in_html") and "extra" in names)


def page_key(filename: str) -> str:
    """`backend-patterns.md` -> `backend`."""
    stem = Path(filename).stem
    return stem[: -len("-patterns")] if stem.endswith("-patterns") and stem != "-patterns" else stem


def load_catalogue(
    root: Path,
    folder: str,
    slugify: Slugify | None = None,
    separator: str = "-",
    max_size: int = 5_000_000,
    exclude: tuple[str, ...] = (),
    fields: tuple[str, ...] = (),
    extensions: tuple[str, ...] | None = None,
) -> tuple[Catalogue, list[Diagnostic]]:
    """Read every `*.md` under `root/folder` into a catalogue, but those `exclude` names (.gitignore syntax)."""
    base = root / folder
    if not base.is_dir():
        message = "catalogue folder does not exist; create it or set `catalogue` in mkdocs.yml"
        return Catalogue((), folder=folder), [error("catalogue-missing", folder, 0, message)]
    reading = Reading(slugify, separator, tuple(fields), extensions)
    diagnostics: list[Diagnostic] = []
    pages = []
    paths = _markdown_files(root, base, ignored(exclude), diagnostics)
    homes = {posixpath.join(folder, name) for name in HOME_PAGES} if folder != "." else set(HOME_PAGES)
    for path in paths:
        text = _read_page(root, path, max_size, diagnostics)
        if text is not None:
            page, found = _parsed(path, text, reading, path in homes)
            pages.append(page)
            diagnostics.extend(found)
    diagnostics.extend(_duplicate_keys(pages))
    aliases = resolve_aliases(pages, diagnostics)
    return Catalogue(tuple(pages), aliases, folder), diagnostics


def _markdown_files(root: Path, base: Path, skipped: Callable[[str], bool], diagnostics: list[Diagnostic]) -> list[str]:
    """Paths (relative to root) of the `*.md` files under `base`, sorted; a folder that cannot be read is reported."""

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename).relative_to(root).as_posix() if exc.filename else base.name
        message = f"catalogue folder cannot be read ({exc.strerror}), so its pages are left out; fix its permissions, or list it in `exclude_pages`"
        diagnostics.append(error("folder-unreadable", where, 0, message))

    found = []
    for folder, subfolders, names in os.walk(base, onerror=unreadable):
        inside = Path(folder).relative_to(base).as_posix()
        prefix = "" if inside == "." else f"{inside}/"
        subfolders[:] = sorted(name for name in subfolders if not skipped(f"{prefix}{name}/"))
        found += [f"{prefix}{name}" for name in names if name.endswith(".md") and not skipped(f"{prefix}{name}")]
    top = base.relative_to(root).as_posix()
    return sorted((posixpath.join(top, name) if top != "." else name for name in found), key=lambda p: p.split("/"))


def _read_page(root: Path, path: str, max_size: int, diagnostics: list[Diagnostic]) -> str | None:
    """The text of a page; None with a diagnostic when it is too large, not UTF-8, unreadable, not a file,
    or a symlink to a file outside the project."""
    if not (root / path).resolve().is_relative_to(root.resolve()):
        diagnostics.append(error("page-unreadable", path, 0, "not read: a symlink to a file outside the project"))
        return None
    try:
        data = read_bytes(root / path, max_size)
    except SpecialFile:
        diagnostics.append(info("page-skipped", path, 0, f"{SPECIAL}; skipped"))
        return None
    except TooLarge as exc:
        size = f"{exc.size:,} bytes, above `max_file_size` ({max_size:,})"
        message = f"catalogue page not read: {size}; split it into several pages"
        diagnostics.append(error("page-unreadable", path, 0, message))
        return None
    except OSError as exc:
        diagnostics.append(error("page-unreadable", path, 0, f"cannot read catalogue page: {exc.strerror}"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diagnostics.append(error("page-unreadable", path, line, "catalogue page is not valid UTF-8; save it as UTF-8"))
        return None


@memoised(maxsize=256)
def _parsed(path: str, text: str, reading: Reading, home: bool) -> tuple[Page, tuple[Diagnostic, ...]]:
    """`parse_page`, remembered in the process (`mkdocs serve` rebuilds after every edit, mostly of code) and in
    the cache's `pages` table by what the page says and how it is read."""
    key = _page_key(path, text, reading, home)
    table = CACHE.contents("pages", tuple[Page, tuple[Diagnostic, ...]])
    known, parsed = table.get(key) if key else (False, None)
    if known and parsed is not None:
        return replace(parsed[0], text=text), parsed[1]  # the text is the file's: the cache does not hold it twice
    from extractor.page import parse_page

    page, found = parse_page(path, text, reading, home=home)
    if key:
        table.put(key, (replace(page, text=""), tuple(found)))
    return page, tuple(found)


def _page_key(path: str, text: str, reading: Reading, home: bool) -> str | None:
    """A name for a page's parse: its path, text and reading; None when the reading has a slugify function
    that cannot be named (made by a factory), whose parse is then not kept between processes."""
    slugify = reading.slugify
    name = "toc" if slugify is None else f"{slugify.__module__}.{getattr(slugify, '__qualname__', '<?>')}"
    if "<" in name:
        return None
    said = repr((path, name, reading.separator, reading.fields, reading.extensions, home, installed("markdown")))
    return content_digest(f"{said}\0{text}".encode("utf-8", "surrogatepass"))


def check_page_sizes(catalogue: Catalogue, limit: int) -> list[Diagnostic]:
    """A note for each page with more patterns than `limit`: it renders, but a reader would rather have it split."""
    return [
        info(
            "page-too-many-patterns",
            page.path,
            1,
            f"{len(page.patterns):,} patterns on one page, above `max_patterns_per_page` ({limit:,}); it renders, but consider splitting it",
        )
        for page in catalogue.pages
        if len(page.patterns) > limit
    ]


def _duplicate_keys(pages: list[Page]) -> list[Diagnostic]:
    seen: dict[str, Page] = {}
    found = []
    for page in pages:
        if page.home:
            continue
        if page.key in seen:
            found.append(
                error(
                    "page-key-duplicate",
                    page.path,
                    1,
                    f"catalogue key {page.key!r} is also the key of {seen[page.key].path}; rename one file",
                )
            )
        seen.setdefault(page.key, page)
    return found


def declare_not_code(catalogue: Catalogue, entries: Iterable[str]) -> tuple[Catalogue, list[Diagnostic]]:
    """The plugin block's `not_code`: page keys and pattern ids whose patterns are practices, not code."""
    entries = list(entries)
    keys = {page.key for page in catalogue.pages}
    ids = {p.id for p in catalogue.patterns}
    problems = [
        error(
            "config-invalid",
            "mkdocs.yml",
            0,
            f"`not_code` lists {entry!r}, which is neither a catalogue page key nor a pattern id; run `patterns list` to see them",
        )
        for entry in entries
        if entry not in keys and entry not in ids
    ]
    wanted = set(entries)
    if not wanted:
        return catalogue, problems
    pages = tuple(
        replace(
            page, patterns=tuple(replace(p, not_code=True) if {p.id, p.page} & wanted else p for p in page.patterns)
        )
        for page in catalogue.pages
    )
    return replace(catalogue, pages=pages), problems
