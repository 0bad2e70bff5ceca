"""Comment markers in any text: `@pattern`, `@pattern-start`/`-end`, `@pattern-hide-start`/`-end`.

Markers are comment-agnostic: a marker is a line whose comment (in whatever syntax) begins with
the marker word. Which of those lines really are comments is decided later, by a parser, for
the languages the tool parses.
"""

from __future__ import annotations

import re
import shlex

from extractor.model import Diagnostic, Marker, error

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
LINE_RE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<open>\{?/\*+!?|//+!?|#+|--+|;+|<!--|%+|\*|')?[ \t]*"
    r"@pattern(?P<verb>-[A-Za-z-]+)?(?P<args>(?:[ \t].*?)?)[ \t]*(?P<close>\*+/\}?|-->)?[ \t]*$"
)
QUOTING_RE = re.compile(r"[\"'\\\x0b\x0c\x1c-\x1f]")
"""What makes `shlex.split` differ from `str.split` on ASCII text: quotes, escapes, unusual white space."""
EXAMPLES = {
    "pattern": "// @pattern backend/query-function-structure",
    "start": "# @pattern-start backend/cron-jobs",
    "end": "# @pattern-end backend/cron-jobs",
    "hide-start": "// @pattern-hide-start",
    "hide-end": "// @pattern-hide-end",
    "allow": '// @pattern-allow backend/database-access-from-actions reason="why this place may"',
}


def find_markers(path: str, text: str, docstring: bool = False) -> tuple[list[Marker], list[Diagnostic]]:
    """Every line of `text` that is a marker, with problems in the markers' own syntax.

    With `docstring`, a bare `@pattern id` line (no comment opener) counts too.
    """
    markers: list[Marker] = []
    diagnostics: list[Diagnostic] = []
    line_no = 1
    position = 0
    for match in re.finditer(r"^[^\n]*@pattern[^\n]*$", text, re.MULTILINE):
        line_no += text.count("\n", position, match.start())
        position = match.start()
        line = match.group(0).rstrip("\r")
        parsed = LINE_RE.match(line)
        if parsed is None or (parsed.group("open") is None and not docstring):
            continue
        marker, problem = _marker(path, line_no, parsed, docstring and parsed.group("open") is None)
        if problem:
            diagnostics.append(problem)
        elif marker:
            markers.append(marker)
    return markers, diagnostics


def _marker(path: str, line: int, parsed: re.Match[str], in_docstring: bool) -> tuple[Marker | None, Diagnostic | None]:
    verb = VERBS.get((parsed.group("verb") or "").lower())
    if verb is None:
        known = ", ".join(f"@pattern{v}" for v in VERBS)
        return None, error(
            "marker-syntax", path, line, f"unknown marker `@pattern{parsed.group('verb')}`; markers are {known}"
        )
    args = parsed.group("args")
    try:
        words = args.split() if args.isascii() and not QUOTING_RE.search(args) else shlex.split(args)
    except ValueError as exc:
        return None, error(
            "marker-syntax", path, line, f"cannot read the marker's arguments ({exc}); write it as `{EXAMPLES[verb]}`"
        )
    comment = ((parsed.group("open") or ""), (parsed.group("close") or ""))
    if verb.startswith("hide"):
        if words:
            return None, error(
                "marker-syntax", path, line, f"`@pattern-{verb}` takes no arguments; write it as `{EXAMPLES[verb]}`"
            )
        return Marker(verb, "", "", line, comment, parsed.group("indent"), in_docstring), None
    return _pattern_marker(path, line, verb, words, comment, parsed.group("indent"), in_docstring)


def _pattern_marker(
    path: str, line: int, verb: str, words: list[str], comment: tuple[str, str], indent: str, in_docstring: bool
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
    return Marker(verb, ref, title, line, comment, indent, in_docstring, reason, allow_secret), None
