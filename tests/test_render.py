"""Rendering details the golden cases do not show: line endings and pages without a final newline."""

from __future__ import annotations

from dataclasses import replace

import pytest
from projects import PAGE, QUERY, MakeProject, plain, run_project

from extractor.codeblock import render_examples
from extractor.model import Example, Segment


@pytest.mark.parametrize(
    ("page", "newline"),
    [
        pytest.param(PAGE, "\n", id="lf"),
        pytest.param(PAGE.replace("\n", "\r\n"), "\r\n", id="crlf"),
        pytest.param(PAGE.rstrip("\n"), "\n", id="no-final-newline"),
        pytest.param(PAGE.replace("\n", "\r\n").rstrip("\r\n"), "\r\n", id="crlf-no-final-newline"),
    ],
)
def test_rendered_page_keeps_the_line_endings_of_its_source(make_project: MakeProject, page: str, newline: str) -> None:
    root = make_project(
        {"patterns/backend-patterns.md": page, "src/more.ts": QUERY.replace("query-function", "mutation-function")}
    )
    rendered = {p.path: p.text for p in run_project(root).pages}["backend-patterns.md"]
    bare = rendered.replace("\r\n", "")
    assert ("\n" not in bare and "\r" not in bare) if newline == "\r\n" else "\r" not in rendered
    assert rendered.startswith(page.split(newline)[0] + newline)
    assert rendered.count(newline) > page.count(newline)
    assert "export const list = query({" + newline in plain(rendered)


def test_the_title_of_a_patterns_only_example_leads_its_caption_escaped_and_a_tab_labels_it_when_there_are_more() -> (
    None
):
    one = Example("p", "p", "src/a.ts", 3, 4, "ts", "Document <b>ingestion</b>", (Segment(3, ("a", "b")),))
    other = replace(one, path="src/b.ts", title="")
    caption = (
        '<span class="filename"><span class="pattern-title">Document &lt;b&gt;ingestion&lt;/b&gt;</span> · src/a.ts:3-4'
    )
    assert caption in render_examples([one])
    tabbed = render_examples([one, other])
    assert ">Document &lt;b&gt;ingestion&lt;/b&gt;</label>" in tabbed and "pattern-title" not in tabbed
