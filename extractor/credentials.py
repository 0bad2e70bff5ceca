"""What a credential looks like in text: one detector for everything the tool publishes (pure).

Four kinds of evidence, each cheap to rule out:

- a token whose vendor prefix says what it is (`ghp_...`, `sk_live_...`, `AKIA...`, a private key);
- a value given to a name that says it is secret (`DB_PASSWORD = "..."`, `apiKey: ...`,
  `--password=...`, `<password>...</password>`), quoted or not, whole or split over lines;
- a password inside a URL (`postgres://app:...@db`);
- a long quoted string that reads as random (mixed case and digits, no words), or base64 lines
  of a key body.

Values that announce themselves as fake (`example`, `changeme`, `xxxx`, `1234...`, `${VAR}`,
`process.env.X`) are not credentials, so test fixtures and documentation stay published.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from extractor import credential_values as values
from extractor.credential_shapes import SHAPES, Shape
from extractor.credential_values import alternation
from extractor.memo import memoised

PASSWORD_WORDS = r"pass(?:words?|wd|phrase|code)?|pwd"
SECRET_WORDS = (
    r"(?:access|secret|private|api|auth|encryption|signing|master|license|client|app|service|account"
    r"|session|webhook|consumer|shared|storage|subscription|admin|deploy|upload|x[_\-]api)[_\-.]?keys?"
    r"|secret[_\-.]?key[_\-.]?base|secrets?|tokens?|credentials?|auth|authorization|bearer|connection[_\-.]?string"
)
NAMED_RE = re.compile(
    rf"""(?=[A-Za-z])(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))  # the name's last word starts here
    (?P<name>(?i:{PASSWORD_WORDS}|{SECRET_WORDS}))\d{{0,2}}
    (?![A-Za-z0-9_])                                # and is the end of the name
    ["'`\]]{{0,2}}[ \t]{{0,16}}
    (?P<op>[!=]?={{1,2}}>?|:=|\?\?=|\?=|\|\|=|:(?!:)|>|\(|,|[ \t](?:value[ \t]*=)?)""",
    re.X,
)
"""A name whose last word says it holds a secret, then what gives it a value (`=`, `:`, `=>`, `>`, a call...)."""

VALUE_RE = re.compile(
    r"""[ \t]{0,64}+(?:\r?\n[ \t]{0,64}+){0,2}+[(\[]?+[ \t]{0,64}+(?:\r?\n[ \t]{0,64}+)?+
    (?:(?P<prefix>[rRbBuUfF@]?)(?P<quote>\"\"\"|'''|["'`])|(?P<bare>(?i:(?:bearer|basic|token|bot|digest|api-token)[ \t]{1,8})?[^\s"'`;,&<>(){}\[\]|]{1,512}+))""",
    re.X,
)
"""What follows the operator: up to two line breaks and an opening bracket, then a quote or a bare value.
Every run is possessive, so no text makes it try the ways of splitting white space between runs."""

MAX_PIECE = 512
"""Characters of a quoted literal read, at most."""


def _piece(text: str, start: int, quote: str) -> tuple[str, int] | None:
    """The rest of a quoted literal from `start`: its text and the end of its closing quote, within
    `MAX_PIECE` characters; a backslash escapes the next character (a line break too), and a bare
    line break ends a one-character-quoted literal unclosed. None when it does not close."""
    if len(quote) == 3:
        close = text.find(quote, start, start + MAX_PIECE + 3)
        return None if close < 0 else (text[start:close], close + 3)
    index, limit = start, min(len(text), start + MAX_PIECE)
    while index < limit:
        char = text[index]
        if char == quote:
            return text[start:index], index + 1
        if char == "\n":
            return None
        index += 2 if char == "\\" else 1
    return None


JOIN_RE = re.compile(r"""(?<=["'`])\s{0,64}+(?:\+|\.{1,2}|&|\|\|)?+\s{0,64}+(\"\"\"|'''|["'`])""")
"""A further piece of a literal split over lines: `"ab" +\n "cd"`, or Python's `("ab"\n "cd")`."""

URL_RE = re.compile(r"://(?P<user>[^\s/:@'\"`]{0,128}):(?P<secret>[^\s/@'\"`]{1,128})@")
"""A password in a URL's user information: `scheme://user:password@host`."""

MIN_RANDOM = 24
"""Shortest quoted token that is taken for a key without a name saying so."""
QUOTED_RE = re.compile(rf"""(?P<q>["'`])(?P<secret>[A-Za-z0-9+/_\-]{{{MIN_RANDOM},1000}}={{0,2}})(?P=q)""")
"""A whole quoted literal that could be a key: base64 or base62 characters only."""

BODY_RE = re.compile(
    r"(?m)^[ \t\"']{0,16}(?P<secret>[A-Za-z0-9+/]{64})[\"',+\\n \t]{0,8}\r?\n[ \t\"']{0,16}[A-Za-z0-9+/]{64}"
)
"""Two lines of exactly 64 base64 characters: the body of a PEM key without its header."""

AUTH_SCHEMES = ("bearer ", "basic ", "token ", "bot ", "digest ", "api-token ")
NAMED = "a password or key literal"
NAME_LINE_RE = re.compile(r"(?m)^[^\n]*?(?:pass|pwd|secret|key|token|auth|cred|bearer|conn)[^\n]*")
"""A line holding text that every secret name holds: only these are read for named values."""


ALL_NEEDLES = sorted({needle for shape in SHAPES for needle in shape.needles})


@cache
def needle_pattern() -> re.Pattern[str]:
    """Every needle, as one pattern tried once at each place of the lower-cased text (made when first needed)."""
    return re.compile(f"(?=({alternation(ALL_NEEDLES)}))")


@cache
def _prefixes(needle: str) -> list[str]:
    """The needles that start `needle` (itself included)."""
    return [n for n in ALL_NEEDLES if needle.startswith(n)]


ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


@dataclass(frozen=True)
class Finding:
    """Something in a text that looks like a credential."""

    line: int
    """0-based line of the text."""
    what: str
    """What it looks like, for messages ("an AWS access key id")."""


def find_credentials(text: str) -> tuple[Finding, ...]:
    """Every line of `text` that looks like it holds a credential, once each, in order."""
    return _find(text)


@memoised(maxsize=65536)
def _find(text: str) -> tuple[Finding, ...]:
    """Memoised on the text, so a `mkdocs serve` rebuild only reads what changed."""
    lower = text.lower()
    if len(lower) != len(text):  # a few non-ASCII letters grow when lowered; keep positions aligned
        lower = text.translate(ASCII_LOWER)
    found: dict[int, str] = {}
    for stage in (_shaped(text, lower), _named(text, lower), _unnamed(text)):  # a vendor's name says most
        line, counted = 0, 0
        for position, what in sorted(stage):
            line, counted = line + text.count("\n", counted, position), position
            found.setdefault(line, what)
    return tuple(Finding(line, what) for line, what in sorted(found.items()))


def tried(lower: str) -> list[Shape]:
    """The shapes worth trying on a text, given in lower case: those with a needle in it (or none)."""
    needles = {needle for longest in set(needle_pattern().findall(lower)) for needle in _prefixes(longest)}
    return [shape for shape in SHAPES if not shape.needles or not needles.isdisjoint(shape.needles)]


def _shaped(text: str, lower: str) -> list[tuple[int, str]]:
    """Vendor tokens and key blocks: tried only on text holding one of their needles."""
    return [(spot, shape.what) for shape in tried(lower) for spot in _once_a_line(shape.pattern, text, _unless_fake)]


def _unless_fake(match: re.Match[str]) -> tuple[int | None, int]:
    """Where a vendor token's random part starts, unless it reads as fake."""
    group = next((n for n in range(1, (match.re.groups or 0) + 1) if match.group(n)), 0)
    return (None if group and values.fake(match.group(group)) else match.start(group)), match.end()


def _named(text: str, lower: str) -> list[tuple[int, str]]:
    """Values given to secret names, tried on the lines holding a name word; passwords in URLs."""
    found = [
        (spot, NAMED)
        for line in NAME_LINE_RE.finditer(lower)
        for spot in _once_a_line(NAMED_RE, text, _named_value, line.start(), line.end())
    ]
    if "://" in text:
        found += [(spot, "a password in a URL") for spot in _once_a_line(URL_RE, text, _url_password)]
    return found


def _named_value(match: re.Match[str]) -> tuple[int | None, int]:
    """Where the value given to a secret name starts, if it is a credential; a bare value is skipped whole."""
    value = _value_after(match.string, match)
    if value is None:
        return None, match.end()
    if not value[2] and match.string[value[3] : value[3] + 1] in ("(", "["):
        return None, value[3]  # `credentials = encode(...)`: code, not a value
    if _secret_value(match, *value):
        return value[0], value[3]
    return None, (match.end() if value[2] else value[3])  # a quoted value may hold names (`"User=a;Password=b"`)


def _url_password(match: re.Match[str]) -> tuple[int | None, int]:
    secret = match["secret"]
    real = secret != match["user"] and values.password(secret, quoted=False)
    return (match.start("secret") if real else None), match.end()


def _unnamed(text: str) -> list[tuple[int, str]]:
    """Random-looking quoted tokens and key bodies, whatever they are called."""
    found = [(spot, "a high-entropy token") for spot in _once_a_line(QUOTED_RE, text, _random_token)]
    found += [
        (m.start("secret"), "a key body")
        for m in BODY_RE.finditer(text)
        if values.mixed(m["secret"]) and not values.PUBLIC_RE.match(m["secret"])
    ]
    return found


def _random_token(match: re.Match[str]) -> tuple[int | None, int]:
    return (match.start("secret") if values.random(match["secret"]) else None), match.end()


def _once_a_line(
    pattern: re.Pattern[str],
    text: str,
    judge: Callable[[re.Match[str]], tuple[int | None, int]],
    start: int = 0,
    end: int | None = None,
) -> list[int]:
    """Where the matches `judge` accepts are, one a line at most (a line is withheld whole).

    `judge` gives the position of the credential, or None and where to look on from.
    """
    end = len(text) if end is None else end
    found = []
    while (match := pattern.search(text, start, end)) is not None:
        spot, resume = judge(match)
        if spot is None:
            start = max(resume, match.start() + 1)
            continue
        found.append(spot)
        newline = text.find("\n", spot)
        start = end if newline < 0 else newline + 1
    return found


def _value_after(text: str, match: re.Match[str]) -> tuple[int, str, bool, int] | None:
    """(position, text, quoted, end) of the value given to a secret name, literal pieces joined."""
    value = VALUE_RE.match(text, match.end())
    if value is None:
        return None
    if value["bare"] is not None:
        return value.start("bare"), value["bare"], False, value.end()
    pieces: list[str] = []
    end, stop, quote = value.end(), value.end(), value["quote"]
    while len(pieces) < 8:
        piece = _piece(text, end, quote)
        if piece is None:
            break
        pieces.append(piece[0].replace("\\\n", "").replace("\\\r\n", ""))
        stop = piece[1]
        more = JOIN_RE.match(text, stop)
        if more is None:
            break
        end, quote = more.end(), more.group(1)
    return (value.end(), "".join(pieces), True, stop) if pieces else None


def _secret_value(match: re.Match[str], start: int, value: str, quoted: bool, end: int) -> bool:
    """Whether the value given to this name is a credential rather than code, a label or a fake."""
    name, op = match["name"].lower(), match["op"]
    password = name.startswith(("pass", "pwd"))
    text = match.string
    if "\n" in text[match.end() : start] and op.strip() not in ("=", ":=", "=>"):
        return False  # only an assignment goes on on the next line (after `key:` comes YAML's nesting)
    if op.strip() == "" and not (
        (name in ("password", "passwd", "pwd") and quoted) or text[max(0, match.start() - 2) : match.start()] == "--"
    ):
        return False  # `PASSWORD 'x'` (SQL) and `--password x` have no operator; prose has none either
    if (op == "," and not _quoted_name(match)) or (op in (",", "(") and not quoted):
        return False  # `put("password", "x")`, `setPassword("x")`; not `[passwd], 'host'`
    if op == ">" and not text.startswith("</", end):
        return False  # `<password>x</password>`; not `(?P<secret>[a-z])`
    scheme = next((s for s in AUTH_SCHEMES if value.lower().startswith(s)), None)
    if scheme:
        value, password = value[len(scheme) :].strip(), False
    return values.password(value, quoted) if password else values.key(value, quoted)


def _quoted_name(match: re.Match[str]) -> bool:
    """Whether the whole name is a string literal: `"DB_PASSWORD", ...`."""
    text, start = match.string, match.start()
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.-"):
        start -= 1
    after = match.end("name")
    return start > 0 and after < len(text) and text[start - 1] in "\"'" and text[after] == text[start - 1]


def regexes() -> list[re.Pattern[str]]:
    """Every regular expression the detector searches input with, for the linear-time check."""
    fixed = [needle_pattern(), NAME_LINE_RE, NAMED_RE, URL_RE, QUOTED_RE, BODY_RE]
    return [*fixed, *values.regexes(), *(shape.pattern for shape in SHAPES)]


def anchored() -> list[re.Pattern[str]]:
    """The regular expressions matched only at one place, right after a name and its operator."""
    return [VALUE_RE, JOIN_RE]


__all__ = ["SHAPES", "Finding", "Shape", "anchored", "find_credentials", "regexes", "tried"]
