"""Running rules: over code snippets (their own test cases) and over the project's files, each parsed once a language."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, cast

from ast_grep_py import Config, SgNode, SgRoot

from extractor.filecache import ALWAYS, FILES, content_digest, stamp_of
from extractor.lines import split_lines
from extractor.model import Diagnostic
from extractor.rules.model import Rule, Violation, rule_language
from extractor.scan.files import MAX_FILE_SIZE, decode, read_source

META_VARIABLE = re.compile(r"(\$\$\$|\$\$|\$)([A-Z0-9_]+)")
"""A meta-variable in a rule's message, as ast-grep fills them: `$NAME`, `$$NAME`, `$$$NAMES`."""


def self_test(rule: Rule) -> list[str]:
    """What the rule gets wrong among its own test cases."""
    failures = []
    for n, code in enumerate(rule.valid, 1):
        if matches(rule, code):
            failures.append(
                f"valid case {n} of {rule.name or rule.id!r} matches the rule, but must not: {_first(code)}"
            )
    for n, code in enumerate(rule.invalid, 1):
        if not matches(rule, code):
            failures.append(f"invalid case {n} of {rule.name!r} does not match the rule, but must: {_first(code)}")
    return failures


def _first(code: str) -> str:
    return next((line.strip() for line in code.splitlines() if line.strip()), "")


def matches(rule: Rule, code: str) -> list[tuple[int, int, int, str]]:
    """(line, column, last line, text) of every match of `rule` in `code` (1-based)."""
    found = SgRoot(code, rule.language).root().find_all(cast(Config, rule.config))
    spans = []
    for node in found:
        where = node.range()
        spans.append((where.start.line + 1, where.start.column + 1, where.end.line + 1, node.text()))
    return spans


def run_rules(
    root: Path, rules: Iterable[Rule], paths: Iterable[str], max_size: int = MAX_FILE_SIZE
) -> tuple[list[Violation], list[Diagnostic]]:
    """Every violation of every active rule in the files at `paths`; each file parsed once a language."""
    active = [r for r in rules if r.severity is not None]
    violations: list[Violation] = []
    diagnostics: list[Diagnostic] = []
    digests: dict[tuple[str, ...], str] = {}
    for path in paths:
        checking = rules_for(root, path, active)
        if not checking:
            continue
        names = tuple(r.id for r in checking)
        if names not in digests:
            digests[names] = _digest([(r.id, r.name, r.text, repr(r.config), r.message) for r in checking])
        key = ("rules", path, str(root), max_size, digests[names])
        found, problem = FILES.get(
            key,
            stamp_of(os.path.join(root, path)),
            partial(_check_file, root, path, max_size, checking, digests[names]),
            FileViolations,
        )
        violations += found
        if problem and problem not in diagnostics:
            diagnostics.append(problem)
    return sorted(violations), diagnostics


def rules_for(root: Path, path: str, rules: list[Rule]) -> list[Rule]:
    """The rules that check the file at `path`: its language, then `ignores` and `files` as ast-grep applies them."""
    language = rule_language(path)
    paths: dict[str, str] = {}
    checking = []
    for rule in rules:
        if rule.language != language:
            continue
        if rule.files is not None or rule.ignores is not None:
            if rule.base not in paths:
                paths[rule.base] = glob_path(root, path, rule.base)
            if not rule.applies_to(paths[rule.base], language):
                continue
        checking.append(rule)
    return checking


def glob_path(root: Path, path: str, base: str) -> str:
    """The path ast-grep matches globs against: the file's real path relative to the project folder `base`.

    ast-grep resolves symlinks and strips the project folder (the sgconfig.yml's); a file outside it
    keeps the path it was found at.
    """
    full = os.path.join(root, path)
    if os.path.islink(full):
        real = os.path.realpath(full)
        folder = os.path.realpath(os.path.join(root, base))
        if real.startswith(folder + os.sep):
            return Path(real).relative_to(folder).as_posix()
    if base and path.startswith(base + "/"):
        return path[len(base) + 1 :]
    return path


FileViolations = tuple[list[Violation], Diagnostic | None]
"""A file's violations, and why it could not be checked."""


def _check_file(root: Path, path: str, max_size: int, rules: list[Rule], digest: str) -> FileViolations:
    """The violations in one file; looked up by its content too, as the scan does."""
    data, _ = read_source(root, path, max_size)  # the scan already noted why a file cannot be read
    if data is None:
        return [], None
    key = ("rules-content", path, digest, content_digest(data))
    return FILES.get(key, ALWAYS, partial(_check_data, path, data, rules), FileViolations)


def _check_data(path: str, data: bytes, rules: list[Rule]) -> FileViolations:
    text, problem = decode(path, data)
    return (_violations(path, text, rules) if text is not None else []), problem


def _violations(path: str, text: str, rules: list[Rule]) -> list[Violation]:
    trees: dict[str, Any] = {}
    lines = split_lines(text)  # the text is decoded with its line ends made `\n`, which ast-grep counts
    found = []
    for rule in rules:
        if rule.language not in trees:
            trees[rule.language] = SgRoot(text, rule.language).root()
        for node in trees[rule.language].find_all(cast(Config, rule.config)):
            start, end = node.range().start, node.range().end
            code = " ".join(" ".join(lines[start.line : end.line + 1]).split())
            message = filled_message(rule.message, node, text) if "$" in rule.message else rule.message
            found.append(
                Violation(path, start.line + 1, start.column + 1, rule.id, end.line + 1, code, None, message, rule.name)
            )
    return found


def filled_message(message: str, node: SgNode, text: str) -> str:
    """The message with each meta-variable replaced by what it matched, as ast-grep fills it; unknown ones by ''."""

    def value(match: re.Match[str]) -> str:
        dollars, name = match.groups()
        if dollars == "$$$":
            nodes = node.get_multiple_matches(name)
            return text[nodes[0].range().start.index : nodes[-1].range().end.index] if nodes else ""
        transformed = node.get_transformed(name)
        if transformed is not None:
            return transformed
        single = node.get_match(name)
        return single.text() if single is not None else ""

    return " ".join(META_VARIABLE.sub(value, message).split())


def _digest(texts: object) -> str:
    """A short name for what rules say, for cache keys."""
    return hashlib.sha256(json.dumps(texts).encode()).hexdigest()[:32]
