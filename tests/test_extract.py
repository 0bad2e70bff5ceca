"""Cutting examples out of a file: hidden lines across units and regions, Markdown under the sources,
comments in every grammar, and inputs shaped to be slow (answered, here, without timing them)."""

from __future__ import annotations

import pytest

from extractor.scan.extract import extract_file
from extractor.scan.languages import language_of

# Hidden lines stay hidden in every unit and region that holds them -------------------------------

HIDE_CROSSES_AN_END = """\
# @pattern-start outer
a = 1
# @pattern-start inner
b = 2
# @pattern-hide-start
secret = 3
# @pattern-end outer
more = 4
# @pattern-hide-end
c = 5
# @pattern-end inner
"""

HIDE_CROSSES_A_START = """\
# @pattern-start outer
a = 1
# @pattern-hide-start
secret = 2
# @pattern-start inner
secret_too = 3
# @pattern-hide-end
b = 4
# @pattern-end inner
# @pattern-end outer
"""

HIDE_IN_A_UNIT_CROSSES_A_REGION = """\
# @pattern-start region
# @pattern unit
def f():
    x = 1
    # @pattern-hide-start
    secret = 2
# @pattern-end region
    more = 3
    # @pattern-hide-end
    return x
"""

HIDE_OVER_A_WHOLE_REGION = """\
# @pattern-start outer
a = 1
# @pattern-hide-start
# @pattern-start inner
secret = 2
# @pattern-end inner
# @pattern-hide-end
b = 3
# @pattern-end outer
"""


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param(
            HIDE_CROSSES_AN_END,
            {
                "outer": [(2, ["a = 1"], None), (4, ["b = 2"], "# ...")],
                "inner": [(4, ["b = 2"], "# ..."), (10, ["c = 5"], None)],
            },
            id="overlapping-regions-hide-crosses-the-first-end",
        ),
        pytest.param(
            HIDE_CROSSES_A_START,
            {
                "outer": [(2, ["a = 1"], "# ..."), (8, ["b = 4"], None)],
                "inner": [(6, [], "# ..."), (8, ["b = 4"], None)],
            },
            id="nested-regions-hide-crosses-the-inner-start",
        ),
        pytest.param(
            HIDE_IN_A_UNIT_CROSSES_A_REGION,
            {
                "region": [(3, ["def f():", "    x = 1"], "    # ...")],
                "unit": [(3, ["def f():", "    x = 1"], "    # ..."), (10, ["    return x"], None)],
            },
            id="unit-and-region-overlap",
        ),
        pytest.param(
            HIDE_OVER_A_WHOLE_REGION,
            {"outer": [(2, ["a = 1"], "# ..."), (8, ["b = 3"], None)], "inner": [(5, [], "# ...")]},
            id="hide-holds-a-whole-region",
        ),
    ],
)
def test_hidden_lines_stay_hidden_in_every_unit_and_region_they_are_in(
    text: str, shown: dict[str, list[tuple[int, list[str], str | None]]]
) -> None:
    found, diagnostics = extract_file("a.py", text, language_of("a.py"))
    assert diagnostics == []
    got = {f.ref: [(s.start, list(s.lines), s.elided_after) for s in f.segments] for f in found}
    assert got == shown
    assert not any("secret" in line or "more" in line for f in found for s in f.segments for line in s.lines)


def test_a_hide_block_that_shares_no_line_with_any_unit_or_region_is_an_error() -> None:
    text = "# @pattern-hide-start\nx = 1\n# @pattern-hide-end\n# @pattern-start r\ny = 2\n# @pattern-end r\n"
    found, diagnostics = extract_file("a.py", text, language_of("a.py"))
    assert [f.ref for f in found] == ["r"]
    assert [(d.code, d.location.line) for d in diagnostics] == [("hide-outside-unit", 1)]


# Markdown files under the sources --------------------------------------------------------------

MARKDOWN = """\
# Using @pattern markers

## @pattern backend/not-a-marker

Write a marker like this:

```ts
// @pattern backend/not-a-marker-either
export const list = query({});
```

    # @pattern-start indented-code-is-not-read-as-a-region-start-either

<!-- @pattern docs/fenced -->
```sh
make docs
make test
```

<!-- @pattern docs/section -->
### Setting up

Run the installer.

### Next
"""


def test_markdown_headings_and_code_examples_mentioning_markers_are_text() -> None:
    found, diagnostics = extract_file("docs/guide.md", MARKDOWN, language_of("docs/guide.md"))
    assert diagnostics == []
    assert [(f.ref, f.start, f.end) for f in found] == [("docs/fenced", 15, 18), ("docs/section", 21, 23)]
    assert [list(s.lines) for s in found[0].segments] == [["```sh", "make docs", "make test", "```"]]


# Comments as every grammar names them ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text"),
    [
        pytest.param("a.rs", "// @pattern x\nfn f() {\n}\n", id="rust-line-comment"),
        pytest.param("a.rs", "/* @pattern x */\nfn f() {\n}\n", id="rust-block-comment"),
        pytest.param("a.java", "// @pattern x\nclass A {\n}\n", id="java-line-comment"),
        pytest.param("a.go", "// @pattern x\nfunc f() {\n}\n", id="go"),
        pytest.param("a.kt", "// @pattern x\nfun f() {\n}\n", id="kotlin"),
    ],
)
def test_markers_in_each_grammars_comments(path: str, text: str) -> None:
    found, diagnostics = extract_file(path, text, language_of(path))
    assert diagnostics == []
    assert [(f.start, f.end) for f in found] == [(2, 3)]


def test_a_marker_inside_a_rust_string_is_not_a_marker() -> None:
    assert extract_file("a.rs", 'const S: &str = "\n// @pattern x\n";\n', language_of("a.rs")) == ([], [])


# A marker between a declaration's decorators and the declaration --------------------------------

DECORATED_TS = """\
@Component({})
// @pattern a/class
export class Store {
  @Input()
  // @pattern a/field
  name = 1;

  @Get()
  // @pattern a/method
  get() {
    return 1;
  }
}
"""

DECORATED_PY = """\
class Store:
    @property
    # @pattern a/method
    def name(self):
        return 1


@functools.cache
# @pattern a/function
def load():
    return 2
"""


@pytest.mark.parametrize(
    ("path", "text", "extents"),
    [
        pytest.param("a.ts", DECORATED_TS, [(3, 13), (6, 6), (10, 12)], id="typescript"),
        pytest.param("a.py", DECORATED_PY, [(4, 5), (10, 11)], id="python"),
    ],
)
def test_a_marker_below_the_decorators_marks_the_declaration_from_the_line_after_it(
    path: str, text: str, extents: list[tuple[int, int]]
) -> None:
    found, diagnostics = extract_file(path, text, language_of(path))
    assert diagnostics == []  # not "marker with nothing after it"
    assert [(f.start, f.end) for f in found] == extents  # a method whole, not its first line


# Inputs shaped to be slow: the answers (their time is measured by bench/hostile_times.py) ----------


def test_a_minified_line_under_a_marker_is_the_unit() -> None:
    line = "var a=" + ";".join(f"b{i}=function(){{return {i}}}/* c */" for i in range(2000))
    (found,), diagnostics = extract_file("a.js", f"// @pattern x\n{line}\n", language_of("a.js"))
    assert diagnostics == []
    assert (found.start, found.end, found.segments[0].lines) == (2, 2, (line,))


def test_a_marker_line_of_spaces_is_one_error() -> None:
    _, diagnostics = extract_file("a.txt", "// @pattern" + " " * 3000 + "x y\n", language_of("a.txt"))
    assert [d.code for d in diagnostics] == ["marker-syntax"]
