"""`mkdocs serve` with the plugin, as a user runs it: one rebuild per edit, and the cache written on exit."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from projects import QUERY, MakeProject, settle

SCAN = Path(".cache/patterns/scan.json")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(log: Path, text: str, count: int, seconds: float) -> bool:
    """Read the server's log until `text` has appeared `count` times; False on timeout."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if log.read_text(encoding="utf-8", errors="replace").count(text) >= count:
            return True
        time.sleep(0.1)
    return False


def cached_code(root: Path, path: str) -> str:
    """The stored result of the scan of the file at `path`."""
    _, rows, *lines = (root / SCAN).read_text(encoding="utf-8").splitlines()
    return lines[json.loads(rows)[path][2]]


@contextmanager
def serving(root: Path, log: Path) -> Iterator[tuple[int, Callable[[], str]]]:
    """`mkdocs serve` of the project, its log in `log`, until the block ends (then stopped as Ctrl-C stops it);
    gives its port and a function that reads its log so far."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w") as errors:
        server = subprocess.Popen(command, cwd=root, env=env, stderr=errors)
    try:
        yield port, lambda: log.read_text(encoding="utf-8", errors="replace")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def test_an_edit_rebuilds_once_and_the_cache_is_written_on_exit(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project(sources=(".",))  # the whole project is watched, the cache folder with it
    settle(root)
    log = tmp_path / "serve.log"
    with serving(root, log) as (_, shown):
        assert wait_for(log, "Serving on", 1, 60), shown()
        assert ".take(10)" not in cached_code(root, "src/queries.ts")
        edited = root / "src/.queries.ts.new"
        edited.write_text(QUERY.replace(".collect()", ".take(10)"), encoding="utf-8")
        past = time.time_ns() - 3600 * 10**9
        os.utime(edited, ns=(past, past))  # an old stamp, so the cache may keep it
        os.replace(edited, root / "src/queries.ts")  # one change for the watcher

        assert wait_for(log, "Building documentation", 2, 30), shown()
        assert not wait_for(log, "Building documentation", 3, 4), shown()  # no rebuild from our writes
        assert ".take(10)" not in cached_code(root, "src/queries.ts")  # kept in memory while serving

    assert ".take(10)" in cached_code(root, "src/queries.ts")


def test_serve_keeps_serving_a_site_with_catalogue_errors(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project({"src/more.ts": "// @pattern backend/no-such-pattern\nexport const a = 1;\n"})
    log = tmp_path / "serve.log"
    with serving(root, log) as (port, shown):
        assert wait_for(log, "Serving on", 1, 60), shown()
        assert "error[unknown-id]" in shown() and "Aborted" not in shown()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/patterns/backend-patterns/", timeout=10) as page:
            assert page.status == 200 and b"Query Function Structure" in page.read()
