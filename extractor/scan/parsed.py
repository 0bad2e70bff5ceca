"""The parser's view of one file, whichever parser reads it: which lines are comments, where units end."""

from __future__ import annotations

import tokenize
from collections.abc import Collection

from extractor.lines import split_lines
from extractor.scan.languages import Language
from extractor.scan.python import PythonFile
from extractor.scan.units import Tree, indentation_block, markdown_block
from extractor.text import fenced_lines


class Parsed:
    """The parser's view of one file, whichever parser that is."""

    def __init__(self, path: str, text: str, language: Language, near: Collection[int] | None = None) -> None:
        self.python: PythonFile | None = None
        self.tree: Tree | None = None
        self.markdown: set[int] | None = None
        self.problem = ""
        self.lines = split_lines(text)
        if language.parser == "python":
            try:
                self.python = PythonFile(path, text, near)
            except (SyntaxError, tokenize.TokenError) as exc:
                line = getattr(exc, "lineno", None) or (exc.args[1][0] if len(exc.args) > 1 else 0)
                self.problem = f"the file does not parse (line {line}: {exc.args[0]})"
            except RecursionError:  # `ast` builds its tree recursively: a long enough `a + a + ...` overflows it
                self.problem = "the file does not parse (an expression is nested too deeply for Python's parser)"
        elif language.parser:
            self.tree = Tree(text, language.parser)
        elif language.name == "markdown":
            self.markdown = {index + 1 for index in fenced_lines(self.lines)}

    def in_comment(self, line: int) -> bool:
        """Whether the marker word on `line` is in a comment (always, for files no parser reads).

        In Markdown only an HTML comment outside fenced code is: headings (`## @pattern x`) and code
        examples that mention markers are text.
        """
        if self.python:
            return line in self.python.comments
        if self.problem:  # Python that does not parse: a line that starts with `#`
            return self.lines[line - 1].lstrip().startswith("#")
        if self.tree:
            return self.tree.in_comment(line, self.lines[line - 1].find("@"))
        if self.markdown is not None:
            return line not in self.markdown and self.lines[line - 1].lstrip().startswith("<!--")
        return True

    def in_docstring(self, line: int) -> bool:
        return self.python is not None and self.python.in_docstring(line)

    def unit_end(self, first: int) -> int | None:
        """Last line of the unit that starts at line `first`."""
        if self.python:
            return self.python.unit_end(first)
        if self.tree:
            return self.tree.unit_end(first)
        if self.markdown is not None:
            return markdown_block(self.lines, first, self.markdown)
        return None if self.problem else indentation_block(self.lines, first)

    def comment_end(self, line: int) -> int | None:
        """If a comment starts at `line`, its last line."""
        if self.python:
            return line if line in self.python.comments else None
        return self.tree.is_comment(line) if self.tree else None
