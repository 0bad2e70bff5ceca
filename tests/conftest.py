"""Shared fixtures: small MkDocs projects written into a fresh temporary folder, optionally under git."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from projects import REPO, MakeProject, git, mkdocs_build, write_project


# @pattern testing/fixture-based-tests
@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Write a project (mkdocs.yml, a catalogue page, sources) into a fresh folder and return it.

    Files default to the small catalogue and a marked query; keyword `files` adds or replaces
    files (text or bytes), and a value of None removes one.
    """

    def make(files: dict[str, str | bytes | None] | None = None, folder: str = "project", **options: Any) -> Path:
        return write_project(tmp_path / folder, files, **options)

    return make


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's site, built once for the whole session with `mkdocs build --strict`; read it, never write."""
    folder = tmp_path_factory.mktemp("repo-site")
    done = mkdocs_build(REPO, folder, "--strict")
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def commit_all() -> Callable[[Path], str]:
    """Make a folder a git repository with everything committed; returns the HEAD hash."""

    def commit(root: Path) -> str:
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "initial")
        return git(root, "rev-parse", "HEAD")

    return commit
