"""The MkDocs plugin end to end: this repository's own site, and a tiny project with a bad marker."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from projects import REPO, MakeProject, mkdocs_build

from extractor.model import Kind, SlotState
from extractor.pipeline import run
from extractor.site_config import load_settings


def section(page: str, anchor: str) -> str:
    """The HTML from the heading with id `anchor` to the next heading of its level or above."""
    start = re.search(rf'<h([1-6]) id="{re.escape(anchor)}"', page)
    assert start, f"no heading #{anchor}"
    level = int(start.group(1))
    end = re.compile(rf"<h[1-{level}][ >]").search(page, start.end())
    return page[start.start() : end.start() if end else len(page)]


def code_text(fragment: str) -> list[str]:
    """The text of every highlighted code cell (line numbers left out)."""
    cells = re.findall(r'<td class="code">(.*?)</td>', fragment, re.DOTALL)
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in cells]


@pytest.fixture
def site(repo_site: Path) -> Path:
    """This repository's site, built once per session with `mkdocs build --strict` (conftest.py)."""
    return repo_site


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_example_slot_holds_annotated_code_with_a_source_link(site: Path) -> None:
    query = section(read(site, "patterns/backend-patterns/index.html"), "query-function-structure")
    assert any("query(" in code for code in code_text(query))
    links = re.findall(r'href="([^"]+)"', query)
    assert any("/blob/" in link and re.search(r"#L\d+-L\d+$", link) for link in links), links


def test_related_pattern_links_to_the_anchor_of_another_page(site: Path) -> None:
    capture = section(read(site, "patterns/backend-patterns/index.html"), "browser-log-capture-with-convex-actions")
    related = re.search(r"<strong>Related Patterns</strong>:(.*?)</p>", capture, re.DOTALL)
    assert related, "no Related Patterns field"
    assert 'href="../frontend-patterns/#console-override-pattern"' in related.group(1)
    assert 'id="console-override-pattern"' in read(site, "patterns/frontend-patterns/index.html")


def test_catalogue_index_lists_every_pattern(site: Path) -> None:
    index = read(site, "patterns/index.html")
    catalogue = run(load_settings(str(REPO / "mkdocs.yml"))).catalogue
    missing = [p.id for p in catalogue.patterns if f'href="{p.page}-patterns/#{p.slug}"' not in index]
    assert len(catalogue.patterns) > 50
    assert missing == []


def test_every_pattern_that_is_code_has_an_example_from_this_repository(site: Path) -> None:
    result = run(load_settings(str(REPO / "mkdocs.yml")))
    shown = {example.pattern_id for example in result.examples}
    expected = [p for p in result.catalogue.patterns if p.kind is Kind.PATTERN and p.slot is not SlotState.NOT_CODE]
    assert len(expected) > 40
    assert [p.id for p in expected if p.id not in shown] == []
    summary = re.search(r"(\d+) of (\d+) patterns have an example", read(site, "patterns/index.html"))
    assert summary, "the index has no coverage summary"
    assert summary.group(1) == summary.group(2) == str(len(expected))


def test_the_suite_is_an_example_of_the_testing_patterns_it_follows(site: Path) -> None:
    golden = section(read(site, "patterns/testing-patterns/index.html"), "golden-data-tests")
    assert any("def test_case_gives_expected_diagnostics_and_pages" in code for code in code_text(golden))


UNKNOWN_ID = "// @pattern backend/no-such-pattern\nexport const a = 1;\n"


@pytest.mark.parametrize("flags", [pytest.param((), id="build"), pytest.param(("--strict",), id="strict")])
def test_plugin_reports_an_unknown_id_as_an_error_that_fails_the_build(
    make_project: MakeProject, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    root = make_project({"src/bad.ts": UNKNOWN_ID, "docs/index.md": "# Home\n"})
    done = mkdocs_build(root, tmp_path / "site", *flags)
    assert done.returncode == 1, done.stderr
    assert "ERROR   -  src/bad.ts:1: error[unknown-id]: unknown pattern id 'backend/no-such-pattern'" in done.stderr
    if not flags:  # the site is written, as `patterns build` writes its pages, before the build fails
        assert (
            "1 catalogue error (listed above): the site is written, with them, but the build fails until they are fixed"
            in done.stderr
        )
        assert "export const list = query({" in html.unescape(
            re.sub(r"<[^>]+>", "", read(tmp_path / "site", "patterns/backend-patterns/index.html"))
        )


def test_every_guide_page_the_readme_names_is_on_the_site(site: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pages = sorted(set(re.findall(r"\]\(docs/([\w-]+)\.md\)", readme)))
    assert len(pages) >= 10
    for page in pages:
        assert (site / page / "index.html").is_file(), f"README names docs/{page}.md, which the site lacks"


PAYLOAD_PAGE = """\
# Backend Patterns

## Convex Function Patterns

### Query Function Structure

**Context**: Reactive data fetching from client
**Example**: _(Will be populated from actual implementations)_

### Mutation Function Structure

**Context**: Data modification operations
**Example**: _(Will be populated from actual implementations)_
**Related Patterns**: Query Function Structure
"""
MATERIAL = """\
theme: material
markdown_extensions:
  - attr_list
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""
PAYLOAD_SOURCE = """\
// @pattern backend/query-function-structure title="<script>document.title='pwned'</script>"
export const a = 1;

// @pattern backend/query-function-structure title="&quot; onmouseover=&quot;alert(1)"
export const b = 2;
"""


def test_values_from_code_reach_the_html_escaped(make_project: MakeProject, tmp_path: Path) -> None:
    folder = 'src/"><img src=x onerror=alert(2)>'
    root = make_project(
        {"patterns/backend-patterns.md": PAYLOAD_PAGE, f"{folder}/a.ts": PAYLOAD_SOURCE, "src/queries.ts": None},
        repo_url="https://github.com/acme/chat",
        extra=MATERIAL,
    )
    done = mkdocs_build(root, tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr
    page = read(tmp_path / "site", "patterns/backend-patterns/index.html")
    assert "<script>document.title" not in page
    assert ">&lt;script&gt;document.title='pwned'&lt;/script&gt;</label>" in page
    assert "<img src=x" not in page
    assert 'onmouseover="alert' not in page
    assert "/blob/HEAD/src/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%282%29%3E/a.ts#L2-L2" in page


def test_this_sites_api_reference_and_the_pattern_it_illustrates_link_to_each_other(site: Path) -> None:
    """`extractor.codes:Code` is named (mkdocs.yml `examples`) as an example of Shared Error Codes."""
    codes = section(read(site, "patterns/architecture-patterns/index.html"), "shared-error-codes")
    assert re.search(r'href="\.\./\.\./api/#extractor\.codes\.Code"><code>extractor\.codes:Code</code></a>', codes)
    api = read(site, "api/index.html")
    heading = re.search(r'<h\d id="extractor\.codes\.Code"', api)
    assert heading, "the API reference does not document extractor.codes.Code"
    note = re.search(r'class="admonition example pattern-illustrates">(.*?)</div>', api[heading.end() :], re.DOTALL)
    assert note and 'href="../patterns/architecture-patterns/#shared-error-codes"' in note.group(1)
