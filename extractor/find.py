"""Find patterns from what a reviewer remembers of them: an id, a title, or a few words (pure).

It looks patterns up in `Titles`, what `patterns link` keeps of a catalogue (`kept_titles`), so
its types are named tuples: a kept lookup loads neither the model nor dataclasses.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from extractor.model import Catalogue

WORD_RE = re.compile(r"[^\W_]+")


class Titled(NamedTuple):
    """A pattern as a reviewer remembers it, with the address to link to."""

    id: str
    title: str
    slug: str
    category: str
    url: str
    """Its permanent address (`stable.stable_url`)."""


class Titles(NamedTuple):
    """The patterns of a catalogue, as looked up."""

    patterns: tuple[Titled, ...]
    aliases: dict[str, str]
    """Former id -> the id it now names."""

    def get(self, ref: str) -> Titled | None:
        """The pattern named by a full id, a former id, or a slug that only one page has (as `ids.Index.get`)."""
        by_id = {p.id: p for p in self.patterns}
        named = by_id.get(ref) or by_id.get(self.aliases.get(ref, ""))
        slugged = [p for p in self.patterns if p.slug == ref]
        return named or (slugged[0] if len(slugged) == 1 else None)


def titles(catalogue: Catalogue, site_url: str | None) -> Titles:
    """What `find` looks up in a catalogue, with each pattern's address on the site at `site_url`."""
    from extractor.stable import stable_url

    found = tuple(Titled(p.id, p.title, p.slug, p.category, stable_url(site_url, p.id)) for p in catalogue.patterns)
    return Titles(found, dict(catalogue.aliases))


class Match(NamedTuple):
    """A pattern and how well it matches the query (higher is better)."""

    pattern: Titled
    score: float


def find(titles: Titles, query: str) -> list[Match]:
    """Patterns matching `query`, best first: exact id or former id, slug, title, all words, all words misspelt,
    some words, then titles that look like the query."""
    exact = titles.get(query.strip())
    scored = [Match(p, 100.0 if p is exact else _score(p, query)) for p in titles.patterns]
    return sorted((m for m in scored if m.score > 0), key=lambda m: (-m.score, m.pattern.id))


def _score(pattern: Titled, query: str) -> float:
    wanted = query.strip().casefold()
    if wanted in (pattern.slug, pattern.id.split("/")[-1]):
        return 95.0
    if wanted == pattern.title.casefold():
        return 90.0
    title = _words(pattern.title)
    words = title | _words(f"{pattern.id} {pattern.category}")
    asked = _words(query)
    shorter = len(title) / 100  # among equal matches, the title that says less besides
    if asked and all(any(w.startswith(a) for w in words) for a in asked):
        whole = sum(a in title for a in asked)
        return 60.0 + 20.0 * whole / len(asked) - shorter
    close = [max((_similar(a, w) for w in title), default=0.0) for a in asked]
    if close and min(close) >= 0.75:  # every word, misspelt, in the title
        return 40.0 + 10.0 * sum(close) / len(close) - shorter
    found = [a for a in asked if any(w.startswith(a) for w in words)]
    if found:  # some of the words: those a reviewer remembers right count more than a look-alike title
        whole = sum(a in title for a in found)
        return 30.0 + 5.0 * (len(found) + whole) / len(asked) - shorter
    ratio = _ratio(wanted, pattern.title.casefold(), 0.6)
    return 30.0 * ratio if ratio >= 0.6 else 0.0


@lru_cache(maxsize=65536)
def _similar(asked: str, word: str) -> float:
    """How alike two words are, a shared beginning counting extra (people misspell endings); a value below
    0.75 may be an upper bound of it, since only values from 0.75 count."""
    prefix = next((n for n, (a, b) in enumerate(zip(asked, word, strict=False)) if a != b), min(len(asked), len(word)))
    bonus = 0.5 * prefix / len(asked)
    return _ratio(asked, word, 0.75 - bonus) + bonus


def _ratio(a: str, b: str, floor: float) -> float:
    """`difflib.SequenceMatcher(None, a, b).ratio()`, or an upper bound of it below `floor`, found cheaply:
    the ratio counts matching characters, which are at most those the two texts have in common."""
    total = len(a) + len(b)
    if not total:
        return 1.0
    if 2.0 * min(len(a), len(b)) / total < floor:  # as many characters in common as the shorter has, at most
        return 2.0 * min(len(a), len(b)) / total
    common = sum(min(a.count(char), b.count(char)) for char in set(a))
    if 2.0 * common / total < floor:
        return 2.0 * common / total
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in WORD_RE.findall(text))


CLOSE = 0.3
"""The least similarity (difflib's ratio) of a title offered when nothing matches: below it, a title shares
little more than a letter or two with the query."""


def closest_titles(titles: Titles, query: str, n: int = 3) -> list[str]:
    """The titles nearest to `query` (none when no title comes close), for a message when nothing matches."""
    names = [p.title for p in titles.patterns]
    import difflib

    scores = {t: difflib.SequenceMatcher(None, query.casefold(), t.casefold()).ratio() for t in names}
    return [t for t in sorted(names, key=lambda t: -scores[t])[:n] if scores[t] >= CLOSE]
