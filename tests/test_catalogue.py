"""Reading catalogue pages: keys, anchors (as Python-Markdown's toc makes them), shapes, fields, slots."""

from __future__ import annotations

from pathlib import Path

import pytest
from projects import PAGE, MakeProject, heading_ids, run_project
from pymdownx.slugs import slugify as pymdownx_slugify

from extractor.catalogue import Slugify, page_key
from extractor.model import Kind, Severity, SlotState
from extractor.page import parse_page
from extractor.references import split_entries

PATTERN_BODY = "\n\n**Context**: When\n**Example**: _(Will be populated from actual implementations)_\n"


def toc_ids(text: str, **toc: object) -> list[str]:
    """Every heading id Python-Markdown's toc extension gives, in document order."""
    return heading_ids(text, ["toc", "attr_list"], toc)


@pytest.mark.parametrize(
    ("filename", "key"),
    [
        ("backend-patterns.md", "backend"),
        ("testing-patterns.md", "testing"),
        ("glossary.md", "glossary"),
        ("patterns.md", "patterns"),
        ("-patterns.md", "-patterns"),
        ("patterns-of-patterns.md", "patterns-of"),
    ],
)
def test_page_key_is_the_stem_without_a_trailing_patterns(filename: str, key: str) -> None:
    assert page_key(filename) == key


# @pattern testing/table-driven-tests
@pytest.mark.parametrize(
    ("headings", "anchors"),
    [
        pytest.param(["Query Function Structure"], ["query-function-structure"], id="words"),
        pytest.param(
            ["Authentication & Authorization Patterns"], ["authentication-authorization-patterns"], id="ampersand"
        ),
        pytest.param(["Café Déjà Vu"], ["cafe-deja-vu"], id="accents"),
        pytest.param(["Paging {#custom-id}"], ["custom-id"], id="custom-id"),
        pytest.param(["Paging { #spaced .wide }"], ["spaced"], id="custom-id-with-class"),
        pytest.param(["Dup", "Dup", "Dup"], ["dup", "dup_1", "dup_2"], id="duplicates"),
        pytest.param(["`useQuery` *hooks*"], ["usequery-hooks"], id="inline-markup"),
        pytest.param(["[Linked](other.md) Title"], ["linked-title"], id="link"),
        pytest.param(["Version 2.0_final"], ["version-20_final"], id="dots-and-underscores"),
        pytest.param(["snake_case_name"], ["snake_case_name"], id="intraword-underscores"),
        pytest.param(["_Emphasis_ and __strong__"], ["emphasis-and-strong"], id="underscore-emphasis"),
        pytest.param(["a*b*c"], ["abc"], id="intraword-star"),
        pytest.param(["Closed heading ##"], ["closed-heading"], id="closing-hashes"),
    ],
)
def test_anchors_match_python_markdown_toc(headings: list[str], anchors: list[str]) -> None:
    text = "".join(f"## {heading}\n\n" for heading in headings)
    page, diagnostics = parse_page("patterns/x-patterns.md", text)
    assert [d.message.split(";")[0] for d in diagnostics] == ["no patterns on this page"]
    assert sorted(page.anchors) == sorted(anchors)
    assert toc_ids(text) == anchors


@pytest.mark.parametrize(
    ("slugify", "separator", "heading", "anchor"),
    [
        pytest.param(pymdownx_slugify(case="lower"), "-", "Café Déjà Vu", "café-déjà-vu", id="pymdownx-unicode"),
        pytest.param(pymdownx_slugify(case="none"), "-", "Query Structure", "Query-Structure", id="pymdownx-keep-case"),
        pytest.param(None, "_", "Query Function Structure", "query_function_structure", id="separator"),
    ],
)
def test_configured_slugify_and_separator_give_the_pattern_ids(
    slugify: Slugify | None, separator: str, heading: str, anchor: str
) -> None:
    text = f"## Patterns\n\n### {heading}{PATTERN_BODY}"
    page, _ = parse_page("patterns/x-patterns.md", text, slugify, separator)
    assert [p.id for p in page.patterns] == [f"x/{anchor}"]
    toc = {"separator": separator} | ({"slugify": slugify} if slugify else {})
    assert toc_ids(text, **toc)[-1] == anchor


def test_slugify_configured_in_mkdocs_yml_reaches_the_ids(make_project: MakeProject) -> None:
    extra = "markdown_extensions:\n  - toc:\n      separator: _\n"
    root = make_project(extra=extra)
    ids = [p.id for p in run_project(root).catalogue.patterns]
    assert ids == ["backend/query_function_structure", "backend/mutation_function_structure"]


SHAPE_A = """\
# Backend Patterns

## Overview

Text without fields is no pattern.

## Convex Function Patterns

### Query Function Structure

**Context**: Reads
**Example**: _(Will be populated from actual implementations)_

## Anti-Patterns to Avoid

### Large Transaction Blocks

Too much in one mutation.

## Related Documentation

- [Frontend](frontend-patterns.md)
"""

SHAPE_B = """\
# Data Patterns

## Repository Object

### Context

Reads and writes one kind of record.

### Example

_(Will be populated from actual implementations)_

## Anti-Patterns

### Shared Session

Reused across requests.

### God Object

Does everything.
"""

SHAPE_A_ANTI_TITLE = """\
# Testing

## Patterns

### Golden Files

**Context**: Output as files
**Example**: _(x)_

### Sleeping Anti-Pattern

**Context**: Waiting for time to pass
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            SHAPE_A,
            [
                ("x/query-function-structure", Kind.PATTERN, "Convex Function Patterns"),
                ("x/large-transaction-blocks", Kind.ANTI_PATTERN, "Anti-Patterns to Avoid"),
            ],
            id="shape-a",
        ),
        pytest.param(
            SHAPE_B,
            [
                ("x/repository-object", Kind.PATTERN, "Data Patterns"),
                ("x/shared-session", Kind.ANTI_PATTERN, "Anti-Patterns"),
                ("x/god-object", Kind.ANTI_PATTERN, "Anti-Patterns"),
            ],
            id="shape-b",
        ),
        pytest.param(
            SHAPE_A_ANTI_TITLE,
            [("x/golden-files", Kind.PATTERN, "Patterns"), ("x/sleeping-anti-pattern", Kind.ANTI_PATTERN, "Patterns")],
            id="anti-in-title",
        ),
        pytest.param("# Just prose\n\nNo patterns here.\n", [], id="no-patterns"),
        pytest.param(
            "## Patterns\n\n```markdown\n### Not A Heading\n\n**Context**: in code\n```\n", [], id="headings-in-code"
        ),
    ],
)
def test_patterns_their_kind_and_category_in_both_shapes(text: str, expected: list[tuple[str, Kind, str]]) -> None:
    page, diagnostics = parse_page("patterns/x-patterns.md", text)
    assert [d.message.split(";")[0] for d in diagnostics] == ([] if expected else ["no patterns on this page"])
    assert [(p.id, p.kind, p.category) for p in page.patterns] == expected


@pytest.mark.parametrize(
    ("example_field", "state"),
    [
        pytest.param(
            "**Example**: _(Will be populated from actual implementations)_", SlotState.PLACEHOLDER, id="placeholder"
        ),
        pytest.param("**Example**: *(to do)*", SlotState.PLACEHOLDER, id="star-placeholder"),
        pytest.param("**Example**:", SlotState.PLACEHOLDER, id="empty"),
        pytest.param(
            "**Example**:\n\n_(Will be populated from actual implementations)_",
            SlotState.PLACEHOLDER,
            id="placeholder-below",
        ),
        pytest.param("**Example**: _(Not code: a habit of the team)_", SlotState.NOT_CODE, id="not-code"),
        pytest.param("**Example**: see `useTasks`", SlotState.CONTENT, id="inline-content"),
        pytest.param("**Example**:\n\n```ts\nconst a = 1;\n```", SlotState.CONTENT, id="code-content"),
        pytest.param("**Examples**: _(later)_", SlotState.PLACEHOLDER, id="plural-label"),
        pytest.param(
            "#### Example\n\n_(Will be populated from actual implementations)_",
            SlotState.PLACEHOLDER,
            id="heading-placeholder",
        ),
        pytest.param("#### Example\n\nNotes by hand.", SlotState.CONTENT, id="heading-content"),
        pytest.param("**Rationale**: no example field", SlotState.MISSING, id="missing"),
    ],
)
def test_example_slot_state(example_field: str, state: SlotState) -> None:
    text = f"## Patterns\n\n### Query\n\n**Context**: Reads\n{example_field}\n\n**Rationale**: Why\n"
    page, _ = parse_page("patterns/x-patterns.md", text)
    assert [p.slot for p in page.patterns] == [state]


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("A (a-patterns.md), B (b-patterns.md)", ["A (a-patterns.md)", "B (b-patterns.md)"]),
        ("Titles, With Commas (a-patterns.md), C", ["Titles, With Commas (a-patterns.md)", "C"]),
        ("[Linked](a-patterns.md#linked), Plain; Other", ["[Linked](a-patterns.md#linked)", "Plain", "Other"]),
        ("Anchored (a-patterns.md#x-y)", ["Anchored (a-patterns.md#x-y)"]),
        ("", []),
    ],
)
def test_related_patterns_entries_are_split_on_commas_outside_titles(text: str, entries: list[str]) -> None:
    assert split_entries(text) == entries


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "---\ntitle: [unclosed\n---\n# T\n",
            "patterns/x-patterns.md:2: error[front-matter-invalid]: front matter is not valid YAML",
            id="bad-front-matter",
        ),
        pytest.param(
            "---\ntitle: x\n# T\n",
            "patterns/x-patterns.md:1: error[front-matter-invalid]: front matter is never closed",
            id="unclosed-front-matter",
        ),
        pytest.param(
            "# T\n\n```python\nx = 1\n",
            "patterns/x-patterns.md:3: error[fence-unclosed]: code fence is never closed",
            id="unclosed-fence",
        ),
        pytest.param(
            "# T\n\n```text\nA tilde line does not close a backtick fence:\n~~~\n",
            "patterns/x-patterns.md:3: error[fence-unclosed]: code fence is never closed",
            id="unclosed-fence-with-other-fence-inside",
        ),
    ],
)
def test_malformed_page_is_reported_at_its_line(text: str, problem: str) -> None:
    _, diagnostics = parse_page("patterns/x-patterns.md", text)
    assert [str(d)[: len(problem)] for d in diagnostics if d.severity is Severity.ERROR] == [problem]


def test_pattern_without_example_field_is_a_warning_naming_the_fix() -> None:
    _, diagnostics = parse_page(
        "patterns/x-patterns.md", "## Patterns\n\n### Query\n\n**Context**: Reads\n**Rationale**: Why\n"
    )
    assert [str(d) for d in diagnostics] == [
        "patterns/x-patterns.md:3: warning[example-field-missing]: pattern 'Query' has no Example field; extracted examples are added at its end. Add `**Example**:` to place them"
    ]


def test_two_pages_with_one_key_are_an_error(make_project: MakeProject) -> None:
    root: Path = make_project({"patterns/more/backend-patterns.md": PAGE.replace("Query", "Other")})
    assert (
        "patterns/more/backend-patterns.md:1: error[page-key-duplicate]: catalogue key 'backend' is also the key of patterns/backend-patterns.md; rename one file"
        in [str(d) for d in run_project(root).diagnostics]
    )


def test_missing_catalogue_folder_is_an_error(make_project: MakeProject) -> None:
    root = make_project({"patterns/backend-patterns.md": None}, extra="")
    assert [str(d) for d in run_project(root).diagnostics if "catalogue" in d.message] == [
        "patterns: error[catalogue-missing]: catalogue folder does not exist; create it or set `catalogue` in mkdocs.yml"
    ]
