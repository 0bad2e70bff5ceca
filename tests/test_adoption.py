"""Adoption: which rules weigh against each other, the counts, the share as shown, and the best match offered as an example."""

from __future__ import annotations

import json

import pytest
from projects import PAGE, MakeProject
from test_cli import cli

from extractor.adoption import Metrics, percent
from extractor.followers import best_match
from extractor.rules import Violation

ANTI = (
    PAGE
    + """
## Anti-Patterns to Avoid

### Unvalidated Inputs

A query without validators.

### Large Transaction Blocks

Too much in one mutation.
"""
)
GOOD = """\
language: typescript
{metadata}rule:
  kind: call_expression
  all:
    - has: {{field: function, regex: ^query$}}
    - has: {{field: arguments, has: {{kind: object, has: {{kind: pair, has: {{field: key, regex: ^args$}}}}}}}}
"""
BAD = """\
language: typescript
severity: warning
rule:
  kind: call_expression
  all:
    - has: {field: function, regex: ^query$}
    - has: {field: arguments, has: {kind: object, not: {has: {kind: pair, has: {field: key, regex: ^args$}}}}}
"""
NEVER = "language: typescript\nseverity: warning\nrule: {pattern: neverCalledAnywhere()}\n"
CODE = (
    "export const a = query({ args: {}, handler: async () => 1 });\n"
    "export const b = query({ args: {}, handler: async () => 1 });\n"
    "export const c = query({ args: {}, handler: async () => 1 });\n"
    "export const d = query({ handler: async () => 1 });\n"
)


def listed(make_project: MakeProject, files: dict[str, str | None]) -> dict[str, dict[str, object]]:
    root = make_project(
        {
            "patterns/backend-patterns.md": ANTI,
            "patterns/rules/backend/unvalidated-inputs.yml": BAD,
            "patterns/rules/backend/large-transaction-blocks.yml": NEVER,
            "src/queries.ts": CODE,
            **files,
        }
    )
    status, out, err = cli("-f", str(root / "mkdocs.yml"), "list", "--json")
    assert status == 0, err
    return {row["id"]: row for row in json.loads(out)["patterns"]}


def test_a_rule_names_its_opposite_in_metadata(make_project: MakeProject) -> None:
    metadata = "metadata: {opposite: [backend/unvalidated-inputs, backend/large-transaction-blocks]}\n"
    rows = listed(make_project, {"patterns/rules/backend/query-function-structure.yml": GOOD.format(metadata=metadata)})
    query = rows["backend/query-function-structure"]
    assert (query["followed"], query["violations"], query["adoption"]) == (3, 1, 0.75)
    assert query["opposites"] == ["backend/large-transaction-blocks", "backend/unvalidated-inputs"]
    anti = rows["backend/unvalidated-inputs"]
    assert (anti["followed"], anti["violations"], anti["opposites"]) == (3, 1, ["backend/query-function-structure"])
    assert rows["backend/mutation-function-structure"]["followed"] is None


def test_without_metadata_related_patterns_pair_the_rules(make_project: MakeProject) -> None:
    page = ANTI.replace(
        "A query without validators.", "A query without validators.\n\n**Related Patterns**: Query Function Structure"
    )
    rows = listed(
        make_project,
        {
            "patterns/backend-patterns.md": page,
            "patterns/rules/backend/query-function-structure.yml": GOOD.format(metadata=""),
        },
    )
    assert rows["backend/query-function-structure"]["opposites"] == ["backend/unvalidated-inputs"]
    assert rows["backend/large-transaction-blocks"]["opposites"] == []  # related to nothing, so weighed against nothing
    assert rows["backend/large-transaction-blocks"]["violations"] == 0


def test_unrelated_rules_count_but_weigh_against_nothing(make_project: MakeProject) -> None:
    rows = listed(make_project, {"patterns/rules/backend/query-function-structure.yml": GOOD.format(metadata="")})
    query = rows["backend/query-function-structure"]
    assert (query["followed"], query["violations"], query["adoption"], query["opposites"]) == (3, None, None, [])


def test_a_page_and_the_catalogue_count_each_pair_once() -> None:
    metrics = Metrics({"p/a": 3, "p/b": 1}, {"p/x": 1}, {"p/a": ("p/x",), "p/x": ("p/a", "p/b"), "p/b": ("p/x",)})
    page = metrics.over(["p/a", "p/b", "p/x"])
    assert page is not None and (page.followed, page.violations) == (4, 1)
    assert metrics.of("p/x") is not None and metrics.of("p/x").followed == 4  # type: ignore[union-attr]
    assert metrics.over(["p/none"]) is None


@pytest.mark.parametrize(
    ("share", "shown"), [(None, "–"), (1.0, "100%"), (0.999, "99%"), (0.001, "1%"), (0.0, "0%"), (2 / 3, "67%")]
)
def test_a_share_never_rounds_to_all_or_nothing_when_it_is_not(share: float | None, shown: str) -> None:
    assert percent(share) == shown


def match(path: str, line: int, end: int) -> Violation:
    return Violation(path, line, 1, "p/a", end, "code")


def test_the_best_match_is_the_shortest_whole_construct() -> None:
    one_line, short, long = match("a.ts", 1, 1), match("b.ts", 10, 14), match("a.ts", 20, 40)
    assert best_match([long, one_line, short]) == short
    assert best_match([one_line, match("c.ts", 3, 4)]) == match("c.ts", 3, 4)  # none of three lines: the longest
    assert best_match([match("b.ts", 1, 5), match("a.ts", 1, 5)]) == match("a.ts", 1, 5)  # ties: path order
    assert best_match([]) is None


def test_a_rule_of_an_ast_grep_project_can_find_a_patterns_followers(make_project: MakeProject) -> None:
    rule = "id: validated-queries\n" + GOOD.format(metadata="metadata: {pattern: backend/query-function-structure}\n")
    root = make_project(
        {
            "patterns/backend-patterns.md": ANTI,
            "sgconfig.yml": "ruleDirs: [lint]\n",
            "lint/validated-queries.yml": rule,
            "src/queries.ts": CODE,
        },
        extra="      sgconfig: sgconfig.yml\n",
    )
    status, out, err = cli("-f", str(root / "mkdocs.yml"), "list", "--json")
    assert status == 0, err
    rows = {row["id"]: row for row in json.loads(out)["patterns"]}
    assert rows["backend/query-function-structure"]["followed"] == 3
