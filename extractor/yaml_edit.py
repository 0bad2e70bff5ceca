"""Additions to a YAML file that leave every other byte as it was: comments, order, quoting, indentation.

A YAML library that loads and dumps a file rewrites it in its own style; real mkdocs.yml files mix
styles (lists indented under their key in one place, not in another), which no dump reproduces.
So nothing is dumped: PyYAML's composer gives the position of every node (without running the
constructors, so `!ENV`, `!relative` and `!!python/name:` tags need nothing), and the additions
are inserted as text at those positions, in the indentation found there. Each function takes the
text and returns the new text; callers parse the result again for the next addition.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Item = str | dict[str, Any]
"""An entry of a list such as `plugins`: a name, or a one-key mapping of a name to its options."""


class EditError(Exception):
    """The file is not a YAML mapping this module can add to."""


def document(text: str) -> MappingNode:
    """The composed top-level mapping of `text` (an empty document is an empty mapping)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise EditError(f"not valid YAML: {exc}") from None
    if node is None:
        return MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, MappingNode):
        raise EditError("the file is not a mapping of settings")
    return node


def value_of(mapping: MappingNode, key: str) -> Node | None:
    """The node of `key` in a mapping node, or None."""
    return next((value for name, value in mapping.value if isinstance(name, ScalarNode) and name.value == key), None)


def entry_of(sequence_or_mapping: Node, name: str) -> tuple[Node, Node | None] | None:
    """In a list of names and one-key mappings (or a mapping), the node naming `name` and its options' node."""
    if isinstance(sequence_or_mapping, MappingNode):
        pairs = sequence_or_mapping.value
    elif isinstance(sequence_or_mapping, SequenceNode):
        pairs = []
        for item in sequence_or_mapping.value:
            if isinstance(item, ScalarNode):
                pairs.append((item, None))
            elif isinstance(item, MappingNode) and item.value:
                pairs.append(item.value[0])
    else:
        return None
    return next(((key, value) for key, value in pairs if isinstance(key, ScalarNode) and key.value == name), None)


def block_text(text: str, key: str) -> str | None:
    """The lines of a top-level `key` and its value, as written (None when the file has no such key)."""
    for name, value in document(text).value:
        if isinstance(name, ScalarNode) and name.value == key:
            lines = text.splitlines(keepends=True)[name.start_mark.line : _last_line(text, value) + 1]
            return "".join(lines) if lines[-1].endswith("\n") else "".join(lines) + "\n"
    return None


def step_of(text: str) -> int:
    """The indentation step the file uses (2 when it shows none)."""
    found = re.search(r"^[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( +)\S", text, re.MULTILINE)
    return len(found.group(1)) if found else 2


def add_key(text: str, key: str, value: Any, step: int) -> str:
    """A new top-level `key: value` at the end of the file, after a blank line."""
    body = text if not text or text.endswith("\n") else text + "\n"
    return body + ("\n" if body.strip() else "") + "\n".join(emit_pair(key, value, 0, step)) + "\n"


def add_items(text: str, key: str, items: list[Item], step: int) -> str:
    """`items` appended to the top-level list (or mapping) `key`, which must exist."""
    node = value_of(document(text), key)
    if node is None:
        raise EditError(f"no top-level `{key}`")
    if isinstance(node, ScalarNode) and node.value == "":  # `key:` with nothing after it
        lines = [line for item in items for line in emit_item(item, step, step)]
        return _insert_lines(text, node.end_mark.line, lines)
    if getattr(node, "flow_style", False):
        return _insert_flow(text, node, [_flow(item) for item in items])
    if isinstance(node, SequenceNode):
        dash = _dash_column(text, node)
        nested = dash + _nested(node, step)
        lines = [line for item in items for line in emit_item(item, dash, step, nested)]
        return _insert_lines(text, _last_line(text, node), lines)
    if isinstance(node, MappingNode):
        column = node.value[0][0].start_mark.column
        nested = column + _nested(node, step)
        lines = [
            line
            for item in items
            for name, options in _pair(item)
            for line in emit_pair(name, options, column, step, nested)
        ]
        return _insert_lines(text, _last_line(text, node), lines)
    raise EditError(f"`{key}` is neither a list nor a mapping")


def emit_pair(key: str, value: Any, indent: int, step: int, nested: int | None = None) -> list[str]:
    """`key: value` as block YAML lines at `indent`, its value's lines at column `nested` (default `indent + step`)."""
    pad = " " * indent
    inner = indent + step if nested is None else nested
    if isinstance(value, dict) and value:
        return [f"{pad}{_scalar(key)}:"] + [line for k, v in value.items() for line in emit_pair(k, v, inner, step)]
    if isinstance(value, list) and value:
        return [f"{pad}{_scalar(key)}:"] + [line for item in value for line in emit_item(item, inner, step)]
    return [f"{pad}{_scalar(key)}: {_flow(value)}"]


def emit_item(item: Any, dash: int, step: int, nested: int | None = None) -> list[str]:
    """`- item` as block YAML lines, the dash at column `dash`, the options of `- name:` at column `nested`."""
    if isinstance(item, dict) and len(item) == 1:
        ((name, options),) = item.items()
        first, *rest = emit_pair(name, options, dash + 2, step, nested)
        return [" " * dash + "- " + first.lstrip(" "), *rest]
    return [" " * dash + "- " + _flow(item)]


def _nested(node: Node, step: int) -> int:
    """How far right of an entry's name its options start in this list or mapping (`- search:` then
    `    lang: en`: 4 from the dash), as its entries show it; else 2 + `step` for a list, `step` for a mapping."""
    for item in getattr(node, "value", []):
        pair = (
            item
            if isinstance(item, tuple)
            else (item.value[0] if isinstance(item, MappingNode) and item.value else None)
        )
        if pair and isinstance(pair[1], MappingNode | SequenceNode) and not pair[1].flow_style and pair[1].value:
            base = pair[0].start_mark.column - (2 if isinstance(node, SequenceNode) else 0)
            return int(pair[1].start_mark.column - base)
    return int(2 + step if isinstance(node, SequenceNode) else step)


def _pair(item: Item) -> list[tuple[str, Any]]:
    return list(item.items()) if isinstance(item, dict) else [(item, None)]


def _scalar(value: str) -> str:
    return _flow(value)


def _flow(value: Any) -> str:
    """A value on one line, quoted as YAML needs."""
    if value is None:
        return "{}"
    dumped = yaml.safe_dump(value, default_flow_style=True, width=10**9, allow_unicode=True).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()


def _dash_column(text: str, sequence: SequenceNode) -> int:
    """The column of the `-` of a block list's first item."""
    first = sequence.value[0].start_mark
    line = text.splitlines()[first.line] if first.line < len(text.splitlines()) else ""
    return line.rfind("-", 0, first.column + 1) if "-" in line[: first.column + 1] else first.column


def _last_line(text: str, node: Node) -> int:
    """0-based line of the last character of a node's own text (not the comments or blank lines after it)."""
    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        key, value = node.value[-1]
        empty = isinstance(value, ScalarNode) and value.value == "" and value.start_mark.index == value.end_mark.index
        return _last_line(text, key if empty else value)
    if isinstance(node, SequenceNode) and node.value and not node.flow_style:
        return _last_line(text, node.value[-1])
    end = node.end_mark
    line = end.line if end.column > 0 else end.line - 1
    lines = text.splitlines()
    while line > node.start_mark.line and not lines[line].strip():  # a block scalar's trailing blank lines
        line -= 1
    return line


def _insert_lines(text: str, after: int, lines: list[str]) -> str:
    """`lines` inserted after 0-based line `after`, in the file's line ending."""
    newline = "\r\n" if "\r\n" in text else "\n"
    kept = text.splitlines(keepends=True)
    if kept and not kept[-1].endswith(("\n", "\r")):
        kept[-1] += newline
    added = [line + newline for line in lines]
    return "".join(kept[: after + 1] + added + kept[after + 1 :])


def _insert_flow(text: str, node: Node, parts: list[str]) -> str:
    """`parts` added after the last entry of a flow list or mapping (or inside its empty brackets)."""
    entries = getattr(node, "value", None) or []
    if not entries:
        close = node.end_mark.index - 1
        return text[:close] + ", ".join(parts) + text[close:]
    last = entries[-1][1] if isinstance(entries[-1], tuple) else entries[-1]
    return text[: last.end_mark.index] + ", " + ", ".join(parts) + text[last.end_mark.index :]
