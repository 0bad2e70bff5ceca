"""Links in catalogue pages through a real `mkdocs build --strict`: each broken link is reported once (by us,
never again by MkDocs' validator), and links to other documents still lead there from where the site
publishes the rendered page."""

from __future__ import annotations

import re
from pathlib import Path

from projects import MakeProject, mkdocs_build

from extractor.links import closest_file

VALIDATION = """\
validation:
  links:
    not_found: warn
    anchors: warn
    unrecognized_links: warn
"""

FRONTEND = """\
# Frontend Patterns

## Upload Patterns

### Client File Upload

**Context**: Files go straight to storage.
**Example**: _(Not code: a habit)_
"""

BACKEND = """\
# Backend Patterns

## Convex Function Patterns

### Query Function Structure

**Context**: Reactive data fetching, tested as [the testing page](testing-patterns.md) says, uploaded as
[the client does](./frontend-patterns.md#client-file-uploads), set up as [the guide](../docs/guide.md#setup)
says and licensed as [the readme](../README.md) says; see also [the frontend](frontend-patterns.md#client-file-upload).
**Example**: _(Will be populated from actual implementations)_
"""

FILES = {
    "patterns/backend-patterns.md": BACKEND,
    "patterns/frontend-patterns.md": FRONTEND,
    "docs/index.md": "# Home\n",
    "docs/guide.md": "# Guide\n\n## Setup\n\nRun it.\n",
    "README.md": "# Project\n",
}


def built(make_project: MakeProject, tmp_path: Path, files: dict[str, str]) -> tuple[int, str, Path]:
    root = make_project({**FILES, **files}, repo_url="https://github.com/example/project", extra=VALIDATION)
    site = tmp_path / "site"
    done = mkdocs_build(root, site, "--strict")
    return done.returncode, done.stderr, site


def test_mkdocs_build_reports_each_broken_link_exactly_once(make_project: MakeProject, tmp_path: Path) -> None:
    status, output, site = built(make_project, tmp_path, {})
    assert status == 1
    lines = output.splitlines()
    assert sum("testing-patterns.md" in line for line in lines) == 1, output
    assert sum("client-file-uploads" in line for line in lines) == 1, output
    assert "error[broken-link]: link to 'testing-patterns.md': no such file" in output
    assert "error[broken-anchor]: link to './frontend-patterns.md#client-file-uploads'" in output
    assert "contains a link" not in output and "not found among documentation files" not in output, output
    page = (site / "patterns" / "backend-patterns" / "index.html").read_text(encoding="utf-8")
    assert "the testing page says" in page and "testing-patterns" not in page  # shown as its text


def test_links_to_documents_outside_the_catalogue_lead_there_in_the_site(
    make_project: MakeProject, tmp_path: Path
) -> None:
    fixed = BACKEND.replace("[the testing page](testing-patterns.md)", "the testing page").replace(
        "#client-file-uploads", "#client-file-upload"
    )
    status, output, site = built(make_project, tmp_path, {"patterns/backend-patterns.md": fixed})
    assert status == 0, output
    page = (site / "patterns" / "backend-patterns" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)">the (?:guide|readme|client does|frontend)</a>', page)
    assert hrefs == [
        "../frontend-patterns/#client-file-upload",
        "../../guide/#setup",
        "https://github.com/example/project/blob/HEAD/README.md",
        "../frontend-patterns/#client-file-upload",
    ]


def test_a_missing_page_suggests_the_page_holding_its_name_first() -> None:
    pages = ["patterns/frontend-patterns.md", "patterns/testing-architecture-patterns.md"]
    assert closest_file("testing-patterns.md", pages) == "patterns/testing-architecture-patterns.md"
    assert closest_file("frontnd-patterns.md", pages) == "patterns/frontend-patterns.md"
    assert (
        closest_file("backend-patterns.md", ["docs/old/backend-patterns.md", *pages]) == "docs/old/backend-patterns.md"
    )
    assert closest_file("nothing-alike.md", pages) == ""
