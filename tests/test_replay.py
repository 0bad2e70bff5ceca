"""A command over an unchanged project prints what the same command printed before, without running; any change
to anything it could have read runs it again. Run through the installed `patterns` script, as a user does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from projects import MakeProject, git, settle

PATTERNS = str(Path(sys.executable).parent / "patterns")
ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
MARK = "replayed from the record"


def patterns(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = subprocess.run([PATTERNS, *args], cwd=root, env=env or ENV, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def kept(root: Path, *args: str) -> tuple[int, str, str]:
    """Run `patterns check` (or `args`) twice over a settled project: the first run creates the cache folder, which
    changes the project folder moments before the second, whose output is kept."""
    settle(root)
    patterns(root, *(args or ["check"]))
    settle(root)
    return patterns(root, *(args or ["check"]))


def records(root: Path, prefix: str = "replay-") -> list[Path]:
    return sorted((root / ".cache/patterns").glob(f"{prefix}*.json"))


def marked(record: Path) -> None:
    """Put `MARK` in the output a record holds, so that a run that prints it was replayed."""
    data = json.loads(record.read_text())
    data["result"]["output"] = [[1, MARK + "\n"]]
    record.write_text(json.dumps(data))


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    """A committed project, settled; `patterns check` run once, so its output is kept, and that record marked."""
    root = make_project({"src/empty/.keep": "", "notes/app.log": "ignored\n", ".gitignore": "*.log\n"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial", day=2)
    kept(root)
    [record] = records(root)
    marked(record)
    return root


def test_an_unchanged_project_is_answered_from_the_record(project: Path) -> None:
    assert patterns(project, "check") == (0, MARK + "\n", "")


@pytest.mark.parametrize(
    "change",
    [
        "edit a source file",
        "add a file to a folder without files git lists",
        "add a file git ignores no more",
        "edit mkdocs.yml",
        "edit the catalogue page",
        "track a file git ignores",
        "commit",
        "another environment",
        "other arguments",
        "ignore a source file",
    ],
)
def test_any_change_runs_the_command_again(project: Path, change: str) -> None:
    env, args = ENV, ["check"]
    if change == "edit a source file":
        (project / "src/queries.ts").write_text((project / "src/queries.ts").read_text() + "// more\n")
    elif change == "add a file to a folder without files git lists":
        (project / "notes/new.ts").write_text("// @pattern backend/mutation-function-structure\nexport const x = 1;\n")
    elif change == "add a file git ignores no more":
        (project / ".gitignore").write_text("")
    elif change == "edit mkdocs.yml":
        (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + "site_url: https://x.example/\n")
    elif change == "edit the catalogue page":
        page = project / "patterns/backend-patterns.md"
        page.write_text(page.read_text() + "\n### Third Pattern\n\n**Context**: more\n")
    elif change == "track a file git ignores":
        git(project, "add", "-f", "notes/app.log")
    elif change == "commit":
        git(project, "commit", "-q", "--allow-empty", "-m", "next", day=3)
    elif change == "another environment":
        env = {**ENV, "SITE_URL": "https://x.example/"}
    elif change == "other arguments":
        args = ["check", "--strict"]
    elif change == "ignore a source file":
        (project / ".git/info/exclude").write_text("src/\n")
    status, out, _ = patterns(project, *args, env=env)
    assert MARK not in out
    assert status in (0, 1) and "patterns" in out


def test_a_record_lists_first_what_changed_since_the_one_it_replaces(project: Path) -> None:
    source = project / "src/queries.ts"
    for edit in ("// one\n", "// two\n"):  # each edit kept, then seen again by its first stat
        source.write_text(source.read_text() + edit)
        past = time.time_ns() - 60 * 10**9
        os.utime(source, ns=(past, past))  # saved a while before the run, as an edit is
        assert MARK not in patterns(project, "check")[1]
        [record] = records(project)
        assert json.loads(record.read_text())["inputs"][0] == "src/queries.ts"
        marked(record)
        assert patterns(project, "check") == (0, MARK + "\n", "")


def test_a_replay_prints_what_the_run_printed_and_exits_as_it_did(make_project: MakeProject) -> None:
    root = make_project({"src/other.ts": "// @pattern backend/no-such-pattern\nexport const y = 2;\n"})
    first = kept(root)
    assert first[0] == 1 and "error[" in first[2]
    assert records(root) and patterns(root, "check") == first


def test_nothing_is_kept_of_a_run_over_files_changed_moments_before(make_project: MakeProject) -> None:
    root = make_project()  # written just now: a second edit within the same clock tick could go unseen
    patterns(root, "check")
    assert records(root) == []


def test_nothing_is_kept_without_the_cache(make_project: MakeProject) -> None:
    root = make_project()
    kept(root, "--no-cache", "check")
    assert records(root) == []


def test_a_forged_record_cannot_print_control_sequences(project: Path) -> None:
    [record] = records(project)
    data = json.loads(record.read_text())
    data["result"]["output"] = [[2, "\x1b]0;owned\x07"]]
    record.write_text(json.dumps(data))
    _status, out, err = patterns(project, "check")
    assert "\x1b" not in err and out == "2 patterns, 1 example, 0 errors, 0 warnings\n"


@pytest.mark.parametrize("forged", ["not json", "[]", '{"format": 1}', '{"format": 1, "key": 3, "result": []}'])
def test_a_record_of_another_shape_is_ignored(project: Path, forged: str) -> None:
    [record] = records(project)
    record.write_text(forged)
    assert patterns(project, "check") == (0, "2 patterns, 1 example, 0 errors, 0 warnings\n", "")


def test_link_answers_from_the_kept_titles_until_a_page_changes(project: Path) -> None:
    [record] = records(project, "titles")  # kept by `patterns check`, which read the catalogue
    assert patterns(project, "link", "query")[1].startswith("[Query Function Structure](p/backend/query-function")
    data = json.loads(record.read_text())
    data["result"]["patterns"][0][1] = "Kept Title"
    record.write_text(json.dumps(data))
    assert patterns(project, "link", "kept")[1].startswith("[Kept Title](p/backend/query-function-structure/)")
    page = project / "patterns/backend-patterns.md"
    page.write_text(page.read_text().replace("### Query Function Structure", "### Query Function Layout"))
    status, out, _err = patterns(project, "link", "query")
    assert status == 0 and out.startswith("[Query Function Layout](p/backend/query-function-layout/)")
