"""Print docs/diagnostics.md from the table of codes: `python tests/codes_page.py > docs/diagnostics.md`."""

from __future__ import annotations

from extractor.codes import CODES

HEAD = """\
# Diagnostics

Every problem the tool reports is one line, `path:line: severity[code]: what is wrong`, the same in
`patterns check`, `mkdocs build` and `patterns build`. The code names the kind of problem: it is the
SARIF `ruleId` of the problem (a rule violation's `ruleId` is its anti-pattern's id), and what the
`severity` option of the plugin block changes:

```yaml
plugins:
  - patterns:
      severity:
        page-without-patterns: ignore   # error, warning, info or ignore
        related-fuzzy: error
        backend/database-access-from-actions: warning   # a rule's violations, by its anti-pattern id
```

Errors make `patterns check`, `patterns build` and `mkdocs build` fail; warnings fail only `--strict`;
infos never fail.

"""

GROUPS = {
    "catalogue": "Catalogue pages",
    "links": "Links and Related Patterns",
    "markers": "Markers in the code",
    "symbols": "Examples named by symbol",
    "files": "Files",
    "rules": "Anti-pattern rules",
    "config": "Configuration and the command line",
    "writes": "Writing files",
    "cache": "The cache",
    "history": "`patterns history`",
    "review": "`patterns review`",
}


def _row(name: str, severity: str, meaning: str) -> str:
    cell = meaning.replace("|", "\\|")
    return f"| `{name}` | {severity} | {cell} |\n"


def page() -> str:
    parts = [HEAD]
    for group, title in GROUPS.items():
        parts += [f"## {title}\n\n", "| Code | Default | Meaning |\n|---|---|---|\n"]
        parts += [_row(code.name, code.severity.value, code.meaning) for code in CODES.values() if code.group == group]
        parts.append("\n")
    return "".join(parts).rstrip("\n") + "\n"


if __name__ == "__main__":
    print(page(), end="")
