"""Related Patterns entries -> the patterns they name, and each pattern's backlinks (pure).

An entry names a pattern three ways:

- a Markdown link, `[Title](page.md#anchor)`: the link itself is checked with the page's other links
  (`links.py`); it names the pattern whose anchor it reaches, or, without an anchor, the pattern of that
  page whose title is the link text exactly. Anything else it reaches (a page, another heading, another
  document) it reaches as written;
- `Title (page.md)` or `Title (page.md#anchor)`: the page is found relative to the page holding the
  entry, else relative to the project root, else by its file name among the catalogue pages; only that
  page's patterns are searched. A file that exists but is not a catalogue page is a document, not a
  pattern: the entry stays as written;
- a bare title, slug or id: searched on the entry's own page first, then in the whole catalogue.

Titles are matched by `titles.choose`: an exact title, case or slug is silent; a close match is linked
with a `related-fuzzy` warning naming the choice; no match (or two too close to tell apart) is a
`related-unresolved` error naming the closest titles. An entry naming a page's own title is a
reference to the page and stays as written.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from extractor.ids import Index
from extractor.links import resolve_path
from extractor.model import Catalogue, Diagnostic, Page, Pattern, Reference, error, warning
from extractor.titles import choose, words


@dataclass(frozen=True)
class Resolved:
    """Where every Related Patterns entry points, and who points at each pattern."""

    related: dict[tuple[str, int], str]
    """(pattern id, index of the entry) -> target pattern id."""
    backlinks: dict[str, tuple[str, ...]]
    """Pattern id -> ids of the patterns whose Related Patterns name it, sorted."""


@dataclass(frozen=True)
class Outcome:
    """What one entry resolves to."""

    target: Pattern | None
    """The pattern it names, or None."""
    problem: Diagnostic | None = None
    """A warning for a close match, an error for no match, or None."""


def resolve_related(catalogue: Catalogue, root: Path) -> tuple[Resolved, list[Diagnostic]]:
    """Resolve every Related Patterns entry of every page (`root` is the project's folder)."""
    related: dict[tuple[str, int], str] = {}
    back: dict[str, set[str]] = defaultdict(set)
    diagnostics: list[Diagnostic] = []
    index = catalogue.index
    for page in catalogue.pages:
        for pattern in page.patterns:
            for n, ref in enumerate(pattern.related):
                outcome = resolve_entry(ref, page, catalogue, root, index)
                if outcome.problem:
                    diagnostics.append(outcome.problem)
                if outcome.target is not None:
                    related[(pattern.id, n)] = outcome.target.id
                    back[outcome.target.id].add(pattern.id)
    return Resolved(related, {k: tuple(sorted(v)) for k, v in sorted(back.items())}), diagnostics


def resolve_entry(ref: Reference, here: Page, catalogue: Catalogue, root: Path, index: Index | None = None) -> Outcome:
    """The pattern one entry of a pattern of `here` names, by the rules of the module docstring."""
    index = index or catalogue.index
    if ref.is_link:
        return Outcome(_linked(ref, here, catalogue, index))
    if ref.target_page is None:
        return _bare(ref, here, catalogue, index)
    page = named_page(ref.target_page, here, catalogue)
    if page is None:
        return _not_a_page(ref, here, root)
    if ref.anchor:
        anchored = next(iter(index.of_page(page).by_slug.get(ref.anchor, [])), None)
        if anchored:
            return Outcome(anchored)
    return _by_title(ref, here, index.of_page(page), page.filename, page)


def named_page(written: str, here: Page, catalogue: Catalogue) -> Page | None:
    """The catalogue page a `(page.md)` suffix names: relative to `here`, to the root, or by file name."""
    by_path = {page.path: page for page in catalogue.pages}
    for path in (resolve_path(here.path, written), posixpath.normpath(written)):
        if path in by_path:
            return by_path[path]
    same_name = [page for page in catalogue.pages if page.filename == posixpath.basename(written)]
    return same_name[0] if len(same_name) == 1 else None


def _linked(ref: Reference, here: Page, catalogue: Catalogue, index: Index) -> Pattern | None:
    """The pattern a link entry reaches: by its anchor, or by its exact text on the page it links to."""
    path = resolve_path(here.path, unquote(ref.target_page)) if ref.target_page else here.path
    page = next((p for p in catalogue.pages if p.path == path), None)
    if page is None:
        return None
    own = index.of_page(page)
    found = own.by_slug.get(unquote(ref.anchor)) if ref.anchor else own.by_title.get(ref.text.casefold())
    return found[0] if found else None


def _bare(ref: Reference, here: Page, catalogue: Catalogue, index: Index) -> Outcome:
    """A title, slug or id with no page: exact anywhere first, then close on this page, then anywhere."""
    exact = index.get(ref.text) or _exact_anywhere(ref.text, here, index)
    if exact:
        return Outcome(exact)
    if any(words(page.title) == words(ref.text) for page in catalogue.pages):
        return Outcome(None)  # names a page
    nearby = _by_title(ref, here, index.of_page(here), here.filename)
    return nearby if nearby.target else _by_title(ref, here, index, "the catalogue")


def _exact_anywhere(text: str, here: Page, index: Index) -> Pattern | None:
    """The pattern titled `text` (case aside) on this page, else on exactly one page."""
    own = index.of_page(here).by_title.get(text.casefold())
    if own:
        return own[0]
    found = index.by_title.get(text.casefold(), [])
    return found[0] if len(found) == 1 else None


def _by_title(ref: Reference, here: Page, among: Index, where: str, page: Page | None = None) -> Outcome:
    """Match the entry among the patterns of `among` (one page, or all): exact, close with a warning, or an error.

    An exact title (or a title in another case, or a slug) is found by the index; only other entries
    are compared with every title (`titles.choose`)."""
    exact = among.titled(ref.text)
    if exact is not None:
        return Outcome(exact)
    patterns = among.patterns
    choice = choose(ref.text, [p.title for p in patterns], [p.slug for p in patterns])
    if choice.index is not None:
        chosen = patterns[choice.index]
        if choice.exact:
            return Outcome(chosen)
        message = f"Related Patterns entry {ref.text!r} is not a title of {where}; linked to the closest, {chosen.title!r} ({chosen.id}); write the exact title to silence this"
        return Outcome(chosen, warning("related-fuzzy", here.path, ref.line, message))
    if page is not None and words(page.title) == words(ref.text):
        return Outcome(None)  # names the page itself
    if choice.rivals:
        names = " or ".join(f"{patterns[i].title!r} ({patterns[i].id})" for i in choice.rivals)
        hint = f"; it could be {names}: write the exact title"
    elif choice.closest:
        hint = f"; closest titles: {', '.join(repr(patterns[i].title) for i in choice.closest)}"
    else:
        hint = ""
    message = f"Related Patterns entry {ref.text!r} matches no pattern of {where}{hint}"
    return Outcome(None, error("related-unresolved", here.path, ref.line, message))


def _not_a_page(ref: Reference, here: Page, root: Path) -> Outcome:
    """An entry naming a file that is not a catalogue page: a document if it exists, else an error."""
    written = ref.target_page or ""
    for path in (resolve_path(here.path, written), posixpath.normpath(written)):
        if not path.startswith("../") and (root / path).is_file():
            return Outcome(None)
    message = f"Related Patterns entry {ref.text!r} names {written!r}, which is neither a catalogue page nor a file of the project"
    return Outcome(None, error("related-unresolved", here.path, ref.line, message))
