"""The Markdown extensions the rendered catalogue pages need, and what a site's configuration lacks (pure).

Examples are written into the pages as HTML (`codeblock.py`), which needs no extension. The other
templates (`templates/*.md.j2`) write Material for MkDocs' Markdown: `!!!` and `???` boxes, with
fenced code inside them. Without the extension that reads each of them, a page shows that syntax
as text. `NEEDS` names
them; `missing` says which a site's `markdown_extensions` lack. The plugin enables those for
every build (none of them has an option the pages depend on); `patterns init` writes them into
mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    """One extension the pages need."""

    name: str
    """Its name in `markdown_extensions`."""
    why: str
    """What in the pages needs it."""
    covered_by: tuple[str, ...] = ()
    """Other extensions that include this one."""


NEEDS: tuple[Need, ...] = (
    Need("admonition", "the `!!!` boxes (no example yet, a rule's violations)"),
    Need("pymdownx.details", "the collapsible `???` box that shows an anti-pattern's rule"),
    Need("pymdownx.superfences", "fenced code inside those boxes", covered_by=("pymdownx.extra",)),
)
"""Every extension the templates' output needs, derived from what they write (see the module docstring)."""


def short_name(name: str) -> str:
    """`markdown.extensions.admonition` -> `admonition`: the two names Python-Markdown accepts for one extension."""
    return name.removeprefix("markdown.extensions.")


def missing(configured: Sequence[object]) -> tuple[Need, ...]:
    """The extensions of `NEEDS` that the site's `markdown_extensions` (names as written) lack.

    Other plugins may have added extension objects (mkdocstrings does): those are none of `NEEDS`.
    """
    names = {short_name(name) for name in configured if isinstance(name, str)}
    return tuple(n for n in NEEDS if n.name not in names and not any(other in names for other in n.covered_by))


def describe(needs: Sequence[Need]) -> str:
    """`admonition, pymdownx.details and pymdownx.superfences`, for a message."""
    parts = [need.name for need in needs]
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "nothing"
