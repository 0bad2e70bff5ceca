"""The corpus's own project files: catalogue pages, a rule, mkdocs.yml, docs/index.md.

Four pages of ordinary size (50 patterns, written by hand below) and one large generated page,
`library-patterns.md`, of N patterns (500 by default; 2,000 and 20,000 for the scale rows), whose
titles are made from three word lists. Every page has the shape of this repository's
`patterns/*.md` (shape A: `##` categories, `###` patterns, bold field labels), so the catalogue is
read the way a user's catalogue is.
"""

from __future__ import annotations

import re

PAGES: dict[str, dict[str, list[str]]] = {
    "backend": {
        "Convex Function": ["Query Function Structure", "Mutation Function Structure", "Action Function Structure"],
        "Data Modeling": ["Schema Definition", "Document Relationships", "Index Usage", "Pagination"],
        "Safety": ["Permission Checks", "Input Validation", "Error Responses"],
        "Background Work": ["Scheduled Jobs", "Queue Processing", "Idempotent Webhooks"],
    },
    "frontend": {
        "Data Fetching": ["Provider Setup", "Reactive Query Hooks", "Custom Data Hooks", "Paginated Lists"],
        "Data Mutation": ["Mutation Hooks", "Optimistic Updates"],
        "Component": ["Loading and Empty States", "Error Boundaries", "Auth-Gated Components"],
        "Form": ["Form Validation", "Server Error Display", "File Upload", "Console Override"],
    },
    "testing": {
        "Unit Testing": ["Function Testing", "Fixture-Based Tests", "Golden Data Tests", "Table-Driven Tests"],
        "Test Data": ["Property Tests", "Snapshot Boundaries", "Test Data Builders", "Fake Clocks"],
        "Pipeline": [
            "Contract Tests",
            "Continuous Integration Pipeline",
            "Parallel Test Jobs",
            "Flaky Test Quarantine",
        ],
    },
    "architecture": {
        "Structure": ["Pure Core Thin Adapters", "Configuration in One Place", "Feature Folders", "Typed API Boundary"],
        "Boundaries": ["Internal vs Public Functions", "Environment Contract", "Dependency Injection", "Event Log"],
        "Operations": ["Retry with Backoff", "Feature Flags", "Deployment Manifests", "Decision Records"],
    },
}
"""Page key -> category -> pattern titles: 50 patterns."""

ANTI_PATTERNS = {
    "backend": ["Database Access from Actions"],
    "frontend": ["Fetching Data in useEffect"],
}
"""Page key -> anti-pattern titles; the backend one carries an ast-grep rule."""

LARGE = "library"
"""The key of the large generated page."""
LARGE_CATEGORY = 25
"""Patterns per category of the large page."""
ADJECTIVES = (
    "Cached", "Batched", "Lazy", "Typed", "Retried", "Paged", "Sorted", "Scoped", "Signed", "Pooled",
    "Sharded", "Versioned", "Audited", "Throttled", "Buffered", "Indexed", "Merged", "Nested", "Pinned", "Queued",
    "Shared", "Streamed", "Tagged", "Timed", "Trusted", "Wrapped", "Cloned", "Deferred", "Guarded", "Hashed",
    "Layered", "Mapped", "Muted", "Ordered", "Polled", "Ranked", "Sealed", "Split", "Tiered", "Weighted",
)  # fmt: skip
SUBJECTS = (
    "Invoice", "Channel", "Member", "Invite", "Team", "Order", "Project", "Task", "Comment", "Session",
    "Report", "Upload", "Webhook", "Schedule", "Account", "Payment", "Review", "Label", "Folder", "Draft",
    "Reminder", "Ticket", "Release", "Device", "Message",
)  # fmt: skip
ROLES = (
    "Loader", "Store", "Reader", "Writer", "Handler", "Builder", "Parser", "Formatter", "Validator", "Resolver",
    "Adapter", "Mapper", "Filter", "Reducer", "Selector", "Provider", "Client", "Listener", "Emitter", "Scheduler",
    "Registry", "Gateway", "Policy", "Guard",
)  # fmt: skip
"""40 × 25 × 24 = 24,000 distinct titles for the large page."""

LANGUAGE_PAGES = {
    "ts": ("backend", "architecture"),
    "tsx": ("frontend",),
    "py": ("backend", "testing", "architecture"),
    "yml": ("testing", "architecture"),
    "md": ("architecture", "testing"),
}
"""Which pages a language's markers name, as a team would annotate."""


def slug(title: str) -> str:
    """The anchor Python-Markdown's toc gives a heading (for these plain titles)."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", title).strip().lower())


def pattern_ids(page: str) -> list[str]:
    """Every pattern id (not anti-pattern) of an ordinary page."""
    return [f"{page}/{slug(t)}" for titles in PAGES[page].values() for t in titles]


def large_titles(count: int) -> list[str]:
    """`count` distinct titles for the large page, the same for the same count (`Cached Invoice Loader`, ...)."""
    if count > len(ADJECTIVES) * len(SUBJECTS) * len(ROLES):
        raise SystemExit(
            f"error: the large page can have at most {len(ADJECTIVES) * len(SUBJECTS) * len(ROLES):,} patterns"
        )
    a, s = len(ADJECTIVES), len(SUBJECTS)
    return [f"{ADJECTIVES[n % a]} {SUBJECTS[n // a % s]} {ROLES[n // (a * s)]}" for n in range(count)]


def large_ids(count: int) -> list[str]:
    """Every pattern id of the large page."""
    return [f"{LARGE}/{slug(t)}" for t in large_titles(count)]


def _pattern(title: str, related: str) -> list[str]:
    lines = [
        f"### {title}",
        "",
        f"**Context**: When a change touches {title.lower()}",
        "**Implementation**:",
        "",
        f"- Keep {title.lower()} in one place",
        "- Name it after what it does",
        "- Test it where it is defined",
        "",
        "**Example**: _(Will be populated from actual implementations)_",
        "",
        "**Rationale**: The same shape everywhere makes reviews short",
        "",
    ]
    return [*lines, f"**Related Patterns**: {related}", ""] if related else lines


def _large_pattern(number: int, title: str, titles: list[str]) -> list[str]:
    """A short pattern (about 200 bytes, so 20,000 stay under the tool's 5 MB page limit); some name another."""
    lines = [f"### {title}", "", f"**Context**: When code needs a {title.lower()}"]
    if number % 4 == 0:
        lines += ["**Implementation**:", "", f"- One {title.split()[-1].lower()} per feature folder", ""]
    lines += ["**Example**: _(Will be populated from actual implementations)_", ""]
    if number % 5 == 0 and number:
        lines += [f"**Related Patterns**: {titles[number // 2]}", ""]
    return lines


def large_page_text(count: int) -> str:
    """The large page: `count` patterns, 25 to a category."""
    titles = large_titles(count)
    lines = ["# Library Patterns", "", "## Overview", "", "The shared library, one pattern per building block.", ""]
    for number, title in enumerate(titles):
        if number % LARGE_CATEGORY == 0:
            group = number // LARGE_CATEGORY
            lines += [f"## {SUBJECTS[group % len(SUBJECTS)]} Module {group + 1} Patterns", ""]
        lines += _large_pattern(number, title, titles)
    return "\n".join(lines)


def page_text(key: str) -> str:
    """One catalogue page; every third pattern names the next page's first pattern as related."""
    keys = list(PAGES)
    neighbour = keys[(keys.index(key) + 1) % len(keys)]
    first = next(iter(PAGES[neighbour].values()))[0]
    lines = [f"# {key.title()} Patterns", "", "## Overview", "", f"How the team writes {key} code.", ""]
    number = 0
    for category, titles in PAGES[key].items():
        lines += [f"## {category} Patterns", ""]
        for title in titles:
            number += 1
            lines += _pattern(title, f"{first} ({neighbour}-patterns.md)" if number % 3 == 0 else "")
    lines += ["## Anti-Patterns to Avoid", ""]
    for title in ANTI_PATTERNS.get(key, []):
        lines += [f"### {title}", "", f"**Context**: {title} looks simpler and breaks later", ""]
    return "\n".join(lines)


RULE = """\
# An action's handler touches ctx.db: actions have no database access.
language: typescript
severity: error
message: An action uses `ctx.db`; call a query or mutation through `ctx.runQuery` / `ctx.runMutation`
files:
  - "**/convex/**"
rule:
  pattern: ctx.db
  inside:
    stopBy: end
    kind: call_expression
    has:
      field: function
      regex: ^(action|internalAction)$
"""

RULE_TESTS = """\
valid:
  - |
    export const a = action({ args: {}, handler: async (ctx) => ctx.runQuery(internal.x.get, {}) });
invalid:
  - |
    export const a = action({ args: {}, handler: async (ctx) => { await ctx.db.insert("x", {}); } });
"""

MKDOCS_YML = """\
site_name: Benchmark corpus
site_url: https://example.github.io/bench-corpus/
repo_url: https://github.com/example/bench-corpus
theme:
  name: material
plugins:
  - search
  - patterns:
      catalogue: patterns
      sources: [.]
markdown_extensions:
  - admonition
  - attr_list
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - toc:
      permalink: true
nav:
  - Home: index.md
  - Catalogue:
      - patterns/index.md
      - patterns/backend-patterns.md
      - patterns/frontend-patterns.md
      - patterns/testing-patterns.md
      - patterns/architecture-patterns.md
      - patterns/library-patterns.md
"""

GITIGNORE = "node_modules/\ndist/\nbuild/\n*.log\n.cache/\n"


def project_files(large: int) -> dict[str, str]:
    """Path -> text of every file of the corpus that is not generated source; the large page has `large` patterns."""
    files = {f"patterns/{key}-patterns.md": page_text(key) for key in PAGES}
    files[f"patterns/{LARGE}-patterns.md"] = large_page_text(large)
    files["patterns/rules/backend/database-access-from-actions.yml"] = RULE
    files["patterns/rules/backend/database-access-from-actions.test.yml"] = RULE_TESTS
    files["mkdocs.yml"] = MKDOCS_YML
    files["docs/index.md"] = "# Benchmark corpus\n\nA generated tree; see `bench/README.md` of the catalogue tool.\n"
    files[".gitignore"] = GITIGNORE
    return files
