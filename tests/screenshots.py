"""Screenshots of this repository's site for the README and the site: `make screenshots`.

Builds the site, serves it and opens it in chromium exactly as the browser tests do (`browsing.py`), then writes
`pattern-page.png` (one filled pattern, as a reader scrolled to it sees it) and `catalogue-index.png` into the
folder given (default `docs/images`).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from browsing import chromium, offline_context, serve
from playwright.sync_api import Page
from projects import REPO, mkdocs_build

WIDTH = 1200
PATTERN = ("patterns/backend-patterns/", "query-function-structure")
"""The page and anchor of the pattern the README shows."""

SECTION_HEIGHT = """anchor => {
  const heading = document.getElementById(anchor);
  let last = heading;
  for (let next = heading.nextElementSibling; next && !/^H[1-3]$/.test(next.tagName); next = next.nextElementSibling) {
    last = next;
  }
  return last.getBoundingClientRect().bottom - heading.getBoundingClientRect().top;
}"""
"""Height in pixels from a pattern's heading to the end of its last field."""


def pattern_page(page: Page, path: Path) -> None:
    """The pattern from its heading to its last field, with the site's header and sidebars around it."""
    url, anchor = PATTERN
    page.goto(f"{url}#{anchor}")
    header = page.locator("header.md-header").bounding_box()
    height = page.evaluate(SECTION_HEIGHT, anchor)
    page.set_viewport_size({"width": WIDTH, "height": int((header["height"] if header else 0) + height + 48)})
    page.goto(f"{url}#{anchor}")
    page.locator(f'[id="{anchor}"]').scroll_into_view_if_needed()
    page.screenshot(path=path)


def catalogue_index(page: Page, path: Path) -> None:
    """The top of the catalogue index."""
    page.set_viewport_size({"width": WIDTH, "height": 800})
    page.goto("patterns/")
    page.screenshot(path=path)


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else REPO / "docs" / "images")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        done = mkdocs_build(REPO, site, "--strict")
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            print("error: the site does not build; fix that first (`make docs`)", file=sys.stderr)
            return 1
        with serve(site) as base_url, chromium() as browser:
            context = offline_context(browser, base_url, width=WIDTH)
            page = context.new_page()
            pattern_page(page, folder / "pattern-page.png")
            catalogue_index(page, folder / "catalogue-index.png")
            context.close()
    for name in ("pattern-page.png", "catalogue-index.png"):
        print(f"wrote {folder / name} ({(folder / name).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
