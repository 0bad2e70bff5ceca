"""Fields of a pattern: the field vocabulary, bold lead-ins, and what an Example slot holds (pure).

A field is named by the vocabulary (`Context`, `Problem`, `Solution`, `Implementation`, `Example`,
`Rationale`, `Related Patterns`, `When to use`, `Consequences`...), written either as a bold label
starting a line (`**Context**: ...`, `**Context:**`) or as a heading (`### Context`). Any other bold
lead-in (`**Problems:**`, `**Benefits:**`, `**Key Insight**:`) is prose: it is neither a field nor
the end of one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from extractor.model import SlotState, Span

FIELDS = (
    "Context",
    "Problem",
    "Problem Context",
    "Forces",
    "Solution",
    "Implementation",
    "Example",
    "Examples",
    "Rationale",
    "Consequences",
    "Resulting Context",
    "Trade-offs",
    "Tradeoffs",
    "When to use",
    "When not to use",
    "Applicability",
    "Intent",
    "Motivation",
    "Also known as",
    "Known uses",
    "Related Patterns",
)
"""The field names read without configuration; the `fields` option adds more."""
EXAMPLE = "example"
RELATED = "related patterns"
SAME = {"examples": EXAMPLE}
"""Names that are the same field as another."""

NOT_WORD_RE = re.compile(r"[^\w&/'-]+")
NOT_CODE_RE = re.compile(r"not code\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def field_key(text: str) -> str:
    """A name as the vocabulary compares it: `📋 When to Use:` -> `when to use` (a page repeats a few names)."""
    return " ".join(NOT_WORD_RE.sub(" ", text).split()).casefold()


@dataclass(frozen=True)
class Vocabulary:
    """The field names of a catalogue, compared by `field_key`."""

    names: frozenset[str]

    @classmethod
    def of(cls, extra: Iterable[str] = ()) -> Vocabulary:
        """The default fields and `extra` ones (from the `fields` option)."""
        return cls(frozenset(field_key(name) for name in (*FIELDS, *extra) if field_key(name)))

    def field(self, text: str) -> str | None:
        """The field a label or heading names (`examples` is `example`), or None for prose."""
        key = field_key(text)
        return SAME.get(key, key) if key in self.names else None


@dataclass(frozen=True)
class Label:
    """A bold lead-in starting a line: `**Context**: text`."""

    written: str
    """The lead-in as written, e.g. `**Problems:**`."""
    name: str
    """The text in bold, without a trailing colon."""
    rest: str
    """What follows the lead-in on its line, stripped."""


def label_of(line: str) -> Label | None:
    """The bold lead-in of a line: `**Name**:`, `**Name:**`, or `**Name**` alone on its line; else None."""
    if not line.startswith("**") or line.startswith("***"):
        return None
    close = line.find("**", 2)
    name = line[2:close] if close > 2 else ""
    if not name.strip() or name != name.strip():
        return None
    after = line[close + 2 :]
    if after.startswith(":"):
        return Label(line[: close + 3], name, after[1:].strip())
    if name.endswith(":") or not after.strip():
        return Label(line[: close + 2], name.rstrip(":").strip(), after.strip())
    return None


def placeholder(text: str) -> str | None:
    """The inside of a placeholder (`_(...)_`, `*(...)*`), or None when `text` is not one."""
    text = text.strip()
    for mark in "_*":
        if len(text) >= 4 and text.startswith(f"{mark}(") and text.endswith(f"){mark}"):
            return text[2:-2].strip()
    return None


@dataclass(frozen=True)
class Slot:
    """What an Example field holds."""

    state: SlotState
    span: Span | None
    """The lines replaced by extracted examples (placeholder), or the whole field (content, not code)."""
    content: Span | None
    """Hand-written lines that stay, for `SlotState.CONTENT`."""
    has_code: bool = False
    """The hand-written content holds a code block."""


def read_slot(lines: list[str], span: Span, inline: str | None, code: frozenset[int]) -> Slot:
    """The state of an Example field spanning `span`; `inline` is the text after its label (None for a heading).

    A placeholder, inline or alone on the first line below the label, is the slot; whatever follows
    it stays (a `**Benefits:**` list after `**Example**: _(...)_` is prose, not an example).
    """
    if inline:
        inside = placeholder(inline)
        if inside is None:
            return Slot(SlotState.CONTENT, span, Span(span.start, span.end), _has_code(span.start, span.end, code))
        return Slot(_empty_state(inside), Span(span.start, span.start), None)
    first = next((n for n in range(span.start + 1, span.end + 1) if lines[n - 1].strip()), None)
    if first is None:
        return Slot(SlotState.PLACEHOLDER, Span(span.start, span.end), None)
    inside = placeholder(lines[first - 1]) if first - 1 not in code else None
    if inside is not None:
        return Slot(_empty_state(inside), Span(span.start, first), None)
    return Slot(SlotState.CONTENT, span, Span(span.start + 1, span.end), _has_code(first, span.end, code))


def _empty_state(inside: str) -> SlotState:
    return SlotState.NOT_CODE if NOT_CODE_RE.match(inside) else SlotState.PLACEHOLDER


def _has_code(start: int, end: int, code: frozenset[int]) -> bool:
    return any(n - 1 in code for n in range(start, end + 1))
