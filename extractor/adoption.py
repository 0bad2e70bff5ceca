"""How widely a pattern is followed: its rule's matches, weighed against its opposite anti-patterns' violations (pure).

A pattern's rule finds the code that follows it; an anti-pattern's rule finds the code that breaks
it. Where both exist for one concern, the pattern's **adoption** is followed / (followed +
violations). Which rules weigh against each other:

1. `metadata: {opposite: <id>}` (or a list of ids) in either rule names the other side explicitly;
2. a pattern and an anti-pattern that both have a rule and that no rule pairs explicitly are paired
   when the Related Patterns of either names the other.

A pattern may be paired with several anti-patterns (its violations are their sum) and the reverse.
The same counts serve the pages, `patterns list --json` and each commit of `patterns history`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from extractor.model import Catalogue, Kind
from extractor.related import Resolved
from extractor.rules import Rule, Violation


@dataclass(frozen=True)
class Adoption:
    """The counts of one pattern or anti-pattern with a rule."""

    followed: int | None
    """Places that follow the pattern (of a pattern: its rule's matches; of an anti-pattern: its opposites');
    None when no rule finds followers."""
    violations: int | None
    """Places that break the anti-pattern (of an anti-pattern: its rule's; of a pattern: its opposites');
    None when no rule finds violations."""
    opposites: tuple[str, ...] = ()
    """The ids of the other side, each with a rule."""

    @property
    def share(self) -> float | None:
        """followed / (followed + violations), when both are counted and at least one place is."""
        if self.followed is None or self.violations is None or self.followed + self.violations == 0:
            return None
        return self.followed / (self.followed + self.violations)


@dataclass(frozen=True)
class Metrics:
    """Counts per rule and the pairs of opposite rules: everything adoption is computed from."""

    followed: Mapping[str, int] = field(default_factory=dict)
    """Pattern id -> places its rule matches (every pattern with an active rule, zeros included)."""
    violations: Mapping[str, int] = field(default_factory=dict)
    """Anti-pattern id -> places that break its rule (every anti-pattern with an active rule)."""
    pairs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Id -> the ids of the other side it is weighed against, both ways."""

    def of(self, pattern_id: str) -> Adoption | None:
        """The counts of one pattern or anti-pattern; None when it has no active rule."""
        opposites = self.pairs.get(pattern_id, ())
        if pattern_id in self.followed:
            return Adoption(self.followed[pattern_id], self._sum(self.violations, opposites), opposites)
        if pattern_id in self.violations:
            return Adoption(self._sum(self.followed, opposites), self.violations[pattern_id], opposites)
        return None

    def over(self, pattern_ids: Iterable[str]) -> Adoption | None:
        """The counts of a group (a page, the catalogue): the paired rules among `pattern_ids` and their opposites."""
        nodes = set()
        for pattern_id in pattern_ids:
            if self.pairs.get(pattern_id):
                nodes |= {pattern_id, *self.pairs[pattern_id]}
        if not nodes:
            return None
        followed = sum(self.followed.get(n, 0) for n in nodes)
        violations = sum(self.violations.get(n, 0) for n in nodes)
        return Adoption(followed, violations, tuple(sorted(nodes)))

    @staticmethod
    def _sum(counts: Mapping[str, int], ids: tuple[str, ...]) -> int | None:
        return sum(counts.get(i, 0) for i in ids) if ids else None


def metrics(
    rules: Iterable[Rule],
    followed: Iterable[Violation],
    violations: Iterable[Violation],
    pairs: Mapping[str, tuple[str, ...]],
) -> Metrics:
    """The counts of every active rule, from the places each matched."""
    active = [r for r in rules if r.severity is not None]
    found = Counter(v.rule for v in followed)
    broken = Counter(v.rule for v in violations)
    return Metrics(
        {r.id: found[r.id] for r in active if r.follows},
        {r.id: broken[r.id] for r in active if not r.follows},
        pairs,
    )


def opposite_pairs(catalogue: Catalogue, rules: Iterable[Rule], resolved: Resolved) -> dict[str, tuple[str, ...]]:
    """Id -> the opposite ids it is weighed against: named in `metadata: {opposite}`, else by Related Patterns."""
    kinds = {p.id: p.kind for p in catalogue.patterns}
    ruled = {r.id: r for r in rules if r.severity is not None}
    pairs: dict[str, set[str]] = defaultdict(set)
    for rule in ruled.values():
        for other in rule.opposite:
            if other in ruled and kinds.get(other) is not kinds.get(rule.id):
                pairs[rule.id].add(other)
                pairs[other].add(rule.id)
    named = set(pairs)
    for (source, _), target in resolved.related.items():
        if {source, target} & named or source not in ruled or target not in ruled:
            continue
        if {kinds.get(source), kinds.get(target)} == {Kind.PATTERN, Kind.ANTI_PATTERN}:
            pairs[source].add(target)
            pairs[target].add(source)
    return {pattern_id: tuple(sorted(others)) for pattern_id, others in sorted(pairs.items())}


def adoption_fields(counts: Adoption | None) -> dict[str, object]:
    """`followed`, `violations`, `adoption` (0 to 1) and `opposites` as `patterns list --json` gives them; null when not counted."""
    if counts is None:
        return {"followed": None, "violations": None, "adoption": None, "opposites": []}
    share = None if counts.share is None else round(counts.share, 4)
    return {
        "followed": counts.followed,
        "violations": counts.violations,
        "adoption": share,
        "opposites": list(counts.opposites),
    }


def percent(share: float | None) -> str:
    """A share as people read it: `92%`, never `100%` while one place breaks the rule, nor `0%` while one follows it."""
    if share is None:
        return "–"
    shown = round(share * 100)
    if shown == 100 and share < 1:
        shown = 99
    if shown == 0 and share > 0:
        shown = 1
    return f"{shown}%"
