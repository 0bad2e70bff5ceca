"""Properties over generated text: reading never crashes, and rendering changes nothing it need not."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extractor.lines import split_lines
from extractor.model import Catalogue, Example, Page, Segment, SlotState
from extractor.page import parse_page
from extractor.related import Resolved
from extractor.render import render_page
from extractor.scan.extract import extract_file
from extractor.scan.languages import language_of
from extractor.scan.markers import find_markers
from extractor.scan.python import PythonFile

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
    lines = split_lines(text)
    assert all("@pattern" in lines[m.line - 1] for m in markers)
    found, _ = extract_file(path, text, language_of(path))
    assert all(1 <= f.start <= f.end <= len(lines) for f in found)


def _examples(page: Page) -> dict[str, list[Example]]:
    """One example for every pattern of a page."""
    code = (Segment(4, ("const a = 1;", "<script>x</script>"), None),)
    return {p.id: [Example(p.id, p.id, "src/a.ts", 4, 5, "ts", "", code, "https://e.x/a#L4-L5")] for p in page.patterns}


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    rest = iter(haystack)
    return all(any(line == candidate for candidate in rest) for line in needles)


@given(MARKDOWN)
def test_rendering_keeps_every_line_it_does_not_fill_and_gives_the_same_bytes_twice(text: str) -> None:
    page, _ = parse_page("patterns/x-patterns.md", text)
    grouped = _examples(page)
    catalogue = Catalogue((page,))
    rendered = render_page(catalogue, page, grouped, Resolved({}, {}))
    assert render_page(catalogue, page, grouped, Resolved({}, {})) == rendered
    replaced = {
        n
        for p in page.patterns
        for span in ([p.slot_span] if p.slot is SlotState.PLACEHOLDER and p.slot_span else [])
        for n in range(span.start, span.end + 1)
    }
    kept = [line.strip() for n, line in enumerate(text.splitlines(), 1) if n not in replaced and line.strip()]
    assert _is_subsequence(kept, [line.strip() for line in rendered.splitlines()])


def _python_block(depth: int) -> st.SearchStrategy[list[str]]:
    """Lines of valid Python at one indentation, with markers between statements and in docstrings."""
    simple = st.sampled_from([["x = 1"], ["# @pattern a/b"], ['"""Doc.', "@pattern a/b", '"""'], ["print(1)"]])
    if depth == 0:
        return st.lists(simple, min_size=1, max_size=3).map(lambda blocks: [line for b in blocks for line in b])
    inner = _python_block(depth - 1).map(lambda lines: ["    " + line for line in [*lines, "pass"]])
    compound = st.one_of(
        st.tuples(st.sampled_from(["def f():", "class A:", "if x:", "for i in y:", "with z:"]), inner).map(
            lambda t: [t[0], *t[1]]
        ),
        st.tuples(inner, inner).map(lambda t: ["try:", *t[0], "except E:", *t[1]]),
        st.tuples(st.sampled_from(["@decorate", "# @pattern a/b"]), inner).map(lambda t: [t[0], "def g():", *t[1]]),
    )
    return st.lists(st.one_of(simple, compound), min_size=1, max_size=4).map(
        lambda blocks: [line for b in blocks for line in b]
    )


@settings(deadline=None)  # two parses an example: a busy machine must not fail it for being slow
@given(_python_block(3))
def test_walking_only_near_the_markers_answers_every_marker_lookup_as_a_full_walk(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    near = [n for n, line in enumerate(lines, 1) if "@pattern" in line]
    full, pruned = PythonFile("a.py", text), PythonFile("a.py", text, near)
    after = [  # the line whose unit a marker marks: the first code line below it
        next((n for n in range(m + 1, len(lines) + 1) if lines[n - 1].strip() and n not in full.comments), 0)
        for m in near
    ]
    assert pruned.comments == full.comments
    assert [pruned.unit_end(n) for n in after] == [full.unit_end(n) for n in after]
    assert [pruned.owner_of_docstring_line(m) for m in near] == [full.owner_of_docstring_line(m) for m in near]
    assert [r for r in pruned.docstring_ranges() if any(a <= m <= b for m in near for a, b in [r])] == [
        r for r in full.docstring_ranges() if any(a <= m <= b for m in near for a, b in [r])
    ]


NAME = st.text(alphabet=st.sampled_from("ab1[]*?!#\\ -./"), min_size=1, max_size=12).filter(
    lambda name: not name.startswith("/") and "//" not in name and not name.endswith("/")
)


@given(st.lists(NAME, min_size=2, max_size=6, unique=True))
@settings(max_examples=300, deadline=None)
def test_the_pattern_of_a_file_name_matches_that_file_and_no_other(names: list[str]) -> None:
    from extractor.globs import ignored, literal

    pattern = literal(names[0])
    assert pattern is not None
    matches = ignored([pattern])
    assert matches(names[0])
    assert not [name for name in names[1:] if matches(name) and not name.startswith(names[0] + "/")]
