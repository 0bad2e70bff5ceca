"""Output for machines: SARIF and GitHub workflow commands carry paths other tools can open."""

from __future__ import annotations

from extractor.model import Diagnostic, Location, Severity
from extractor.report import github_lines, sarif


def test_sarif_uris_are_percent_encoded() -> None:
    odd = Diagnostic(Location("src/a b#%?.ts", 3), Severity.ERROR, "m", "unknown-id")
    log = sarif([odd], [], {}, "app/")
    result = log["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/src/a%20b%23%25%3F.ts"
    assert result["ruleId"] == "unknown-id"


def test_github_lines_escape_what_would_end_a_property() -> None:
    odd = Diagnostic(Location("src/a,b:c.ts", 3), Severity.WARNING, "two\nlines", "former-id")
    assert github_lines([odd]) == ["::warning file=src/a%2Cb%3Ac.ts,line=3,title=former-id::two%0Alines"]
