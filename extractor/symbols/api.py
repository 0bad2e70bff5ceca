"""A Python example and its object's API page (mkdocstrings) pointing at each other (pure).

The caption of an example named by a Python symbol holds an `<autoref>` element, which
mkdocs-autorefs (installed with mkdocstrings) turns into a link to the object's heading on the API
page, or into plain text when no API page documents it (`optional`). The other way, the heading of
that object on the API page (mkdocstrings gives it the object's path as id) is followed by a note
linking to the patterns it illustrates. Neither appears on a site without mkdocstrings: examples
carry identifiers only when the site runs it (`Settings.mkdocstrings`).
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from extractor import escape
from extractor.model import Catalogue, Example

CONTENTS = '<div class="doc doc-contents'
"""What follows an object's heading in mkdocstrings' HTML: the body that holds its docstring."""


@dataclass(frozen=True, order=True)
class Illustrated:
    """A pattern an API object is an example of."""

    title: str
    """The pattern's title."""
    url: str
    """Its place in the site, relative to the site's root (`patterns/backend/#query-function-structure`)."""


def symbol_html(example: Example) -> str:
    """The symbol of an example named by one, as the caption shows it: a link to its API page when there is one."""
    code = f"<code>{escape.html_text(example.symbol)}</code>"
    if not example.api:
        return code
    return f'<autoref identifier="{escape.html_attr(example.api[0])}" optional>{code}</autoref>'


def illustrated(
    catalogue: Catalogue, examples: Iterable[Example], page_urls: Mapping[str, str]
) -> dict[str, list[Illustrated]]:
    """API identifier -> the patterns it is an example of; `page_urls` holds each catalogue page's site URL by path."""
    patterns = {p.id: p for p in catalogue.patterns}
    paths = {page.key: page.path for page in catalogue.pages}
    found: dict[str, set[Illustrated]] = defaultdict(set)
    for example in examples:
        pattern = patterns.get(example.pattern_id)
        url = page_urls.get(paths.get(pattern.page, "")) if pattern else None
        if pattern is None or url is None:
            continue
        for identifier in example.api:
            found[identifier].add(Illustrated(pattern.title, f"{url}#{pattern.slug}"))
    return {identifier: sorted(items) for identifier, items in found.items()}


def link_back(page: str, page_url: str, links: Mapping[str, list[Illustrated]]) -> str:
    """The HTML of a page with a note after each heading of an object that is an example, linking to its patterns."""
    if not links or "doc-heading" not in page:
        return page
    for identifier, patterns in links.items():
        heading = re.compile(
            rf'<h([1-6])\b[^>]*\bid="{re.escape(escape.html_attr(identifier))}"[^>]*>.*?</h\1>', re.DOTALL
        )
        found = heading.search(page)
        if found:
            end = _body_start(page, found.end())
            page = page[:end] + _note(patterns, page_url) + page[end:]
    return page


def _body_start(page: str, end: int) -> int:
    """Where the object's body starts, after the heading that ends at `end` (there, when it has no body)."""
    start = end
    while start < len(page) and page[start].isspace():
        start += 1
    close = page.find(">", start) if page.startswith(CONTENTS, start) else -1
    return close + 1 if close >= 0 else end


def _note(patterns: list[Illustrated], page_url: str) -> str:
    shown = ", ".join(
        f'<a href="{escape.html_attr(escape.url(relative_url(p.url, page_url)) or "")}">{escape.html_text(p.title)}</a>'
        for p in patterns
    )
    what = "pattern" if len(patterns) == 1 else "patterns"
    return (
        '<div class="admonition example pattern-illustrates"><p class="admonition-title">Pattern example</p>'
        f"<p>This is an example of the {what} {shown}.</p></div>"
    )


def relative_url(target: str, page_url: str) -> str:
    """`target` (relative to the site's root, maybe with an anchor) as seen from the page at `page_url`."""
    path, hash_, anchor = target.partition("#")
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    relative = posixpath.relpath(path or ".", base or ".")
    if path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative + (f"#{anchor}" if hash_ else "")
