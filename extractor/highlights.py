"""Highlighted example code, kept in the cache's `highlighted` table by the code, its language and the Pygments
in use; worked out ahead, in the worker processes, when a run renders many examples the table does not
hold (a cold build), since Pygments is most of the time of rendering them.
"""

from __future__ import annotations

from collections.abc import Iterable

from extractor.filecache import CACHE, content_digest, installed
from extractor.model import Example

AHEAD = 32
"""Examples to highlight, at least, before the work is shared with the workers."""
Code = tuple[str, list[str]]
"""A language and the lines of code to highlight."""


def highlighted_once(language: str, lines: list[str]) -> list[str]:
    """`codeblock.highlighted`, each code highlighted once and kept in the cache."""
    from extractor.codeblock import highlighted

    key = _key(language, lines)
    table = CACHE.contents("highlighted", list[str])
    known, spans = table.get(key)
    if not known:
        spans = highlighted(language, lines)
        table.put(key, spans)
    return spans  # type: ignore[no-any-return]


def highlight_ahead(examples: Iterable[Example]) -> None:
    """Highlight, in the workers (when the run started them), the code of the examples the cache does not hold."""
    from extractor.workers import WORKERS

    if not WORKERS.running:
        return  # rendering highlights what it needs as it goes
    from extractor.codeblock import shown_lines

    table = CACHE.contents("highlighted", list[str])
    todo: dict[str, Code] = {}
    for example in examples:
        if example.segments:
            code = (example.language, [shown.text for shown in shown_lines(example)])
            key = _key(*code)
            if key not in todo and not table.get(key)[0]:
                todo[key] = code
    if len(todo) < AHEAD:
        return
    keys = list(todo)
    chunks = [[todo[key] for key in keys[start : start + 8]] for start in range(0, len(keys), 8)]
    for n, spans in enumerate(span for chunk in WORKERS.map("highlight", chunks, highlight_chunk) for span in chunk):
        table.put(keys[n], spans)


def highlight_chunk(chunk: list[Code]) -> list[list[str]]:
    """Some code highlighted (a worker's share, or this process's)."""
    from extractor.codeblock import highlighted

    return [highlighted(language, lines) for language, lines in chunk]


def _key(language: str, lines: list[str]) -> str:
    said = "\0".join((installed("pygments"), language, *lines))
    return content_digest(said.encode("utf-8", "surrogatepass"))
