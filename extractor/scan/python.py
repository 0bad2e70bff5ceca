"""Python units from one parse with the standard `ast` module: nothing is imported or run.

Functions, methods and classes at any depth (decorators included, with their docstrings), and
every other statement, by the line it starts on.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Collection
from dataclasses import dataclass

from extractor.lines import split_lines


@dataclass(frozen=True)
class PyObject:
    """A function, method or class: its extent (decorators included) and docstring lines."""

    start: int
    end: int
    docstring: tuple[int, int] | None


class PythonFile:
    """A parsed Python file. Raises SyntaxError when the file does not parse."""

    def __init__(self, path: str, text: str, near: Collection[int] | None = None) -> None:
        """Parse `text`; with `near`, walk only into the statements that span one of those lines.

        Markers are looked up on the lines of `near`: a unit after a marker is a statement of the
        body the marker sits in, and a docstring marker's owner spans it, so every other compound
        statement is recorded but not entered.
        """
        self.tree = ast.parse(text, filename=path)
        walked = _walk(self.tree, sorted(near) if near is not None else None)
        self.objects = {o.start: o for o in walked.objects}
        self.statements = walked.statements
        self.comments = _comment_lines(split_lines(text), walked.nodes)
        self.module_docstring = _docstring_lines(self.tree)
        self._owners = sorted((o for o in walked.objects if o.docstring), key=lambda o: o.docstring or (0, 0))
        self._docstrings = [o.docstring for o in self._owners if o.docstring]
        self._docstring_starts = [start for start, _ in self._docstrings]

    def unit_end(self, line: int) -> int | None:
        """Last line of the object (or, failing that, statement) starting at `line`."""
        found = self.objects.get(line)
        return found.end if found else self.statements.get(line)

    def owner_of_docstring_line(self, line: int) -> PyObject | None:
        """The object whose docstring holds `line` (docstrings never overlap)."""
        index = bisect.bisect_right(self._docstring_starts, line) - 1
        return self._owners[index] if index >= 0 and self._docstrings[index][1] >= line else None

    def in_docstring(self, line: int) -> bool:
        """Whether `line` is a line of the module's docstring or of an object's."""
        module = self.module_docstring
        return self.owner_of_docstring_line(line) is not None or (module is not None and module[0] <= line <= module[1])

    def docstring_ranges(self) -> list[tuple[int, int]]:
        """Line ranges of the module's docstring and of every object's."""
        return sorted(self._docstrings + ([self.module_docstring] if self.module_docstring else []))


@dataclass
class _Walked:
    """What one pass over the statements collects (expressions are not visited: that is the slow part)."""

    objects: list[PyObject]
    statements: dict[int, int]
    nodes: list[tuple[int, ast.stmt]]
    """Every statement with its depth (how many statements hold it)."""


BODIES = ("body", "orelse", "finalbody", "handlers", "cases")
"""Fields that hold nested statements (or handlers and match cases, which hold a `body`)."""


def _walk(tree: ast.Module, near: list[int] | None) -> _Walked:
    walked = _Walked([], {}, [])
    pending: list[tuple[int, ast.AST]] = [(0, node) for node in tree.body]
    while pending:
        depth, node = pending.pop()
        statement = isinstance(node, ast.stmt)
        fields = _bodies(type(node))
        if fields and (near is None or _spans_any(node, near)):
            for field in fields:
                pending.extend((depth + statement, child) for child in getattr(node, field))
        if not isinstance(node, ast.stmt):
            continue
        walked.nodes.append((depth, node))
        start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        end = node.end_lineno or node.lineno
        for first in {start, node.lineno}:  # from its `def` line too: a marker may sit below its decorators
            walked.statements[first] = max(walked.statements.get(first, end), end)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            walked.objects.append(PyObject(start, end, _docstring_lines(node)))
    return walked


def _spans_any(node: ast.AST, lines: list[int]) -> bool:
    """Whether a line of sorted `lines` falls within the node (a match case, which has no lines, is entered)."""
    start = getattr(node, "lineno", None)
    end = getattr(node, "end_lineno", None)
    if start is None or end is None:
        return True
    index = bisect.bisect_left(lines, start)
    return index < len(lines) and lines[index] <= end


_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}


def _bodies(kind: type[ast.AST]) -> tuple[str, ...]:
    """Which of `BODIES` a node type has (most statements have none), worked out once per type."""
    fields = _FIELDS.get(kind)
    if fields is None:
        fields = _FIELDS[kind] = tuple(field for field in BODIES if field in kind._fields)
    return fields


def _docstring_lines(
    node: ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
) -> tuple[int, int] | None:
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first.lineno, first.end_lineno or first.lineno
    return None


def _comment_lines(lines: list[str], statements: list[tuple[int, ast.stmt]]) -> set[int]:
    """Lines that are only a comment: they start with `#` and, for lines that may be markers (they hold an
    `@`), are not inside a string literal.

    Only those lines are looked up, each in the innermost statement spanning it.
    """
    found = {n for n, line in enumerate(lines, 1) if line.lstrip().startswith("#")}
    asked = sorted(n for n in found if "@" in lines[n - 1])
    innermost = _innermost(asked, statements)
    strings: dict[int, set[int]] = {}
    for line, statement in innermost.items():
        if id(statement) not in strings:
            strings[id(statement)] = _string_lines(statement)
        if line in strings[id(statement)]:
            found.discard(line)
    return found


def _innermost(lines: list[int], statements: list[tuple[int, ast.stmt]]) -> dict[int, ast.stmt]:
    """For each of the sorted `lines`, the deepest statement that starts above it and ends on or below it."""
    best: dict[int, tuple[int, ast.stmt]] = {}
    for depth, node in statements:
        start, end = node.lineno, node.end_lineno or node.lineno
        if end <= start:
            continue
        for line in lines[bisect.bisect_right(lines, start) : bisect.bisect_right(lines, end)]:
            if line not in best or best[line][0] < depth:
                best[line] = (depth, node)
    return {line: node for line, (_, node) in best.items()}


def _string_lines(statement: ast.stmt) -> set[int]:
    """Lines that begin inside a string literal of the statement's own expressions (not its nested statements')."""
    lines: set[int] = set()
    pending: list[ast.AST] = [statement]
    while pending:
        for child in ast.iter_child_nodes(pending.pop()):
            if isinstance(child, ast.stmt):
                continue
            if isinstance(child, ast.Constant | ast.JoinedStr):
                lines.update(range(child.lineno + 1, (child.end_lineno or child.lineno) + 1))
            pending.append(child)
    return lines
