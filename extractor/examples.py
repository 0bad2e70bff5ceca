"""Found markers -> examples of known patterns; a marker naming no pattern is an error (pure)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from extractor.ids import Index
from extractor.model import Catalogue, Diagnostic, Example, error, warning
from extractor.secrets import withhold

if TYPE_CHECKING:
    from extractor.scan.found import Found
    from extractor.source_urls import SourceLink


def resolve_examples(
    found: dict[str, list[Found]],
    languages: dict[str, str],
    catalogue: Catalogue,
    link: SourceLink | None,
    previous: frozenset[str] = frozenset(),
) -> tuple[list[Example], list[Diagnostic]]:
    """Turn found markers into examples of known patterns; unknown ids are errors, and so is what looks like a
    credential in an example (which is withheld, see `secrets`).

    `previous` holds the ids of the previous build, to say when a marker names a pattern since deleted.
    """
    index = catalogue.index
    examples: list[Example] = []
    diagnostics: list[Diagnostic] = []
    for path in sorted(found):
        for item in found[path]:
            pattern = index.get(item.ref)
            if pattern is None and catalogue.pages:  # without a catalogue, that one error says it all
                diagnostics.append(
                    error("unknown-id", path, item.line, _unknown(item.ref, index, item.ref in previous))
                )
            if pattern is None:
                continue
            if item.ref in index.aliases:
                message = f"{item.ref!r} is a former id of {pattern.id!r}; write `@pattern {pattern.id}`"
                diagnostics.append(warning("former-id", path, item.line, message))
            url = link.url(path, item.start, item.end) if link else None
            example = Example(
                item.ref,
                pattern.id,
                path,
                item.start,
                item.end,
                languages[path],
                item.title,
                item.segments,
                url,
                item.allow_secret,
            )
            example, problems = withhold(example, item.secrets)
            examples.append(example)
            diagnostics += problems
    return examples, diagnostics


def _unknown(ref: str, index: Index, deleted: bool = False) -> str:
    ambiguous = [p.id for p in index.by_slug.get(ref, [])]
    if len(ambiguous) > 1:
        return f"pattern id {ref!r} is ambiguous; write one of: {', '.join(ambiguous)}"
    close = index.suggest(ref)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else "; run `patterns list` to see the ids"
    if deleted:
        return f"marker names {ref!r}, a pattern of the previous build that was deleted or renamed{hint}"
    return f"unknown pattern id {ref!r}{hint}"


def group_examples(examples: list[Example]) -> dict[str, list[Example]]:
    """Examples by pattern id, each list in path and line order."""
    grouped: dict[str, list[Example]] = defaultdict(list)
    for example in sorted(examples, key=lambda e: (e.path, e.start, e.end, e.ref)):
        grouped[example.pattern_id].append(example)
    return grouped
