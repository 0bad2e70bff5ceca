"""Path globs with one meaning everywhere a user writes them in mkdocs.yml: .gitignore syntax (pathspec)."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def ignored(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A test of a relative path (forward slashes) against .gitignore-style patterns, compiled once."""
    patterns = list(patterns)
    if not patterns:
        return lambda path: False
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    if not spec.patterns:
        return lambda path: False
    return spec.match_file
