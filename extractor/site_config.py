"""mkdocs.yml read as data, for the CLI: the `patterns` block and the few site values the core needs.

MkDocs' own loader validates the whole site configuration and imports every plugin, which a
command that checks the catalogue does not need. This reads the file with the same YAML
extensions MkDocs accepts (`!ENV`, `!relative`, `INHERIT`, Python names such as a toc `slugify`),
then hands the plugin block to `config.read_options`, as the plugin does.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
import yaml_env_tag

from extractor.config import Site, read_options, settings_of
from extractor.model import Diagnostic, Location, PatternsError, Settings, Severity
from extractor.read import read_text
from extractor.text import check_yaml_shape, option_line

PLUGIN = "patterns"


class PythonName(str):
    """A `!!python/name:` or `!!python/object/apply:` value, resolved only where the core needs it."""

    arguments: Mapping[str, Any] = {}


class _Loader(yaml.SafeLoader):
    """Safe YAML, plus the tags mkdocs.yml files use; unknown tags read as their plain value."""


def _python(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonName:
    name = PythonName(suffix)
    if isinstance(node, yaml.MappingNode):
        name.arguments = loader.construct_mapping(node, deep=True).get("kwds", {}) or {}
    return name


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _python)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)
_Loader.add_multi_constructor("!", _plain)


def load_settings(config_file: str) -> Settings:
    """Settings from mkdocs.yml's `patterns` block, checked as the plugin checks it; PatternsError when wrong."""
    path = Path(config_file).resolve()
    data, text = _load(path, config_file)
    block = _plugin_block(data.get("plugins"))
    values, problems = read_options(block, path.parent)
    if problems:
        key, problem = problems[0]
        raise _error(
            config_file, option_line(text, PLUGIN, key), f"in the `{PLUGIN}` plugin block, option {key!r}: {problem}"
        )
    return settings_of(site_of(path, data), values)


def site_of(path: Path, data: dict[str, Any]) -> Site:
    """What the plugin's settings take from the rest of mkdocs.yml (`data`, read from `path`)."""
    extensions = data.get("markdown_extensions")
    return Site(
        path,
        _string(data.get("repo_url")),
        _string(data.get("site_url")),
        _toc(extensions),
        _string(data.get("docs_dir")) or "docs",
        _names(extensions),
        tuple(plugin_names(data.get("plugins"))),
    )


def read_config(config_file: str) -> dict[str, Any]:
    """mkdocs.yml as data, merged onto the files it `INHERIT`s from; PatternsError when it cannot be read."""
    return _load(Path(config_file).resolve(), config_file)[0]


def inherited_files(path: Path) -> list[Path]:
    """mkdocs.yml and the files it `INHERIT`s from, nearest first (those that can be read)."""
    chain = [path]
    for _ in range(10):
        try:
            parent = yaml.load(read_text(chain[-1]), Loader=_Loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break
        name = parent.get("INHERIT") if isinstance(parent, dict) else None
        if not isinstance(name, str):
            break
        chain.append((chain[-1].parent / name).resolve())
    return chain


def plugin_names(plugins: object) -> list[str]:
    """The names in a `plugins` (or `markdown_extensions`) setting: a list of names and mappings, or a mapping."""
    return [name for name, _ in (plugins.items() if isinstance(plugins, dict) else _entries(plugins))]


def plugin_options(plugins: object) -> dict[str, Any]:
    """Name -> options of each entry of such a setting (None for a bare name)."""
    return dict(plugins.items() if isinstance(plugins, dict) else _entries(plugins))


def _load(path: Path, shown: str, depth: int = 0) -> tuple[dict[str, Any], str]:
    """The file's data, merged onto the file it `INHERIT`s from, and its text."""
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise _error(shown, 0, "no such file; run from the folder of mkdocs.yml or pass -f PATH") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _error(shown, 0, f"cannot read the file ({exc})") from None
    try:
        check_yaml_shape(text, _Loader)
        data = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _error(shown, mark.line + 1 if mark else 0, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise _error(shown, 1, "mkdocs.yml must be a mapping of settings")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and depth < 10:
        base, _ = _load((path.parent / parent).resolve(), parent, depth + 1)
        data = _merged(base, data)
    return data, text


def _merged(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT merge: mappings merge key by key, anything else the child replaces."""
    merged = dict(base)
    for key, value in child.items():
        old = merged.get(key)
        merged[key] = _merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged


def _plugin_block(plugins: object) -> object:
    """The options of the `patterns` entry of `plugins` (a list of names and mappings, or a mapping)."""
    entries = plugins.items() if isinstance(plugins, dict) else _entries(plugins)
    return next((options for name, options in entries if name == PLUGIN), None)


def _entries(plugins: object) -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, str):
            found.append((item, None))
        elif isinstance(item, dict):
            found.extend(item.items())
    return found


def _names(extensions: object) -> tuple[str, ...]:
    """The names of `markdown_extensions` (a list of names and mappings, or a mapping), and MkDocs' own three."""
    entries = _entries(extensions) if not isinstance(extensions, dict) else list(extensions.items())
    return ("toc", "tables", "fenced_code", *(name for name, _ in entries))


def _toc(extensions: object) -> dict[str, Any] | None:
    """The `toc` extension's options, with a `slugify` given as a Python name imported."""
    options = dict(_entries(extensions) if not isinstance(extensions, dict) else extensions.items()).get("toc")
    if not isinstance(options, dict):
        return None
    slugify = options.get("slugify")
    if isinstance(slugify, PythonName):
        options = {**options, "slugify": _imported(slugify)}
    return options


def _imported(name: PythonName) -> Any:
    """The object a Python name names (called with its keywords for `python/object/apply`), or None."""
    module, _, attribute = str(name).rpartition(".")
    try:
        found = getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError, ValueError):
        return None
    return found(**name.arguments) if name.arguments else found


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _error(path: str, line: int, message: str) -> PatternsError:
    return PatternsError(Diagnostic(Location(path, line), Severity.ERROR, message, "config-invalid"))
