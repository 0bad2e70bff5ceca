"""The README's adoption steps, run as written in a scratch repository that has never seen the tool.

The install line names the project's public address; this machine reaches PyPI but not the forge,
so the test installs the same package from this checkout instead. Every other command runs as
printed, in a fresh virtual environment, and `mkdocs serve` is asked for the page that holds the
marked code.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from projects import PAGE, QUERY, REPO, git

README = (REPO / "README.md").read_text(encoding="utf-8")
PUBLIC = "git+https://github.com/pattern-catalogue/living-catalogue"


def adoption_commands() -> list[str]:
    """The lines of the code block after `<!-- adoption -->` in the README."""
    block = README.split("<!-- adoption -->", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def scratch_repository(root: Path) -> Path:
    """A small repository of another team: a catalogue page in docs/patterns and a Convex query."""
    (root / "docs/patterns").mkdir(parents=True)
    (root / "docs/patterns/backend-patterns.md").write_text(PAGE, encoding="utf-8")
    (root / "convex").mkdir()
    (root / "convex/queries.ts").write_text(QUERY.replace("// @pattern backend/query-function-structure\n", ""))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "catalogue and code")
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_readme_is_short_and_starts_with_adoption() -> None:
    assert len(README.splitlines()) < 250
    assert README.index("## Use it in your repository") < README.index("## Working on this repository")
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", README):
        assert (REPO / target).exists(), f"the README links to {target}, which does not exist"


def test_the_readme_adoption_steps_work_in_a_new_repository(tmp_path: Path) -> None:
    root = scratch_repository(tmp_path / "shop")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env["NO_MKDOCS_2_WARNING"] = "1"
    commands = adoption_commands()
    assert commands[:2] == ["python3 -m venv .venv", f'.venv/bin/pip install "living-patterns @ {PUBLIC}"']
    serve = commands.pop()
    assert serve == ".venv/bin/mkdocs serve"
    outputs = []
    for command in commands:
        command = command.replace(PUBLIC, REPO.as_uri()).replace("python3 ", f"{sys.executable} ", 1)
        done = subprocess.run(command, shell=True, cwd=root, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        outputs.append(done.stdout)
        if "patterns init" in command:
            mark(root, done.stdout)
    assert outputs[-1] == "2 patterns, 1 example, 0 errors, 0 warnings\n"  # the check, after marking
    page = served(root, serve, env, "backend-patterns/")
    assert "export const list = query({" in re.sub(r"<[^>]+>", "", page).replace("&quot;", '"')


def mark(root: Path, printed: str) -> None:
    """What the README asks next: the marker `patterns init` printed, on the line above a function."""
    marker = re.search(r"mark a function with `([^`]+)`", printed)
    assert marker, printed
    path = root / "convex/queries.ts"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("export const list", f"{marker.group(1)}\nexport const list", 1), encoding="utf-8")


def served(root: Path, command: str, env: dict[str, str], page: str) -> str:
    """The page as `mkdocs serve` serves it, once the first build is done."""
    port = free_port()
    process = subprocess.Popen(
        f"{command} --dev-addr 127.0.0.1:{port}",
        shell=True,
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=5) as response:
                    return str(response.read().decode("utf-8"))
            except OSError:
                time.sleep(0.5)
        raise AssertionError("mkdocs serve did not answer within two minutes")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
