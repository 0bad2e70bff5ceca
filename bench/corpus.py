"""A deterministic corpus: a git repository of N lines of TS, TSX, Python, YAML and Markdown with K examples.

    python -m bench.corpus --lines 500000 [--annotations 500] [--patterns 500] [--long-line BYTES] [--seed 1]

prints the folder of the tree, generating it first unless the cache already holds it. The tree is
a monorepo (`apps/web/src`, `apps/web/src/*/convex`, `services/*`, `infra/*`, `handbook/*`) of
files averaging about 90 lines, as real ones do, with its own catalogue (`patterns/`: four pages
of ordinary size and one large page of `--patterns` patterns), `mkdocs.yml` (the `patterns`
plugin, `sources: [.]`) and `docs/index.md`, committed with a fixed identity and date. Under 10%
of the files hold markers, which name patterns of every page. Beside the N tracked lines it holds
git-ignored folders (`node_modules/`, `dist/`, `build/`, about a quarter of N more lines) whose
files carry markers too, so a tool that does not skip them reports unknown ids or duplicates.
`--long-line` adds one file whose marked function holds a line of that many bytes.

K counts examples: a stacked site (two `@pattern` lines above one unit) gives two. `manifest.json`
beside the tree records what was generated, including K and the count of each marker form.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench import catalogue
from bench.code import FORMS, NOUNS, STACKED, VERBS, Mark, long_line_text, ts_header, ts_unit, tsx_header, tsx_unit
from bench.code_text import md_header, md_unit, py_header, py_unit, yaml_header, yaml_unit

VERSION = 3
"""Bump when the generated text changes, so cached corpora are regenerated."""

CACHE = Path(__file__).resolve().parent / ".corpus"
SHARES = {"ts": 0.38, "tsx": 0.20, "py": 0.22, "yml": 0.10, "md": 0.10}
"""Share of the N lines per language."""
FOLDERS = {"ts": "apps/web/src", "tsx": "apps/web/src/components", "py": "services", "yml": "infra", "md": "handbook"}
Writer = Callable[[random.Random, Mark | None], list[str]]
WRITERS: dict[str, Writer] = {"tsx": tsx_unit, "py": py_unit, "yml": yaml_unit, "md": md_unit}
"""The unit writers besides TypeScript's, which also needs to know whether the file is Convex code."""
HEADERS: dict[str, Callable[[random.Random], list[str]]] = {
    "tsx": tsx_header,
    "py": py_header,
    "yml": yaml_header,
    "md": md_header,
}
FILES_PER_FOLDER = 16
MARKED_SHARE = 0.09
"""Share of each language's files that may hold markers; markers cluster, so fewer than this hold one."""
LONG_LINE_FILE = "apps/web/src/generated/lookup_table.ts"
SETTLED_NS = 1_704_067_200 * 10**9
"""The files' modification time: the commit's date (2024-01-01)."""
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
}


@dataclass(frozen=True)
class Params:
    """What a corpus is generated from; the cache key."""

    lines: int = 500_000
    annotations: int = 500
    patterns: int = 500
    """Patterns of the large catalogue page."""
    long_line: int = 0
    """Bytes of the long line in a marked function (no such file when 0)."""
    seed: int = 1
    version: int = VERSION

    @property
    def name(self) -> str:
        """The folder name without the digest: what the parameters say."""
        long_line = f"-l{self.long_line}" if self.long_line else ""
        return f"{self.lines}-k{self.annotations}-p{self.patterns}{long_line}-s{self.seed}"

    @property
    def key(self) -> str:
        digest = hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:8]
        return f"{self.name}-{digest}"


@dataclass
class Planned:
    """One source file to write."""

    path: str
    language: str
    lines: int
    """Target length; the file ends after the unit that reaches it."""
    marks: list[Mark] = field(default_factory=list)


def file_length(rng: random.Random) -> int:
    """Target length: 8-3000 lines, median 55; a file ends after the unit that reaches it (about 90 on average)."""
    return max(8, min(3000, round(rng.lognormvariate(math.log(55), 0.9))))


def plan_files(rng: random.Random, total: int) -> list[Planned]:
    """Files until their target lengths add up to `total`, each language getting its share."""
    languages, weights = list(SHARES), list(SHARES.values())
    planned: list[Planned] = []
    counts: Counter[str] = Counter()
    budget = 0
    while budget < total:
        language = languages[len(planned)] if len(planned) < len(languages) else rng.choices(languages, weights)[0]
        number = counts[language]
        counts[language] += 1
        folder = f"{FOLDERS[language]}/{_area(language, number)}"
        planned.append(Planned(f"{folder}/{_stem(rng, number)}.{_ext(language)}", language, file_length(rng)))
        budget += planned[-1].lines
    return planned


def _area(language: str, number: int) -> str:
    group = number // FILES_PER_FOLDER
    if language == "ts" and group % 3 == 0:
        return f"feature{group}/convex"  # the rule runs on these
    return {"py": f"svc{group // 4}/pkg{group}"}.get(language, f"area{group}")


def _stem(rng: random.Random, number: int) -> str:
    return f"{rng.choice(('list', 'sync', 'load', 'store', 'view', 'util'))}_{number}"


def _ext(language: str) -> str:
    return language


def plan_marks(rng: random.Random, files: list[Planned], examples: int, large: list[str]) -> Counter[str]:
    """Spread marker sites over a few files of each language until they make `examples` examples.

    Each language's markers go to a fixed `MARKED_SHARE` of its files, picked again and again, so
    markers cluster as in real code. Returns the count of each form.
    """
    by_language: dict[str, list[Planned]] = {}
    for planned in files:
        by_language.setdefault(planned.language, []).append(planned)
    pools = {lang: rng.sample(found, max(1, round(len(found) * MARKED_SHARE))) for lang, found in by_language.items()}
    forms = [form for language in FORMS if language in by_language for form in FORMS[language]]
    bare = _unique_slugs(large)
    made: Counter[str] = Counter()
    left = examples
    while left > 0:
        form = forms[sum(made.values()) % len(forms)]
        if form in STACKED and left < 2:
            form = forms[0]
        language = next(lang for lang, known in FORMS.items() if form in known)
        target = rng.choice(pools[language])
        target.marks.append(_mark(rng, form, language, large, bare))
        made[form] += 1
        left -= len(target.marks[-1].ids)
    return made


def _unique_slugs(large: list[str]) -> set[str]:
    """The pattern slugs that name one pattern in the whole catalogue, which a marker may use alone."""
    slugs = Counter(i.split("/")[1] for i in [*large, *(i for p in catalogue.PAGES for i in catalogue.pattern_ids(p))])
    return {name for name, count in slugs.items() if count == 1}


def _mark(rng: random.Random, form: str, language: str, large: list[str], bare: set[str]) -> Mark:
    """A site naming one pattern (two when stacked): half from the large page, half from the language's own pages."""
    pages = catalogue.LANGUAGE_PAGES[language]
    ordinary = [i for page in pages for i in catalogue.pattern_ids(page)]
    wanted = 2 if form in STACKED else 1
    chosen = tuple(rng.sample(large if rng.random() < 0.5 and len(large) >= wanted else ordinary, wanted))
    if wanted == 1 and chosen[0].split("/")[1] in bare and rng.random() < 0.05:
        chosen = (chosen[0].split("/")[1],)  # a bare slug, unique in the catalogue
    title = f"Variant {rng.randint(1, 9)}" if rng.random() < 0.3 else ""
    return Mark(form, chosen, title)


def file_text(rng: random.Random, planned: Planned) -> str:
    """The file's lines: a header, then units until the target length, the marks spread over the units."""
    convex = "/convex/" in planned.path
    lines = ts_header(rng, convex) if planned.language == "ts" else HEADERS[planned.language](rng)
    marks = list(planned.marks)
    while len(lines) + 6 < planned.lines or marks:
        left_units = max(1, (planned.lines - len(lines)) // 25)
        mark = marks.pop(0) if marks and rng.random() < len(marks) / left_units else None
        if planned.language == "ts":
            lines += ts_unit(rng, mark, convex)
        else:
            lines += WRITERS[planned.language](rng, mark)
    return "\n".join(lines) + "\n"


def ignored_files(rng: random.Random, written: dict[str, str], total: int) -> dict[str, str]:
    """node_modules, dist and build: vendor code with markers of unknown ids, and copies of marked sources."""
    files: dict[str, str] = {}
    size = 0
    number = 0
    while size < total // 5:
        body = [
            f"// @pattern vendor/internal-{number}",
            f"export function vendor{number}(a, b) {{",
            "  return a + b;",
            "}",
        ]
        text = "\n".join(body * rng.randint(10, 120)) + "\n"
        files[f"apps/web/node_modules/pkg{number // 20}/lib/mod{number}.js"] = text
        size += text.count("\n")
        number += 1
    marked = sorted(p for p, text in written.items() if "@pattern" in text)
    for path in marked[: max(1, len(marked) // 4)]:
        folder = "apps/web/dist" if path.startswith("apps/") else "services/build"
        files[f"{folder}/{path.replace('/', '_')}"] = written[path]
    return files


def assets(rng: random.Random, files: int, total: int) -> tuple[dict[str, str], dict[str, bytes]]:
    """What a monorepo tracks besides code: a lock file (a fiftieth of the lines) and images (1.5% of the files)."""
    entries = []
    for number in range(total // 50):
        name = f"@{rng.choice(NOUNS)}/{rng.choice(VERBS)}-{number}"
        digest = base64.b64encode(rng.randbytes(64)).decode()
        entries.append(
            f'    "{name}": ["{name}@{rng.randint(0, 9)}.{rng.randint(0, 40)}.0", "", {{}}, "sha512-{digest}"],'
        )
    lock = "\n".join(["{", '  "lockfileVersion": 1,', '  "packages": {', *entries, "  }", "}", ""])
    images = {}
    for number in range(max(1, round(files * 0.015))):
        size = max(200, min(2_000_000, round(rng.lognormvariate(math.log(30_000), 1.0))))
        images[f"apps/web/public/images/{rng.choice(NOUNS)}-{number}.png"] = b"\x89PNG\r\n\x1a\n" + rng.randbytes(size)
    return {"bun.lock": lock}, images


@dataclass(frozen=True)
class Built:
    """A corpus in memory, before it is written."""

    planned: list[Planned]
    forms: Counter[str]
    """How many sites of each marker form."""
    files: dict[str, bytes]
    """Every tracked and ignored file: path -> content."""
    sources: dict[str, str]
    """The tracked code (and the long-line file); what the markers are in."""
    other: dict[str, str]
    """Tracked text that is not code: the lock file."""
    images: int
    ignored: dict[str, str]
    """Files in git-ignored folders."""
    patterns: int
    """Patterns of the whole catalogue."""


def build(params: Params) -> Built:
    """Every file of the corpus of `params`, in memory."""
    rng = random.Random(params.seed)
    planned = plan_files(rng, params.lines)
    large = catalogue.large_ids(params.patterns)
    forms = plan_marks(rng, planned, params.annotations, large)
    sources = {p.path: file_text(rng, p) for p in planned}
    ignored = ignored_files(rng, sources, params.lines)
    other, images = assets(rng, len(sources), params.lines)
    if params.long_line:  # last, so the rest of the tree is the same as without it
        sources[LONG_LINE_FILE] = long_line_text(large[0], params.long_line)
    texts = {**catalogue.project_files(params.patterns), **sources, **other, **ignored}
    files = {**{path: text.encode() for path, text in texts.items()}, **images}
    patterns = len(large) + sum(len(catalogue.pattern_ids(page)) for page in catalogue.PAGES)
    return Built(planned, forms, files, sources, other, len(images), ignored, patterns)


def generate(params: Params, folder: Path) -> dict[str, object]:
    """Write the tree into `folder/tree`, commit it, and return the manifest."""
    built = build(params)
    tree = folder / "tree"
    for path, data in built.files.items():
        target = tree / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        os.utime(target, ns=(SETTLED_NS, SETTLED_NS))  # like any checkout but a brand new one: cacheable
    _commit(tree)
    return {"params": asdict(params), "commit": _git(tree, "rev-parse", "HEAD"), **describe(params, built)}


def describe(params: Params, built: Built) -> dict[str, object]:
    """What the manifest says of a corpus: its counts, and where its examples are."""
    annotated = sorted({*(p.path for p in built.planned if p.marks), *([LONG_LINE_FILE] if params.long_line else [])})
    tracked = [*built.sources.values(), *built.other.values()]
    return {
        "examples": params.annotations + (1 if params.long_line else 0),
        "patterns": built.patterns,
        "forms": {form: built.forms[form] for language in FORMS for form in FORMS[language]},
        "files": len(tracked) + built.images,
        "lines": sum(text.count("\n") for text in tracked),
        "source_files": len(built.sources),
        "source_lines": sum(text.count("\n") for text in built.sources.values()),
        "images": built.images,
        "lines_by_language": _by_language(built.planned, built.sources),
        "marked_files": len(annotated),
        "annotated_files": annotated,
        "ignored_files": len(built.ignored),
        "ignored_lines": sum(text.count("\n") for text in built.ignored.values()),
    }


def _by_language(planned: list[Planned], written: dict[str, str]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for p in planned:
        counts[p.language] += written[p.path].count("\n")
    return dict(sorted(counts.items()))


def _commit(tree: Path) -> None:
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Benchmark corpus"]):
        _git(tree, "-c", "core.compression=1", "-c", "gc.auto=0", *args)


def _git(tree: Path, *args: str) -> str:
    """Run git with a fixed identity and date and no user configuration, so the commit hash is reproducible."""
    done = subprocess.run(["git", *args], cwd=tree, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"error: git {' '.join(args)} failed in {tree}: {done.stderr.strip()}")
    return done.stdout.strip()


def corpus(params: Params, cache: Path = CACHE) -> tuple[Path, dict[str, object]]:
    """The tree for `params` and its manifest, generated into the cache the first time."""
    folder = cache / params.key
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        building = cache / f".{params.key}.{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        data = generate(params, building)
        (building / "manifest.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(building, folder)
        for stale in cache.glob(f"{params.name}-*"):
            if stale != folder:  # the same size made by an older generator
                shutil.rmtree(stale, ignore_errors=True)
    return folder / "tree", json.loads(manifest.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=Params.lines, help="tracked source lines (default: 500000)")
    parser.add_argument("--annotations", type=int, default=Params.annotations, help="examples to mark (default: 500)")
    parser.add_argument(
        "--patterns", type=int, default=Params.patterns, help="patterns of the large page (default: 500)"
    )
    parser.add_argument("--long-line", type=int, default=0, help="bytes of one long line in a marked function")
    parser.add_argument("--seed", type=int, default=Params.seed)
    parser.add_argument("--describe", action="store_true", help="print what would be generated, as JSON; write nothing")
    parser.add_argument(
        "--cache", type=Path, default=CACHE, help="folder of generated corpora (default: bench/.corpus)"
    )
    args = parser.parse_args(argv)
    params = Params(args.lines, args.annotations, args.patterns, args.long_line, args.seed)
    if args.describe:
        print(json.dumps({"params": asdict(params), **describe(params, build(params))}, indent=2))
        return
    tree, manifest = corpus(params, args.cache)
    print(tree)
    print(
        f"{manifest['files']:,} files, {manifest['lines']:,} lines, {manifest['examples']:,} examples "
        f"in {manifest['marked_files']:,} files, {manifest['patterns']:,} patterns"
    )


if __name__ == "__main__":
    main()
