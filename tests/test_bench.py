"""`make bench` in small: the generated corpus, and one pass of the harness (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from projects import REPO, run_project

from extractor.model import Severity

MEASUREMENTS = {
    "check_cached",
    "check_cold",
    "check_edited",
    "help",
    "link",
    "build_cached",
    "build_cold",
    "serve_rebuild",
    "scale_markers",
    "scale_lines",
    "scale_memory",
    "scale_cold_lines",
    "scale_page",
    "scale_long_line",
    "history",
    "inprocess_import_cli",
    "inprocess_settings",
    "inprocess_parse_marked",
    "inprocess_scan_cold",
    "inprocess_scan_cached",
    "inprocess_run_cold",
    "inprocess_run_cached",
}
"""Every row of the benchmark's table."""

TARGETS = MEASUREMENTS - {"scale_cold_lines", "check_edited"} - {m for m in MEASUREMENTS if m.startswith("inprocess_")}
"""The rows that are judged against a target."""

SMALL = ("--lines", "5000", "--annotations", "20", "--patterns", "20")
TINY_RUN = (
    *SMALL,
    *("--scale", "80", "--big-lines", "20000", "--stress-lines", "3000"),
    *("--stress-patterns", "200", "--long-line", "10000", "--reps", "1"),
)
"""Every corpus of `make bench`, small, and one repetition."""


def bench(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m bench.<module> ARGS` from the repository root, as `make bench` runs it."""
    return subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def generate(cache: Path) -> tuple[Path, dict[str, Any]]:
    done = bench("corpus", *SMALL, "--cache", str(cache))
    assert done.returncode == 0, done.stderr
    tree = Path(done.stdout.splitlines()[0])
    return tree, json.loads((tree.parent / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A 5k-line corpus with 20 examples, generated once for the module."""
    return generate(tmp_path_factory.mktemp("corpus"))


def test_the_default_corpus_looks_like_a_real_monorepo() -> None:
    done = bench("corpus", "--describe")  # the default parameters, as `make bench` uses them
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert facts["lines"] >= 500_000 and facts["files"] >= 5_000
    assert 80 <= facts["lines"] / facts["files"] <= 100  # real ones: ~90 lines a file
    assert facts["marked_files"] < facts["files"] / 10
    assert facts["examples"] == 500 and facts["patterns"] == 500 + 50  # one page of 500, four of ordinary size


def test_the_scan_finds_every_generated_example_and_nothing_in_ignored_folders(
    corpus: tuple[Path, dict[str, Any]],
) -> None:
    tree, manifest = corpus
    result = run_project(tree)
    assert [str(d) for d in result.diagnostics if d.severity is Severity.ERROR] == []
    assert len(result.examples) == manifest["examples"] == 20
    assert manifest["ignored_files"] > 0  # node_modules/, dist/ and build/ carry markers the scan must not see
    assert all(count > 0 for count in manifest["forms"].values()), manifest["forms"]
    pages = {e.pattern_id.split("/")[0] for e in result.examples}
    assert "library" in pages and len(pages) >= 3, pages  # markers name the large page and the ordinary ones


def test_the_corpus_is_the_same_every_time(corpus: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    _, again = generate(tmp_path)
    assert again["commit"] == corpus[1]["commit"]


def test_the_benchmark_reports_every_row_and_finds_every_example(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = bench("run", *TINY_RUN, "--cache", str(tmp_path / "corpora"), "--json", str(out))
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    rows = results["measurements"]
    assert set(rows) == MEASUREMENTS
    assert all(rows[key]["ours"] is not None and not rows[key]["failed"] for key in rows), rows
    assert {key for key, row in rows.items() if row["limit"] is not None} == TARGETS
    for name, manifest in results["corpus"].items():  # every corpus: as many examples found as generated
        assert results["facts"]["found"][name] == {"examples": manifest["examples"], "errors": 0}, name
    assert results["facts"]["site"]["content_differs"] == []  # the pre-rendered twin is the same site
    printed = {line.split(" | ")[0].removeprefix("| "): line for line in done.stdout.splitlines()}
    for key in TARGETS:  # each target row prints its target and its result
        line = printed[rows[key]["label"]]
        assert rows[key]["target"] in line and ("PASS" in line or "FAIL" in line), line
