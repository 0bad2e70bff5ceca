"""Extents of syntactic units: the node after a marker, from ast-grep, or an indentation block."""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from ast_grep_py import SgNode, SgRoot

CLOSER_RE = re.compile(r"^(fi|done|esac|end|END|[)\]}]+[;,]?|</[\w.:-]+>)\s*$")


class Tree:
    """A parsed file: where its comments are and which node starts on a line."""

    def __init__(self, text: str, language: str) -> None:
        self.root = SgRoot(text, language).root()
        self.lines = text.splitlines()
        self._children: dict[tuple[int, int, str], tuple[list[SgNode], list[int]]] = {}

    @cached_property
    def comments(self) -> frozenset[int]:
        """1-based lines covered by comment nodes."""
        lines: set[int] = set()
        for node in self.root.find_all(kind="comment"):
            span = node.range()
            lines.update(range(span.start.line + 1, span.end.line + 2))
        return frozenset(lines)

    def unit_end(self, line: int) -> int | None:
        """Last line of the outermost named node that starts at `line` (1-based), or None."""
        node = self._starting_at(line - 1)
        return None if node is None else node.range().end.line + 1

    def is_comment(self, line: int) -> int | None:
        """If a comment node starts at `line`, its last line; otherwise None."""
        node = self._starting_at(line - 1)
        return node.range().end.line + 1 if node is not None and node.kind() == "comment" else None

    def _starting_at(self, row: int) -> SgNode | None:
        text = self.lines[row] if row < len(self.lines) else ""
        column = len(text) - len(text.lstrip())
        node = self.root
        while True:
            child = self._child_covering(node, row)
            if child is None:
                return None
            start = child.range().start
            if (start.line, start.column) == (row, column):
                return child if child.is_named() else None
            node = child

    def _child_covering(self, node: SgNode, row: int) -> SgNode | None:
        """The first child of `node` whose lines include `row`, by binary search over its children."""
        key = (node.range().start.index, node.range().end.index, node.kind())
        if key not in self._children:
            children = node.children()
            self._children[key] = (children, [c.range().end.line for c in children])
        children, ends = self._children[key]
        index = bisect.bisect_left(ends, row)
        if index < len(children) and children[index].range().start.line <= row:
            return children[index]
        return None


def indentation_block(lines: list[str], first: int) -> int:
    """Last line (1-based) of the block that starts at line `first`: it and the lines indented deeper.

    A YAML sequence written at its key's indentation (`key:` then `- item`) belongs to the key,
    and so does a closing line at the block's own indentation (`fi`, `done`, `}`, `);`, `</table>`).
    """
    head = lines[first - 1]
    indent = len(head) - len(head.lstrip())
    sequence_key = head.rstrip().endswith(":")
    last = first
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip())
        if depth > indent or (sequence_key and depth == indent and line.lstrip().startswith("- ")):
            last = number
            continue
        if depth == indent and CLOSER_RE.match(line.strip()):
            last = number
        break
    return last
