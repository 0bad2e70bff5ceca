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
from extractor.pipeline import run
from extractor.stable import redirect_pages

log = logging.getLogger("mkdocs.plugins.patterns")


def report(diagnostics: tuple[Diagnostic, ...]) -> None:
    """Errors and warnings as MkDocs warnings (so `--strict` fails), notes as info."""
    for diagnostic in diagnostics:
        (log.info if diagnostic.severity is Severity.NOTE else log.warning)(str(diagnostic))


# @pattern architecture/pure-core-thin-adapters title="The MkDocs adapter"
class PatternsPlugin(BasePlugin[PatternsConfig]):
    """Fills every pattern's Example slot from annotated code and adds the catalogue to the site."""

    settings: Settings

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = replace(settings_from(config, self.config), self_test_rules=False)  # `patterns check` runs them
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        result = run(self.settings)
        report(result.diagnostics)
        added = {}
        for page in result.pages:
            uri = f"{self.settings.catalogue}/{page.path}"
            added[uri] = File.generated(config, uri, content=page.text)
            files.append(added[uri])
        urls = {page.path: added[page.path].url for page in result.catalogue.pages if page.path in added}
        for path, text in redirect_pages(result.catalogue, urls, self.settings.site_url).items():
            files.append(File.generated(config, path, content=text))
        return files

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for folder in (self.settings.catalogue, *self.settings.sources):
            server.watch(str(self.settings.root / folder))
        return server
