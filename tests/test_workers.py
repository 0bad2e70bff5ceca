"""Parsing shared with worker processes gives what one process gives."""

from __future__ import annotations

from dataclasses import replace

from projects import REPO

from extractor.filecache import CACHE
from extractor.pipeline import run
from extractor.scan import scan_chunk
from extractor.site_config import load_settings
from extractor.workers import WORKERS, WORTH


def test_a_cold_run_with_workers_finds_what_one_process_finds() -> None:
    settings = replace(load_settings(str(REPO / "mkdocs.yml")), cache_dir=None)
    CACHE.clear()
    alone = run(settings)
    CACHE.clear()
    WORKERS.start(WORTH)  # as a run with thousands of files to read would; the run closes them
    assert WORKERS.running

    shared = run(settings)

    assert not WORKERS.running
    assert shared.examples == alone.examples
    assert shared.violations == alone.violations
    assert shared.followed == alone.followed and shared.metrics == alone.metrics
    assert shared.diagnostics == alone.diagnostics
    assert [p.text for p in shared.pages] == [p.text for p in alone.pages]
    assert len(alone.examples) > 20 and alone.rules and alone.followed
    assert any(e.symbol for e in alone.examples)  # named by symbol in mkdocs.yml, resolved alongside


def test_a_worker_that_dies_leaves_its_work_to_the_run() -> None:
    WORKERS.start(WORTH)
    for worker in WORKERS._workers:
        worker.process.kill()
        worker.process.wait()
    chunks = [(str(REPO), 5_000_000, ["extractor/pipeline.py"]) for _ in range(4)]
    try:
        answers = WORKERS.map("scan", chunks, scan_chunk)
    finally:
        WORKERS.close()

    assert answers == [scan_chunk(chunk) for chunk in chunks]
    assert all(result.found for chunk in answers for _, result in chunk)  # the pipeline marks itself
