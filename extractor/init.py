"""`patterns init`: set a repository up for the catalogue, from what is in it.

It finds the catalogue (the folder holding most Markdown pages that parse as pattern pages) and the
code (top-level folders holding source files, not documentation), then writes a complete
mkdocs.yml when there is none, or adds to the one there what the catalogue needs: the plugin
block, the Markdown extensions its pages use, a nav entry when the site lists its pages. Additions
are text inserted into the file (`yaml_edit`), so its comments, order and formatting stay; a
second run finds nothing missing and writes nothing.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from extractor.config import read_options, settings_of
from extractor.discover import Found, discover, repo_url
from extractor.extensions import describe, missing
from extractor.globs import literal
from extractor.model import Kind, PatternsError, Settings, Severity, SlotState, error
from extractor.pipeline import Result, run
from extractor.read import read_text
from extractor.site_config import PLUGIN, inherited_files, plugin_names, plugin_options, read_config, site_of
from extractor.text import key_line, load_yaml
from extractor.wording import counted
from extractor.write import Target
from extractor.yaml_edit import (
    EditError,
    Item,
    add_items,
    add_key,
    block_text,
    document,
    emit_pair,
    step_of,
    value_of,
)

STARTER = """\
# Example Patterns

## Getting Started

### First Pattern

**Context**: When this pattern applies
**Example**: _(Will be populated from actual implementations)_

**Rationale**: Why the team follows it
"""
"""The page written when the repository has no catalogue page yet."""
STARTER_PATH = "patterns/example-patterns.md"
STARTER_ID = "example/first-pattern"


@dataclass(frozen=True)
class Setup:
    """What `patterns init` would write and print."""

    files: tuple[Target, ...]
    """mkdocs.yml (new or completed) and a starter page, when needed; empty when nothing is missing."""
    report: tuple[str, ...]
    """Lines saying what was found and done, and the next command."""


def set_up(config_file: Path) -> Setup:
    """What to write into a repository whose mkdocs.yml is (or will be) `config_file`."""
    root = config_file.parent.resolve()
    if not root.is_dir():
        message = f"no such folder: {root}; run `patterns init` in the repository, or pass -f <repository>/mkdocs.yml"
        raise PatternsError(error("cli-usage", str(config_file), 0, message))
    found = discover(root)
    if config_file.exists():
        return _complete(config_file, root, found)
    return _create(config_file, root, found)


# A new mkdocs.yml ----------------------------------------------------------------------------------


def _create(config_file: Path, root: Path, found: Found) -> Setup:
    block = _block(found)
    text = _new_config(root, found, block)
    starter = _starter(root, found, {})
    files = [Target(config_file, text, config_file.name), *starter]
    result = None if starter else _run(root, config_file, block, load_yaml(text))  # it would not see the starter
    what = f"wrote {config_file.name}: a site of the catalogue (docs_dir: {found.catalogue}), with the `{PLUGIN}` plugin and the Markdown extensions its pages use"
    if found.links_out:
        top = found.catalogue.split("/")[0]
        what += (
            f"\n  the pages link to {counted(len(found.links_out), 'file')} outside "
            f"{found.catalogue}/ ({found.links_out[0]}{', ...' if len(found.links_out) > 1 else ''}), which this site "
            f"does not hold: set `docs_dir: {top}` to publish that folder too, or `repo_url` to link to them in the "
            "repository"
        )
    lines = [*_found_lines(found, True), what, *_result_lines(result, found)]
    return Setup(tuple(files), tuple(lines))


def _new_config(root: Path, found: Found, block: dict[str, Any]) -> str:
    """A complete mkdocs.yml for a site of the catalogue alone."""
    head = {"site_name": f"{root.name} patterns"}
    url = repo_url(root)
    if url:
        head["repo_url"] = url
    head["docs_dir"] = found.catalogue
    sections: list[dict[str, Any]] = [
        head,
        {"theme": {"name": "material", "features": ["content.code.copy", "content.tabs.link", "navigation.top"]}},
        {"plugins": ["search", {PLUGIN: block}]},
        {"markdown_extensions": [*(need.name for need in missing([])), {"toc": {"permalink": True}}]},
        {"validation": {"links": {"anchors": "warn"}}},
    ]
    intro = (
        "# Written by `patterns init`: a site of the pattern catalogue in "
        f"{found.catalogue}/.\n# Preview it with `mkdocs serve`, build it with `mkdocs build --strict`.\n"
    )
    texts = ["".join(f"{line}\n" for k, v in section.items() for line in emit_pair(k, v, 0, 2)) for section in sections]
    texts[0] += _left_out(found)
    return intro + "\n".join(texts)


def _left_out(found: Found) -> str:
    """MkDocs' `exclude_docs` for the catalogue folder's other Markdown (`_excluded`): a site of the catalogue alone
    does not publish pages it does not read (their links, never checked, would fail `--strict`)."""
    lines = _excluded(found)
    if not lines:
        return ""
    say = f"# The Markdown of {found.catalogue}/ without patterns (`exclude_pages` below) is not part of this site.\n"
    if all(line.isprintable() for line in lines):
        return say + "exclude_docs: |\n" + "".join(f"  {line}\n" for line in lines)
    return say + "".join(f"{line}\n" for line in emit_pair("exclude_docs", "".join(f"{x}\n" for x in lines), 0, 2))


def _excluded(found: Found) -> list[str]:
    """The catalogue folder's other Markdown as patterns, each matching its file alone, whatever its name holds (a
    name holding a line break, which no pattern can say, is left in)."""
    return [pattern for pattern in map(literal, found.others) if pattern]


def _starter(root: Path, found: Found, configured: dict[str, Any]) -> tuple[Target, ...]:
    """The starter page, when there is no catalogue page and no plugin block naming a catalogue."""
    if found.pages or PLUGIN in configured:
        return ()
    path = f"{found.catalogue}/{STARTER_PATH.rpartition('/')[2]}"
    return (Target(root / path, STARTER, path),)


# An existing mkdocs.yml ----------------------------------------------------------------------------


class _Edits:
    """The text of mkdocs.yml as additions are made to it, and what each one was, for the report."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.original = read_text(config_file)
        self.text = self.original
        self.step = step_of(self.text)
        self.done: list[str] = []

    def add(self, key: str, items: list[Item], what: str) -> None:
        self.text = _add(self.text, self.config_file, key, items, self.step)
        self.done.append(what)


def _complete(config_file: Path, root: Path, found: Found) -> Setup:
    data = read_config(str(config_file))
    edits = _Edits(config_file)
    configured = plugin_options(data.get("plugins"))
    block = _plugin_block(edits, data, configured, found)
    _extensions(edits, data)
    starter = _starter(root, found, configured)
    result = None if starter else _run(root, config_file, block, data)  # it would not see the starter
    nav = _nav_entry(data, result, root, block, bool(starter))
    if nav:
        edits.add("nav", [nav], f"a nav entry `{next(iter(nav))}` for the catalogue pages")
    if not edits.done:
        nothing = f"{config_file.name} already has all the catalogue needs; nothing changed"
        return Setup((), (nothing, *_result_lines(result, found)))
    _check(edits.text, config_file)
    written = Target(config_file, edits.text, config_file.name, expected=edits.original)
    report = [
        *(_found_lines(found, False) if PLUGIN not in configured else []),
        f"added to {config_file.name}: " + "; ".join(edits.done),
    ]
    return Setup((written, *starter), (*report, *_result_lines(result, found)))


def _plugin_block(edits: _Edits, data: dict[str, Any], configured: dict[str, Any], found: Found) -> dict[str, Any]:
    """The plugin block of the file, added from what was found when there is none."""
    if PLUGIN in configured:
        block = configured[PLUGIN]
        return block if isinstance(block, dict) else {}
    block = _block(found)
    entry: list[Item] = [{PLUGIN: block}]
    items = entry if data.get("plugins") is not None else ["search", *entry]  # MkDocs adds `search` only then
    edits.add("plugins", items, f"the `{PLUGIN}` plugin ({_shown_block(block)})")
    return block


def _extensions(edits: _Edits, data: dict[str, Any]) -> None:
    """Add the Markdown extensions the pages need and the file lacks."""
    needed = missing(plugin_names(data.get("markdown_extensions")))
    if needed:
        edits.add(
            "markdown_extensions",
            [need.name for need in needed],
            f"the Markdown extensions its pages use ({describe(needed)})",
        )


def _add(text: str, config_file: Path, key: str, items: list[Item], step: int) -> str:
    """`items` added to the list `key`, made in the file when missing (a copy of an inherited one, if any)."""
    try:
        text = _own(text, config_file, key)
        if value_of(document(text), key) is None:
            return add_key(text, key, items, step)
        return add_items(text, key, items, step)
    except EditError as exc:
        raise PatternsError(
            error(
                "config-invalid", config_file.name, key_line(text, key), f"`patterns init` cannot add to `{key}`: {exc}"
            )
        ) from None


def _own(text: str, config_file: Path, key: str) -> str:
    """The text with `key` copied in from the file it `INHERIT`s it from, since MkDocs replaces an inherited list."""
    if value_of(document(text), key) is not None:
        return text
    for parent in inherited_files(config_file.resolve())[1:]:
        inherited = block_text(read_text(parent), key)
        if inherited:
            return (
                text
                + ("" if not text or text.endswith("\n") else "\n")
                + f"\n# {key} as in {parent.name}, with what the catalogue adds\n"
                + inherited
            )
    return text


def _block(found: Found) -> dict[str, Any]:
    """The plugin block for what was found."""
    block: dict[str, Any] = {"catalogue": found.catalogue, "sources": list(found.sources)}
    excluded = _excluded(found)
    if excluded:
        block["exclude_pages"] = excluded
    return block


def _shown_block(block: dict[str, Any]) -> str:
    return "; ".join(f"{key}: {', '.join(value) if isinstance(value, list) else value}" for key, value in block.items())


def _run(root: Path, config_file: Path, block: dict[str, Any], data: dict[str, Any]) -> Result | None:
    """The catalogue checked as the plugin will check it, or None when it cannot be run yet."""
    values, problems = read_options(block)
    settings = settings_of(site_of(config_file.resolve(), data), values)
    if problems or not (root / settings.catalogue).is_dir():
        return None
    return run(replace(settings, cache_dir=None))


def _nav_entry(
    data: dict[str, Any], result: Result | None, root: Path, block: dict[str, Any], starter: bool
) -> dict[str, list[str]] | None:
    """A `Patterns` section listing the catalogue pages, for a site whose `nav` lists none of them."""
    nav = data.get("nav")
    if not isinstance(nav, list) or (result is None and not starter):
        return None
    catalogue = str(block.get("catalogue", "patterns")).strip("/") or "."
    docs_dir = os.path.relpath(os.path.normpath(root / str(data.get("docs_dir") or "docs")), root)
    folder = Settings(root, catalogue=catalogue, docs_dir=docs_dir).site_catalogue
    rendered = [page.path for page in result.pages] if result else [STARTER_PATH.rpartition("/")[2], "index.md"]
    paths = [str(PurePosixPath(folder, path)) for path in rendered]
    listed = set(_strings(nav))
    if listed & set(paths):
        return None
    return {"Patterns": paths[-1:] + paths[:-1]}  # the index first


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _check(text: str, config_file: Path) -> None:
    """The completed file still parses and holds the plugin (a failure here is a bug of `patterns init`)."""
    try:
        plugins = value_of(document(text), "plugins")
    except EditError as exc:
        raise PatternsError(
            error(
                "config-invalid",
                config_file.name,
                0,
                f"`patterns init` would break the file ({exc}); nothing was written",
            )
        ) from None
    if plugins is None:
        raise PatternsError(
            error(
                "config-invalid", config_file.name, 0, "`patterns init` could not add the plugin; nothing was written"
            )
        )


def _found_lines(found: Found, new_site: bool) -> list[str]:
    """What was found; `new_site`: for a mkdocs.yml written whole, which leaves out of the site what it leaves out of
    the catalogue."""
    lines = []
    if found.pages:
        lines.append(f"catalogue: {found.catalogue}/, {counted(len(found.pages), 'pattern page')}")
    else:
        lines.append(f"no catalogue page found; wrote {STARTER_PATH}, a page with one pattern to start from")
    if found.others:
        where = (
            "the catalogue (`exclude_pages`) and the site (`exclude_docs`)"
            if new_site
            else "the catalogue (`exclude_pages`)"
        )
        lines.append(f"  other Markdown there, left out of {where}: {', '.join(found.others)}")
    if found.elsewhere:
        more = f" and {len(found.elsewhere) - 3} more" if len(found.elsewhere) > 3 else ""
        shown = ", ".join(found.elsewhere[:3]) + more
        lines.append(f"  pattern pages elsewhere, not in the catalogue (move them to {found.catalogue}/): {shown}")
    if found.hidden:
        lines.append(
            f"  pattern pages in hidden folders, which MkDocs does not publish (move them out to use them): "
            f"{', '.join(found.hidden[:3])}{f' and {len(found.hidden) - 3} more' if len(found.hidden) > 3 else ''}"
        )
    whole = found.sources == (".",)
    lines.append(
        "code: the whole repository (no top-level folder holds code)" if whole else f"code: {', '.join(found.sources)}"
    )
    return lines


def _waiting(result: Result) -> str:
    """A pattern waiting for an example: the first placeholder of the page with the most of them."""
    waiting = [p for p in result.catalogue.patterns if p.kind is Kind.PATTERN and p.slot is SlotState.PLACEHOLDER]
    if not waiting:
        return next((p.id for p in result.catalogue.patterns if p.kind is Kind.PATTERN), "<id>")
    pages = Counter(p.page for p in waiting)
    return next(p.id for p in waiting if pages[p.page] == max(pages.values()))


def _result_lines(result: Result | None, found: Found) -> list[str]:
    """The catalogue's counts today, and the next command."""
    if result is None and found.pages:  # the plugin block already there does not run as it is
        return ["next: `patterns check` says what to fix in the plugin block"]
    if result is None:
        marker = found.comment.format(id=STARTER_ID)
        return [
            f"next: describe a pattern of your code in {STARTER_PATH}, mark a function that follows it with `{marker}` on the line above it, then run `mkdocs serve`"
        ]
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in result.diagnostics)
    counts = f"{counted(len(result.catalogue.patterns), 'pattern')}, {counted(len(result.examples), 'example')}"
    problems = (
        f"; {counted(errors, 'error')} and {counted(warnings, 'warning')} in the catalogue and code: `patterns check` lists them"
        if errors or warnings
        else ""
    )
    first = _waiting(result)
    if result.examples:
        return [counts + problems, "next: `mkdocs serve`, then open http://127.0.0.1:8000/"]
    return [
        counts + problems,
        f"next: mark a function with `{found.comment.format(id=first)}` on the line above it, then run `mkdocs serve`",
    ]
