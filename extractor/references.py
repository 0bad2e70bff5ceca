"""References written in a catalogue page: Related Patterns entries and links to other pages (pure)."""

from __future__ import annotations

import re

from extractor.model import Link, Reference

LINK_RE = re.compile(r"(?<!!)\[[^\[\]]*\]\(([^()\s]+)\)")
ENTRY_RE = re.compile(r"^(?P<title>.+?)\s*\((?P<target>[^()]*?\.md(?:#[^()]*)?)\)$")
ENTRY_END_RE = re.compile(r"\[[^\]]+\]\([^)\s]*\)|\([^()]*?\.md(?:#[^()]*)?\)")


def split_entries(text: str) -> list[str]:
    """Split `A (a.md), B, [C](c.md#c)` into entries.

    A title followed by a `(file.md)` suffix runs back to the previous entry, so it may hold
    commas; elsewhere commas and semicolons separate entries.
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
    entries.extend(re.split(r"[,;]", text[position:]))
    return [entry.strip().strip(",;").strip() for entry in entries if entry.strip().strip(",;").strip()]


def reference(entry: str, line: int) -> Reference:
    """One Related Patterns entry: a Markdown link, `Title (page.md#anchor)`, or a bare title."""
    link = re.fullmatch(r"\[([^\]]+)\]\(([^)\s]*)\)(.*)", entry)
    if link:
        target, _, anchor = link.group(2).partition("#")
        return Reference(entry, link.group(1).strip(), target or None, anchor or None, line)
    match = ENTRY_RE.match(entry)
    if match:
        target, _, anchor = match.group("target").partition("#")
        return Reference(entry, match.group("title").strip(), target.strip() or None, anchor or None, line)
    return Reference(entry, entry.rstrip("."), None, None, line)


def page_links(lines: list[str], code: set[int], first: int) -> list[Link]:
    """Relative links to Markdown files or anchors, outside code."""
    found = []
    for index in range(first, len(lines)):
        if index in code:
            continue
        text = re.sub(r"`[^`]*`", "", lines[index])
        for match in LINK_RE.finditer(text):
            target = match.group(1)
            if "://" in target or target.startswith(("mailto:", "/")):
                continue
            page, _, anchor = target.partition("#")
            if page.endswith(".md") or (not page and anchor):
                found.append(Link(index + 1, page, anchor or None))
    return found
