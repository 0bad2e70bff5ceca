"""Comment markers in any text: `@pattern`, `@pattern-start`/`-end`, `@pattern-hide-start`/`-end`.

Markers are comment-agnostic: a marker is a line whose comment (in whatever syntax) begins with
the marker word. Which of those lines really are comments is decided later, by a parser, for
the languages the tool parses. A comment that begins with a near miss of a marker word
(`@patern`, `@Pattern`, `@pattern:`) followed by what that marker takes (an id in lower case, or
nothing after a hide marker) is a warning, and the marker it was meant to be is kept aside so that
the markers around it pair up as they would have. Prose that starts with a like word
(`@patterns: the list to match`, kernel-doc's `@name: what it is`) is left alone.

Lines are read in one pass of one regular expression that only matches where a line starts, and
each marker line is then taken apart with string operations, so time stays linear in the text
whatever its lines hold.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from extractor.lines import normalized
from extractor.model import Diagnostic, Marker, error, warning
from extractor.scan.spelling import WORDS, misspelt

MARKER_BYTES = b"@pattern"
VERBS = {
    "": "pattern",
    "-start": "start",
    "-end": "end",
    "-hide-start": "hide-start",
    "-hide-end": "hide-end",
    "-allow": "allow",
}
ID_RE = re.compile(r"^[\w.-]+(/[\w.-]+)?$")
OPENERS = r"\{?/\*++!?|//++!?|#++|--++|;++|<!--|%++|\*|'"
"""Comment openers a marker may follow: C-like, shell, SQL and Lua, Lisp and INI, HTML, TeX, JSDoc lines, VB."""
CANDIDATE_RE = re.compile(rf"^(?P<indent>[^\S\n]*+)(?:(?P<open>{OPENERS})[^\S\n]*+)?@(?=[A-Za-z])", re.MULTILINE)
"""A line whose first word (after a comment opener, if any) starts with `@`. White space is any but a line
end (a form feed or U+2028 is white space here, as it is to the parsers)."""
WORD_RE = re.compile(r"[A-Za-z][\w-]*+")
QUOTING_RE = re.compile(r"[\"'\\]")
"""What makes `shlex` differ from `str.split`: quotes and escapes."""
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
"""What separates a marker's arguments, as `str.split()` has it (form feed, U+2028, U+0085... too)."""
EXAMPLES = {
    "pattern": "// @pattern backend/query-function-structure",
    "start": "# @pattern-start backend/cron-jobs",
    "end": "# @pattern-end backend/cron-jobs",
    "hide-start": "// @pattern-hide-start",
    "hide-end": "// @pattern-hide-end",
    "allow": '// @pattern-allow backend/database-access-from-actions reason="why this place may"',
}


@dataclass(frozen=True)
class MarkerLines:
    """What the marker lines of one text say."""

    markers: list[Marker] = field(default_factory=list)
    """Markers written right."""
    misspelt: list[Marker] = field(default_factory=list)
    """What the misspelt markers would be if spelt right: they mark nothing, but keep the markers they
    pair with from being reported as unpaired."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Badly written markers (errors) and misspelt marker words (warnings)."""


@dataclass(frozen=True)
class _Line:
    """One candidate line taken apart."""

    word: str
    """The word after `@`."""
    colon: bool
    """The word is followed by a colon."""
    args: str
    """What follows the word, without the closing comment text."""
    comment: tuple[str, str]
    """The comment's opening and closing text."""
    indent: str
    """White space before the comment."""
    in_docstring: bool
    """A bare line (no comment opener) read as a Python docstring line."""


def find_markers(path: str, text: str, docstring: bool = False) -> tuple[list[Marker], list[Diagnostic]]:
    """Every line of `text` that is a marker, with problems in the markers' own syntax.

    With `docstring`, a bare `@pattern id` line (no comment opener) counts too.
    """
    found = read_markers(path, text, docstring)
    return found.markers, found.diagnostics


def read_markers(path: str, text: str, docstring: bool = False) -> MarkerLines:
    """The markers of `text`, the misspelt ones as they were meant, and problems with both."""
    text = normalized(text)
    found = MarkerLines()
    line_no, position = 1, 0
    for match in CANDIDATE_RE.finditer(text):
        if match.group("open") is None and not docstring:
            continue
        line_no += text.count("\n", position, match.start())
        position = match.start()
        end = text.find("\n", match.end())
        parts = _parts(text[match.end() : end if end >= 0 else len(text)], match, docstring)
        if parts is not None:
            _read_line(path, line_no, parts, found)
    return found


def _parts(tail: str, match: re.Match[str], docstring: bool) -> _Line | None:
    """The line after its `@`, taken apart; None when its first word is not a word on its own (`@scope/package`)."""
    body, close = _split_close(tail)
    word = WORD_RE.match(body)
    if word is None:
        return None
    rest = body[word.end() :]
    colon = rest.startswith(":")
    rest = rest[1:] if colon else rest
    if rest and not rest[0].isspace():
        return None
    opener = match.group("open")
    return _Line(word.group(), colon, rest, (opener or "", close), match.group("indent"), docstring and not opener)


def _split_close(tail: str) -> tuple[str, str]:
    """`tail` without trailing white space and the text that closes its comment (`*/`, `*/}`, `-->`), and that text."""
    body = tail.rstrip()
    if body.endswith("-->"):
        return body[:-3].rstrip(), "-->"
    end = body[:-1] if body.endswith("*/}") else body
    if end.endswith("*/"):
        kept = end[:-1].rstrip("*")
        return kept.rstrip(), body[len(kept) :]
    return body, ""


def _read_line(path: str, line: int, parts: _Line, found: MarkerLines) -> None:
    word = parts.word
    spelt = word.startswith("pattern") and word[7:8] in ("", "-") and not parts.colon
    verb = VERBS.get(word[7:].lower()) if spelt else None
    if verb is None:
        _misspelt(path, line, parts, spelt, found)
        return
    marker, problem = _marker(path, line, verb, parts)
    if problem:
        found.diagnostics.append(problem)
    elif marker:
        found.markers.append(marker)


def _misspelt(path: str, line: int, parts: _Line, spelt: bool, found: MarkerLines) -> None:
    """A line whose word is not a marker word: an error for `@pattern-<unknown>`, which can only be meant as a
    marker; a warning for a near miss followed by what the marker takes; nothing for anything else."""
    meant = misspelt(parts.word, parts.colon)
    intended = _marker(path, line, VERBS[meant[7:]], parts)[0] if meant else None
    if spelt:
        known = ", ".join(f"@{w}" for w in WORDS)
        guess = f"did you mean `@{meant}`? " if meant else ""
        found.diagnostics.append(
            error("marker-syntax", path, line, f"unknown marker `@{parts.word}`; {guess}markers are {known}")
        )
    elif intended and intended.ref == intended.ref.lower():
        written = f"@{parts.word}{':' if parts.colon else ''}"
        message = f"`{written}` is not a marker word, so this line marks nothing; write `@{meant}`"
        found.diagnostics.append(
            warning("marker-misspelt", path, line, f"{message} (or reword the comment if it is not meant as a marker)")
        )
    else:
        return
    if intended:
        found.misspelt.append(intended)


def _marker(path: str, line: int, verb: str, parts: _Line) -> tuple[Marker | None, Diagnostic | None]:
    args = parts.args
    try:
        words = args.split() if not QUOTING_RE.search(args) else _quoted_words(args)
    except ValueError as exc:
        return None, error(
            "marker-syntax", path, line, f"cannot read the marker's arguments ({exc}); write it as `{EXAMPLES[verb]}`"
        )
    if verb.startswith("hide"):
        if words:
            return None, error(
                "marker-syntax", path, line, f"`@pattern-{verb}` takes no arguments; write it as `{EXAMPLES[verb]}`"
            )
        return Marker(verb, "", "", line, parts.comment, parts.indent, parts.in_docstring), None
    return _pattern_marker(path, line, verb, words, parts)


def _quoted_words(args: str) -> list[str]:
    """`args` split as a POSIX shell would, at any white space outside quotes."""
    lexer = shlex.shlex(args, posix=True)
    lexer.whitespace, lexer.whitespace_split, lexer.commenters = WHITESPACE, True, ""
    return list(lexer)


def _pattern_marker(
    path: str, line: int, verb: str, words: list[str], parts: _Line
) -> tuple[Marker | None, Diagnostic | None]:
    name = "@pattern" if verb == "pattern" else f"@pattern-{verb}"
    if not words:
        return None, error("marker-syntax", path, line, f"`{name}` needs a pattern id; write it as `{EXAMPLES[verb]}`")
    ref, attributes = words[0], words[1:]
    allow_secret = "allow-secret" in attributes and verb in ("pattern", "start")
    attributes = [w for w in attributes if not (allow_secret and w == "allow-secret")]
    loose = [w for w in attributes if "=" not in w]
    if loose or not ID_RE.match(ref):
        spaced = " ".join([ref, *loose])
        return None, error(
            "marker-syntax",
            path,
            line,
            f"invalid pattern id {spaced!r}: an id is `<catalogue>/<slug>` or a slug, without spaces; write it as `{EXAMPLES[verb]}`",
        )
    values = dict(attribute.partition("=")[::2] for attribute in attributes)
    wanted = {"end": set(), "allow": {"reason"}}.get(verb, {"title"})
    unknown = sorted(set(values) - wanted)
    if unknown:
        known = " and ".join(f'{key}="..."' for key in sorted(wanted)) or "none"
        return None, error(
            "marker-syntax", path, line, f"unknown attribute {unknown[0]!r} on `{name}`; its attributes: {known}"
        )
    if verb == "allow" and not values.get("reason", "").strip():
        return None, error("marker-syntax", path, line, f"`{name}` needs a reason; write it as `{EXAMPLES[verb]}`")
    title = values.get("title", "")
    reason = values.get("reason", "")
    return Marker(verb, ref, title, line, parts.comment, parts.indent, parts.in_docstring, reason, allow_secret), None
