"""Anti-pattern rules: ast-grep YAML rules next to the catalogue, run over the sources (pure but for reading files).

A rule lives at `<catalogue>/rules/<page key>/<anti-pattern slug>.yml`, in ast-grep's own rule format;
its id is the anti-pattern's id. Test cases live beside it in `<slug>.test.yml` (`valid:` / `invalid:`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import Any, cast

import yaml
from ast_grep_py import Config, SgRoot

from extractor.model import Catalogue, Diagnostic, Kind, Location, Marker, Severity, error, warning
from extractor.scan.cache import ALWAYS, FILES, content_digest, stamp_of
from extractor.scan.files import MAX_FILE_SIZE, decode, read_source
from extractor.scan.languages import language_of
from extractor.text import load_yaml

RULE_KEYS = frozenset(
    {"id", "language", "severity", "message", "note", "rule", "constraints", "utils", "transform", "files", "ignores"}
) | frozenset({"metadata", "url"})
SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "hint": Severity.INFO}
LANGUAGE_NAMES = {"ts": "typescript", "js": "javascript", "py": "python", "jsx": "tsx"}
SUPPORTED = frozenset(
    [
        "bash",
        "c",
        "cpp",
        "csharp",
        "css",
        "dart",
        "elixir",
        "go",
        "haskell",
        "hcl",
        "html",
        "java",
        "javascript",
        "json",
        "kotlin",
        "lua",
        "nix",
        "php",
        "python",
        "ruby",
        "rust",
        "scala",
        "solidity",
        "swift",
        "tsx",
        "typescript",
        "yaml",
    ]
)
"""The languages ast-grep-py parses (an unknown name makes it panic, so it is checked first)."""


@dataclass(frozen=True)
class Rule:
    """One anti-pattern's structural rule."""

    id: str
    """The anti-pattern's id."""
    path: str
    """The rule file, relative to the project root."""
    text: str
    """The YAML as written, for the site."""
    language: str
    """ast-grep language name."""
    severity: Severity | None
    """What a violation is; None when the rule is `off`."""
    message: str
    """What is wrong, shown with every violation."""
    config: dict[str, Any]
    """What ast-grep matches with: `rule` and optional `constraints`, `utils`, `transform`."""
    files: tuple[str, ...] = ()
    """Globs of the paths the rule applies to (all when empty)."""
    ignores: tuple[str, ...] = ()
    """Globs of the paths it never applies to."""
    valid: tuple[str, ...] = ()
    """Code the rule must not match."""
    invalid: tuple[str, ...] = ()
    """Code the rule must match."""

    def applies_to(self, path: str, language: str | None = None) -> bool:
        """Whether the rule checks the file at `path` (relative to the project root), of `language` if known."""
        if (language or rule_language(path)) != self.language:
            return False
        return (not self.files or any(_glob(g).match(path) for g in self.files)) and not any(
            _glob(g).match(path) for g in self.ignores
        )


@dataclass(frozen=True, order=True)
class Violation:
    """One place that breaks a rule."""

    path: str
    line: int
    column: int
    rule: str
    """The anti-pattern id."""
    end: int
    """Last line of the offending code."""
    code: str
    """The offending code, whitespace collapsed: what a baseline matches on (`sha256:` and its digest when withheld)."""
    url: str | None = field(default=None, compare=False)
    """Link to the offending lines in the repository."""
    withheld: str = field(default="", compare=False)
    """What credential the code looks like it holds, when it is withheld from pages and baselines, or ''."""


def rule_language(path: str) -> str:
    """The ast-grep language a rule needs to check the file at `path`."""
    language = language_of(path)
    return language.parser or language.name


def load_rules(
    root: Path, catalogue: Catalogue, folder: str, self_test: bool = True
) -> tuple[list[Rule], list[Diagnostic]]:
    """Every rule under `<folder>/rules`, checked against the catalogue and (with `self_test`) its own test cases."""
    base = root / folder / "rules"
    kinds = {p.id: p.kind for p in catalogue.patterns}
    rules: list[Rule] = []
    diagnostics: list[Diagnostic] = []
    for path in sorted(base.rglob("*.yml")) if base.is_dir() else []:
        if path.name.endswith(".test.yml"):
            continue
        rule_id = path.relative_to(base).with_suffix("").as_posix()
        rel = path.relative_to(root).as_posix()
        rule, problem = _read_rule(rel, rule_id, path.read_text(encoding="utf-8"), kinds.get(rule_id))
        if rule is None:
            diagnostics.append(error("rule-invalid", rel, problem[0], problem[1]))
            continue
        rule, problems = _with_tests(rule, path.with_name(f"{path.stem}.test.yml"), root, self_test)
        rules.append(rule)
        diagnostics += problems
    return rules, diagnostics


def _read_rule(path: str, rule_id: str, text: str, kind: Kind | None) -> tuple[Rule | None, tuple[int, str]]:
    if kind is None:
        return None, (0, f"rule for {rule_id!r}, which is not a pattern id; name the file after an anti-pattern")
    if kind is not Kind.ANTI_PATTERN:
        return None, (0, f"{rule_id!r} is a pattern, not an anti-pattern; rules describe what to avoid")
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, (mark.line + 1 if mark else 0, f"rule is not valid YAML: {getattr(exc, 'problem', exc)}")
    if not isinstance(data, dict) or "rule" not in data or "language" not in data:
        return None, (
            1,
            "a rule needs at least `language` and `rule`, e.g. `language: typescript` and `rule: {pattern: ctx.db}`",
        )
    problem = _field_problem(data, rule_id)
    if problem:
        return None, (_line(text, problem[0]), problem[1])
    return _rule(path, rule_id, text, data), (0, "")


def _field_problem(data: dict[str, Any], rule_id: str) -> tuple[str, str] | None:
    unknown = sorted(set(data) - RULE_KEYS)
    if unknown:
        return unknown[0], f"unknown key {unknown[0]!r}; a rule has {', '.join(sorted(RULE_KEYS))}"
    if data.get("id", rule_id) != rule_id:
        return "id", f"the rule's id {data['id']!r} differs from its file's anti-pattern id {rule_id!r}; drop `id`"
    if str(data.get("severity", "error")) not in (*SEVERITIES, "off"):
        return "severity", f"unknown severity {data['severity']!r}; use one of {', '.join(SEVERITIES)}, off"
    language = LANGUAGE_NAMES.get(str(data["language"]).lower(), str(data["language"]).lower())
    if language not in SUPPORTED:
        return "language", f"unknown language {data['language']!r}; ast-grep knows {', '.join(sorted(SUPPORTED))}"
    try:
        SgRoot("", language).root().find_all(cast(Config, _config(data)))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # ast-grep reports a bad rule or language as a Rust panic or a ValueError
        return "rule", f"ast-grep cannot use this rule: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
    return None


def _rule(path: str, rule_id: str, text: str, data: dict[str, Any]) -> Rule:
    severity = str(data.get("severity", "error"))
    return Rule(
        id=rule_id,
        path=path,
        text=text,
        language=LANGUAGE_NAMES.get(str(data["language"]).lower(), str(data["language"]).lower()),
        severity=SEVERITIES.get(severity),
        message=str(data.get("message", "")).strip() or rule_id,
        config=_config(data),
        files=tuple(_strings(data.get("files"))),
        ignores=tuple(_strings(data.get("ignores"))),
    )


def _config(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in ("rule", "constraints", "utils", "transform") if key in data}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _line(text: str, key: str) -> int:
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:")), 1)


def _with_tests(rule: Rule, tests: Path, root: Path, run: bool = True) -> tuple[Rule, list[Diagnostic]]:
    """The rule with its test cases; a case it gets wrong is an error at the test file."""
    if not tests.is_file():
        return rule, []
    rel = tests.relative_to(root).as_posix()
    try:
        data = load_yaml(tests.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        return rule, [
            error("rule-tests-invalid", rel, 0, f"test cases are not valid YAML: {getattr(exc, 'problem', exc)}")
        ]
    if not isinstance(data, dict):
        return rule, [
            error(
                "rule-tests-invalid", rel, 1, "test cases must be a mapping with `valid:` and `invalid:` lists of code"
            )
        ]
    rule = replace(rule, valid=tuple(_strings(data.get("valid"))), invalid=tuple(_strings(data.get("invalid"))))
    if not run:
        return rule, []
    cases = _digest([rule.id, rule.language, rule.text, rule.valid, rule.invalid])
    failures = FILES.get(("self-test", rule.id, cases), ALWAYS, partial(self_test, rule), list[str])
    return rule, [error("rule-test-failed", rel, 0, failure) for failure in failures]


def self_test(rule: Rule) -> list[str]:
    """What the rule gets wrong among its own test cases."""
    failures = []
    for n, code in enumerate(rule.valid, 1):
        if matches(rule, code):
            failures.append(f"valid case {n} of {rule.id!r} matches the rule, but must not: {_first(code)}")
    for n, code in enumerate(rule.invalid, 1):
        if not matches(rule, code):
            failures.append(f"invalid case {n} of {rule.id!r} does not match the rule, but must: {_first(code)}")
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
        language = rule_language(path)
        checking = [r for r in active if r.applies_to(path, language)]
        if not checking:
            continue
        names = tuple(r.id for r in checking)
        if names not in digests:
            digests[names] = _digest([(r.id, r.text) for r in checking])
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
    lines = text.splitlines()
    found = []
    for rule in rules:
        if rule.language not in trees:
            trees[rule.language] = SgRoot(text, rule.language).root()
        for node in trees[rule.language].find_all(cast(Config, rule.config)):
            start, end = node.range().start, node.range().end
            code = " ".join(" ".join(lines[start.line : end.line + 1]).split())
            found.append(Violation(path, start.line + 1, start.column + 1, rule.id, end.line + 1, code))
    return found


def _digest(texts: object) -> str:
    """A short name for what rules (and their cases) say, for cache keys."""
    return hashlib.sha256(json.dumps(texts).encode()).hexdigest()[:32]


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    """A glob as ast-grep reads `files` and `ignores`: `**` crosses folders, `*` does not."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            out.append({"*": "[^/]*", "?": "[^/]"}.get(pattern[i], re.escape(pattern[i])))
            i += 1
    return re.compile("".join(out) + "$")


def apply_allows(
    violations: list[Violation], allows: dict[str, list[Marker]], catalogue: Catalogue
) -> tuple[list[Violation], list[Diagnostic]]:
    """Drop the violations an `@pattern-allow <id>` on the line above excuses; report allows that excuse nothing."""
    kinds = {p.id: p.kind for p in catalogue.patterns}
    used: set[tuple[str, int]] = set()
    kept = []
    for v in violations:
        allow = next((m for m in allows.get(v.path, []) if m.line == v.line - 1 and m.ref == v.rule), None)
        if allow is None:
            kept.append(v)
        else:
            used.add((v.path, allow.line))
    diagnostics = []
    for path, markers in sorted(allows.items()):
        for m in markers:
            if kinds.get(m.ref) is not Kind.ANTI_PATTERN:
                diagnostics.append(
                    error(
                        "allow-unknown",
                        path,
                        m.line,
                        f"`@pattern-allow {m.ref}` names no anti-pattern; use an anti-pattern's full id",
                    )
                )
            elif (path, m.line) not in used:
                diagnostics.append(
                    warning(
                        "allow-unused",
                        path,
                        m.line,
                        f"`@pattern-allow {m.ref}` suppresses nothing: the line below breaks no rule; remove it",
                    )
                )
    return kept, diagnostics


def baseline_text(violations: Iterable[Violation]) -> str:
    """A baseline file: the violations to tolerate, by rule, path and code (not line), as JSON."""
    entries = [{"rule": v.rule, "path": v.path, "code": v.code} for v in sorted(violations, key=_baseline_key)]
    return json.dumps({"version": 1, "violations": entries}, indent=2, ensure_ascii=False) + "\n"


def apply_baseline(violations: list[Violation], text: str, source: str) -> tuple[list[Violation], list[Diagnostic]]:
    """The violations the baseline does not list (each entry excuses one violation with the same rule, path, code)."""
    try:
        data = json.loads(text)
        tolerated = Counter((e["rule"], e["path"], e["code"]) for e in data["violations"])
    except (ValueError, KeyError, TypeError):
        fix = "write one with `patterns baseline write FILE`"
        return violations, [error("baseline-invalid", source, 0, f"not a baseline file; {fix}")]
    kept = []
    for v in violations:
        key = _baseline_key(v)
        if tolerated[key]:
            tolerated[key] -= 1
        else:
            kept.append(v)
    return kept, []


def _baseline_key(v: Violation) -> tuple[str, str, str]:
    return (v.rule, v.path, v.code)


def violation_diagnostics(
    violations: Iterable[Violation], rules: Iterable[Rule], links: dict[str, str]
) -> list[Diagnostic]:
    """`path:line:col: severity[violation]: message [id] link` for every violation."""
    by_id = {r.id: r for r in rules}
    return [
        Diagnostic(
            Location(v.path, v.line, v.column),
            by_id[v.rule].severity or Severity.INFO,
            f"{by_id[v.rule].message} [{v.rule}] {links[v.rule]}",
            "violation",
            v.rule,
        )
        for v in violations
    ]
