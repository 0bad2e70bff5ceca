"""Near misses of the marker words: `@patern`, `@pattren`, `@Pattern`, `@pattern:`, `@patterns`.

A comment that starts with such a word was almost certainly meant as a marker; without a warning
it would silently mark nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORDS = ("pattern", "pattern-start", "pattern-end", "pattern-hide-start", "pattern-hide-end", "pattern-allow")
"""The marker words, without their `@`."""
MAX_DISTANCE = 2
WORD_BYTES_RE = re.compile(rb"@([A-Za-z][\w-]{3,21})")
"""A word after `@` that may be a marker word or a near miss of one (a cheap test on a file's bytes)."""


def may_hold_near_miss(data: bytes) -> bool:
    """Whether `data` holds a near miss of a marker word after an `@` (a test on the bytes, before decoding)."""
    return any(misspelt(m.group(1).decode("ascii"), False) for m in WORD_BYTES_RE.finditer(data))


@lru_cache(maxsize=4096)
def misspelt(word: str, colon: bool) -> str | None:
    """The marker word that `@<word>` (followed by `:` when `colon`) was meant to be, or None.

    A marker word in the wrong case or followed by a colon, a plural, or a word at most two edits
    (a letter added, dropped, changed, or two neighbours swapped) away from a marker word.
    """
    lower = word.lower()
    if lower in WORDS:
        return lower if colon or word != lower else None
    if lower.endswith("s") and lower[:-1] in WORDS:
        return lower[:-1]
    close = [(distance(lower, w), w) for w in WORDS if abs(len(lower) - len(w)) <= MAX_DISTANCE]
    best = min(close, default=(MAX_DISTANCE + 1, ""))
    return best[1] if best[0] <= MAX_DISTANCE else None


def distance(a: str, b: str) -> int:
    """Edits from `a` to `b`: insertions, deletions, substitutions and swaps of neighbours (optimal string alignment)."""
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, previous = previous, current
    return previous[-1]
