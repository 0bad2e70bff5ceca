"""`patterns list --explain`: how a catalogue page was read, heading by heading, in plain text (pure)."""

from __future__ import annotations

from extractor.model import Kind, Page, Pattern, SlotState
from extractor.shapes import HeadingReading, Role, Shape
from extractor.wording import counted

SLOTS = {
    SlotState.PLACEHOLDER: "Example: a placeholder, replaced by the examples from the code",
    SlotState.NOT_CODE: "Example: `_(Not code: ...)_`, no example expected",
    SlotState.MISSING: "no Example field: examples from the code go at its end",
}


def explain(page: Page, shape: Shape) -> str:
    """The page's path and counts, then one line per heading: its line, level, title, and what it was read as."""
    anti = sum(p.kind is Kind.ANTI_PATTERN for p in page.patterns)
    if page.home:
        head = f"{page.path} (the catalogue's home page: read for its links, never for patterns)"
    else:
        head = f"{page.path} (key {page.key}): {counted(len(page.patterns) - anti, 'pattern')}, {counted(anti, 'anti-pattern')}"
    by_line = {p.heading_line: p for p in page.patterns}
    rows = [(r.heading.line, _heading(r, by_line.get(r.heading.line), page.home)) for r in shape.readings]
    text = page.text.splitlines()
    rows += [
        (n, [f"{n:>6}  {text[n - 1].strip()}  ->  not a heading: in the HTML block of line {start}"])
        for n, start in shape.hidden
    ]
    lines = [head, *(text for _, row in sorted(rows) for text in row)]
    if not rows:
        lines.append("  no headings")
    return "\n".join(lines) + "\n\n"


def _heading(reading: HeadingReading, pattern: Pattern | None, home: bool) -> list[str]:
    heading = reading.heading
    first = f"{heading.line:>6}  {'#' * heading.level} {heading.title}"
    if pattern is not None:
        return [f"{first}  ->  {pattern.kind.value} {pattern.id}", f"{'':8}{_fields(pattern)}"]
    if home and reading.role is Role.PATTERN:
        return [f"{first}  ->  not read: shaped like a pattern, but on the home page"]
    why = reading.why or reading.role.value
    return [f"{first}  ->  {why if reading.role is not Role.NOTHING else f'not a pattern: {why}'}"]


def _fields(pattern: Pattern) -> str:
    fields = f"fields: {', '.join(pattern.fields) or 'none'}"
    if pattern.kind is Kind.ANTI_PATTERN:
        return fields
    if pattern.slot is SlotState.CONTENT:
        slot = (
            "Example: written in the catalogue (a code block)" if pattern.slot_has_code else "Example: prose, no code"
        )
    else:
        slot = SLOTS[pattern.slot]
    declared = "; declared not code" if pattern.not_code and pattern.slot is not SlotState.NOT_CODE else ""
    return f"{fields}; {slot}{declared}"
