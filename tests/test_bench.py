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
    "scan_vs_rg",
    "scan_cached_vs_rg",
    "parse_floor_vs_rg",
    "pipeline_vs_rg",
    "pipeline_cached_vs_rg",
    "cli_vs_rg",
    "cli_cached_vs_rg",
    "cli_startup",
    "plugin_build",
    "plugin_build_cold",
    "plugin_run",
    "plugin_run_cold",
    "serve_rebuild",
    "peak_memory",
    "growth_time",
    "growth_memory",
    "catalogue_page",
}
"""Every row of the benchmark's table."""

SMALL = ("--lines", "5000", "--annotations", "20")


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


def test_the_scan_finds_every_generated_example_and_nothing_in_ignored_folders(
    corpus: tuple[Path, dict[str, Any]],
) -> None:
    tree, manifest = corpus
    result = run_project(tree)
    assert [str(d) for d in result.diagnostics if d.severity is Severity.ERROR] == []
    assert len(result.examples) == manifest["examples"] == 20
    assert manifest["ignored_files"] > 0  # node_modules/, dist/ and build/ carry markers the scan must not see
    assert all(count > 0 for count in manifest["forms"].values()), manifest["forms"]


def test_the_corpus_is_the_same_every_time(corpus: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    _, again = generate(tmp_path)
    assert again["commit"] == corpus[1]["commit"]


def test_the_benchmark_runs_and_reports_every_measurement(corpus: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    tree, _ = corpus
    out = tmp_path / "results.json"
    growth = ("--growth", "2000", "5000", "--reps", "1", "--big-reps", "1")
    done = bench(
        "run",
        *SMALL,
        *growth,
        "--cache",
        str(tree.parent.parent),
        "--site",
        str(tree / "mkdocs.yml"),
        "--json",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results["measurements"]) == MEASUREMENTS
    assert all(row["ours"] is not None for row in results["measurements"].values())
    assert results["facts"]["scan"]["examples"] == 20
    assert results["facts"]["scan"]["cache_bytes"] > 0  # the cached rows had a cache to read
    assert results["facts"]["site"]["content_differs"] == []  # the pre-rendered twin is the same site
    assert done.stdout.count("\n| ") == len(MEASUREMENTS) + 1  # the table: a header and a line per measurement
