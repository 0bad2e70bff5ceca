"""Publishing through a real `mkdocs build`: the catalogue inside `docs_dir`, a team's own index, permalinks.

Each test writes a small project, builds it with MkDocs as a user would, and reads the site it wrote:
the pages, `search/search_index.json`, and every `p/<id>/` page.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
from pathlib import Path

from projects import PAGE, MakeProject, mkdocs_build

INSIDE = """\
site_name: Inside
docs_dir: docs
plugins:
  - search
  - patterns:
      catalogue: docs/patterns
      sources:
        - src
"""
"""The natural set-up when the catalogue lives in `docs/patterns/`."""


def inside_project(make_project: MakeProject, files: dict[str, str | bytes | None] | None = None) -> Path:
    return make_project(
        {
            "mkdocs.yml": INSIDE,
            "patterns/backend-patterns.md": None,
            "docs/index.md": "# Home\n\nSee [the catalogue](patterns/backend-patterns.md).\n",
            "docs/patterns/backend-patterns.md": PAGE,
            **(files or {}),
        }
    )


def text_of(site: Path, page: str) -> str:
    """The visible text of a built page."""
    return html.unescape(re.sub(r"<[^>]+>", "", (site / page).read_text(encoding="utf-8")))


def search_locations(site: Path) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [doc["location"] for doc in index["docs"]]


def test_a_catalogue_inside_docs_dir_is_published_once_filled_at_its_own_urls(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = inside_project(make_project)
    site = tmp_path / "site"
    done = mkdocs_build(root, site, "--strict")
    assert done.returncode == 0, done.stderr
    assert "DeprecationWarning" not in done.stderr and "Traceback" not in done.stderr
    page = text_of(site, "patterns/backend-patterns/index.html")
    assert "export const list = query({" in page  # the filled page, not the raw one
    assert "Will be populated" not in page.split("Mutation Function Structure")[0]
    assert not (site / "docs").exists()  # no second copy under the folder's path from the project root
    locations = search_locations(site)
    for slug in ("query-function-structure", "mutation-function-structure"):
        assert locations.count(f"patterns/backend-patterns/#{slug}") == 1, locations
    assert [loc for loc in locations if "backend-patterns" in loc and "docs/" in loc] == []
    assert "Query Function Structure" in text_of(site, "patterns/index.html")  # the generated overview
    redirect = (site / "p/backend/query-function-structure/index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../../../patterns/backend-patterns/#query-function-structure"' in redirect


def test_the_rules_of_a_catalogue_inside_docs_dir_are_not_published(make_project: MakeProject, tmp_path: Path) -> None:
    rule = "language: typescript\nrule:\n  pattern: query($$$)\n"
    cases = "id: backend/query-function-structure\nvalid: []\ninvalid: []\n"
    root = inside_project(
        make_project,
        {
            "docs/patterns/rules/backend/query-function-structure.yml": rule,
            "docs/patterns/rules/backend/query-function-structure.test.yml": cases,
        },
    )
    site = tmp_path / "site"
    done = mkdocs_build(root, site, "--strict")
    assert done.returncode == 0, done.stderr
    assert (site / "patterns/backend-patterns/index.html").is_file()
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.yml")) == []


OWN_INDEX = """\
# Our Pattern Library

Read a category before you start.

<!-- patterns:index -->

Ask in the team channel before adding a pattern.
"""


def test_a_teams_own_index_keeps_its_text_and_shows_the_overview_where_it_asks(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = inside_project(make_project, {"docs/patterns/index.md": OWN_INDEX})
    site = tmp_path / "site"
    done = mkdocs_build(root, site, "--strict")
    assert done.returncode == 0, done.stderr
    assert "DeprecationWarning" not in done.stderr and "Traceback" not in done.stderr
    page = text_of(site, "patterns/index.html")
    before, _, after = page.partition("Read a category before you start.")
    assert "Our Pattern Library" in before
    assert after.index("Query Function Structure") < after.index("Ask in the team channel")
    assert "patterns:index" not in (site / "patterns/index.html").read_text(encoding="utf-8")


def test_a_teams_own_index_without_the_placeholder_is_published_as_written(
    make_project: MakeProject, tmp_path: Path
) -> None:
    own = OWN_INDEX.replace("<!-- patterns:index -->\n\n", "")
    root = inside_project(make_project, {"docs/patterns/index.md": own})
    site = tmp_path / "site"
    done = mkdocs_build(root, site)
    assert done.returncode == 0, done.stderr
    assert "DeprecationWarning" not in done.stderr and "Traceback" not in done.stderr
    page = text_of(site, "patterns/index.html")
    assert "Read a category before you start." in page and "Query Function Structure" not in page
    assert "docs/patterns/index.md: info[index-placeholder-missing]" in done.stderr


def test_a_docs_page_where_the_catalogue_would_go_is_kept_with_a_warning(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = make_project({"docs/patterns/index.md": "# Written By The Team\n"})  # catalogue in ./patterns
    site = tmp_path / "site"
    done = mkdocs_build(root, site)
    assert "Written By The Team" in text_of(site, "patterns/index.html")
    assert "warning[site-path-taken]" in done.stderr
    assert "DeprecationWarning" not in done.stderr and "Traceback" not in done.stderr
    assert "export const list = query({" in text_of(site, "patterns/backend-patterns/index.html")


def test_a_fifo_in_the_catalogue_is_skipped_and_the_build_ends(make_project: MakeProject, tmp_path: Path) -> None:
    root = inside_project(make_project)
    os.mkfifo(root / "docs/patterns/pipe.md")
    site = tmp_path / "site"
    done = mkdocs_build(root, site)  # a blocking read would hang until the harness's timeout
    assert done.returncode == 0, done.stderr
    assert "docs/patterns/pipe.md: info[page-skipped]: not a regular file" in done.stderr
    assert "export const list = query({" in text_of(site, "patterns/backend-patterns/index.html")


TRICKY = """\
Tricky Ids
==========

Setext Category
---------------

### Query Function Structure {#query-v2}

**Context**: A written id
**Example**: _(Will be populated from actual implementations)_

### Dup

**Context**: The first of three
**Example**: _(Will be populated from actual implementations)_

### Dup

**Context**: The second
**Example**: _(Will be populated from actual implementations)_

### Retry

**Context**: Its id is taken by the next heading's written one
**Example**: _(Will be populated from actual implementations)_

### Backoff {#retry}

**Context**: Writes `retry`
**Example**: _(Will be populated from actual implementations)_

### Café & Déjà `vu`

**Context**: Accents, an ampersand, code
**Example**: _(Will be populated from actual implementations)_

<details>
<summary>Not part of the catalogue</summary>

### Dup

**Context**: Raw HTML: no heading, no id
**Example**: _(Will be populated from actual implementations)_

</details>

### Dup

**Context**: The third, after the HTML block
**Example**: _(Will be populated from actual implementations)_

### Escape {#../../outside}

**Context**: An id that cannot be a folder
**Example**: _(Will be populated from actual implementations)_
"""


def _heading_text(page: str, anchor: str) -> str:
    match = re.search(rf'<h([1-6])[^>]* id="{re.escape(anchor)}"[^>]*>(.*?)</h\1>', page, re.DOTALL)
    assert match, f"no heading with id {anchor!r}"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(2))).split())


EXTENSIONS = "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - pymdownx.superfences\n"


def test_every_permalink_opens_the_heading_of_its_own_pattern(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project({"patterns/tricky-patterns.md": TRICKY, "src/queries.ts": None}, extra=EXTENSIONS)
    site = tmp_path / "site"
    done = mkdocs_build(root, site)  # id errors fail the build after the site is written
    assert "error[id-duplicate]" in done.stderr and "error[id-invalid]" in done.stderr
    listed = json.loads((site / "p/ids.json").read_text(encoding="utf-8"))["patterns"]
    assert len(listed) >= 8
    checked = 0
    for pattern_id, title in listed.items():
        redirect_file = site / "p" / pattern_id / "index.html"
        if ".." in pattern_id:
            assert not redirect_file.exists() and not (site / "outside").exists()
            continue
        target = re.search(r'url=([^"]+)"', redirect_file.read_text(encoding="utf-8"))
        assert target, pattern_id
        path, _, anchor = html.unescape(target.group(1)).partition("#")
        page = posixpath.normpath(posixpath.join("p", pattern_id, path)) + "/index.html"
        assert _heading_text((site / page).read_text(encoding="utf-8"), anchor) == title, pattern_id
        checked += 1
    assert checked == len(listed) - 1
