"""A git repository whose branch has known rule counts at each commit: renames, deletions, a merge, excluded and excused code.

The project sits in `app/` of the repository (so paths go through a prefix). Its catalogue has a
pattern rule (`backend/query-function-structure`: a query with `args`) weighed against an
anti-pattern rule (`backend/unvalidated-inputs`: a query without them) by Related Patterns.
"""

from __future__ import annotations

import os
from pathlib import Path

import projects

PAGE = """\
# Backend Patterns

## Functions

### Query Function Structure

**Context**: Reads with validated arguments
**Example**: _(Will be populated from actual implementations)_

## Anti-Patterns to Avoid

### Unvalidated Inputs

A query without validators.

**Related Patterns**: Query Function Structure
"""

GOOD_RULE = """\
language: typescript
rule:
  kind: call_expression
  all:
    - has: {field: function, regex: ^query$}
    - has: {field: arguments, has: {kind: object, has: {kind: pair, has: {field: key, regex: ^args$}}}}
"""

BAD_RULE = """\
language: typescript
severity: warning
message: A query without validators
rule:
  kind: call_expression
  all:
    - has: {field: function, regex: ^query$}
    - has: {field: arguments, has: {kind: object, not: {has: {kind: pair, has: {field: key, regex: ^args$}}}}}
"""

CONFIG = """\
site_name: History
theme:
  name: material
plugins:
  - patterns:
      sources:
        - src
      exclude:
        - "src/vendor/*"
"""


def good(name: str) -> str:
    return f"export const {name} = query({{ args: {{}}, handler: async () => 1 }});\n"


def bad(name: str) -> str:
    return f"export const {name} = query({{ handler: async () => 1 }});\n"


EXPECTED = [
    ("add a.ts", 1, 0),
    ("add b.ts", 2, 1),
    ("rename b.ts to c.ts", 2, 1),
    ("a bad query in a.ts", 2, 2),
    ("merge feature", 4, 2),
    ("delete c.ts", 3, 1),
    ("vendor and an excused query", 3, 0),
]
"""(message, followed, violations) of each first-parent commit, oldest first."""


def git(root: Path, *args: str, day: int = 1) -> str:
    """git with a fixed identity, no user configuration, and author and commit dates on day `day` of 2026-01."""
    return projects.git(root, *args, day=day)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_history(root: Path) -> list[str]:
    """The repository of `EXPECTED` in `root`; returns the first-parent commits, oldest first. The project is `root/app`."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    app = root / "app"
    write(
        app,
        {
            "mkdocs.yml": CONFIG,
            "docs/index.md": "# Home\n",
            "patterns/backend-patterns.md": PAGE,
            "patterns/rules/backend/query-function-structure.yml": GOOD_RULE,
            "patterns/rules/backend/unvalidated-inputs.yml": BAD_RULE,
            "src/a.ts": good("a"),
        },
    )
    commits = [_commit(root, "add a.ts", 1)]
    write(app, {"src/b.ts": bad("b1") + good("b2")})
    commits.append(_commit(root, "add b.ts", 2))
    git(root, "mv", "app/src/b.ts", "app/src/c.ts")
    commits.append(_commit(root, "rename b.ts to c.ts", 3))
    git(root, "checkout", "-q", "-b", "feature")
    write(app, {"src/d.ts": good("d1") + good("d2")})
    _commit(root, "add d.ts on a branch", 4)
    git(root, "checkout", "-q", "main")
    write(app, {"src/a.ts": good("a") + bad("a2")})
    commits.append(_commit(root, "a bad query in a.ts", 5))
    git(root, "merge", "-q", "--no-ff", "-m", "merge feature", "feature", day=6)
    commits.append(git(root, "rev-parse", "HEAD"))
    git(root, "rm", "-q", "app/src/c.ts")
    commits.append(_commit(root, "delete c.ts", 7))
    excused = good("a") + '// @pattern-allow backend/unvalidated-inputs reason="old clients"\n' + bad("a2")
    write(app, {"src/vendor/x.ts": bad("v1") + bad("v2"), "src/a.ts": excused, "src/e.ts": bad("e")})
    os.remove(app / "src/e.ts")  # written and removed: never committed
    commits.append(_commit(root, "vendor and an excused query", 8))
    return commits


def _commit(root: Path, message: str, day: int) -> str:
    git(root, "add", "-A", day=day)
    git(root, "commit", "-q", "-m", message, day=day)
    return git(root, "rev-parse", "HEAD")
