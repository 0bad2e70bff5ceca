"""Diagnostics for machines: GitHub workflow commands and SARIF 2.1.0 (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from extractor.codes import CODES, Code
from extractor.escape import url, url_path, workflow_data, workflow_property
from extractor.model import Diagnostic, Severity
from extractor.rules import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
GITHUB = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github_lines(diagnostics: Iterable[Diagnostic], prefix: str = "") -> list[str]:
    """One `::error file=...,line=...,col=...::message` workflow command per diagnostic."""
    lines = []
    for d in diagnostics:
        where = [f"file={workflow_property(prefix + d.location.path)}"]
        where += [f"line={d.location.line}"] if d.location.line else []
        where += [f"col={d.location.column}"] if d.location.column else []
        where.append(f"title={workflow_property(d.rule or d.code)}")
        lines.append(f"::{GITHUB[d.severity]} {','.join(where)}::{workflow_data(d.message)}")
    return lines


def sarif(
    diagnostics: Iterable[Diagnostic], rules: Iterable[Rule], help_urls: Mapping[str, str], prefix: str = ""
) -> dict[str, Any]:
    """A SARIF log with one run: each anti-pattern rule carries its page as `helpUri`; other problems
    have their diagnostic code as `ruleId`, described from `extractor.codes`."""
    diagnostics = list(diagnostics)
    descriptors = [_descriptor(rule, help_urls.get(rule.id)) for rule in rules]
    codes = sorted({d.code for d in diagnostics if not d.rule and d.code in CODES})
    descriptors += [_code_descriptor(CODES[code]) for code in codes]
    results = [_result(d, prefix) for d in diagnostics]
    driver = {"name": "patterns", "informationUri": "https://pattern-catalogue.github.io/living-catalogue/"}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {**driver, "rules": descriptors}}, "results": results}],
    }


def _descriptor(rule: Rule, help_url: str | None) -> dict[str, Any]:
    level = LEVELS[rule.severity] if rule.severity else "none"
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.message},
        "defaultConfiguration": {"level": level},
    }
    address = url(help_url) if help_url else None
    if address:
        descriptor["helpUri"] = address
    return descriptor


def _code_descriptor(code: Code) -> dict[str, Any]:
    return {
        "id": code.name,
        "shortDescription": {"text": code.meaning},
        "defaultConfiguration": {"level": LEVELS[code.severity]},
    }


def _result(d: Diagnostic, prefix: str) -> dict[str, Any]:
    region = {"startLine": d.location.line} if d.location.line else {}
    if d.location.line and d.location.column:
        region["startColumn"] = d.location.column
    location: dict[str, Any] = {"artifactLocation": {"uri": url_path(prefix + d.location.path)}}
    if region:
        location["region"] = region
    result: dict[str, Any] = {
        "ruleId": d.rule or d.code,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": location}],
    }
    return result
