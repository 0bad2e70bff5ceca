"""Plausible Python, YAML and Markdown for the corpus, one unit at a time, with or without a marker."""

from __future__ import annotations

import random

from bench.code import FIELDS, NOUNS, VERBS, WORDS, Mark, hidden, marker, pascal, prose

# Python ---------------------------------------------------------------------------------------------


def py_header(rng: random.Random) -> list[str]:
    return [
        f'"""{prose(rng, 8)}"""',
        "",
        "from __future__ import annotations",
        "",
        "import functools",
        "from dataclasses import dataclass",
        "",
        "",
    ]


def _py_body(rng: random.Random, indent: str, count: int) -> list[str]:
    lines = [f"{indent}rows = store.fetch({rng.choice(NOUNS)!r}, limit=limit)", f"{indent}result = []"]
    for _ in range(count):
        field = rng.choice(FIELDS).lower()
        lines += [
            f"{indent}for row in rows:",
            f"{indent}    if row.get({field!r}) is None:",
            f"{indent}        continue",
            f"{indent}    result.append(row[{field!r}])",
        ]
    return [*lines, f"{indent}return result"]


def _py_function(rng: random.Random, indent: str, docline: str) -> list[str]:
    name = f"{rng.choice(VERBS)}_{rng.choice(NOUNS)}s_{rng.randint(1, 999)}"
    decorators = ("@functools.cache", '@app.get("/items")', "@pytest.fixture")
    decorator = [f"{indent}{rng.choice(decorators)}"] if rng.random() < 0.4 else []
    doc = [f'{indent}    """{prose(rng, 6)}', "", f"{indent}    {prose(rng, 10)}"]
    doc += ["", f"{indent}    {docline}"] if docline else []
    body = _py_body(rng, indent + "    ", rng.randint(1, 4))
    return [
        *decorator,
        f"{indent}def {name}(store: Store, limit: int = 50) -> list[str]:",
        *doc,
        f'{indent}    """',
        *body,
    ]


def _py_class(rng: random.Random, docline: str) -> list[str]:
    noun = pascal(rng.choice(NOUNS), str(rng.randint(1, 999)))
    doc = [f'    """{prose(rng, 7)}'] + (["", f"    {docline}"] if docline else []) + ['    """', ""]
    fields = [f"    {f.lower()}: str" for f in rng.sample(FIELDS, rng.randint(2, 6))]
    methods: list[str] = []
    for _ in range(rng.randint(1, 3)):
        methods += ["", *_py_function(rng, "    ", "")]
    return ["@dataclass(frozen=True)", f"class {noun}:", *doc, *fields, *methods]


def py_unit(rng: random.Random, mark: Mark | None) -> list[str]:
    """A function or class, then two blank lines; markers above it, or a docstring marker, or hidden lines."""
    docline = f"@pattern {mark.ids[0]}" if mark and mark.form == "py-docstring" else ""
    lines = (
        _py_class(rng, docline)
        if rng.random() < 0.3 or (mark and mark.form == "py-stacked")
        else _py_function(rng, "", docline)
    )
    if mark is None or mark.form == "py-docstring":
        return [*lines, "", ""]
    if mark.form == "py-hide":
        at = next(n for n, line in enumerate(lines) if line.strip().startswith("rows ="))
        lines = [*lines[:at], *hidden(lines[at : at + 2], rng, "#"), *lines[at + 2 :]]
    return [*(marker("#", mark, i) for i in range(len(mark.ids))), *lines, "", ""]


# YAML -----------------------------------------------------------------------------------------------


def yaml_header(rng: random.Random) -> list[str]:
    return [f"# {prose(rng, 8)}", f"name: {rng.choice(NOUNS)}-{rng.choice(VERBS)}", ""]


def yaml_unit(rng: random.Random, mark: Mark | None) -> list[str]:
    """A top-level key with nested mappings and a sequence; a region marks one nested job."""
    key = f"{rng.choice(NOUNS)}_{rng.choice(VERBS)}_{rng.randint(1, 999)}"
    jobs: list[list[str]] = []
    for number in range(rng.randint(1, 4)):
        steps = [f"      - run: make {rng.choice(VERBS)}-{rng.choice(NOUNS)}" for _ in range(rng.randint(1, 6))]
        jobs.append(
            [
                f"  {rng.choice(VERBS)}{number}:",
                "    runs-on: ubuntu-latest",
                f"    timeout-minutes: {rng.randint(5, 60)}",
                "    steps:",
                "      - uses: actions/checkout@v4",
                *steps,
            ]
        )
    if mark is not None and mark.form == "yaml-region":
        title = f' title="{mark.title}"' if mark.title else ""
        jobs[0] = [f"  # @pattern-start {mark.ids[0]}{title}", *jobs[0], f"  # @pattern-end {mark.ids[0]}"]
    lines = [f"{key}:", *(line for job in jobs for line in job), ""]
    return [marker("#", mark), *lines] if mark is not None and mark.form == "yaml-block" else lines


# Markdown -------------------------------------------------------------------------------------------


def md_header(rng: random.Random) -> list[str]:
    return [f"# {pascal(rng.choice(NOUNS))} {rng.choice(WORDS)}", "", prose(rng, 14), ""]


def md_unit(rng: random.Random, mark: Mark | None) -> list[str]:
    """A section: heading, wrapped paragraphs, a list, sometimes a fenced code block; a region marks the list."""
    lines = [f"## {pascal(rng.choice(VERBS))} the {rng.choice(NOUNS)}", ""]
    for _ in range(rng.randint(1, 3)):
        lines += [prose(rng, 12) for _ in range(rng.randint(1, 4))] + [""]
    items = [f"- {prose(rng, 6)}" for _ in range(rng.randint(2, 6))]
    if mark is not None:
        title = f' title="{mark.title}"' if mark.title else ""
        items = [f"<!-- @pattern-start {mark.ids[0]}{title} -->", *items, f"<!-- @pattern-end {mark.ids[0]} -->"]
    lines += [*items, ""]
    if rng.random() < 0.3:
        lines += ["```sh", f"make {rng.choice(VERBS)}", "```", ""]
    return lines
