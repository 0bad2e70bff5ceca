"""Small helpers about text shared by the stages: fenced code in Markdown, and YAML from users read safely."""

from __future__ import annotations

import re
from typing import Any

import yaml

FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def fenced_lines(lines: list[str], first: int = 0) -> set[int]:
    """0-based indexes of the lines inside fenced code blocks, fences included."""
    return _fences(lines, first)[0]


def unclosed_fence(lines: list[str], first: int = 0) -> int | None:
    """0-based index of the fence that opens a code block never closed, or None."""
    return _fences(lines, first)[1]


def fence_end(lines: list[str], first: int) -> int:
    """0-based index of the line closing the fenced code block that line `first` opens (the last line if none)."""
    fence = FENCE_RE.match(lines[first])
    opener = fence.group(1) if fence else "```"
    return next((i for i in range(first + 1, len(lines)) if _closes(opener, lines[i])), len(lines) - 1)


def _closes(fence: str, line: str) -> bool:
    """Whether `line` closes a code block opened by `fence`."""
    match = FENCE_RE.match(line)
    closing = match is not None and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence)
    return closing and not line.strip().lstrip(fence[0]).strip()


def _fences(lines: list[str], first: int) -> tuple[set[int], int | None]:
    code: set[int] = set()
    fence, opened = "", None
    for index in range(first, len(lines)):
        match = FENCE_RE.match(lines[index])
        if fence:
            code.add(index)
            if _closes(fence, lines[index]):
                fence, opened = "", None
        elif match:
            fence, opened = match.group(1), index
            code.add(index)
    return code, opened


def key_line(text: str, key: str, missing: int = 0) -> int:
    """1-based line of the first top-level `key:` of a YAML text, or `missing`."""
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:")), missing)


def option_line(text: str, block: str, key: str) -> int:
    """Line of `key:` inside the `block` entry of a list or mapping (a plugin's options in mkdocs.yml), else of
    the block, else 0."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines, 1) if re.match(rf"^\s*-?\s*{re.escape(block)}\s*:", line)), 0)
    if not start:
        return 0
    indent = len(lines[start - 1]) - len(lines[start - 1].lstrip(" -"))
    for number in range(start + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.strip() and len(line) - len(line.lstrip(" -")) <= indent:
            break  # the block ended
        if re.match(rf"^\s+{re.escape(key)}\s*:", line):
            return number
    return start


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_YAML_BYTES = 1_000_000
"""Longest YAML text read from a user's file (rules, their tests, front matter): larger is refused."""
MAX_YAML_DEPTH = 100
"""Deepest nesting of mappings and sequences, counted through aliases: deeper is refused."""
MAX_YAML_NODES = 100_000
"""Most nodes a YAML text may hold once its aliases are expanded: more (an alias bomb) is refused."""


_BOOL, _INT, _FLOAT = (f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float"))
_YAML_1_1_ONLY = {_BOOL, _INT, _FLOAT, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"}
_CORE_RESOLVERS = [
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")),
    (
        _FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+0123456789."),
    ),
]


def _core_schema(loader: Any) -> Any:
    """`loader` with YAML 1.2's core schema for plain scalars (booleans, integers, floats), as serde_yaml reads them."""
    resolvers = {
        first: [(tag, regexp) for tag, regexp in entries if tag not in _YAML_1_1_ONLY]
        for first, entries in loader.yaml_implicit_resolvers.items()
    }
    core: Any = type(f"Core{loader.__name__}", (loader,), {"yaml_implicit_resolvers": resolvers})
    for tag, regexp, first in _CORE_RESOLVERS:
        core.add_implicit_resolver(tag, regexp, first)
    core.add_constructor(_BOOL, lambda _, node: node.value.lower() == "true")
    core.add_constructor(_INT, lambda _, node: int(node.value, 0) if node.value[1:2] in ("o", "x") else int(node.value))
    core.add_constructor(
        _FLOAT, lambda _, node: float(node.value.lower().replace(".inf", "inf").replace(".nan", "nan"))
    )
    return core


_CorePyLoader = _core_schema(yaml.SafeLoader)
_CORE_LOADER = _core_schema(_LOADER)


class YamlRefused(yaml.MarkedYAMLError):
    """YAML that is valid but too large, too deep, or recursive through its aliases: never loaded."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load` of a user's YAML, after `check_yaml_shape`; libyaml's loader when PyYAML has it.

    On bad YAML the pure-Python loader reads it again, for its more precise error positions.
    """
    try:
        check_yaml_shape(text, _LOADER)
        return yaml.load(text, Loader=_LOADER)
    except YamlRefused:
        raise
    except yaml.YAMLError:
        check_yaml_shape(text, yaml.SafeLoader)
        return yaml.load(text, Loader=yaml.SafeLoader)


def load_yaml_documents(text: str) -> list[tuple[int, Any]]:
    """Every document of a `---`-separated YAML 1.2 stream (as ast-grep reads its files), with its first line.

    Checked by `check_yaml_shape` like `load_yaml`. YAML 1.2's core schema, not PyYAML's 1.1: `no`,
    `off`, `yes`, `on` are strings, `010` is ten, `1:30` and `2024-01-01` are strings, as in ast-grep.
    """
    try:
        check_yaml_shape(text, _CORE_LOADER)
        return _documents(text, _CORE_LOADER)
    except YamlRefused:
        raise
    except yaml.YAMLError:
        check_yaml_shape(text, _CorePyLoader)
        return _documents(text, _CorePyLoader)


def _documents(text: str, loader: Any) -> list[tuple[int, Any]]:
    events = yaml.parse(text, Loader=loader)
    starts = [_line(e.start_mark) for e in events if isinstance(e, yaml.DocumentStartEvent)]
    return list(zip(starts, yaml.load_all(text, Loader=loader), strict=True))


def _line(mark: Any) -> int:
    return int(mark.line) + 1 if mark is not None else 1


def check_yaml_shape(text: str, loader: Any = _LOADER) -> None:
    """Raise `YamlRefused` for YAML too large, too deep, recursive, or whose aliases expand past the limits.

    Reads the event stream once (no recursion, no objects built), so a hostile text costs only its length:
    each alias counts as the whole node it repeats, and an alias inside the node it names is refused.
    """
    if len(text) > MAX_YAML_BYTES:
        raise YamlRefused(f"the text is larger than {MAX_YAML_BYTES:,} bytes; split it", None)
    shapes: dict[str, tuple[int, int]] = {}
    """Anchor -> (nodes, depth) of the finished node it names."""
    open_nodes: list[list[Any]] = []
    """[anchor, nodes, depth below] of each mapping or sequence being read, outermost first."""
    total = 0
    for event in yaml.parse(text, Loader=loader):
        nodes, depth = _shape_of(event, shapes, open_nodes)
        total += nodes if not isinstance(event, yaml.CollectionEndEvent) else 0
        if total > MAX_YAML_NODES:
            raise YamlRefused(
                f"its aliases expand to more than {MAX_YAML_NODES:,} nodes; write the values out", event.start_mark
            )
        if len(open_nodes) + depth > MAX_YAML_DEPTH:
            raise YamlRefused(f"it nests deeper than {MAX_YAML_DEPTH} levels; flatten it", event.start_mark)


def _shape_of(event: yaml.Event, shapes: dict[str, tuple[int, int]], open_nodes: list[list[Any]]) -> tuple[int, int]:
    """(nodes, depth) one event adds to the node being read, keeping `shapes` and `open_nodes` up to date."""
    if isinstance(event, yaml.AliasEvent):
        if any(node[0] == event.anchor for node in open_nodes):
            raise YamlRefused(
                f"alias *{event.anchor} is inside the node it names (a recursive alias)", event.start_mark
            )
        nodes, depth = shapes.get(str(event.anchor), (1, 0))
    elif isinstance(event, yaml.ScalarEvent):
        nodes, depth = 1, 0
        if event.anchor:
            shapes[event.anchor] = (1, 0)
    elif isinstance(event, yaml.CollectionStartEvent):
        open_nodes.append([event.anchor, 1, 0])
        return 1, 0
    elif isinstance(event, yaml.CollectionEndEvent):
        anchor, nodes, below = open_nodes.pop()
        depth = below + 1
        if anchor:
            shapes[anchor] = (nodes, depth)
    else:
        return 0, 0
    if open_nodes:
        open_nodes[-1][1] += nodes
        open_nodes[-1][2] = max(open_nodes[-1][2], depth)
    return nodes, depth
