"""Every kind of diagnostic, by its stable code: default severity and what it means (pure).

The code is printed in every diagnostic line (`path:line: error[unknown-id]: ...`), is the SARIF
`ruleId` of everything that is not a rule violation, and is what the `severity` option of the
plugin block names to change how much a kind of problem matters. `docs/diagnostics.md` is
generated from this table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from extractor.model import Diagnostic, Severity


@dataclass(frozen=True)
class Code:
    """One kind of diagnostic."""

    name: str
    """The stable code, as printed."""
    severity: Severity
    """What it is unless the plugin block's `severity` option says otherwise."""
    group: str
    """Where the problem is: catalogue, links, markers, symbols, files, rules, config, cache, history, review."""
    meaning: str
    """What the problem is and what to do about it, for the docs page."""


def _codes(*rows: tuple[str, Severity, str, str]) -> dict[str, Code]:
    return {name: Code(name, severity, group, meaning) for name, severity, group, meaning in rows}


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: Mapping[str, Code] = _codes(
    # catalogue pages
    (
        "catalogue-missing",
        E,
        "catalogue",
        "The `catalogue` folder does not exist. Create it or point `catalogue` at it.",
    ),
    ("page-unreadable", E, "catalogue", "A catalogue page cannot be read: too large, not UTF-8, or unreadable."),
    ("page-key-duplicate", E, "catalogue", "Two pages have the same key (file stem without `-patterns`); rename one."),
    (
        "page-skipped",
        N,
        "catalogue",
        "A `*.md` file of the catalogue folder is not a regular file (a FIFO, device or socket), so it is not read.",
    ),
    (
        "folder-unreadable",
        E,
        "catalogue",
        "A folder under the catalogue cannot be listed, so its pages are missing. Fix its permissions or exclude it.",
    ),
    (
        "page-too-many-patterns",
        N,
        "catalogue",
        "A page holds more patterns than `max_patterns_per_page`; it renders, but readers would rather have it split.",
    ),
    (
        "page-without-patterns",
        W,
        "catalogue",
        "No heading of the page reads as a pattern (two fields, or a title like `Pattern: Name`).",
    ),
    ("fence-unclosed", E, "catalogue", "A code fence is never closed, so the rest of the page would be code."),
    ("field-outside-pattern", W, "catalogue", "A field (`**Context**:`, `### Rationale`...) that no pattern owns."),
    (
        "example-field-missing",
        W,
        "catalogue",
        "A pattern has no Example field; examples from the code are added at its end. Add `**Example**:` to place them.",
    ),
    (
        "front-matter-invalid",
        E,
        "catalogue",
        "The page's YAML front matter does not parse, is never closed, or its `not_code` names no pattern.",
    ),
    (
        "id-invalid",
        E,
        "catalogue",
        "A pattern id, a written heading id (`{#id}`), a page key or an alias cannot be a URL path segment:"
        " empty, `..`, `/`, `#`, `?`, `<`... Ids are letters, digits, `_`, `-` and `.`.",
    ),
    (
        "id-duplicate",
        E,
        "catalogue",
        "Two headings claim one id: a `{#id}` written twice, or written where another pattern's title gives that id"
        " (the site then gives that pattern `<id>_1`, and links open the wrong one).",
    ),
    (
        "home-page-patterns",
        N,
        "catalogue",
        "The catalogue's home page (`index.md` or `README.md` at its top) has headings shaped like patterns;"
        " a home page is not read for patterns.",
    ),
    (
        "home-page-unpublished",
        N,
        "catalogue",
        "The catalogue folder has both `index.md` and `README.md`; `index.md` is its home page, `README.md` is not published.",
    ),
    (
        "index-placeholder-missing",
        N,
        "catalogue",
        "The catalogue's own home page has no `<!-- patterns:index -->` line, so the generated overview is not shown.",
    ),
    (
        "site-path-taken",
        W,
        "catalogue",
        "A page of `docs_dir` is at the path where a catalogue page would be published; the team's page is kept.",
    ),
    (
        "alias-invalid",
        E,
        "catalogue",
        "An `aliases` entry of the front matter is malformed, names no pattern, or clashes.",
    ),
    (
        "title-duplicate",
        E,
        "catalogue",
        "Two patterns of one page share a title; links and permalinks would be ambiguous.",
    ),
    (
        "written-example-differs",
        W,
        "catalogue",
        "A code block written in a pattern's Example field differs from the pattern's example in the code. Copy the"
        " code again, mark left-out lines with an elision line (`// ...`), or remove the written block.",
    ),
    (
        "generated-block-malformed",
        E,
        "catalogue",
        "A block written by `patterns fill` was edited by hand: a start or end line is broken or missing.",
    ),
    # links between pages and patterns
    (
        "broken-link",
        E,
        "links",
        "A link in a catalogue page leads to no file (resolved relative to the page, as MkDocs does). "
        "The site shows its text only.",
    ),
    (
        "broken-anchor",
        E,
        "links",
        "A link leads to a catalogue page that has no heading or anchor of that name. The site shows its text only.",
    ),
    (
        "link-unpublished",
        W,
        "links",
        "A link leads to a file the site does not publish (outside `docs_dir`) and there is no `repo_url` "
        "to link to it in the repository. The site shows its text only.",
    ),
    (
        "related-unresolved",
        E,
        "links",
        "A Related Patterns entry matches no pattern (of the page it names, else of the catalogue), "
        "or two titles equally well.",
    ),
    (
        "related-fuzzy",
        W,
        "links",
        "A Related Patterns entry is not a title exactly; the one it clearly means is linked. Write the exact title.",
    ),
    # markers in the code
    ("unknown-id", E, "markers", "A marker (or an example named by symbol) names a pattern id that no page has."),
    (
        "former-id",
        W,
        "markers",
        "A marker (or an example named by symbol) names a former id (an alias); write the current one.",
    ),
    (
        "marker-syntax",
        E,
        "markers",
        "A marker line is malformed: unknown verb, missing or invalid id, unknown attribute.",
    ),
    (
        "marker-misspelt",
        W,
        "markers",
        "A comment starts with a near miss of a marker word (`@patern`, `@Pattern`, `@pattern:`, `@patterns`): "
        "it marks nothing. Write the marker word the message names, or reword the comment.",
    ),
    ("marker-dangling", E, "markers", "A `@pattern` marker has no declaration or statement after it."),
    (
        "docstring-marker-outside",
        E,
        "markers",
        "A `@pattern` line in a docstring that belongs to no function, method or class.",
    ),
    ("region-unclosed", E, "markers", "A `@pattern-start` region is never closed by its `@pattern-end`."),
    ("region-empty", E, "markers", "A region holds no lines between its start and end markers."),
    ("region-mismatch", E, "markers", "A region is opened twice, or ended with another id, or ended without a start."),
    ("hide-mismatch", E, "markers", "`@pattern-hide-start` and `@pattern-hide-end` do not pair up."),
    (
        "hide-outside-unit",
        E,
        "markers",
        "Hide markers that share no line with any marked unit or region hide nothing. (Hidden lines stay hidden in "
        "every unit and region they are in, even when the hide block crosses its start or end.)",
    ),
    (
        "secret-withheld",
        E,
        "markers",
        "A marked example (its code or title) looks like it holds a credential, so it is not published.",
    ),
    (
        "id-gone",
        E,
        "markers",
        "An id of the previous build (`check --previous`) is gone without an alias: links break.",
    ),
    ("example-required", E, "markers", "With `require_examples`, a pattern that is code has no example."),
    # examples named by symbol
    (
        "symbol-invalid",
        E,
        "symbols",
        "A symbol naming an example is not of the form `package.module:Object` or `path/file.ts#Export` (maybe "
        'followed by `title="..."`), names a file outside the project or the sources, or a `patterns:example` line '
        "is outside every pattern.",
    ),
    (
        "symbol-unresolved",
        E,
        "symbols",
        "A symbol naming an example names nothing: no such module, file, export or member (the message names the "
        "closest ones), or a re-export that leads out of the project.",
    ),
    (
        "symbol-needs-griffe",
        E,
        "symbols",
        "A Python symbol names an example, but griffe, which finds it, is not installed: "
        "`pip install living-patterns[python]`.",
    ),
    (
        "source-link-uncommitted",
        N,
        "links",
        "A file with examples differs from the commit that source links point at (uncommitted edits, or a file "
        "git does not track yet), so its links may show other lines until it is committed and the site rebuilt.",
    ),
    (
        "example-repeated",
        W,
        "symbols",
        "A symbol gives a pattern the same lines that a marker or another symbol already gives it; the example is "
        "shown once. Remove the marker or the name.",
    ),
    # files under the sources
    ("file-skipped", N, "files", "A file was not read: binary, not UTF-8, too large, unreadable, or a link outside."),
    # anti-pattern rules
    (
        "rule-invalid",
        E,
        "rules",
        "A rule file is not a valid rule, names no pattern or anti-pattern, or its `metadata: {opposite: ...}` names no pattern of the other kind.",
    ),
    ("rule-tests-invalid", E, "rules", "A rule's `.test.yml` is not a mapping of `valid:` and `invalid:` code."),
    (
        "rule-glob-never-matches",
        W,
        "rules",
        "A rule's `files`/`ignores` glob starts with `./` or `/`, so ast-grep never matches it.",
    ),
    (
        "rule-untied",
        N,
        "rules",
        "Rules of the ast-grep project (`sgconfig`) that name no anti-pattern; left to ast-grep.",
    ),
    ("sgconfig-invalid", E, "rules", "The ast-grep project file the `sgconfig` option names cannot be read or used."),
    ("rule-test-failed", E, "rules", "A rule matches one of its own valid cases, or misses an invalid one."),
    ("violation", E, "rules", "Code breaks an anti-pattern's rule; the rule's `severity` says how much it matters."),
    (
        "violation-withheld",
        N,
        "rules",
        "The code of a violation looks like it holds a credential: pages and baselines show its SHA-256 digest.",
    ),
    ("allow-unknown", E, "rules", "`@pattern-allow` names something that is not an anti-pattern."),
    ("allow-unused", W, "rules", "`@pattern-allow` excuses nothing: the line below breaks no rule."),
    ("baseline-invalid", E, "rules", "The baseline file cannot be read or is not one `patterns baseline write` wrote."),
    # configuration and the command line
    (
        "config-invalid",
        E,
        "config",
        "The `patterns` plugin block or mkdocs.yml is wrong: an unknown option, a wrong type.",
    ),
    (
        "source-url-unknown-forge",
        W,
        "config",
        "The form of a link to source lines cannot be told from `repo_url`; set `source_url`.",
    ),
    ("fill-stale", E, "catalogue", "`patterns fill --check`: the examples written into a page are out of date."),
    (
        "link-relative",
        W,
        "config",
        "`patterns link` without `site_url` in mkdocs.yml prints a link relative to the site.",
    ),
    ("cli-usage", E, "config", "A command was given something it cannot use: no git history, an unknown revision."),
    # writing files
    (
        "write-failed",
        E,
        "writes",
        "A file cannot be written: its folder or the file is read-only, or the disk refused. Nothing was written.",
    ),
    (
        "write-outside",
        E,
        "writes",
        "A file to write (or the file a symlink there points at) is outside the project or the output folder.",
    ),
    (
        "write-conflict",
        E,
        "writes",
        "A catalogue page changed on disk while `patterns fill` ran (an editor saved it); it is not overwritten.",
    ),
    # the cache
    ("cache-unreadable", N, "cache", "The cache file cannot be read; it is rebuilt from the sources."),
    ("cache-unwritable", N, "cache", "The cache file cannot be written; the next run starts cold."),
    # patterns history
    (
        "history-unavailable",
        E,
        "history",
        "`patterns history` cannot read the branch's history: not a git repository, an object missing from a shallow clone, or no rule to count.",
    ),
    (
        "history-invalid",
        W,
        "history",
        "The history file (option `history`) cannot be read; the site shows no trend charts until `patterns history` writes it again.",
    ),
    # patterns review
    (
        "example-changed",
        N,
        "review",
        "`patterns review`: an example was changed, moved or added since the base commit.",
    ),
    ("example-lost", W, "review", "`patterns review`: a pattern lost its last example since the base commit."),
)
"""Every code, in the order the docs page lists them."""

LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
"""The words the `severity` option takes, besides `ignore`."""


def with_severities(diagnostics: Iterable[Diagnostic], levels: Mapping[str, str]) -> list[Diagnostic]:
    """The diagnostics with each code's (or anti-pattern rule's) severity as `levels` sets it; `ignore` drops them.

    A key of `levels` is a code or, for violations, an anti-pattern id; the id wins over `violation`.
    """
    if not levels:
        return list(diagnostics)
    kept = []
    for diagnostic in diagnostics:
        level = levels.get(diagnostic.rule) if diagnostic.rule else None
        level = level or levels.get(diagnostic.code)
        if level == "ignore":
            continue
        kept.append(replace(diagnostic, severity=LEVELS[level]) if level else diagnostic)
    return kept
