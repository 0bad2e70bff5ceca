"""Rule globs (`files`, `ignores`) as ast-grep reads them: Rust globset with its default options.

ast-grep builds each entry with `Glob::new` (or `GlobBuilder` with `case_insensitive` for
`{glob: ..., caseInsensitive: true}`), so `literal_separator` is off: `*` and `?` cross `/`. This
is a port of globset 0.4's parser and its translation to a byte regex, so that a rule means here
what it means to `ast-grep scan`; the parity test runs both on the same files.

These are not the .gitignore globs of mkdocs.yml's `exclude` (`extractor/globs.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache


class GlobError(ValueError):
    """A glob globset refuses, with its reason (what ast-grep prints as `error parsing glob`)."""


@dataclass
class _Tokens:
    items: list[object] = field(default_factory=list)
    """Each a regex fragment (str) or a list of alternatives (list of _Tokens)."""


RECURSIVE_PREFIX = "(?:/?|.*/)"
RECURSIVE_SUFFIX = "/.*"
RECURSIVE_MIDDLE = "(?:/|/.*/)"
ZERO_OR_MORE = ".*"


@cache
def compile_glob(glob: str, case_insensitive: bool = False) -> re.Pattern[bytes]:
    """The byte regex globset builds for `glob`; GlobError when globset would refuse it."""
    tokens = _Parser(glob).parse()
    body = ".*" if tokens == [RECURSIVE_PREFIX] else _regex(tokens)  # the glob `**` alone matches everything
    return re.compile((("(?i)" if case_insensitive else "") + "^" + body + "$").encode("ascii"))


def glob_matches(glob: str, path: str, case_insensitive: bool = False) -> bool:
    """Whether a path (relative, forward slashes) matches, as ast-grep matches `files` and `ignores`."""
    return compile_glob(glob, case_insensitive).match(path.encode("utf-8", "surrogateescape")) is not None


def _regex(tokens: list[object]) -> str:
    out = []
    for token in tokens:
        if isinstance(token, list):
            parts = [_regex(branch) for branch in token]
            parts = [p for p in parts if p]  # globset drops empty alternatives (`empty_alternates` is off)
            if parts:
                out.append("(?:" + "|".join(parts) + ")")
        else:
            out.append(str(token))
    return "".join(out)


def _literal(char: str) -> str:
    """A character as a byte regex: ASCII escaped, anything else as its UTF-8 bytes (as globset does)."""
    data = char.encode("utf-8", "surrogateescape")
    return "".join(re.escape(chr(b)) if b < 0x80 else f"\\x{b:02x}" for b in data)


class _Parser:
    """globset's `Parser`, token for token: `?`, `*`, `**`, `[...]`, `{a,b}` (nestable) and `\\` escapes."""

    def __init__(self, glob: str) -> None:
        self.glob = glob
        self.chars = list(glob)
        self.at = 0
        self.prev: str | None = None
        self.cur: str | None = None
        self.stack: list[int] = []
        """Index in `branches` where each open `{` started."""
        self.branches: list[list[object]] = [[]]

    def parse(self) -> list[object]:
        """The tokens of the whole glob."""
        while (char := self.bump()) is not None:
            if char == "?":
                self.push(".")
            elif char == "*":
                self.star()
            elif char == "[":
                self.push(self.char_class())
            elif char == "{":
                self.stack.append(len(self.branches))
                self.branches.append([])
            elif char == "}":
                self.close_alternates()
            elif char == "," and self.stack:
                self.branches.append([])
            elif char == "\\":
                escaped = self.bump()
                if escaped is None:
                    raise GlobError(f"error parsing glob {self.glob!r}: dangling '\\'")
                self.push(_literal(escaped))
            else:
                self.push(_literal(char))
        if len(self.branches) > 1:
            raise GlobError(f"error parsing glob {self.glob!r}: unclosed alternate group; missing '}}'")
        return self.branches[0]

    def bump(self) -> str | None:
        self.prev = self.cur
        self.cur = self.chars[self.at] if self.at < len(self.chars) else None
        self.at += 1 if self.cur is not None else 0
        return self.cur

    def peek(self) -> str | None:
        return self.chars[self.at] if self.at < len(self.chars) else None

    def push(self, token: object) -> None:
        self.branches[-1].append(token)

    def close_alternates(self) -> None:
        if not self.stack:
            raise GlobError(f"error parsing glob {self.glob!r}: unopened alternate group; missing '{{'")
        start = self.stack.pop()
        alternatives = [list(b) for b in self.branches[start:]]
        del self.branches[start:]
        self.push(alternatives)

    def star(self) -> None:
        """`*`, or `**` as a recursive prefix, suffix or middle where it stands alone between separators."""
        prev = self.prev
        if self.peek() != "*":
            self.push(ZERO_OR_MORE)
            return
        self.bump()
        if not self.branches[-1]:
            if self.peek() not in (None, "/"):
                self.push(ZERO_OR_MORE)
                self.push(ZERO_OR_MORE)
            else:
                self.push(RECURSIVE_PREFIX)
                self.bump()
            return
        if prev != "/" and (len(self.branches) <= 1 or prev not in (",", "{")):
            self.push(ZERO_OR_MORE)
            self.push(ZERO_OR_MORE)
            return
        after = self.peek()
        if after is None or (after in (",", "}") and len(self.branches) >= 2):
            is_suffix = True
        elif after == "/":
            self.bump()
            is_suffix = False
        else:
            self.push(ZERO_OR_MORE)
            self.push(ZERO_OR_MORE)
            return
        last = self.branches[-1].pop()
        if last in (RECURSIVE_PREFIX, RECURSIVE_SUFFIX):
            self.push(last)
        else:
            self.push(RECURSIVE_SUFFIX if is_suffix else RECURSIVE_MIDDLE)

    def char_class(self) -> str:
        """`[...]` or `[!...]`: a `]` or `-` first is literal, `a-z` a range."""
        ranges: list[tuple[str, str]] = []
        negated = self.peek() in ("!", "^")
        if negated:
            self.bump()
        first, in_range = True, False
        while True:
            char = self.bump()
            if char is None:
                raise GlobError(f"error parsing glob {self.glob!r}: unclosed character class; missing ']'")
            if char == "]" and not first:
                break
            if char == "-" and not first and not in_range:
                in_range = True
            elif in_range:
                low = ranges[-1][0]
                if char < low:
                    raise GlobError(f"error parsing glob {self.glob!r}: invalid range; '{low}' > '{char}'")
                ranges[-1] = (low, char)
                in_range = False
            else:
                ranges.append((char, char))
            first = False
        if in_range:
            ranges.append(("-", "-"))
        body = "".join(_literal(a) if a == b else f"{_literal(a)}-{_literal(b)}" for a, b in ranges)
        return "[" + ("^" if negated else "") + body + "]"
