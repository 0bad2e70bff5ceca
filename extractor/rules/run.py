"""Running rules: over code snippets (their own test cases) and over the project's files, each parsed once a language."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

from ast_grep_py import Config, SgNode, SgRoot

from extractor.filecache import CACHE, Stamp, Table, content_digest, stamp_of
from extractor.lines import split_lines
from extractor.model import Diagnostic
from extractor.rules.model import Rule, Violation, rule_language
from extractor.rules.needs import holds, needs
from extractor.scan.files import MAX_FILE_SIZE, decode, read_source
from extractor.secrets import withhold_violation
from extractor.workers import WORKERS

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
    root: Path,
    rules: Iterable[Rule],
    paths: Iterable[str],
    max_size: int = MAX_FILE_SIZE,
    stamps: Mapping[str, Stamp | None] | None = None,
) -> tuple[list[Violation], list[Diagnostic]]:
    """Every match of every active rule in the files at `paths` (places that break an anti-pattern's rule, or
    follow a pattern's: `followers.split_matches`); each file parsed once a language, and only
    when it holds the words a rule needs (`needs`), shared with the workers when there are any.

    A file whose stamp (from `stamps`, as the scan saw it, or stat'ed here) is what the cache's `rules`
    table has for it is not read again.
    """
    active = [r for r in rules if r.severity is not None]
    if not active:
        return [], []
    context = _digest(
        [max_size, [(r.id, r.name, r.text, repr(r.config), r.message, r.base, r.follows) for r in active]]
    )
    table = CACHE.files("rules", FileViolations, context)
    paths = list(paths)
    if stamps is None:
        stamps = {path: stamp_of(os.path.join(root, path)) for path in paths}
    results: dict[str, FileViolations | None] = {}
    for path in paths:
        stamp = stamps.get(path)
        found, result = table.get(path, stamp) if stamp is not None else (False, None)
        if found:
            results[path] = result
    todo = _read_new(table, root, [p for p in paths if p not in results], stamps, max_size, active, results)
    _parse_new(table, root, todo, stamps, max_size, active, results)
    return _gathered(paths, results)


FileViolations = tuple[list[Violation], Diagnostic | None]
"""A file's violations (with what looks like a credential withheld), and why it could not be checked."""
ToParse = dict[str, tuple[str, str, list[int]]]
"""Path -> the digest of a file's bytes, its text, and which active rules (by position) may match in it."""
RulesChunk = tuple[str, int, list[Rule], list[tuple[str, list[int]]]]
"""A worker's share: the project root, the size limit, the active rules, files with the rules to run on each."""
CHUNK = 8
"""Files parsed together, by this process or a worker."""


def _read_new(
    table: Table,
    root: Path,
    paths: list[str],
    stamps: Mapping[str, Stamp | None],
    max_size: int,
    active: list[Rule],
    results: dict[str, FileViolations | None],
) -> ToParse:
    """Read the files the cache does not know and that a rule checks; those a rule may match in are returned to
    be parsed, the result of every other one goes to `results` and to the cache."""
    needed = [needs(rule.config) for rule in active]
    position = {id(rule): n for n, rule in enumerate(active)}
    todo: ToParse = {}
    for path in paths:
        stamp = stamps.get(path)
        checking = [position[id(rule)] for rule in rules_for(root, path, active)]
        data = read_source(root, path, max_size)[0] if checking else None  # the scan noted why one is not read
        if data is None:
            _keep(table, path, stamp, "", None, results)
            continue
        digest = content_digest(data)
        known, results[path] = table.same_content(path, stamp, digest) if stamp is not None else (False, None)
        if known:
            continue
        text, problem = decode(path, data)
        checking = [n for n in checking if text is not None and holds(text, needed[n])]
        if text is not None and checking:
            todo[path] = (digest, text, checking)
        else:
            _keep(table, path, stamp, digest, ([], problem) if problem else None, results)
    return todo


def _parse_new(
    table: Table,
    root: Path,
    todo: ToParse,
    stamps: Mapping[str, Stamp | None],
    max_size: int,
    active: list[Rule],
    results: dict[str, FileViolations | None],
) -> None:
    """Run the rules over the files they may match in, shared with the workers when there are any."""
    paths = list(todo)
    chunks = [paths[start : start + CHUNK] for start in range(0, len(paths), CHUNK)]

    def here(job: RulesChunk) -> list[tuple[str, FileViolations | None]]:
        return [(todo[path][0], _checked(path, todo[path][1], [active[n] for n in ns])) for path, ns in job[3]]

    jobs = [(str(root), max_size, active, [(path, todo[path][2]) for path in chunk]) for chunk in chunks]
    for chunk, answers in zip(chunks, WORKERS.map("rules", jobs, here), strict=True):
        for path, (digest, found) in zip(chunk, answers, strict=True):
            _keep(table, path, stamps.get(path), digest, found, results)


def check_chunk(job: RulesChunk) -> list[tuple[str, FileViolations | None]]:
    """A worker's share of the rules: each file read again, with the digest of the bytes its violations are of."""
    root, max_size, active, files = job
    answers: list[tuple[str, FileViolations | None]] = []
    for path, checking in files:
        data, _ = read_source(Path(root), path, max_size)
        text, problem = decode(path, data) if data is not None else (None, None)
        if data is None or text is None:
            answers.append(("", ([], problem) if problem else None))
        else:
            answers.append((content_digest(data), _checked(path, text, [active[n] for n in checking])))
    return answers


def _keep(
    table: Table,
    path: str,
    stamp: Stamp | None,
    digest: str,
    result: FileViolations | None,
    results: dict[str, FileViolations | None],
) -> None:
    results[path] = result
    if stamp is None:
        table.keep(path)  # changed moments ago: its former row stays, matching nothing
    else:
        table.put(path, result, stamp, digest)


def _gathered(paths: list[str], results: dict[str, FileViolations | None]) -> tuple[list[Violation], list[Diagnostic]]:
    """Every file's violations, sorted, and why files could not be checked."""
    violations: list[Violation] = []
    diagnostics: list[Diagnostic] = []
    for path in paths:
        result = results[path]
        if result is not None:
            violations += result[0]
            if result[1] is not None and result[1] not in diagnostics:
                diagnostics.append(result[1])
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


def _checked(path: str, text: str, rules: list[Rule]) -> FileViolations | None:
    """The matches of `rules` in a file's text (None: none), what looks like a credential withheld from those that
    break an anti-pattern's rule (a pattern's matches are counted and linked to, never shown)."""
    follows = {rule.id for rule in rules if rule.follows}
    found = [v if v.rule in follows else withhold_violation(v) for v in _violations(path, text, rules)]
    return (found, None) if found else None


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
