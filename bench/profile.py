"""Where the time goes: one cold scan and one cold pipeline run on a corpus under cProfile, by stage.

    python -m bench.profile [--lines 500000] [--top 15]

Prints the cumulative time of each stage (the functions that implement it, found by module and
name, so a renamed function drops out of the table rather than breaking it), then the functions
with the most time of their own. Cold: no on-disk cache, and the in-process one emptied before
each call, and no worker processes (all the work shows in this process's profile; `make bench`
times runs with them). cProfile slows Python code down more than C code (parsers,
regular expressions, git), so read the shares, and compare with the unprofiled time printed first.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.corpus import CACHE, Params, corpus

Stage = tuple[str, str, tuple[str, ...]]
"""Label (indented under its parent), part of the module's path, function names."""

SCAN: tuple[Stage, ...] = (
    ("scan", "scan/__init__.py", ("scan",)),
    ("  list files (git ls-files, excludes)", "scan/files.py", ("list_files",)),
    ("  stat every file, look it up in the cache", "scan/__init__.py", ("_known",)),
    ("  read unknown files, keep those holding @pattern", "scan/__init__.py", ("_read_new",)),
    ("  parse the marked files (this process's share)", "scan/__init__.py", ("_parse_new",)),
    ("    os.path.realpath (symlink guard; all callers)", "posixpath>", ("realpath",)),
    ("  extract examples from marked files", "scan/extract.py", ("extract_file",)),
    ("    find marker lines (regex)", "scan/markers.py", ("read_markers",)),
    ("    parse TS/TSX/JS (ast-grep)", "scan/units.py", ("__init__",)),
    (
        "    comment lines and unit extents (ast-grep nodes)",
        "scan/units.py",
        ("comments", "unit_end", "is_comment"),
    ),
    ("    parse Python (PythonFile)", "scan/python.py", ("__init__",)),
    ("      ast.parse", "lib/python3", ("parse",)),
    ("      walk the statements", "scan/python.py", ("_walk",)),
    ("      comment lines", "scan/python.py", ("_comment_lines",)),
    ("    cut units, regions, hides", "scan/extract.py", ("cut",)),
    ("  @pattern-allow markers", "scan/extract.py", ("allow_markers",)),
    ("  credentials in the examples", "extractor/secrets.py", ("find_secrets",)),
)
PIPELINE: tuple[Stage, ...] = (
    ("pipeline run()", "extractor/pipeline.py", ("run",)),
    ("  read the catalogue", "extractor/catalogue.py", ("load_catalogue",)),
    ("  scan (broken down above)", "scan/__init__.py", ("scan",)),
    ("  git rev-parse (commit, prefix)", "extractor/git.py", ("head_and_prefix",)),
    ("  resolve examples (credentials withheld)", "extractor/examples.py", ("resolve_examples",)),
    ("  examples named by symbol (griffe, ast-grep)", "extractor/pipeline.py", ("_named_examples",)),
    ("  check the catalogue (related, links, ids)", "extractor/pipeline.py", ("_check_catalogue",)),
    ("  load rules and self-test them", "extractor/rules/load.py", ("load_rules",)),
    ("  run rules over the files", "extractor/rules/run.py", ("run_rules",)),
    ("  adoption, the examples rules offer, the history file", "extractor/pipeline.py", ("_measure",)),
    ("  trend charts (leather)", "extractor/trends.py", ("trends",)),
    (
        "  highlight the examples (Pygments; the workers' share is not here)",
        "extractor/highlights.py",
        ("highlight_ahead",),
    ),
    ("  render the pages", "extractor/render.py", ("render_catalogue",)),
    ("  write the cache", "extractor/filecache.py", ("flush",)),
)


def stage_times(stats: pstats.Stats, stages: tuple[Stage, ...]) -> list[tuple[str, float]]:
    """Cumulative seconds of each stage found in the profile."""
    table = stats.stats  # type: ignore[attr-defined]
    found = []
    for label, module, names in stages:
        seconds = [row[3] for (path, _, name), row in table.items() if module in path and name in names]
        if seconds:
            found.append((label, sum(seconds)))
    return found


def profile(call: Callable[[], object], stages: tuple[Stage, ...], top: int) -> None:
    from extractor.filecache import CACHE as FILE_CACHE

    FILE_CACHE.clear()
    profiler = cProfile.Profile()
    profiler.runcall(call)
    stats = pstats.Stats(profiler)
    times = stage_times(stats, stages)
    total = times[0][1] if times else 1.0
    for label, seconds in times:
        print(f"{label:<58} {seconds:7.3f} s {seconds / total:6.1%}")
    print(f"\nfunctions with the most time of their own (top {top}):")
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=500_000)
    parser.add_argument("--annotations", type=int, default=500)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args(argv)
    from extractor import workers
    from extractor.filecache import CACHE as FILE_CACHE
    from extractor.pipeline import run
    from extractor.scan import scan
    from extractor.site_config import load_settings

    workers.WORTH = sys.maxsize  # every chunk in this process, so that the profile shows all the work
    tree, manifest = corpus(Params(args.lines, args.annotations), args.cache)
    settings = replace(load_settings(str(tree / "mkdocs.yml")), cache_dir=None)
    run(settings)  # warm-up: imports, the page cache
    calls: dict[str, tuple[Callable[[], object], tuple[Stage, ...]]] = {
        "scan": (lambda: scan(settings.root, settings.sources, settings.exclude), SCAN),
        "run": (lambda: run(settings), PIPELINE),
    }
    for name, (call, stages) in calls.items():
        FILE_CACHE.clear()
        start = time.perf_counter()
        call()
        print(f"\n== {name} on {manifest['lines']:,} lines: {time.perf_counter() - start:.3f} s unprofiled ==")
        profile(call, stages, args.top)


if __name__ == "__main__":
    main()
