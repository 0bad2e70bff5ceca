"""What excuses a violation (an `@pattern-allow` above it, an entry of the baseline) and how violations are reported."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from extractor.model import Catalogue, Diagnostic, Kind, Location, Marker, Severity, error, warning
from extractor.rules.model import Rule, Violation


def apply_allows(
    violations: list[Violation], allows: dict[str, list[Marker]], catalogue: Catalogue
) -> tuple[list[Violation], list[Diagnostic]]:
    """Drop the violations an `@pattern-allow <id>` on the line above excuses; report allows that excuse nothing."""
    kinds = {p.id: p.kind for p in catalogue.patterns}
    used: set[tuple[str, int]] = set()
    kept = []
    for v in violations:
        allow = next((m for m in allows.get(v.path, []) if m.line == v.line - 1 and m.ref == v.rule), None)
        if allow is None:
            kept.append(v)
        else:
            used.add((v.path, allow.line))
    diagnostics = []
    for path, markers in sorted(allows.items()):
        for m in markers:
            if kinds.get(m.ref) is not Kind.ANTI_PATTERN:
                diagnostics.append(
                    error(
                        "allow-unknown",
                        path,
                        m.line,
                        f"`@pattern-allow {m.ref}` names no anti-pattern; use an anti-pattern's full id",
                    )
                )
            elif (path, m.line) not in used:
                diagnostics.append(
                    warning(
                        "allow-unused",
                        path,
                        m.line,
                        f"`@pattern-allow {m.ref}` suppresses nothing: the line below breaks no rule; remove it",
                    )
                )
    return kept, diagnostics


def baseline_text(violations: Iterable[Violation]) -> str:
    """A baseline file: the violations to tolerate, by rule, path and code (not line), as JSON."""
    entries = [{"rule": v.rule, "path": v.path, "code": v.code} for v in sorted(violations, key=_baseline_key)]
    return json.dumps({"version": 1, "violations": entries}, indent=2, ensure_ascii=False) + "\n"


def apply_baseline(violations: list[Violation], text: str, source: str) -> tuple[list[Violation], list[Diagnostic]]:
    """The violations the baseline does not list (each entry excuses one violation with the same rule, path, code)."""
    try:
        data = json.loads(text)
        tolerated = Counter((e["rule"], e["path"], e["code"]) for e in data["violations"])
    except (ValueError, KeyError, TypeError, RecursionError):  # RecursionError: JSON nested thousands deep
        fix = "write one with `patterns baseline write FILE`"
        return violations, [error("baseline-invalid", source, 0, f"not a baseline file; {fix}")]
    kept = []
    for v in violations:
        key = _baseline_key(v)
        if tolerated[key]:
            tolerated[key] -= 1
        else:
            kept.append(v)
    return kept, []


def _baseline_key(v: Violation) -> tuple[str, str, str]:
    return (v.rule, v.path, v.code)


def violation_diagnostics(
    violations: Iterable[Violation], rules: Iterable[Rule], links: dict[str, str]
) -> list[Diagnostic]:
    """`path:line:col: severity[violation]: message [id] link` for every violation."""
    by_id = {r.id: r for r in rules}
    return [
        Diagnostic(
            Location(v.path, v.line, v.column),
            by_id[v.rule].severity or Severity.INFO,
            f"{v.message or by_id[v.rule].message} [{v.rule}] {links[v.rule]}",
            "violation",
            v.rule,
        )
        for v in violations
    ]
