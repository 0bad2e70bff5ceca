"""The serve rebuild, in a fresh interpreter, printing one JSON line.

    python -m bench.child serve CONFIG PATH      a cold run, then a run after PATH changed (as `mkdocs serve` does)

A fresh process makes "cold" mean cold (nothing imported, nothing cached by an earlier run; the
project's on-disk cache is removed first, so the run is the first build after a fresh clone).
`mkdocs serve` reruns the plugin in the same process after each change, so the rebuild is the
second `run()` of this process.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.model import Settings


def settings_without_cache(config: str) -> Settings:
    """The project's settings, its on-disk cache removed (the run will write it again, as a first build does)."""
    from extractor.site_config import load_settings

    settings = load_settings(config)
    if settings.cache_dir:
        shutil.rmtree(settings.root / settings.cache_dir, ignore_errors=True)
    return settings


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
    kind, config, path = argv
    if kind != "serve":
        raise SystemExit(f"error: unknown measurement {kind!r}; the only one is `serve`")
    print(json.dumps(serve(config, path)))


if __name__ == "__main__":
    main(sys.argv[1:])
