"""The `patterns` block of mkdocs.yml: every option declared once, read the same way by the plugin and the CLI.

The plugin is handed the block by MkDocs; the CLI reads mkdocs.yml itself (`site_config.py`),
without MkDocs' configuration machinery. Both call `read_options` on the block, so a misspelt or
mistyped option is the same error in both, and both build their `Settings` with `settings_of`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.codes import CODES, LEVELS
from extractor.model import Settings


def _text(value: object) -> str | None:
    return None if isinstance(value, str) else "a string"


def _optional_text(value: object) -> str | None:
    return None if value is None or isinstance(value, str) else "a string"


def _flag(value: object) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _number(value: object) -> str | None:
    return None if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else "a whole number >= 0"


def _texts(value: object) -> str | None:
    ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    return None if ok else "a list of strings"


def _levels(value: object) -> str | None:
    """A mapping of codes (or anti-pattern ids) to error, warning, info or ignore."""
    if not isinstance(value, dict):
        return "a mapping of diagnostic codes to error, warning, info or ignore"
    words = (*LEVELS, "ignore")
    for key, level in value.items():
        if level not in words:
            return f"one of {', '.join(words)} for {key!r} (found {level!r})"
        if not isinstance(key, str) or ("/" not in key and key not in CODES):
            close = difflib.get_close_matches(str(key), list(CODES), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else " (see the diagnostics page for the codes)"
            return f"diagnostic codes or anti-pattern ids as keys; {key!r} is neither{hint}"
    return None


@dataclass(frozen=True)
class Option:
    """One option of the plugin block."""

    name: str
    default: Any
    check: Callable[[object], str | None]
    """Returns what the value should be when it is not that, else None."""
    doc: str


# @pattern architecture/configuration-in-one-place
OPTIONS: tuple[Option, ...] = (
    Option("catalogue", "patterns", _text, "Folder of the catalogue pages (`*.md`), relative to mkdocs.yml."),
    Option("sources", ["."], _texts, "Folders to scan for `@pattern` markers, relative to mkdocs.yml."),
    Option(
        "exclude",
        [],
        _texts,
        "Paths not to scan, in .gitignore syntax, relative to mkdocs.yml (git-ignored files are always skipped).",
    ),
    Option(
        "exclude_pages",
        [],
        _texts,
        "Markdown files of the catalogue folder that are not catalogue pages, in .gitignore syntax, relative to it.",
    ),
    Option(
        "fields",
        [],
        _texts,
        "Field names read besides the default vocabulary (Context, Problem, Solution, Implementation, Example, Rationale, Related Patterns, When to use, Consequences...).",
    ),
    Option(
        "not_code",
        [],
        _texts,
        "Page keys and pattern ids whose patterns are practices, not code: no example is expected, none counts as missing.",
    ),
    Option(
        "source_url",
        None,
        _optional_text,
        "Template of links to source lines, with {repo_url} {commit} {path} {start} {end}; default from repo_url's host.",
    ),
    Option(
        "require_examples",
        False,
        _flag,
        "Report every pattern (not anti-pattern, not marked not-code) that has no example as an error.",
    ),
    Option(
        "max_file_size", 5_000_000, _number, "Files larger than this many bytes are not read (skipped with a note)."
    ),
    Option(
        "max_patterns_per_page",
        500,
        _number,
        "A page with more patterns than this still renders, with a note suggesting to split it.",
    ),
    Option(
        "cache",
        True,
        _flag,
        "Keep per-file results in `cache_dir` between runs, so unchanged files are not parsed again.",
    ),
    Option(
        "cache_dir",
        ".cache/patterns",
        _text,
        "Folder of that cache, relative to mkdocs.yml (git-ignored by its own `.gitignore`).",
    ),
    Option(
        "baseline",
        None,
        _optional_text,
        "Baseline file of rule violations to tolerate (written by `patterns baseline write`), relative to mkdocs.yml.",
    ),
    Option(
        "severity",
        {},
        _levels,
        "Diagnostic code (or anti-pattern id) -> error, warning, info or ignore, overriding its default severity.",
    ),
)
"""Every option, with its default, its type check and what it does."""

NAMES = tuple(option.name for option in OPTIONS)


def read_options(block: object) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The block's values (defaults filled in), and (option, what is wrong) for each bad one."""
    if block is None:
        block = {}
    if not isinstance(block, dict):
        return {o.name: o.default for o in OPTIONS}, [("patterns", "the plugin block must be a mapping of options")]
    problems: list[tuple[str, str]] = []
    for key in block:
        if key not in NAMES and key != "enabled":  # MkDocs itself reads `enabled` of any plugin
            close = difflib.get_close_matches(str(key), NAMES, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append((str(key), f"unknown option; {hint}the options are {', '.join(NAMES)}"))
    values = {}
    for option in OPTIONS:
        value = block.get(option.name, option.default)
        wanted = option.check(value)
        if wanted:
            problems.append((option.name, f"expected {wanted}, found {value!r}"))
            value = option.default
        values[option.name] = value
    return values, problems


@dataclass(frozen=True)
class Site:
    """What the settings need from the rest of mkdocs.yml."""

    config_file: Path
    """The mkdocs.yml file, absolute."""
    repo_url: str | None = None
    site_url: str | None = None
    toc: Mapping[str, Any] | None = None
    """The `toc` extension's options (`slugify`, `separator`), if configured."""
    extensions: tuple[str, ...] | None = None
    """Names of the Markdown extensions the site runs (MkDocs' own `toc`, `tables`, `fenced_code` included)."""


def settings_of(site: Site, values: Mapping[str, Any]) -> Settings:
    """The core's settings from mkdocs.yml's values and the plugin block's (as `read_options` returned them)."""
    toc = dict(site.toc or {})
    return Settings(
        root=site.config_file.parent,
        catalogue=values["catalogue"].strip("/") or ".",
        sources=tuple(values["sources"]),
        exclude=tuple(values["exclude"]),
        exclude_pages=tuple(values["exclude_pages"]),
        fields=tuple(values["fields"]),
        not_code=tuple(values["not_code"]),
        source_url=values["source_url"],
        repo_url=site.repo_url,
        slugify=toc.get("slugify") if callable(toc.get("slugify")) else None,
        separator=str(toc.get("separator", "-")),
        markdown_extensions=site.extensions,
        config_file=site.config_file.name,
        site_url=site.site_url,
        require_examples=values["require_examples"],
        baseline=values["baseline"],
        max_file_size=values["max_file_size"],
        max_patterns_per_page=values["max_patterns_per_page"],
        cache_dir=values["cache_dir"] if values["cache"] else None,
        severity=dict(values["severity"]),
    )
