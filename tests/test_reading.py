"""Reading catalogues as teams write them: the field vocabulary, ids, practices that are not code, home pages, coverage.

Golden cases (`cases/`) pin whole pages; these tests pin one rule each.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from projects import PAGE, MakeProject, run_project

from extractor.catalogue import Reading
from extractor.cli import run_cli
from extractor.fields import Vocabulary, label_of
from extractor.model import SlotState
from extractor.page import parse_page
from extractor.valid_ids import id_problem


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_cli(["-f", str(root / "mkdocs.yml"), *args], out, err)
    return code, out.getvalue(), err.getvalue()


# @pattern testing/table-driven-tests
@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("**Context**: When", "context"),
        ("**Context:** When", "context"),
        ("**Examples**:", "example"),
        ("**When to Use:**", "when to use"),
        ("**Related Patterns**: A, B", "related patterns"),
        ("**Problem**: it breaks", "problem"),
        ("**Trade-offs**: some", "trade-offs"),
        ("**Problems:**", None),
        ("**Benefits:**", None),
        ("**Key Insight**: less is more", None),
        ("**Why Wrong**: it hides bugs", None),
        ("**❌ NEVER DO THIS**: mock your own code", None),
        ("**Related**: See the other pattern", None),
        ("**Context** is where it starts", None),
    ],
)
def test_fields_are_the_vocabulary_and_other_bold_lead_ins_are_prose(line: str, field: str | None) -> None:
    label = label_of(line)
    assert (Vocabulary.of().field(label.name) if label else None) == field


def test_the_fields_option_adds_names_to_the_vocabulary(make_project: MakeProject) -> None:
    page = "# P\n\n## Things\n\n### Retry\n\n**Usage**: call it twice\n**Gotchas**: not forever\n"
    plain = make_project({"patterns/things-patterns.md": page, "patterns/backend-patterns.md": None})
    assert run_project(plain).catalogue.patterns == ()
    extended = make_project(
        {"patterns/things-patterns.md": page, "patterns/backend-patterns.md": None},
        folder="extended",
        extra="",
    )
    mkdocs = extended / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8") + "      fields: [Usage, Gotchas]\n", encoding="utf-8")
    [pattern] = run_project(extended).catalogue.patterns
    assert (pattern.id, pattern.fields) == ("things/retry", ("usage", "gotchas"))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("query-v2", None),
        ("café_2.0", None),
        ("", "it is empty"),
        ("..", "it holds `..`"),
        ("a..b", "it holds `..`"),
        ("../../x", "it holds `..`"),
        ("a/b", "it holds '/'"),
        ("a#b", "it holds '#'"),
        ("a?b", "it holds '?'"),
        ("<x>", "it holds '<'"),
        (".hidden", "it holds '.'"),
        ("-dash", "it holds '-'"),
    ],
)
def test_an_id_is_a_safe_path_segment(text: str, problem: str | None) -> None:
    assert id_problem(text) == problem


@pytest.mark.parametrize(
    ("former", "message"),
    [
        ("backend/../../etc", "alias 'backend/../../etc' cannot be an id: it must be `<page key>/<slug>` or a slug"),
        ("old#id", "alias 'backend/old#id' cannot be an id: it holds '#'"),
        ("old?id", "alias 'backend/old?id' cannot be an id: it holds '?'"),
        ("<old>", "alias 'backend/<old>' cannot be an id: it holds '<'"),
        ("''", "alias 'backend/' cannot be an id: it is empty"),
    ],
)
def test_an_alias_that_cannot_be_an_id_is_an_error(make_project: MakeProject, former: str, message: str) -> None:
    page = f"---\naliases:\n  {former}: query-function-structure\n---\n{PAGE}"
    root = make_project({"patterns/backend-patterns.md": page})
    found = [str(d) for d in run_project(root).diagnostics if d.code == "alias-invalid"]
    assert len(found) == 1 and message in found[0]


def test_written_ids_are_ids_only_when_the_site_runs_attr_list() -> None:
    text = "## Patterns\n\n### Query {#q}\n\n**Context**: c\n**Example**: _(x)_\n"
    with_list, _ = parse_page("patterns/x-patterns.md", text, Reading(extensions=("toc", "attr_list")))
    without, _ = parse_page("patterns/x-patterns.md", text, Reading(extensions=("toc", "tables", "fenced_code")))
    assert [p.id for p in with_list.patterns] == ["x/q"]
    assert [(p.id, p.title) for p in without.patterns] == [("x/query-q", "Query {#q}")]


PRACTICES = """\
# Workflow Patterns

## Reviews

### Review Checklist

**Context**: Every pull request
**Example**: _(Will be populated from actual implementations)_

### Pairing

**Context**: Hard changes
**Example**: _(Will be populated from actual implementations)_
"""


def test_a_page_declared_not_code_in_its_front_matter_expects_no_example(make_project: MakeProject) -> None:
    root = make_project({"patterns/workflow-patterns.md": "---\nnot_code: true\n---\n" + PRACTICES})
    result = run_project(root)
    assert {p.id: p.not_code for p in result.catalogue.patterns if p.page == "workflow"} == {
        "workflow/review-checklist": True,
        "workflow/pairing": True,
    }
    page = next(p.text for p in result.pages if p.path == "workflow-patterns.md")
    assert "No example yet" not in page
    index = next(p.text for p in result.pages if p.path == "index.md")
    assert "1 of 2 patterns have an example from the code" in index  # the backend page's two; the practices not counted


def test_front_matter_names_the_patterns_that_are_not_code(make_project: MakeProject) -> None:
    front = "---\nnot_code: [Pairing, no-such-pattern]\n---\n"
    result = run_project(make_project({"patterns/workflow-patterns.md": front + PRACTICES}))
    assert {p.slug: p.not_code for p in result.catalogue.patterns if p.page == "workflow"} == {
        "review-checklist": False,
        "pairing": True,
    }
    assert [str(d) for d in result.diagnostics if d.code == "front-matter-invalid"] == [
        "patterns/workflow-patterns.md:1: error[front-matter-invalid]: `not_code` names 'no-such-pattern', which is no pattern of this page; write a slug or title that `patterns list` shows"
    ]


def test_the_plugin_block_declares_pages_and_patterns_not_code(make_project: MakeProject) -> None:
    root = make_project({"patterns/workflow-patterns.md": PRACTICES})
    mkdocs = root / "mkdocs.yml"
    entries = "      not_code:\n        - workflow\n        - backend/mutation-function-structure\n        - gone\n"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8") + entries, encoding="utf-8")
    result = run_project(root)
    assert sorted(p.id for p in result.catalogue.patterns if p.not_code) == [
        "backend/mutation-function-structure",
        "workflow/pairing",
        "workflow/review-checklist",
    ]
    assert [str(d) for d in result.diagnostics if d.code == "config-invalid"] == [
        "mkdocs.yml: error[config-invalid]: `not_code` lists 'gone', which is neither a catalogue page key nor a pattern id; run `patterns list` to see them"
    ]
    index = next(p.text for p in result.pages if p.path == "index.md")
    assert "1 of 1 patterns have an example from the code" in index
    assert "3 patterns are practices rather than code, not counted." in index


COVERAGE = """\
# Frontend Patterns

## Hooks

### From Code

**Context**: c
**Example**: _(Will be populated from actual implementations)_

### Written Here

**Context**: c
**Example**:

```ts
const written = true;
```

### Prose Only

**Context**: c
**Example**: See Story 1.3 implementation in `apps/web/`

### Nothing Yet

**Context**: c
**Example**: _(Will be populated from actual implementations)_
"""


def test_coverage_counts_code_written_and_prose_examples_apart(make_project: MakeProject) -> None:
    source = "// @pattern frontend/from-code\nexport const a = 1;\n"
    root = make_project(
        {"patterns/frontend-patterns.md": COVERAGE, "patterns/backend-patterns.md": None, "src/a.ts": source}
    )
    result = run_project(root)
    assert {p.slug: (p.slot, p.slot_has_code) for p in result.catalogue.patterns} == {
        "from-code": (SlotState.PLACEHOLDER, False),
        "written-here": (SlotState.CONTENT, True),
        "prose-only": (SlotState.CONTENT, False),
        "nothing-yet": (SlotState.PLACEHOLDER, False),
    }
    index = next(p.text for p in result.pages if p.path == "index.md")
    assert (
        "1 of 4 patterns have an example from the code. Of the others, 1 has one written in the catalogue, "
        "1 has only a note in prose, 1 has none yet." in index
    )
    assert "| [Frontend Patterns](frontend-patterns.md) | 4 | 0 | 1 | 1 | 1 | 1 | 0 |" in index


def test_a_readme_is_the_home_page_when_there_is_no_index(make_project: MakeProject) -> None:
    readme = "# Our Catalogue\n\n<!-- patterns:index -->\n"
    result = run_project(make_project({"patterns/README.md": readme}))
    assert [p.path for p in result.pages] == ["README.md", "backend-patterns.md"]
    home = result.pages[0].text
    assert home.startswith("# Our Catalogue\n\n") and "[Query Function Structure](backend-patterns.md#" in home
    assert not any(d.code == "page-without-patterns" for d in result.diagnostics)


def test_with_index_and_readme_the_index_is_the_home_page(make_project: MakeProject) -> None:
    shaped = "# Home\n\n## A\n\n### Looks Like One\n\n**Context**: c\n**Example**: _(x)_\n"
    root = make_project({"patterns/index.md": shaped, "patterns/README.md": "# Readme\n"})
    result = run_project(root)
    assert [p.path for p in result.pages] == ["backend-patterns.md", "index.md"]
    codes = sorted(d.code for d in result.diagnostics)
    assert codes == ["home-page-patterns", "home-page-unpublished", "index-placeholder-missing"]
    assert result.catalogue.patterns and all(p.page == "backend" for p in result.catalogue.patterns)


def test_list_explain_shows_how_a_page_was_read(make_project: MakeProject) -> None:
    page = PAGE + "\n## Notes\n\n**Benefits:** fewer bugs\n**Context**: only one field\n"
    root = make_project({"patterns/backend-patterns.md": page})
    code, out, _ = cli(root, "list", "--page", "backend", "--explain")
    assert code == 0
    assert out.splitlines() == [
        "patterns/backend-patterns.md (key backend): 2 patterns, 0 anti-patterns",
        "     1  # Backend Patterns  ->  category: patterns under it",
        "     3  ## Convex Function Patterns  ->  category: patterns under it",
        "     5  ### Query Function Structure  ->  pattern backend/query-function-structure",
        "        fields: context, example; Example: a placeholder, replaced by the examples from the code",
        "    10  ### Mutation Function Structure  ->  pattern backend/mutation-function-structure",
        "        fields: context, example; Example: a placeholder, replaced by the examples from the code",
        "    15  ## Notes  ->  not a pattern: one field (context); a pattern needs two, or a title like"
        " `Pattern: Name`; bold lead-ins are not fields (**Benefits:**)",
        "",
    ]


def test_list_page_names_the_keys_when_the_page_is_unknown(make_project: MakeProject) -> None:
    code, out, err = cli(make_project(), "list", "--page", "frontend", "--explain")
    assert (code, out) == (1, "")
    assert err == "error[cli-usage]: no catalogue page 'frontend'; the page keys are: backend\n"


def test_a_catalogue_folder_that_cannot_be_listed_is_an_error(make_project: MakeProject) -> None:
    """Root lists any folder, so the folder here is one whose path is too long for the system to open."""
    root = make_project()
    folder = os.open(root / "patterns", os.O_RDONLY)
    for _ in range(18):  # 18 x 250 characters: past PATH_MAX, made one level at a time
        os.mkdir("d" * 250, dir_fd=folder)
        inner = os.open("d" * 250, os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = inner
    os.close(folder)
    found = [d for d in run_project(root).diagnostics if d.code == "folder-unreadable"]
    assert len(found) == 1 and found[0].location.path.startswith("patterns/ddd")
    assert "catalogue folder cannot be read (File name too long), so its pages are left out" in found[0].message


def test_a_heading_with_one_field_among_patterns_is_named_as_a_likely_pattern_missed() -> None:
    text = PAGE.replace(
        "**Example**: _(Will be populated from actual implementations)_\n\n### Mutation", "\n### Mutation"
    )
    page, diagnostics = parse_page("patterns/backend-patterns.md", text)
    assert [p.title for p in page.patterns] == ["Mutation Function Structure"]
    assert [str(d) for d in diagnostics] == [
        "patterns/backend-patterns.md:7: warning[field-outside-pattern]: field 'context' belongs to no pattern: it sits"
        " under 'Query Function Structure' (line 5), which is not a pattern: one field (context); a pattern needs two,"
        " or a title like `Pattern: Name`; move it under the pattern it belongs to (`patterns list --page backend"
        " --explain` shows how the page was read)"
    ]


def test_the_pages_own_introduction_may_use_field_names() -> None:
    text = "# Token Limits\n\n**Context**: Story 6.5\n\n## Pattern: Limits From the Database\n\nPrinciple.\n"
    page, diagnostics = parse_page("patterns/limits.md", text)
    assert [p.id for p in page.patterns] == ["limits/pattern-limits-from-the-database"]
    assert diagnostics == []
