"""The adoption stage of a run: counts per rule, the examples pattern rules offer, the history the trend charts
are drawn from (`trends`, when the pages are rendered).

Violations are counted as the code holds them: those an `@pattern-allow` excuses are left out,
those the baseline tolerates are counted (a baseline only defers reporting them), so a page's
adoption and `patterns history` agree at the last commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extractor.adoption import Metrics, metrics, opposite_pairs
from extractor.examples import group_examples
from extractor.followers import found_examples
from extractor.history import History, read_history
from extractor.model import Catalogue, Diagnostic, Example, Settings
from extractor.related import Resolved
from extractor.rules import Rule, Violation
from extractor.secrets import withhold_secrets
from extractor.source_urls import SourceLink


@dataclass(frozen=True)
class Measured:
    """What the adoption stage adds to a run."""

    metrics: Metrics
    """Counts per rule, and which rules weigh against each other."""
    found: tuple[Example, ...]
    """The best match of each pattern rule, for patterns no marker names."""
    history: History | None
    """The history file's counts, if there is one."""
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
    return Measured(counted, tuple(offered), history, tuple(problems + unreadable))
