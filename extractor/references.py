"""References written in a catalogue page: Related Patterns entries and Markdown links (pure).

Links are read as Python-Markdown reads inline links and images: `[text](dest)`, `[text](<dest>)`,
`[text](dest "title")`, `![alt](dest)`, on one line. Links inside fenced code, inline code spans and
HTML comments are not links. Reference-style links (`[text][id]` with `[id]: dest`) are left to
MkDocs' own link validation.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from extractor.model import Link, Reference

LINK_RE = re.compile(
    r"(?<!\\)(?P<image>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\([ \t]*(?:<(?P<angle>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\)"
)
CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
ENTRY_RE = re.compile(r"^(?P<title>.*?\S)\s*\((?P<target>[^()]*?\.md(?:#[^()]*)?)\)$")
ENTRY_END_RE = re.compile(r"\[[^\[\]]+\]\([^()\s]*\)|\([^()]*?\.md(?:#[^()]*)?\)")
DESCRIPTION_RE = re.compile(r"^[*_]*\s*(?:[-–—:](?:\s|$))")
EMPHASIS = "*_ \t"


def split_entries(text: str) -> list[str]:
    """Split `A (a.md), B, [C](c.md#c)` into entries.

    A title followed by a `(file.md)` suffix runs back to the previous entry, so it may hold
    commas; elsewhere commas and semicolons separate entries. After a link or a `(file.md)`
    suffix, a dash or colon starts a description (`[A](a.md) - when to use it`), not entries.
    """
    entries: list[str] = []
    position = 0
    for match in ENTRY_END_RE.finditer(text):
        if match.group().startswith("["):
            entries.extend(re.split(r"[,;]", text[position : match.start()]))
            entries.append(match.group())
        else:
            entries.append(text[position : match.end()])
        position = match.end()
        if DESCRIPTION_RE.match(text[position:]):
            position = len(text)
            break
    entries.extend(re.split(r"[,;]", text[position:]))
    cleaned = (entry.strip().strip(",;").strip() for entry in entries)
    return [entry for entry in cleaned if entry.strip(EMPHASIS)]


def reference(entry: str, line: int) -> Reference:
    """One Related Patterns entry: a Markdown link, `Title (page.md#anchor)`, or a bare title.

    Emphasis around the title or the link (`**Title** (page.md)`, `**[Title](page.md)**`) is not part of it.
    """
    bare = entry.strip(EMPHASIS)
    link = re.fullmatch(r"\[([^\]]+)\]\(([^)\s]*)\)[*_]*", bare)
    if link:
        target, _, anchor = link.group(2).partition("#")
        return Reference(entry, _plain(link.group(1)), target or None, anchor or None, line, is_link=True)
    match = ENTRY_RE.match(bare)
    if match:
        target, _, anchor = match.group("target").partition("#")
        return Reference(entry, _plain(match.group("title")), target.strip() or None, anchor or None, line)
    return Reference(entry, _plain(bare.rstrip(".")), None, None, line)


def _plain(title: str) -> str:
    """A title without the emphasis and code marks around or inside it."""
    return re.sub(r"[*`]|(?<!\w)_|_(?!\w)", "", title).strip()


def page_links(lines: list[str], code: set[int], first: int) -> list[Link]:
    """Relative links and images of the page (not to other sites, not absolute), outside code."""
    found = []
    for index in range(first, len(lines)):
        if index in code or "](" not in lines[index]:
            continue
        for match in LINK_RE.finditer(_masked(lines[index])):
            found.extend(_link(lines[index], index + 1, match))
    return found


def _masked(line: str) -> str:
    """The line with code spans and HTML comments blanked, every other character in its place."""
    line = CODE_SPAN_RE.sub(lambda m: " " * len(m.group()), line)
    start = line.find("<!--")
    while start != -1:  # comments by `find`: a regex would rescan to the end from every unclosed `<!--`
        end = line.find("-->", start + 4)
        end = len(line) if end == -1 else end + 3
        line = line[:start] + " " * (end - start) + line[end:]
        start = line.find("<!--", end)
    return line


def _link(line: str, number: int, match: re.Match[str]) -> list[Link]:
    group = "angle" if match.group("angle") is not None else "bare"
    target = line[match.start(group) : match.end(group)]
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("/", "\\")) or not target:
        return []  # another site, or a path MkDocs leaves as written
    text = line[match.start("text") : match.end("text")]
    return [
        Link(
            line=number,
            column=match.start(),
            end=match.end(),
            text=text,
            target=target,
            target_column=match.start(group),
            image=bool(match.group("image")),
        )
    ]
