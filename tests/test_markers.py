"""Marker lines: what each comment syntax yields, and the errors for badly written markers."""

from __future__ import annotations

import pytest

from extractor.scan.extract import extract_file
from extractor.scan.languages import language_of
from extractor.scan.markers import find_markers


@pytest.mark.parametrize(
    ("line", "verb", "ref", "title", "comment"),
    [
        pytest.param(
            "// @pattern backend/query-function-structure",
            "pattern",
            "backend/query-function-structure",
            "",
            ("//", ""),
            id="line-comment",
        ),
        pytest.param("# @pattern cron-jobs", "pattern", "cron-jobs", "", ("#", ""), id="hash-bare-slug"),
        pytest.param(
            "-- @pattern backend/schema-definition", "pattern", "backend/schema-definition", "", ("--", ""), id="sql"
        ),
        pytest.param("/* @pattern backend/x */", "pattern", "backend/x", "", ("/*", "*/"), id="block-comment"),
        pytest.param("<!-- @pattern frontend/x -->", "pattern", "frontend/x", "", ("<!--", "-->"), id="html-comment"),
        pytest.param("{/* @pattern frontend/x */}", "pattern", "frontend/x", "", ("{/*", "*/}"), id="jsx-comment"),
        pytest.param(
            '  // @pattern backend/x title="Listing tasks"',
            "pattern",
            "backend/x",
            "Listing tasks",
            ("//", ""),
            id="title",
        ),
        pytest.param("# @pattern-start backend/x", "start", "backend/x", "", ("#", ""), id="region-start"),
        pytest.param("# @pattern-end backend/x", "end", "backend/x", "", ("#", ""), id="region-end"),
        pytest.param("{/* @pattern-hide-start */}", "hide-start", "", "", ("{/*", "*/}"), id="hide-start"),
        pytest.param("// @pattern-hide-end", "hide-end", "", "", ("//", ""), id="hide-end"),
    ],
)
def test_marker_line_in_any_comment_syntax(
    line: str, verb: str, ref: str, title: str, comment: tuple[str, str]
) -> None:
    markers, diagnostics = find_markers("src/a.txt", f"first\n{line}\n")
    assert diagnostics == []
    assert [(m.verb, m.ref, m.title, m.comment, m.line) for m in markers] == [(verb, ref, title, comment, 2)]


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("const a = '@pattern backend/x';", id="code-before"),
        pytest.param("// see @pattern backend/x for more", id="words-before"),
        pytest.param("@pattern backend/x", id="no-comment-opener"),
        pytest.param("// @patternfly/react-core is the design system", id="other-word"),
        pytest.param("// write to me@pattern.dev", id="e-mail"),
    ],
)
def test_text_that_is_not_a_marker_line(line: str) -> None:
    assert find_markers("src/a.txt", line + "\n") == ([], [])


# @pattern testing/table-driven-tests title="Marker syntax errors"
@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(
            "// @pattern query function structure",
            "invalid pattern id 'query function structure': an id is `<catalogue>/<slug>` or a slug, without spaces; "
            "write it as `// @pattern backend/query-function-structure`",
            id="id-with-spaces",
        ),
        pytest.param(
            "// @pattern backend/x colour=red",
            "unknown attribute 'colour' on `@pattern`; its attributes: title=\"...\"",
            id="unknown-attribute",
        ),
        pytest.param(
            "# @pattern-end backend/x title=Done",
            "unknown attribute 'title' on `@pattern-end`; its attributes: none",
            id="title-on-end",
        ),
        pytest.param(
            "// @pattern-allow backend/x",
            '`@pattern-allow` needs a reason; write it as `// @pattern-allow backend/database-access-from-actions reason="why this place may"`',
            id="allow-without-reason",
        ),
        pytest.param(
            "// @pattern-foo backend/x",
            "unknown marker `@pattern-foo`; markers are @pattern, @pattern-start, @pattern-end, @pattern-hide-start, @pattern-hide-end, @pattern-allow",
            id="unknown-verb",
        ),
        pytest.param(
            "// @pattern",
            "`@pattern` needs a pattern id; write it as `// @pattern backend/query-function-structure`",
            id="no-id",
        ),
        pytest.param(
            "# @pattern-start",
            "`@pattern-start` needs a pattern id; write it as `# @pattern-start backend/cron-jobs`",
            id="start-without-id",
        ),
        pytest.param(
            "// @pattern-hide-start backend/x",
            "`@pattern-hide-start` takes no arguments; write it as `// @pattern-hide-start`",
            id="hide-with-argument",
        ),
        pytest.param(
            '// @pattern backend/x title="unclosed',
            "cannot read the marker's arguments (No closing quotation); write it as `// @pattern backend/query-function-structure`",
            id="unclosed-quote",
        ),
        pytest.param(
            "// @pattern backend/a/b",
            "invalid pattern id 'backend/a/b': an id is `<catalogue>/<slug>` or a slug, without spaces; "
            "write it as `// @pattern backend/query-function-structure`",
            id="two-slashes",
        ),
    ],
)
def test_badly_written_marker_is_an_error_showing_the_right_form(line: str, message: str) -> None:
    markers, diagnostics = find_markers("src/a.ts", f"x\n\n{line}\n")
    assert markers == []
    assert [str(d) for d in diagnostics] == [f"src/a.ts:3: error[marker-syntax]: {message}"]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        pytest.param("src/a.py", 'HELP = """\n# @pattern not an id\n# @pattern-foo x\n"""\n', id="python-string"),
        pytest.param("src/a.ts", "const help = `\n// @pattern not an id\n`;\n", id="typescript-template"),
        pytest.param("src/a.tsx", "const v = (\n  <p>\n    // @pattern-foo x\n  </p>\n);\n", id="jsx-text"),
    ],
)
def test_marker_text_inside_a_string_is_neither_marker_nor_error(path: str, text: str) -> None:
    assert extract_file(path, text, language_of(path)) == ([], [])


PY_PROPERTY = """\
class Basket:
    # @pattern x
    @property
    def total(self) -> int:
        return 1

    def other(self) -> None:
        pass
"""

PY_ASYNC = """\
# @pattern x
async def fetch() -> None:
    await thing()
"""

PY_STATEMENT = """\
# @pattern x
for item in items:
    print(item)
print("after")
"""

TS_EXPORT_DEFAULT = """\
// @pattern x

/** Docs below the marker belong to the unit. */
export default function App() {
  return null;
}
const after = 1;
"""

TS_INTERFACE = """\
// @pattern x
interface Task {
  text: string;
}
"""

SH_CASE = """\
# @pattern x
case "$1" in
  start) run ;;
esac
echo after
"""

YAML_SEQUENCE = """\
# @pattern x
services:
- web
- db
other: 1
"""

TOML_ARRAY = """\
[project]
# @pattern x
dependencies = [
    "mkdocs",
]
name = "x"
"""

REGION_WITH_HIDE = """\
# @pattern-start x
    first()
    # @pattern-hide-start
    secret()
    # @pattern-hide-end
    last()
# @pattern-end x
"""


@pytest.mark.parametrize(
    ("path", "text", "start", "end", "shown"),
    [
        pytest.param(
            "a.py",
            PY_PROPERTY,
            3,
            5,
            [(3, ["@property", "def total(self) -> int:", "    return 1"], None)],
            id="python-property",
        ),
        pytest.param(
            "a.py", PY_ASYNC, 2, 3, [(2, ["async def fetch() -> None:", "    await thing()"], None)], id="python-async"
        ),
        pytest.param(
            "a.py", PY_STATEMENT, 2, 3, [(2, ["for item in items:", "    print(item)"], None)], id="python-statement"
        ),
        pytest.param(
            "a.ts",
            TS_EXPORT_DEFAULT,
            3,
            6,
            [
                (
                    3,
                    [
                        "/** Docs below the marker belong to the unit. */",
                        "export default function App() {",
                        "  return null;",
                        "}",
                    ],
                    None,
                )
            ],
            id="ts-comment-then-export",
        ),
        pytest.param(
            "a.ts", TS_INTERFACE, 2, 4, [(2, ["interface Task {", "  text: string;", "}"], None)], id="ts-interface"
        ),
        pytest.param(
            "a.sh", SH_CASE, 2, 4, [(2, ['case "$1" in', "  start) run ;;", "esac"], None)], id="shell-closer"
        ),
        pytest.param(
            "a.yml", YAML_SEQUENCE, 2, 4, [(2, ["services:", "- web", "- db"], None)], id="yaml-sequence-at-key-indent"
        ),
        pytest.param(
            "a.toml",
            TOML_ARRAY,
            3,
            5,
            [(3, ["dependencies = [", '    "mkdocs",', "]"], None)],
            id="toml-closing-bracket",
        ),
        pytest.param(
            "a.py",
            REGION_WITH_HIDE,
            2,
            6,
            [(2, ["first()"], "# ..."), (6, ["last()"], None)],
            id="region-dedented-with-elision",
        ),
    ],
)
def test_unit_extent_and_shown_lines(
    path: str, text: str, start: int, end: int, shown: list[tuple[int, list[str], str | None]]
) -> None:
    found, diagnostics = extract_file(path, text, language_of(path))
    assert diagnostics == []
    assert [(f.start, f.end) for f in found] == [(start, end)]
    assert [(s.start, list(s.lines), s.elided_after) for s in found[0].segments] == shown


def test_python_file_that_does_not_parse_names_the_reason() -> None:
    found, diagnostics = extract_file("a.py", "# @pattern x\ndef broken(:\n", language_of("a.py"))
    assert found == []
    assert [d.severity.value for d in diagnostics] == ["error"]
    assert str(diagnostics[0]).startswith(
        "a.py:1: error[marker-dangling]: marker with nothing after it: the file does not parse (line 2:"
    )


@pytest.mark.parametrize("inside", ["", "\n\n"], ids=["nothing", "blank-lines"])
def test_empty_region_is_an_error_not_an_empty_example(inside: str) -> None:
    text = f"# @pattern-start backend/cron-jobs\n{inside}# @pattern-end backend/cron-jobs\n"
    found, diagnostics = extract_file("jobs.sh", text, language_of("jobs.sh"))
    assert found == []
    assert [str(d) for d in diagnostics] == [
        "jobs.sh:1: error[region-empty]: region 'backend/cron-jobs' is empty; put the lines to show between its start and end markers"
    ]
