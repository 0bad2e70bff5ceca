"""Python units from one parse with the standard `ast` module: nothing is imported or run.

Functions, methods and classes at any depth (decorators included, with their docstrings), and
every other statement, by the line it starts on.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Collection
from dataclasses import dataclass


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
        self.comments = _comment_lines(text, walked.nodes)
        self.module_docstring = _docstring_lines(self.tree)

    def unit_end(self, line: int) -> int | None:
        """Last line of the object (or, failing that, statement) starting at `line`."""
        found = self.objects.get(line)
        return found.end if found else self.statements.get(line)

    def owner_of_docstring_line(self, line: int) -> PyObject | None:
        """The innermost object whose docstring holds `line`."""
        owners = [o for o in self.objects.values() if o.docstring and o.docstring[0] <= line <= o.docstring[1]]
        return max(owners, key=lambda o: o.start, default=None)

    def docstring_ranges(self) -> list[tuple[int, int]]:
        """Line ranges of the module's docstring and of every object's."""
        ranges = [o.docstring for o in self.objects.values() if o.docstring]
        return sorted(ranges + ([self.module_docstring] if self.module_docstring else []))


@dataclass
class _Walked:
    """What one pass over the statements collects (expressions are not visited: that is the slow part)."""

    objects: list[PyObject]
    statements: dict[int, int]
    nodes: list[ast.stmt]
    """Every statement, outermost first."""


BODIES = ("body", "orelse", "finalbody", "handlers", "cases")
"""Fields that hold nested statements (or handlers and match cases, which hold a `body`)."""


def _walk(tree: ast.Module, near: list[int] | None) -> _Walked:
    walked = _Walked([], {}, [])
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        fields = _bodies(type(node))
        if fields and (near is None or _spans_any(node, near)):
            for field in fields:
                pending.extend(getattr(node, field))
        if not isinstance(node, ast.stmt):
            continue
        walked.nodes.append(node)
        start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        end = node.end_lineno or node.lineno
        walked.statements[start] = max(walked.statements.get(start, end), end)
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


def _comment_lines(text: str, statements: list[ast.stmt]) -> set[int]:
    """Lines that are only a comment: they start with `#` and, for marker lines, are not inside a string.

    Only a line holding `@pattern` can matter, so only those are looked up in the statement around them.
    """
    found = set()
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#") and not ("@pattern" in line and _in_string(n, statements)):
            found.add(n)
    return found


def _in_string(line: int, statements: list[ast.stmt]) -> bool:
    """Whether `line` begins inside a string literal of the innermost statement spanning it."""
    around = [s for s in statements if s.lineno < line <= (s.end_lineno or s.lineno)]
    if not around:
        return False
    innermost = max(around, key=lambda s: s.lineno)
    return any(
        isinstance(node, ast.Constant | ast.JoinedStr) and node.lineno < line <= (node.end_lineno or node.lineno)
        for node in ast.walk(innermost)
    )
