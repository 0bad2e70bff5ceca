"""Related Patterns matching, measured on a labelled set: no wrong pick ever, and >= 90% of the rows that
should match do. Run with `pytest -s` to see the figures.

Each row is one entry as written in a Related Patterns field, on a page of one of four catalogues: this
repository's own `patterns/` (read from disk), the titles of two public catalogues written by other teams
(github.com/tonyoconnell/starter-nextjs-convex-ai and github.com/SupportSignal/app.supportsignal.com.au,
`docs/patterns/`, titles as their headings read) and a synthetic one for the harder forms. The label is the
pattern the entry means, or None when it names no single pattern (a human reading the page would not know
which, or it names a page or a document).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from extractor.catalogue import load_catalogue
from extractor.model import Catalogue, Page
from extractor.page import parse_page
from extractor.references import reference, split_entries
from extractor.related import resolve_entry

REPO = Path(__file__).parent.parent

STARTER = {
    "frontend-patterns.md": (
        "Server-First Components",
        "Client Component Boundaries",
        "Tailwind-First Approach",
        "ShadCN Component Integration",
        "React Hook Form + Zod Integration",
        "Server State via Convex",
        "Client State via Zustand",
        "Component Co-location",
        "Page Structure",
        "Dynamic Imports",
        "Image Optimization",
        "Error Boundaries",
        "Form Error Handling",
        "Semantic HTML",
        "Keyboard Navigation",
        "Console Override for Development Logging",
        "Overuse of Client Components",
        "Inline Styles",
        "Prop Drilling",
    ),
    "backend-patterns.md": (
        "Query Function Structure",
        "Mutation Function Structure",
        "Action Function Structure",
        "Schema Definition",
        "Document Relationships",
        "Session Management",
        "Permission Checks",
        "Function Error Responses",
        "Validation Error Handling",
        "Query Optimization",
        "Batch Operations",
        "External API Integration",
        "Webhook Handling",
        "CRON Jobs",
        "Queue Processing",
        "Browser Log Capture with Convex Actions",
        "File Upload",
        "File Access Control",
        "Function Testing",
        "Integration Testing",
        "Database Access from Actions",
        "Large Transaction Blocks",
        "Unvalidated Inputs",
        "Synchronous External Calls",
    ),
    "testing-architecture-patterns.md": ("Strategic Minimal Mocking Pattern",),
    "react-act-warning-prevention.md": (
        "Pattern 1: Provider Component Testing",
        "Pattern 2: Timer-Based State Updates",
        "Pattern 3: Form Interaction State Updates",
        "Pattern 4: Async Effect Testing",
        "LoggingProvider Testing Pattern",
        "AuthProvider Testing Pattern",
    ),
}

SUPPORTSIGNAL = {
    "frontend-patterns.md": (
        *STARTER["frontend-patterns.md"][:7],
        "React + Convex Integration Patterns",
        *STARTER["frontend-patterns.md"][7:],
        "useEffect + Convex Actions (CRITICAL ANTI-PATTERN)",
        "State Variables in useEffect Dependencies",
        "Always-Visible Modal Anti-Pattern",
        "URL Navigation for State-Heavy Workflows",
        "Parent-Child State Leakage in Modals",
        "Conditional Modal Display Pattern",
        "Modal Anti-Reappearance Pattern",
        "Component Communication in Modals Pattern",
        "Direct Data Loading vs URL Navigation Pattern",
        "Query Result Structure Handling Pattern",
        "Three-Tier Loading Pattern",
    ),
    "backend-patterns.md": (
        "Convex API Path Patterns (CRITICAL)",
        "Actions vs Mutations Pattern (CRITICAL)",
        "ConvexClientProvider Auto-Injection Pattern (CRITICAL)",
        "Query Function Structure",
        "Mutation Function Structure",
        "Action Function Structure",
        "Centralized Environment Configuration Pattern",
        "Environment-Aware URL Generation Pattern",
        "Defensive Environment Variable Access Pattern",
        "Test-Environment Accommodation Pattern",
        "Schema Definition",
        "OAuth Production Environment Separation Pattern",
        "Role-Based Permission System Pattern",
        "Enhanced Session Management Pattern",
        "Permission Matrix Validation Pattern",
        "Multi-Tenant Data Isolation Pattern",
        "Status Display Consistency Pattern",
        "Function Error Responses",
        "Validation Error Handling",
        "Browser Log Capture with Convex Actions",
        "Schema-Code Synchronization Pattern",
        "Schema-Code Synchronization Anti-Patterns",
        "AI Prompt Template Management Pattern",
        "AI Service Integration Pattern",
    ),
    "development-workflow-patterns.md": (
        "Documentation Impact Assessment",
        "Pattern Validation Workflow",
        "Worktree Development Pattern",
        "Test-Driven Development",
        "Continuous Testing",
        "Cloudflare Pages Deployment Pattern",
        "CI Environment Compatibility Pattern",
        "GitHub Actions + Bun + Turborepo CI/CD Pattern",
        "Graceful Test Handling Pattern",
        "Continuous Integration",
        "Deployment Pipeline",
    ),
    "centralized-routing-patterns.md": (
        "Anti-Pattern: Hardcoded Route Strings",
        "Pattern: Single Source of Truth",
        "Pattern: Static Routes",
        "Pattern: Dynamic Routes with Parameters",
        "Pattern: Nested Route Objects",
        "Pattern: Active Route Detection",
    ),
    "typescript-type-safety-patterns.md": (
        "Pattern: Convex Type Inference Limitations",
        "Pattern: Regenerating Convex Types",
        "Pattern: Safe Type Narrowing",
        "Pitfall 1: Blanket @ts-nocheck",
    ),
    "loading-states.md": ("Tier 1: Inline Spinner", "Tier 2: Card-Level Loader", "Tier 3: Page-Level Loader"),
}

SYNTHETIC = {
    "backend-patterns.md": (
        "Database Migrations",
        "Configuration Loading",
        "Authentication Middleware",
        "Authorization Middleware",
        "Retry Policies",
        "Circuit Breaker",
        "Query Caching Strategy",
        "Idempotent Mutations",
        "Test-Driven Development",
        "Continuous Integration",
        "Continuous Deployment",
        "Internationalization Setup",
        "ConvexError Handling",
    ),
}


@dataclass(frozen=True)
class Row:
    """One labelled entry."""

    catalogue: str
    """`repo`, `starter`, `supportsignal` or `synthetic`."""
    here: str
    """File name of the page whose Related Patterns field holds the entry."""
    line: str
    """The entry as written (a list item may add a description after it)."""
    expected: tuple[str, str] | None
    """(page file name, title) of the pattern it means, or None."""
    real: bool = False
    """Written by a team in its own catalogue (not made up for this test)."""


def row(catalogue: str, here: str, line: str, expected: tuple[str, str] | None, real: bool = False) -> Row:
    return Row(catalogue, here, line, expected, real)


FE, BE, TE = "frontend-patterns.md", "backend-patterns.md", "testing-patterns.md"
AR, DW = "architecture-patterns.md", "development-workflow-patterns.md"
RT, TS = "centralized-routing-patterns.md", "typescript-type-safety-patterns.md"

ROWS = [
    # this repository's catalogue, as written
    row("repo", AR, "Custom Data Hooks (frontend-patterns.md)", (FE, "Custom Data Hooks"), True),
    row("repo", AR, "Typed API Boundary (architecture-patterns.md)", (AR, "Typed API Boundary"), True),
    row("repo", AR, "Golden Data Tests (testing-patterns.md)", (TE, "Golden Data Tests"), True),
    row("repo", AR, "Pure Core, Thin Adapters (architecture-patterns.md)", (AR, "Pure Core, Thin Adapters"), True),
    row("repo", AR, "In-Memory Convex Tests (testing-patterns.md)", (TE, "In-Memory Convex Tests"), True),
    row("repo", FE, "Loading and Empty States (frontend-patterns.md)", (FE, "Loading and Empty States"), True),
    row("repo", FE, "Console Override Pattern (frontend-patterns.md)", (FE, "Console Override Pattern"), True),
    row("repo", TE, "CRON Jobs (backend-patterns.md)", (BE, "CRON Jobs"), True),
    row("repo", TE, "Scheduled Follow-Up Work (architecture-patterns.md)", (AR, "Scheduled Follow-Up Work"), True),
    row("repo", BE, "Console Override Pattern (frontend-patterns.md)", (FE, "Console Override Pattern"), True),
    # this repository's titles, written other ways
    row("repo", BE, "Console Override (frontend-patterns.md)", (FE, "Console Override Pattern")),
    row("repo", TE, "Error Boundary (frontend-patterns.md)", (FE, "Error Boundaries")),
    row("repo", AR, "Golden Tests (testing-patterns.md)", (TE, "Golden Data Tests")),
    row("repo", FE, "Table Driven Testing (testing-patterns.md)", (TE, "Table-Driven Tests")),
    row("repo", TE, "Fixture Tests", (TE, "Fixture-Based Tests")),
    row("repo", AR, "Pure Core (architecture-patterns.md)", (AR, "Pure Core, Thin Adapters")),
    row("repo", AR, "Thin Adapters (architecture-patterns.md)", (AR, "Pure Core, Thin Adapters")),
    row("repo", AR, "Config in One Place", (AR, "Configuration in One Place")),
    row("repo", AR, "Public vs Internal Functions", (AR, "Internal vs Public Functions")),
    row("repo", TE, "Mocked Hooks (testing-patterns.md)", (TE, "Mocked Convex Hooks")),
    row("repo", FE, "Query Structure (backend-patterns.md)", (BE, "Query Function Structure")),
    row("repo", FE, "Optimistic Update", (FE, "Optimistic Updates")),
    row("repo", FE, "Loading States", (FE, "Loading and Empty States")),
    row("repo", FE, "Permission Check (backend-patterns.md)", (BE, "Permission Checks")),
    row("repo", FE, "File Uploads (backend-patterns.md)", (BE, "File Upload")),
    row("repo", FE, "File Uploads", (BE, "File Upload")),
    row("repo", FE, "Server Errors (frontend-patterns.md)", (FE, "Server Error Display")),
    row("repo", BE, "Database Access", (BE, "Database Access from Actions")),
    row("repo", BE, "Webhooks", (BE, "Webhook Handling")),
    row("repo", BE, "query-function-structure", (BE, "Query Function Structure")),
    row("repo", FE, "backend/query-optimization", (BE, "Query Optimization")),
    # ... and names that mean none of them
    row("repo", FE, "Error Handling (backend-patterns.md)", None),
    row("repo", BE, "Integration Tests (testing-patterns.md)", None),
    row("repo", AR, "Single Source of Truth (architecture-patterns.md)", None),
    row("repo", FE, "Component Tests", None),
    row("repo", FE, "State Management", None),
    row("repo", BE, "Logging", None),
    row("repo", BE, "Action Testing", None),
    row("repo", FE, "Frontend Patterns (frontend-patterns.md)", None),
    # github.com/tonyoconnell/starter-nextjs-convex-ai, as written
    row(
        "starter",
        BE,
        "Console Override Pattern (frontend-patterns.md)",
        (FE, "Console Override for Development Logging"),
        True,
    ),
    row(
        "starter",
        FE,
        "Browser Log Capture with Convex Actions (backend-patterns.md)",
        (BE, "Browser Log Capture with Convex Actions"),
        True,
    ),
    row(
        "starter",
        "testing-architecture-patterns.md",
        "[Component Integration Testing](./frontend-patterns.md#component-integration)",
        None,
        True,
    ),
    row(
        "starter",
        "testing-architecture-patterns.md",
        "[Provider Testing Strategies](./frontend-patterns.md#provider-testing)",
        None,
        True,
    ),
    row(
        "starter",
        "testing-architecture-patterns.md",
        "[External Dependency Mocking](./backend-patterns.md#dependency-mocking)",
        None,
        True,
    ),
    row(
        "starter",
        "react-act-warning-prevention.md",
        "**Strategic Minimal Mocking** (docs/patterns/testing-architecture-patterns.md)",
        ("testing-architecture-patterns.md", "Strategic Minimal Mocking Pattern"),
        True,
    ),
    row(
        "starter",
        "react-act-warning-prevention.md",
        "**Testing Infrastructure Standards** (docs/testing/technical/test-strategy-and-standards.md)",
        None,
        True,
    ),
    # ... its titles, written other ways
    row("starter", "testing-architecture-patterns.md", "Component Integration Testing (frontend-patterns.md)", None),
    row("starter", "testing-architecture-patterns.md", "Component Integration Testing", None),
    row(
        "starter",
        "testing-architecture-patterns.md",
        "Provider Component Testing (react-act-warning-prevention.md)",
        ("react-act-warning-prevention.md", "Pattern 1: Provider Component Testing"),
    ),
    row(
        "starter",
        "testing-architecture-patterns.md",
        "Timer Based State Updates",
        ("react-act-warning-prevention.md", "Pattern 2: Timer-Based State Updates"),
    ),
    row("starter", BE, "Error Handling (frontend-patterns.md)", None),
    row("starter", FE, "Server State Convex", (FE, "Server State via Convex")),
    row("starter", FE, "Convex Server State", (FE, "Server State via Convex")),
    row("starter", FE, "Zustand Client State", (FE, "Client State via Zustand")),
    row("starter", FE, "React Hook Form and Zod Integration", (FE, "React Hook Form + Zod Integration")),
    row("starter", FE, "Component Integration", None),
    row("starter", FE, "Development Logging", None),
    row("starter", BE, "Query Functions (backend-patterns.md)", (BE, "Query Function Structure")),
    row("starter", BE, "Function Structure (backend-patterns.md)", None),
    row("starter", FE, "Mutation Function", (BE, "Mutation Function Structure")),
    row("starter", FE, "Client Components", (FE, "Client Component Boundaries")),
    # github.com/SupportSignal/app.supportsignal.com.au, as written
    row(
        "supportsignal",
        BE,
        "Console Override Pattern (frontend-patterns.md)",
        (FE, "Console Override for Development Logging"),
        True,
    ),
    row(
        "supportsignal",
        "loading-states.md",
        "**[Backend Patterns](./backend-patterns.md)**: Mutation patterns that require Page-Level loaders",
        None,
        True,
    ),
    row(
        "supportsignal",
        "sonner-toast-configuration.md",
        "[Frontend Error Handling](./frontend-patterns.md#error-handling-patterns)",
        None,
        True,
    ),
    row(
        "supportsignal",
        RT,
        "[TypeScript Type Safety Patterns](./typescript-type-safety-patterns.md) - Type safety for routes",
        None,
        True,
    ),
    # ... its titles, written other ways
    row("supportsignal", BE, "Multi Tenant Data Isolation", (BE, "Multi-Tenant Data Isolation Pattern")),
    row(
        "supportsignal",
        FE,
        "Role Based Permissions (backend-patterns.md)",
        (BE, "Role-Based Permission System Pattern"),
    ),
    row("supportsignal", FE, "Environment Configuration (backend-patterns.md)", None),
    row("supportsignal", FE, "Schema Code Sync (backend-patterns.md)", None),
    row(
        "supportsignal",
        FE,
        "Actions vs Mutations (backend-patterns.md)",
        (BE, "Actions vs Mutations Pattern (CRITICAL)"),
    ),
    row("supportsignal", BE, "Convex API Paths", (BE, "Convex API Path Patterns (CRITICAL)")),
    row("supportsignal", FE, "Modal Anti-Reappearance", (FE, "Modal Anti-Reappearance Pattern")),
    row("supportsignal", FE, "Always Visible Modal", (FE, "Always-Visible Modal Anti-Pattern")),
    row("supportsignal", FE, "Modal Patterns", None),
    row("supportsignal", FE, "Three Tier Loading", (FE, "Three-Tier Loading Pattern")),
    row(
        "supportsignal", FE, "useEffect with Convex Actions", (FE, "useEffect + Convex Actions (CRITICAL ANTI-PATTERN)")
    ),
    row("supportsignal", FE, "Loading States", None),
    row("supportsignal", DW, "Worktree Development", (DW, "Worktree Development Pattern")),
    row(
        "supportsignal",
        DW,
        "Test Driven Development (development-workflow-patterns.md)",
        (DW, "Test-Driven Development"),
    ),
    row("supportsignal", FE, "TDD (development-workflow-patterns.md)", (DW, "Test-Driven Development")),
    row("supportsignal", DW, "CI/CD Pipeline", None),
    row(
        "supportsignal",
        FE,
        "Hardcoded Route Strings (centralized-routing-patterns.md)",
        (RT, "Anti-Pattern: Hardcoded Route Strings"),
    ),
    row(
        "supportsignal",
        FE,
        "Single Source of Truth (centralized-routing-patterns.md)",
        (RT, "Pattern: Single Source of Truth"),
    ),
    row("supportsignal", RT, "Dynamic Routes", (RT, "Pattern: Dynamic Routes with Parameters")),
    row("supportsignal", RT, "Routes", None),
    row(
        "supportsignal", FE, "Safe Narrowing (typescript-type-safety-patterns.md)", (TS, "Pattern: Safe Type Narrowing")
    ),
    row(
        "supportsignal", FE, "Page Level Loader (loading-states.md)", ("loading-states.md", "Tier 3: Page-Level Loader")
    ),
    row("supportsignal", FE, "Loaders (loading-states.md)", None),
    # synthetic: short forms, plurals, typos, words run together, names too vague to pick one
    row("synthetic", BE, "DB Migrations", (BE, "Database Migrations")),
    row("synthetic", BE, "Config Loading", (BE, "Configuration Loading")),
    row("synthetic", BE, "Auth Middleware", None),
    row("synthetic", BE, "Retry Policy", (BE, "Retry Policies")),
    row("synthetic", BE, "Retry Logic", None),
    row("synthetic", BE, "Circuit Breaker Pattern", (BE, "Circuit Breaker")),
    row("synthetic", BE, "Caching Strategy for Queries", (BE, "Query Caching Strategy")),
    row("synthetic", BE, "Idempotnt Mutations", (BE, "Idempotent Mutations")),
    row("synthetic", BE, "TDD", (BE, "Test-Driven Development")),
    row("synthetic", BE, "CI", (BE, "Continuous Integration")),
    row("synthetic", BE, "CI/CD", None),
    row("synthetic", BE, "i18n Setup", (BE, "Internationalization Setup")),
    row("synthetic", BE, "Convex Error Handling", (BE, "ConvexError Handling")),
    row("synthetic", BE, "Middleware", None),
    row("synthetic", BE, "Continuous", None),
]


def _catalogue(pages: dict[str, tuple[str, ...]]) -> Catalogue:
    """Pages in the seed's shape at `docs/patterns/`, one pattern per title."""
    parsed = []
    for filename, titles in pages.items():
        body = "".join(f"### {t}\n\n**Context**: When\n\n**Example**: _(Not code: here)_\n\n" for t in titles)
        title = filename.removesuffix(".md").replace("-", " ").title()
        page, _ = parse_page(f"docs/patterns/{filename}", f"# {title}\n\n## Patterns\n\n{body}")
        parsed.append(page)
    extra = {"sonner-toast-configuration.md", "loading-states.md"} - set(pages)
    parsed += [parse_page(f"docs/patterns/{name}", "# Notes\n")[0] for name in sorted(extra)]
    return Catalogue(tuple(sorted(parsed, key=lambda p: p.filename)))


CATALOGUES = {
    "repo": load_catalogue(REPO, "patterns")[0],
    "starter": _catalogue(STARTER),
    "supportsignal": _catalogue(SUPPORTSIGNAL),
    "synthetic": _catalogue(SYNTHETIC),
}


def resolved(item: Row, root: Path) -> tuple[tuple[str, str] | None, bool]:
    """(page file name, title) the matcher picks for a row's entry, or None; and whether it was a close match."""
    catalogue = CATALOGUES[item.catalogue]
    here = next(p for p in catalogue.pages if p.filename == item.here)
    [entry] = split_entries(item.line.strip().lstrip("-*+ ").strip())
    outcome = resolve_entry(reference(entry, 1), here, catalogue, root)
    if outcome.target is None:
        return None, False
    page = next(p for p in catalogue.pages if p.key == outcome.target.page)
    return (page.filename, outcome.target.title), outcome.problem is not None


def _page(catalogue: str, filename: str) -> Page:
    return next(p for p in CATALOGUES[catalogue].pages if p.filename == filename)


def test_every_label_names_a_pattern_of_its_catalogue() -> None:
    for item in ROWS:
        _page(item.catalogue, item.here)
        if item.expected:
            assert item.expected[1] in [p.title for p in _page(item.catalogue, item.expected[0]).patterns], item


def test_related_patterns_matching_never_picks_a_wrong_pattern_and_finds_most(tmp_path: Path) -> None:
    picked = [(item, *resolved(item, tmp_path)) for item in ROWS]
    wrong = [(item.line, item.expected, got) for item, got, _ in picked if got is not None and got != item.expected]
    positives = [(item, got) for item, got, _ in picked if item.expected is not None]
    missed = [(item.line, item.expected) for item, got in positives if got != item.expected]
    chosen = sum(got is not None for _, got, _ in picked)
    close = sum(fuzzy for *_, fuzzy in picked)
    precision = (chosen - len(wrong)) / chosen
    recall = (len(positives) - len(missed)) / len(positives)
    real = sum(item.real for item in ROWS)
    print(
        f"\nRelated Patterns matching: {len(ROWS)} labelled entries ({real} written by teams), "
        f"{len(positives)} should match, {len(ROWS) - len(positives)} should not"
    )
    print(f"precision {precision:.1%} ({chosen - len(wrong)} of {chosen} picks right, {close} of them close matches)")
    print(f"recall {recall:.1%} ({len(positives) - len(missed)} of {len(positives)} found)")
    for line, expected in missed:
        print(f"  missed: {line!r} (means {expected[1]!r})")
    assert len(ROWS) >= 40
    assert wrong == [], "a fuzzy match picked a wrong pattern"
    assert recall >= 0.9


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        pytest.param(
            "Console Override Pattern (frontend-patterns.md)",
            "warning[related-fuzzy]: Related Patterns entry 'Console Override Pattern' is not a title of frontend-patterns.md; linked to the closest, 'Console Override for Development Logging' (frontend/console-override-for-development-logging)",
            id="fuzzy-names-its-choice",
        ),
        pytest.param(
            "Component Integration Testing (frontend-patterns.md)",
            "error[related-unresolved]: Related Patterns entry 'Component Integration Testing' matches no pattern of frontend-patterns.md; closest titles: 'ShadCN Component Integration'",
            id="unresolved-names-the-closest",
        ),
        pytest.param(
            "Function Structure (backend-patterns.md)",
            "error[related-unresolved]: Related Patterns entry 'Function Structure' matches no pattern of backend-patterns.md; closest titles: 'Query Function Structure', 'Action Function Structure', 'Mutation Function Structure'",
            id="too-vague",
        ),
        pytest.param(
            "Integration Testing (frontend-patterns.md)",
            "error[related-unresolved]: Related Patterns entry 'Integration Testing' matches no pattern of frontend-patterns.md",
            id="only-the-named-page-is-searched",
        ),
        pytest.param(
            "Nothing (no-such-patterns.md)",
            "error[related-unresolved]: Related Patterns entry 'Nothing' names 'no-such-patterns.md', which is neither a catalogue page nor a file of the project",
            id="page-missing",
        ),
        pytest.param("Webhook Handling (backend-patterns.md)", "", id="exact-is-silent"),
        pytest.param("webhook handling (backend-patterns.md)", "", id="case-is-silent"),
    ],
)
def test_each_entry_says_what_it_was_matched_to(line: str, problem: str, tmp_path: Path) -> None:
    catalogue = CATALOGUES["starter"]
    here = _page("starter", "testing-architecture-patterns.md")
    outcome = resolve_entry(reference(line, 7), here, catalogue, tmp_path)
    shown = str(outcome.problem) if outcome.problem else ""
    assert shown.startswith(f"docs/patterns/testing-architecture-patterns.md:7: {problem}" if problem else "")
    assert bool(shown) == bool(problem)


def test_an_entry_naming_an_existing_document_stays_as_written(tmp_path: Path) -> None:
    (tmp_path / "docs" / "guides").mkdir(parents=True)
    (tmp_path / "docs" / "guides" / "setup.md").write_text("# Setup\n", encoding="utf-8")
    here = _page("starter", "testing-architecture-patterns.md")
    outcome = resolve_entry(reference("Setup Guide (../guides/setup.md)", 3), here, CATALOGUES["starter"], tmp_path)
    assert outcome.target is None and outcome.problem is None


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("[A](./a.md) - what it is, and why", ["[A](./a.md)"]),
        ("**[A](./a.md)**: what it is; and why", ["[A](./a.md)"]),
        ("**A Title** (docs/patterns/a.md)", ["**A Title** (docs/patterns/a.md)"]),
        ("A (a.md) — a note", ["A (a.md)"]),
        ("A (a.md), B (b.md)", ["A (a.md)", "B (b.md)"]),
    ],
)
def test_a_description_after_an_entry_is_not_an_entry(text: str, entries: list[str]) -> None:
    assert split_entries(text) == entries
