"""Headings and anchors as the site makes them: checked against the real Python-Markdown, case by case and as a property.

The extensions are those of a Material for MkDocs site (`toc`, `attr_list`, `md_in_html`,
`pymdownx.superfences`, `admonition`, `tables`): the anchors `blocks` and `anchors` compute
without running Markdown must be the ids the site gives, in order.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import slugify
from projects import heading_ids

from extractor.anchors import anchored, plain_text, split_attr_list
from extractor.blocks import read_structure
from extractor.page import parse_page

EXTENSIONS = ["toc", "attr_list", "md_in_html", "pymdownx.superfences", "admonition", "tables"]


def site_ids(text: str) -> list[str]:
    """Every heading id the site's Markdown gives, in document order."""
    return heading_ids(text, EXTENSIONS)


def our_ids(text: str) -> list[str]:
    return [h.anchor for h in anchored(read_structure(text.splitlines()).headings, slugify, "-")]


# @pattern testing/table-driven-tests
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Overview\n--------\n\nText [x](#overview).\n", id="setext-h2"),
        pytest.param("Title\n=====\n\nOverview\n-\n", id="setext-h1-and-one-dash"),
        pytest.param("# Title\nOverview\n---\n", id="setext-right-after-an-atx-heading"),
        pytest.param("A paragraph\nthat ends\n---\n", id="rule-after-a-paragraph-is-no-heading"),
        pytest.param("Overview\n   ---\n", id="indented-underline-is-no-heading"),
        pytest.param("    Code\n---\n", id="indented-code-then-rule"),
        pytest.param("***\n---\n", id="rule-then-underline"),
        pytest.param("- item\n---\n", id="list-item-underlined"),
        pytest.param("```\nx\n```\nFoo\n---\n", id="underline-after-a-fence"),
        pytest.param("#Title without a space\n", id="hash-without-space"),
        pytest.param("## Closed ##\n## Closed ##  \n", id="closing-hashes"),
        pytest.param("## C\\#\n", id="escaped-hash"),
        pytest.param("####### Seven\n", id="seven-hashes"),
        pytest.param("#\n## \n", id="empty-headings"),
        pytest.param("## Dup\n## Dup\n## Dup_1\n## Dup\n", id="duplicates-and-a-suffix-lookalike"),
        pytest.param("## Paging {#custom}\n", id="explicit-id"),
        pytest.param("## Paging { #spaced .wide data-x=1 }\n", id="explicit-id-with-class"),
        pytest.param("## Paging {: #colon }\n", id="colon-form"),
        pytest.param("## Paging{#glued}\n", id="no-space-no-list"),
        pytest.param("## A {#a} {#b}\n", id="leftmost-list"),
        pytest.param("## A {#x .y}}\n", id="stray-brace-leaves-the-text"),
        pytest.param("## A {#first #second}\n", id="last-id-wins"),
        pytest.param("## A {id=keyed}\n", id="id-as-key"),
        pytest.param('## A {title="x y" #q}\n', id="quoted-value"),
        pytest.param("### A\n### B {#a}\n", id="written-id-taken-first"),
        pytest.param("## Dup {#dup}\n## Other {#dup}\n## Dup\n", id="written-id-twice"),
        pytest.param("## Closed ## {#cid}\n", id="closing-hashes-before-the-list"),
        pytest.param("## `useQuery` *hooks* and **bold**\n", id="inline-markup"),
        pytest.param("### `a {:b` {#p}\n", id="brace-in-code-before-the-list"),
        pytest.param("### ``a {b`` and `c {d}` {#q}\n", id="braces-in-code-spans-of-any-width"),
        pytest.param("## [Linked](other.md) and ![img](x.png) Title\n", id="link-and-image"),
        pytest.param("## snake_case_name and _emphasis_\n", id="underscores"),
        pytest.param("## a*b*c and 2 * 3 * 4\n", id="stars"),
        pytest.param("## Café &amp; Déjà &copy; <span>Vu</span>\n", id="entities-and-inline-html"),
        pytest.param("## ✅ Correct Pattern: Act() + `act()`\n", id="emoji-and-code"),
        pytest.param("<div>\n## Hidden\n</div>\n\n## Shown\n", id="html-block"),
        pytest.param("<div>\n<div>\n</div>\n## Still hidden\n</div>\n## Shown\n", id="nested-html-block"),
        pytest.param("<details>\n<summary>x</summary>\n\n## Hidden\n\n</details>\n", id="details-with-blank-lines"),
        pytest.param("<!--\n## Commented\n-->\n## Shown\n", id="comment"),
        pytest.param("<!-- open\n## Not closed, so shown\n", id="unclosed-comment"),
        pytest.param("<div>\n## Never closed\n", id="unclosed-div"),
        pytest.param('<div markdown="1">\n\n## Markdown inside\n\n</div>\n', id="md-in-html"),
        pytest.param("<span>\n## Inline tag, so shown\n</span>\n", id="inline-tag"),
        pytest.param("    <div>\n## Indented tag, so shown\n", id="indented-tag"),
        pytest.param("```md\n# In code\n```\n## Shown\n", id="fence"),
        pytest.param("````md\n```\n# In code\n```\n````\n", id="fence-in-fence"),
        pytest.param("~~~\n# In code\n~~~\n", id="tilde-fence"),
        pytest.param("```md\n# a\n   ```\n# b\n```\n# c\n", id="indented-closer-does-not-close"),
        pytest.param("  ```md\n# a\n  ```\n", id="indented-opener-is-no-fence"),
        pytest.param("# z\n```md\n# a\n", id="unclosed-fence-is-text"),
        pytest.param("```md\n# a\n`````\n# b\n", id="longer-closer-does-not-close"),
        pytest.param("text\n```\n# a\n```\n# b\n", id="fence-inside-a-paragraph"),
    ],
)
def test_anchors_are_the_ids_python_markdown_gives(text: str) -> None:
    assert our_ids(text) == site_ids(text)


TITLE = st.text(alphabet="abcXYZ019 .,:;!?()'-+/&%$@=~#", max_size=12).filter(lambda t: "&#" not in t)
"""Heading text (`&#` without digits throws Python's HTML parser out for the rest of the page: left out)."""
ID = st.text(alphabet="abz09-.", min_size=1, max_size=6)
"""Written ids (no `_`: runs of underscores of unequal length are emphasis to Python-Markdown in ways not mirrored)."""
HEADING = st.tuples(st.integers(1, 6), TITLE, st.one_of(st.none(), ID)).map(
    lambda t: "#" * t[0] + " " + t[1] + (f" {{#{t[2]}}}" if t[2] else "")
)
SETEXT = st.tuples(TITLE.filter(str.strip), st.sampled_from(["===", "---", "-"])).map(lambda t: f"{t[0]}\n{t[1]}")
BLOCKS = st.sampled_from(
    [
        "",
        "Some text.",
        "- a list item",
        "---",
        "***",
        "    indented code\n",  # a fence right under indented code is no fence to superfences: not mirrored
        "```\n# in code\n```",
        "~~~md\n## in code\n~~~",
        "<div>\n## in html\n</div>",
        "<!--\n# in a comment\n-->",
        '<div markdown="1">\n\n## in md_in_html\n\n</div>',
        "<details>\n\n### in details\n\n</details>",
    ]
)
DOCUMENT = st.lists(st.one_of(HEADING, SETEXT, BLOCKS), max_size=12).flatmap(
    lambda parts: st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(parts), max_size=len(parts)).map(
        lambda seps: "".join(part + sep for part, sep in zip(parts, seps, strict=True))
    )
)


@settings(max_examples=300, deadline=None)
@given(DOCUMENT)
def test_any_document_of_headings_code_and_html_gets_the_sites_ids(text: str) -> None:
    assert our_ids(text) == site_ids(text)


@pytest.mark.parametrize(
    ("text", "kept", "written"),
    [
        ("Title {#t}", "Title", "t"),
        ("Title {#t} ##", "Title {#t} ##", None),
        ("Title {}", "Title {}", None),
        ("Title", "Title", None),
        ("{#only}", "{#only}", None),
    ],
)
def test_attribute_list_splits_as_attr_list_does(text: str, kept: str, written: str | None) -> None:
    assert split_attr_list(text) == (kept, written)


def test_plain_text_keeps_code_as_written_and_drops_markup() -> None:
    assert plain_text("`a*b*` *c* [d](e.md) <b>f</b> &amp;") == "a*b* c d f &"


ADVERSARIAL = {
    "heading of spaces": "# a" + " " * 100_000 + "b\n",
    "hashes then spaces": "#" + " " * 100_000 + "x\n",
    "open attribute lists": "## x " + "{#a " * 25_000 + "\n",
    "attribute lists closed once": "## x " + "{#a " * 25_000 + "}\n",
    "unclosed quotes in a list": "## x {" + 'k="' * 30_000 + "}\n",
    "brackets": "## " + "[" * 100_000 + "\n",
    "links never closed": "## " + "[a](" * 25_000 + "\n",
    "tags never closed": "## " + "<a " * 33_000 + "\n",
    "comments never closed": "## " + "<!--" * 25_000 + "\n",
    "backtick runs": "## " + "`a``" * 25_000 + "\n",
    "stars and underscores": "## " + "*a _b " * 20_000 + "\n",
    "an HTML block of open tags": "<div>" + "<a " * 33_000 + "\n",
    "comment lines never closed": "<!--\n" * 50_000,
    "div lines never closed": "<div>\n" * 50_000,
    "fences never closed": "```a\n" * 50_000,
    "a bold label never closed": "**" + "a" * 100_000 + "\n",
    "a placeholder of parentheses": "## P\n**Context**: c\n**Example**: _(" + "(" * 100_000 + "\n",
    "setext headings": "a\n-\n" * 30_000,
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_hostile_lines_are_read_in_one_pass(name: str) -> None:
    """No expression backtracks over these 100 KB inputs: quadratic reading would take minutes, not milliseconds."""
    page, _ = parse_page("patterns/x-patterns.md", ADVERSARIAL[name])
    assert len(page.anchors) <= ADVERSARIAL[name].count("\n")
