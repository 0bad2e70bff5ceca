"""The labelled corpus in `secrets/`: credential shapes and ordinary lines, and a detector's figures on it.

A corpus file holds cases, each opened by a `=== name` line (lines before the first are comments).
In `credentials.txt` each case is one credential, found when the detector flags any of its lines;
in `ordinary/*.txt` each case is a run of ordinary lines, and every line flagged is a false positive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "secrets"


@dataclass(frozen=True)
class Case:
    """One case of the corpus."""

    name: str
    """What follows `=== ` (for ordinary code, where its lines were taken from)."""
    text: str
    """Its lines."""


def cases(path: Path) -> list[Case]:
    """The cases of one corpus file, in order."""
    found: list[Case] = []
    name: str | None = None
    lines: list[str] = []
    for line in [*path.read_text(encoding="utf-8").split("\n"), "=== "]:
        if line.startswith("=== "):
            if name is not None:
                found.append(Case(name, "\n".join(lines).rstrip("\n")))
            name, lines = line[4:], []
        elif name is not None:
            lines.append(line)
    return found


def credentials() -> list[Case]:
    """Every credential shape."""
    return cases(CORPUS / "credentials.txt")


def ordinary(files: str = "*.txt") -> list[Case]:
    """Every run of ordinary lines (in the files matching `files`)."""
    return [case for path in sorted((CORPUS / "ordinary").glob(files)) for case in cases(path)]


@dataclass(frozen=True)
class Figures:
    """How a detector does on the corpus."""

    shapes: int
    """Credential cases."""
    missed: tuple[str, ...]
    """The credential cases it does not find."""
    lines: int
    """Ordinary lines."""
    flagged: tuple[str, ...]
    """The ordinary lines it flags (false positives)."""

    @property
    def recall(self) -> float:
        """Share of the credential cases found."""
        return (self.shapes - len(self.missed)) / self.shapes

    @property
    def false_positive_rate(self) -> float:
        """Share of the ordinary lines flagged."""
        return len(self.flagged) / self.lines

    @property
    def precision(self) -> float:
        """Share of the flags that are credentials (one flag per credential case found, one per line flagged)."""
        found = self.shapes - len(self.missed)
        return found / max(1, found + len(self.flagged))

    def __str__(self) -> str:
        return (
            f"{self.shapes} credential shapes: recall {self.recall:.1%} ({len(self.missed)} missed); "
            f"{self.lines} ordinary lines: false positives {self.false_positive_rate:.2%} ({len(self.flagged)}); "
            f"precision {self.precision:.1%}"
        )


Detector = Callable[[Case], Iterable[int]]
"""What a detector flags in a case: 0-based line numbers."""


def measure(detect: Detector, files: str = "*.txt") -> Figures:
    """The detector's figures on the corpus (its ordinary lines in the files matching `files`)."""
    shapes = credentials()
    missed = tuple(case.name for case in shapes if not list(detect(case)))
    flagged: list[str] = []
    lines = 0
    for case in ordinary(files):
        text = case.text.split("\n")
        lines += len(text)
        flagged += [f"{case.name} (+{n}): {text[n][:120]}" for n in sorted(set(detect(case)))]
    return Figures(len(shapes), missed, lines, tuple(flagged))
