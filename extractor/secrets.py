"""Credentials never reach the site: examples whose text looks like a secret are withheld (pure)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from extractor.model import Diagnostic, Example, Segment, error
from extractor.scan.cache import memoised

SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a private key block", re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")),
    ("an AWS access key id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b")),
    ("a Slack token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    ("a Stripe key", re.compile(r"\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("an OpenAI or Anthropic key", re.compile(r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}")),
    ("a JSON Web Token", re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")),
    (
        "a password or key literal",
        re.compile(
            r"""(?ix)\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret)
            ["']?\s*[:=]\s*["']([^"'\s]{4,})["']"""
        ),
    ),
)
"""What a credential looks like: a name for the message and the shape."""

NEEDLES: dict[str, tuple[str, ...]] = {
    "a private key block": ("PRIVATE KEY",),
    "an AWS access key id": ("AKIA", "ASIA"),
    "a GitHub token": ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    "a Slack token": ("xox",),
    "a Stripe key": ("k_live_", "k_test_"),
    "a Google API key": ("AIza",),
    "an OpenAI or Anthropic key": ("sk-",),
    "a JSON Web Token": ("eyJ",),
    "a password or key literal": ("pass", "pwd", "secret", "key", "token"),
}
"""Text each shape's matches contain (lower case for the case-insensitive one): a shape is only tried
on text holding one of its needles, which `in` finds far faster than a pattern starting with `\\b`."""

PLACEHOLDER_RE = re.compile(
    r"^(?:\$\{.*\}|<.*>|\{\{.*\}\}|[x*.\-_]+|changeme|example|placeholder|redacted|test|dummy)$", re.I
)
TOKEN_RE = re.compile(r"""["'`]([A-Za-z0-9+/=_\-]{32,})["'`]""")
MIN_ENTROPY = 4.2
"""Bits per character above which a long quoted token counts as random (base64 keys score ~5-6, words ~3)."""


@dataclass(frozen=True)
class Finding:
    """Something in an example that looks like a credential."""

    line: int
    """Line in the source file."""
    what: str
    """What it looks like."""


def find_secrets(example: Example) -> list[Finding]:
    """Every line of the shown code that looks like it holds a credential."""
    return list(_findings(example.segments))


@memoised(maxsize=65536)
def _findings(segments: tuple[Segment, ...]) -> tuple[Finding, ...]:
    """Memoised on the shown code, so a `mkdocs serve` rebuild only reads what changed.

    Most code holds nothing: each shape is first looked for in the whole text at once (anything
    found in one line is found there too), and only then line by line.
    """
    whole = "\n".join(line for segment in segments for line in segment.lines)
    if not _candidates(whole) and not TOKEN_RE.search(whole):
        return ()
    found = []
    for segment in segments:
        for offset, text in enumerate(segment.lines):
            what = looks_secret(text)
            if what:
                found.append(Finding(segment.start + offset, what))
    return tuple(found)


def looks_secret(text: str) -> str | None:
    """What the line looks like it holds, or None."""
    for name, shape in _candidates(text):
        match = shape.search(text)
        if match and not (match.groups() and PLACEHOLDER_RE.match(match.group(1))):
            return name
    for token in TOKEN_RE.findall(text):
        if _entropy(token) >= MIN_ENTROPY and not token.replace("-", "").replace("_", "").isalpha():
            return "a high-entropy token"
    return None


def _candidates(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The shapes worth trying on `text`: those with a needle in it, and a match in it."""
    lower = text.lower()
    return [
        (name, shape)
        for name, shape in SHAPES
        if any(needle in (lower if name == "a password or key literal" else text) for needle in NEEDLES[name])
        and shape.search(text)
    ]


def _entropy(token: str) -> float:
    counts = Counter(token)
    return -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())


def withhold_secrets(examples: Iterable[Example]) -> tuple[list[Example], list[Diagnostic]]:
    """Examples with credential-like text lose their code (the page shows a notice); each finding is an error."""
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
        kept.append(replace(example, segments=(), withheld=f"{findings[0].what} ({where})"))
    return kept, diagnostics
