"""Every string the tool did not write itself (a file name, heading, title, attribute, config value,
message) reaches HTML or Markdown through one function here, one per context (pure).

| context | function | what it guarantees |
|---|---|---|
| Markdown inline text | `md_text` | shown as written, in Python-Markdown (with any extension) and CommonMark alike: no markup, no HTML, no line break, no attribute list, no table cell end |
| Markdown inline code | `md_code` | one code span on one line, whatever backticks it holds |
| Markdown link destination | `md_url` | one destination that no character ends early |
| HTML text | `html_text` | text content of an element |
| HTML attribute | `html_attr` | the value of a double-quoted attribute |
| URL | `url` | an http(s), mailto or relative address, percent-encoded; None for any other scheme (`javascript:`) |
| URL path | `url_path` | a file path as the path of a relative URL |

Characters a reader cannot see, or that reorder what is shown (controls, bidirectional overrides,
zero-width characters, line and paragraph separators), are shown as `<U+202E>`, so that a file
name holding one cannot pass for another: `visible`. In text, line breaks and tabs become spaces.
The remaining functions serve the formats that embed a string in another language: a fence around
text (`fence`), a string in a `<script>` (`script_string`), a JSON string in an HTML comment
(`comment_string`), and GitHub's workflow commands (`workflow_data`, `workflow_property`).
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

INVISIBLE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\ud800-\udfff]"
)
"""Controls, line and paragraph separators, and the invisible formatting characters of Unicode
(category Cf), bidirectional controls included; not the zero-width joiners U+200C and U+200D,
which scripts and emoji need. Lone surrogates (from file names that are not UTF-8) too."""

BREAKS_RE = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
"""Line breaks and tabs: white space in text."""

MD_ENTITIES = {  # the rest is escaped with a backslash, which both Python-Markdown and CommonMark read
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "$": "&#36;",
    "[": "&#91;",
    "]": "&#93;",
}
"""Punctuation written as a character reference: markup in HTML or in common extensions (tables,
strike-through, caret, mark, maths), which a backslash does not escape everywhere; brackets too, since
`\\[` opens maths in pymdownx.arithmatex."""

MD_TEXT_RE = re.compile(r"[\\`*_{}\[\]!#&<>|~^=$]|^[-+]|-(?=-)|(?<=-)-|\+(?=\+)|(?<=\+)\+")
"""The characters `md_text` escapes: markup anywhere; `-` and `+` at the start (a list) or in runs
(a rule, `-->`, keys); the rest of ASCII punctuation means nothing inside a line (a parenthesis
opens a link only after `]`, which is escaped)."""

ORDERED_RE = re.compile(r"^(\d{1,9})([.)])")
"""A start that would make a line an ordered list item."""

SCHEMES = frozenset({"http", "https", "mailto"})
"""The schemes a link may have; a link without a scheme is relative."""

SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")

URL_UNSAFE_RE = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f-\x9f]|' + INVISIBLE_RE.pattern)
"""Characters a URL may not hold as they are: white space, controls, invisible characters, and the
ASCII characters RFC 3986 leaves out. Other non-ASCII characters stay, as in an IRI."""

MD_URL_RE = re.compile(r"[()\[\]'$]|&(?=#?\w+;)")
"""Characters of a URL that Markdown may read as the end of a destination, as markup (`$...$`: maths, to
pymdownx.arithmatex, even inside a destination), or (`&lt;`) as a character reference."""


def visible(text: str) -> str:
    """`text` with every control and invisible character written `<U+XXXX>`, for a path or code shown to a reader."""
    if text.isascii() and text.isprintable():  # most text: nothing to show (a page renders thousands)
        return text
    return INVISIBLE_RE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def spaced(text: str) -> str:
    """Text on one line: line breaks and tabs as one space, other invisible characters made visible."""
    if text.isascii() and text.isprintable():
        return text
    return visible(BREAKS_RE.sub(" ", text))


def md_text(text: str) -> str:
    """Text to show as written in one line of Markdown, anywhere on the line (a table cell, a link's text)."""
    return ORDERED_RE.sub(r"\1\\\2", MD_TEXT_RE.sub(_md_char, spaced(text).strip()))


def _md_char(match: re.Match[str]) -> str:
    char = match.group()
    return MD_ENTITIES.get(char) or f"\\{char}"


def md_code(text: str) -> str:
    """Text as one code span on one line, whatever backticks it holds (not for table cells, where GFM splits at `|`)."""
    shown = visible(text)
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    pad = " " if not shown or shown.startswith(("`", " ", "#!", ":::")) or shown.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{shown}{pad}{ticks}"


def md_url(address: str) -> str:
    """A URL (from `url`) or site path as the destination of a Markdown link `[text](destination)`."""
    return MD_URL_RE.sub(lambda m: f"%{ord(m.group()):02X}", _encoded(address))


def md_link(text: str, address: str | None) -> str:
    """`[text](address)`, with `text` already Markdown; just the text when there is no address to link to."""
    return f"[{text}]({md_url(address)})" if address is not None else text


def html_text(text: str) -> str:
    """Text as the content of an HTML element."""
    return html.escape(spaced(text), quote=False)


def html_attr(text: str) -> str:
    """Text as the value of a double-quoted HTML attribute."""
    return html.escape(spaced(text), quote=True)


def url(address: str) -> str | None:
    """The address, percent-encoded where a URL may not hold a character, if it is http(s), mailto or
    relative; None for any other scheme (`javascript:`, `data:`), which must never become a link."""
    encoded = _encoded(address.strip())
    scheme = SCHEME_RE.match(encoded)
    return encoded if scheme is None or scheme.group(1).lower() in SCHEMES else None


def _encoded(address: str) -> str:
    return URL_UNSAFE_RE.sub(lambda m: quote(m.group(), safe="", errors="surrogateescape"), address)


def url_path(path: str) -> str:
    """A file path (relative, `/`-separated) as the path of a URL: every character but `/` and the
    unreserved ones percent-encoded, so no `:` reads as a scheme and no `#` or `?` ends the path."""
    return quote(path, safe="/", errors="surrogateescape")


def fence(text: str, char: str = "`") -> str:
    """A code fence that no line of `text` closes: longer than any run of `char` in it, at least three."""
    longest = max((len(run) for run in re.findall(f"{re.escape(char)}{{3,}}", text)), default=2)
    return char * max(3, longest + 1)


def script_string(text: str) -> str:
    """A JavaScript string literal that no `</script>` or line separator ends, for inside a `<script>` element."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e")


def comment_string(text: str) -> str:
    """A JSON string that cannot end an HTML comment or hold a line break, whatever `text` holds."""
    return json.dumps(text).replace("-", "\\u002d").replace("<", "\\u003c").replace(">", "\\u003e")


def workflow_data(text: str) -> str:
    """The message of a GitHub workflow command (`::error file=...::message`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a GitHub workflow command (`file=`, `title=`)."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")
