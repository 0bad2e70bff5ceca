"""Script payloads from every place a value reaches the site never run in a reader's browser, and read as written.

The corpus of `payloads.py` (names of marked files that also break a rule, pattern titles, marker
`title=` attributes, alias ids, rule messages and rule file names, `repo_url` and `site_url`) is built
with a real `mkdocs build` and the generated pages are opened in headless chromium: no dialog opens, no
console message comes from a payload, no element a payload would make exists (an `on*` attribute, a
`javascript:` link, a payload's `img`, `svg`, `script`, `iframe`...), also after clicking every tab and
searching, and each value is shown as written where it appears.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import CHROMIUM, MISSING, chromium, offline_context, serve
from payloads import MARK, config_values, injected, payload_project, shown, shown_code
from playwright.sync_api import Browser, Page
from projects import mkdocs_build, run_project

from extractor import escape
from extractor.pipeline import Result

CATALOGUE = "patterns/backend-patterns/"

LIVE = """() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const value = attribute.value.trim().toLowerCase();
      if (attribute.name.startsWith('on')) found.push(`${element.tagName} ${attribute.name}`);
      if (['href', 'src', 'srcdoc', 'action', 'formaction'].includes(attribute.name)
          && (value.startsWith('javascript:') || value.startsWith('data:'))) found.push(`${element.tagName} ${attribute.name}`);
    }
    const payloadTag = ['IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'DETAILS', 'VIDEO', 'AUDIO'].includes(element.tagName.toUpperCase());
    if (payloadTag && [...element.attributes].some(a => a.value.includes('PWN'))) found.push(element.outerHTML.slice(0, 80));
    if (element.tagName === 'SCRIPT' && element.textContent.includes('PWN')) found.push(element.outerHTML.slice(0, 80));
  }
  return found;
}"""
"""Every element in the page that a payload made live (the same test as `payloads.injected`, on the live DOM)."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = payload_project(tmp_path_factory.mktemp("payloads") / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n"), "utf-8")
    return root


@pytest.fixture(scope="module")
def result(project: Path) -> Result:
    return run_project(project)


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    folder = project.parent / "site"
    done = mkdocs_build(project, folder)
    problems = [line for line in done.stderr.splitlines() if line.startswith(("ERROR", "WARNING"))]
    refused = [line for line in problems if "error[alias-invalid]" in line]
    assert len(refused) == 3, done.stderr  # the aliases that are payloads are refused, and nothing else fails
    assert problems[:-1] == refused
    assert problems[-1].startswith("ERROR   -  3 catalogue errors (listed above): the site is written, with them")
    return folder


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(MISSING, pytrace=False)
    with chromium() as opened:
        yield opened


class Watched:
    """A page with every dialog and every console message recorded."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.context = offline_context(browser, base_url)
        self.page: Page = self.context.new_page()
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.on("pageerror", lambda error: self.console.append(str(error)))

    def ran(self) -> list[str]:
        """What payloads did: dialogs, console messages that name them, and live elements."""
        live: list[str] = self.page.evaluate(LIVE)
        return [*self.dialogs, *(m for m in self.console if MARK in m), *live]


@pytest.fixture
def watched(browser: Browser, base_url: str) -> Iterator[Watched]:
    opened = Watched(browser, base_url)
    yield opened
    opened.context.close()


def texts(page: Page, selector: str) -> set[str]:
    return {" ".join(text.split()) for text in page.locator(selector).all_text_contents()}


def payload_ids(result: Result) -> list[str]:
    return [p.id for p in result.catalogue.patterns if p.title.startswith("P")]


@pytest.mark.parametrize("path", [CATALOGUE, "patterns/"])
def test_no_payload_runs_on_a_generated_page(watched: Watched, base_url: str, path: str) -> None:
    watched.page.goto(base_url + path)
    watched.page.wait_for_load_state("load")
    for label in watched.page.locator(".tabbed-labels label").all():
        if label.is_visible():
            label.click()
    for link in watched.page.locator("article a").all()[:40]:
        if link.is_visible():
            link.hover()
    assert watched.ran() == []


def test_no_payload_runs_in_search_results(watched: Watched, base_url: str) -> None:
    for query in ("payload", "Referenced", "eval", "rule"):  # results show the sections with payloads
        watched.page.goto(base_url + CATALOGUE)
        search = watched.page.locator("input.md-search__input")
        search.click()
        search.press_sequentially(query)
        watched.page.locator(".md-search-result__item").first.wait_for()
        assert watched.ran() == [], query


def test_no_payload_runs_on_a_stable_link_page(watched: Watched, base_url: str, site: Path, result: Result) -> None:
    ids = payload_ids(result)
    assert len(ids) >= 10
    for pattern_id in ids:
        page = site / "p" / pattern_id / "index.html"
        assert injected(page.read_text(encoding="utf-8")) == [], pattern_id
        watched.page.goto(f"{base_url}p/{pattern_id}/")
        watched.page.wait_for_url(re.compile(f"{CATALOGUE}#"))
        assert watched.ran() == [], pattern_id


def test_no_page_is_made_for_an_alias_that_is_a_payload(site: Path) -> None:
    made = {str(p.relative_to(site / "p").parent) for p in (site / "p").rglob("index.html")}
    assert all(re.fullmatch(r"backend/[a-z0-9][a-z0-9_.-]*", name) for name in made), sorted(made)


def test_every_value_is_shown_as_written(watched: Watched, base_url: str, project: Path, result: Result) -> None:
    page = watched.page
    page.goto(base_url + CATALOGUE)
    examples = [e for e in result.examples if e.path.startswith("src/") and e.path[4:6].isdigit()]
    assert len(examples) >= 40
    labels = texts(page, ".tabbed-labels label")
    captions = texts(page, ".pattern-example .filename")
    for example in examples:
        name = shown_code(Path(example.path).name)
        assert (shown(example.title) if example.title else f"{name}:{example.start}") in labels, example.path
        assert f"{shown_code(example.path)}:{example.start}" in captions, example.path
    broken = texts(page, "#no-eval ~ .admonition.failure li a code")
    assert {f"{shown_code(e.path)}:3" for e in examples} <= broken
    titles = {shown(p.title) for p in result.catalogue.patterns if p.title.startswith("P")}
    assert titles <= texts(page, "#query-function-structure ~ p a")  # Referenced by
    rules = {shown_code(rule.path) for rule in result.rules}
    assert rules == texts(page, "article p:has(strong) > a > code") & rules
    assert "</details>" in page.locator("article details").first.text_content()  # type: ignore[operator]
    page.goto(base_url + "patterns/")
    assert titles <= texts(page, "article td a")


def test_a_stable_link_page_names_its_pattern_as_written(site: Path, result: Result) -> None:
    for pattern in result.catalogue.patterns:
        if pattern.title.startswith("P"):
            page = (site / "p" / pattern.id / "index.html").read_text(encoding="utf-8")
            link = re.search(r"<a href=[^>]*>(.*?)</a>", page)
            title = re.search(r"<title>(.*?)</title>", page)
            assert link is not None and title is not None
            assert html.unescape(link.group(1)) == html.unescape(title.group(1)) == escape.spaced(pattern.title)


def test_config_values_reach_links_encoded(watched: Watched, base_url: str, site: Path) -> None:
    watched.page.goto(base_url + CATALOGUE)
    sources = watched.page.locator("a.pattern-source").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sources
    assert all(s.startswith("https://github.com/acme/chat/%3Cimg%20src=x%20onerror=alert") for s in sources)
    redirect = next((site / "p").rglob("index.html")).read_text(encoding="utf-8")
    canonical = re.search(r'<link rel="canonical" href="([^"]*)">', redirect)
    assert canonical is not None
    assert canonical.group(1).startswith("https://example.com/%3Csvg%20onload=alert(&#x27;PWN&#x27;)%3E/")
    assert config_values()["site_url"] not in redirect
