"""This repository's site as a reader uses it, in headless chromium: links, examples, tabs, source links, search.

The expected line numbers, code and commits come from the pipeline, the files and git, never from the
test. Chromium is Debian's (`make test` installs it); without it these tests fail, they do not skip.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
from browsing import CHROMIUM, MISSING, chromium, offline_context, record_problems, serve
from playwright.sync_api import Browser, Locator, Page, Route, expect
from projects import REPO, MakeProject, git, mkdocs_build

from extractor.codeblock import code_block as block_html
from extractor.examples import group_examples
from extractor.model import Example, Pattern, Segment
from extractor.pipeline import Result, run
from extractor.site_config import load_settings
from extractor.written import LABEL, Written, written_blocks

QUERY = "backend/query-function-structure"
"""The pattern the README shows."""
TABBED = "backend/mutation-function-structure"
"""A pattern with several examples, if it still has them; otherwise the first pattern that does."""
REPO_URL = "https://github.com/pattern-catalogue/living-catalogue"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless chromium for the module."""
    if not CHROMIUM.exists():
        pytest.fail(MISSING, pytrace=False)
    with chromium() as opened:
        yield opened


@pytest.fixture(scope="module")
def base_url(repo_site: Path) -> Iterator[str]:
    """The site built by `mkdocs build --strict`, served on 127.0.0.1."""
    with serve(repo_site) as url:
        yield url


@pytest.fixture(scope="module")
def result() -> Result:
    """What the pipeline finds in this repository: the truth the pages are checked against."""
    return run(load_settings(str(REPO / "mkdocs.yml")))


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh tab that reaches only the local site; the test fails if a page it visits reports an error."""
    context = offline_context(browser, base_url)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    problems = record_problems(tab, base_url)
    yield tab
    context.close()
    assert problems == [], "the pages visited reported errors:\n" + "\n".join(problems)


def examples(result: Result, pattern_id: str) -> list[Example]:
    """The examples of a pattern, in the order the page shows them."""
    return group_examples(list(result.examples)).get(pattern_id, [])


def pattern(result: Result, pattern_id: str) -> Pattern:
    return next(p for p in result.catalogue.patterns if p.id == pattern_id)


def page_path(result: Result, pattern_id: str) -> str:
    """The site path of the page that holds a pattern (`patterns/backend-patterns/`)."""
    key = pattern(result, pattern_id).page
    source = next(p.path for p in result.catalogue.pages if p.key == key)
    return PurePosixPath(source).with_suffix("").as_posix() + "/"


def section(page: Page, anchor: str) -> Locator:
    """The elements of the article from the heading `anchor` up to the next heading of level 2 or 3."""
    heading = "*[self::h2 or self::h3]"
    return page.locator(
        f'xpath=//article//{heading}[@id="{anchor}"]/following-sibling::*[preceding-sibling::{heading}[1][@id="{anchor}"]]'
    )


def where(example: Example) -> str:
    """What the title bar of an example says: `path:start-end`."""
    return f"{example.path}:{example.start}-{example.end}"


def code_block(place: Locator, example: Example) -> Locator:
    """The highlighted table of an example, found by the title bar the reader sees (`path:start-end`)."""
    return place.locator(".highlighttable").filter(has=place.page.get_by_text(where(example), exact=True))


def shown(example: Example) -> list[tuple[str, str]]:
    """What the block must show, line by line: (line number, or the elision mark, and the code)."""
    rows: list[tuple[str, str]] = []
    for segment in example.segments:
        rows.extend((str(segment.start + n), line) for n, line in enumerate(segment.lines))
        if segment.elided_after is not None:
            rows.append(("⋮", segment.elided_after))
    return rows


def assert_real_lines(block: Locator, example: Example) -> None:
    """The block's first line number is where its code starts in the file, and its first line is that line."""
    start = example.segments[0].start
    assert int(block.locator("td.linenos .normal").first.inner_text().strip()) == start
    in_file = (REPO / example.path).read_text(encoding="utf-8").splitlines()[start - 1]
    assert block.locator("td.code code > span").first.inner_text().strip() == in_file.strip()


def landed(page: Page, path: str, anchor: str) -> None:
    """The page is `path` (relative to the site root) at `anchor`, with the heading in view."""
    parts = urlsplit(page.url)
    assert (parts.path, parts.fragment) == (f"/{path}", anchor), page.url
    expect(page.locator(f'[id="{anchor}"]')).to_be_in_viewport()


def test_a_reader_follows_links_from_the_home_page_to_a_pattern(page: Page, result: Result) -> None:
    page.goto("")
    page.locator("article").get_by_role("link", name="The catalogue index").click()
    assert urlsplit(page.url).path == "/patterns/"
    title = pattern(result, QUERY).title
    page.locator("article").get_by_role("link", name=title, exact=True).first.click()
    landed(page, page_path(result, QUERY), pattern(result, QUERY).slug)


def test_the_example_shows_the_code_at_its_real_line_numbers(page: Page, result: Result) -> None:
    example = examples(result, QUERY)[0]
    page.goto(page_path(result, QUERY))
    block = code_block(section(page, pattern(result, QUERY).slug), example)
    expect(block).to_be_visible()
    assert example.segments[0].start == example.start
    assert_real_lines(block, example)


def with_hidden_lines(result: Result) -> Example:
    """The README's example if lines of it are hidden, else the first example that hides lines."""
    hiding = [e for e in result.examples if any(s.elided_after is not None for s in e.segments)]
    return next((e for e in hiding if e.pattern_id == QUERY), hiding[0])


def test_an_example_with_hidden_lines_is_one_block_numbered_as_in_the_file(page: Page, result: Result) -> None:
    example = with_hidden_lines(result)
    page.goto(page_path(result, example.pattern_id))
    block = code_block(section(page, pattern(result, example.pattern_id).slug), example)
    expect(block).to_have_count(1)
    expected = shown(example)
    numbers = [n.strip() for n in block.locator("td.linenos .normal").all_inner_texts()]
    assert numbers == [number for number, _ in expected]
    in_file = (REPO / example.path).read_text(encoding="utf-8").splitlines()
    lines = block.locator("td.code code > span").all_inner_texts()
    assert [line.rstrip("\n") for line in lines] == [code for _, code in expected]
    for number, code in expected:  # every numbered line is that line of the file (dedented)
        assert number == "⋮" or in_file[int(number) - 1].strip() == code.strip()
    before, after = numbers[numbers.index("⋮") - 1], numbers[numbers.index("⋮") + 1]
    assert int(after) > int(before) + 1
    block.locator("td.linenos a").filter(has_text=re.compile(rf"^\s*{after}$")).click()  # its line anchor
    anchor = urlsplit(page.url).fragment
    assert anchor.startswith("__codelineno-") and anchor.endswith(f"-{after}")
    expect(block.locator(f'td.code [id="{anchor}"]')).to_have_count(1)


def test_the_copy_button_copies_every_line_the_block_shows(page: Page, result: Result, base_url: str) -> None:
    example = with_hidden_lines(result)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page.goto(page_path(result, example.pattern_id))
    place = section(page, pattern(result, example.pattern_id).slug)
    block = code_block(place, example)
    block.hover()
    copy = "xpath=.//button[contains(@class, 'md-code__button')][@data-md-type='copy'][not(ancestor::details)]"
    buttons = place.locator(copy)  # the rule's YAML, in its collapsed box, has its own
    expect(buttons).to_have_count(len([e for e in examples(result, example.pattern_id) if e.segments]))
    block.locator("button.md-code__button[data-md-type='copy']").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "\n".join(code for _, code in shown(example)).rstrip()


def test_the_path_is_shown_once_as_the_link_to_the_lines_at_the_built_commit(page: Page, result: Result) -> None:
    example = examples(result, QUERY)[0]
    page.goto(page_path(result, QUERY))
    place = section(page, pattern(result, QUERY).slug)
    outside_boxes = page.locator(":not(details *)")  # the rule's box lists the places that follow the pattern
    assert place.get_by_text(example.path).and_(outside_boxes).count() == 1
    link = place.locator(".filename a")
    expect(link).to_have_text(where(example))
    commit = git(REPO, "rev-parse", "HEAD")
    assert link.get_attribute("href") == f"{REPO_URL}/blob/{commit}/{example.path}#L{example.start}-L{example.end}"


def written_with_code(result: Result) -> tuple[Written, list[Example]]:
    """A code block written in the catalogue for a pattern that also has examples from the code."""
    found = [(w, examples(result, w.pattern.id)) for page in result.catalogue.pages for w in written_blocks(page)]
    return next((w, shown) for w, shown in found if shown)


def test_an_example_written_in_the_catalogue_is_labelled_and_set_apart(page: Page, result: Result) -> None:
    written, from_code = written_with_code(result)
    page.goto(page_path(result, written.pattern.id))
    place = section(page, written.pattern.slug)
    label = place.and_(page.locator(".pattern-written"))
    expect(label).to_have_count(1)
    expect(label).to_contain_text(LABEL)
    block = page.locator(".pattern-written + .highlight")
    expect(block).to_contain_text(next(line for line in written.lines if line.strip()).strip())
    assert block.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"
    assert block.locator("td.linenos, .filename").count() == 0  # no path, no line numbers: not from the code
    expect(code_block(place, from_code[0])).to_be_visible()
    frame = code_block(place, from_code[0]).locator("xpath=..")
    assert frame.evaluate("e => getComputedStyle(e).outlineStyle") == "none"


def test_the_second_tab_shows_the_second_example_with_its_own_line_numbers(page: Page, result: Result) -> None:
    shown = {p.id: [e for e in examples(result, p.id)[:2] if e.segments] for p in result.catalogue.patterns}
    several = [pattern_id for pattern_id, first_two in shown.items() if len(first_two) == 2]
    pattern_id = TABBED if TABBED in several else several[0]
    first, second = examples(result, pattern_id)[:2]
    page.goto(page_path(result, pattern_id))
    place = section(page, pattern(result, pattern_id).slug)
    expect(code_block(place, first)).to_be_visible()
    expect(code_block(place, second)).to_be_hidden()
    place.locator(".tabbed-labels > label").nth(1).click()
    expect(code_block(place, second)).to_be_visible()
    expect(code_block(place, first)).to_be_hidden()
    assert_real_lines(code_block(place, second), second)


def test_the_source_link_leads_to_the_lines_at_the_built_commit(page: Page, result: Result) -> None:
    example = examples(result, QUERY)[0]
    expected = f"{REPO_URL}/blob/{git(REPO, 'rev-parse', 'HEAD')}/{example.path}#L{example.start}-L{example.end}"
    left: list[str] = []

    def forge(route: Route) -> None:
        left.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>forge</title>")

    page.route("https://github.com/**", forge)
    page.goto(page_path(result, QUERY))
    link = section(page, pattern(result, QUERY).slug).get_by_role("link", name=where(example))
    expect(link.first).to_be_visible()
    assert link.first.get_attribute("href") == expected
    link.first.click()
    page.wait_for_url(expected)
    assert left == [expected.partition("#")[0]]


def test_the_stable_link_of_a_pattern_lands_on_its_heading(page: Page, result: Result) -> None:
    page.goto(f"p/{QUERY}/")
    page.wait_for_url(re.compile(r"#"))
    landed(page, page_path(result, QUERY), pattern(result, QUERY).slug)


def test_search_finds_a_pattern_by_its_title_and_leads_to_it(page: Page, result: Result) -> None:
    title = pattern(result, QUERY).title
    page.goto("")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(title)
    where = f'[href*="/{page_path(result, QUERY)}"][href$="#{pattern(result, QUERY).slug}"]'
    hit = page.locator(f".md-search-result__list a{where}").filter(has_text=title)
    expect(hit.first).to_be_visible()
    hit.first.click()
    landed(page, page_path(result, QUERY), pattern(result, QUERY).slug)


def titled_tabs(result: Result) -> Pattern:
    """A pattern whose examples are tabs, at least two of them labelled by their titles."""
    return next(
        p
        for p in result.catalogue.patterns
        if len(examples(result, p.id)) > 1 and sum(bool(e.title) for e in examples(result, p.id)) > 1
    )


def test_search_results_show_no_tab_labels(page: Page, result: Result, repo_site: Path) -> None:
    tabbed = titled_tabs(result)
    titles = [e.title for e in examples(result, tabbed.id) if e.title]
    index = json.loads((repo_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = next(doc["text"] for doc in index["docs"] if doc["location"].endswith(f"#{tabbed.slug}"))
    assert not [title for title in titles if title in text]
    page.goto("")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(tabbed.title)
    hit = page.locator(".md-search-result__list a").filter(has_text=tabbed.title).first
    expect(hit).to_be_visible()
    assert not [title for title in titles if title in hit.inner_text()]


ANNOTATED = Example(
    "backend/query-function-structure",
    "backend/query-function-structure",
    "src/queries.ts",
    4,
    9,
    "ts",
    "",
    (Segment(4, ("export const list = query({ // (1)!", "  args: {},"), "  // ..."), Segment(9, ("}); // (2)",))),
)
"""An example whose comments hold code annotation markers, as Material reads them."""


def test_material_annotates_and_copies_an_example_block_as_its_own(
    browser: Browser, make_project: MakeProject, tmp_path: Path
) -> None:
    page_text = f"# Annotated\n\n{block_html(ANNOTATED, 'exannotated')}\n\n1. Queries read.\n2. The end.\n"
    features = "theme:\n  name: material\n  features: [content.code.annotate, content.code.copy]\n"
    root = make_project({"docs/index.md": page_text}, extra=features)
    done = mkdocs_build(root, tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr
    with serve(tmp_path / "site") as url:
        context = offline_context(browser, url)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        tab = context.new_page()
        problems = record_problems(tab, url)
        tab.goto("")
        annotations = tab.locator(".highlight .md-annotation")
        expect(annotations).to_have_count(2)
        tab.locator(".highlight").hover()
        tab.locator("button.md-code__button[data-md-type='copy']").click()
        copied = tab.evaluate("navigator.clipboard.readText()")
        annotations.first.click()
        expect(annotations.first).to_contain_text("Queries read.")
        context.close()
    assert copied == "export const list = query({ \n  args: {},\n  // ...\n}); //"  # as Material copies any block
    assert problems == []
