"""The block structure of a Markdown page as Python-Markdown reads it: headings, code, raw HTML (pure, linear).

A heading is what Python-Markdown makes an `<h1>`..`<h6>` of, so that its anchor and the page's
other anchors come out as on the site:

- an ATX heading: a line starting with one to six `#` (a space after them is not required);
- a setext heading: the first line of a block, underlined by a line of only `=` (level 1) or `-`
  (level 2). A block starts after a blank line, a heading, a rule, a fence or an HTML block.

Nothing inside fenced code, a raw HTML block (a block-level tag such as `<div>` or `<details>` at
the start of a line, up to its matching end tag; an `<!-- comment -->` starting a line) or an
indented code block is a heading, a field or a link. A block-level tag with `markdown="1"` (the
`md_in_html` extension) holds Markdown, which is read as such.

Not read as headings, unlike Python-Markdown: headings inside list items, block quotes or
admonitions (indented or quoted lines), and a start tag split over several lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# fmt: off
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main",
    "menu", "nav", "ol", "p", "pre", "section", "table", "ul", "canvas", "colgroup", "dd", "body", "dt",
    "group", "html", "iframe", "li", "legend", "math", "map", "noscript", "output", "object", "option",
    "progress", "script", "style", "summary", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr",
    "video", "center",
))
# fmt: on
"""Python-Markdown's block-level elements: at the start of a line, one starts a raw HTML block."""
RAW_TEXT_TAGS = frozenset({"script", "style"})
TAG_RE = re.compile(r"<(/?)([A-Za-z][^\t\n\r\f />\x00]*)|<!--")
UNDERLINE_RE = re.compile(r"(=+|-+) *")
MARKDOWN_ATTR_RE = re.compile(r"""\smarkdown\s*=\s*["']?(1|block)["'\s>/]""")


@dataclass(frozen=True)
class RawHeading:
    """A heading as written: its level and its text, before attribute lists and inline Markdown are read."""

    line: int
    """1-based line of the heading (of its text line, for a setext heading)."""
    level: int
    """1 to 6."""
    text: str
    """The text Python-Markdown gives the heading element: hashes and surrounding space removed."""
    literal: bool = False
    """The text is code, shown as written: no attribute list, no inline Markdown."""


@dataclass(frozen=True)
class Structure:
    """What a page's lines are."""

    headings: tuple[RawHeading, ...]
    """Every heading, in page order."""
    code: frozenset[int]
    """0-based indexes of lines in fenced code, fences included."""
    raw: frozenset[int]
    """0-based indexes of lines in raw HTML blocks and comments, and of indented code: not Markdown text."""
    unclosed_fence: int | None
    """0-based index of a fence never closed, or None."""
    hidden_headings: tuple[tuple[int, int], ...] = ()
    """(1-based line, line where its HTML block starts) of each line shaped like a heading in raw HTML."""

    def is_text(self, index: int) -> bool:
        """True when line `index` (0-based) is Markdown text: neither code nor raw HTML."""
        return index not in self.code and index not in self.raw


def read_structure(lines: list[str], first: int = 0, md_in_html: bool = True, superfences: bool = True) -> Structure:
    """The headings, code and HTML of `lines` (without line endings), from index `first` (after front matter).

    Without `md_in_html`, `markdown="1"` is an attribute like any other; without `superfences`
    (MkDocs' own `fenced_code`), a block starts after a fence.
    """
    code, unclosed = fences(lines, first)
    scanner = _Scanner(lines, code, md_in_html, superfences)
    scanner.run(first)
    return Structure(tuple(scanner.headings), frozenset(code), frozenset(scanner.raw), unclosed, tuple(scanner.hidden))


def fences(lines: list[str], first: int = 0) -> tuple[set[int], int | None]:
    """Lines of fenced code (fences included), and the first opening fence never closed, as `superfences` reads them.

    A fence opens with three or more backticks or tildes at the start of a line and closes at the
    next line holding exactly the same fence; a fence never closed is no fence (the site shows it
    as text).
    """
    code: set[int] = set()
    unclosed: int | None = None
    hopeless: dict[str, int] = {}  # fence -> line from which no closing line follows
    index = first
    while index < len(lines):
        fence = _opening(lines[index])
        close = _closing(lines, index, fence, hopeless) if fence else None
        if fence and close is None and unclosed is None:
            unclosed = index
        if close is None:
            index += 1
            continue
        code.update(range(index, close + 1))
        index = close + 1
    return code, unclosed


def _opening(line: str) -> str:
    """The fence a line opens (`` ``` ``, `~~~~`...), or ''."""
    mark = line[:1]
    if mark not in ("`", "~"):
        return ""
    fence = line[: len(line) - len(line.lstrip(mark))]
    if len(fence) < 3 or (mark == "`" and "`" in line[len(fence) :]):
        return ""
    return fence


def _closing(lines: list[str], index: int, fence: str, hopeless: dict[str, int]) -> int | None:
    if hopeless.get(fence, len(lines)) <= index:
        return None
    for number in range(index + 1, len(lines)):
        if lines[number].rstrip(" ") == fence:
            return number
    hopeless[fence] = index
    return None


def _indent(line: str) -> int:
    """Columns of leading white space, tabs counting to the next multiple of four (as Python-Markdown expands them)."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def atx_heading(line: str) -> tuple[int, str]:
    """(level, text) of a line starting with `#`: the trailing run of `#` goes when nothing follows it."""
    level = min(len(line) - len(line.lstrip("#")), 6)
    rest = line[level:]
    end = len(rest.rstrip("#"))
    if end < len(rest) and _escaped(rest, end):
        end += 1  # `\#` is a literal hash
    return level, rest[:end].strip()


def _escaped(text: str, position: int) -> bool:
    """True when the character at `position` follows an odd run of backslashes."""
    run = 0
    while position - run - 1 >= 0 and text[position - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def is_rule(line: str) -> bool:
    """A thematic break: three or more `-`, `*` or `_` (one kind), at most two spaces between them."""
    body = line.strip(" ")
    if not body or body[0] not in "-*_" or len(line) - len(line.lstrip(" ")) > 3:
        return False
    mark = body[0]
    if body.count(mark) < 3 or set(body) - {mark, " "}:
        return False
    return "   " not in body


class _Scanner:
    """One pass over the lines: tracks where blocks start, finds headings and raw HTML."""

    def __init__(self, lines: list[str], code: set[int], md_in_html: bool = True, superfences: bool = True) -> None:
        self.lines, self.code = lines, code
        self.md_in_html, self.superfences = md_in_html, superfences
        self.headings: list[RawHeading] = []
        self.raw: set[int] = set()
        self.hidden: list[tuple[int, int]] = []
        self.no_close: dict[str, int] = {}
        """Terminator (`-->`, `?>`, `>`) -> a line index from which it is known not to occur again."""

    def run(self, first: int) -> None:
        index, block_start, indented_code = first, True, False
        while index < len(self.lines):
            line = self.lines[index]
            if index in self.code:
                index, block_start = self._fenced(index, block_start or indented_code)
                indented_code = False
                continue
            if not line.strip():
                index, block_start, indented_code = index + 1, True, False
                continue
            raw_end = self._raw_html_end(index)
            if raw_end is not None:
                self.raw.update(range(index, raw_end + 1))
                hidden = (n for n in range(index + 1, raw_end + 1) if n not in self.code and self.lines[n][:1] == "#")
                self.hidden += [(n + 1, index + 1) for n in hidden]
                index, block_start, indented_code = raw_end + 1, True, False
                continue
            if _indent(line) >= 4 and (block_start or indented_code):
                self.raw.add(index)  # indented code: neither heading, nor field, nor link
                index, block_start, indented_code = index + 1, False, True
                continue
            index, block_start = self._line(index, block_start or indented_code)
            indented_code = False

    def _fenced(self, index: int, block_start: bool) -> tuple[int, bool]:
        """Skip a fenced block; returns the next index and whether it starts a block.

        superfences leaves the code in its block, so no block starts after it, and a rule right
        under the closing fence makes the code a setext heading (an `<h2>` holding the code).
        """
        start = index
        while index + 1 < len(self.lines) and index + 1 in self.code and not self._closes_fence(start, index):
            index += 1
        if not self.superfences:
            return index + 1, True
        if not (block_start and self._underlined(index)):
            return index + 1, False
        level = 1 if self.lines[index + 1].startswith("=") else 2
        text = " ".join(" ".join(self.lines[start + 1 : index]).split())
        self.headings.append(RawHeading(start + 1, level, text, literal=True))
        return index + 2, True

    def _closes_fence(self, start: int, index: int) -> bool:
        return index > start and self.lines[index].rstrip(" ") == self.lines[start][: len(_opening(self.lines[start]))]

    def _line(self, index: int, block_start: bool) -> tuple[int, bool]:
        """Read the line at `index`; returns the next index and whether it starts a block."""
        line = self.lines[index]
        if line.startswith("#"):
            level, text = atx_heading(line)
            self.headings.append(RawHeading(index + 1, level, text))
            return index + 1, True
        if block_start and self._underlined(index) and _indent(line) < 4:
            level = 1 if self.lines[index + 1].startswith("=") else 2
            self.headings.append(RawHeading(index + 1, level, line.strip()))
            return index + 2, True
        return index + 1, is_rule(line)

    def _underlined(self, index: int) -> bool:
        following = index + 1
        return (
            following < len(self.lines)
            and following not in self.code
            and UNDERLINE_RE.fullmatch(self.lines[following].replace("\t", "    ")) is not None
        )

    def _raw_html_end(self, index: int) -> int | None:
        """Last line of the raw HTML block starting on line `index`, or None when none starts there."""
        line = self.lines[index]
        if _indent(line) > 3 or not line.lstrip().startswith("<"):
            return None
        start = len(line) - len(line.lstrip())
        if line.startswith("<!--", start):
            return self._until(index, start + 4, "-->")
        if line.startswith("<?", start):
            return self._until(index, start + 2, "?>")
        if line.startswith("<!", start) and line[start + 2 : start + 3].isalpha():
            return self._until(index, start + 2, ">")
        if line.startswith("</", start):  # the end tag of an element holding Markdown (md_in_html)
            match = TAG_RE.match(line, start)
            return index if match and (match.group(2) or "").lower() in BLOCK_TAGS else None
        return self._element_end(index, start)

    def _until(self, index: int, position: int, terminator: str) -> int | None:
        """The line where `terminator` next occurs from (`index`, `position`); None if never (searched once)."""
        if self.no_close.get(terminator, len(self.lines)) <= index:
            return None
        for number in range(index, len(self.lines)):
            if (
                number not in self.code
                and self.lines[number].find(terminator, position if number == index else 0) != -1
            ):
                return number
        self.no_close[terminator] = index
        return None

    def _element_end(self, index: int, start: int) -> int | None:
        """Last line of a raw block opened by a block-level start tag at `start` of line `index`."""
        line = self.lines[index]
        match = TAG_RE.match(line, start)
        if match is None or match.group(1) or match.group(2) is None:
            return None
        name = match.group(2).lower()
        close = line.find(">", match.end())
        if name not in BLOCK_TAGS or close == -1:
            return None
        tag = line[start : close + 1]
        if name == "hr" or tag.endswith("/>") or (self.md_in_html and MARKDOWN_ATTR_RE.search(tag)):
            return index  # an empty element, or Markdown inside (md_in_html): only this line is HTML
        return _RawBlock(self.lines, self.code, name).end(index, close + 1)


class _RawBlock:
    """Follows a raw HTML block's tags, as Python-Markdown's HTML parser does, until its first tag is closed."""

    def __init__(self, lines: list[str], code: set[int], name: str) -> None:
        self.lines, self.code = lines, code
        self.stack = [name]
        self.pending = "script" if name in RAW_TEXT_TAGS else ""
        self.gt = -2
        """A `<script>`/`<style>` whose text is not HTML, or `-->` while in a comment, or ''."""

    def end(self, index: int, position: int) -> int:
        """The line on which the block ends (the last line when it never does)."""
        for number in range(index, len(self.lines)):
            if number in self.code:
                continue
            if self._closes(self.lines[number], position if number == index else 0):
                return number
        return len(self.lines) - 1

    def _closes(self, line: str, position: int) -> bool:
        """Read the tags of one line from `position`; True once the first tag is closed."""
        self.gt = -2  # where the next `>` is, looked up lazily: -2 unknown, -1 none left on this line
        while position < len(line):
            if self.pending:
                position = self._skip_pending(line, position)
                continue
            match = TAG_RE.search(line, position)
            if match is None:
                return False
            position = self._tag(line, match)
            if not self.stack:
                return True
        return False

    def _skip_pending(self, line: str, position: int) -> int:
        ending = "-->" if self.pending == "-->" else f"</{self.stack[-1]}"
        found = line.lower().find(ending, position) if ending != "-->" else line.find(ending, position)
        if found == -1:
            return len(line)
        self.pending = ""
        return found if ending != "-->" else found + 3

    def _tag(self, line: str, match: re.Match[str]) -> int:
        """Apply one tag (or the start of a comment) to the stack; returns where reading goes on."""
        if match.group(2) is None:
            self.pending = "-->"
            return match.end()
        name = match.group(2).lower()
        close = self._next_gt(line, match.end())
        after = close + 1 if close != -1 else match.end()
        if match.group(1):
            if name in self.stack:
                while self.stack.pop() != name:
                    pass
        elif name != "hr" and not line.startswith("/>", max(close - 1, 0)):
            self.stack.append(name)
            if name in RAW_TEXT_TAGS:
                self.pending = "script"
        return after

    def _next_gt(self, line: str, position: int) -> int:
        """The first `>` at or after `position` (each line searched forward once, never twice over)."""
        if self.gt == -2 or 0 <= self.gt < position:
            self.gt = line.find(">", position)
        return self.gt
