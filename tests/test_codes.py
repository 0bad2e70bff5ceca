"""Diagnostic codes: every code the tool emits is documented, and the plugin block's `severity`,
`exclude_pages` and every other option mean the same to the `patterns` command and to `mkdocs build`."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from codes_page import page
from projects import PAGE, MakeProject, mkdocs_build

from extractor.cli import run_cli
from extractor.codes import CODES

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"
CONSTRUCTORS = {"error": "error", "warning": "warning", "info": "info"}


def emitted() -> set[tuple[str, str]]:
    """(code, severity) of every `error("code", ...)`, `warning(...)`, `info(...)` call in the package."""
    found = set()
    for source in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in CONSTRUCTORS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add((str(node.args[0].value), CONSTRUCTORS[node.func.id]))
    return found


def test_every_code_the_tool_emits_is_in_the_table_with_that_severity() -> None:
    table = {name: code.severity.value for name, code in CODES.items()}
    assert sorted(pair for pair in emitted() if table.get(pair[0]) != pair[1]) == []


def test_every_code_of_the_table_is_emitted_somewhere() -> None:
    used = {code for code, _ in emitted()} | {"violation", "config-invalid"}  # built as Diagnostic(...) directly
    assert sorted(set(CODES) - used) == []


def test_the_diagnostics_page_is_generated_from_the_table() -> None:
    docs = (PACKAGE.parent / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert docs == page(), "run `python tests/codes_page.py > docs/diagnostics.md`"


FIELD_TWICE = PAGE.replace(
    "### Mutation Function Structure",
    "### Mutation Function Structure\n\n**Related Patterns**: Query Function Structur",
)
NOTES = "# Notes\n\nPlain prose, no patterns.\n"


def check(root: Path) -> tuple[int, str]:
    err = io.StringIO()
    status = run_cli(["-f", str(root / "mkdocs.yml"), "check", "--strict"], io.StringIO(), err)
    return status, err.getvalue()


@pytest.mark.parametrize(
    ("severity", "status", "line"),
    [
        pytest.param("", 1, "warning[related-fuzzy]", id="default"),
        pytest.param("related-fuzzy: ignore", 0, "", id="ignored"),
        pytest.param("related-fuzzy: info", 0, "info[related-fuzzy]", id="info"),
        pytest.param("related-fuzzy: error", 1, "error[related-fuzzy]", id="error"),
    ],
)
def test_severity_option_changes_a_code_in_the_command_and_the_build(
    make_project: MakeProject, tmp_path: Path, severity: str, status: int, line: str
) -> None:
    extra = f"      severity:\n        {severity}\n" if severity else ""
    root = make_project({"patterns/backend-patterns.md": FIELD_TWICE}, extra=extra)
    code, err = check(root)
    assert code == status
    assert (line in err) if line else ("related-fuzzy" not in err)
    built = mkdocs_build(root, tmp_path / "site", "--strict")
    assert built.returncode == status, built.stderr
    assert (line in built.stderr) if line else ("related-fuzzy" not in built.stderr)


def test_exclude_pages_keeps_prose_out_of_the_catalogue(make_project: MakeProject) -> None:
    status, err = check(make_project({"patterns/notes.md": NOTES}))
    assert status == 1 and err.startswith(
        "patterns/notes.md:1: warning[page-without-patterns]: no patterns on this page"
    )
    excluded = make_project({"patterns/notes.md": NOTES}, folder="excluded", extra="      exclude_pages: [notes.md]\n")
    assert check(excluded) == (0, "")


def test_a_misspelt_option_is_the_same_error_in_the_command_and_the_build(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = make_project(extra="      sourcs: [src]\n")
    code, err = check(root)
    built = mkdocs_build(root, tmp_path / "site")
    wanted = "option 'sourcs': unknown option; did you mean 'sources'?"
    assert (code, built.returncode) == (1, 1)
    assert wanted in err and wanted in built.stderr
