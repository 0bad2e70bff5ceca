"""The MkDocs adapter: each event is one call into the core."""

from __future__ import annotations

import logging
import posixpath
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from extractor import extensions
from extractor.codeblock import STYLESHEET, stylesheet
from extractor.config import Site, read_options, settings_of
from extractor.model import Diagnostic, Settings, Severity
from extractor.pipeline import Result, run
from extractor.scan.cache import FILES
from extractor.scan.files import watch_plan
from extractor.stable import redirect_pages

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


def site_files(result: Result, settings: Settings, config: MkDocsConfig) -> list[File]:
    """The rendered catalogue pages at `<catalogue>/<page>` with their stylesheet, and a `p/<id>/` page for every id.

    A catalogue inside `docs_dir` keeps its pages' places: `<catalogue>` is then its path in `docs_dir`.
    """
    folder = settings.site_catalogue
    pages = [File.generated(config, posixpath.join(folder, page.path), content=page.text) for page in result.pages]
    urls = {
        source.path: file.url for source, file in zip(result.catalogue.pages, pages, strict=False)
    }  # the index last
    redirects = redirect_pages(result.catalogue, urls, settings.site_url)
    style = File.generated(config, posixpath.join(folder, STYLESHEET), content=stylesheet())
    return [*pages, style] + [File.generated(config, path, content=text) for path, text in redirects.items()]


def add_site_files(files: Files, new: list[File], result: Result, settings: Settings) -> Files:
    """`files` with the catalogue's sources (when `docs_dir` holds them) replaced by the rendered pages."""
    sources = {(settings.root / page.path).resolve() for page in result.catalogue.pages}
    uris = {file.src_uri for file in new}
    for file in list(files):
        if file.src_uri in uris or (file.abs_src_path and Path(file.abs_src_path).resolve() in sources):
            files.remove(file)
    for file in new:
        files.append(file)
    return files


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
        )
        self.settings = replace(
            settings_of(site, self.options),
            self_test_rules=False,  # `patterns check` runs them
            write_cache=not _serving,  # a write in a watched folder would start another rebuild; see on_shutdown
        )
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        result = run(self.settings)
        self.errors = report(result.diagnostics)
        files = add_site_files(files, site_files(result, self.settings, config), result, self.settings)
        style = posixpath.join(self.settings.site_catalogue, STYLESHEET)
        if style not in config.extra_css:  # a site ready for Zensical names it already
            config.extra_css.append(style)
        return files

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Fail `mkdocs build` (not `serve`) once the site is written, like `patterns build`, while errors remain."""
        if self.errors and not _serving:
            raise PluginError(
                f"{self.errors} catalogue error{'s' if self.errors != 1 else ''} (listed above); the site was built with them"
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
            report(tuple(FILES.flush()))
