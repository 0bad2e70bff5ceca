"""Anti-pattern rules: their own cases, the sample app against them, violations, allows, baselines, formats."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from projects import PAGE, REPO, MakeProject, run_project
from test_cli import cli

from extractor.catalogue import load_catalogue
from extractor.rules import Rule, load_rules, self_test

ANTI = (
    PAGE
    + """
## Anti-Patterns to Avoid

### Database Access from Actions

- Never access the database from actions
"""
)
"""The small catalogue with one anti-pattern."""

RULE = """\
language: typescript
severity: error
message: An action uses ctx.db
rule:
  pattern: ctx.db
  inside:
    stopBy: end
    kind: call_expression
    has: {field: function, regex: ^action$}
"""
RULE_PATH = "patterns/rules/backend/database-access-from-actions.yml"

ACTION = """\
import { action } from "./server";

export const send = action({
  args: {},
  handler: async (ctx) => {
    await ctx.db.insert("messages", { body: "hi" });
  },
});
"""
"""An action that breaks the rule at line 6, column 11."""

VIOLATION = (
    "src/send.ts:6:11: error[violation]: An action uses ctx.db [backend/database-access-from-actions]"
    " patterns/backend-patterns.md#database-access-from-actions"
)


def rule_project(make_project: MakeProject, files: dict[str, str | bytes | None] | None = None, **options: str) -> Path:
    """The small project with the anti-pattern, its rule and the offending action."""
    wanted: dict[str, str | bytes | None] = {
        "patterns/backend-patterns.md": ANTI,
        RULE_PATH: RULE,
        "src/send.ts": ACTION,
    }
    return make_project({**wanted, **(files or {})}, **options)


def repo_rules() -> list[Rule]:
    catalogue, _ = load_catalogue(REPO, "patterns")
    rules, problems = load_rules(REPO, catalogue, "patterns")
    assert problems == []
    return rules


@pytest.mark.parametrize("rule", repo_rules(), ids=lambda r: r.id)
def test_each_rule_of_this_catalogue_passes_its_own_cases(rule: Rule) -> None:
    assert rule.valid and rule.invalid, f"{rule.path} needs valid and invalid cases in its .test.yml"
    assert self_test(rule) == []


def test_the_sample_app_breaks_none_of_its_rules() -> None:
    result = run_project(REPO)
    assert len(result.rules) >= 8
    blocking = [str(d) for d in result.diagnostics if d.rule and d.severity.value != "note"]
    assert blocking == []


def test_a_violation_planted_in_a_copy_of_the_app_is_found_at_its_line(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "patterns", root / "patterns")
    shutil.copytree(REPO / "examples/convex-app/convex", root / "examples/convex-app/convex")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir()
    for folder in ("extractor", "tests"):
        (root / folder).mkdir()
    notifications = root / "examples/convex-app/convex/notifications.ts"
    assert run_project(root).violations == ()
    text = notifications.read_text(encoding="utf-8")
    planted = 'export const planted = action({\n  args: {},\n  handler: async (ctx) => {\n    await ctx.db.query("users").first();\n  },\n});\n'
    notifications.write_text(text + planted, encoding="utf-8")
    line = text.count("\n") + 4
    found = [(v.rule, v.path, v.line) for v in run_project(root).violations]
    assert ("backend/database-access-from-actions", "examples/convex-app/convex/notifications.ts", line) in found


def test_check_reports_a_violation_with_its_column_id_and_page(make_project: MakeProject) -> None:
    root = rule_project(make_project)
    code, _, err = cli("-f", str(root / "mkdocs.yml"), "check")
    assert code == 1
    assert err.splitlines() == [VIOLATION]


def test_violation_links_to_the_stable_url_when_the_site_has_an_address(make_project: MakeProject) -> None:
    root = rule_project(make_project, extra="site_url: https://example.com/\n")
    _, _, err = cli("-f", str(root / "mkdocs.yml"), "check")
    assert err.strip().endswith(
        "[backend/database-access-from-actions] https://example.com/p/backend/database-access-from-actions/"
    )


def test_the_page_shows_the_rule_and_the_places_that_break_it(make_project: MakeProject) -> None:
    page = next(p.text for p in run_project(rule_project(make_project)).pages if p.path == "backend-patterns.md")
    section = page[page.index("### Database Access from Actions") :]
    assert (
        "**Checked by**: `patterns/rules/backend/database-access-from-actions.yml`, an ast-grep rule (error)."
        in section
    )
    assert "    pattern: ctx.db" in section
    assert '!!! failure "1 place in the code breaks this rule"' in section
    assert '`src/send.ts:6`: `await ctx.db.insert("messages", { body: "hi" });`' in section


def test_a_clean_tree_shows_no_violations(make_project: MakeProject) -> None:
    root = rule_project(make_project, {"src/send.ts": ACTION.replace("ctx.db.insert", "ctx.runMutation")})
    result = run_project(root)
    page = next(p.text for p in result.pages if p.path == "backend-patterns.md")
    assert '!!! success "No violations"' in page
    index = next(p.text for p in result.pages if p.path == "index.md")
    assert "1 rule checks the anti-patterns against the code: no violations." in index


ALLOWED = ACTION.replace(
    "    await ctx.db",
    '    // @pattern-allow backend/database-access-from-actions reason="one-off migration"\n    await ctx.db',
)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(ALLOWED, [], id="allowed"),
        pytest.param(
            ALLOWED.replace("await ctx.db", "const x = 1;\n    await ctx.db"),
            [
                "src/send.ts:6: warning[allow-unused]: `@pattern-allow backend/database-access-from-actions` suppresses nothing:"
                " the line below breaks no rule; remove it",
                VIOLATION.replace(":6:11:", ":8:11:"),
            ],
            id="allow-not-above",
        ),
        pytest.param(
            ALLOWED.replace("allow backend/database-access-from-actions", "allow backend/query-function-structure"),
            [
                "src/send.ts:6: error[allow-unknown]: `@pattern-allow backend/query-function-structure` names no anti-pattern;"
                " use an anti-pattern's full id",
                VIOLATION.replace(":6:11:", ":7:11:"),
            ],
            id="allow-names-a-pattern",
        ),
    ],
)
def test_pattern_allow_on_the_line_above_excuses_one_violation(
    make_project: MakeProject, source: str, expected: list[str]
) -> None:
    root = rule_project(make_project, {"src/send.ts": source})
    _, _, err = cli("-f", str(root / "mkdocs.yml"), "check")
    assert err.splitlines() == expected


def test_baseline_tolerates_known_violations_even_after_lines_move(make_project: MakeProject, tmp_path: Path) -> None:
    root = rule_project(make_project)
    config = str(root / "mkdocs.yml")
    baseline = str(tmp_path / "baseline.json")
    assert cli("-f", config, "baseline", "write", baseline)[0] == 0
    assert json.loads(Path(baseline).read_text(encoding="utf-8"))["violations"][0]["path"] == "src/send.ts"
    (root / "src/send.ts").write_text("// a new first line\n" + ACTION, encoding="utf-8")
    assert cli("-f", config, "check", "--baseline", baseline)[:2] == (
        0,
        "3 patterns, 1 example, 0 errors, 0 warnings\n",
    )
    (root / "src/other.ts").write_text(ACTION, encoding="utf-8")
    code, _, err = cli("-f", config, "check", "--baseline", baseline)
    assert code == 1
    assert err.splitlines() == [VIOLATION.replace("src/send.ts", "src/other.ts")]


def test_baseline_set_in_mkdocs_yml_is_read_relative_to_it(make_project: MakeProject) -> None:
    root = rule_project(make_project, extra="      baseline: known.json\n")
    assert cli("-f", str(root / "mkdocs.yml"), "baseline", "write", str(root / "known.json"))[0] == 0
    assert cli("-f", str(root / "mkdocs.yml"), "check")[0] == 0


def test_github_format_prints_workflow_commands(make_project: MakeProject) -> None:
    root = rule_project(make_project)
    code, out, _ = cli("-f", str(root / "mkdocs.yml"), "check", "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::error file=src/send.ts,line=6,col=11,title=backend/database-access-from-actions::"
        + VIOLATION.split(": error[violation]: ")[1]
    ]


def test_sarif_rules_carry_the_pattern_page_as_help_uri(make_project: MakeProject) -> None:
    root = rule_project(make_project, extra="site_url: https://example.com/\n")
    code, out, _ = cli("-f", str(root / "mkdocs.yml"), "check", "--format", "sarif")
    assert code == 1
    run = json.loads(out)["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "backend/database-access-from-actions")
    assert rule["helpUri"] == "https://example.com/p/backend/database-access-from-actions/"
    (result,) = run["results"]
    assert result["ruleId"] == "backend/database-access-from-actions"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "src/send.ts"},
        "region": {"startLine": 6, "startColumn": 11},
    }


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(RULE + "colour: red\n", ":10: error[rule-invalid]: unknown key 'colour'", id="unknown-key"),
        pytest.param(
            RULE.replace("typescript", "cobol"),
            ":1: error[rule-invalid]: unknown language 'cobol'",
            id="unknown-language",
        ),
        pytest.param(
            RULE.replace("pattern: ctx.db", "patern: ctx.db"),
            ":4: error[rule-invalid]: ast-grep cannot use this rule",
            id="bad-rule",
        ),
        pytest.param("rule: [", ":1: error[rule-invalid]: the rule file is not valid YAML", id="bad-yaml"),
        pytest.param(
            "message: hi\n", ":1: error[rule-invalid]: a rule needs at least `language` and `rule`", id="no-rule"
        ),
    ],
)
def test_a_bad_rule_file_is_one_error_without_a_traceback(make_project: MakeProject, rule: str, expected: str) -> None:
    root = rule_project(make_project, {RULE_PATH: rule})
    script = Path(sys.executable).with_name("patterns")
    done = subprocess.run([str(script), "check"], capture_output=True, text=True, check=False, cwd=root)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"{RULE_PATH}{expected}")


def test_a_rule_named_after_a_pattern_finds_its_followers_and_reports_nothing(make_project: MakeProject) -> None:
    root = rule_project(make_project, {RULE_PATH: None, "patterns/rules/backend/query-function-structure.yml": RULE})
    status, _, err = cli("-f", str(root / "mkdocs.yml"), "check")
    assert status == 0 and "violation" not in err, err
    _, listed, _ = cli("-f", str(root / "mkdocs.yml"), "list", "--json")
    rows = {row["id"]: row for row in json.loads(listed)["patterns"]}
    assert rows["backend/query-function-structure"]["followed"] == 1
    assert rows["backend/mutation-function-structure"]["followed"] is None


def test_an_opposite_of_the_same_kind_is_refused(make_project: MakeProject) -> None:
    rule = RULE.replace("rule:", "metadata: {opposite: backend/mutation-function-structure}\nrule:")
    root = rule_project(make_project, {RULE_PATH: None, "patterns/rules/backend/query-function-structure.yml": rule})
    status, _, err = cli("-f", str(root / "mkdocs.yml"), "check")
    assert status == 1
    assert (
        "patterns/rules/backend/query-function-structure.yml:4: error[rule-invalid]: `metadata: {opposite: "
        "backend/mutation-function-structure}` names 'backend/mutation-function-structure', not an anti-pattern" in err
    )


def test_a_rule_case_it_gets_wrong_fails_the_check(make_project: MakeProject) -> None:
    cases = "valid:\n  - |\n    export const a = action({ handler: async (ctx) => ctx.db });\ninvalid: []\n"
    root = rule_project(make_project, {RULE_PATH.replace(".yml", ".test.yml"): cases})
    _, _, err = cli("-f", str(root / "mkdocs.yml"), "check")
    assert (
        "database-access-from-actions.test.yml: error[rule-test-failed]: valid case 1 of 'backend/database-access-from-actions'"
        in err
    )
