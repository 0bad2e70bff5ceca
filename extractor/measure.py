"""The adoption stage of a run: counts per rule, the examples pattern rules offer, the trend charts.

Violations are counted as the code holds them: those an `@pattern-allow` excuses are left out,
those the baseline tolerates are counted (a baseline only defers reporting them), so a page's
adoption and `patterns history` agree at the last commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.adoption import Metrics, metrics, opposite_pairs
from extractor.followers import found_examples
from extractor.history import read_history
from extractor.model import Catalogue, Diagnostic, Example, Settings
from extractor.related import Resolved
from extractor.render import group_examples
from extractor.rules import Rule, Violation
from extractor.secrets import withhold_secrets
from extractor.source_urls import SourceLink
from extractor.trends import Trends, trends


@dataclass(frozen=True)
class Measured:
    """What the adoption stage adds to a run."""

    metrics: Metrics
    """Counts per rule, and which rules weigh against each other."""
    found: tuple[Example, ...]
    """The best match of each pattern rule, for patterns no marker names."""
    trends: Trends
    """Charts drawn from the history file."""
    diagnostics: tuple[Diagnostic, ...]


def measure(
    settings: Settings,
    catalogue: Catalogue,
    rules: Sequence[Rule],
    matches: tuple[Sequence[Violation], Sequence[Violation]],
    examples: Sequence[Example],
    resolved: Resolved,
    link: SourceLink | None,
) -> Measured:
    """The stage: `matches` are (places that follow a pattern, places that break an anti-pattern, tolerated included)."""
    followed, violations = matches
    counted = metrics(rules, followed, violations, opposite_pairs(catalogue, rules, resolved))
    offered = found_examples(settings.root, catalogue, rules, followed, group_examples(list(examples)), link)
    offered, problems = withhold_secrets(offered)
    history, unreadable = read_history(settings.root, settings.history)
    drawn = trends(history, catalogue, counted)
    return Measured(counted, tuple(offered), drawn, tuple(problems + unreadable))
