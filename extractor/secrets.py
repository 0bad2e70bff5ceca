"""Credentials never reach the site: examples and rule violations that look like they hold one are withheld (pure).

Everything the tool publishes from code passes through here: the code and title of every example,
and the code of every rule violation. What looks like a credential is found by
`credentials.find_credentials`, once, when the file is scanned or checked (so the finding is kept
in the cache with the file's other results); an example holding one loses its code (the page
shows a notice), a violation keeps its place and rule but its code becomes the SHA-256 digest of
that code, which is also what a baseline stores for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from extractor.model import Diagnostic, Example, Segment, error, info

if TYPE_CHECKING:
    from extractor.rules.model import Violation

WITHHELD_PREFIX = "sha256:"
"""How the code of a withheld violation starts: the digest follows."""


@dataclass(frozen=True)
class Finding:
    """Something in published text that looks like a credential."""

    line: int
    """Line in the source file."""
    what: str
    """What it looks like."""


def find_secrets(start: int, segments: Sequence[Segment], title: str) -> tuple[Finding, ...]:
    """Every line of the shown code that looks like it holds a credential, and the title's (at line `start`)."""
    from extractor.credentials import find_credentials

    numbers = [segment.start + n for segment in segments for n in range(len(segment.lines))]
    text = "\n".join(line for segment in segments for line in segment.lines)
    found = [Finding(numbers[f.line], f.what) for f in find_credentials(text)]
    named = find_credentials(title) if title else ()
    return tuple([Finding(start, f.what) for f in named[:1]] + found)


def withhold(example: Example, findings: Sequence[Finding]) -> tuple[Example, list[Diagnostic]]:
    """An example with credential-like text loses its code and title (the page shows a notice); each finding is an error."""
    if not findings or example.allow_secret:
        return example, []
    diagnostics = []
    for finding in findings:
        message = (
            f"the example of {example.pattern_id!r} looks like it holds {finding.what}, so it is not published;"
            " move the credential out of the code, or add `allow-secret` to the marker if it is not one"
        )
        diagnostics.append(error("secret-withheld", example.path, finding.line, message))
    where = ", ".join(f"line {f.line}" for f in findings)
    return replace(example, segments=(), title="", withheld=f"{findings[0].what} ({where})"), diagnostics


def withhold_secrets(examples: Iterable[Example]) -> tuple[list[Example], list[Diagnostic]]:
    """`withhold` for examples no scan of marked code has looked at (named by symbol, found by a rule): their
    code and title are looked at here."""
    kept: list[Example] = []
    diagnostics: list[Diagnostic] = []
    for example in examples:
        findings = () if example.allow_secret else find_secrets(example.start, example.segments, example.title)
        example, problems = withhold(example, findings)
        kept.append(example)
        diagnostics += problems
    return kept, diagnostics


def withhold_violation(violation: Violation) -> Violation:
    """The violation, with its code replaced by its digest when it looks like it holds a credential.

    The violation is still reported at its place; pages, SARIF, GitHub annotations and baselines
    see `sha256:<digest>` instead of the code, which matches the same code in a later run.
    """
    from extractor.credentials import find_credentials

    found = find_credentials(violation.code)
    if not found:
        return violation
    digest = hashlib.sha256(violation.code.encode("utf-8", "surrogatepass")).hexdigest()
    return replace(violation, code=WITHHELD_PREFIX + digest, withheld=found[0].what)


def withheld_notes(violations: Iterable[Violation]) -> list[Diagnostic]:
    """A note at each violation whose code is withheld."""
    return [
        info(
            "violation-withheld",
            violation.path,
            violation.line,
            f"the code that breaks {violation.rule!r} here looks like it holds {violation.withheld}, so pages and"
            " baselines show its SHA-256 digest instead; move the credential out of the code",
        )
        for violation in violations
        if violation.withheld
    ]
