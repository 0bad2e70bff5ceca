"""Path globs with one meaning everywhere a user writes them in mkdocs.yml: .gitignore syntax (pathspec)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pathspec


def ignored(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A test of a relative path (forward slashes) against .gitignore-style patterns, compiled once."""
    spec = pathspec.GitIgnoreSpec.from_lines(list(patterns))
    if not spec.patterns:
        return lambda path: False
    return spec.match_file
