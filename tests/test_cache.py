"""The on-disk cache: a new process reuses what an earlier one found, and never a result gone stale."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from projects import REPO, MakeProject, git, plain, run_project, settle

from extractor.cli import run_cli
from extractor.filecache import CACHE
from extractor.pipeline import Result, run
from extractor.site_config import load_settings

FOLDER = Path(".cache/patterns")
SCAN = FOLDER / "scan.json"


def new_process_run(root: Path) -> Result:
    """A run that knows nothing from earlier runs but what is on disk, as in a new process."""
    CACHE.clear()
    return run_project(root)


def rows(root: Path, kind: str = "scan") -> dict[str, object]:
    """Path -> its row in a table of the cache: a stamp alone (nothing in the file), or [stamp, digest, slot]."""
    return dict(json.loads((root / FOLDER / f"{kind}.json").read_text(encoding="utf-8").splitlines()[1]))


def stored(root: Path, kind: str = "scan") -> dict[str, str]:
    """Path -> the stored line of its result, for the rows of a table that hold one."""
    lines = (root / FOLDER / f"{kind}.json").read_text(encoding="utf-8").splitlines()[2:]
    slots = {path: row[2] for path, row in rows(root, kind).items() if isinstance(row, list)}
    return {path: lines[slot] for path, slot in slots.items() if slot >= 0}


def tamper(root: Path, line: str) -> None:
    """Change what the cache says the marked query shows."""
    cache = (root / SCAN).read_text(encoding="utf-8")
    (root / SCAN).write_text(cache.replace(line, line.replace(".collect()", ".take(10)")), encoding="utf-8")


def shown_code(result: Result) -> str:
    return "\n".join(line for e in result.examples for s in e.segments for line in s.lines)


def test_a_new_process_takes_unchanged_files_from_the_cache(make_project: MakeProject) -> None:
    root = make_project()
    settle(root)
    first = new_process_run(root)
    assert "collect()" in shown_code(first)
    tamper(root, stored(root)["src/queries.ts"])

    second = new_process_run(root)

    assert ".take(10)" in shown_code(second)  # what the cache said, since the file's stamp is unchanged


def test_a_file_with_a_new_stamp_but_the_same_bytes_is_not_parsed_again(make_project: MakeProject) -> None:
    root = make_project()
    settle(root)
    new_process_run(root)
    tamper(root, stored(root)["src/queries.ts"])
    source = root / "src/queries.ts"
    source.write_bytes(source.read_bytes())  # as a branch switch and back, or a fresh clone with a restored cache
    settle(root)

    result = new_process_run(root)

    assert ".take(10)" in shown_code(result)  # found by content: the file was not parsed again
    assert set(stored(root)) == {"src/queries.ts"}  # the other files are rows alone: nothing in them


def test_an_edit_that_keeps_the_size_and_the_modification_time_is_seen(make_project: MakeProject) -> None:
    root = make_project()
    settle(root)
    new_process_run(root)
    source = root / "src/queries.ts"
    info = source.stat()
    source.write_text(source.read_text(encoding="utf-8").replace("collect()", "collectXY"), encoding="utf-8")
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert source.stat().st_size == info.st_size

    result = new_process_run(root)

    assert "collectXY" in shown_code(result)


def test_a_file_modified_moments_ago_is_not_written_to_the_cache(make_project: MakeProject) -> None:
    root = make_project({"src/fresh.ts": "// @pattern backend/mutation-function-structure\nexport const m = 1;\n"})
    settle(root)
    (root / "src/fresh.ts").write_text(
        "// @pattern backend/mutation-function-structure\nexport const m = 2;\n", encoding="utf-8"
    )

    result = new_process_run(root)

    assert len(result.examples) == 2
    assert set(stored(root)) == {"src/queries.ts"}
    assert "src/fresh.ts" not in rows(root)


def test_a_cache_written_by_another_version_is_ignored(make_project: MakeProject) -> None:
    root = make_project()
    settle(root)
    new_process_run(root)
    line = stored(root)["src/queries.ts"]
    header, *rest = (root / SCAN).read_text(encoding="utf-8").splitlines()
    other = json.dumps({**json.loads(header), "fingerprint": "another-version"})
    body = "\n".join(rest).replace(line, line.replace(".collect()", ".take(10)"))
    (root / SCAN).write_text(other + "\n" + body + "\n", encoding="utf-8")

    result = new_process_run(root)

    assert ".collect()" in shown_code(result)
    assert not result.diagnostics
    assert json.loads((root / SCAN).read_text(encoding="utf-8").splitlines()[0]) == json.loads(header)


def test_an_unreadable_cache_is_noted_and_written_anew(make_project: MakeProject) -> None:
    root = make_project()
    settle(root)
    (root / SCAN).parent.mkdir(parents=True)
    (root / SCAN).write_bytes(b"\xff\xfe not the cache")

    first = new_process_run(root)
    second = new_process_run(root)

    assert [str(d) for d in first.diagnostics] == [
        ".cache/patterns/scan.json: info[cache-unreadable]: cache not readable ('utf-8' codec can't decode byte 0xff in position 0:"
        " invalid start byte); it is rebuilt from the sources"
    ]
    assert not second.diagnostics
    assert set(stored(root)) == {"src/queries.ts"}


def test_a_forged_cache_nested_beyond_any_limit_is_noted_not_a_crash(make_project: MakeProject) -> None:
    root = make_project()
    settle(root)
    new_process_run(root)
    header = (root / SCAN).read_text(encoding="utf-8").splitlines()[0]  # this version's own header
    (root / SCAN).write_text(header + "\n" + "[" * 200_000 + "\n", encoding="utf-8")

    first = new_process_run(root)

    assert [d.code for d in first.diagnostics] == ["cache-unreadable"]
    assert ".collect()" in shown_code(first)
    assert set(stored(root)) == {"src/queries.ts"}


def test_the_cache_folder_is_ignored_by_git(make_project: MakeProject) -> None:
    root = make_project()
    git(root, "init", "-q")
    settle(root)

    new_process_run(root)

    assert (root / SCAN).is_file()
    assert ".cache" not in git(root, "status", "--porcelain", "--untracked-files=all")


def test_no_cache_flag_and_cache_false_write_nothing(make_project: MakeProject) -> None:
    flagged = make_project(folder="flagged")
    switched_off = make_project(folder="off", extra="      cache: false\n")
    for root in (flagged, switched_off):
        settle(root)
    CACHE.clear()

    assert run_cli(["-f", str(flagged / "mkdocs.yml"), "--no-cache", "check"]) == 0
    assert run_cli(["-f", str(switched_off / "mkdocs.yml"), "check"]) == 0

    assert not (flagged / ".cache").exists()
    assert not (switched_off / ".cache").exists()


def test_results_from_the_cache_are_those_of_a_cold_run_on_this_repository(tmp_path: Path) -> None:
    settings = replace(load_settings(str(REPO / "mkdocs.yml")), cache_dir=None)
    CACHE.clear()
    cold = run(settings)
    cached = replace(settings, cache_dir=str(tmp_path / "cache"))
    run(cached)  # writes the cache
    CACHE.clear()

    warm = run(cached)

    assert (tmp_path / "cache" / "scan.json").stat().st_size > 10_000
    assert warm.examples == cold.examples
    assert warm.violations == cold.violations
    assert warm.diagnostics == cold.diagnostics
    assert [p.text for p in warm.pages] == [p.text for p in cold.pages]


def test_a_cache_folder_outside_git_and_not_hidden_is_not_scanned(make_project: MakeProject) -> None:
    stray = "# @pattern backend/no-such-pattern\nx = 1\n"  # an error, were the folder scanned
    root = make_project({"build/cache/stray.py": stray}, sources=(".",), extra="      cache_dir: build/cache\n")
    settle(root)

    result = new_process_run(root)

    assert (root / "build/cache/scan.json").is_file()
    assert {e.path for e in result.examples} == {"src/queries.ts"}
    assert not result.diagnostics


FRONTEND = """\
# Frontend Patterns

### Query Hooks

**Context**: Reading data in components
**Example**: _(Will be populated from actual implementations)_
**Related Patterns**: Mutation Function Structure (backend-patterns.md)
"""


def test_a_second_run_in_one_process_renders_what_an_edit_changed(make_project: MakeProject) -> None:
    root = make_project({"patterns/frontend-patterns.md": FRONTEND})
    settle(root)
    CACHE.clear()
    first = {page.path: page.text for page in run_project(root).pages}
    source = root / "src/queries.ts"
    source.write_text(source.read_text(encoding="utf-8").replace(".collect()", ".paginateNow()"), encoding="utf-8")
    backend = root / "patterns/backend-patterns.md"
    renamed = backend.read_text(encoding="utf-8").replace("### Mutation Function Structure", "### Mutation Functions")
    backend.write_text(renamed, encoding="utf-8")

    second = {page.path: page.text for page in run_project(root).pages}  # as `mkdocs serve` runs it again

    assert "paginateNow" not in plain(first["backend-patterns.md"])
    assert "paginateNow" in plain(second["backend-patterns.md"])
    assert "[Mutation Function Structure]" in first["frontend-patterns.md"]
    assert "[Mutation Functions]" in second["frontend-patterns.md"]  # a page whose target was renamed elsewhere
    assert "Mutation Functions" in second["index.md"] and "Mutation Functions" not in first["index.md"]
