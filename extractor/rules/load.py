"""Every rule of the project, tied to its anti-pattern (or pattern) and checked against its own test cases.

Two places hold rules, both in ast-grep's format: `<catalogue>/rules/<page key>/<slug>.yml` (the
file names the anti-pattern; its cases in `<slug>.test.yml` beside it), and the folders of an
ast-grep project (`sgconfig` option: `ruleDirs`, `utilDirs`, `testConfigs`), whose rules name
their anti-pattern (see `sgconfig.py`). A rule tied to a pattern rather than an anti-pattern finds
the code that follows it (`Rule.follows`); `metadata: {opposite: <id>}` pairs it with a rule of the
other kind (see `adoption.py`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from extractor.filecache import CACHE
from extractor.model import Catalogue, Diagnostic, Kind, error, info, warning
from extractor.rules.documents import Document, rule_of
from extractor.rules.files import parse_documents, read_user_file, yaml_entries
from extractor.rules.model import Rule
from extractor.rules.run import self_test
from extractor.rules.sgconfig import (
    Project,
    project_documents,
    project_tests,
    project_utils,
    read_project,
    tied_pattern,
)
from extractor.text import key_line

TEST_SUFFIXES = (".test.yml", ".test.yaml")


def load_rules(
    root: Path, catalogue: Catalogue, folder: str, run_tests: bool = True, sgconfig: str | None = None
) -> tuple[list[Rule], list[Diagnostic]]:
    """The rules under `<folder>/rules` and in the ast-grep project `sgconfig` names, each run on its own cases."""
    rules, diagnostics = _catalogue_rules(root, catalogue, folder)
    if sgconfig:
        found, problems = _project_rules(root, catalogue, sgconfig)
        rules += found
        diagnostics += problems
    rules, problems = _one_rule_each(rules)
    kinds = {p.id: p.kind for p in catalogue.patterns}
    rules = [replace(rule, follows=kinds.get(rule.id) is Kind.PATTERN) for rule in rules]
    diagnostics += problems + [d for rule in rules for d in _unmatchable_globs(rule) + _opposite_problems(rule, kinds)]
    if run_tests:
        diagnostics += [d for rule in rules for d in _test_failures(rule)]
    return rules, diagnostics


def _catalogue_rules(root: Path, catalogue: Catalogue, folder: str) -> tuple[list[Rule], list[Diagnostic]]:
    base = root / folder / "rules"
    kinds = {p.id: p.kind for p in catalogue.patterns}
    rules: list[Rule] = []
    diagnostics: list[Diagnostic] = []
    for path in yaml_entries(base, follow=True) if base.is_dir() else []:
        if path.name.endswith(TEST_SUFFIXES):
            continue
        rule_id = path.relative_to(base).as_posix().rsplit(".", 1)[0]
        rel = path.relative_to(root).as_posix()
        rule, problem = _catalogue_rule(root, path, rel, rule_id, kinds.get(rule_id))
        if rule is None:
            diagnostics.append(error("rule-invalid", rel, problem[0], problem[1]))
            continue
        rule, problems = _with_catalogue_tests(root, rule, path)
        rules.append(rule)
        diagnostics += problems
    return rules, diagnostics


def _catalogue_rule(
    root: Path, path: Path, rel: str, rule_id: str, kind: Kind | None
) -> tuple[Rule | None, tuple[int, str]]:
    text, problem = read_user_file(root, path)
    if text is None:
        return None, (problem[0], f"the rule file {problem[1]}") if problem else (0, "")
    if kind is None:
        return None, (
            0,
            f"rule for {rule_id!r}, which is not a pattern id; name the file after an anti-pattern or pattern",
        )
    documents, problem = parse_documents(text)
    if problem:
        return None, (problem[0], f"the rule file {problem[1]}")
    if len(documents) > 1:
        return None, (documents[1][0], "one rule a file here (the file names the anti-pattern); split the documents")
    line, body, data = documents[0] if documents else (1, text, None)
    if isinstance(data, dict) and data.get("id", rule_id) != rule_id:
        return None, (1, f"the rule's id {data['id']!r} differs from its file's anti-pattern id {rule_id!r}; drop `id`")
    rule, line, message = rule_of(Document(rel, body, line, data), rule_id, rule_id)
    return rule, (line, message)


def _with_catalogue_tests(root: Path, rule: Rule, path: Path) -> tuple[Rule, list[Diagnostic]]:
    """The rule with the cases of `<slug>.test.yml` (or `.test.yaml`) beside it."""
    stem = path.name.rsplit(".", 1)[0]
    tests = next((path.with_name(stem + s) for s in TEST_SUFFIXES if path.with_name(stem + s).exists()), None)
    if tests is None and not any(path.with_name(stem + s).is_symlink() for s in TEST_SUFFIXES):
        return rule, []
    tests = tests or path.with_name(stem + TEST_SUFFIXES[0])
    rel = tests.relative_to(root).as_posix()
    text, problem = read_user_file(root, tests)
    documents, problem = parse_documents(text) if text is not None else ([], problem)
    if problem:
        return rule, [error("rule-tests-invalid", rel, problem[0], f"the test file {problem[1]}")]
    data = documents[0][2] if documents else {}
    return _with_cases(rule, rel, data)


def _with_cases(rule: Rule, rel: str, data: Any) -> tuple[Rule, list[Diagnostic]]:
    valid, invalid = (data.get(key) or [] if isinstance(data, dict) else None for key in ("valid", "invalid"))
    if not all(isinstance(cases, list) and all(isinstance(c, str) for c in cases) for cases in (valid, invalid)):
        fix = "test cases must be a mapping with `valid:` and `invalid:` lists of code"
        return rule, [error("rule-tests-invalid", rel, 1, fix)]
    return replace(rule, valid=tuple(valid or ()), invalid=tuple(invalid or ()), tests=rel), []


def _project_rules(root: Path, catalogue: Catalogue, config: str) -> tuple[list[Rule], list[Diagnostic]]:
    """The rules of the ast-grep project that name an anti-pattern; a note counts those left to ast-grep."""
    project, diagnostics = read_project(root, config)
    if project is None:
        return [], diagnostics
    utils, problems = project_utils(root, project)
    documents, more = project_documents(root, project.rule_dirs)
    cases, tests = project_tests(root, project)
    diagnostics += problems + more + tests
    rules, untied = [], []
    for path, line, text, data in documents:
        rule, problems = _project_rule(project, catalogue, utils, (path, line, text, data))
        diagnostics += problems
        if rule is None and not problems:
            untied.append(str(data.get("id") or path) if isinstance(data, dict) else path)
        elif rule is not None and rule.name in cases:
            rule, problems = _with_cases(rule, *cases[rule.name])
            diagnostics += problems
        rules += [rule] if rule else []
    diagnostics += _duplicate_names(documents) + _untied_note(project, untied)
    return rules, diagnostics


def _project_rule(
    project: Project, catalogue: Catalogue, utils: dict[str, dict[str, Any]], document: tuple[str, int, str, Any]
) -> tuple[Rule | None, list[Diagnostic]]:
    path, line, text, data = document
    if not isinstance(data, dict):
        return None, [error("rule-invalid", path, line, "a rule is a mapping with `id`, `language` and `rule`")]
    pattern_id, problem = tied_pattern(data, catalogue)
    if problem:
        return None, [error("rule-invalid", path, line - 1 + key_line(text, problem[0], 1), problem[1])]
    if pattern_id is None:
        return None, []
    name = str(data.get("id") or pattern_id)
    rule, at, message = rule_of(Document(path, text, line, data, project.base, utils), pattern_id, name)
    return rule, [] if rule else [error("rule-invalid", path, at, message)]


def _duplicate_names(documents: list[tuple[str, int, str, Any]]) -> list[Diagnostic]:
    """ast-grep refuses a project where two rules share an `id`."""
    seen: dict[str, str] = {}
    found = []
    for path, line, _, data in documents:
        name = data.get("id") if isinstance(data, dict) else None
        if isinstance(name, str) and name:
            if name in seen:
                found.append(error("rule-invalid", path, line, f"rule id {name!r} is also used in {seen[name]}"))
            seen.setdefault(name, path)
    return found


def _untied_note(project: Project, untied: list[str]) -> list[Diagnostic]:
    if not untied:
        return []
    shown = ", ".join(untied[:5]) + (f" and {len(untied) - 5} more" if len(untied) > 5 else "")
    how = "tie one with `metadata: {pattern: <anti-pattern id>}` or a `url` to its page"
    return [info("rule-untied", project.path, 0, f"{len(untied)} rules name no anti-pattern ({shown}); {how}")]


def _unmatchable_globs(rule: Rule) -> list[Diagnostic]:
    """A warning for each glob that starts with `./` or `/`: ast-grep matches paths like `src/a.ts`, never those."""
    found = []
    for key, globs in (("files", rule.files), ("ignores", rule.ignores)):
        for glob in globs or ():
            if glob.glob.startswith(("./", "/")):
                line = rule.line - 1 + key_line(rule.text, key, 1)
                fix = f"write {glob.glob.lstrip('./')!r}, relative to {rule.base or 'the project root'}"
                message = f"{glob.glob!r} never matches: ast-grep matches paths without a leading `./` or `/`; {fix}"
                found.append(warning("rule-glob-never-matches", rule.path, line, message))
    return found


def _opposite_problems(rule: Rule, kinds: dict[str, Kind]) -> list[Diagnostic]:
    """An error for each id of `metadata: {opposite: ...}` that is not a pattern of the other kind."""
    wanted = Kind.ANTI_PATTERN if rule.follows else Kind.PATTERN
    found = []
    for named in rule.opposite:
        if kinds.get(named) is not wanted:
            what = (
                "not a pattern id"
                if named not in kinds
                else f"not an {wanted.value}"
                if wanted is Kind.ANTI_PATTERN
                else f"not a {wanted.value}"
            )
            message = f"`metadata: {{opposite: {named}}}` names {named!r}, {what}; a pattern's rule is weighed against an anti-pattern's, and the reverse"
            found.append(error("rule-invalid", rule.path, rule.line - 1 + key_line(rule.text, "metadata"), message))
    return found


def _one_rule_each(rules: list[Rule]) -> tuple[list[Rule], list[Diagnostic]]:
    """The first rule of each anti-pattern; another rule for the same one is an error (its page shows one rule)."""
    kept: dict[str, Rule] = {}
    diagnostics = []
    for rule in rules:
        first = kept.setdefault(rule.id, rule)
        if first is not rule:
            diagnostics.append(
                error(
                    "rule-invalid",
                    rule.path,
                    rule.line,
                    f"{rule.id!r} is already checked by {first.path}; merge the two rules with `any:`",
                )
            )
    return list(kept.values()), diagnostics


def _test_failures(rule: Rule) -> list[Diagnostic]:
    """The rule's wrong answers on its own cases, an error each at its test file (cached by what they say)."""
    if not rule.tests or not (rule.valid or rule.invalid):
        return []
    cases = _digest([rule.id, rule.language, rule.text, repr(rule.config), rule.valid, rule.invalid])
    table = CACHE.contents("self-tests", list[str])
    known, failures = table.get(cases)
    if not known:
        failures = self_test(rule)
        table.put(cases, failures)
    return [error("rule-test-failed", rule.tests, 0, failure) for failure in failures]


def _digest(texts: object) -> str:
    """A short name for what rules (and their cases) say, for cache keys."""
    return hashlib.sha256(json.dumps(texts).encode()).hexdigest()[:32]
