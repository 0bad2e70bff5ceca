"""Hostile input: each case under `hostile/` is a project tree and the exact output `patterns check` gives it.

A case is a folder with `case.yml` (what it is, optional special files that cannot live in git, and
optionally the `commands` to run instead of `check`, with `<root>` for the project's folder),
`tree/` (the files; `mkdocs.yml` and `patterns/` default to those of `_base/`) and `expected.txt`
(the exact standard error of `patterns check`, the project root written `<root>`). The exit status
must be 1 exactly when an error is expected. `UPDATE_HOSTILE=1` rewrites `expected.txt` from the run;
review the diff before keeping it.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from projects import settle

from extractor.cli import run_cli
from extractor.filecache import FORMAT, fingerprint

HERE = Path(__file__).parent / "hostile"
BASE = HERE / "_base"
CASES = sorted(p.name for p in HERE.iterdir() if (p / "case.yml").is_file())


def build(case: Path, root: Path) -> dict[str, Any]:
    """Write the case's project into `root` (outside any git repository); returns its case.yml."""
    meta: dict[str, Any] = yaml.safe_load((case / "case.yml").read_text(encoding="utf-8"))
    if (case / "tree").is_dir():
        shutil.copytree(case / "tree", root, symlinks=True)
        settle(root)  # cached like any checkout's files
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "mkdocs.yml").exists():
        shutil.copy(BASE / "mkdocs.yml", root / "mkdocs.yml")
    if not list(root.glob("patterns/*.md")) and not meta.get("no_catalogue"):
        shutil.copytree(BASE / "patterns", root / "patterns", dirs_exist_ok=True)
    for folder in ("docs", "src"):
        (root / folder).mkdir(exist_ok=True)
    for special in meta.get("special", []):
        make_special(root, special)
    return meta


def make_special(root: Path, special: dict[str, Any]) -> None:
    """Files git cannot hold: huge, FIFOs, symlinks, unreadable, generated in bulk."""
    path = root / special["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = special["kind"]
    if kind == "sparse":
        with path.open("wb") as out:
            out.write(special.get("head", "").encode())
            out.truncate(special["bytes"])
    elif kind == "repeat":
        unit = special["line"] + "\n"
        path.write_text(special.get("head", "") + unit * (special["bytes"] // len(unit)), encoding="utf-8")
    elif kind == "fifo":
        path.unlink(missing_ok=True)  # mkdocs.yml itself, say
        os.mkfifo(path)
    elif kind == "symlink":
        target = special["target"].replace("<outside>", str(root.parent / "outside"))
        if "<outside>" in special["target"] and target.endswith("/"):
            Path(target).mkdir(parents=True, exist_ok=True)
        elif "<outside>" in special["target"]:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            Path(target).write_text("// @pattern backend/query-function-structure\nexport const s = 1;\n")
        path.symlink_to(target)
    elif kind == "read-only":
        if special.get("folder"):
            path.mkdir(exist_ok=True)
        path.chmod(0o555 if special.get("folder") else 0o444)
    elif kind == "unreadable":
        path.write_text(special["text"], encoding="utf-8")
        path.chmod(0)
    elif kind == "unreadable-folder":
        path.mkdir()
        (path / "draft-patterns.md").write_text("# Drafts\n", encoding="utf-8")
        path.chmod(0)
    elif kind == "patterns":
        unit = "### Pattern {n}\n\n**Context**: c\n**Example**: _(Will be populated from actual implementations)_\n\n"
        path.write_text("# Big\n\n## Things\n\n" + "".join(unit.format(n=n) for n in range(special["count"])))
    elif kind == "forged-cache":  # the header of this very version, for this table, so the body is read
        header = json.dumps(
            {"format": FORMAT, "fingerprint": fingerprint(), "kind": path.stem, "context": special.get("context", "")}
        )
        path.write_text(header + "\n" + special["text"] * special["repeat"] + "\n", encoding="utf-8")
    elif kind == "markers":
        unit = "// @pattern backend/query-function-structure\nexport const f{n} = {n};\n\n"
        path.write_text("".join(unit.format(n=n) for n in range(special["count"])), encoding="utf-8")
    else:
        raise AssertionError(f"unknown special kind {kind!r}")


@contextmanager
def hang_guard(name: str, seconds: int = 300) -> Iterator[None]:
    """Turn a hang (a FIFO opened for reading waits for a writer forever) into this case's failure."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"case {name} still running after {seconds} s: something blocks")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", CASES)
def test_hostile_case_gives_its_diagnostics_and_status(name: str, tmp_path: Path) -> None:
    case = HERE / name
    root = tmp_path / "project"
    meta = build(case, root)
    if meta.get("needs_non_root") and os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions; this case runs as an ordinary user")
    before = {name: (root / name).read_bytes() for name in meta.get("unchanged", [])}
    out, err = io.StringIO(), io.StringIO()
    status = 0
    for argv in meta.get("commands", [["check"]]):  # `patterns check` unless the case names its commands
        argv = [arg.replace("<root>", str(root)) for arg in argv]
        with hang_guard(name):
            status = max(status, run_cli(["-f", str(root / "mkdocs.yml"), *argv], out, err))
    text = err.getvalue().replace(str(root), "<root>")
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_HOSTILE"):
        expected_file.write_text(text, encoding="utf-8")
    assert text == expected_file.read_text(encoding="utf-8")
    assert status == (1 if re.search(r"(^|: )error\[", text, re.MULTILINE) else 0)
    assert "Traceback" not in text
    if "examples" in meta:
        examples = meta["examples"]
        assert f" patterns, {examples} example{'' if examples == 1 else 's'}, " in out.getvalue()
    for name in meta.get("never_written", []):
        assert not (root / name).exists(), f"scanning the project created {name}"
    for name, data in before.items():
        assert (root / name).read_bytes() == data, f"{name} is not as it was"
    for name in meta.get("symlinks", []):
        assert (root / name).is_symlink(), f"{name} is no longer a symlink"


def test_the_corpus_covers_every_class_of_bad_input() -> None:
    kinds = {yaml.safe_load((HERE / name / "case.yml").read_text(encoding="utf-8"))["class"] for name in CASES}
    assert len(CASES) >= 40
    assert kinds == {"catalogue", "marker", "symbol", "file", "config", "rule", "write"}


def test_the_docs_table_shows_the_real_output_of_each_case() -> None:
    table = (Path(__file__).parent.parent / "docs" / "hostile-input.md").read_text(encoding="utf-8")
    for name in CASES:
        first = (HERE / name / "expected.txt").read_text(encoding="utf-8").splitlines()[:1]
        shown = first[0].replace("<root>/", "").replace("|", "\\|") if first else "(nothing: accepted as it is"
        assert shown[:120] in table, f"docs/hostile-input.md lacks the output of case {name}"
