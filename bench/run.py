"""`make bench`: what a user waits for, as whole processes, each against its baseline in the same run.

    python -m bench.run [--reps 7] [--full] [--check] [--json PATH] [corpus sizes, see --help]

Prints the machine, its load, the corpora and a Markdown table (measurement, ours, baseline,
ratio, target, result), and writes every number and every run to bench/results.json. Exits 0
whatever the results, unless `--check` is given: then 1 when a target fails. bench/README.md
says what each row means.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench import site
from bench.corpus import CACHE, Params, corpus
from bench.facts import lines_label, machine
from bench.history import COMMITS, history_tree
from bench.table import Row, table
from bench.timing import BIN, ENV, Command, Pair, Runs, bytecode, interleaved, peak, without_cache

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
LINK_WORD = "pagination"
"""What `patterns link` looks for: a word of two titles of the corpus's catalogue."""
STRESS_MARKERS = 50
"""Examples of the small trees of the stress rows (a 20,000-pattern page, a 1 MB line)."""
STRESS_TIMEOUT = 10.0
"""A stress run taking longer is stopped: five times its target of 2 s."""
FOUND_IN = {
    "scale": ("scale_markers", 0),
    "big": ("scale_lines", 0),
    "page": ("scale_page", 0),
    "stress": ("scale_page", 1),
    "line": ("scale_long_line", 0),
}
"""Which pair's runs (0: ours, 1: its baseline) report the examples found in each corpus of the scale rows."""
SUMMARY_RE = re.compile(r"([\d,]+) examples?, ([\d,]+) errors?")

Facts = dict[str, Any]
"""Everything measured besides the rows (corpora, checks, each run), for results.json."""


@dataclass(frozen=True)
class Trees:
    """The corpora of one benchmark run, by role, with their manifests."""

    paths: dict[str, Path]
    manifests: dict[str, dict[str, Any]]


def patterns(tree: Path, *args: str, cold: bool = False) -> Command:
    """`patterns ARGS` run in the project's folder, as a user runs it; cold: no cache folder first."""
    return Command((str(BIN / "patterns"), *args), tree, without_cache(tree) if cold else None)


class Edits:
    """The set-up of a run after an edit: the file holds its text and its text with a line added in turns, dated a
    minute back (saved a while before the run, as an edit is); `restore` puts the corpus's file back."""

    def __init__(self, path: Path) -> None:
        self.path, self.original, self.times = path, path.read_bytes(), path.stat()
        self.edited = False

    def __call__(self) -> None:
        self.edited = not self.edited
        self.path.write_bytes(self.original + (b"// edited by the benchmark\n" if self.edited else b""))
        past = time.time_ns() - 60 * 10**9
        os.utime(self.path, ns=(past, past))

    def restore(self) -> None:
        self.path.write_bytes(self.original)
        os.utime(self.path, ns=(self.times.st_atime_ns, self.times.st_mtime_ns))


def rg(tree: Path) -> Command | None:
    found = shutil.which("rg")
    return Command((found, "-l", "@pattern", "."), tree) if found else None


def python_pass(tree: Path) -> Command:
    return Command((sys.executable, "-c", "pass"), tree)


def row(pair: Pair, runs: dict[str, tuple[Runs, Runs]], label: str, target: str, limit: float | None, **kw: Any) -> Row:
    """The row of a timed pair: medians of its runs, and whether a run was stopped or failed."""
    ours, baseline = runs[pair.name]
    note = "" if pair.baseline else "rg is not installed: `make ripgrep`"
    if ours.stopped:
        note = f"stopped: a run took more than {pair.timeout:.0f} s"
    cpu = (statistics.median(ours.cpu), statistics.median(baseline.cpu)) if ours.cpu and baseline.cpu else None
    failed = ours.failed or baseline.failed
    times = ours.median, baseline.median
    return Row(
        pair.name, label, *times, "s", target, limit, failed=failed, note=note, at_least=ours.stopped, cpu=cpu, **kw
    )


# Groups ---------------------------------------------------------------------------------------------


def cli_rows(trees: Trees, reps: int, facts: Facts) -> list[Row]:
    """`patterns check` against rg (cold and with the cache); `--help` and `link` against a bare interpreter."""
    main = trees.paths["main"]
    grep, bare = rg(main), python_pass(main)
    edits = Edits(main / next(p for p in trees.manifests["main"]["annotated_files"] if p.endswith(".ts")))
    pairs = [
        Pair("check_cold", patterns(main, "check", cold=True), grep),
        Pair("check_cached", patterns(main, "check"), grep),  # right after the cold run, which wrote the cache
        Pair("check_edited", Command(patterns(main, "check").argv, main, edits), grep),
        Pair("help", patterns(main, "--help"), bare),
        Pair("link", patterns(main, "link", LINK_WORD), bare),
    ]
    try:
        runs = interleaved(pairs, reps)
    finally:
        edits.restore()
    facts["runs"].update(_runs(runs))
    _found(facts, "main", runs["check_cached"][0])
    by = {pair.name: pair for pair in pairs}
    return [
        row(by["check_cached"], runs, "`patterns check`, with the cache, vs `rg -l @pattern`", "≤ 2.5×", 2.5),
        row(by["check_cold"], runs, "`patterns check`, cold (no cache folder), vs `rg -l @pattern`", "≤ 8×", 8),
        row(by["check_edited"], runs, "`patterns check` after a marked file changed, vs `rg` (not a target)", "", None),
        row(by["help"], runs, "`patterns --help` vs `python -c pass`", "≤ 3×", 3),
        row(by["link"], runs, f"`patterns link {LINK_WORD}` (with the cache) vs `python -c pass`", "≤ 3×", 3),
    ]


def site_rows(trees: Trees, reps: int, facts: Facts) -> list[Row]:
    """`mkdocs build` with the plugin against the same site built from pre-rendered pages without it."""
    main = trees.paths["main"]
    with tempfile.TemporaryDirectory(prefix="bench-site-") as work:
        with_plugin, plain, note = site.prepare(main / "mkdocs.yml", Path(work))
        facts["site"] = {"pre_render_note": note, **site.compare(Path(work))}
        plugin, baseline = Command(tuple(with_plugin), main), Command(tuple(plain), main)
        pairs = [
            Pair("build_cold", Command(plugin.argv, main, without_cache(main)), baseline),
            Pair("build_cached", plugin, baseline),
        ]
        runs = interleaved(pairs, reps, warm_up=False)  # `prepare` has just built both sites
    facts["runs"].update(_runs(runs))
    by = {pair.name: pair for pair in pairs}
    label = "`mkdocs build` with the plugin, {}, vs the same pages pre-rendered"
    return [
        row(by["build_cached"], runs, label.format("with the cache"), "≤ 1.10×", 1.10),
        row(by["build_cold"], runs, label.format("cold (no cache folder)"), "≤ 1.30×", 1.30),
    ]


def serve_rows(trees: Trees, reps: int, facts: Facts) -> list[Row]:
    """A cold `run()` in a fresh process, then `run()` again after one annotated file changed, `reps` times."""
    main, manifest = trees.paths["main"], trees.manifests["main"]
    path = next(p for p in manifest["annotated_files"] if p.endswith(".ts"))
    argv = [sys.executable, "-m", "bench.child", "serve", str(main / "mkdocs.yml"), path]
    answers = []
    for _ in range(reps):
        done = subprocess.run(argv, cwd=REPO, env=ENV, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"error: bench.child serve failed:\n{done.stderr}")
        answers.append(json.loads(done.stdout.strip().splitlines()[-1]))
    facts["serve"] = {"edited": path, "runs": answers}
    cold = statistics.median(a["cold"] for a in answers)
    rebuild = statistics.median(a["rebuild"] for a in answers)
    label = "`mkdocs serve` rebuild after a one-file change (the plugin's `run()` again) vs its cold run"
    return [Row("serve_rebuild", label, rebuild, cold, "s", "≤ 5%", 0.05, percent=True)]


def scale_rows(trees: Trees, reps: int, facts: Facts) -> list[Row]:
    """More markers and patterns, more lines, a huge page, a huge line: each against the ordinary case."""
    paths, say = trees.paths, _scale_words(trees.manifests)
    main, stress = patterns(paths["main"], "check"), patterns(paths["stress"], "check", cold=True)
    pairs = [
        Pair("scale_markers", patterns(paths["scale"], "check"), main),
        Pair("scale_lines", patterns(paths["big"], "check"), main),
        Pair("scale_page", patterns(paths["page"], "check", cold=True), stress, STRESS_TIMEOUT),
        Pair("scale_long_line", patterns(paths["line"], "check", cold=True), stress, STRESS_TIMEOUT),
    ]
    rows = memory_rows(trees, facts)  # first: its cold runs write the caches the timed runs read
    runs = interleaved(pairs, reps)
    facts["runs"].update(_runs(runs))
    for name, (pair, side) in FOUND_IN.items():
        _found(facts, name, runs[pair][side])
    by = {pair.name: pair for pair in pairs}
    check, cold = "`patterns check`, with the cache:", "`patterns check`, cold,"
    return [
        row(by["scale_markers"], runs, f"{check} {say['markers']}", "≤ 2.2×", 2.2),
        row(by["scale_lines"], runs, f"{check} {say['lines']}", "≤ 10×", 10),
        *rows,
        row(by["scale_page"], runs, f"{cold} {say['page']}", "< 2 s", 2.0, absolute=True),
        row(by["scale_long_line"], runs, f"{cold} {say['line']}", "< 2 s", 2.0, absolute=True),
    ]


def _scale_words(manifests: dict[str, dict[str, Any]]) -> dict[str, str]:
    """What each scale row compares, in words, from the corpora's parameters."""
    main, scale, big = (manifests[name]["params"] for name in ("main", "scale", "big"))
    page, line, stress = (manifests[name]["params"] for name in ("page", "line", "stress"))
    tree = f"a {lines_label(stress['lines'])}-line tree"
    return {
        "markers": f"{scale['annotations']:,} markers and {scale['patterns']:,} patterns vs "
        f"{main['annotations']:,} and {main['patterns']:,}",
        "lines": f"{lines_label(big['lines'])} lines vs {lines_label(main['lines'])}",
        "page": f"a {page['patterns']:,}-pattern page ({tree}; vs a {stress['patterns']:,}-pattern page)",
        "line": f"a {_size(line['long_line'])} line under a marker ({tree}; vs without it)",
    }


def memory_rows(trees: Trees, facts: Facts) -> list[Row]:
    """Peak RSS of one cold `patterns check` on the large corpus, against the main one (bench/peak.py)."""
    memory = {name: peak(patterns(trees.paths[name], "check", cold=True), 900) for name in ("main", "big")}
    facts["peak"] = memory
    big, main = (lines_label(trees.manifests[name]["params"]["lines"]) for name in ("big", "main"))
    label = f"peak RSS of `patterns check`, cold, {big} lines (vs {main})"
    once = f"`patterns check`, cold, {big} lines vs {main} (one run each; not a target)"
    sizes = memory["big"]["peak_mb"], memory["main"]["peak_mb"]
    return [
        Row("scale_memory", label, *sizes, "MB", "< 300 MB", 300, absolute=True, failed=_status(memory["big"])),
        Row("scale_cold_lines", once, memory["big"]["seconds"], memory["main"]["seconds"]),
    ]


def history_rows(trees: Trees, reps: int, facts: Facts) -> list[Row]:
    """`patterns history`, cold, over a 200-commit history of the main tree, against one cold `patterns check` of its last commit."""
    main = trees.paths["main"]
    with tempfile.TemporaryDirectory(prefix="bench-history-") as work:
        tree = history_tree(main, Path(work))
        pair = Pair("history", patterns(tree, "history", cold=True), patterns(tree, "check", cold=True))
        runs = interleaved([pair], reps)
    facts["runs"].update(_runs(runs))
    facts["history"] = {"commits": COMMITS + 1, "corpus": "main"}
    label = (
        f"`patterns history`, cold, {COMMITS + 1} commits of the main tree, vs one cold `patterns check` of the last"
    )
    return [row(pair, runs, label, "≤ 3×", 3)]


def inprocess_rows(trees: Trees, reps: int, facts: Facts) -> list[Row]:
    """The stages inside one warmed-up process (bench/inprocess.py): where the time goes; none is a target."""
    argv = [sys.executable, "-m", "bench.inprocess", str(trees.paths["main"] / "mkdocs.yml"), "--reps", str(reps)]
    done = subprocess.run(argv, cwd=REPO, env=ENV, capture_output=True, text=True, check=False)
    answer: dict[str, float] = json.loads(done.stdout.splitlines()[-1]) if done.returncode == 0 else {}
    note = "" if answer else f"not measured: {(done.stderr.strip().splitlines() or ['no output'])[-1]}"
    facts["inprocess"] = answer or {"error": done.stderr[-2000:]}
    rg_time = statistics.median(facts["runs"]["check_cached"]["baseline"]["seconds"] or [0]) or None
    labels = {
        "import_cli": "import of `extractor.cli`, first in a fresh process",
        "settings": "settings read from mkdocs.yml (after that import)",
        "parse_marked": "parsing the marked files alone (`ast`, ast-grep): the floor of a cold scan",
        "scan_cold": "scan and extract, cold",
        "scan_cached": "scan and extract, with the cache",
        "run_cold": "the whole pipeline `run()`, cold",
        "run_cached": "the whole pipeline `run()`, with the cache",
    }
    alone = {"import_cli", "settings"}
    return [
        Row(
            f"inprocess_{key}",
            f"in-process, not a target: {label}" + ("" if key in alone else ", vs rg"),
            answer.get(key),
            None if key in alone else rg_time,
            note=note,
        )
        for key, label in labels.items()
    ]


# Helpers --------------------------------------------------------------------------------------------


def _runs(runs: dict[str, tuple[Runs, Runs]]) -> dict[str, Any]:
    return {name: {"ours": asdict(ours), "baseline": asdict(baseline)} for name, (ours, baseline) in runs.items()}


def _found(facts: Facts, corpus_name: str, runs: Runs) -> None:
    """The examples and errors `patterns check` reported on a corpus, from its summary line."""
    match = SUMMARY_RE.search(runs.output)
    found = {"examples": int(match[1].replace(",", "")), "errors": int(match[2].replace(",", ""))} if match else None
    facts["found"][corpus_name] = found


def _status(answer: dict[str, Any]) -> str:
    if answer["stopped"]:
        return "stopped"
    return f"exit {answer['status']}" if answer["status"] else ""


def _size(count: int) -> str:
    return f"{count / 1e6:g} MB" if count >= 1_000_000 else f"{count / 1e3:g} kB"


# Run ------------------------------------------------------------------------------------------------


def make_trees(args: argparse.Namespace) -> Trees:
    """Every corpus of the run, generated the first time."""
    params = {
        "main": Params(args.lines, args.annotations, args.patterns),
        "scale": Params(args.lines, args.scale, args.scale),
        "big": Params(args.big_lines, args.annotations, args.patterns),
        "stress": Params(args.stress_lines, STRESS_MARKERS, args.patterns),
        "page": Params(args.stress_lines, STRESS_MARKERS, args.stress_patterns),
        "line": Params(args.stress_lines, STRESS_MARKERS, args.patterns, args.long_line),
    }
    made = {name: corpus(p, args.cache) for name, p in params.items()}
    return Trees({n: m[0] for n, m in made.items()}, {n: m[1] for n, m in made.items()})


GROUPS: dict[str, Callable[[Trees, int, Facts], list[Row]]] = {
    "cli": cli_rows,
    "site": site_rows,
    "serve": serve_rows,
    "scale": scale_rows,
    "history": history_rows,
    "inprocess": inprocess_rows,
}


def measure(trees: Trees, reps: int, facts: Facts) -> list[Row]:
    """Every group of rows in turn, each group's load average at its start and its duration noted."""
    rows: list[Row] = []
    for name, group in GROUPS.items():
        facts["load"][name] = os.getloadavg()[0]
        print(
            f"bench: {name} rows, {reps} timed run(s) of each command (load {facts['load'][name]:.2f})...",
            file=sys.stderr,
        )
        start = time.perf_counter()
        rows += group(trees, reps, facts)
        facts["harness_seconds"][name] = round(time.perf_counter() - start, 1)
    return rows


def header(facts: Facts, trees: Trees, reps: int) -> str:
    """The machine, the load, how the commands ran, the site twin, and the corpora, as Markdown above the table."""
    m, (fresh, total), end = facts["machine"], facts["bytecode"], facts["load_end"]
    loads = ", ".join(f"{name} {load:.2f}" for name, load in facts["load"].items())
    runs = f"{reps} run{'s' if reps > 1 else ''}"
    return "\n".join(
        [
            f"{m['date']}, `{m['command']}`: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB RAM, "
            f"{m['platform']}, Python {m['python']}, {m['rg']}, {m['mkdocs']}; commit {m['commit']}; "
            f"{facts['seconds']:.0f} s in all.",
            f"Load average (1 min) at the start of each group: {loads}; at the end {end[0]:.2f} "
            f"(5 and 15 min: {end[1]:.2f}, {end[2]:.2f}).{_busy(facts)}",
            f"Every measured command ran without `PYTHONDONTWRITEBYTECODE` (it was {facts['dontwritebytecode']} in "
            "the harness's environment) after one untimed warm-up run, so the tool's modules load from `.pyc` as "
            f"an installed tool's do ({fresh} of {total} modules of `extractor` compiled). Medians of {runs}; "
            "each command and its baseline take turns.",
            "",
            _site_line(facts.get("site")),
            "",
            *_corpus_table(trees, facts),
        ]
    )


def _corpus_table(trees: Trees, facts: Facts) -> list[str]:
    lines = [
        "| corpus | lines | files | marked files | examples (found, errors) | patterns | rg lists |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    for name, manifest in trees.manifests.items():
        found = facts["found"].get(name)
        seen = f"{found['examples']:,}, {found['errors']} errors" if found else "not verified: no run finished"
        marked = f"{manifest['marked_files']:,} ({manifest['marked_files'] / manifest['files']:.1%})"
        lines.append(
            f"| {name} (`{Params(**manifest['params']).name}`) | {manifest['lines']:,} | {manifest['files']:,} "
            f"| {marked} | {manifest['examples']:,} ({seen}) | {manifest['patterns']:,} "
            f"| {facts['rg_files'].get(name, '–')} |"
        )
    return lines


def _busy(facts: Facts) -> str:
    """A warning when other work kept the CPUs busy: wall times then include waiting for a CPU."""
    highest, cpus = max([*facts["load"].values(), facts["load_end"][0]]), facts["machine"]["nproc"]
    if highest <= cpus:
        return ""
    return (
        f" **The load reached {highest:.1f} on {cpus} CPUs: other work ran meanwhile, so wall times include "
        "waiting for a CPU and move from run to run; the CPU column is the steadier guide.**"
    )


def _site_line(site_facts: dict[str, Any] | None) -> str:
    if not site_facts:
        return "The site rows did not run."
    differ = site_facts["content_differs"] + site_facts["only_with_plugin"] + site_facts["only_pre_rendered"]
    same = "the same content" if not differ else f"{len(differ)} files differ: {', '.join(differ[:5])}"
    return f"The site built with the plugin and its pre-rendered twin: {site_facts['files']} files, {same}."


def rg_files(trees: Trees) -> dict[str, int]:
    """How many files `rg -l @pattern` lists in each tree (it should be the marked ones)."""
    found = shutil.which("rg")
    if not found:
        return {}
    return {
        name: len(
            subprocess.run([found, "-l", "@pattern", "."], cwd=tree, capture_output=True, text=True).stdout.splitlines()
        )
        for name, tree in trees.paths.items()
    }


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--lines", type=int, default=500_000, help="lines of the main corpus (default: 500000)")
    add("--annotations", type=int, default=500, help="examples marked in the main corpus (default: 500)")
    add("--patterns", type=int, default=500, help="patterns of its large catalogue page (default: 500)")
    add("--scale", type=int, default=2000, help="markers and patterns of the second corpus (default: 2000)")
    add("--big-lines", type=int, default=5_000_000, help="lines of the large corpus (default: 5000000)")
    add("--stress-lines", type=int, default=50_000, help="lines of the trees of the stress rows (default: 50000)")
    add("--stress-patterns", type=int, default=20_000, help="patterns of the huge page (default: 20000)")
    add("--long-line", type=int, default=1_000_000, help="bytes of the long line (default: 1000000)")
    add("--reps", type=int, default=7, help="timed runs of each command, median taken (default: 7)")
    add("--full", action="store_true", help="15 runs of each command, for numbers to quote")
    add("--cache", type=Path, default=CACHE, help="folder of generated corpora (default: bench/.corpus)")
    add("--json", type=Path, default=RESULTS, help="where to write the results (default: bench/results.json)")
    add("--check", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    if args.full:
        args.reps = max(args.reps, 15)
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    started = time.perf_counter()
    trees = make_trees(args)
    facts: Facts = {
        "harness_seconds": {"corpora": round(time.perf_counter() - started, 1)},
        "load": {},
        "runs": {},
        "found": {},
        "rg_files": rg_files(trees),
        "dontwritebytecode": "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set",
    }
    rows = measure(trees, args.reps, facts)
    facts["load_end"] = os.getloadavg()
    facts["bytecode"] = bytecode(REPO / "extractor")
    facts["seconds"] = round(time.perf_counter() - started, 1)
    facts["machine"] = {**machine(REPO, BIN), "command": " ".join(["python -m bench.run", *(argv or sys.argv[1:])])}
    print(header(facts, trees, args.reps))
    print()
    print(table(rows))
    results = {
        "settings": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "corpus": {name: {k: v for k, v in m.items() if k != "annotated_files"} for name, m in trees.manifests.items()},
        "measurements": {r.key: {**asdict(r), "ratio": r.ratio, "passed": r.passed} for r in rows},
        "facts": facts,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 1 if args.check and any(r.passed is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
