"""Properties over generated text: reading never crashes, and rendering changes nothing it need not."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from extractor.catalogue import parse_page
from extractor.links import Resolved
from extractor.model import Catalogue
from extractor.render import render_page
from extractor.scan.extract import extract_file
from extractor.scan.languages import language_of
from extractor.scan.markers import find_markers

MARKDOWN_BITS = st.sampled_from(
    [
        "# Title",
        "## Category",
        "### Pattern",
        "**Context**: x",
        "**Example**:",
        "_(placeholder)_",
        "```",
        "---",
        "**Related Patterns**: A (a-patterns.md)",
        "[link](other.md#x)",
        "",
        "text",
        "\r",
        "  - item",
    ]
)
MARKDOWN = st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=20)), max_size=30).map("\n".join)
CODE_BITS = st.sampled_from(
    [
        "// @pattern a/b",
        "# @pattern a/b",
        "# @pattern-start a/b",
        "# @pattern-end a/b",
        "# @pattern-hide-start",
        "# @pattern-hide-end",
        "def f():",
        "    return 1",
        "class A:",
        "x = 1",
        "",
        "  y: 2",
        '"""',
        "@pattern a/b",
    ]
)
CODE = st.lists(st.one_of(CODE_BITS, st.text(max_size=20)), max_size=30).map("\n".join)


@given(MARKDOWN)
def test_any_page_parses_and_a_page_without_patterns_renders_unchanged(text: str) -> None:
    page, _ = parse_page("patterns/x-patterns.md", text)
    assume(not page.patterns)
    assert render_page(Catalogue((page,)), page, {}, Resolved({}, {})) == text


@given(CODE, st.sampled_from(["a.py", "a.ts", "a.tsx", "a.yml", "a.sh", "a.txt"]))
def test_any_source_text_gives_examples_or_diagnostics_never_an_exception(text: str, path: str) -> None:
    markers, _ = find_markers(path, text, docstring=path.endswith(".py"))
    lines = text.split("\n")
    assert all("@pattern" in lines[m.line - 1] for m in markers)
    found, _ = extract_file(path, text, language_of(path))
    assert all(1 <= f.start <= f.end <= len(text.splitlines()) for f in found)
