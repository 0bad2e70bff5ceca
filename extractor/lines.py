"""The one line model: where the lines of a text end, as parsers and editors number them.

A line ends at `\\n`, at `\\r\\n`, or at a lone `\\r` (a file saved with classic Mac line ends):
Python's own reader and the usual editors count lines this way. Nothing else ends a line. U+2028
and U+2029 (line and paragraph separators), U+0085 (next line), form feed, vertical tab and
U+001C-U+001E are characters inside a line, as they are to tree-sitter (ast-grep) and Python's
`ast`, although `str.splitlines()` splits on all of them. tree-sitter alone does not end a line
at a lone `\\r`, so text reaches it through `normalized`, with every line end written `\\n`.
"""

from __future__ import annotations

import re

LINE_END_RE = re.compile(r"\r\n?|\n")
_KEEPENDS_RE = re.compile(r"[^\r\n]*+(?:\r\n?|\n)|[^\r\n]++")


def split_lines(text: str) -> list[str]:
    """The lines of `text` without their ends; like `str.splitlines()`, no empty last line after a final line end."""
    lines = LINE_END_RE.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def split_lines_keepends(text: str) -> list[str]:
    """The lines of `text` with their ends, so that `"".join(...)` gives `text` back byte for byte."""
    return _KEEPENDS_RE.findall(text)


def normalized(text: str) -> str:
    """`text` with every line end written `\\n`, so that counting `\\n` counts lines."""
    if "\r" not in text:
        return text
    return LINE_END_RE.sub("\n", text)


def line_at(text: str, offset: int) -> int:
    """The 1-based line that holds the character at `offset` of `text` (a line's end belongs to it)."""
    if text[offset - 1 : offset + 1] == "\r\n":
        offset -= 1
    return len(LINE_END_RE.findall(text, 0, offset)) + 1
