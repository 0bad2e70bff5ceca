"""Anti-pattern rules in ast-grep's format: loaded and tied to anti-patterns, run over the code, excused or reported.

- `model`: what a rule and a violation are; ast-grep's languages and file globs (`globs`).
- `files`, `documents`, `sgconfig`, `load`: rule files found, read safely, checked as ast-grep checks them.
- `run`: rules over code snippets (their test cases) and over the project's files.
- `excuses`: `@pattern-allow`, baselines, and violations as diagnostics.
"""

from extractor.rules.excuses import apply_allows, apply_baseline, baseline_text, violation_diagnostics
from extractor.rules.load import load_rules
from extractor.rules.model import Glob, Rule, Violation, rule_language
from extractor.rules.run import matches, run_rules, self_test

__all__ = [
    "Glob",
    "Rule",
    "Violation",
    "apply_allows",
    "apply_baseline",
    "baseline_text",
    "load_rules",
    "matches",
    "rule_language",
    "run_rules",
    "self_test",
    "violation_diagnostics",
]
