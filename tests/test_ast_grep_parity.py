"""Rules mean what they mean to ast-grep: the real `ast-grep scan` and `patterns check` on the same rules and files.

The `ast-grep` command comes from the `ast-grep-cli` package of the dev extra, the same version as
the `ast-grep-py` the tool runs rules with. Each test runs both on one project and compares the
match sets: (path, line, column, rule id), and the messages with their meta-variables filled in.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from projects import REPO, run_project

from extractor.catalogue import load_catalogue
from extractor.rules import Rule, load_rules, run_rules
from extractor.rules.documents import Document, rule_of
from extractor.rules.globs import GlobError, compile_glob, glob_matches
from extractor.rules.model import LANGUAGES
from extractor.rules.needs import holds, needs
from extractor.rules.run import rules_for
from extractor.scan.files import list_files
from extractor.site_config import load_settings
from extractor.text import load_yaml_documents

AST_GREP = Path(sys.executable).with_name("ast-grep")
PARITY = Path(__file__).parent / "parity"
"""A project whose sgconfig.yml rules exercise globs, `files`/`ignores` objects, utils, constraints, transform."""

Match = tuple[str, int, int, str]
"""(path, line, column, ast-grep rule id), 1-based like the tool's output."""


def ast_grep_scan(project: Path) -> list[dict[str, object]]:
    """What `ast-grep scan --json=stream` reports in `project` (its sgconfig.yml), one dict a match."""
    assert AST_GREP.is_file(), "the ast-grep command is missing: `make install` installs the dev extra"
    done = subprocess.run(
        [str(AST_GREP), "scan", "--json=stream"], cwd=project, capture_output=True, text=True, check=False
    )
    assert "error(s) found in code" in done.stderr or done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def matched(found: list[dict[str, object]]) -> set[Match]:
    """The match set of ast-grep's JSON output."""
    out = set()
    for item in found:
        start = item["range"]["start"]  # type: ignore[index]
        out.add((str(item["file"]), start["line"] + 1, start["column"] + 1, str(item["ruleId"])))
    return out


def test_the_command_line_tool_is_the_version_of_the_library() -> None:
    done = subprocess.run([str(AST_GREP), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["ast-grep", version("ast-grep-py")]


def test_a_teams_ast_grep_project_gives_the_matches_ast_grep_gives(tmp_path: Path) -> None:
    project = tmp_path / "parity"
    shutil.copytree(PARITY, project)
    theirs = ast_grep_scan(project)
    result = run_project(project)
    ours = {(v.path, v.line, v.column, v.name) for v in result.violations}
    tied = {r.name for r in result.rules}
    expected = {m for m in matched(theirs) if m[3] in tied}
    print(f"ast-grep: {len(expected)} matches of {len(tied)} tied rules; patterns: {len(ours)}")
    assert ours == expected
    assert len(expected) >= 30
    assert {m[3] for m in expected} == tied - {"turned-off", "dot-slash", "empty-files-list"}


def test_messages_fill_meta_variables_as_ast_grep_does(tmp_path: Path) -> None:
    project = tmp_path / "parity"
    shutil.copytree(PARITY, project)
    theirs = {m: " ".join(str(item["message"]).split()) for item in ast_grep_scan(project) for m in matched([item])}
    result = run_project(project)
    messages = {r.name: r for r in result.rules}
    ours = {
        (v.path, v.line, v.column, v.name): v.message
        for v in result.violations
        if messages[v.name].text.count("message:")
    }
    assert ours
    assert ours == {m: theirs[m] for m in ours}


def test_a_file_without_the_words_a_rule_needs_is_never_one_ast_grep_matches(tmp_path: Path) -> None:
    """`rules.needs` lets the tool skip parsing files a rule cannot match: every file ast-grep matches must pass
    it (recall 1.0); how many more pass is its precision (files parsed for nothing)."""
    project = tmp_path / "parity"
    shutil.copytree(PARITY, project)
    rules = {r.name: r for r in run_project(project).rules}
    matches = {(str(item["file"]), str(item["ruleId"])) for item in ast_grep_scan(project) if item["ruleId"] in rules}
    files = [p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()]
    texts = {path: (project / path).read_text(encoding="utf-8", errors="replace") for path in files}
    kept = {(path, name) for name, rule in rules.items() for path in files if holds(texts[path], needs(rule.config))}
    missed = matches - kept
    print(
        f"needs: {len(kept)} file-rule pairs kept of {len(files) * len(rules)}, {len(matches)} matched; recall "
        f"{1 - len(missed) / max(len(matches), 1):.2f}, precision {len(matches) / max(len(kept), 1):.2f}"
    )
    assert not missed
    assert len(matches) >= 20


@pytest.mark.parametrize(
    ("rule", "needed"),
    [
        ({"pattern": "ctx.db"}, [{"ctx"}, {"db"}]),
        ({"pattern": "console.log($$$ARGS)"}, [{"console"}, {"log"}]),
        ({"pattern": "$A.$B($C)"}, []),
        ({"pattern": "foo$bar()"}, [{"foo"}]),
        ({"pattern": "// $X is fine"}, []),  # a comment in a pattern: whether it must match depends on strictness
        ({"pattern": {"context": "class A { $F = 1 }", "selector": "field_definition"}}, []),
        ({"kind": "call_expression", "regex": "^(action|internalAction)$"}, [{"action", "internalAction"}]),
        ({"regex": "^fetch"}, []),
        ({"regex": "(?i)^(a|b)$"}, []),
        ({"all": [{"pattern": "a.b"}, {"has": {"pattern": "c"}}]}, [{"a"}, {"b"}, {"c"}]),
        ({"any": [{"pattern": "a.b"}, {"pattern": "a.c"}]}, [{"a"}]),
        ({"any": [{"pattern": "a"}, {"kind": "identifier"}]}, []),
        ({"pattern": "x", "not": {"pattern": "y"}}, [{"x"}]),
        ({"matches": "util"}, []),
        (
            {"pattern": "db", "inside": {"pattern": "ctx", "stopBy": "end"}, "follows": {"pattern": "z"}},
            [{"db"}, {"ctx"}, {"z"}],
        ),
    ],
)
def test_the_words_a_rule_needs(rule: dict[str, object], needed: list[set[str]]) -> None:
    assert needs({"rule": rule}) == {frozenset(clause) for clause in needed}


def test_rules_no_anti_pattern_names_are_left_to_ast_grep(tmp_path: Path) -> None:
    project = tmp_path / "parity"
    shutil.copytree(PARITY, project)
    result = run_project(project)
    (note,) = [d for d in result.diagnostics if d.code == "rule-untied"]
    assert "1 rules name no anti-pattern (untied-rule)" in note.message
    assert ("src/a.ts", 12, 1, "untied-rule") in matched(ast_grep_scan(project))


def test_the_rules_of_this_repository_match_as_ast_grep_matches_them(tmp_path: Path) -> None:
    """This repository's rules on its own sources and on every case of their `.test.yml`, copied into one project."""
    settings = load_settings(str(REPO / "mkdocs.yml"))
    catalogue, _ = load_catalogue(REPO, settings.catalogue)
    rules, problems = load_rules(REPO, catalogue, settings.catalogue, run_tests=False)
    assert problems == []
    paths, _ = list_files(REPO, settings.sources, settings.exclude)
    copied = [p for p in paths if not any(part.startswith(".") for part in p.split("/"))]
    for path in copied:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / path, tmp_path / path)
    copied += _write_cases(tmp_path, rules)
    _write_project(tmp_path, rules)
    ours, _ = run_rules(tmp_path, rules, copied)
    mine = {(v.path, v.line, v.column, v.rule) for v in ours}
    theirs = matched(ast_grep_scan(tmp_path))
    print(f"{len(rules)} rules, {len(copied)} files: ast-grep {len(theirs)} matches, patterns {len(mine)}")
    assert mine == theirs
    own = {f"cases/convex/{r.id.replace('/', '-')}/": r for r in rules}
    checked = [p for p in copied if "/invalid-" in p and rules_for(tmp_path, p, [own[p.rsplit("/", 1)[0] + "/"]])]
    assert len(checked) >= 30
    assert set(checked) <= {m[0] for m in theirs}, "an invalid case its rule reads has no match"


def _write_cases(root: Path, rules: list[Rule]) -> list[str]:
    """Each rule's valid and invalid cases as files inside a `convex/` folder, where every rule applies."""
    written = []
    for rule in rules:
        extension = LANGUAGES[rule.language][1][0]
        for kind, cases in (("valid", rule.valid), ("invalid", rule.invalid)):
            for n, code in enumerate(cases, 1):
                path = f"cases/convex/{rule.id.replace('/', '-')}/{kind}-{n}.{extension}"
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_text(code, encoding="utf-8")
                written.append(path)
    return written


def _write_project(root: Path, rules: list[Rule]) -> None:
    """An ast-grep project holding the rules, each with its anti-pattern id as ast-grep's `id`."""
    (root / "sgconfig.yml").write_text("ruleDirs: [ast-grep-rules]\n", encoding="utf-8")
    for rule in rules:
        path = root / "ast-grep-rules" / f"{rule.id.replace('/', '-')}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"id: {rule.id}\n{rule.text}", encoding="utf-8")


GLOBS = [
    "*.ts",
    "*",
    "**",
    "**/*.ts",
    "src/*.ts",
    "src/**",
    "src/**/*.ts",
    "src/**/a.ts",
    "./src/**/*.ts",
    "/src/a.ts",
    "src/a.ts",
    "**/a.ts",
    "**/b/**",
    "**/b/*",
    "src/?.ts",
    "src?a.ts",
    "src/a?ts",
    "src/[ab].ts",
    "src/[!a]*.ts",
    "src/[^a]*.ts",
    "src/[a-c]*",
    "src/[]]*",
    "src/[-a]*",
    "src/[a-]*",
    "{src,lib}/*.ts",
    "{src,lib}/**/{a,b}.ts",
    "src/{a,{b,c}}.ts",
    "src/{,a}.ts",
    "src/{a,}*",
    "{**/a.ts,lib/**}",
    "src/a**",
    "src/**a.ts",
    "**a.ts",
    "a**/x.ts",
    "src/**/",
    "**/",
    "src\\/a.ts",
    "src/\\*.ts",
    "é/*.ts",
    "*ü*",
    "src/a b.ts",
    "src/a,b.ts",
    "SRC/**",
    "Src/A.ts",
]
"""Globs for the table test: globset's syntax and its corners."""
FILES = [
    "a.ts",
    "src/a.ts",
    "src/b.ts",
    "src/c.ts",
    "src/d.ts",
    "src/x/a.ts",
    "src/x/b/a.ts",
    "src/b/x.ts",
    "src/]x.ts",
    "src/-x.ts",
    "src/a b.ts",
    "src/a,b.ts",
    "src/aa.ts",
    "src/.ts.ts",
    "lib/a.ts",
    "lib/x/y.ts",
    "é/ü.ts",
    "Src/A.ts",
    "ab/x.ts",
    "srcXa.ts",
]
"""Paths for the table test (TypeScript files, so every rule reads them)."""


def test_globs_select_the_files_ast_grep_selects(tmp_path: Path) -> None:
    """Each glob a rule of its own (`files: [glob]`, matching each file once), and again case-insensitive."""
    for path in FILES:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("let x = 1;\n", encoding="utf-8")
    (tmp_path / "sgconfig.yml").write_text("ruleDirs: [rules]\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    for n, glob in enumerate(GLOBS):
        for ci in (False, True):
            entry = json.dumps({"glob": glob, "caseInsensitive": ci})
            text = f"id: g{n}-{ci}\nlanguage: typescript\nseverity: info\nrule: {{kind: program}}\nfiles: [{entry}]\n"
            (tmp_path / "rules" / f"g{n}-{ci}.yml").write_text(text, encoding="utf-8")
    theirs = {(m[0], m[3]) for m in matched(ast_grep_scan(tmp_path))}
    ours = {
        (path, f"g{n}-{ci}")
        for n, glob in enumerate(GLOBS)
        for ci in (False, True)
        for path in FILES
        if glob_matches(glob, path, ci)
    }
    print(f"{len(GLOBS) * 2} globs x {len(FILES)} paths: {len(theirs)} matches")
    assert ours == theirs


@pytest.mark.parametrize("glob", ["src/[", "src/{a", "src/a}", "src/[z-a]", "src/a\\", "{a,{b}"])
def test_a_glob_ast_grep_refuses_is_refused(tmp_path: Path, glob: str) -> None:
    (tmp_path / "sgconfig.yml").write_text("ruleDirs: [rules]\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "a.ts").write_text("let x = 1;\n", encoding="utf-8")
    text = f"id: g\nlanguage: typescript\nrule: {{kind: program}}\nfiles: [{json.dumps(glob)}]\n"
    (tmp_path / "rules" / "g.yml").write_text(text, encoding="utf-8")
    done = subprocess.run([str(AST_GREP), "scan"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "glob" in done.stderr
    with pytest.raises(GlobError):
        compile_glob(glob)


KIND_RULES = [
    ("{regex: foo}", False),
    ("{pattern: $A}", False),
    ("{pattern: $A, inside: {kind: call_expression}}", False),
    ("{not: {kind: identifier}, regex: x}", False),
    ("{inside: {kind: call_expression}}", False),
    ("{any: [{kind: identifier}, {regex: x}]}", False),
    ("{nthChild: 1, regex: x}", False),
    ("{matches: loose}", False),
    ("{all: [{regex: x}, {kind: identifier}]}", True),
    ("{any: [{kind: identifier}, {pattern: a.b}]}", True),
    ("{matches: strict}", True),
    ("{nthChild: {position: 1, ofRule: {kind: identifier}}}", True),
    ("{pattern: {context: 'a = $A', selector: identifier}}", True),
    ("{pattern: $A.b}", True),
    ("{any: []}", True),
]
"""Rules and whether ast-grep accepts them: it refuses a rule that does not pin the kinds of node it matches."""


@pytest.mark.parametrize(("rule", "accepted"), KIND_RULES, ids=[r for r, _ in KIND_RULES])
def test_a_rule_must_pin_its_node_kinds_as_in_ast_grep(tmp_path: Path, rule: str, accepted: bool) -> None:
    utils = "utils: {strict: {kind: identifier}, loose: {regex: x}}"
    text = f"id: k\nlanguage: typescript\n{utils}\nrule: {rule}\n"
    (tmp_path / "sgconfig.yml").write_text("ruleDirs: [rules]\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "k.yml").write_text(text, encoding="utf-8")
    (tmp_path / "a.ts").write_text("a.b = x;\n", encoding="utf-8")
    done = subprocess.run([str(AST_GREP), "scan"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert ("Rule must specify a set of AST kinds" not in done.stderr) is accepted, done.stderr
    data = load_yaml_documents(text)[0][1]
    rule_found, _, problem = rule_of(Document("k.yml", text, 1, data), "page/k", "k")
    assert (rule_found is not None) is accepted, problem
