"""Patterns by id: full ids, former ids, bare slugs; suggestions for a misspelt one; duplicate titles (pure)."""

from __future__ import annotations

from collections import defaultdict

from extractor.model import Catalogue, Diagnostic, Page, Pattern, error


class Index:
    """Find patterns by id, former id or bare slug; by title, on one page or in the whole catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.patterns = catalogue.patterns
        self.by_id = {p.id: p for p in self.patterns}
        self.aliases = catalogue.aliases
        self.by_slug: dict[str, list[Pattern]] = defaultdict(list)
        self.by_title: dict[str, list[Pattern]] = defaultdict(list)
        """Title in lower case (`str.casefold`) -> the patterns so titled, in catalogue order."""
        for pattern in self.patterns:
            self.by_slug[pattern.slug].append(pattern)
            self.by_title[pattern.title.casefold()].append(pattern)
        self._pages: dict[int, Index] = {}

    def of_page(self, page: Page) -> Index:
        """The index of one page's patterns."""
        if id(page) not in self._pages:
            self._pages[id(page)] = Index(Catalogue((page,)))
        return self._pages[id(page)]

    def titled(self, title: str) -> Pattern | None:
        """The first pattern with this title, else with it in another case, else with it as its slug."""
        same = self.by_title.get(title.casefold(), [])
        exact = next((p for p in same if p.title == title), None)
        slugged = self.by_slug.get(title, [])
        return exact or (same[0] if same else None) or (slugged[0] if slugged else None)

    def get(self, ref: str) -> Pattern | None:
        """The pattern named by a full id, a former id, or a slug that only one page has."""
        if ref in self.by_id:
            return self.by_id[ref]
        if ref in self.aliases:
            return self.by_id[self.aliases[ref]]
        candidates = self.by_slug.get(ref, [])
        return candidates[0] if len(candidates) == 1 else None

    def suggest(self, ref: str) -> list[str]:
        """Up to three ids close to `ref`."""
        import difflib

        ids = sorted(self.by_id)
        close = difflib.get_close_matches(ref, ids, n=3, cutoff=0.5)
        if not close and "/" not in ref:
            close = [p.id for p in self.by_slug.get(ref, [])][:3]
        return close or difflib.get_close_matches(ref.split("/")[-1], [p.slug for p in self.patterns], n=3, cutoff=0.5)


def check_duplicates(catalogue: Catalogue) -> list[Diagnostic]:
    """Two patterns of a page with the same title get different ids but confuse everyone."""
    diagnostics = []
    for page in catalogue.pages:
        seen: dict[str, Pattern] = {}
        for pattern in page.patterns:
            first = seen.setdefault(pattern.title.lower(), pattern)
            if first is not pattern:
                diagnostics.append(
                    error(
                        "title-duplicate",
                        page.path,
                        pattern.heading_line,
                        f"two patterns titled {pattern.title!r} (line {first.heading_line} is {first.id}, this one gets {pattern.id}); give each a distinct title",
                    )
                )
    return diagnostics
