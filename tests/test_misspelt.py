"""Near misses of the marker words: a warning at their own line naming the right spelling, and no knock-on
errors; measured on a labelled set of lines, most of them lines of public code that hold `@pattern`
(or a word like it) without being markers of this tool."""

from __future__ import annotations

import pytest

from extractor.model import Diagnostic
from extractor.scan.extract import extract_file
from extractor.scan.languages import language_of
from extractor.scan.spelling import distance, misspelt

MEANT = [
    # (path, line): near misses of a marker, in each comment syntax
    ("a.ts", "// @patern backend/query-function-structure"),
    ("a.py", "# @pattren cron-jobs"),
    ("a.ts", "// @Pattern backend/query-function-structure"),
    ("a.yml", "# @PATTERN testing/ci"),
    ("a.ts", "// @pattern: backend/query-function-structure"),
    ("a.ts", "// @patterns backend/query-function-structure"),
    ("a.sh", "# @patterns: cron-jobs"),
    ("a.ts", "/* @patern backend/x */"),
    ("a.html", "<!-- @Pattern frontend/layout -->"),
    ("a.tsx", "{/* @pattren frontend/error-boundaries */}"),
    ("a.sql", "-- @pattrn backend/schema-definition"),
    ("a.ts", "// @pttern backend/x"),
    ("a.ts", "// @patten backend/x"),
    ("a.ts", "// @paattern backend/x"),
    ("a.py", "# @pattern_start backend/x"),
    ("a.ts", "// @Pattern-Start backend/x"),
    ("a.ts", "// @pattern-start: backend/x"),
    ("a.ts", "// @pattern-hide-end:"),
    ("a.ts", "// @Pattern-hide-start"),
    ("a.ts", '// @pattern-allow: backend/x reason="reviewed"'),
    ("a.ts", "// @pattern: form-view"),  # another tool's convention (public code), a near miss all the same
    # `@pattern-<unknown>` is an error already; it must name the right spelling too
    ("a.ts", "// @pattern-star backend/x"),
    ("a.ts", "// @pattern-strat backend/x"),
    ("a.ts", "// @pattern-hide-strat"),
    ("a.ts", "// @pattern-hidestart"),
    ("a.ts", "// @pattern-edn backend/x"),
    ("a.ts", "// @pattern-ends backend/x"),
    ("a.ts", '// @pattern-alow backend/x reason="reviewed"'),
]
NOT_MEANT = [
    # lines of public code found by searching for `@pattern` and like words
    ("a.ts", "import { Page } from '@patternfly/react-core'"),
    ("a.ts", '} from "@patternfly/react-core";'),
    ("a.ts", "// import spacing from '@patternfly/react-styles/css/utilities/Spacing/spacing';"),
    ("a.rs", "// - Isis Agora Lovecruft <isis@patternsinthevoid.net>"),
    ("a.c", " * @paterns: the full patterns information to look for."),
    ("a.c", " * @patterns: a pointer to the pattern parameters, updated by this function"),
    ("a.py", "# @patterns Command pattern - supports translate, detect, and batch operations"),
    ("a.py", "# @pattern: Modified Binary Search"),
    ("a.java", "// @Pattern: your own regex, for formats the others do not cover"),
    ("a.java", '\t// @Pattern(regexp = "^(?=.*[0-9])(?=.*[a-z]).*$",'),
    ("a.java", '    // @Pattern(regexp="^\\\\(?(\\\\d{3})\\\\)?[- ]?(\\\\d{3})$", message="Invalid phone")'),
    ("a.java", "    // @Pattern already checked this!"),
    ("a.cpp", '/// @pattern: string with following format: "aa@aa*", where'),
    ("a.ts", "    // @pattern:Name"),
    ("a.txt", " *\t@Pattern GameEngine"),
    ("a.sh", "# Ugo Paternostro <ugo.git@paternostro.org>"),
    ("a.sql", "\t@Paterno\t\t\tVARCHAR(40),"),
    ("a.cs", '            SqlParameter pat = new SqlParameter("@paterno", oUsu.Paterno);'),
    ("a.ts", "import { createI18n } from '@paternina/intlayer'"),
    ("a.txt", "# @patternmode/aperto"),
    ("a.txt", "# @pattern-js/mod-store"),
    ("a.py", "# @pattern-log: Use two variables to track largest and second largest"),
    ("a.rb", "    @patterns = [ 'workers' ]"),
    ("a.ex", "  @patterns [~r/\\.git/, ~r/node_modules/]"),
    ("a.pl", "   my @patterns = @_;"),
    # common doc tags and pragmas
    ("a.ts", " * @param name the name"),
    ("a.ts", " * @returns the value"),
    ("a.ts", " * @deprecated use list() instead"),
    ("a.ts", "// @ts-expect-error the type is wrong upstream"),
    ("a.ts", "/** @jsx h */"),
    ("a.ts", "// @vitest-environment jsdom"),
    ("a.ts", " * @property items the items"),
    ("a.ts", " * @template T"),
    ("a.php", "     * @package Patterns"),
    ("a.sh", "# contact: team@pattern.dev"),
    ("a.ts", "const re = /@pattern/;"),
]
PYTHON_NOT_MEANT = """\
class Basket:
    @property
    def patterns(self) -> list[str]:
        return self._patterns

    @patterns.setter
    def patterns(self, value: list[str]) -> None:
        self._patterns = value


@pattern_matcher
def match(x):
    return x


@Pattern
class Shape:
    pass
"""


def _flagged(diagnostics: list[Diagnostic], line: int) -> bool:
    """A warning of a misspelt word, or an unknown-marker error that names the right spelling, at `line`."""
    return any(
        d.location.line == line and (d.code == "marker-misspelt" or "did you mean" in d.message) for d in diagnostics
    )


def _flags(path: str, line: str) -> bool:
    text = f"{line}\nconst after = 1;\n" if path.endswith(".ts") else f"{line}\nafter = 1\n"
    _, diagnostics = extract_file(path, text, language_of(path))
    return _flagged(diagnostics, 1)


def test_the_detector_on_a_labelled_set_of_lines() -> None:
    caught = sum(_flags(path, line) for path, line in MEANT)
    false = [line for path, line in NOT_MEANT if _flags(path, line)]
    _, python = extract_file("a.py", PYTHON_NOT_MEANT, language_of("a.py"))
    decorators = [d for d in python if d.code == "marker-misspelt"]
    precision = caught / (caught + len(false) + len(decorators)) if caught else 0.0
    recall = caught / len(MEANT)
    print(
        f"\nnear-miss marker words: {len(MEANT)} meant, {len(NOT_MEANT) + 3} not meant; "
        f"precision {precision:.3f}, recall {recall:.3f}; flagged wrongly: {false + [str(d) for d in decorators]}"
    )
    assert recall == 1.0
    assert precision == 1.0


@pytest.mark.parametrize(
    ("written", "colon", "meant"),
    [
        ("patern", False, "pattern"),
        ("pattren", False, "pattern"),
        ("Pattern", False, "pattern"),
        ("pattern", True, "pattern"),
        ("patterns", False, "pattern"),
        ("Patterns", True, "pattern"),
        ("pattern-hidestart", False, "pattern-hide-start"),
        ("pattern-ends", False, "pattern-end"),
        ("pattern", False, None),
        ("param", False, None),
        ("patternfly", False, None),
        ("pattern_matcher", False, None),
    ],
)
def test_the_right_spelling_of_a_word(written: str, colon: bool, meant: str | None) -> None:
    assert misspelt(written, colon) == meant


def test_edit_distance_counts_a_swap_of_neighbours_as_one() -> None:
    assert [distance("pattren", "pattern"), distance("patern", "pattern"), distance("", "ab")] == [1, 1, 2]


def test_the_warning_is_at_its_own_line_and_names_the_right_spelling() -> None:
    text = "x = 1\n# @patern backend/x\ndef f():\n    pass\n"
    found, diagnostics = extract_file("a.py", text, language_of("a.py"))
    assert found == []
    assert [str(d) for d in diagnostics] == [
        "a.py:2: warning[marker-misspelt]: `@patern` is not a marker word, so this line marks nothing; "
        "write `@pattern` (or reword the comment if it is not meant as a marker)"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("# @patern-start backend/x\nx = 1\n# @pattern-end backend/x\n", 1, id="region-start-misspelt"),
        pytest.param("# @pattern-start backend/x\nx = 1\n# @Pattern-end backend/x\n", 3, id="region-end-misspelt"),
        pytest.param(
            "# @pattern-strat backend/x\nx = 1\n# @pattern-end backend/x\n", 1, id="region-start-unknown-verb"
        ),
        pytest.param(
            "# @pattern x\ndef f():\n    # @pattern-hide-strat\n    secret()\n    # @pattern-hide-end\n    return 1\n",
            3,
            id="hide-start-misspelt",
        ),
        pytest.param(
            "# @patern x\ndef f():\n    # @pattern-hide-start\n    secret()\n    # @pattern-hide-end\n    return 1\n",
            1,
            id="unit-marker-misspelt-around-a-hide-block",
        ),
    ],
)
def test_a_misspelt_marker_causes_no_knock_on_error_elsewhere(text: str, line: int) -> None:
    found, diagnostics = extract_file("a.py", text, language_of("a.py"))
    assert [d.location.line for d in diagnostics] == [line]
    assert not any("secret" in code for f in found for s in f.segments for code in s.lines)


def test_a_misspelt_hide_still_hides() -> None:
    text = "# @pattern x\ndef f():\n    # @pattern-hidestart\n    secret()\n    # @pattern-hide-end\n    return 1\n"
    (found,), _ = extract_file("a.py", text, language_of("a.py"))
    assert [(s.lines, s.elided_after) for s in found.segments] == [
        (("def f():",), "    # ..."),
        (("    return 1",), None),
    ]


def test_a_near_miss_in_a_file_with_no_other_marker_is_read() -> None:
    from extractor.scan import scan_data

    assert [d.code for d in scan_data("a.ts", b"// @patern backend/x\nconst a = 1;\n").diagnostics] == [
        "marker-misspelt"
    ]
