"""An example as one code block in the HTML Material for MkDocs styles: real line numbers, one copy button (pure).

pymdownx.highlight numbers a fence's lines from one start, so code with hidden lines would need one
fence per run of lines (and a copy button per run). The block is written instead as the HTML
pymdownx.highlight gives a fence with `title`, `linenums`, `anchor_linenums` and `line_spans`, with
each line's own number: Material styles it, its copy button copies the code cell (every shown line,
the elision line included), its line anchors and code annotations work on it, and any Markdown
processor passes raw HTML through as it is, so a site built by Zensical from the same pages shows it
alike. Pygments, which pymdownx.highlight uses, colours the code.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from importlib import resources
from typing import NamedTuple

from jinja2 import Environment, PackageLoader, StrictUndefined
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from extractor import escape
from extractor.highlights import highlighted_once
from extractor.memo import memoised
from extractor.model import Example

_ENV = Environment(
    loader=PackageLoader("extractor", "templates"),
    keep_trailing_newline=True,
    undefined=StrictUndefined,
    autoescape=False,
)

STYLESHEET = "patterns.css"
"""The stylesheet the pages are meant to be shown with, written next to them (the plugin adds it to `extra_css`)."""

WHITESPACE_SPAN_RE = re.compile(r'<span class="w">([^<]*)</span>')
"""Pygments' span around white space between tokens."""

_FORMATTER = HtmlFormatter(nowrap=True)
"""Token spans only, one source line per output line: the block's frame is written here."""


def stylesheet() -> str:
    """The text of the stylesheet: written examples set apart, elision lines marked; pages work without it."""
    return resources.files("extractor.assets").joinpath(STYLESHEET).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=128)
def lexer_for(language: str) -> Lexer:
    """The Pygments lexer pymdownx.highlight would pick for a fence's language; plain text when none fits."""
    try:
        return get_lexer_by_name(language, stripnl=False, ensurenl=True)
    except ClassNotFound:
        return get_lexer_by_name("text", stripnl=False, ensurenl=True)


class Shown(NamedTuple):
    """One line of the block."""

    number: int | None
    """Its line number in the file; None for an elision line."""
    text: str
    """The line as shown."""
    hidden: tuple[int, int] | None = None
    """For an elision line: the first and last line it stands for."""


def shown_lines(example: Example) -> list[Shown]:
    """Every line the block shows, in order."""
    shown: list[Shown] = []
    segments = example.segments
    for n, segment in enumerate(segments):
        shown.extend(Shown(segment.start + k, line) for k, line in enumerate(segment.lines))
        if segment.elided_after is not None:
            first = segment.start + len(segment.lines)
            last = segments[n + 1].start - 1 if n + 1 < len(segments) else example.end
            shown.append(Shown(None, segment.elided_after, (first, last)))
    return shown


def highlighted(language: str, lines: list[str]) -> list[str]:
    """Each line as HTML token spans (lexed as one text, so a comment or string may span lines)."""
    if not lines:
        return []
    out: str = highlight("".join(f"{line}\n" for line in lines), lexer_for(language), _FORMATTER)
    out = WHITESPACE_SPAN_RE.sub(r"\1", out)  # no style sets them; every tag costs Python-Markdown a parse
    # Python-Markdown expands tabs in raw HTML; a character reference keeps them
    return out.replace("\t", "&#9;").split("\n")[: len(lines)]


def block_id(example: Example) -> str:
    """An id for the block, unique on its page and stable while the example stays where it is.

    Material names the block's `pre` after it (`__code_<id>`), and the line anchors are
    `__codelineno-<id>-<line>`, as pymdownx.highlight names them, so it holds no `-`.
    """
    key = "\0".join((example.pattern_id, example.path, str(example.start), str(example.end), example.title))
    return "ex" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def code_block(example: Example, ident: str, titled: bool = False) -> str:
    """The example as one highlighted table: title bar with the source link, line numbers, code.

    `titled`: the bar starts with the marker's title, for an example not in a tab (a tab's label shows it).
    """
    numbers, code = _rows(example, ident)
    language = escape.html_attr(example.language)
    title = (
        f'<span class="pattern-title">{escape.html_text(example.title)}</span> · ' if titled and example.title else ""
    )
    return (
        f'<div class="language-{language} highlight pattern-example" id="{ident}"><table class="highlighttable">'
        f'<tr><th colspan="2" class="filename"><span class="filename">{title}{source_html(example)}</span></th></tr>'
        '<tr><td class="linenos"><div class="linenodiv"><pre><span></span>'
        + "\n".join(numbers)
        + '</pre></div></td><td class="code"><div><pre><span></span><code>'
        + "".join(code)
        + "</code></pre></div></td></tr></table></div>"
    )


def _rows(example: Example, ident: str) -> tuple[list[str], list[str]]:
    """The line-number cells and the code lines, with anchors named as pymdownx.highlight names them."""
    shown = shown_lines(example)
    width = max((len(str(s.number)) for s in shown if s.number is not None), default=1)
    numbers, code = [], []
    for (number, _, hidden), spans in zip(
        shown, highlighted_once(example.language, [s.text for s in shown]), strict=True
    ):
        if number is None:
            tip = f"lines {hidden[0]}–{hidden[1]} hidden" if hidden else "lines hidden"
            numbers.append(f'<span class="normal pattern-elision">{"⋮".rjust(width)}</span>')
            code.append(f'<span class="pattern-elision" title="{tip}">{spans}\n</span>')
            continue
        anchor = f"__codelineno-{ident}-{number}"
        numbers.append(f'<span class="normal"><a href="#{anchor}">{str(number).rjust(width)}</a></span>')
        code.append(f'<span id="__span-{ident}-{number}"><a id="{anchor}" name="{anchor}"></a>{spans}\n</span>')
    return numbers, code


def where(example: Example) -> str:
    """`path:start-end` (`path:line` for one line), as editors and grep read it; a character of the
    path that cannot be seen is shown as `<U+XXXX>`."""
    lines = str(example.start) if example.start == example.end else f"{example.start}-{example.end}"
    return f"{escape.visible(example.path)}:{lines}"


def source_html(example: Example) -> str:
    """The one place that names the example's file and lines: a link to them at the built commit, if there is one
    (after the symbol, for an example named by one)."""
    named = f"{_symbol_html(example)} · " if example.symbol else ""
    text = escape.html_text(where(example))
    address = escape.url(example.url) if example.url else None
    if address is None:
        return named + text
    tip = f"{escape.visible(example.path)}, lines {example.start}–{example.end}, in the repository at the commit this site shows"
    return f'{named}<a class="pattern-source" href="{escape.html_attr(address)}" title="{escape.html_attr(tip)}">{text}</a>'


def _symbol_html(example: Example) -> str:
    from extractor.symbols.api import symbol_html  # the symbol resolvers load only for an example named by one

    return symbol_html(example)


def label(example: Example) -> str:
    """The tab label of an example: its title, else its symbol's name, else `file:line` (as text: the template
    escapes it)."""
    named = re.split("[#:]", example.symbol)[-1]
    return example.title or named or f"{escape.visible(posixpath.basename(example.path))}:{example.start}"


def render_examples(examples: list[Example]) -> str:
    """The examples of one pattern: one code block, or content tabs holding one each."""
    return _render_examples(tuple(examples))


@memoised(maxsize=16384)
def _render_examples(examples: tuple[Example, ...]) -> str:
    """Memoised, so a `mkdocs serve` rebuild renders only the examples that changed."""
    idents = _idents(examples)
    return _ENV.get_template("example.md.j2").render(
        examples=examples,
        idents=idents,
        tabs=idents[0],
        code_block=code_block,
        label=label,
        source=source_html,
        e=escape.html_text,
    )


def _idents(examples: tuple[Example, ...]) -> list[str]:
    """Each example's block id; an example shown twice for one pattern gets a numbered one the second time."""
    idents: list[str] = []
    for example in examples:
        ident = block_id(example)
        idents.append(ident if ident not in idents else f"{ident}n{len(idents)}")
    return idents
