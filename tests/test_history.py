"""`patterns history`: today's rules counted at each commit of the branch from git's objects, with known counts."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from history_repo import EXPECTED, git, make_history

from extractor.cli import run_cli
from extractor.history import compute_history
from extractor.pipeline import run
from extractor.site_config import load_settings


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("history")
    return root, make_history(root)


def counted(root: Path, **options: object) -> list[tuple[int, int]]:
    settings = load_settings(str(root / "app" / "mkdocs.yml"))
    history, _ = compute_history(settings, **options)  # type: ignore[arg-type]
    return [(sum(p.followed.values()), sum(p.violations.values())) for p in history.points]


def test_each_commit_of_the_branch_has_its_known_counts(repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    settings = load_settings(str(root / "app" / "mkdocs.yml"))
    history, diagnostics = compute_history(settings)
    assert [p.commit for p in history.points] == commits  # first parent only: the branch's own commit is not one
    got = [
        (p.followed["backend/query-function-structure"], p.violations["backend/unvalidated-inputs"])
        for p in history.points
    ]
    assert got == [(followed, violations) for _, followed, violations in EXPECTED]
    assert [p.date.day for p in history.points] == [1, 2, 3, 5, 6, 7, 8]
    assert history.head == commits[-1]
    assert not [d for d in diagnostics if d.severity.value == "error"]


def test_each_file_version_is_parsed_once_across_commits_and_runs(tmp_path: Path) -> None:
    make_history(tmp_path)
    settings = load_settings(str(tmp_path / "app" / "mkdocs.yml"))
    parsed: list[int] = []
    compute_history(settings, progress=lambda done, total, files: parsed.append(files))
    # a.ts three versions, b.ts once (renamed to c.ts: the same blob), d.ts once
    assert parsed[-1] == 5
    assert (tmp_path / "app/.cache/patterns/history-blobs.json").is_file()
    assert (tmp_path / "app/.cache/patterns/.gitignore").is_file()
    again: list[int] = []
    compute_history(settings, progress=lambda done, total, files: again.append(files))
    assert again[-1] == 0


def test_every_nth_commit_counted_back_from_the_newest(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    assert counted(root, every=3) == [(1, 0), (2, 2), (3, 0)]
    assert counted(root, every=100) == [(3, 0)]


def test_since_a_commit_or_a_date(repo: tuple[Path, list[str]]) -> None:
    root, commits = repo
    assert counted(root, since=commits[3]) == [(2, 2), (4, 2), (3, 1), (3, 0)]
    assert counted(root, since="2026-01-06") == [(4, 2), (3, 1), (3, 0)]


def test_a_since_that_is_neither_is_one_error_line(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    err = io.StringIO()
    status = run_cli(["-f", str(root / "app/mkdocs.yml"), "history", "--since", "last tuesday"], io.StringIO(), err)
    assert status == 1
    assert err.getvalue().count("\n") == 1
    assert "error[cli-usage]" in err.getvalue() and "2026-01-31" in err.getvalue()


def test_a_commit_off_the_branch_is_refused(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    err = io.StringIO()
    status = run_cli(["-f", str(root / "app/mkdocs.yml"), "history", "--since", "feature"], io.StringIO(), err)
    assert status == 1 and "first-parent" in err.getvalue()


def test_the_last_commit_counts_what_check_counts(repo: tuple[Path, list[str]]) -> None:
    root, _ = repo
    settings = load_settings(str(root / "app" / "mkdocs.yml"))
    now = run(settings).metrics
    history, _ = compute_history(settings)
    assert dict(history.points[-1].followed) == dict(now.followed)
    assert dict(history.points[-1].violations) == dict(now.violations)


def test_the_command_writes_the_history_file_and_prints_json(tmp_path: Path) -> None:
    make_history(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    status = run_cli(["-f", str(tmp_path / "app/mkdocs.yml"), "history", "--json"], out, err)
    assert status == 0, err.getvalue()
    printed = json.loads(out.getvalue())
    written = json.loads((tmp_path / "app/.cache/patterns/history.json").read_text(encoding="utf-8"))
    assert printed == written
    assert [c["followed"]["backend/query-function-structure"] for c in written["commits"]] == [
        f for _, f, _ in EXPECTED
    ]
    table = io.StringIO()
    assert run_cli(["-f", str(tmp_path / "app/mkdocs.yml"), "history"], table, io.StringIO()) == 0
    lines = table.getvalue().splitlines()
    assert lines[0].split() == ["date", "commit", "followed", "violations"]
    assert lines[-1].split()[2:] == ["3", "0"]


def test_outside_a_repository_history_is_one_error_line(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - patterns\n", encoding="utf-8")
    (tmp_path / "patterns/rules/backend").mkdir(parents=True)
    (tmp_path / "patterns/backend-patterns.md").write_text(
        "# B\n\n### Query Function Structure\n\nText.\n", encoding="utf-8"
    )
    (tmp_path / "patterns/rules/backend/query-function-structure.yml").write_text(
        "language: typescript\nrule: {kind: call_expression}\n", encoding="utf-8"
    )
    err = io.StringIO()
    assert run_cli(["-f", str(tmp_path / "mkdocs.yml"), "history"], io.StringIO(), err) == 1
    assert "error[history-unavailable]" in err.getvalue() and err.getvalue().count("\n") == 1


def test_a_history_file_outside_the_project_is_refused(tmp_path: Path) -> None:
    make_history(tmp_path)
    config = tmp_path / "app/mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      history: ../history.json\n", encoding="utf-8")
    err = io.StringIO()
    assert run_cli(["-f", str(config), "history"], io.StringIO(), err) == 1
    assert "error[config-invalid]" in err.getvalue() and "outside the project" in err.getvalue()
    assert not (tmp_path / "history.json").exists()


def test_a_shallow_clone_counts_the_commits_it_has(repo: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = repo
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{root}", "clone")
    assert counted(tmp_path / "clone") == [(3, 1), (3, 0)]
