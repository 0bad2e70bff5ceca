"""Rule files as a team writes them: an existing ast-grep project (sgconfig.yml), ast-grep's keys, YAML limits."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from projects import MakeProject, run_project
from test_cli import cli
from test_rules import ACTION, ANTI, RULE, RULE_PATH, VIOLATION, rule_project

from extractor.globs import ignored
from extractor.rules.globs import glob_matches
from extractor.text import MAX_YAML_DEPTH, YamlRefused, load_yaml, load_yaml_documents

PROJECT_RULE = """\
id: no-db-in-actions
language: typescript
severity: error
message: An action uses ctx.db
metadata:
  pattern: backend/database-access-from-actions
rule:
  pattern: ctx.db
  inside:
    stopBy: end
    kind: call_expression
    has: {field: function, regex: ^action$}
"""
"""The catalogue's rule, as a rule of an ast-grep project that names its anti-pattern in `metadata`."""


def sg_project(make_project: MakeProject, files: dict[str, str | bytes | None] | None = None) -> Path:
    """The small project with the anti-pattern, an ast-grep project holding its rule, and the offending action."""
    wanted: dict[str, str | bytes | None] = {
        "patterns/backend-patterns.md": ANTI,
        "sgconfig.yml": "ruleDirs: [lint/rules]\nutilDirs: [lint/utils]\ntestConfigs:\n  - testDir: lint/tests\n",
        "lint/rules/no-db.yml": PROJECT_RULE,
        "src/send.ts": ACTION,
    }
    root = make_project({**wanted, **(files or {})}, extra="      sgconfig: sgconfig.yml\n")
    for folder in ("lint/utils", "lint/tests"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    return root


def check(root: Path) -> tuple[int, list[str]]:
    code, _, err = cli("-f", str(root / "mkdocs.yml"), "check")
    return code, err.splitlines()


def test_a_rule_of_the_teams_ast_grep_project_checks_the_anti_pattern_it_names(make_project: MakeProject) -> None:
    code, lines = check(sg_project(make_project))
    assert code == 1
    assert lines == [VIOLATION]


@pytest.mark.parametrize(
    "tie",
    [
        pytest.param("url: https://acme.github.io/chat/p/backend/database-access-from-actions/", id="stable-url"),
        pytest.param("url: https://acme.github.io/chat/backend-patterns/#database-access-from-actions", id="page-url"),
        pytest.param("url: ../patterns/backend-patterns.md#database-access-from-actions", id="page-file"),
    ],
)
def test_a_rule_is_tied_by_a_url_to_its_anti_patterns_page(make_project: MakeProject, tie: str) -> None:
    rule = PROJECT_RULE.replace("metadata:\n  pattern: backend/database-access-from-actions", tie)
    assert check(sg_project(make_project, {"lint/rules/no-db.yml": rule}))[1] == [VIOLATION]


def test_a_rule_whose_id_is_the_anti_pattern_id_is_tied(make_project: MakeProject) -> None:
    rule = PROJECT_RULE.replace("id: no-db-in-actions", "id: backend/database-access-from-actions")
    rule = rule.replace("metadata:\n  pattern: backend/database-access-from-actions\n", "")
    assert check(sg_project(make_project, {"lint/rules/no-db.yml": rule}))[1] == [VIOLATION]


def test_rules_that_name_no_anti_pattern_are_noted_once_and_not_run(make_project: MakeProject) -> None:
    others = "id: no-alert\nlanguage: typescript\nrule: {pattern: alert($A)}\n---\nid: no-eval\nlanguage: js\nrule: {pattern: eval($A)}\n"
    root = sg_project(make_project, {"lint/rules/others.yml": others, "src/a.ts": "alert(1);\n"})
    result = run_project(root)
    assert [v.name for v in result.violations] == ["no-db-in-actions"]
    (note,) = [str(d) for d in result.diagnostics if d.code == "rule-untied"]
    assert note.startswith("sgconfig.yml: info[rule-untied]: 2 rules name no anti-pattern (no-alert, no-eval)")


def test_the_projects_utilities_and_test_cases_are_used(make_project: MakeProject) -> None:
    util = "id: in-action\nlanguage: typescript\nrule:\n  kind: call_expression\n  has: {field: function, regex: ^action$}\n"
    rule = PROJECT_RULE.replace(
        "    kind: call_expression\n    has: {field: function, regex: ^action$}\n", "    matches: in-action\n"
    )
    cases = "id: no-db-in-actions\nvalid:\n  - 'action({ handler: async (ctx) => ctx.db })'\ninvalid: []\n"
    root = sg_project(
        make_project,
        {"lint/utils/in-action.yml": util, "lint/rules/no-db.yml": rule, "lint/tests/no-db-test.yml": cases},
    )
    _, lines = check(root)
    assert lines == [
        "lint/tests/no-db-test.yml: error[rule-test-failed]: valid case 1 of 'no-db-in-actions' matches the rule,"
        " but must not: action({ handler: async (ctx) => ctx.db })",
        VIOLATION,
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"sgconfig.yml": None},
            "sgconfig.yml: error[sgconfig-invalid]: the ast-grep project file (option `sgconfig`) does not exist",
            id="missing",
        ),
        pytest.param(
            {"sgconfig.yml": "- rules\n"},
            "sgconfig.yml:1: error[sgconfig-invalid]: the ast-grep project file (option `sgconfig`) is not a mapping;"
            " an ast-grep project file has `ruleDirs: [folder, ...]`",
            id="not-a-mapping",
        ),
        pytest.param(
            {"sgconfig.yml": "ruleDirs: [../outside]\n"},
            "sgconfig.yml:1: error[sgconfig-invalid]: `ruleDirs`: '../outside' is outside the project;"
            " rule folders must be inside it",
            id="outside",
        ),
        pytest.param(
            {"sgconfig.yml": "ruleDirs: [nowhere]\n"},
            "sgconfig.yml:1: error[sgconfig-invalid]: `ruleDirs`: 'nowhere' is not a folder (relative to sgconfig.yml)",
            id="no-folder",
        ),
        pytest.param(
            {
                "lint/rules/no-db.yml": PROJECT_RULE.replace(
                    "  pattern: backend/database-access-from-actions",
                    "  pattern: backend/database-access-from-actions\n  opposite: backend/database-access-from-actions",
                )
            },
            "lint/rules/no-db.yml:5: error[rule-invalid]: `metadata: {opposite: backend/database-access-from-actions}`"
            " names 'backend/database-access-from-actions', not a pattern; a pattern's rule is weighed against an"
            " anti-pattern's, and the reverse",
            id="opposite-of-the-same-kind",
        ),
        pytest.param(
            {"lint/rules/copy.yml": PROJECT_RULE},
            "lint/rules/no-db.yml:1: error[rule-invalid]: rule id 'no-db-in-actions' is also used in lint/rules/copy.yml",
            id="duplicate-id",
        ),
        pytest.param(
            {"lint/utils/u.yml": "id: u\nlanguage: ts\nrule: {kind: identifier}\nconstraints: {A: {regex: x}}\n"},
            "lint/utils/u.yml:4: error[rule-invalid]: a utility rule with `constraints` cannot be run by ast-grep-py;"
            " move `constraints` into the rules using it",
            id="util-with-constraints",
        ),
    ],
)
def test_a_wrong_ast_grep_project_is_one_error(
    make_project: MakeProject, files: dict[str, str | None], expected: str
) -> None:
    code, lines = check(sg_project(make_project, files))
    assert code == 1
    assert expected in lines


def test_two_rules_for_one_anti_pattern_are_an_error(make_project: MakeProject) -> None:
    root = sg_project(make_project, {RULE_PATH: RULE})
    assert (
        "lint/rules/no-db.yml:1: error[rule-invalid]: 'backend/database-access-from-actions' is already checked by"
        " patterns/rules/backend/database-access-from-actions.yml; merge the two rules with `any:`"
    ) in check(root)[1]


@pytest.mark.parametrize(
    ("rule", "severity"),
    [
        pytest.param(RULE.replace("severity: error\n", ""), "info", id="no-severity-is-a-hint"),
        pytest.param(RULE.replace("severity: error", "severity: hint"), "info", id="hint"),
        pytest.param(RULE.replace("severity: error", "severity: warning"), "warning", id="warning"),
        pytest.param(RULE.replace("severity: error", "severity: off"), None, id="off-unquoted"),
    ],
)
def test_severities_are_ast_greps(make_project: MakeProject, rule: str, severity: str | None) -> None:
    result = run_project(rule_project(make_project, {RULE_PATH: rule}))
    found = [d.severity.value for d in result.diagnostics if d.code == "violation"]
    assert found == ([severity] if severity else [])


def test_yaml_is_read_as_ast_grep_reads_it_yaml_1_2(make_project: MakeProject) -> None:
    rule = RULE.replace("message: An action uses ctx.db", "message: no")
    (line,) = check(rule_project(make_project, {RULE_PATH: rule}))[1]
    assert line.startswith("src/send.ts:6:11: error[violation]: no [backend/")


def test_ast_grep_keys_are_accepted(make_project: MakeProject) -> None:
    extra = (
        "note: Call a query instead.\nurl: https://example.com/rules/db\nmetadata: {team: backend}\n"
        "fix: ctx.runQuery\nlabels: {}\nrewriters: []\n"
    )
    assert check(rule_project(make_project, {RULE_PATH: RULE + extra}))[1] == [VIOLATION]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(
            RULE.replace("rule:\n  pattern: ctx.db\n", "rule:\n  regex: ctx\n"),
            ":4: error[rule-invalid]: ast-grep cannot use this rule: it must say which kinds of node it matches",
            id="no-kinds",
        ),
        pytest.param(
            RULE + "files: src/**\n",
            ':10: error[rule-invalid]: `files` must be a list of globs, e.g. `files: ["src/**/*.ts"]`',
            id="files-not-a-list",
        ),
        pytest.param(
            RULE + "files: ['src/[']\n",
            ":10: error[rule-invalid]: error parsing glob 'src/[': unclosed character class; missing ']'",
            id="bad-glob",
        ),
        pytest.param(
            RULE + "ignores: [{glob: '*.ts', caseInsensitive: true, extra: 1}]\n",
            ":10: error[rule-invalid]: each of `ignores` is a glob or `{glob: ..., caseInsensitive: true}`",
            id="bad-glob-object",
        ),
        pytest.param(
            RULE + "---\n" + RULE,
            ":11: error[rule-invalid]: one rule a file here (the file names the anti-pattern); split the documents",
            id="two-documents",
        ),
    ],
)
def test_a_rule_ast_grep_refuses_is_one_error(make_project: MakeProject, rule: str, expected: str) -> None:
    code, lines = check(rule_project(make_project, {RULE_PATH: rule}))
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(RULE_PATH + expected)


def test_a_glob_with_a_leading_dot_slash_is_a_warning_that_names_the_fix(make_project: MakeProject) -> None:
    lines = check(rule_project(make_project, {RULE_PATH: RULE + "files: [./src/**/*.ts]\n"}))[1]
    assert lines == [
        f"{RULE_PATH}:10: warning[rule-glob-never-matches]: './src/**/*.ts' never matches: ast-grep matches"
        " paths without a leading `./` or `/`; write 'src/**/*.ts', relative to the project root"
    ]


def test_a_rule_file_may_end_in_yaml(make_project: MakeProject) -> None:
    root = rule_project(make_project, {RULE_PATH: None, RULE_PATH.replace(".yml", ".yaml"): RULE})
    assert check(root)[1] == [VIOLATION]


def test_globs_are_relative_to_the_sgconfig_folder(make_project: MakeProject) -> None:
    rule = PROJECT_RULE + "files: [src/*.ts]\n"
    root = sg_project(make_project, {"lint/rules/no-db.yml": rule, "app/src/send.ts": ACTION, "src/send.ts": None})
    (root / "app").mkdir(exist_ok=True)
    (root / "sgconfig.yml").rename(root / "app/sgconfig.yml")
    (root / "app/sgconfig.yml").write_text("ruleDirs: [../lint/rules]\n", encoding="utf-8")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("sgconfig.yml", "app/sgconfig.yml")
    (root / "mkdocs.yml").write_text(text.replace("- src", "- app"), encoding="utf-8")
    assert [(v.path, v.line) for v in run_project(root).violations] == [("app/src/send.ts", 6)]


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("rule: &r {not: *r}", "alias *r is inside the node it names (a recursive alias)", id="recursive"),
        pytest.param(
            "a: &a [1, {b: *a}]", "alias *a is inside the node it names (a recursive alias)", id="recursive-deep"
        ),
        pytest.param(BOMB, "its aliases expand to more than 100,000 nodes; write the values out", id="bomb"),
        pytest.param("[" * 10_000 + "]" * 10_000, "it nests deeper than 100 levels; flatten it", id="deep-flow"),
        pytest.param(
            "".join(f"{'  ' * n}k:\n" for n in range(200)),
            "it nests deeper than 100 levels; flatten it",
            id="deep-block",
        ),
        pytest.param("a: " + "x" * 1_000_001, "the text is larger than 1,000,000 bytes; split it", id="large"),
    ],
)
def test_hostile_yaml_is_refused_before_it_is_built(text: str, problem: str) -> None:
    for load in (load_yaml, load_yaml_documents):
        with pytest.raises(YamlRefused) as refused:
            load(text)
        assert refused.value.problem == problem


def test_yaml_within_the_limits_loads_as_before() -> None:
    nested = "a: " + "[" * (MAX_YAML_DEPTH - 1) + "1" + "]" * (MAX_YAML_DEPTH - 1)
    assert load_yaml(nested)["a"] is not None
    assert load_yaml("base: &b {x: 1}\nuse: [*b, *b]\nmerged: {<<: *b, y: 2}") == {
        "base": {"x": 1},
        "use": [{"x": 1}, {"x": 1}],
        "merged": {"x": 1, "y": 2},
    }
    assert load_yaml("a: no") == {"a": False}  # front matter stays YAML 1.1, as MkDocs reads it
    assert load_yaml_documents("a: no\nb: 010\n---\nc: 0x10\n") == [(1, {"a": "no", "b": 10}), (3, {"c": 16})]
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: [")


@pytest.mark.parametrize(
    ("glob", "rule_matches", "exclude_matches"),
    [
        ("src/*.ts", ["src/a.ts", "src/x/a.ts"], ["src/a.ts"]),
        ("generated", ["generated"], ["generated", "x/generated"]),
        ("/src/a.ts", [], ["src/a.ts"]),
        ("./src/a.ts", [], []),
        ("build/", [], ["build/a.ts", "x/build/a.ts"]),
        ("{a,b}.ts", ["a.ts", "b.ts"], ["{a,b}.ts"]),
    ],
)
def test_rule_globs_and_mkdocs_globs_differ_as_the_docs_say(
    glob: str, rule_matches: list[str], exclude_matches: list[str]
) -> None:
    paths = [
        "a.ts",
        "b.ts",
        "{a,b}.ts",
        "src/a.ts",
        "src/x/a.ts",
        "generated",
        "x/generated",
        "build/a.ts",
        "x/build/a.ts",
    ]
    assert [p for p in paths if glob_matches(glob, p)] == sorted(rule_matches, key=paths.index)
    assert [p for p in paths if ignored([glob])(p)] == sorted(exclude_matches, key=paths.index)
