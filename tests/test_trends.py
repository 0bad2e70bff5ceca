"""Trend charts: drawn from the history file at build time, valid SVG holding the numbers, read in chromium; absent without one."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import CHROMIUM, MISSING, chromium, offline_context, record_problems, serve
from history_repo import EXPECTED, make_history
from playwright.sync_api import expect
from projects import mkdocs_build

from extractor.cli import run_cli

SVG = "{http://www.w3.org/2000/svg}"
CHART = "patterns/charts/backend/query-function-structure.svg"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated history's project: `patterns history`, then `mkdocs build --strict`; returns the site."""
    root = tmp_path_factory.mktemp("trends")
    make_history(root)
    assert run_cli(["-q", "-f", str(root / "app/mkdocs.yml"), "history"], io.StringIO(), io.StringIO()) == 0
    site = root / "site"
    done = mkdocs_build(root / "app", site, "--strict")
    assert done.returncode == 0, done.stderr
    return site


def test_each_ruled_pattern_and_the_index_get_a_valid_svg_holding_the_numbers(built: Path) -> None:
    chart = ET.parse(built / CHART).getroot()
    assert chart.tag == f"{SVG}svg"
    texts = [t.text or "" for t in chart.iter() if t.tag in (f"{SVG}text", f"{SVG}title", f"{SVG}desc")]
    points = [t.text for t in chart.iter(f"{SVG}title") if t.text and ": " in t.text and "followed" in t.text]
    assert [int(p.split(": ")[1].split()[0]) for p in points] == [followed for _, followed, _ in EXPECTED]
    assert "2026-01-01" in texts and "commit date" in texts and "places in the code" in texts
    assert not list(chart.iter(f"{SVG}script"))
    index = ET.parse(built / "patterns/charts/index.svg").getroot()
    summary = next(index.iter(f"{SVG}desc")).text or ""
    assert "7 commits from 2026-01-01 to 2026-01-08" in summary
    assert ET.parse(built / "patterns/charts/backend/unvalidated-inputs.svg").getroot().tag == f"{SVG}svg"


def test_the_pages_show_the_charts_and_the_counts(built: Path) -> None:
    page = (built / "patterns/backend-patterns/index.html").read_text(encoding="utf-8")
    assert '<img alt="How often the code follows this pattern, 7 commits from 2026-01-01 to 2026-01-08"' in page
    assert "../charts/backend/query-function-structure.svg" in page
    assert "Followed in 3 places" in page
    assert "No trend yet" not in page
    assert "charts/index.svg" in (built / "patterns/index.html").read_text(encoding="utf-8")


def test_without_a_history_no_chart_and_the_page_says_how_to_get_one(tmp_path: Path) -> None:
    make_history(tmp_path)
    done = mkdocs_build(tmp_path / "app", tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site/patterns/backend-patterns/index.html").read_text(encoding="utf-8")
    assert "No trend yet" in page and "patterns history" in page
    assert not (tmp_path / "site/patterns/charts").exists()


def test_the_plotting_library_is_loaded_only_to_draw_a_chart(tmp_path: Path) -> None:
    make_history(tmp_path)
    probe = (
        "import sys; from extractor.cli import run_cli; "
        f"run_cli(['-q', '-f', {str(tmp_path / 'app/mkdocs.yml')!r}, 'check']); "
        "print('leather' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"


@pytest.fixture(scope="module")
def site_url(built: Path) -> Iterator[str]:
    with serve(built) as url:
        yield url


def test_a_reader_sees_the_chart_on_the_index_and_on_a_pattern_page(built: Path, site_url: str) -> None:
    if not CHROMIUM.exists():
        pytest.fail(MISSING, pytrace=False)
    with chromium() as browser:
        context = offline_context(browser, site_url)
        page = context.new_page()
        problems = record_problems(page, site_url)
        for address, chart in (
            ("patterns/", "charts/index.svg"),
            ("patterns/backend-patterns/", "query-function-structure.svg"),
        ):
            page.goto(site_url + address)
            image = page.locator(f'img[src$="{chart}"]')
            image.scroll_into_view_if_needed()
            assert image.evaluate("i => i.complete && i.naturalWidth") > 0
            assert image.bounding_box()["height"] > 100  # type: ignore[index]
        page.get_by_text("Followed in 3 places").click()
        expect(page.locator("details li", has_text="src/a.ts:1")).to_be_visible()
        assert not problems, problems
        context.close()
