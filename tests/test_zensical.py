"""A catalogue moved to Zensical, which runs no MkDocs plugin: the pages `patterns build --out` writes, built by
`zensical build`, read in headless chromium: tabs switch, line numbers are the file's, source links are pinned.

zensical is in the `dev` extra, pinned to the newest release that installs from PyPI here; the test is skipped,
saying why, only when it is not installed. Chromium is Debian's, as for `test_browser.py`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from browsing import CHROMIUM, MISSING, chromium, offline_context, record_problems, serve
from playwright.sync_api import expect
from projects import MakeProject

BIN = Path(sys.executable).parent
ZENSICAL = shutil.which("zensical", path=str(BIN))
"""The `zensical` command next to this Python's, as `pip install -e '.[dev]'` installs it."""

SOURCE = """\
import { query } from "./server";

// @pattern backend/query-function-structure title="Listing tasks"
export const list = query({
  handler: async (ctx) => {
    // @pattern-hide-start
    // Reads every task: fine for a demo.
    // @pattern-hide-end
    return await ctx.db.query("tasks").collect();
  },
});

// @pattern backend/query-function-structure title="Counting tasks"
export const count = query({
  handler: async (ctx) => (await ctx.db.query("tasks").collect()).length,
});
"""
"""Two examples of one pattern (so, tabs); the first hides lines 6-8."""

CONFIG = """\
[project]
site_name = "Catalogue on Zensical"
repo_url = "https://github.com/acme/chat"
extra_css = ["patterns/patterns.css"]
"""
"""What docs/zensical.md tells a team to write: the stylesheet `patterns build` writes next to the pages."""


def build(root: Path) -> Path:
    """`patterns build --out docs/patterns`, then `zensical build --strict`, as in CI; returns the site folder."""
    if ZENSICAL is None:
        pytest.skip(
            "zensical is not installed; `pip install -e '.[dev]'` installs the version pinned in pyproject.toml"
        )
    patterns = [str(BIN / "patterns"), "build", "--out", "docs/patterns"]
    done = subprocess.run(patterns, cwd=root, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    (root / "zensical.toml").write_text(CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\n[The catalogue](patterns/index.md)\n", encoding="utf-8")
    done = subprocess.run(
        [ZENSICAL, "build", "--strict", "-f", "zensical.toml"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def test_zensical_builds_the_pages_into_a_site_whose_examples_work(
    make_project: MakeProject, commit_all: Callable[[Path], str]
) -> None:
    root = make_project({"src/queries.ts": SOURCE}, repo_url="https://github.com/acme/chat")
    commit = commit_all(root)
    site = build(root)
    html = (site / "patterns" / "backend-patterns" / "index.html").read_text(encoding="utf-8")
    for raw in ("```", '=== "', "{ .pattern", "!!! "):
        assert raw not in html, f"Markdown left unrendered: {raw!r}"
    if not CHROMIUM.exists():
        pytest.fail(MISSING, pytrace=False)
    with serve(site) as base_url, chromium() as browser:
        context = offline_context(browser, base_url)
        page = context.new_page()
        problems = record_problems(page, base_url)
        page.goto("patterns/backend-patterns/")
        blocks = page.locator(".tabbed-block .highlighttable")
        expect(blocks.nth(0)).to_be_visible()
        numbers = [n.strip() for n in blocks.nth(0).locator("td.linenos .normal").all_inner_texts()]
        assert numbers == ["4", "5", "⋮", "9", "10", "11"]
        link = blocks.nth(0).locator(".filename a")
        expect(link).to_have_text("src/queries.ts:4-11")
        assert link.get_attribute("href") == f"https://github.com/acme/chat/blob/{commit}/src/queries.ts#L4-L11"
        expect(blocks.nth(1)).to_be_hidden()
        page.locator(".tabbed-labels label").filter(has_text="Counting tasks").click()
        expect(blocks.nth(1)).to_be_visible()
        expect(blocks.nth(0)).to_be_hidden()
        assert [n.strip() for n in blocks.nth(1).locator("td.linenos .normal").all_inner_texts()] == ["14", "15", "16"]
        style = page.evaluate("getComputedStyle(document.querySelector('.pattern-elision')).opacity")
        assert style == "0.75", "the stylesheet `patterns build` writes is not applied"
        context.close()
    assert problems == [], "the pages reported errors:\n" + "\n".join(problems)
