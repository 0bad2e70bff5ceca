"""Small projects for the tests: a catalogue page, a marked source file, a config, git."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extractor.pipeline import Result, run
from extractor.site_config import load_settings

REPO = Path(__file__).resolve().parent.parent
"""The root of this repository."""

MakeProject = Callable[..., Path]
"""The type of the `make_project` fixture: `make_project(files=None, folder="project", **config_options) -> root`."""

PAGE = """\
# Backend Patterns

## Convex Function Patterns

### Query Function Structure

**Context**: Reactive data fetching from client
**Example**: _(Will be populated from actual implementations)_

### Mutation Function Structure

**Context**: Data modification operations
**Example**: _(Will be populated from actual implementations)_
"""
"""A small shape-A catalogue page with two patterns, for tests that only need a catalogue."""

QUERY = """\
import { query } from "./server";

// @pattern backend/query-function-structure
export const list = query({
  args: {},
  handler: async (ctx) => {
    return await ctx.db.query("tasks").collect();
  },
});
"""
"""A TypeScript file whose query (lines 4-9) is marked."""


def config(repo_url: str | None = None, sources: tuple[str, ...] = ("src",), extra: str = "") -> str:
    """A minimal mkdocs.yml with the patterns plugin block."""
    lines = ["site_name: Test project"]
    if repo_url:
        lines.append(f"repo_url: {repo_url}")
    lines += ["plugins:", "  - patterns:", "      sources:", *(f"        - {s}" for s in sources)]
    return "\n".join(lines) + "\n" + extra


def git(root: Path, *args: str, day: int | None = None) -> str:
    """Run git in `root` with a fixed identity and no user or system configuration; with `day`, author and commit
    dates on that day of 2026-01."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    if day is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"2026-01-{day:02d}T12:00:00+00:00"
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def mkdocs_build(project: Path, site: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of `project` into `site`, as a user would run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *flags]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False, timeout=300)


def settle(root: Path) -> None:
    """Date every file and folder an hour back, as in any checkout but a brand new one.

    The cache never keeps a file modified in the two seconds before a run (a second edit could go
    unseen), so tests about what the cache keeps settle their files first.
    """
    past = time.time_ns() - 3600 * 10**9
    for folder, _, names in os.walk(root):
        for name in [*names, ""]:
            os.utime(os.path.join(folder, name), ns=(past, past), follow_symlinks=False)


def run_project(root: Path) -> Result:
    """The whole pipeline on a project, configured from its mkdocs.yml like the CLI does."""
    return run(load_settings(str(root / "mkdocs.yml")))


def write_project(root: Path, files: dict[str, str | bytes | None] | None = None, **options: Any) -> Path:
    """Write the small project into `root`: mkdocs.yml, the catalogue page, the marked query, and `files`.

    A value of None in `files` removes that file; `options` go to `config`.
    """
    wanted: dict[str, str | bytes | None] = {
        "mkdocs.yml": config(**options),
        "patterns/backend-patterns.md": PAGE,
        "src/queries.ts": QUERY,
    }
    wanted.update(files or {})
    (root / "docs").mkdir(parents=True, exist_ok=True)  # MkDocs insists on docs_dir
    for name, content in wanted.items():
        if content is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def plain(text: str) -> str:
    """A rendered page with its HTML tags left out and entities decoded: the words and code a reader sees.

    Examples are rendered as HTML code blocks (`extractor/codeblock.py`), one element per token.
    """
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def heading_ids(text: str, extensions: list[str], toc: dict[str, object] | None = None) -> list[str]:
    """Every heading id Python-Markdown gives `text` with `extensions` (and the toc extension's `toc` settings),
    in document order."""
    import markdown

    md = markdown.Markdown(extensions=extensions, extension_configs={"toc": toc or {}})
    md.convert(text)
    found: list[str] = []
    stack = list(reversed(md.toc_tokens))  # type: ignore[attr-defined]
    while stack:
        token = stack.pop()
        found.append(token["id"])
        stack.extend(reversed(token["children"]))
    return found
