"""`make bench`: the tool against ripgrep and against plain MkDocs, as ratios measured in one run.

    python -m bench.run [--lines 500000] [--growth 500000 5000000] [--reps 5] [--full] [--check]

Prints a Markdown table (measurement, ours, baseline, ratio, target, result) and writes every
number, with the machine and the corpora, to bench/results.json. Exits 0 whatever the results,
unless `--check` is given: then 1 when a target fails. bench/README.md says what each row means.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from bench import site
from bench.corpus import CACHE, Params, corpus
from bench.facts import lines_label, machine

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = Path(__file__).resolve().parent / "results.json"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Row:
    """One line of the table."""

    key: str
    label: str
    ours: float | None
    baseline: float | None
    unit: str
    """`s` or `MB`."""
    target: str = ""
    """The goal as printed; empty for rows that only inform."""
    limit: float | None = None
    """Largest passing value of the ratio (of `ours` itself when `absolute`)."""
    absolute: bool = False
    percent: bool = False
    """Print the ratio as a percentage."""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.ours / self.baseline if self.ours is not None and self.baseline else None

    @property
    def passed(self) -> bool | None:
        value = self.ours if self.absolute else self.ratio
        return None if self.limit is None or value is None else value <= self.limit


Facts = dict[str, Any]
"""Everything measured besides the rows (counts, checks, each run), for results.json."""


# Timing ---------------------------------------------------------------------------------------------


def timed(call: Callable[[], object]) -> float:
    """Wall-clock time of one call, as a new process would make it.

    The tool's in-process per-file cache (what `mkdocs serve` reuses) is emptied first, and so is
    what the process knows of on-disk cache files: a call that uses the on-disk cache reads it again.
    """
    from extractor.scan.cache import FILES

    FILES.clear(disk=True)
    gc.collect()
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def command(args: list[str], cwd: Path = REPO) -> Callable[[], object]:
    """A subprocess call whose output is thrown away (rg's listing, the CLI's report, MkDocs)."""
    return lambda: subprocess.run(args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def medians(calls: dict[str, Callable[[], object]], reps: int) -> dict[str, float]:
    """Median wall-clock time of each call; the calls take turns, so drift in the machine hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(reps):
        for name, call in calls.items():
            times[name].append(timed(call))
    return {name: statistics.median(values) for name, values in times.items()}


def child(*args: str) -> dict[str, Any]:
    """`python -m bench.child ARGS` in a fresh interpreter; its JSON answer."""
    done = subprocess.run([sys.executable, "-m", "bench.child", *args], cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"error: bench.child {' '.join(args)} failed:\n{done.stderr}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


# Measurements ---------------------------------------------------------------------------------------


def scan_rows(tree: Path, rg: str | None, reps: int, facts: Facts) -> list[Row]:
    """Our scan and whole pipeline in-process, the CLI as a subprocess, against `rg -l @pattern`.

    Each cold, with no cache, as on a fresh clone, and with the on-disk cache that an earlier run over
    the same unchanged files wrote, as in every later run on the same machine.
    """
    from extractor.cli import load_settings
    from extractor.pipeline import run
    from extractor.scan import scan
    from extractor.scan.cache import FILES

    cached = load_settings(str(tree / "mkdocs.yml"))
    cold = replace(cached, cache_dir=None)
    assert cached.cache_dir, "the corpus's mkdocs.yml must leave the cache on"
    found, _ = scan(cold.root, cold.sources, cold.exclude)  # warm-up: imports, parsers, page cache
    shutil.rmtree(cached.root / cached.cache_dir, ignore_errors=True)
    result = run(cached)  # writes the on-disk cache
    facts["scan"] = {
        "examples": len(result.examples),
        "errors": sum(d.severity.value == "error" for d in result.diagnostics),
        "files_listed": len(found.paths),
        "files_with_examples": len(found.found),
        "cache_bytes": (cached.root / cached.cache_dir / "files.jsonl").stat().st_size,
    }

    def scan_cached() -> None:
        with FILES.persisted(cached.root, cached.cache_dir):
            scan(cached.root, cached.sources, cached.exclude)

    config = str(tree / "mkdocs.yml")
    marked = {path: (tree / path).read_text(encoding="utf-8") for path in found.found}
    calls: dict[str, Callable[[], object]] = {
        "scan": lambda: scan(cold.root, cold.sources, cold.exclude),
        "parse_only": lambda: parse_only(marked),
        "scan_cached": scan_cached,
        "pipeline": lambda: run(cold),
        "pipeline_cached": lambda: run(cached),
        "cli": command([str(BIN / "patterns"), "--config-file", config, "--no-cache", "check"], tree),
        "cli_cached": command([str(BIN / "patterns"), "--config-file", config, "check"], tree),
        "startup": command([str(BIN / "patterns"), "--help"], tree),
    }
    if rg:
        calls["rg"] = command([rg, "-l", "@pattern", str(tree)])
        listed = subprocess.run([rg, "-l", "@pattern", str(tree)], capture_output=True, text=True).stdout
        facts["scan"]["rg_files"] = len(listed.splitlines())
    times = medians(calls, reps)
    rg_time, note = times.get("rg"), "" if rg else "rg is not installed"
    rows = [
        ("scan_vs_rg", "scan+extract, cold (no cache: a fresh clone), in-process, vs `rg -l @pattern`", "scan"),
        (
            "scan_cached_vs_rg",
            "scan+extract, with the on-disk cache (unchanged files), in-process, vs rg",
            "scan_cached",
        ),
    ]
    return [
        *(Row(key, label, times[name], rg_time, "s", "≤ 4×", 4, note=note) for key, label, name in rows),
        Row(
            "parse_floor_vs_rg",
            f"of the cold scan: parsing the {len(marked)} marked files alone (`ast`, ast-grep), in-process, vs rg",
            times["parse_only"],
            rg_time,
            "s",
            note=note,
        ),
        Row(
            "pipeline_vs_rg",
            "whole pipeline `run()`, cold, in-process, vs rg",
            times["pipeline"],
            rg_time,
            "s",
            note=note,
        ),
        Row(
            "pipeline_cached_vs_rg",
            "whole pipeline `run()`, with the cache, in-process, vs rg",
            times["pipeline_cached"],
            rg_time,
            "s",
            note=note,
        ),
        Row("cli_vs_rg", "`patterns check --no-cache` CLI, subprocess, vs rg", times["cli"], rg_time, "s", note=note),
        Row(
            "cli_cached_vs_rg",
            "`patterns check` CLI with the cache, subprocess, vs rg",
            times["cli_cached"],
            rg_time,
            "s",
            note=note,
        ),
        Row("cli_startup", "CLI start-up alone (`patterns --help`)", times["startup"], None, "s"),
    ]


def parse_only(texts: dict[str, str]) -> None:
    """Parse each text with the parser the scan uses for it, and do nothing else: the floor of a cold scan."""
    import ast

    from ast_grep_py import SgRoot

    from extractor.scan.languages import language_of

    for path, text in texts.items():
        parser = language_of(path).parser
        if parser == "python":
            ast.parse(text)
        elif parser:
            SgRoot(text, parser).root()


CATALOGUE_PATTERNS = 20_000


def big_catalogue_page(count: int) -> str:
    """One catalogue page of `count` patterns in the seed's shape, with repeated titles (suffixed anchors)."""
    unit = (
        "### {title}\n\n**Context**: when {n}\n**Implementation**:\n\n- step {n}\n\n"
        "**Example**: _(Will be populated from actual implementations)_\n\n**Rationale**: why\n\n"
    )
    sections = []
    for n in range(count):
        if n % 100 == 0:
            sections.append(f"## Category {n // 100}\n\nProse with **Key Insight**: not a field.\n\n")
        sections.append(unit.format(title=f"Pattern {n}" if n % 10 else "Repeated Title", n=n))
    return "# Big Catalogue\n\n" + "".join(sections)


def catalogue_row(reps: int, facts: Facts) -> Row:
    """Reading one page of 20,000 patterns: linear, so well under the target."""
    from extractor.catalogue import parse_page

    text = big_catalogue_page(CATALOGUE_PATTERNS)
    page, _ = parse_page("patterns/big-patterns.md", text)
    facts["catalogue"] = {"patterns": len(page.patterns), "bytes": len(text.encode())}
    seconds = medians({"parse": lambda: parse_page("patterns/big-patterns.md", text)}, reps)["parse"]
    label = f"one catalogue page of {CATALOGUE_PATTERNS:,} patterns read (`parse_page`), in-process"
    return Row("catalogue_page", label, seconds, None, "s", "< 2 s", 2.0, absolute=True)


def site_rows(config: Path, reps: int, facts: Facts) -> list[Row]:
    """`mkdocs build` with the plugin against the same site from pre-rendered pages, both as subprocesses."""
    from extractor.cli import load_settings

    settings = load_settings(str(config))
    cache = settings.root / settings.cache_dir if settings.cache_dir else None

    def cold_build() -> None:
        if cache:
            shutil.rmtree(cache, ignore_errors=True)
        command(with_plugin)()

    with tempfile.TemporaryDirectory(prefix="bench-site-") as work:
        with_plugin, plain, note = site.prepare(config, Path(work))  # its first build writes the cache
        facts["site"] = {"config": str(config), "pre_render_note": note, **site.compare(Path(work))}
        calls = {"plugin": command(with_plugin), "plain": command(plain), "plugin_cold": cold_build}
        times = medians(calls, reps)
        command(with_plugin)()  # leave the project's cache as a build leaves it
    name = "this repository" if config == REPO / "mkdocs.yml" else config.parent.name
    label = f"`mkdocs build` of {name} with the plugin (its cache written by an earlier build) vs pre-rendered"
    cold = f"`mkdocs build` of {name} with the plugin, cold (no cache) vs pre-rendered"
    own = f"of which the plugin's `run()` on {name}, in-process, with the cache"
    own_cold = f"of which the plugin's `run()` on {name}, in-process, cold"
    return [
        Row("plugin_build", label, times["plugin"], times["plain"], "s", "≤ 1.15×", 1.15),
        Row("plugin_build_cold", cold, times["plugin_cold"], times["plain"], "s", "≤ 1.15×", 1.15),
        Row("plugin_run", own, pipeline_time(config.parent, reps, cached=True), times["plain"], "s"),
        Row("plugin_run_cold", own_cold, pipeline_time(config.parent, reps), times["plain"], "s"),
    ]


def serve_row(tree: Path, manifest: dict[str, Any], reps: int, facts: Facts) -> Row:
    """A cold `run()` in a fresh process, then `run()` again after one annotated file changed."""
    path = next(p for p in manifest["annotated_files"] if p.endswith(".ts"))
    answers = [child("serve", str(tree / "mkdocs.yml"), path) for _ in range(reps)]
    facts["serve"] = {"edited": path, "runs": answers}
    cold = statistics.median(a["cold"] for a in answers)
    rebuild = statistics.median(a["rebuild"] for a in answers)
    label = "serve rebuild after one edit vs cold run"
    return Row("serve_rebuild", label, rebuild, cold, "s", "< 5%", 0.05, percent=True)


def pipeline_time(root: Path, reps: int, cached: bool = False) -> float:
    """Median time of `run()` on the project at `root`, in this process (which has run the pipeline already).

    Cold unless `cached`: then with the project's on-disk cache, written by a run before the timed ones.
    """
    from extractor.cli import load_settings
    from extractor.pipeline import run

    settings = load_settings(str(root / "mkdocs.yml"))
    if cached:
        run(settings)
    else:
        settings = replace(settings, cache_dir=None)
    return medians({"run": lambda: run(settings)}, reps)["run"]


def growth_rows(trees: dict[int, Path], known: dict[int, float], reps: tuple[int, int], facts: Facts) -> list[Row]:
    """Pipeline time and peak RSS at two sizes; the larger one's peak against the 300 MB budget."""
    (small, big), times, memory = sorted(trees), {}, {}
    for size, count in zip((small, big), reps, strict=True):
        memory[size] = child("memory", str(trees[size] / "mkdocs.yml"))  # also brings the tree into the page cache
        times[size] = known.get(size) or pipeline_time(trees[size], count)
    facts["growth"] = {str(size): {"pipeline_s": times[size], **memory[size]} for size in (small, big)}
    span = f"{lines_label(small)} → {lines_label(big)} lines"
    peak, label = memory[big]["peak_mb"], f"peak RSS of a pipeline run at {lines_label(big)} lines vs before the run"
    return [
        Row("peak_memory", label, peak, memory[big]["before_run_mb"], "MB", "< 300 MB", 300, absolute=True),
        Row("growth_time", f"pipeline time, {span}", times[big], times[small], "s", "≤ 12×", 12),
        Row("growth_memory", f"peak RSS, {span}", peak, memory[small]["peak_mb"], "MB"),
    ]


def measure(args: argparse.Namespace, trees: dict[int, Path], manifests: dict[int, Any], facts: Facts) -> list[Row]:
    """Every row, each group's own duration noted in `facts`."""
    rg = shutil.which("rg")
    if rg is None:
        print("note: ripgrep (rg) is not installed; the comparisons with it are skipped", file=sys.stderr)
    main = args.lines
    groups: dict[str, Callable[[], list[Row]]] = {
        "scan": lambda: scan_rows(trees[main], rg, args.reps, facts),
        "site": lambda: site_rows(args.site.resolve(), args.reps, facts),
        "serve": lambda: [serve_row(trees[main], manifests[main], min(args.reps, 3), facts)],
        "catalogue": lambda: [catalogue_row(min(args.reps, 3), facts)],
    }
    rows: list[Row] = []
    for name, group in groups.items():
        start = time.perf_counter()
        rows += group()
        facts["harness_seconds"][name] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    known = {main: next(r.ours for r in rows if r.key == "pipeline_vs_rg") or 0.0}
    rows += growth_rows({size: trees[size] for size in args.growth}, known, (args.reps, args.big_reps), facts)
    facts["harness_seconds"]["growth"] = round(time.perf_counter() - start, 1)
    return rows


# Report ---------------------------------------------------------------------------------------------


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    return f"{value:.0f} MB" if unit == "MB" else f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table, for the terminal and for bench/README.md."""
    lines = ["| measurement | ours | baseline | ratio | target | result |", "|---|---:|---:|---:|---|---|"]
    for row in rows:
        ratio = "–" if row.ratio is None else f"{row.ratio:.1%}" if row.percent else f"{row.ratio:.2f}×"
        result = {True: "PASS", False: "**FAIL**", None: "skipped" if row.limit else "info"}[row.passed]
        result += f" ({row.note})" if row.note else ""
        ours, baseline = _value(row.ours, row.unit), _value(row.baseline, row.unit)
        lines.append(f"| {row.label} | {ours} | {baseline} | {ratio} | {row.target or '–'} | {result} |")
    return "\n".join(lines)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--lines", type=int, default=500_000, help="corpus size of the main rows (default: 500000)")
    add("--annotations", type=int, default=500, help="examples marked in every corpus (default: 500)")
    add("--growth", type=int, nargs=2, metavar=("SMALL", "BIG"), default=(500_000, 5_000_000), help="sizes compared")
    add("--reps", type=int, default=5, help="repetitions of each timing, median taken (default: 5)")
    add("--big-reps", type=int, default=3, help="repetitions at the larger growth size (default: 3)")
    add("--full", action="store_true", help="more repetitions: 9, and 5 at the larger size")
    add("--site", type=Path, default=REPO / "mkdocs.yml", help="site built with and without the plugin")
    add("--cache", type=Path, default=CACHE, help="folder of generated corpora (default: bench/.corpus)")
    add("--json", type=Path, default=RESULTS, help="where to write the results (default: bench/results.json)")
    add("--check", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    if args.full:
        args.reps, args.big_reps = max(args.reps, 9), max(args.big_reps, 5)
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    started = time.perf_counter()
    sizes = sorted({args.lines, *args.growth})
    made = {size: corpus(Params(size, args.annotations), args.cache) for size in sizes}
    trees, manifests = {s: m[0] for s, m in made.items()}, {s: m[1] for s, m in made.items()}
    facts: Facts = {"harness_seconds": {"corpora": round(time.perf_counter() - started, 1)}}
    rows = measure(args, trees, manifests, facts)
    corpus_line = f"{manifests[args.lines]['lines']:,} lines in {manifests[args.lines]['files']:,} files"
    print(f"corpus: {corpus_line}, {args.annotations} examples; growth {' → '.join(map(lines_label, args.growth))}")
    print(table(rows))
    results = {
        "machine": machine(REPO, BIN),
        "corpus": {str(s): {k: v for k, v in m.items() if k != "annotated_files"} for s, m in manifests.items()},
        "settings": {"lines": args.lines, "growth": args.growth, "reps": args.reps, "big_reps": args.big_reps},
        "measurements": {row.key: {**asdict(row), "ratio": row.ratio, "passed": row.passed} for row in rows},
        "facts": facts,
        "seconds": round(time.perf_counter() - started, 1),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json} in {results['seconds']} s")
    return 1 if args.check and any(row.passed is False for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
