"""A row of the benchmark's table: a measurement, its baseline, its target and whether it is met."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    """One line of the table."""

    key: str
    label: str
    ours: float | None
    baseline: float | None
    unit: str = "s"
    """`s` or `MB`."""
    target: str = ""
    """The goal as printed; empty for rows that only inform."""
    limit: float | None = None
    """Largest passing value of the ratio (of `ours` itself when `absolute`)."""
    absolute: bool = False
    percent: bool = False
    """Print the ratio as a percentage."""
    at_least: bool = False
    """`ours` is a lower bound: a run was stopped after the time allowed."""
    failed: str = ""
    """Why the measured command did not do its work (it exited non-zero); the row fails."""
    note: str = ""
    cpu: tuple[float, float] | None = None
    """Median CPU seconds of ours and of the baseline, for the timed processes."""

    @property
    def ratio(self) -> float | None:
        return self.ours / self.baseline if self.ours is not None and self.baseline else None

    @property
    def passed(self) -> bool | None:
        if self.failed and self.limit is not None:
            return False
        value = self.ours if self.absolute else self.ratio
        return None if self.limit is None or value is None else value <= self.limit and not self.at_least


def value(seconds_or_mb: float | None, unit: str, at_least: bool = False) -> str:
    if seconds_or_mb is None:
        return "–"
    more = "> " if at_least else ""
    if unit == "MB":
        return f"{more}{seconds_or_mb:.0f} MB"
    return f"{more}{seconds_or_mb * 1000:.0f} ms" if seconds_or_mb < 1 else f"{more}{seconds_or_mb:.2f} s"


def result(row: Row) -> str:
    text = {True: "PASS", False: "**FAIL**", None: "skipped" if row.limit else "info"}[row.passed]
    notes = [n for n in (row.failed, row.note) if n]
    return text + (f" ({'; '.join(notes)})" if notes else "")


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table, for the terminal and for bench/README.md."""
    lines = [
        "| measurement | ours | baseline | ratio | target | result | CPU: ours, baseline |",
        "|---|---:|---:|---:|---|---|---:|",
    ]
    for row in rows:
        ratio = "–" if row.ratio is None else f"{row.ratio:.1%}" if row.percent else f"{row.ratio:.2f}×"
        ratio = f"> {ratio}" if row.at_least and row.ratio is not None else ratio
        ours, baseline = value(row.ours, row.unit, row.at_least), value(row.baseline, row.unit)
        cpu = "–" if row.cpu is None else f"{value(row.cpu[0], 's')}, {value(row.cpu[1], 's')}"
        target = row.target or "–"
        lines.append(f"| {row.label} | {ours} | {baseline} | {ratio} | {target} | {result(row)} | {cpu} |")
    return "\n".join(lines)
