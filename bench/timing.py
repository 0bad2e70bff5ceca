"""Whole processes, timed as a user waits for them: each beside its baseline, in turns, medians.

Every command runs with the environment a user's shell gives it, but for one variable:
`PYTHONDONTWRITEBYTECODE` is removed. Some machines set it; with it, an editable install compiles
the tool's modules again in every process (~0.1 s), which an installed tool never does. A warm-up
run of each command before the timed ones writes the `.pyc` files (`bytecode` says whether they exist).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.util import cache_from_source
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
PEAK = Path(__file__).resolve().parent / "peak.py"
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ENV["NO_MKDOCS_2_WARNING"] = "1"  # as `make docs` runs MkDocs; the same for both builds compared


@dataclass(frozen=True)
class Command:
    """One process to time."""

    argv: tuple[str, ...]
    cwd: Path
    before: Callable[[], object] | None = None
    """Untimed set-up before each run (deleting the cache folder for a cold run)."""

    @property
    def text(self) -> str:
        """The command line as a user would type it, for the report."""
        return " ".join(Path(a).name if a.startswith(str(BIN)) else a for a in self.argv)


@dataclass
class Runs:
    """The timed runs of one command."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """CPU seconds (user and system) of each run and its children: less moved by other work than wall time."""
    stopped: bool = False
    """A run took longer than the time allowed and was killed; no more were made."""
    failed: str = ""
    """The end of stderr of a run that exited non-zero (its time is not a measurement of the work)."""
    output: str = ""
    """What the last run printed on stdout (the summary line of `patterns check`)."""

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


@dataclass(frozen=True)
class Pair:
    """A command and the baseline it is compared with."""

    name: str
    ours: Command
    baseline: Command | None
    timeout: float = 300.0
    """Longest a run of `ours` may take; a longer one is killed and the row says "more than"."""


def without_cache(tree: Path) -> Callable[[], object]:
    """The set-up of a cold run: the project's cache folder (`.cache/` beside mkdocs.yml) deleted."""
    return lambda: shutil.rmtree(tree / ".cache", ignore_errors=True)


@dataclass(frozen=True)
class Run:
    """One run of a command."""

    seconds: float | None
    """Wall-clock time; None when it was stopped after the time allowed."""
    cpu: float
    output: str
    """stdout."""
    failed: str
    """Why it failed, when it exited non-zero."""


def once(command: Command, timeout: float) -> Run:
    """One run of `command`, stopped after `timeout` seconds.

    stdout goes to a pipe, as in a terminal or CI log, not to /dev/null, which some tools detect
    and take as leave to stop early.
    """
    if command.before:
        command.before()
    used = _children_cpu()
    start = time.perf_counter()
    try:
        done = subprocess.run(command.argv, cwd=command.cwd, env=ENV, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Run(None, _children_cpu() - used, "", "")
    seconds, cpu = time.perf_counter() - start, _children_cpu() - used
    if done.returncode == 0:
        return Run(seconds, cpu, done.stdout.decode("utf-8", "replace"), "")
    tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return Run(seconds, cpu, "", f"`{command.text}` exited {done.returncode}: {tail[0][:200]}")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def record(runs: Runs, command: Command, timeout: float) -> None:
    """One more timed run into `runs`, unless an earlier one was stopped."""
    if runs.stopped:
        return
    run = once(command, timeout)
    runs.failed, runs.output = runs.failed or run.failed, run.output
    runs.stopped = run.seconds is None
    runs.seconds.append(timeout if run.seconds is None else run.seconds)
    runs.cpu.append(run.cpu)


def interleaved(pairs: list[Pair], reps: int, warm_up: bool = True) -> dict[str, tuple[Runs, Runs]]:
    """Each pair's runs (ours, baseline): `reps` rounds of baseline then ours, pair after pair.

    Taking turns means a change in the machine's load hits a command and its baseline alike. Pairs
    that share a baseline (the same `Command`) share its runs: it runs once a round, before the
    first of them. One untimed warm-up run of each command comes first (unless the caller has just
    run them); a command whose warm-up run is stopped after its pair's timeout is not run again
    (one stopped run says as much).
    """
    baselines = {id(p.baseline): Runs() for p in pairs if p.baseline}
    runs = {p.name: (Runs(), baselines[id(p.baseline)] if p.baseline else Runs()) for p in pairs}
    if warm_up:
        _warm_up(pairs, runs)
    for _ in range(reps):
        measured: set[int] = set()
        for pair in pairs:
            ours, baseline = runs[pair.name]
            if pair.baseline and id(pair.baseline) not in measured:
                record(baseline, pair.baseline, pair.timeout)
                measured.add(id(pair.baseline))
            record(ours, pair.ours, pair.timeout)
    return runs


def _warm_up(pairs: list[Pair], runs: dict[str, tuple[Runs, Runs]]) -> None:
    """One untimed run of each command: writes the bytecode and the project's cache, fills the page cache."""
    warmed: set[int] = set()
    for pair in pairs:
        if pair.baseline and id(pair.baseline) not in warmed:
            once(pair.baseline, pair.timeout)
            warmed.add(id(pair.baseline))
        if once(pair.ours, pair.timeout).seconds is None:
            runs[pair.name][0].seconds.append(pair.timeout)
            runs[pair.name][0].stopped = True


def peak(command: Command, timeout: float) -> dict[str, Any]:
    """One run of `command` under `bench/peak.py`: its seconds, its peak RSS in MB, its exit status."""
    if command.before:
        command.before()
    launcher = [sys.executable, str(PEAK), str(timeout), str(command.cwd), *command.argv]
    done = subprocess.run(launcher, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"error: bench/peak.py failed:\n{done.stderr}")
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def bytecode(package: Path) -> tuple[int, int]:
    """How many of the package's modules have a compiled `.pyc` at least as new as the source, of how many."""
    sources = sorted(package.rglob("*.py"))
    fresh = 0
    for source in sources:
        compiled = Path(cache_from_source(str(source)))
        fresh += compiled.is_file() and compiled.stat().st_mtime >= source.stat().st_mtime
    return fresh, len(sources)
