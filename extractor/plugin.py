"""The MkDocs adapter: each event is one call into the core."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from extractor.config import PatternsConfig, settings_from
from extractor.model import Diagnostic, Settings, Severity
from extractor.pipeline import Result, run
from extractor.scan.cache import FILES
from extractor.scan.files import watch_plan
from extractor.stable import redirect_pages

log = logging.getLogger("mkdocs.plugins.patterns")

_serving = False
"""True once `mkdocs serve` watches the files: every rebuild loads the config again, with a new
plugin object, so the state that outlives them lives here."""


def report(diagnostics: tuple[Diagnostic, ...]) -> None:
    """Errors and warnings as MkDocs warnings (so `--strict` fails), notes as info."""
    for diagnostic in diagnostics:
        (log.info if diagnostic.severity is Severity.NOTE else log.warning)(str(diagnostic))


def site_files(result: Result, settings: Settings, config: MkDocsConfig) -> list[File]:
    """The rendered catalogue pages at `<catalogue>/<page>`, and a `p/<id>/` page for every id."""
    pages = [File.generated(config, f"{settings.catalogue}/{page.path}", content=page.text) for page in result.pages]
    urls = {file.src_uri: file.url for file in pages}
    redirects = redirect_pages(result.catalogue, urls, settings.site_url)
    return pages + [File.generated(config, path, content=text) for path, text in redirects.items()]


# @pattern architecture/pure-core-thin-adapters title="The MkDocs adapter"
class PatternsPlugin(BasePlugin[PatternsConfig]):
    """Fills every pattern's Example slot from annotated code and adds the catalogue to the site."""

    settings: Settings

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = replace(
            settings_from(config, self.config),
            self_test_rules=False,  # `patterns check` runs them
            write_cache=not _serving,  # a write in a watched folder would start another rebuild; see on_shutdown
        )
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        result = run(self.settings)
        report(result.diagnostics)
        for file in site_files(result, self.settings, config):
            files.append(file)
        return files

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
