"""Credentials never reach the site: examples and rule violations that look like they hold one are withheld (pure).

Everything the tool publishes from code passes through here: the code and title of every example,
and the code of every rule violation. What looks like a credential is found by
`credentials.find_credentials`; an example holding one loses its code (the page shows a notice), a
violation keeps its place and rule but its code becomes the SHA-256 digest of that code, which is
also what a baseline stores for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial

from extractor import credentials
from extractor.filecache import ALWAYS, FILES, content_digest
from extractor.model import Diagnostic, Example, error, info
from extractor.rules import Violation

WITHHELD_PREFIX = "sha256:"
"""How the code of a withheld violation starts: the digest follows."""


@dataclass(frozen=True)
class Finding:
    """Something in published text that looks like a credential."""

    line: int
    """Line in the source file."""
    what: str
    """What it looks like."""


def find_secrets(example: Example) -> list[Finding]:
    """Every line of the shown code that looks like it holds a credential, and its title's (at its first line)."""
    numbers = [segment.start + n for segment in example.segments for n in range(len(segment.lines))]
    text = "\n".join(line for segment in example.segments for line in segment.lines)
    found = [Finding(numbers[f.line], f.what) for f in _credentials(example.path, text)]
    title = _credentials(example.path, example.title) if example.title else ()
    return [Finding(example.start, f.what) for f in title[:1]] + found


def _credentials(path: str, text: str) -> tuple[credentials.Finding, ...]:
    """The detector's findings, kept in the cache by the text's digest, so an unchanged text is read once."""
    key = ("secrets", path, content_digest(text.encode("utf-8", "surrogatepass")))
    make = partial(credentials.find_credentials, text)
    return FILES.get(key, ALWAYS, make, tuple[credentials.Finding, ...])


def withhold_secrets(examples: Iterable[Example]) -> tuple[list[Example], list[Diagnostic]]:
    """Examples with credential-like text lose their code and title (the page shows a notice); each finding is an error."""
    kept: list[Example] = []
    diagnostics: list[Diagnostic] = []
    for example in examples:
        findings = [] if example.allow_secret else find_secrets(example)
        if not findings:
            kept.append(example)
            continue
        for finding in findings:
            message = (
                f"the example of {example.pattern_id!r} looks like it holds {finding.what}, so it is not published;"
                " move the credential out of the code, or add `allow-secret` to the marker if it is not one"
            )
            diagnostics.append(error("secret-withheld", example.path, finding.line, message))
        where = ", ".join(f"line {f.line}" for f in findings)
        kept.append(replace(example, segments=(), title="", withheld=f"{findings[0].what} ({where})"))
    return kept, diagnostics


def withhold_violations(violations: Iterable[Violation]) -> tuple[list[Violation], list[Diagnostic]]:
    """Violations whose code looks like it holds a credential, with that code replaced by its digest.

    The violation is still reported at its place; pages, SARIF, GitHub annotations and baselines
    see `sha256:<digest>` instead of the code, which matches the same code in a later run.
    """
    kept: list[Violation] = []
    notes: list[Diagnostic] = []
    for violation in violations:
        found = _credentials(violation.path, violation.code)
        if not found:
            kept.append(violation)
            continue
        digest = hashlib.sha256(violation.code.encode("utf-8", "surrogatepass")).hexdigest()
        kept.append(replace(violation, code=WITHHELD_PREFIX + digest, withheld=found[0].what))
        message = (
            f"the code that breaks {violation.rule!r} here looks like it holds {found[0].what}, so pages and"
            " baselines show its SHA-256 digest instead; move the credential out of the code"
        )
        notes.append(info("violation-withheld", violation.path, violation.line, message))
    return kept, notes
