"""Plausible source text for the corpus, one unit at a time: the shared words and marker forms, TS and TSX.

Every writer takes the corpus's seeded `random.Random` and returns lines. A `Mark` asks the writer
to annotate the unit it writes in one of the README's marker forms; the code around the marker is
built so that the unit the tool cuts out is exactly the one meant (and so that no example looks
like a credential, which the tool would withhold).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

NOUNS = [
    "message",
    "channel",
    "member",
    "invite",
    "team",
    "invoice",
    "order",
    "project",
    "task",
    "comment",
    "session",
    "report",
    "upload",
    "webhook",
    "schedule",
    "account",
    "payment",
    "review",
    "label",
    "folder",
    "draft",
    "reminder",
    "ticket",
    "release",
    "device",
]
VERBS = [
    "list",
    "get",
    "create",
    "update",
    "remove",
    "archive",
    "sync",
    "load",
    "build",
    "format",
    "validate",
    "publish",
    "merge",
    "count",
]
FIELDS = [
    "id",
    "name",
    "status",
    "ownerId",
    "createdAt",
    "updatedAt",
    "title",
    "body",
    "priority",
    "position",
    "archived",
    "total",
]
WORDS = [
    "the",
    "a",
    "this",
    "each",
    "every",
    "query",
    "result",
    "value",
    "page",
    "list",
    "user",
    "team",
    "order",
    "state",
    "cache",
    "request",
    "response",
    "update",
    "view",
    "data",
    "server",
    "client",
    "field",
    "index",
    "update",
    "handler",
    "event",
    "schema",
    "build",
    "render",
    "check",
    "link",
]


@dataclass(frozen=True)
class Mark:
    """One annotation site: the marker form, the ids it names, and a tab title."""

    form: str
    """One of FORMS."""
    ids: tuple[str, ...]
    """The pattern ids the site names: two for the stacked forms, one otherwise."""
    title: str = ""
    """`title="..."` on the (first) marker, or empty."""


FORMS = {
    "ts": ("ts-single", "ts-title", "ts-stacked", "ts-jsdoc", "ts-hide", "ts-region"),
    "tsx": ("tsx-component", "tsx-jsx"),
    "py": ("py-def", "py-docstring", "py-hide", "py-stacked"),
    "yml": ("yaml-block", "yaml-region"),
    "md": ("md-region",),
}
"""The marker forms each language's writer knows."""

STACKED = frozenset({"ts-stacked", "py-stacked"})
"""Forms whose site names two patterns (two examples from one unit)."""


def camel(*words: str) -> str:
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])


def pascal(*words: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words)


def prose(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


def marker(comment: str, mark: Mark, index: int = 0, close: str = "") -> str:
    title = f' title="{mark.title}"' if mark.title and index == 0 else ""
    return f"{comment} @pattern {mark.ids[index]}{title}{close}"


def hidden(lines: list[str], rng: random.Random, comment: str) -> list[str]:
    """Wrap a run of body lines in hide markers, at the indentation of the run's first line."""
    indent = lines[0][: len(lines[0]) - len(lines[0].lstrip())]
    return [f"{indent}{comment} @pattern-hide-start", *lines, f"{indent}{comment} @pattern-hide-end"]


# TypeScript -----------------------------------------------------------------------------------------


def ts_header(rng: random.Random, convex: bool) -> list[str]:
    noun = rng.choice(NOUNS)
    if convex:
        return [
            'import { v } from "convex/values";',
            'import { action, mutation, query } from "./_generated/server";',
            "",
        ]
    return [f'import type {{ {pascal(noun)} }} from "../types/{noun}";', 'import { logger } from "../lib/logger";', ""]


def ts_statements(rng: random.Random, indent: str, count: int, convex: bool) -> list[str]:
    """`count` statement groups, then a return."""
    lines: list[str] = []
    for number in range(count):
        name, field = f"{rng.choice(NOUNS)}{number}", rng.choice(FIELDS)
        kind = rng.randrange(5)
        if kind == 0 and convex:
            lines.append(
                f'{indent}const {name} = await ctx.db.query("{rng.choice(NOUNS)}s").withIndex("by_{field}").collect();'
            )
        elif kind == 1:
            lines += [
                f"{indent}if (!{name}) {{",
                f'{indent}  throw new Error("{pascal(name)} not found");',
                f"{indent}}}",
            ]
        elif kind == 2:
            inner = [
                f"{indent}  total += item.{field} ?? 0;",
                f'{indent}  logger.debug("{rng.choice(WORDS)}", item.id);',
            ]
            lines += [f"{indent}for (const item of items) {{", *inner[: rng.randint(1, 2)], f"{indent}}}"]
        elif kind == 3:
            fields = [f"{indent}  {f}: input.{f}," for f in rng.sample(FIELDS, rng.randint(2, 5))]
            lines += [f"{indent}const {name} = {{", *fields, f"{indent}}};"]
        else:
            lines.append(
                f"{indent}const {name} = items.filter((item) => item.{field} !== undefined).map((item) => item.id);"
            )
    return [*lines, f"{indent}return {{ ok: true, count: {rng.randint(0, 99)} }};"]


def _ts_function(rng: random.Random, size: int) -> tuple[list[str], int]:
    name = camel(rng.choice(VERBS), rng.choice(NOUNS), str(rng.randint(1, 999)))
    head = f"export function {name}(input: Input, items: Item[]): Output {{"
    return [head, "  let total = 0;", *ts_statements(rng, "  ", size, False), "}"], 2


def _ts_convex(rng: random.Random, size: int) -> tuple[list[str], int]:
    kind = rng.choice(("query", "mutation", "action"))
    name = camel(rng.choice(VERBS), rng.choice(NOUNS), str(rng.randint(1, 999)))
    args = ", ".join(f"{f}: v.optional(v.string())" for f in rng.sample(FIELDS, rng.randint(1, 3)))
    if kind == "action":
        body = ["    const found = await ctx.runQuery(internal.lookup.get, { id: args.id });", "    return found;"]
    else:
        body = [
            "    const items: Item[] = [];",
            "    let total = 0;",
            "    const input = args;",
            *ts_statements(rng, "    ", size, True),
        ]
    return [
        f"export const {name} = {kind}({{",
        f"  args: {{ {args} }},",
        "  handler: async (ctx, args) => {",
        *body,
        "  },",
        "});",
    ], 3


def _ts_class(rng: random.Random, size: int) -> tuple[list[str], int]:
    noun = rng.choice(NOUNS)
    lines = [
        f"export class {pascal(noun)}Store {{",
        f"  private readonly items = new Map<string, {pascal(noun)}>();",
        "",
    ]
    for method in range(max(1, size // 3)):
        lines += [f"  async {camel(rng.choice(VERBS), str(method))}(input: Input, items: Item[]): Promise<Output> {{"]
        lines += ["    let total = 0;", *ts_statements(rng, "    ", 2, False), "  }", ""]
    return [*lines[:-1], "}"], 3


def _ts_interface(rng: random.Random) -> list[str]:
    fields = [
        f"  {f}: {rng.choice(('string', 'number', 'boolean', 'string | null'))};"
        for f in rng.sample(FIELDS, rng.randint(3, 8))
    ]
    return [f"export interface {pascal(rng.choice(NOUNS), str(rng.randint(1, 999)))} {{", *fields, "}"]


def ts_unit(rng: random.Random, mark: Mark | None, convex: bool) -> list[str]:
    """A TypeScript declaration followed by a blank line, annotated as `mark` says."""
    size = rng.choice((2, 3, 4, 4, 5, 6, 8, 12))
    if mark is None and rng.random() < 0.2:
        return [*_ts_interface(rng), ""]
    writer = rng.choice((_ts_convex, _ts_convex, _ts_function) if convex else (_ts_function, _ts_function, _ts_class))
    lines, body = writer(rng, size)
    if mark is None:
        return [*lines, ""]
    if mark.form == "ts-hide":
        lines = [*lines[:body], *hidden(lines[body : body + 2], rng, "//"), *lines[body + 2 :]]
    if mark.form == "ts-region":
        indent = lines[body][: len(lines[body]) - len(lines[body].lstrip())]
        start = (
            f"{indent}// @pattern-start {mark.ids[0]}{f' title={chr(34)}{mark.title}{chr(34)}' if mark.title else ''}"
        )
        return [
            *lines[:body],
            start,
            *lines[body : body + 3],
            f"{indent}// @pattern-end {mark.ids[0]}",
            *lines[body + 3 :],
            "",
        ]
    markers = [marker("//", mark, i) for i in range(len(mark.ids))]
    if mark.form == "ts-jsdoc":
        markers += ["/**", f" * {prose(rng, 9)}", f" * {prose(rng, 7)}", " */"]
    return [*markers, *lines, ""]


# TSX ------------------------------------------------------------------------------------------------


def tsx_header(rng: random.Random) -> list[str]:
    return ['import { useMemo, useState } from "react";', 'import { useQuery } from "convex/react";', ""]


def tsx_unit(rng: random.Random, mark: Mark | None) -> list[str]:
    """A React component, annotated before it (`tsx-component`) or at a JSX element inside it (`tsx-jsx`)."""
    noun = rng.choice(NOUNS)
    name = pascal(noun, "List", str(rng.randint(1, 999)))
    children: list[str] = []
    for number in range(rng.randint(1, 5)):
        tag = rng.choice(("section", "div", "footer", "aside"))
        inner = [
            f'        <span className="{noun}-{f.lower()}">{{item.{f}}}</span>'
            for f in rng.sample(FIELDS, rng.randint(1, 4))
        ]
        element = [f'      <{tag} className="{noun}-list__{tag}">', *inner, f"      </{tag}>"]
        if mark is not None and mark.form == "tsx-jsx" and number == 0:
            element = [marker("      {/*", mark, close=" */}"), *element]
        children += element
    lines = [
        f"export function {name}({{ items, onSelect }}: {name}Props) {{",
        '  const [filter, setFilter] = useState("");',
        f"  const visible = useMemo(() => items.filter((item) => item.{rng.choice(FIELDS)} !== filter), [items, filter]);",
        "  return (",
        f'    <div className="{noun}-list">',
        f"      <h2>{pascal(noun)}s</h2>",
        *children,
        "      {visible.map((item) => (",
        "        <Row key={item.id} item={item} onSelect={onSelect} />",
        "      ))}",
        "    </div>",
        "  );",
        "}",
    ]
    if mark is not None and mark.form == "tsx-component":
        lines = [marker("//", mark), *lines]
    return [*lines, ""]


def long_line_text(pattern: str, size: int) -> str:
    """A generated lookup table: a marked function whose one statement is a line of about `size` bytes."""
    numbers: list[str] = []
    length = 0
    while length < size:
        numbers.append(str(len(numbers) * 7919 % 100_003))
        length += len(numbers[-1]) + 2
    return "\n".join(
        [
            "// Generated by tools/tables.ts; do not edit.",
            "",
            f"// @pattern {pattern}",
            "export function lookupTable(): number[] {",
            f"  return [{', '.join(numbers)}];",
            "}",
            "",
        ]
    )
