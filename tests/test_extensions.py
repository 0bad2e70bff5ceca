"""The plugin makes its own pages render whatever the site's `markdown_extensions`: real `mkdocs build`s, read as HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from projects import PAGE, QUERY, MakeProject, mkdocs_build
from test_rules import RULE

from extractor.extensions import NEEDS, missing

ANTI_PAGE = (
    PAGE
    + """
### Cron Jobs

**Context**: Scheduled work
**Example**:

## Anti-Patterns to Avoid

### Database Access from Actions

**Context**: Actions are not transactional
"""
)
"""Every kind of output: two examples (tabs), hidden lines, no example yet, an anti-pattern with its rule."""

MUTATIONS = """\
import { mutation } from "./server";

// @pattern backend/mutation-function-structure title="Create"
export const create = mutation({
  handler: async (ctx) => {
    // @pattern-hide-start
    const audit = true;
    // @pattern-hide-end
    return await ctx.db.insert("tasks", {});
  },
});

// @pattern backend/mutation-function-structure title="Remove"
export const remove = mutation({ handler: async (ctx) => null });
"""


ACTION = """\
import { action } from "./server";

export const send = action({
  handler: async (ctx) => {
    await ctx.db.insert("messages", { body: "hi" });
  },
});
"""

FILES = {
    "patterns/backend-patterns.md": ANTI_PAGE,
    "src/queries.ts": QUERY,
    "src/mutations.ts": MUTATIONS,
    "src/send.ts": ACTION,
    "patterns/rules/backend/database-access-from-actions.yml": RULE,
    "docs/index.md": "# Home\n",
}

RAW = ("===", "!!!", "???", "```", "~~~")
"""How a line of Material's Markdown starts when no extension read it."""


CODE = ("pre", "code", "script", "style")
BLOCKS = ("p", "div", "li", "td", "th", "br", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "details", "label")


class ShownText(HTMLParser):
    """The text a reader sees outside code blocks, line by line."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag in CODE
        self.text.append("\n" if tag in BLOCKS else "")

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag in CODE
        self.text.append("\n" if tag in BLOCKS else "")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.text.append(data)


def raw_markup(site: Path) -> list[str]:
    """`page: line` for every line of shown text that is Markdown no extension rendered."""
    found = []
    for page in sorted(site.rglob("*.html")):
        reader = ShownText()
        reader.feed(page.read_text(encoding="utf-8"))
        for line in "".join(reader.text).splitlines():
            if line.strip().startswith(RAW) or "{ ." in line or "{: " in line:
                found.append(f"{page.relative_to(site)}: {line.strip()}")
    return found


def test_a_site_without_markdown_extensions_renders_every_catalogue_page(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = make_project(FILES, repo_url="https://github.com/acme/shop")
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text(encoding="utf-8") + "theme:\n  name: material\n", encoding="utf-8"
    )
    done = mkdocs_build(root, tmp_path / "site")
    assert done.returncode == 1, done.stderr  # the violation is an error, and the site is still written
    html = (tmp_path / "site/patterns/backend-patterns/index.html").read_text(encoding="utf-8")
    assert 'class="tabbed-set tabbed-alternate' in html and 'class="admonition example"' in html
    assert "<details" in html and 'class="linenos"' in html
    assert raw_markup(tmp_path / "site") == []
    names = ", ".join(need.name for need in NEEDS[:-1]) + " and " + NEEDS[-1].name
    assert f"INFO    -  the catalogue pages need {names}; enabled for this build" in done.stderr


def test_the_check_of_raw_markup_finds_it_in_a_site_that_does_not_render_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<p>=== "a.ts:2"</p><pre><code>a === b\n```\n</code></pre><p>!!! example "x"\n[a](b){ .pattern-source }</p>',
        encoding="utf-8",
    )
    assert raw_markup(site) == [
        'index.html: === "a.ts:2"',
        'index.html: !!! example "x"',
        "index.html: [a](b){ .pattern-source }",
    ]


@pytest.mark.parametrize(
    ("configured", "enable"),
    [
        pytest.param([], [n.name for n in NEEDS], id="nothing"),
        pytest.param([n.name for n in NEEDS], [], id="all"),
        pytest.param(
            ["markdown.extensions.admonition", "pymdownx.extra"], ["pymdownx.details"], id="long-names-and-extra"
        ),
    ],
)
def test_the_extensions_a_site_lacks_are_named_whatever_their_spelling(
    configured: list[str], enable: list[str]
) -> None:
    assert [need.name for need in missing(configured)] == enable
