"""What the benchmark runs in a fresh interpreter, printing one JSON line.

    python -m bench.child memory CONFIG          peak RSS of one whole pipeline run
    python -m bench.child serve CONFIG PATH      a cold run, then a run after PATH changed (as `mkdocs serve` does)

A fresh process makes "cold" mean cold (nothing imported, nothing cached by an earlier run; the
project's on-disk cache is removed first, so the run is the first build after a fresh clone) and
gives a peak RSS that belongs to this run alone.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.model import Settings


def _rss_mb() -> float:
    """Peak resident set size of this process so far, in MB.

    Linux's VmHWM, the high-water mark of this program's memory. Not `ru_maxrss`: Linux carries it
    over `execve`, and Python starts children with vfork, so a child's `ru_maxrss` (and the parent's
    RUSAGE_CHILDREN) starts at the parent's size: a 60 MB harness would hide any child below 60 MB.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settings_without_cache(config: str) -> Settings:
    """The project's settings, its on-disk cache removed (the run will write it again, as a first build does)."""
    from extractor.cli import load_settings

    settings = load_settings(config)
    if settings.cache_dir:
        shutil.rmtree(settings.root / settings.cache_dir, ignore_errors=True)
    return settings


def memory(config: str) -> dict[str, object]:
    from extractor.pipeline import run

    settings = settings_without_cache(config)
    before = _rss_mb()
    result = run(settings)
    return {"before_run_mb": before, "peak_mb": _rss_mb(), "examples": len(result.examples)}


EDIT = {".ts": b"// edited by the benchmark\n", ".tsx": b"// edited\n", ".py": b"# edited\n", ".md": b"edited\n"}


def serve(config: str, path: str) -> dict[str, object]:
    from extractor.pipeline import run

    settings = settings_without_cache(config)
    start = time.perf_counter()
    first = len(run(settings).examples)  # the result is dropped, as the plugin drops it after a build
    cold = time.perf_counter() - start
    target = settings.root / path
    original, info = target.read_bytes(), target.stat()
    try:
        target.write_bytes(original + EDIT.get(Path(path).suffix, b"# edited\n"))
        start = time.perf_counter()
        second = len(run(settings).examples)
        rebuild = time.perf_counter() - start
    finally:
        target.write_bytes(original)
        os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    return {"cold": cold, "rebuild": rebuild, "examples": [first, second]}


def main(argv: list[str]) -> None:
    kind, config, *path = argv
    print(json.dumps(memory(config) if kind == "memory" else serve(config, *path)))


if __name__ == "__main__":
    main(sys.argv[1:])
