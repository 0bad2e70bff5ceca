"""Which trend charts the site shows, from the history file: one per pattern or anti-pattern with a rule, one for the index.

A pattern's chart plots the places that follow it and, for each opposite anti-pattern, the places
that break that; an anti-pattern's chart the reverse. The index's plots all followers and all
violations. A rule the history does not hold (written since it was computed) gets no chart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from extractor.adoption import Metrics
from extractor.charts import Axis, Series, trend_svg
from extractor.history import History
from extractor.memo import memoised
from extractor.model import Catalogue, Kind
from extractor.wording import counted

INDEX = ""
"""The key of the index's chart."""
FOLDER = "charts"
"""Where the charts go, in the catalogue's folder of the site."""


@dataclass(frozen=True)
class Trends:
    """The charts drawn from the history, and where each is."""

    files: tuple[tuple[str, str], ...] = ()
    """(path relative to the catalogue's site folder, SVG text) of each chart."""
    charts: Mapping[str, str] = field(default_factory=dict)
    """Pattern id (`INDEX` for the index) -> path of its chart, relative to the catalogue's site folder."""
    span: str = ""
    """What the history covers, e.g. `131 commits from 2026-01-05 to 2026-11-28`; '' without a history."""


def trends(history: History | None, catalogue: Catalogue, metrics: Metrics) -> Trends:
    """A chart for every ruled pattern the history counts, and one for the index; none without a history."""
    if history is None or not history.points:
        return Trends()
    points = history.points
    axis = Axis(tuple(p.date for p in points), tuple(p.commit for p in points))
    titles = {p.id: p.title for p in catalogue.patterns}
    files, charts = [], {}
    for pattern in catalogue.patterns:
        series = _series(pattern.id, pattern.kind, history, metrics, titles)
        if series:
            path = f"{FOLDER}/{pattern.id}.svg"
            files.append((path, _draw(pattern.title, axis, series)))
            charts[pattern.id] = path
    total = _totals(history)
    if total:
        files.append((f"{FOLDER}/index.svg", _draw("Every rule of the catalogue", axis, total)))
        charts[INDEX] = f"{FOLDER}/index.svg"
    span = f"{counted(len(points), 'commit')} from {points[0].date:%Y-%m-%d} to {points[-1].date:%Y-%m-%d}"
    return Trends(tuple(files), charts, span)


def _series(
    pattern_id: str, kind: Kind, history: History, metrics: Metrics, titles: Mapping[str, str]
) -> tuple[Series, ...]:
    """The lines of one pattern's chart: its own counts, then its opposites'."""
    own, others = ("followed", "violations") if kind is Kind.PATTERN else ("violations", "followed")
    if not all(pattern_id in getattr(p, own) for p in history.points):
        return ()
    lines = [Series(own, own, tuple(getattr(p, own)[pattern_id] for p in history.points))]
    for other in metrics.pairs.get(pattern_id, ()):
        if all(other in getattr(p, others) for p in history.points):
            values = tuple(getattr(p, others)[other] for p in history.points)
            lines.append(Series(f"{others} of {titles.get(other, other)}", others, values))
    return tuple(lines)


def _totals(history: History) -> tuple[Series, ...]:
    lines = []
    for kind in ("followed", "violations"):
        if any(getattr(p, kind) for p in history.points):
            lines.append(
                Series(f"{kind}, all rules", kind, tuple(sum(getattr(p, kind).values()) for p in history.points))
            )
    return tuple(lines)


@memoised(maxsize=1024)
def _draw(title: str, axis: Axis, series: tuple[Series, ...]) -> str:
    """Memoised: `mkdocs serve` draws a chart again only when its numbers changed."""
    return trend_svg(title, axis, series)
