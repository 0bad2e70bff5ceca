"""The `patterns` block of mkdocs.yml: every option declared once, read the same way by the plugin and the CLI.

The plugin is handed the block by MkDocs; the CLI reads mkdocs.yml itself (`site_config.py`),
without MkDocs' configuration machinery. Both call `read_options` on the block, so a misspelt or
mistyped option is the same error in both, and both build their `Settings` with `settings_of`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.codes import CODES, LEVELS
from extractor.confine import outside
from extractor.model import Settings
from extractor.source_urls import template_problem


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
            import difflib

            close = difflib.get_close_matches(str(key), list(CODES), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else " (see the diagnostics page for the codes)"
            return f"diagnostic codes or anti-pattern ids as keys; {key!r} is neither{hint}"
    return None


def _examples(value: object) -> str | None:
    """A mapping of pattern ids to lists of symbols."""
    fine = isinstance(value, dict) and all(
        isinstance(key, str) and _texts(symbols) is None for key, symbols in value.items()
    )
    return None if fine else "a mapping of pattern ids to lists of symbols (`module:Object`, `file.ts#Export`)"


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
        "fill",
        False,
        _flag,
        "The team keeps the examples written into the catalogue pages (`patterns fill`), so `patterns fill --check` "
        "fails on every page that is not up to date; without it, `fill --check` passes on pages that were never filled.",
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
        "history",
        ".cache/patterns/history.json",
        _text,
        "File where `patterns history` writes the rules' counts at each sampled commit, relative to mkdocs.yml; the site draws its trend charts from it.",
    ),
    Option(
        "baseline",
        None,
        _optional_text,
        "Baseline file of rule violations to tolerate (written by `patterns baseline write`), relative to mkdocs.yml.",
    ),
    Option(
        "sgconfig",
        None,
        _optional_text,
        "An ast-grep project file (sgconfig.yml), relative to mkdocs.yml: its rules that name an anti-pattern run too.",
    ),
    Option(
        "examples",
        {},
        _examples,
        "Examples named by symbol, without a marker: pattern id -> list of `package.module:Object` (Python, through "
        'griffe) or `path/file.ts#Export` (TypeScript, JavaScript), each maybe followed by `title="..."`.',
    ),
    Option(
        "python_paths",
        [".", "src"],
        _texts,
        "Folders where the packages of Python symbols are looked up, relative to mkdocs.yml (those that exist).",
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


PATHS = ("catalogue", "sources", "cache_dir", "baseline", "history", "python_paths")
"""Options that name a file or folder: each must stay inside the project root, symlinks resolved."""


def read_options(block: object, root: Path | None = None) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The block's values (defaults filled in), and (option, what is wrong) for each bad one.

    With `root` (the folder of mkdocs.yml), options naming paths are checked to stay inside it.
    """
    if block is None:
        block = {}
    if not isinstance(block, dict):
        return {o.name: o.default for o in OPTIONS}, [("patterns", "the plugin block must be a mapping of options")]
    problems: list[tuple[str, str]] = []
    for key in block:
        if key not in NAMES and key != "enabled":  # MkDocs itself reads `enabled` of any plugin
            import difflib

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
    if root is not None:
        problems += [(name, problem) for name in PATHS for problem in _outside(root, name, values[name])]
    template = values["source_url"] and template_problem(values["source_url"], "https://example.com/repo")
    if template:
        problems.append(("source_url", f"{values['source_url']!r} {template}"))
    return values, problems


def _outside(root: Path, name: str, value: object) -> list[str]:
    """What is wrong with a path option whose value leads outside `root` (after resolving symlinks)."""
    paths = value if isinstance(value, list) else [] if value is None else [value]
    return [problem for path in paths if (problem := outside(root, str(path)))]


def _relative(root: Path, folder: str) -> str:
    """A folder of mkdocs.yml (relative to it, or absolute) as a path relative to root, with forward slashes."""
    return os.path.relpath(os.path.normpath(root / folder), root).replace(os.sep, "/")


@dataclass(frozen=True)
class Site:
    """What the settings need from the rest of mkdocs.yml."""

    config_file: Path
    """The mkdocs.yml file, absolute."""
    repo_url: str | None = None
    site_url: str | None = None
    toc: Mapping[str, Any] | None = None
    """The `toc` extension's options (`slugify`, `separator`), if configured."""
    docs_dir: str = "docs"
    """MkDocs' `docs_dir`, as written or absolute."""
    extensions: tuple[str, ...] | None = None
    """Names of the Markdown extensions the site runs (MkDocs' own `toc`, `tables`, `fenced_code` included)."""
    plugins: tuple[str, ...] = ()
    """Names of the site's plugins."""


def settings_of(site: Site, values: Mapping[str, Any]) -> Settings:
    """The core's settings from mkdocs.yml's values and the plugin block's (as `read_options` returned them)."""
    toc = dict(site.toc or {})
    return Settings(
        root=site.config_file.parent,
        catalogue=values["catalogue"].strip("/") or ".",
        docs_dir=_relative(site.config_file.parent, site.docs_dir),
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
        fill=values["fill"],
        baseline=values["baseline"],
        history=values["history"],
        sgconfig=values["sgconfig"],
        max_file_size=values["max_file_size"],
        max_patterns_per_page=values["max_patterns_per_page"],
        cache_dir=values["cache_dir"] if values["cache"] else None,
        severity=dict(values["severity"]),
        examples={key: tuple(symbols) for key, symbols in values["examples"].items()},
        python_paths=tuple(values["python_paths"]),
        mkdocstrings="mkdocstrings" in site.plugins,
    )
