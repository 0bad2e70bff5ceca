"""Path globs with one meaning everywhere a user writes them in mkdocs.yml: .gitignore syntax (pathspec)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

GROUP_RE = re.compile(r"\(\?P<\w+>")
SPECIAL_RE = re.compile(r"[\\*?\[]")
"""What a pattern reads as other than itself: escaped with a backslash, it stands for itself."""


def ignored(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A test of a relative path (forward slashes) against .gitignore-style patterns, compiled once.

    Without a negated pattern (`!keep.log`), a path is ignored when any pattern matches it, so the
    patterns become one regular expression, tried once per path.
    """
    patterns = list(patterns)
    if not patterns:
        return lambda path: False
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    active = [p for p in spec.patterns if p.include is not None]
    if not active:
        return lambda path: False
    regexes = [getattr(p, "regex", None) for p in active]
    if not all(p.include for p in active) or not all(isinstance(r, re.Pattern) for r in regexes):
        return spec.match_file
    sources = [GROUP_RE.sub("(?:", str(r.pattern)) for r in regexes if r is not None]
    if any("(?P=" in source for source in sources):
        return spec.match_file
    combined = re.compile("|".join(f"(?:{source})" for source in sources))
    return lambda path: combined.match(path) is not None


def literal(path: str) -> str | None:
    """A pattern matching the file at `path` (relative, forward slashes) and nothing else; None for a name holding a
    line break, which no pattern can say."""
    if "\n" in path or "\r" in path:
        return None
    pattern = "/" + SPECIAL_RE.sub(r"\\\g<0>", path)
    kept = pattern.rstrip(" ")
    return kept + "\\ " * (len(pattern) - len(kept))  # trailing spaces count only when escaped
