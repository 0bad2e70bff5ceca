"""Trend charts as static SVG, drawn at build time by leather (pure Python, no JavaScript, no network).

leather is imported only when a chart is drawn, so a site without a history never loads it. Each
chart plots counts against the sampled commits, oldest to newest, evenly spaced (a burst of
commits on one day stays readable), the x axis labelled with the commits' dates. Every point
carries a `<title>` (its date, commit and count) and the chart a `<desc>` summing it up, so the
numbers are in the file as text. Text and grid lines are dark grey on a transparent background;
the stylesheet inverts the picture under Material's dark palette (`slate`), which keeps the hues.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

WIDTH, HEIGHT = 720, 300
INK = "#3c4043"
"""Text and axes: dark grey, readable on white and, inverted, on Material's slate."""
GRID = "#d0d3d6"
FONT = "Roboto, -apple-system, Helvetica, Arial, sans-serif"
COLOURS = {"followed": "#2e7d32", "violations": "#c62828", "other": "#1565c0"}
"""Series colours by what they count: green for places that follow, red for places that break."""


@dataclass(frozen=True)
class Series:
    """One line of a chart."""

    name: str
    """Shown in the legend, e.g. `followed` or `violations of Unvalidated Inputs`."""
    kind: str
    """`followed` or `violations`: picks the colour."""
    values: tuple[int, ...]
    """One count per commit, oldest first."""


@dataclass(frozen=True)
class Axis:
    """The commits along the x axis."""

    dates: tuple[datetime, ...]
    commits: tuple[str, ...]


def trend_svg(title: str, axis: Axis, series: Sequence[Series], y_title: str = "places in the code") -> str:
    """The chart as an SVG document."""
    import leather  # only when a chart is drawn

    with _theme(leather.theme):
        chart = leather.Chart(title or None)
        last = max(len(axis.dates) - 1, 1)
        chart.set_x_scale(_exact_scale(leather.Linear)(0, last))
        chart.add_y_scale(0, max([1, *(v for s in series for v in s.values)]))
        chart.add_x_axis(ticks=_x_ticks(len(axis.dates)), tick_formatter=_date_label(axis), name="commit date")
        chart.add_y_axis(tick_formatter=_whole, name=y_title)
        for s in series:
            data = list(enumerate(s.values))
            chart.add_line(data, name=s.name, stroke_color=COLOURS.get(s.kind, COLOURS["other"]), width=2)
            chart.add_dots(data, name=s.name, fill_color=COLOURS.get(s.kind, COLOURS["other"]), radius=2.5)
        text = chart.to_svg(width=WIDTH, height=HEIGHT)
    return _annotated(text, title, axis, series)


def _exact_scale(linear: Any) -> Any:
    """leather's linear scale, ending at the first and last commits rather than at rounder numbers past them."""

    class Exact(linear):  # type: ignore[misc]
        def project(self, value: object, range_min: object, range_max: object) -> Decimal:
            low, high = Decimal(self._data_min), Decimal(self._data_max)
            span = Decimal(str(range_max)) - Decimal(str(range_min))
            return span * (Decimal(str(value)) - low) / (high - low) + Decimal(str(range_min))

    return Exact


def _x_ticks(count: int) -> list[int]:
    """Up to six commits to label, the first and the last included."""
    if count <= 1:
        return [0]
    step = max(1, round((count - 1) / 5))
    ticks = list(range(0, count - 1, step))
    if count - 1 - ticks[-1] < step / 2 and len(ticks) > 1:
        ticks.pop()
    return [*ticks, count - 1]


def _date_label(axis: Axis) -> Any:
    """The date of the commit at a tick; '' where the tick before it shows the same date."""
    shown: dict[int, str] = {}

    def label(value: object, index: int, count: int) -> str:
        at = min(max(round(float(str(value))), 0), len(axis.dates) - 1)
        date = axis.dates[at].strftime("%Y-%m-%d") if axis.dates else ""
        shown[index] = date
        return "" if index and shown.get(index - 1) == date else date

    return label


def _whole(value: object, index: int, count: int) -> str:
    number = float(str(value))
    return str(int(number)) if number == int(number) else ""


class _theme:
    """leather's look is module state: set for one chart, then put back."""

    SETTINGS: ClassVar[dict[str, object]] = {
        "background_color": "none",
        "title_color": INK,
        "legend_color": INK,
        "axis_title_color": INK,
        "label_color": INK,
        "tick_color": GRID,
        "zero_color": INK,
        "title_font_family": FONT,
        "legend_font_family": FONT,
        "axis_title_font_family": FONT,
        "tick_font_family": FONT,
        "title_font_size": 15,
        "legend_font_size": 13,
        "axis_title_font_size": 13,
        "tick_font_size": 12,
        "title_font_char_width": 8,
        "legend_font_char_width": 7,
        "tick_font_char_width": 7,
        "margin": 0.03,
    }

    def __init__(self, theme: Any) -> None:
        self.theme = theme
        self.saved = {key: getattr(theme, key) for key in self.SETTINGS}

    def __enter__(self) -> None:
        for key, value in self.SETTINGS.items():
            setattr(self.theme, key, value)

    def __exit__(self, *exc: object) -> None:
        for key, value in self.saved.items():
            setattr(self.theme, key, value)


NUMBER = re.compile(r"(\.\d{2})\d+")


def _annotated(text: str, title: str, axis: Axis, series: Sequence[Series]) -> str:
    """The chart with a `<title>`, a `<desc>`, one legend entry per series, a `<title>` on every point, short numbers."""
    ET.register_namespace("", "http://www.w3.org/2000/svg")
    root = ET.fromstring(NUMBER.sub(r"\1", text))
    ns = "{http://www.w3.org/2000/svg}"
    root.set("viewBox", f"0 0 {WIDTH} {HEIGHT}")
    root.set("role", "img")
    root.set("class", "pattern-trend")
    summary = ET.Element(f"{ns}desc")
    summary.text = describe(axis, series)
    heading = ET.Element(f"{ns}title")
    heading.text = title or "Trend over the commits"
    root.insert(0, summary)
    root.insert(0, heading)
    _one_legend_entry_each(root, {s.name for s in series})
    _labels_inside(root)
    dots = [g for g in root.iter(f"{ns}g") if g.get("class") == "series dots"]
    for s, group in zip(series, dots, strict=False):
        for n, circle in enumerate(group.findall(f"{ns}circle")):
            tip = ET.SubElement(circle, f"{ns}title")
            tip.text = f"{axis.dates[n]:%Y-%m-%d} {axis.commits[n][:7]}: {s.values[n]} {s.name}"
    return ET.tostring(root, encoding="unicode") + "\n"


def _labels_inside(root: ET.Element) -> None:
    """The first and last dates of the x axis end where the plot ends, so they are not cut at the edges."""
    ns = "{http://www.w3.org/2000/svg}"
    axis = next((g for g in root.iter(f"{ns}g") if g.get("class") == "axis bottom"), None)
    labels = [t for tick in (axis.findall(f"{ns}g") if axis is not None else []) for t in tick.findall(f"{ns}text")]
    labels = sorted((t for t in labels if t.text), key=lambda t: float(t.get("x") or 0))
    if len(labels) > 1:
        labels[0].set("text-anchor", "start")
        labels[-1].set("text-anchor", "end")


def _one_legend_entry_each(root: ET.Element, names: set[str]) -> None:
    """leather lists a series' line and its dots apart in the legend: keep the first entry of each name."""
    ns = "{http://www.w3.org/2000/svg}"
    seen: set[str] = set()
    doubles = []
    for group in root.iter(f"{ns}g"):
        for item in group.findall(f"{ns}g"):
            label = item.find(f"{ns}text")
            if item.find(f"{ns}rect") is None or label is None or label.text not in names:
                continue
            if label.text in seen:
                doubles.append((group, item))
            seen.add(label.text or "")
    for group, item in doubles:
        group.remove(item)


def describe(axis: Axis, series: Sequence[Series]) -> str:
    """One sentence per series: where it started and where it is, with the dates."""
    if not axis.dates:
        return "No commits counted."
    start, end = f"{axis.dates[0]:%Y-%m-%d}", f"{axis.dates[-1]:%Y-%m-%d}"
    parts = [f"{s.name}: {s.values[0]} at {start}, {s.values[-1]} at {end}" for s in series if s.values]
    return f"{len(axis.dates)} commits from {start} to {end}. " + "; ".join(parts) + "."
