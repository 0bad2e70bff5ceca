"""The one line model: lines end at `\\n`, `\\r\\n` or a lone `\\r`, and U+2028 and its kind are text.

The property inserts the characters `str.splitlines()` would split on into marked files (TypeScript,
Python, YAML), ends their lines every which way, and checks that nothing moves: the same extents,
the same hidden lines, the same line numbers in the source links.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.lines import line_at, normalized, split_lines, split_lines_keepends
from extractor.links import SourceLink
from extractor.scan import scan_data
from extractor.scan.extract import extract_file
from extractor.scan.found import Found
from extractor.scan.languages import language_of

ODD = ["\u2028", "\u2029", "\x85", "\x0c", "\x1c", "\x1d", "\x1e", "\x0b"]
"""Characters inside a line that `str.splitlines()` takes for line ends."""
ENDS = ["\n", "\r\n", "\r"]
SLOT = "§"
"""Where a template line may take an odd character without changing what the code means."""


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        pytest.param("a\nb\n", ["a", "b"], id="lf"),
        pytest.param("a\r\nb\r\n", ["a", "b"], id="crlf"),
        pytest.param("a\rb\r", ["a", "b"], id="lone-cr"),
        pytest.param("a\r\r\nb", ["a", "", "b"], id="cr-then-crlf"),
        pytest.param("a\n\nb", ["a", "", "b"], id="blank-line-no-final-end"),
        pytest.param(
            "a\u2028b\x0cc\x85d\x1ce\x1df\x1eg\x0bh\u2029i\n",
            ["a\u2028b\x0cc\x85d\x1ce\x1df\x1eg\x0bh\u2029i"],
            id="odd-characters-are-text",
        ),
        pytest.param("", [], id="empty"),
        pytest.param("\n", [""], id="one-empty-line"),
    ],
)
def test_lines_end_at_lf_crlf_and_lone_cr_only(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines
    assert normalized(text).split("\n")[: len(lines)] == lines
    assert "".join(split_lines_keepends(text)) == text
    assert len(split_lines_keepends(text)) == len(lines)


@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", *ODD])))
def test_the_line_functions_agree_with_each_other(text: str) -> None:
    lines = split_lines(text)
    assert "".join(split_lines_keepends(text)) == text
    assert [re.sub(r"\r\n?|\n", "", line) for line in split_lines_keepends(text)] == lines
    assert split_lines(normalized(text)) == lines
    holding = [n for n, line in enumerate(split_lines_keepends(text), 1) for _ in line]
    assert [line_at(text, offset) for offset in range(len(text))] == holding


def test_a_u2028_in_a_string_above_a_marker_moves_nothing() -> None:
    text = (
        'const s = "a\u2028b";\n// @pattern x\nfunction f() {\n  // @pattern-hide-start\n  secret();\n'
        "  // @pattern-hide-end\n  return 1;\n}\n"
    )
    (found,), problems = extract_file("a.ts", text, language_of("a.ts"))
    assert problems == []
    assert (found.line, found.start, found.end) == (2, 3, 8)
    assert [(s.start, s.lines, s.elided_after) for s in found.segments] == [
        (3, ("function f() {",), "  // ..."),
        (7, ("  return 1;", "}"), None),
    ]


def test_a_form_feed_line_keeps_a_python_marker() -> None:
    found, problems = extract_file("a.py", "x = 1\n\x0c\n# @pattern x\ndef f():\n    return 1\n", language_of("a.py"))
    assert problems == []
    assert [(f.line, f.start, f.end) for f in found] == [(3, 4, 5)]


@pytest.mark.parametrize("path", ["a.py", "a.ts", "a.sh", "a.txt"])
def test_a_file_with_lone_cr_line_ends_keeps_its_markers(path: str) -> None:
    comment = "//" if path.endswith(".ts") else "#"
    body = "function f() {\r  return 1;\r}\r" if path.endswith(".ts") else "f() {\r  return 1\r}\r"
    if path.endswith(".py"):
        body = "def f():\r    return 1\r"
    result = scan_data(path, f"{comment} @pattern x\r{body}".encode())
    assert result.diagnostics == []
    assert [(f.line, f.start) for f in result.found] == [(1, 2)]
    assert all("\r" not in line for f in result.found for s in f.segments for line in s.lines)


# The property ------------------------------------------------------------------------------------

TS_BLOCKS = [
    [
        "// @pattern a/u{n}§",
        "function f{n}() {",
        '  const s = "x§y";',
        "  // note§ here",
        "  // @pattern-hide-start§",
        '  const hidden = "SECRET§";',
        "  // @pattern-hide-end",
        "  return s;",
        "}",
    ],
    ["// @pattern-start a/r{n}", "const t{n} = `a§b`;", "const u{n} = `c§", "d`;", "// @pattern-end a/r{n}"],
    ["const z{n} = 1; // §", 'const w{n} = "§";'],
]
PY_BLOCKS = [
    [
        "# @pattern a/u{n}§",
        "def f{n}():",
        '    s = "x§y"',
        "    # note§ here",
        "    # @pattern-hide-start",
        '    hidden = "SECRET§"',
        "    # @pattern-hide-end",
        "    return s",
    ],
    ["def g{n}():", '    """Doc§.', "", "    @pattern a/d{n}", '    """', "    return 1"],
    ["# @pattern-start a/r{n} §", 't{n} = """a§', 'b§"""', "# @pattern-end a/r{n}"],
    ["z{n} = 1  # §", 'w{n} = "§"'],
]
YAML_BLOCKS = [
    [
        "#§ @pattern a/u{n}§",
        "ke§y{n}:",
        "  sub: va§lue",
        "  # @pattern-hide-start§",
        "  secret: SECRET§",
        "  #§ @pattern-hide-end",
        "  other: 1§",
    ],
    ["# @pattern-start a/r{n}§", "list{n}:", "- a§b", "# @pattern-end a/r{n} §"],
    ["plain{n}: x§"],
]
LANGUAGES = {
    "a.ts": (TS_BLOCKS, ["\x0c", "\u2028", "\u2029"]),
    "a.py": (PY_BLOCKS, ["\x0c"]),
    "a.yml": (YAML_BLOCKS, ODD),
}
"""Blocks of template lines, and what a blank line may hold instead of nothing."""


@settings(deadline=None)  # each example parses a file: a busy machine must not fail it for being slow
@given(st.data())
def test_odd_characters_and_mixed_line_ends_move_no_extent_hidden_line_or_link(data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(sorted(LANGUAGES)), label="path")
    blocks, blanks = LANGUAGES[path]
    chosen = data.draw(st.lists(st.sampled_from(blocks), min_size=1, max_size=5), label="blocks")
    template = [line.replace("{n}", str(n)) for n, block in enumerate(chosen) for line in [*block, ""]]
    slots = data.draw(st.lists(st.sampled_from(["", *ODD]), min_size=len(template) * 2, max_size=len(template) * 2))
    ends = data.draw(st.lists(st.sampled_from(ENDS), min_size=len(template), max_size=len(template)))
    spaces = data.draw(st.lists(st.sampled_from(["", *blanks]), min_size=len(template), max_size=len(template)))
    odd_lines = [_fill(line, iter(slots[2 * i : 2 * i + 2])) or spaces[i] for i, line in enumerate(template)]
    for i in range(1, len(ends)):  # "\r" then an empty line ended by "\n" is one "\r\n": end it otherwise
        if ends[i - 1] == "\r" and not odd_lines[i] and ends[i] == "\n":
            ends[i] = "\r\n"
    clean = "".join(line.replace(SLOT, "") + "\n" for line in template)
    odd = "".join(line + end for line, end in zip(odd_lines, ends, strict=True))

    expected, expected_problems = extract_file(path, clean, language_of(path))
    found, problems = extract_file(path, odd, language_of(path))

    assert [str(p) for p in problems] == [str(p) for p in expected_problems] == []
    assert [_shape(f) for f in found] == [_shape(f) for f in expected]
    assert len(found) == sum(block is not blocks[-1] for block in chosen)
    lines = re.split(r"\r\n|\r|\n", odd)  # an independent reading of the same model
    link = SourceLink("{repo_url}/blob/{commit}/{path}#L{start}-L{end}", "https://example.org/r", "c0ffee", "")
    for f in found:
        assert "@pattern" in lines[f.line - 1]
        start, end = map(int, re.findall(r"#L(\d+)-L(\d+)$", link.url(path, f.start, f.end))[0])
        assert _plain(lines[start - 1]).strip() == _plain(clean.split("\n")[start - 1]).strip() != ""
        assert end >= start
        shown = [line for s in f.segments for line in s.lines]
        assert not any("SECRET" in line or "@pattern" in line for line in shown)
        assert all(
            _plain(line).strip() in _plain(lines[s.start - 1 + k]) for s in f.segments for k, line in enumerate(s.lines)
        )


def _fill(line: str, slots: object) -> str:
    parts = line.split(SLOT)
    chosen = iter(slots)  # type: ignore[call-overload]
    return parts[0] + "".join(next(chosen, "") + part for part in parts[1:])


def _plain(text: str) -> str:
    return "".join(c for c in text if c not in ODD)


def _shape(found: Found) -> tuple[object, ...]:
    """A found example with the odd characters taken out of its lines."""
    segments = [(s.start, [_plain(line).rstrip() for line in s.lines], s.elided_after) for s in found.segments]
    return found.ref, found.line, found.start, found.end, segments
