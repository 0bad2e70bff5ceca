"""Golden cases: each folder of `tests/cases/` is a project with its expected pages and diagnostics.

A case holds `mkdocs.yml`, `patterns/*.md`, sources (usually under `src/`) and `expected/`:
`diagnostics.txt` lists every diagnostic line in order (the project root as `<root>`), each
`expected/<page>.md` is compared with the page of that name the run renders, and `explain.txt`
(optional) with what `patterns list --explain` prints: how each heading was read. See tests/README.md.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from projects import run_project

from extractor.cli import run_cli

CASES = Path(__file__).parent / "cases"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def copy_case(case: Path, into: Path) -> Path:
    """The case's inputs in a fresh folder outside any git repository, so files are walked and links use HEAD."""
    root = into / case.name
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("expected"))
    (root / "docs").mkdir(exist_ok=True)  # MkDocs insists on docs_dir; git keeps no empty folder
    return root


def explained(root: Path) -> str:
    """What `patterns list --explain` prints for the case: how each page was read."""
    out, err = io.StringIO(), io.StringIO()
    assert run_cli(["-f", str(root / "mkdocs.yml"), "list", "--explain"], out, err) == 0, err.getvalue()
    return out.getvalue()


# @pattern testing/golden-data-tests
@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_case_gives_expected_diagnostics_and_pages(case: str, tmp_path: Path) -> None:
    expected = CASES / case / "expected"
    root = copy_case(CASES / case, tmp_path)
    result = run_project(root)
    diagnostics = [str(d).replace(str(root), "<root>") for d in result.diagnostics]
    assert diagnostics == (expected / "diagnostics.txt").read_text(encoding="utf-8").splitlines()
    pages = {page.path: page.text for page in result.pages}
    if (expected / "explain.txt").exists():
        pages["explain.txt"] = explained(root)
    for golden in sorted([*expected.glob("*.md"), *expected.glob("explain.txt")]):
        if UPDATE:
            golden.write_text(pages[golden.name], encoding="utf-8", newline="")
        assert pages[golden.name] == golden.read_text(encoding="utf-8"), (
            f"{golden.name} differs; UPDATE_GOLDEN=1 rewrites it"
        )
