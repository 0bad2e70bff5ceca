"""Extents of syntactic units: the node after a marker, from ast-grep; an indentation block; a Markdown block."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import accumulate

from ast_grep_py import SgNode, SgRoot

from extractor.lines import split_lines
from extractor.text import fence_end

CLOSER_RE = re.compile(r"^(fi|done|esac|end|END|[)\]}]+[;,]?|</[\w.:-]+>)\s*$")
HEADING_RE = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")


class Tree:
    """A parsed file: which node starts on a line, and whether a position is inside a comment.

    Positions are looked up by descending from the root, choosing each time among a node's children
    by binary search, so that a lookup asks a few nodes for their range: asking is slow on a long line
    (ast-grep counts the characters before the node), and a minified file is one long line.
    """

    def __init__(self, text: str, language: str) -> None:
        """Parse `text`, whose line ends must all be `\\n` (see `extractor.lines.normalized`)."""
        self.root = SgRoot(text, language).root()
        self.lines = split_lines(text)
        self.offsets = [0, *accumulate(len(line) + 1 for line in self.lines)]
        """Where each line starts, in characters from the start of the text."""
        self._children: dict[int, list[SgNode]] = {}
        """Children by the id of their parent: every node looked at is the root or in one of these lists,
        which keep it alive, so ids are never reused."""
        self._ends: dict[int, int] = {}

    def unit_end(self, line: int) -> int | None:
        """Last line of the outermost named node that starts at `line` (1-based), or None."""
        node = self._starting_at(line)
        return None if node is None else node.range().end.line + 1

    def is_comment(self, line: int) -> int | None:
        """If a comment node starts at `line`, its last line; otherwise None."""
        node = self._starting_at(line)
        return node.range().end.line + 1 if node is not None and _is_comment(node) else None

    def in_comment(self, line: int, column: int) -> bool:
        """Whether the character at `column` (0-based) of `line` (1-based) is inside a comment node."""
        return any(_is_comment(node) for node in self._path_to(self._offset(line, column)))

    def _offset(self, line: int, column: int) -> int:
        return self.offsets[min(line, len(self.lines) + 1) - 1] + column

    def _starting_at(self, line: int) -> SgNode | None:
        """The outermost node that starts at the first non-blank character of `line`, if it is named; or the
        declaration whose decorators (and comments) are all it holds before that character: the line after a
        marker put between a declaration's decorators and the declaration."""
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        offset = self._offset(line, len(text) - len(text.lstrip()))
        for node in self._path_to(offset):
            if node.range().start.index == offset:
                return node if node.is_named() else None
            if self._decorated_before(node, offset):
                return node
        return None

    def _decorated_before(self, node: SgNode, offset: int) -> bool:
        """Whether all that `node` holds before `offset` is decorators, and comments among them (looked at from its
        first child, up to the first that is neither: a node with thousands of children is not walked)."""
        decorated = False
        for child in self._kids(node):
            if self._end(child) > offset:
                return decorated
            kind = child.kind()
            if kind != "decorator" and "comment" not in kind:
                return False
            decorated = decorated or kind == "decorator"
        return decorated

    def _path_to(self, offset: int) -> Iterator[SgNode]:
        """The nodes holding the character at `offset`, outermost first."""
        node: SgNode | None = self._child_covering(self.root, offset)
        while node is not None:
            yield node
            node = self._child_covering(node, offset)

    def _child_covering(self, node: SgNode, offset: int) -> SgNode | None:
        """The child of `node` holding the character at `offset`, by binary search over its children."""
        children = self._kids(node)
        index = bisect.bisect_right(children, offset, key=self._end)
        if index < len(children) and children[index].range().start.index <= offset:
            return children[index]
        return None

    def _kids(self, node: SgNode) -> list[SgNode]:
        """The children of `node`, asked once."""
        children = self._children.get(id(node))
        if children is None:
            children = self._children[id(node)] = node.children()
        return children

    def _end(self, node: SgNode) -> int:
        """Where `node` ends, asked once per node (the children lists keep the nodes, so their ids stay theirs)."""
        end = self._ends.get(id(node))
        if end is None:
            end = self._ends[id(node)] = node.range().end.index
        return end


def _is_comment(node: SgNode) -> bool:
    """`comment`, or `line_comment`, `block_comment`... as grammars name them."""
    return "comment" in node.kind()


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


def markdown_block(lines: list[str], first: int, fenced: set[int]) -> int:
    """Last line (1-based) of the Markdown block that starts at line `first`: a fenced code block with its
    closing fence, a heading with its section (up to the next heading of its level or above), or else
    the lines up to the next blank line (a paragraph, a list, a table). `fenced` holds the 1-based
    lines inside fenced code blocks.
    """
    if first in fenced:
        return fence_end(lines, first - 1) + 1
    heading = HEADING_RE.match(lines[first - 1])
    last = first
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1]
        if heading is None and not line.strip():
            break
        above = number not in fenced and HEADING_RE.match(line)
        if heading is not None and above and len(above.group(1)) <= len(heading.group(1)):
            break
        last = number
    return last
