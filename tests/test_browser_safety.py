"""Script payloads in titles, marker attributes and file paths never run in a reader's browser.

A small project whose pattern title, marker titles and folder names carry payloads is built with
`mkdocs build --strict` and opened in headless chromium; the test hovers and clicks every tab label
and link it generated and checks that no payload ran.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import CHROMIUM, MISSING, chromium, offline_context, serve
from playwright.sync_api import Page
from projects import mkdocs_build, write_project

PAGE = """\
# Backend Patterns

## Convex Function Patterns

### Query "onmouseover="window.pwned='title'" Structure

**Context**: Reactive data fetching from client
**Example**: _(Will be populated from actual implementations)_

### Mutation Function Structure

**Context**: Data modification operations
**Example**: _(Will be populated from actual implementations)_
**Related Patterns**: Query "onmouseover="window.pwned='title'" Structure
"""
PAYLOAD_ID = "backend/query-onmouseoverwindowpwnedtitle-structure"
SOURCE = f"""\
// @pattern {PAYLOAD_ID} title="<script>window.pwned='tab'</script>"
export const a = 1;

// @pattern {PAYLOAD_ID} title='" onmouseover="window.pwned=1'
export const b = 2;
"""
FOLDER = "src/<svg onload=window.pwned='path'>"
SITE = """\
site_url: https://example.com/
theme: material
markdown_extensions:
  - attr_list
  - admonition
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("payloads"),
        {"patterns/backend-patterns.md": PAGE, f"{FOLDER}/a.ts": SOURCE, "src/queries.ts": None},
        repo_url="https://github.com/acme/chat",
        extra=SITE,
    )
    folder = root / "site"
    done = mkdocs_build(root, folder, "--strict")
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def page(base_url: str) -> Iterator[Page]:
    if not CHROMIUM.exists():
        pytest.fail(MISSING, pytrace=False)
    with chromium() as browser:
        context = offline_context(browser, base_url)
        opened = context.new_page()
        opened.on("dialog", lambda dialog: dialog.dismiss())
        yield opened
        context.close()


def touch_everything(page: Page) -> None:
    """Hover and click what a reader would: tab labels, generated links, headings."""
    for selector in (".tabbed-labels label", "article a", "article h3", "td"):
        for element in page.locator(selector).all():
            if element.is_visible():
                element.hover()
                if selector == ".tabbed-labels label":
                    element.click()


@pytest.mark.parametrize(
    "path",
    [
        "patterns/backend-patterns/",
        "patterns/",
        f"p/{PAYLOAD_ID}/",
    ],
)
def test_no_payload_runs_on_a_generated_page(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    touch_everything(page)
    assert page.evaluate("window.pwned") is None


def test_the_payloads_are_shown_as_text(page: Page, base_url: str) -> None:
    page.goto(base_url + "patterns/backend-patterns/")
    labels = page.locator(".tabbed-labels label").all_inner_texts()
    assert "<script>window.pwned='tab'</script>" in labels
    assert "src/<svg onload=window.pwned='path'>/a.ts:2" in page.locator(".filename").all_inner_texts()
