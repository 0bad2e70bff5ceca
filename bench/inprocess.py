"""The stages of a run timed inside one warmed-up process: where the time goes, not what a user waits for.

    python -m bench.inprocess CONFIG [--reps 7]

Prints one JSON line: seconds of each stage (medians), and of the first import of the CLI's
module. These rows are informational: the targets are the whole processes in `bench/run.py`.
They call the tool's internal functions, so a change of those shows as an error here, which
`bench/run.py` reports as rows "not measured" without stopping.

Each call starts from an emptied in-process memory (`CACHE.clear()`), so it behaves as
the same stage in a new process; "with the cache" reads the on-disk cache file again each time.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

PARSERS = {".py": "python", ".ts": "typescript", ".tsx": "tsx", ".js": "javascript"}


def _import_seconds() -> float:
    start = time.perf_counter()
    import extractor.cli  # noqa: F401

    return time.perf_counter() - start


def parse_only(texts: dict[str, str]) -> None:
    """Parse each marked file with the parser a cold scan needs for it, and do nothing else: its floor."""
    import ast

    from ast_grep_py import SgRoot

    for path, text in texts.items():
        parser = PARSERS.get(Path(path).suffix)
        if parser == "python":
            ast.parse(text)
        elif parser:
            SgRoot(text, parser).root()


def stages(config: str, reps: int) -> dict[str, float]:
    """Median seconds of each stage on the project of `config`."""
    from extractor.filecache import CACHE
    from extractor.pipeline import run
    from extractor.scan import scan
    from extractor.site_config import load_settings

    start = time.perf_counter()
    cached = load_settings(config)
    settings_seconds = time.perf_counter() - start
    cold = replace(cached, cache_dir=None)
    found, _ = scan(cold.root, cold.sources, cold.exclude)  # warm-up
    run(cached)  # writes the on-disk cache
    marked = {path: (cached.root / path).read_text(encoding="utf-8") for path in found.found}

    def scan_cached() -> None:
        with CACHE.persisted(cached.root, cached.cache_dir):
            scan(cached.root, cached.sources, cached.exclude)

    calls: dict[str, Callable[[], object]] = {
        "parse_marked": lambda: parse_only(marked),
        "scan_cold": lambda: scan(cold.root, cold.sources, cold.exclude),
        "scan_cached": scan_cached,
        "run_cold": lambda: run(cold),
        "run_cached": lambda: run(cached),
    }
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(reps):
        for name, call in calls.items():
            CACHE.clear()
            gc.collect()
            begin = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - begin)
    return {"settings": settings_seconds, **{name: statistics.median(ts) for name, ts in times.items()}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess", description=__doc__.splitlines()[0])
    parser.add_argument("config")
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args(argv)
    imported = _import_seconds()
    print(json.dumps({"import_cli": imported, **stages(args.config, args.reps)}))


if __name__ == "__main__":
    main()
