"""`patterns history`: the command's options, its progress line, its table or JSON, and the history file it writes."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # the rest loads when the command runs: `patterns --help` builds this parser
    from extractor.history import History
    from extractor.model import Diagnostic, Settings


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The `history` subcommand and its options."""
    history = commands.add_parser(
        "history", help="count what the rules find at sampled commits of this branch, for the site's trend charts"
    )
    history.add_argument(
        "--since", metavar="REV|DATE", help="start at this commit of the branch, or at this date (2026-01-31)"
    )
    history.add_argument("--every", metavar="N", type=_positive, default=1, help="count every Nth commit (default: 1)")
    history.add_argument("--json", action="store_true", help="print the history as JSON for tools")


def cmd_history(settings: Settings, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Compute the history, write the history file, print the counts per commit."""
    from extractor.cli import ProgressLine
    from extractor.history import compute_history, history_json
    from extractor.write import write_file

    display = ProgressLine(err, ("history", "commits", "files parsed")) if err.isatty() and not args.quiet else None
    history, diagnostics = compute_history(settings, args.since, args.every, display)
    if display:
        display.clear()
    _print_count(diagnostics, err)
    text = history_json(history)
    if settings.history:
        write_file(settings.root / settings.history, text, settings.root, settings.history)
    if args.json:
        out.write(text)
        return 0
    _print_table(history, out)
    where = f"; wrote {settings.history}" if settings.history else ""
    print(f"{len(history.points)} commits counted{where}", file=err)
    return 0


def _print_count(diagnostics: list[Diagnostic], err: TextIO) -> None:
    """One line saying how many errors and warnings the catalogue and its rules have: `patterns check` lists them."""
    from extractor.model import Severity

    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if errors or warnings:
        print(
            f"note: {errors} errors and {warnings} warnings in the catalogue and its rules; `patterns check` lists them",
            file=err,
        )


def _print_table(history: History, out: TextIO) -> None:
    print(f"{'date':<10}  {'commit':<10}  {'followed':>8}  {'violations':>10}", file=out)
    for point in history.points:
        followed, violations = sum(point.followed.values()), sum(point.violations.values())
        print(f"{point.date:%Y-%m-%d}  {point.commit[:10]}  {followed:>8}  {violations:>10}", file=out)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)
