"""The MkDocs adapter: each event is one call into the core."""

from __future__ import annotations

import logging
import os
import posixpath
import stat
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from extractor import extensions
from extractor.codeblock import STYLESHEET, stylesheet
from extractor.codes import with_severities
from extractor.config import Site, read_options, settings_of
from extractor.filecache import CACHE
from extractor.model import Diagnostic, Settings, Severity, warning
from extractor.pipeline import Result, run
from extractor.rules.files import YAML_SUFFIXES
from extractor.scan.files import watch_plan
from extractor.stable import redirect_pages
from extractor.symbols.api import Illustrated, illustrated, link_back
from extractor.wording import counted

log = logging.getLogger("mkdocs.plugins.patterns")

_serving = False
"""True once `mkdocs serve` watches the files: every rebuild loads the config again, with a new
plugin object, so the state that outlives them lives here."""


LOG = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}


def report(diagnostics: tuple[Diagnostic, ...]) -> int:
    """Each diagnostic logged at its level (so `--strict` fails on warnings); returns the number of errors."""
    for diagnostic in diagnostics:
        LOG[diagnostic.severity](str(diagnostic))
    return sum(d.severity is Severity.ERROR for d in diagnostics)


def site_files(result: Result, settings: Settings, config: MkDocsConfig) -> list[tuple[File, str | None]]:
    """The rendered catalogue pages (each with the catalogue page it comes from), and a `p/<id>/` page for every id."""
    folder = settings.site_catalogue
    catalogue = result.catalogue
    sources = {page.path for page in catalogue.pages}
    pages = []
    for page in (*result.pages, *result.assets):  # the assets: trend charts
        source = posixpath.normpath(posixpath.join(catalogue.folder or ".", page.path))
        uri = posixpath.join(folder, page.path) if folder not in ("", ".") else page.path
        pages.append((File.generated(config, uri, content=page.text), source if source in sources else None))
    urls = {source: file.url for file, source in pages if source}
    redirects = redirect_pages(catalogue, urls, settings.site_url)
    pages.append((File.generated(config, posixpath.join(folder, STYLESHEET), content=stylesheet()), None))
    return pages + [(File.generated(config, path, content=text), None) for path, text in redirects.items()]


def publish(files: Files, generated: list[tuple[File, str | None]], settings: Settings) -> list[Diagnostic]:
    """Add the generated files: one replaces a page of `docs_dir` only when it is that page, filled.

    A file of the catalogue folder that is not a regular file (a FIFO...) is dropped, so that MkDocs
    does not block reading it; so are the rule files of its `rules` folder, which are not pages of the site.
    """
    catalogue = (settings.root / settings.catalogue).resolve()
    for file in list(files):
        if file.abs_src_path and catalogue in Path(file.abs_src_path).parents and _not_published(file, catalogue):
            files.remove(file)
    notes = []
    for file, source in generated:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None and not _same(existing, source, settings.root):
            where = existing.src_uri
            message = f"`{where}` of docs_dir is where the catalogue's {file.src_uri} would be published; the page of docs_dir is kept: rename or move one of them"
            notes.append(warning("site-path-taken", settings.config_file, 0, message))
            continue
        if existing is not None:
            file.inclusion = existing.inclusion
            files.remove(existing)
        files.append(file)
    return notes


def _same(existing: File, source: str | None, root: Path) -> bool:
    """True when a file of docs_dir is the catalogue page `source` (relative to root) itself."""
    return (
        bool(source and existing.abs_src_path)
        and Path(existing.abs_src_path or "").resolve() == (root / (source or "")).resolve()
    )


def _not_published(file: File, catalogue: Path) -> bool:
    """A file of the catalogue folder that the site leaves out: a rule file (and its cases), or a special file."""
    path = Path(file.abs_src_path or "")
    return (catalogue / "rules" in path.parents and path.name.endswith(YAML_SUFFIXES)) or _special(str(path))


def _special(path: str) -> bool:
    """True for a FIFO, device or socket (reading one would block or fail)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def enable_extensions(config: MkDocsConfig) -> None:
    """Enable the Markdown extensions the catalogue pages need and the site lacks, saying so."""
    needed = extensions.missing(config.markdown_extensions)
    for need in needed:
        config.markdown_extensions.append(need.name)
    if needed:
        log.info(f"the catalogue pages need {extensions.describe(needed)}; enabled for this build")


class _Block(Config):
    """No schema of MkDocs' own: `PatternsPlugin.load_config` checks the block with `config.OPTIONS`."""


# @pattern architecture/pure-core-thin-adapters title="The MkDocs adapter"
class PatternsPlugin(BasePlugin[_Block]):
    """Fills every pattern's Example slot from annotated code and adds the catalogue to the site."""

    options: dict[str, Any]
    settings: Settings
    errors = 0
    """Errors of the last build: after writing the site, `mkdocs build` fails while there are any."""
    command = "build"
    """The MkDocs command running: `build`, `gh-deploy` or `serve` (MkDocs keeps this object for the whole
    command, since it has `on_startup`)."""
    api_links: Mapping[str, list[Illustrated]] = MappingProxyType({})
    """API object identifier -> the patterns it is an example of (only on a site that runs mkdocstrings)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """The block checked by `config.read_options`, exactly as the `patterns` command checks it."""
        root = Path(config_file_path or "mkdocs.yml").resolve().parent
        self.options, problems = read_options(options, root)
        return [(key, ValidationError(message)) for key, message in problems], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        enable_extensions(config)
        site = Site(
            Path(config.config_file_path or "mkdocs.yml").resolve(),
            config.repo_url,
            config.site_url,
            config.mdx_configs.get("toc"),
            config.docs_dir,
            tuple(name for name in config.markdown_extensions if isinstance(name, str)),
            tuple(config.plugins),
        )
        self.settings = replace(
            settings_of(site, self.options),
            self_test_rules=False,  # `patterns check` runs them
            write_cache=not _serving,  # a write in a watched folder would start another rebuild; see on_shutdown
        )
        style = posixpath.join(self.settings.site_catalogue, STYLESHEET)
        if style not in config.extra_css:  # a site ready for Zensical names it already
            config.extra_css.append(style)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        result = run(self.settings)
        generated = site_files(result, self.settings, config)
        notes = publish(files, generated, self.settings)
        self.api_links = illustrated(result.catalogue, result.examples, {s: f.url for f, s in generated if s})
        self.errors = report((*result.diagnostics, *with_severities(notes, self.settings.severity)))
        return files

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """On an API page (mkdocstrings), a note under each object that is an example, linking to its patterns."""
        return link_back(html, page.url, self.api_links)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Fail `mkdocs build` (not `serve`, from its first build on) once the site is written, like `patterns
        build`, while errors remain."""
        if self.errors and self.command != "serve":
            raise PluginError(
                f"{counted(self.errors, 'catalogue error')} (listed above): the site is written, with them, but the "
                "build fails until they are fixed (or their codes are given a lower `severity` in mkdocs.yml)"
            )

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        global _serving
        _serving = True
        server.watch(str(self.settings.root / self.settings.catalogue))
        for folder, recursive in watch_plan(self.settings.root, self.settings.sources):
            server.watch(str(folder), recursive=recursive)
        return server

    def on_shutdown(self) -> None:
        """After `mkdocs serve`, write the cache its rebuilds kept in memory, for the next command."""
        global _serving
        if _serving:
            _serving = False
            report(tuple(CACHE.flush()))
