"""Heading text -> the anchor Python-Markdown's `toc` gives it, without running Markdown (pure, linear time).

Three steps mirror the extensions a MkDocs site runs:

- `attr_list`: a heading ending in ` {#id .class key=value}` gets that id, and the list leaves the
  text (`split_attr_list`);
- `toc`: the anchor is the slug of the heading's plain text, inline Markdown and HTML removed and
  entities decoded (`plain_text`);
- `toc`: ids set explicitly anywhere on the page are taken first; a generated id already taken gets
  `_1`, `_2`... (`Anchors`).

Every step reads its input once, left to right: no regular expression here can backtrack over a
long run of spaces or brackets.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from extractor.blocks import RawHeading

Slugify = Callable[[str, str], str]

# ---------------------------------------------------------------------------------------------- attr_list


def split_attr_list(text: str) -> tuple[str, str | None]:
    """`Title {#id .wide}` -> (`Title`, `id`); text without a valid attribute list comes back unchanged.

    As `attr_list` reads a heading: the list is the leftmost ` {` whose rest ends the line with `}`;
    an unparsable list (a stray `}`) leaves the heading as written; the last `#id` (or `id=`) wins.
    """
    end = len(text.rstrip(" "))
    if end < 3 or text[end - 1] != "}":
        return text, None
    found = _leftmost_list(text, end)
    if found is None:
        return text, None
    start, inner = found
    if "`" in inner or _inline(inner) != inner:
        return text, None  # inline Markdown runs first (`{#_x_}` becomes emphasis), and the list is then no list
    attrs = _scan_attrs(inner)
    if attrs is None:
        return text, None
    ids = [value for key, value in attrs if key == "id"]
    return text[:start].rstrip("#").rstrip(), (ids[-1] if ids else None)


def _leftmost_list(text: str, end: int) -> tuple[int, str] | None:
    """(where the list starts, its inside) for the leftmost ` {...}` that reaches `end`, or None.

    A brace inside a code span is text: inline code is read before the heading's attribute list.
    """
    spans = code_ranges(text)
    position = text.find("{", 1)
    while 0 < position < end - 1:
        if text[position - 1] == " " and not any(a < position < b for a, b, _ in spans):
            inner = _list_inside(text, position + 1, end - 1)
            if inner is not None:
                start = position - 1
                while start > 0 and text[start - 1] == " ":
                    start -= 1
                return start, inner
        position = text.find("{", position + 1)
    return None


def _list_inside(text: str, first: int, last: int) -> str | None:
    """The inside of `{...}` from `first` to `last` (the closing brace), as `\\{\\:?[ ]*([^} ][^\\n]*)\\}` takes it."""
    if first < last and text[first] == ":":
        after = first + 1
        while after < last and text[after] == " ":
            after += 1
        if after < last and text[after] != "}":
            return text[after:last]
        return text[first:last]  # `{:` then nothing usable: the colon itself starts the list
    after = first
    while after < last and text[after] == " ":
        after += 1
    if after < last and text[after] != "}":
        return text[after:last]
    return None


def _scan_attrs(inner: str) -> list[tuple[str, str | None]] | None:
    """The attributes of a list's inside, or None when a `}` is left over (the list is then not one)."""
    attrs: list[tuple[str, str | None]] = []
    position, size = 0, len(inner)
    unclosed = {'"': size + 1, "'": size + 1}  # a quote never closed after here: never search again
    while position < size:
        if inner[position] == " ":
            position += 1
            continue
        word_end = _word_end(inner, position)
        if word_end == position:  # `=` or `}`: nothing more is an attribute
            return attrs if "}" not in inner[position:] else None
        token_end, attr = _attribute(inner, position, word_end, unclosed)
        attrs.append(attr)
        position = token_end
    return attrs


def _word_end(inner: str, position: int) -> int:
    """End of the run of characters other than space, `=` and `}` starting at `position`."""
    end = position
    while end < len(inner) and inner[end] not in " =}":
        end += 1
    return end


def _attribute(inner: str, start: int, word_end: int, unclosed: dict[str, int]) -> tuple[int, tuple[str, str | None]]:
    """One token at `start`: `k="v"`, `k='v'`, `k=v`, or a word (`#id`, `.class`, `flag`)."""
    word = inner[start:word_end]
    if word_end + 1 < len(inner) and inner[word_end] == "=":
        quote = inner[word_end + 1]
        if quote in "\"'" and word_end + 2 <= unclosed[quote]:
            close = inner.find(quote, word_end + 2)
            if close != -1:
                return close + 1, (word, inner[word_end + 2 : close])
            unclosed[quote] = word_end + 2
        value_end = _word_end(inner, word_end + 1)
        if value_end > word_end + 1:
            return value_end, (word, inner[word_end + 1 : value_end])
    if word.startswith("#"):
        return word_end, ("id", word[1:])
    if word.startswith("."):
        return word_end, (".", word[1:])
    return word_end, (word, None)


# ---------------------------------------------------------------------------------------------- plain text

ESCAPABLE = set("\\`*_{}[]()>#+-.!")
"""Characters a backslash escapes in Python-Markdown."""
TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
LINK_RE = re.compile(r"(!?)\[([^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def plain_text(title: str) -> str:
    """A heading's text as the site shows it: code spans kept as written, other Markdown and HTML removed."""
    pieces: list[str] = []
    for literal, text in _code_spans(title):
        pieces.append(text if literal else _inline(text))
    return " ".join("".join(pieces).split())


def _code_spans(text: str) -> Iterable[tuple[bool, str]]:
    """(is code, text) pieces of `text`, code spans with their backticks taken off."""
    position = 0
    for start, end, width in code_ranges(text):
        yield False, text[position:start]
        yield True, text[start + width : end - width].strip()
        position = end
    yield False, text[position:]


def code_ranges(text: str) -> list[tuple[int, int, int]]:
    """(start, end, width) of each code span, its backticks included (`width` of them on each side): a run
    of backticks not escaped opens one, closed by the next run of the same length."""
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    seen: dict[int, int] = {}  # run length -> how far its list was read
    found: list[tuple[int, int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        closing = _next_run(by_length[end - start], seen, end - start, index)
        if (start > 0 and text[start - 1] == "\\") or closing is None:
            index += 1
            continue
        found.append((start, runs[closing][1], end - start))
        index = closing + 1
    return found


def _next_run(indexes: list[int], seen: dict[int, int], length: int, after: int) -> int | None:
    """The first run of `length` backticks after run number `after` (each list read once, left to right)."""
    cursor = seen.get(length, 0)
    while cursor < len(indexes) and indexes[cursor] <= after:
        cursor += 1
    seen[length] = cursor
    return indexes[cursor] if cursor < len(indexes) else None


def _inline(text: str) -> str:
    """Text outside code spans: links to their text, images and tags removed, emphasis and escapes resolved."""
    text = _without_comments(text)
    text = LINK_RE.sub(lambda m: "" if m.group(1) else m.group(2), text)
    text = AUTOLINK_RE.sub(lambda m: m.group(1), text)
    text = TAG_RE.sub("", text)
    text = _emphasis(_escapes(text))
    return ENTITY_RE.sub(lambda m: html.unescape(m.group()), text).replace("\0", "")


def _without_comments(text: str) -> str:
    """`<!-- ... -->` removed (each searched for once)."""
    kept, position = [], 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        kept.append(text[position:start])
        position = end + 3
    return "".join(kept) + text[position:]


def _escapes(text: str) -> str:
    r"""`\*` -> `*` kept as a literal: marked with a NUL after it so emphasis leaves it alone."""
    if "\\" not in text:
        return text
    out, index = [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in ESCAPABLE:
            out.append(text[index + 1] + "\0")
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _emphasis(text: str) -> str:
    """`*a*`, `**a**`, `_a_` (not inside a word) -> `a`: paired runs removed, unpaired ones kept."""
    for mark in "*_":
        if mark in text:
            text = _pair_runs(text, mark)
    return text


def _pair_runs(text: str, mark: str) -> str:
    runs = [(m.start(), m.end()) for m in re.finditer(re.escape(mark) + r"+(?!\0)", text)]
    drop: set[int] = set()
    opened: dict[int, int] = {}  # run length -> index of the open run waiting for its closer
    for index, (start, end) in enumerate(runs):
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        word = mark == "_"
        closes = not before.isspace() and not (word and after.isalnum())
        opens = not after.isspace() and not (word and before.isalnum())
        if closes and (end - start) in opened:
            drop.update((opened.pop(end - start), index))
        elif opens:
            opened[end - start] = index
    if not drop:
        return text
    pieces, position = [], 0
    for index in sorted(drop):
        start, end = runs[index]
        pieces.append(text[position:start])
        position = end
    return "".join(pieces) + text[position:]


# ---------------------------------------------------------------------------------------------- ids


class Anchors:
    """The ids of one page as `toc` hands them out: explicit ids first, then each generated one made unique."""

    def __init__(self, explicit: Iterable[str]) -> None:
        self.used = set(explicit)
        self.counters: dict[str, int] = {}
        """Base id -> n such that `base_1` .. `base_n` are all known to be taken (so a run of
        identical titles costs one step each, not one per earlier duplicate)."""

    def unique(self, wanted: str) -> str:
        """`wanted`, or `wanted_1`, `wanted_2`... (a trailing `_N` counts on from N), whichever is free."""
        if wanted and wanted not in self.used:
            self.used.add(wanted)
            return wanted
        match = re.fullmatch(r"(.*)_([0-9]+)", wanted) if wanted[-1:].isdigit() else None
        base, count = (match.group(1), int(match.group(2))) if match else (wanted, 0)
        known = self.counters.get(base, 0)
        skip = count <= known or wanted == f"{base}_{known + 1}"
        count = max(count, known) + 1 if skip else count + 1
        while f"{base}_{count}" in self.used:
            count += 1
        if skip:
            self.counters[base] = count
        found = f"{base}_{count}"
        self.used.add(found)
        return found


# ---------------------------------------------------------------------------------------------- headings


@dataclass(frozen=True)
class Heading:
    """A heading with the text and anchor the site gives it."""

    line: int
    """1-based line."""
    level: int
    """1 to 6."""
    title: str
    """Plain text, as the site shows it."""
    anchor: str
    """The id of the heading on the site."""
    explicit: bool = False
    """True when the id was written (`{#id}`), False when generated from the title."""
    slug: str = ""
    """The id generated from the title before it was made unique (what it would be without the other headings)."""


def anchored(raw: Sequence[RawHeading], slugify: Slugify, separator: str, attr_list: bool = True) -> list[Heading]:
    """The headings of a page with their anchors: written ids kept (with `attr_list`), the others generated and made unique."""
    split = [
        split_attr_list(heading.text) if attr_list and not heading.literal else (heading.text, None) for heading in raw
    ]
    anchors = Anchors(explicit for _, explicit in split if explicit is not None)
    found = []
    for heading, (text, explicit) in zip(raw, split, strict=True):
        title = text if heading.literal else plain_text(text)
        slug = slugify(title, separator)
        anchor = explicit if explicit is not None else anchors.unique(slug)
        found.append(Heading(heading.line, heading.level, title, anchor, explicit is not None, slug))
    return found
