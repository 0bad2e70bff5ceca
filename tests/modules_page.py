"""The module table of docs/how-it-works.md, from each module's docstring: `python tests/modules_page.py`.

The page holds the table between `<!-- modules:start -->` and `<!-- modules:end -->`; this rewrites
it there, and `test_docs.py` checks that it lists every module of the package as it is.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"
PAGE = PACKAGE.parent / "docs" / "how-it-works.md"
BLOCK = re.compile(r"(<!-- modules:start -->\n).*?(<!-- modules:end -->)", re.S)


def table() -> str:
    """One row per module: its path in the package and the first line of its docstring."""
    rows = ["| module | what it does |", "|---|---|"]
    for source in sorted(PACKAGE.rglob("*.py")):
        doc = ast.get_docstring(ast.parse(source.read_text(encoding="utf-8"))) or ""
        first = (doc.splitlines()[0] if doc else "").replace("|", "\\|")
        rows.append(f"| `{source.relative_to(PACKAGE).as_posix()}` | {first} |")
    return "\n".join(rows) + "\n"


def page(text: str) -> str:
    """The page's text with its module table made anew."""
    return BLOCK.sub(lambda m: m.group(1) + table() + m.group(2), text)


if __name__ == "__main__":
    PAGE.write_text(page(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
