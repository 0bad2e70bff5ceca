"""Where examples are named by symbol: the plugin block's `examples` option, and catalogue pages (pure).

In mkdocs.yml, pattern id -> symbols:

    - patterns:
        examples:
          backend/query-function-structure:
            - examples/convex-app/convex/channels.ts#list
            - extractor.pipeline:run title="The whole run"

In a catalogue page, one line in the pattern's section (its Example field is the place), an HTML
comment that the site does not show and that `patterns fill` and `fill --strip` leave as it is:

    <!-- patterns:example extractor.pipeline:run title="The whole run" -->
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from extractor.generated import masked
from extractor.model import Catalogue, Diagnostic, Page, error
from extractor.read import read_text
from extractor.symbols.names import Named, parse_named, parse_symbol
from extractor.text import fenced_lines

PAGE_RE = re.compile(r"^ {0,3}<!--[ \t]*patterns:example[ \t]+(?P<named>.*?)[ \t]*-->[ \t]*$")
"""The one-line form in a catalogue page."""
EXAMPLE = "<!-- patterns:example extractor.pipeline:run -->"


def named_symbols(
    examples: Mapping[str, tuple[str, ...]], root: Path, config_file: str, catalogue: Catalogue
) -> tuple[list[Named], list[Diagnostic]]:
    """Every example named by symbol, in the config file and in the catalogue pages; and what is malformed."""
    lines = _config_lines(root, config_file) if examples else []
    items = [
        _named(pattern, text, config_file, _line_in_config(lines, pattern, text))
        for pattern, symbols in examples.items()
        for text in symbols
    ]
    items += [item for page in catalogue.pages for item in _in_page(page)]
    return [i for i in items if isinstance(i, Named)], [i for i in items if isinstance(i, Diagnostic)]


def _named(pattern: str, text: str, path: str, line: int) -> Named | Diagnostic:
    parts = parse_named(text)
    if isinstance(parts, str):
        return error("symbol-invalid", path, line, parts)
    written, title, allow_secret = parts
    symbol = parse_symbol(written)
    if isinstance(symbol, str):
        return error("symbol-invalid", path, line, symbol)
    return Named(pattern, symbol, title, allow_secret, path, line)


def _in_page(page: Page) -> list[Named | Diagnostic]:
    """The `<!-- patterns:example ... -->` lines of a page's patterns (not in code, not in generated blocks)."""
    if "patterns:example" not in page.text:
        return []
    lines = masked(page.text.lstrip("\ufeff").splitlines(), list(page.generated))
    code = fenced_lines(lines)
    found: list[Named | Diagnostic] = list(_stray(page, lines, code))
    for pattern in page.patterns:
        for number in range(pattern.body.start, pattern.body.end + 1):
            match = PAGE_RE.match(lines[number - 1]) if number - 1 not in code else None
            if match:
                found.append(_named(pattern.id, match["named"], page.path, number))
    return found


def _stray(page: Page, lines: list[str], code: set[int]) -> list[Diagnostic]:
    """`patterns:example` lines outside every pattern, which name an example of nothing."""
    inside = {n for p in page.patterns for n in range(p.body.start, p.body.end + 1)}
    message = (
        "`patterns:example` outside any pattern names an example of nothing; put it in the Example field of the "
        f"pattern it illustrates, as `{EXAMPLE}`"
    )
    return [
        error("symbol-invalid", page.path, number, message)
        for number, line in enumerate(lines, 1)
        if number not in inside and number - 1 not in code and PAGE_RE.match(line)
    ]


def _config_lines(root: Path, config_file: str) -> list[str]:
    try:
        return read_text(root / config_file).splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _line_in_config(lines: list[str], pattern: str, text: str) -> int:
    """The line of mkdocs.yml naming `text` under `pattern` in the `examples` option (that of the option, else 0)."""
    start = next((n for n, line in enumerate(lines) if re.match(r"^\s*examples\s*:", line)), None)
    if start is None:
        return 0
    key = next((n for n in range(start, len(lines)) if f"{pattern}:" in lines[n]), start)
    item = re.compile(rf"""^\s*-?\s*["']?{re.escape(text)}["']?\s*(?:#.*)?$""")
    found = next((n + 1 for n in range(key, len(lines)) if item.match(lines[n])), None)
    return found or next((n + 1 for n in range(key, len(lines)) if text in lines[n]), key + 1)
