"""Which pattern title a Related Patterns entry means, when it is not written exactly (pure).

The rules, in order:

1. Exact: the title itself, the title in another case, or the pattern's slug.
2. Words: a leading label (`Pattern 3:`, `Anti-Pattern:`) and parentheses (`(CRITICAL)`) are not part
   of a name; inline Markdown and symbols go; the rest is split into lower-case words at anything that is
   not a letter or digit; stop words go (`a`, `the`, `of`, `for`, `and`, `with`, `via`, `vs`, `pattern`,
   `patterns`, `anti`...); each word is cut to a light stem (`boundaries` -> `boundary`, `testing` ->
   `test`).
3. Two words agree when their stems are equal, differ by one letter past the first (five letters or more), one starts
   the other (three letters or more: `config`, `configuration`), one is a known short form of the other
   (`db`, `database`), one spells the initials of adjacent words of the other side (`TDD`, Test-Driven
   Development), or one is two adjacent words of the other written together (`ConvexError`).
4. A title is a candidate when every word on each side agrees with a word of the other, in any order
   (`Zustand Client State` for `Client State via Zustand`); or when both begin with the same word and
   either every word of the entry is in the title, naming two words of it or more (`Console Override`
   for `Console Override for Development Logging`), or every word of the title, two or more, is in the
   entry, which has one word more at most. Leaving out or adding a title's first word changes what it
   names (`Error Handling` is not `Form Error Handling`, `Component Integration Testing` is not
   `ShadCN Component Integration`).
5. Candidates are ranked by the share of agreeing words on both sides; the best is chosen only when no
   other candidate comes within `MARGIN` of it. Otherwise none is, and the closest titles are named.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W_]+")
MARKUP_RE = re.compile(r"\[([^\[\]]*)\]\([^()]*\)|[*`]|<[^<>]+>|\([^()]*\)")
LABEL_RE = re.compile(r"^\W*[\w'’]+(?:[ \t-][\w'’]+){0,2}:\s+(?=\S)")
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "anti",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "of",
        "on",
        "or",
        "the",
        "to",
        "using",
        "via",
        "vs",
        "versus",
        "with",
        "pattern",
        "patterns",
    ]
)
SHORT_FORMS = {"db": "database", "i18n": "internationalization", "a11y": "accessibility", "msg": "message"}
MARGIN = 0.1
"""How far ahead of every other candidate the chosen title must be (shares of agreeing words)."""


@dataclass(frozen=True)
class Choice:
    """What an entry resolves to among some titles."""

    index: int | None
    """Position of the chosen title, or None."""
    exact: bool = False
    """The entry is the title (case aside) or the slug: nothing to warn about."""
    rivals: tuple[int, ...] = ()
    """With no choice: candidates too close to each other to pick one, best first."""
    closest: tuple[int, ...] = ()
    """With no choice: the nearest titles, best first, for the message."""


@dataclass(frozen=True)
class Words:
    """A text as the matcher compares it."""

    stems: tuple[str, ...]
    """Its stemmed words, stop words left out."""
    joined: tuple[str, ...]
    """Each pair of adjacent words written together (`convex`, `error` -> `convexerror`)."""
    initials: str
    """The first letter of each stem."""
    by_letter: Mapping[str, tuple[int, ...]]
    """First letter -> positions of the stems that begin with it (every rule of agreement keeps it)."""


@functools.lru_cache(maxsize=65536)
def words(text: str) -> Words:
    """The words of a title or an entry, as rule 2 of the module docstring makes them."""
    plain = MARKUP_RE.sub(lambda m: m.group(1) or "", text)
    kept = _content(LABEL_RE.sub("", plain)) or _content(plain)
    stems = tuple(_stem(w) for w in kept)
    by_letter: dict[str, tuple[int, ...]] = {}
    for i, stem in enumerate(stems):
        by_letter[stem[0]] = (*by_letter.get(stem[0], ()), i)
    joined = tuple(a + b for a, b in itertools.pairwise(kept))
    return Words(stems, joined, "".join(stem[0] for stem in stems), by_letter)


def _content(text: str) -> list[str]:
    return [w for w in WORD_RE.findall(text.casefold()) if w not in STOP_WORDS]


def _stem(word: str) -> str:
    """A light stem: plural and `-ing`/`-ed` endings cut, a doubled last consonant undone."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            if word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    return word


def agree(a: str, b: str) -> bool:
    """Rule 3 for two stems: equal, one letter apart, one a prefix of the other, or a known short form."""
    if a == b:
        return True
    if a[0] != b[0]:
        return False  # every rule below keeps the first letter (a typo there is not guessed)
    if SHORT_FORMS.get(a) == b or SHORT_FORMS.get(b) == a:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter):
        return True
    return len(shorter) >= 5 and len(longer) - len(shorter) <= 1 and _one_edit(shorter, longer)


def _one_edit(a: str, b: str) -> bool:
    """True when b is a with one letter changed, added or removed."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


def _covered(side: Words, other: Words) -> tuple[set[int], set[int]]:
    """Which words of `side` agree with `other`, and which words of `other` they account for."""
    found: set[int] = set()
    accounted: set[int] = set()
    for i, word in enumerate(side.stems):
        hits = {j for j in other.by_letter.get(word[0], ()) if agree(word, other.stems[j])}
        hits |= {k for j, pair in enumerate(other.joined) if pair == word for k in (j, j + 1)}
        start = other.initials.find(word) if 2 <= len(word) <= 5 and len(side.stems) <= 3 else -1
        if start >= 0:
            hits |= set(range(start, start + len(word)))
        if hits:
            found.add(i)
            accounted |= hits
    return found, accounted


def similarity(entry: Words, title: Words) -> tuple[bool, float]:
    """Rule 4 (is the title a candidate) and the share of agreeing words used to rank candidates."""
    if not entry.stems or not title.stems or entry.by_letter.keys().isdisjoint(title.by_letter):
        return False, 0.0  # no word in common
    entry_found, title_by_entry = _covered(entry, title)
    title_found, entry_by_title = _covered(title, entry)
    e, t = len(entry.stems), len(title.stems)
    me, mt = len(entry_found | entry_by_title), len(title_found | title_by_entry)
    same_start = agree(entry.stems[0], title.stems[0])
    whole_entry = me == e and (e >= 2 or mt == t)
    whole_title = mt == t >= 2 and e - me <= 1
    candidate = (me == e and mt == t) or (same_start and (whole_entry or whole_title))
    return candidate, (me + mt) / (e + t)


def choose(text: str, titles: Sequence[str], slugs: Sequence[str] = ()) -> Choice:
    """The title `text` means, by the rules of the module docstring."""
    for same in (str.__eq__, lambda a, b: a.casefold() == b.casefold()):
        exact = next((i for i, title in enumerate(titles) if same(text, title)), None)
        if exact is not None:
            return Choice(exact, exact=True)
    if text in slugs:
        return Choice(list(slugs).index(text), exact=True)
    entry = words(text)
    scored = [(*similarity(entry, words(title)), i) for i, title in enumerate(titles)]
    ranked = sorted(((score, i) for candidate, score, i in scored if candidate), key=lambda s: (-s[0], s[1]))
    if ranked and (len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= MARGIN):
        return Choice(ranked[0][1])
    rivals = tuple(i for score, i in ranked if ranked[0][0] - score < MARGIN)
    return Choice(None, rivals=rivals, closest=_closest(text, titles, scored))


def _closest(text: str, titles: Sequence[str], scored: list[tuple[bool, float, int]]) -> tuple[int, ...]:
    """Up to three titles nearest the entry: by agreeing words, then by spelling."""
    import difflib

    spelling = [difflib.SequenceMatcher(None, text.casefold(), t.casefold()).ratio() for t in titles]
    near = [(score, spelling[i], i) for _, score, i in scored if score > 0 or spelling[i] >= 0.5]
    return tuple(i for *_, i in sorted(near, key=lambda s: (-s[0], -s[1], s[2]))[:3])
