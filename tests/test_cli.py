"""The `patterns` command, called in-process through `run_cli(argv, out, err)`."""

from __future__ import annotations

import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from projects import PAGE, QUERY, MakeProject, plain, settle

from extractor import cli as cli_module
from extractor.cli import run_cli
from extractor.config import NAMES


def cli(*argv: str) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of one run."""
    out, err = io.StringIO(), io.StringIO()
    status = run_cli(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


UNKNOWN_ID = "// @pattern backend/no-such-pattern\nexport const a = 1;\n"
FUZZY_RELATED = PAGE + "\n**Related Patterns**: Query Function (backend-patterns.md)\n"


@pytest.mark.parametrize(
    ("files", "argv", "status", "summary"),
    [
        pytest.param({}, ["check"], 0, "2 patterns, 1 example, 0 errors, 0 warnings", id="clean"),
        pytest.param({}, ["check", "--strict"], 0, "2 patterns, 1 example, 0 errors, 0 warnings", id="clean-strict"),
        pytest.param(
            {"patterns/backend-patterns.md": FUZZY_RELATED},
            ["check"],
            0,
            "2 patterns, 1 example, 0 errors, 1 warning",
            id="warning",
        ),
        pytest.param(
            {"patterns/backend-patterns.md": FUZZY_RELATED},
            ["check", "--strict"],
            1,
            "2 patterns, 1 example, 0 errors, 1 warning",
            id="warning-strict",
        ),
        pytest.param(
            {"src/bad.ts": UNKNOWN_ID}, ["check"], 1, "2 patterns, 1 example, 1 error, 0 warnings", id="error"
        ),
    ],
)
def test_check_exit_status(
    make_project: MakeProject, files: dict[str, str], argv: list[str], status: int, summary: str
) -> None:
    root = make_project(files)
    code, out, _ = cli("-f", str(root / "mkdocs.yml"), *argv)
    assert (code, out) == (status, summary + "\n")


def test_check_prints_each_diagnostic_as_path_line_severity_message(make_project: MakeProject) -> None:
    root = make_project({"src/bad.ts": UNKNOWN_ID})
    _, _, err = cli("-f", str(root / "mkdocs.yml"), "check")
    assert (
        err
        == "src/bad.ts:1: error[unknown-id]: unknown pattern id 'backend/no-such-pattern'; run `patterns list` to see the ids\n"
    )


UNCOUNTED = {"followed": None, "violations": None, "adoption": None, "opposites": []}
"""The counts of a pattern no rule measures."""


def test_list_json_schema_and_values(make_project: MakeProject) -> None:
    root = make_project(repo_url="https://github.com/acme/shop")
    code, out, err = cli("-f", str(root / "mkdocs.yml"), "list", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "patterns": [
            {
                "id": "backend/query-function-structure",
                "title": "Query Function Structure",
                "kind": "pattern",
                "page": "patterns/backend-patterns.md",
                "examples": [
                    {
                        "path": "src/queries.ts",
                        "start": 4,
                        "end": 9,
                        "url": "https://github.com/acme/shop/blob/HEAD/src/queries.ts#L4-L9",
                    }
                ],
                **UNCOUNTED,
            },
            {
                "id": "backend/mutation-function-structure",
                "title": "Mutation Function Structure",
                "kind": "pattern",
                "page": "patterns/backend-patterns.md",
                "examples": [],
                **UNCOUNTED,
            },
        ]
    }


def test_list_json_url_is_null_without_repo_url(make_project: MakeProject) -> None:
    root = make_project()
    rows = json.loads(cli("-f", str(root / "mkdocs.yml"), "list", "--json")[1])["patterns"]
    assert rows[0]["examples"][0]["url"] is None


def test_list_prints_one_line_per_pattern(make_project: MakeProject) -> None:
    root = make_project()
    assert cli("-f", str(root / "mkdocs.yml"), "list") == (
        0,
        ("backend/query-function-structure     1  src/queries.ts:4-9\nbackend/mutation-function-structure  0\n"),
        "",
    )


def test_list_leaves_the_problems_to_check_and_says_how_many(make_project: MakeProject) -> None:
    root = make_project({"src/bad.ts": UNKNOWN_ID})
    code, out, err = cli("-f", str(root / "mkdocs.yml"), "list")
    assert code == 0 and out.startswith("backend/query-function-structure")
    assert err == "note: 1 error and 0 warnings; `patterns check` lists them\n"


def test_build_writes_every_page_and_the_index(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project()
    code, out, _ = cli("-f", str(root / "mkdocs.yml"), "build", "--out", str(tmp_path / "site"))
    assert (code, out) == (0, f"wrote 2 pages, ids.json and patterns.css to {tmp_path / 'site'}\n")
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [
        "backend-patterns.md",
        "ids.json",
        "index.md",
        "patterns.css",
    ]
    page = (tmp_path / "site" / "backend-patterns.md").read_text(encoding="utf-8")
    assert '<span class="filename">src/queries.ts:4-9</span>' in page
    assert re.findall(r'<a href="#__codelineno-\w+-(\d+)">', page) == ["4", "5", "6", "7", "8", "9"]
    assert "export const list = query({\n" in plain(page)


def test_build_refuses_to_write_over_the_catalogue(make_project: MakeProject) -> None:
    root = make_project()
    before = (root / "patterns" / "backend-patterns.md").read_bytes()
    code, out, err = cli("-f", str(root / "mkdocs.yml"), "build", "--out", str(root / "patterns"))
    assert (code, out) == (1, "")
    assert err.startswith("error[cli-usage]: --out ") and "would write over the catalogue page" in err
    assert (root / "patterns" / "backend-patterns.md").read_bytes() == before
    assert sorted(p.name for p in (root / "patterns").iterdir()) == ["backend-patterns.md"]


def test_build_writes_the_pages_and_fails_while_there_are_errors(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project({"src/bad.ts": UNKNOWN_ID})
    code, out, err = cli("-f", str(root / "mkdocs.yml"), "build", "--out", str(tmp_path / "site"))
    assert code == 1
    assert out == f"wrote 2 pages, ids.json and patterns.css to {tmp_path / 'site'}\n"
    assert err.startswith("src/bad.ts:1: error[unknown-id]: ")
    assert err.endswith("error: 1 error; the pages were written with it, fix it and build again\n")
    assert (tmp_path / "site" / "backend-patterns.md").is_file()


def test_build_output_is_byte_identical_across_runs(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project(repo_url="https://github.com/acme/shop")
    for name in ("one", "two"):
        assert cli("-f", str(root / "mkdocs.yml"), "build", "--out", str(tmp_path / name))[0] == 0
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two


def test_config_file_is_found_from_another_working_directory(
    make_project: MakeProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, _ = cli("-f", "../project/mkdocs.yml", "list", "--json")
    assert code == 0
    assert [e["path"] for p in json.loads(out)["patterns"] for e in p["examples"]] == ["src/queries.ts"]
    assert root.parent == tmp_path


def test_default_config_file_is_mkdocs_yml_in_the_working_directory(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_project())
    assert cli("check")[0] == 0


MISSPELT = "in the `patterns` plugin block, option 'sourcs': unknown option; did you mean 'sources'? the options are "


@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param(
            {"mkdocs.yml": None},
            "{root}/mkdocs.yml: error[config-invalid]: no such file; run from the folder of mkdocs.yml or pass -f PATH",
            id="missing-file",
        ),
        pytest.param(
            {"mkdocs.yml": "site_name: x\nplugins:\n  - patterns:\n      sources: 3\n"},
            "{root}/mkdocs.yml:4: error[config-invalid]: in the `patterns` plugin block, option 'sources': "
            "expected a list of strings, found 3",
            id="invalid-option",
        ),
        pytest.param(
            {"mkdocs.yml": "site_name: x\nplugins: [patterns\n"},
            "{root}/mkdocs.yml:3: error[config-invalid]: not valid YAML: expected ',' or ']', but got '<stream end>'",
            id="not-yaml",
        ),
        pytest.param(
            {"mkdocs.yml": "site_name: x\nplugins:\n  - search\n  - patterns:\n      sourcs: [src]\n"},
            "{root}/mkdocs.yml:5: error[config-invalid]: " + MISSPELT + ", ".join(NAMES),
            id="misspelt-option",
        ),
    ],
)
def test_bad_config_is_one_error_line_and_status_1(
    make_project: MakeProject, files: dict[str, str | None], message: str
) -> None:
    root = make_project(files)
    assert cli("-f", str(root / "mkdocs.yml"), "check") == (1, "", message.format(root=root) + "\n")


def test_console_script_reports_a_missing_config_without_a_traceback(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("patterns")
    done = subprocess.run([str(script), "check"], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        "mkdocs.yml: error[config-invalid]: no such file; run from the folder of mkdocs.yml or pass -f PATH\n",
    )


def test_console_script_prints_the_installed_version(tmp_path: Path) -> None:
    from importlib.metadata import version

    script = Path(sys.executable).with_name("patterns")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"patterns {version('living-patterns')}\n", "")


def test_a_killed_build_leaves_each_page_old_or_new(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project()
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from extractor.cli import main; main()", "-f", str(root / "mkdocs.yml")]
    subprocess.run([*command, "build", "--out", str(out)], check=True, capture_output=True)
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    (root / "src/queries.ts").write_text(QUERY.replace("tasks", "projects"), encoding="utf-8")
    started = time.monotonic()
    subprocess.run([*command, "build", "--out", str(tmp_path / "new")], check=True, capture_output=True)
    duration = time.monotonic() - started
    new = {p.name: p.read_bytes() for p in (tmp_path / "new").iterdir()}
    assert old != new
    chance = random.Random(11)
    for _ in range(6):
        process = subprocess.Popen([*command, "build", "--out", str(out)], stdout=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.6, 1.1) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name in old:
            assert (out / name).read_bytes() in (old[name], new[name])


class Terminal(io.StringIO):
    """Standard error as an interactive terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "flags", "shown"),
    [
        pytest.param(Terminal, [], True, id="terminal"),
        pytest.param(Terminal, ["--quiet"], False, id="quiet"),
        pytest.param(io.StringIO, [], False, id="not-a-terminal"),
    ],
)
def test_a_progress_line_shows_on_a_terminal_only(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, stream: type[io.StringIO], flags: list[str], shown: bool
) -> None:
    monkeypatch.setattr(
        cli_module.ProgressLine.__init__, "__defaults__", (("scanning", "files", "examples"), 0.0, 0.0)
    )  # show at once
    root = make_project({f"src/more{n}.ts": QUERY for n in range(3)})
    err = stream()
    assert run_cli([*flags, "-f", str(root / "mkdocs.yml"), "check"], io.StringIO(), err) == 0
    assert ("\rscanning: 4/4 files, 4 examples" in err.getvalue()) is shown
    assert err.getvalue().endswith("\r") is shown  # the line is erased before anything else is printed


# Files the command writes: the umask's mode, atomic, only in the output folder ------------------------------


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test, restoring it afterwards."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_build_out_and_baseline_files_get_the_mode_the_umask_gives(
    make_project: MakeProject, tmp_path: Path, umask: Callable[[int], None], mask: int, mode: int
) -> None:
    root = make_project()
    settle(root)  # files older than the cache's racy window, so that the scan keeps them (see `settle`)
    umask(mask)
    out = tmp_path / "site"
    assert cli("-f", str(root / "mkdocs.yml"), "build", "--out", str(out / "deep"))[0] == 0
    assert cli("-f", str(root / "mkdocs.yml"), "baseline", "write", str(root / "baseline.json"))[0] == 0
    assert cli("-f", str(root / "mkdocs.yml"), "check")[0] == 0  # writes the cache
    files = [*out.rglob("*.*"), root / "baseline.json", root / ".cache/patterns/scan.json"]
    assert {f.relative_to(tmp_path).as_posix(): oct(f.stat().st_mode & 0o777) for f in files} == {
        f.relative_to(tmp_path).as_posix(): oct(mode) for f in files
    }
    assert oct((out / "deep").stat().st_mode & 0o777) == oct(0o777 & ~mask)  # folders too


def test_a_replaced_file_keeps_its_mode(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project()
    baseline = root / "baseline.json"
    baseline.write_text("{}\n", encoding="utf-8")
    baseline.chmod(0o600)
    assert cli("-f", str(root / "mkdocs.yml"), "baseline", "write", str(baseline))[0] == 0
    assert baseline.stat().st_mode & 0o777 == 0o600 and baseline.read_text(encoding="utf-8") != "{}\n"


@pytest.mark.parametrize(
    ("argv", "make_read_only", "message"),
    [
        pytest.param(
            ["build", "--out", "out"],
            lambda root: (root / "out").mkdir(mode=0o555),
            "out/backend-patterns.md: error[write-failed]: the folder out is read-only; make it writable (chmod u+w); "
            "nothing was written",
            id="build-out-folder",
        ),
        pytest.param(
            ["build", "--out", "out"],
            lambda root: ((root / "out").mkdir(), (root / "out/index.md").write_text("x"), (root / "out/index.md").chmod(0o444)),
            "out/index.md: error[write-failed]: the file is read-only; make it writable (chmod u+w); nothing was written",
            id="build-out-file",
        ),
        pytest.param(
            ["baseline", "write", "ro/baseline.json"],
            lambda root: (root / "ro").mkdir(mode=0o555),
            "ro/baseline.json: error[write-failed]: the folder ro is read-only; make it writable (chmod u+w); "
            "nothing was written",
            id="baseline-folder",
        ),
        pytest.param(
            ["baseline", "write", "baseline.json"],
            lambda root: ((root / "baseline.json").write_text("{}"), (root / "baseline.json").chmod(0o444)),
            "baseline.json: error[write-failed]: the file is read-only; make it writable (chmod u+w); "
            "nothing was written",
            id="baseline-file",
        ),
    ],
)  # fmt: skip
def test_a_read_only_target_is_one_error_line_and_status_1(
    make_project: MakeProject,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    make_read_only: Callable[[Path], object],
    message: str,
) -> None:
    root = make_project()
    make_read_only(root)
    monkeypatch.chdir(root)
    assert cli(*argv) == (1, "", message + "\n")
    assert "Traceback" not in message


def test_build_out_never_writes_through_a_symlink_to_outside_the_folder(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = make_project()
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out/index.md").symlink_to(outside)
    status, out, err = cli("-f", str(root / "mkdocs.yml"), "build", "--out", str(tmp_path / "out"))
    assert (status, out) == (1, "")
    assert err.startswith(f"{tmp_path / 'out/index.md'}: error[write-outside]: it is outside {tmp_path / 'out'}")
    assert outside.read_text(encoding="utf-8") == "root:x:0:0\n"
    assert not (tmp_path / "out/backend-patterns.md").exists()  # all or nothing
