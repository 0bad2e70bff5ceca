"""The `patterns` process: a kept output printed again (`replay`), or the command run (`cli`).

A command whose output `replay` kept, over a project where nothing changed, is printed again
without loading the rest of the tool; every other runs through `extractor.cli`.
"""

from __future__ import annotations

import os
import sys
import time


def main() -> None:
    """Console script entry point."""
    started_ns = time.time_ns()
    from extractor.replay import replayed

    try:
        status = replayed(sys.argv[1:])
        sys.stdout.flush()
    except BrokenPipeError:  # `patterns list | head`: the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 0
    if status is None:
        from extractor.cli import main as run

        run(started_ns)
    sys.exit(status)
