"""The Markdown extensions the rendered catalogue pages need, and what a site's configuration lacks (pure).

The templates (`templates/*.md.j2`) write Material for MkDocs' Markdown: `!!!` and `???` boxes,
`===` content tabs, fences with `title=` and `linenums=`, and an attribute list on source links.
Without the extension that reads each of them, a page shows that syntax as text. `NEEDS` names
them; `plan` compares them with a site's `markdown_extensions` and says what to enable, which
option to set on an extension the site configured, and which extension is configured in a way
the pages cannot work with. The plugin applies the plan to every build; `patterns init` writes it
into mkdocs.yml.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Need:
    """One extension the pages need."""

    name: str
    """Its name in `markdown_extensions`."""
    why: str
    """What in the pages needs it."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """Options it is enabled with when the site does not configure it."""
    required: Mapping[str, Any] = field(default_factory=dict)
    """Options that must have this value: set when the site leaves them out, incompatible when it sets another."""
    forbidden: Mapping[str, Any] = field(default_factory=dict)
    """Option values that break the pages."""
    covered_by: tuple[str, ...] = ()
    """Other extensions that include this one."""


NEEDS: tuple[Need, ...] = (
    Need("admonition", "the `!!!` boxes (no example yet, example withheld, a rule's violations)"),
    Need(
        "attr_list",
        "the `{ .pattern-source }` class of each example's source link",
        covered_by=("extra", "pymdownx.extra"),
    ),
    Need("pymdownx.details", "the collapsible `???` box that shows an anti-pattern's rule"),
    Need(
        "pymdownx.highlight",
        "code blocks with a title and the file's own line numbers",
        options={"anchor_linenums": True, "line_spans": "__span", "pygments_lang_class": True},
        forbidden={"linenums": False, "use_pygments": False},
    ),
    Need("pymdownx.superfences", "code blocks inside tabs and boxes", covered_by=("pymdownx.extra",)),
    Need(
        "pymdownx.tabbed",
        "one `===` tab per example",
        options={"alternate_style": True},
        required={"alternate_style": True},
    ),
)
"""Every extension the templates' output needs, derived from what they write (see the module docstring)."""


@dataclass(frozen=True)
class Plan:
    """What a site's `markdown_extensions` lack for the catalogue pages."""

    enable: tuple[Need, ...] = ()
    """Extensions to add, with their `options`."""
    amend: tuple[tuple[str, str, Any], ...] = ()
    """(extension as the site names it, option, value) to set on an extension the site configured."""
    problems: tuple[str, ...] = ()
    """One sentence per extension configured in a way the pages cannot work with."""

    @property
    def empty(self) -> bool:
        """True when the site already has everything."""
        return not (self.enable or self.amend or self.problems)


def short_name(name: str) -> str:
    """`markdown.extensions.admonition` -> `admonition`: the two names Python-Markdown accepts for one extension."""
    return name.removeprefix("markdown.extensions.")


def plan(configured: Sequence[str], configs: Mapping[str, Mapping[str, Any] | None]) -> Plan:
    """Compare the site's extensions (names as written) and their options with `NEEDS`."""
    names = {short_name(name): name for name in configured}
    enable: list[Need] = []
    amend: list[tuple[str, str, Any]] = []
    problems: list[str] = []
    for need in NEEDS:
        written = names.get(need.name)
        if written is None:
            if not any(other in names for other in need.covered_by):
                enable.append(need)
            continue
        options = configs.get(written) or {}
        problems += [
            f"`{written}` sets {key}: {_yaml(value)}; the catalogue pages need it left out ({need.why})"
            for key, value in need.forbidden.items()
            if key in options and options[key] == value
        ]
        problems += [
            f"`{written}` sets {key}: {_yaml(options[key])}; the catalogue pages need {key}: {_yaml(value)} ({need.why})"
            for key, value in need.required.items()
            if key in options and options[key] != value
        ]
        amend += [(written, key, value) for key, value in need.required.items() if key not in options]
    return Plan(tuple(enable), tuple(amend), tuple(problems))


def _yaml(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def describe(needed: Plan) -> str:
    """`admonition, pymdownx.details, and alternate_style: true on pymdownx.tabbed`, for a message."""
    parts = [need.name for need in needed.enable]
    parts += [f"{key}: {_yaml(value)} on {name}" for name, key, value in needed.amend]
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "nothing"
