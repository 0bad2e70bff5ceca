"""A team's ast-grep project (`sgconfig.yml`): its rule, utility and test folders, and which rules check anti-patterns.

A rule is tied to an anti-pattern (or to a pattern, whose followers it finds) by, in this order: `metadata: {pattern: <id>}`; a `url` that
links to the anti-pattern's page on the site (`.../p/<id>/`, or `.../<page>/#<slug>`,
`<page>.md#<slug>`); or an `id` that is the anti-pattern's id. Other rules are left to ast-grep.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from extractor.model import Catalogue, Diagnostic, Kind, error
from extractor.rules.files import parse_documents, read_user_file, yaml_entries
from extractor.rules.model import language_named
from extractor.text import key_line

STABLE_URL = re.compile(r"(?:^|/)p/([^/]+/[^/]+)/?(?:index\.html)?$")


@dataclass(frozen=True)
class Project:
    """What sgconfig.yml says, with its folders relative to the project root."""

    path: str
    """The sgconfig.yml file."""
    base: str
    """Its folder: what ast-grep matches `files` and `ignores` against paths relative to ('' for the root)."""
    rule_dirs: tuple[str, ...]
    util_dirs: tuple[str, ...] = ()
    test_dirs: tuple[tuple[str, str], ...] = ()
    """(testDir, its snapshot folder) of each `testConfigs` entry."""


def read_project(root: Path, config: str) -> tuple[Project | None, list[Diagnostic]]:
    """The project sgconfig.yml (named relative to the root) describes; None with an error when it cannot be used."""
    text, problem = read_user_file(root, root / config)
    documents, problem = parse_documents(text) if text is not None else ([], problem)
    data = documents[0][2] if documents else None
    if problem or not isinstance(data, dict):
        line, why = problem or (1, "is not a mapping; an ast-grep project file has `ruleDirs: [folder, ...]`")
        return None, [error("sgconfig-invalid", config, line, f"the ast-grep project file (option `sgconfig`) {why}")]
    text = documents[0][1]
    base = posixpath.dirname(config)
    folders: dict[str, tuple[str, ...]] = {}
    for key in ("ruleDirs", "utilDirs"):
        folders[key], problem_text = _folders(root, base, data.get(key) or [])
        if problem_text:
            return None, [error("sgconfig-invalid", config, key_line(text, key, 1), f"`{key}`: {problem_text}")]
    tests, problem_text = _test_folders(root, base, data.get("testConfigs") or [])
    if problem_text:
        return None, [error("sgconfig-invalid", config, key_line(text, "testConfigs", 1), problem_text)]
    return Project(config, base, folders["ruleDirs"], folders["utilDirs"], tests), []


def _folders(root: Path, base: str, value: object) -> tuple[tuple[str, ...], str | None]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return (), "must be a list of folders relative to sgconfig.yml"
    found = []
    for folder in value:
        path = posixpath.normpath(posixpath.join(base, folder))
        if path.startswith("../") or path == ".." or posixpath.isabs(path):
            return (), f"{folder!r} is outside the project; rule folders must be inside it"
        if not (root / path).is_dir():
            return (), f"{folder!r} is not a folder (relative to sgconfig.yml)"
        found.append("" if path == "." else path)
    return tuple(found), None


def _test_folders(root: Path, base: str, value: object) -> tuple[tuple[tuple[str, str], ...], str | None]:
    if not isinstance(value, list) or not all(isinstance(v, dict) and isinstance(v.get("testDir"), str) for v in value):
        return (), "`testConfigs` must be a list of `{testDir: folder}`"
    tests = []
    for entry in value:
        folders, problem = _folders(root, base, [entry["testDir"]])
        if problem:
            return (), f"`testConfigs`: {problem}"
        snapshots = str(entry.get("snapshotDir") or "__snapshots__")
        tests.append((folders[0], posixpath.join(folders[0], snapshots)))
    return tuple(tests), None


ProjectDocument = tuple[str, int, str, Any]
"""(file relative to the root, first line, text, data) of one YAML document of the project."""


def project_documents(root: Path, folders: tuple[str, ...]) -> tuple[list[ProjectDocument], list[Diagnostic]]:
    """Every YAML document in the folders, as ast-grep walks them (regular `*.yml`/`*.yaml` files, not hidden)."""
    found: list[ProjectDocument] = []
    diagnostics = []
    for folder in folders:
        for path in yaml_entries(root / folder, follow=False):
            rel = path.relative_to(root).as_posix()
            text, problem = read_user_file(root, path)
            documents, problem = parse_documents(text) if text is not None else ([], problem)
            if problem:
                diagnostics.append(error("rule-invalid", rel, problem[0], f"the file {problem[1]}"))
            found += [(rel, line, body, data) for line, body, data in documents]
    return found, diagnostics


def project_utils(root: Path, project: Project) -> tuple[dict[str, dict[str, Any]], list[Diagnostic]]:
    """The utility rules of `utilDirs`, by language: name -> rule, with their own `utils` flattened in."""
    documents, diagnostics = project_documents(root, project.util_dirs)
    utils: dict[str, dict[str, Any]] = {}
    for path, line, text, data in documents:
        problem = _util_problem(data)
        if problem:
            diagnostics.append(error("rule-invalid", path, line - 1 + key_line(text, problem[0], 1), problem[1]))
            continue
        language = str(language_named(data["language"]))
        utils.setdefault(language, {}).update({**(data.get("utils") or {}), str(data["id"]): data["rule"]})
    return utils, diagnostics


def _util_problem(data: object) -> tuple[str, str] | None:
    if not isinstance(data, dict) or not {"id", "language", "rule"} <= set(data):
        return "id", "a utility rule needs `id`, `language` and `rule`"
    if language_named(data["language"]) is None:
        return "language", f"unknown language {data['language']!r}"
    for key in ("constraints", "transform", "arguments"):
        if key in data:
            return (
                key,
                f"a utility rule with `{key}` cannot be run by ast-grep-py; move `{key}` into the rules using it",
            )
    if not isinstance(data.get("utils") or {}, dict):
        return "utils", "`utils` must be a mapping"
    return None


def project_tests(root: Path, project: Project) -> tuple[dict[str, tuple[str, Any]], list[Diagnostic]]:
    """Test cases of `testConfigs` by rule id: (file, {valid, invalid}); snapshot folders are skipped."""
    cases: dict[str, tuple[str, Any]] = {}
    diagnostics = []
    for folder, snapshots in project.test_dirs:
        documents, problems = project_documents(root, (folder,))
        diagnostics += [d for d in problems if not d.location.path.startswith(snapshots + "/")]
        for path, line, _, data in documents:
            if path.startswith(snapshots + "/"):
                continue
            if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                diagnostics.append(
                    error("rule-tests-invalid", path, line, "a test case file needs the `id` of its rule")
                )
                continue
            cases[data["id"]] = (path, data)
    return cases, diagnostics


def tied_pattern(data: dict[str, Any], catalogue: Catalogue) -> tuple[str | None, tuple[str, str] | None]:
    """The anti-pattern (or pattern) a project rule is tied to, if it names one; or (key, problem) when it names a wrong one."""
    kinds = {p.id: p.kind for p in catalogue.patterns}
    metadata = data.get("metadata")
    named = metadata.get("pattern") if isinstance(metadata, dict) else None
    if named is not None:
        return _checked_id(str(named), kinds, "metadata")
    link = _linked_id(str(data.get("url") or ""), catalogue)
    if link is not None:
        return _checked_id(link, kinds, "url")
    rule_id = str(data.get("id") or "")
    return (rule_id, None) if rule_id in kinds else (None, None)


def _checked_id(pattern_id: str, kinds: dict[str, Kind], key: str) -> tuple[str | None, tuple[str, str] | None]:
    if pattern_id not in kinds:
        return None, (
            key,
            f"`{key}` names {pattern_id!r}, which is not a pattern id; run `patterns list` to see the ids",
        )
    return pattern_id, None


def _linked_id(url: str, catalogue: Catalogue) -> str | None:
    """The pattern id a link to the site names: `p/<id>/`, or a catalogue page with an `#anchor`."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    stable = STABLE_URL.search(path)
    if stable:
        return stable.group(1)
    stem = posixpath.basename(path.rstrip("/").removesuffix("/index.html"))
    stem = stem.removesuffix(".md").removesuffix(".html")
    page = next((p for p in catalogue.pages if stem and stem in (Path(p.filename).stem, p.key)), None)
    return f"{page.key}/{parts.fragment}" if page and parts.fragment else None
