"""The MkDocs adapter: each event is one call into the core."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

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
    """The rendered catalogue pages at `<catalogue>/<page>` with their stylesheet, and a `p/<id>/` page for every id."""
    pages = [File.generated(config, f"{settings.catalogue}/{page.path}", content=page.text) for page in result.pages]
    urls = {file.src_uri: file.url for file in pages}
    redirects = redirect_pages(result.catalogue, urls, settings.site_url)
    style = File.generated(config, f"{settings.catalogue}/{STYLESHEET}", content=stylesheet())
    return [*pages, style] + [File.generated(config, path, content=text) for path, text in redirects.items()]


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
        self.options, problems = read_options(options)
        return [(key, ValidationError(message)) for key, message in problems], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        site = Site(
            Path(config.config_file_path or "mkdocs.yml").resolve(),
            config.repo_url,
            config.site_url,
            config.mdx_configs.get("toc"),
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
        for file in site_files(result, self.settings, config):
            files.append(file)
        if f"{self.settings.catalogue}/{STYLESHEET}" not in config.extra_css:  # a site ready for Zensical names it
            config.extra_css.append(f"{self.settings.catalogue}/{STYLESHEET}")
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
