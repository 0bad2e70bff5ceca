"""The plugin's typed configuration, declared once and read by both the plugin and the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from extractor.model import Settings


# @pattern architecture/configuration-in-one-place
class PatternsConfig(base.Config):
    """The `patterns` block of `plugins:` in mkdocs.yml."""

    catalogue = c.Type(str, default="patterns")
    """Folder of the catalogue pages (`*.md`), relative to mkdocs.yml; also their folder in the site."""
    sources = c.ListOfItems(c.Type(str), default=["."])
    """Folders to scan for `@pattern` markers, relative to mkdocs.yml."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of files or folders not to scan (git-ignored files are always skipped)."""
    source_url = c.Optional(c.Type(str))
    """Template of links to source lines, with {repo_url} {commit} {path} {start} {end}; default from repo_url's host."""
    require_examples = c.Type(bool, default=False)
    """Report every pattern (not anti-pattern, not marked not-code) that has no example as an error."""
    max_file_size = c.Type(int, default=5_000_000)
    """Files larger than this many bytes are not read (skipped with a note)."""
    max_patterns_per_page = c.Type(int, default=500)
    """A page with more patterns than this still renders, with a note suggesting to split it."""
    cache = c.Type(bool, default=True)
    """Keep per-file results in `cache_dir` between runs, so unchanged files are not parsed again."""
    cache_dir = c.Type(str, default=".cache/patterns")
    """Folder of that cache, relative to mkdocs.yml (git-ignored through a `.gitignore` of its own)."""
    baseline = c.Optional(c.Type(str))
    """Baseline file of rule violations to tolerate (written by `patterns baseline write`), relative to mkdocs.yml."""


def settings_from(config: MkDocsConfig, plugin: PatternsConfig) -> Settings:
    """The core's settings from a loaded MkDocs configuration and the plugin's block."""
    config_path = Path(config.config_file_path or "mkdocs.yml").resolve()
    toc: dict[str, Any] = dict(config.mdx_configs.get("toc", {}))
    return Settings(
        root=config_path.parent,
        catalogue=plugin.catalogue.strip("/") or ".",
        sources=tuple(plugin.sources),
        exclude=tuple(plugin.exclude),
        source_url=plugin.source_url,
        repo_url=config.repo_url,
        slugify=toc.get("slugify"),
        separator=toc.get("separator", "-"),
        config_file=config_path.name,
        site_url=config.site_url,
        require_examples=plugin.require_examples,
        baseline=plugin.baseline,
        max_file_size=plugin.max_file_size,
        max_patterns_per_page=plugin.max_patterns_per_page,
        cache_dir=plugin.cache_dir if plugin.cache else None,
    )
