"""Extraction stays linear on files shaped to make it slow: each row is one file read and cut, in-process.

A minified bundle (one 1 MB line under a marker), a file of 10,000 markers in TypeScript and in Python,
and a region holding 10,000 hidden runs. Each must take under 2 s (it took up to 91 s when extraction
asked every child of a long line for its range, and the marker regex was cubic on a line of spaces).
"""

from __future__ import annotations

from collections.abc import Callable

LIMIT = 2.0


def minified_line() -> tuple[str, bytes]:
    """A marker above one line of about 1.2 MB of JavaScript, with a comment in every statement."""
    line = "var a=" + ";".join(f"b{i}=function(){{return {i}}}/*c*/" for i in range(32_000))
    return "dist/bundle.js", f"// @pattern web/bundle\n{line}\n".encode()


def many_markers_ts() -> tuple[str, bytes]:
    unit = "// @pattern backend/query-function-structure\nexport const f{n} = {n};\n\n"
    return "src/many.ts", "".join(unit.format(n=n) for n in range(10_000)).encode()


def many_markers_py() -> tuple[str, bytes]:
    unit = "# @pattern backend/query-function-structure\ndef f{n}():\n    return {n}\n\n"
    return "src/many.py", "".join(unit.format(n=n) for n in range(10_000)).encode()


def many_hidden_runs() -> tuple[str, bytes]:
    run = "    x{n} = {n}\n    # @pattern-hide-start\n    secret{n} = {n}\n    # @pattern-hide-end\n"
    body = "".join(run.format(n=n) for n in range(10_000))
    return "src/hidden.py", f"def f():\n    # @pattern-start a/b\n{body}    # @pattern-end a/b\n".encode()


CASES: dict[str, tuple[str, Callable[[], tuple[str, bytes]]]] = {
    "extract_minified_line": ("a 1 MB minified line under a marker", minified_line),
    "extract_markers_ts": ("10,000 markers in one TypeScript file", many_markers_ts),
    "extract_markers_py": ("10,000 markers in one Python file", many_markers_py),
    "extract_hidden_runs": ("a region holding 10,000 hidden runs", many_hidden_runs),
}
"""Row key: what the file is, and how to make it."""


def files() -> dict[str, tuple[str, str, bytes]]:
    """Row key: (label, path, content) of each file."""
    return {key: (label, *make()) for key, (label, make) in CASES.items()}
