"""Every regular expression of the package runs in linear time on hostile text.

A backtracking engine can take cubic time when two repeats may share the same characters (a marker
line of 3,000 spaces once took 55 s). Every compiled module-level expression of `extractor` (found by
walking the modules, not listed by hand, so a new one is covered the day it is written) is run over
100 KB strings made to trip such engines: long runs of one character, runs of the expression's own
literal text and of its prefixes, a literal followed by a long run and a character that fails the
match. Each call must take under 50 ms of CPU time (a linear pass over 100 KB takes a few). Shorter strings
go first, so a slow expression fails in a fraction of a second instead of hanging the suite.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import re._constants as sre_constants
import re._parser as sre_parse
import time
from collections.abc import Iterator
from typing import Any

import pytest

import extractor

LIMIT = 0.05
SIZES = (100, 1_000, 10_000, 100_000)
RUNS = ("", " ", "\t", "*", "_", "`", "[", "(", "{#a ", "#", "-", "/", "<", "a", "0", "\\", "\n", "\n ", "@")
KNOWN_SLOW: dict[str, str] = {}
"""Expressions outside the scan known to fail, with what fails: each stays marked until its module makes it
linear (the mark is not strict, so the day it passes the suite still does)."""


def _patterns() -> dict[str, re.Pattern[Any]]:
    """Every compiled expression bound at module level (alone or in a tuple, list or dict) in `extractor`."""
    found: dict[int, tuple[str, re.Pattern[Any]]] = {}
    for info in sorted(pkgutil.walk_packages(extractor.__path__, "extractor."), key=lambda i: i.name):
        module = importlib.import_module(info.name)
        source = inspect.getsource(module)
        for name, value in vars(module).items():
            for key, item in _members(value):
                if not isinstance(item, re.Pattern):
                    continue
                label = f"{info.name}.{name}{key}"
                if id(item) not in found or re.search(rf"^{name}\b.*=", source, re.MULTILINE):
                    found[id(item)] = (label, item)
    return dict(sorted(found.values(), key=lambda pair: pair[0]))


def _members(value: object, depth: int = 2) -> list[tuple[str, object]]:
    """`value`, or what it holds (in a table of tuples, what those hold), each with how to find it in `value`:
    `[2]`, `['key']`, or the first text of a tuple (`SHAPES['a Slack token']`)."""
    if not depth:
        return [("", value)]
    if isinstance(value, tuple) and value and isinstance(value[0], str):
        return [(f"[{value[0]!r}]", item) for item in value[1:]]
    if isinstance(value, tuple | list):
        return [(f"[{i}]{key}", item) for i, member in enumerate(value) for key, item in _members(member, depth - 1)]
    if isinstance(value, dict):
        return [(f"[{k!r}]{key}", item) for k, member in value.items() for key, item in _members(member, depth - 1)]
    return [("", value)]


PATTERNS = _patterns()


def _literals(pattern: re.Pattern[Any]) -> list[str]:
    """Runs of literal characters in the expression, longest first."""
    source = pattern.pattern.decode("latin-1") if isinstance(pattern.pattern, bytes) else pattern.pattern
    runs: list[str] = []
    _walk(sre_parse.parse(source, pattern.flags & ~re.LOCALE), runs)
    return sorted({run for run in runs if run}, key=len, reverse=True)[:6]


def _walk(parsed: Any, runs: list[str]) -> None:
    current = ""
    for op, argument in parsed:
        if op is sre_constants.LITERAL:
            current += chr(argument)
            continue
        runs.append(current)
        current = ""
        for part in _parts(op, argument):
            _walk(part, runs)
    runs.append(current)


def _parts(op: Any, argument: Any) -> Iterator[Any]:
    """The sub-expressions of one parsed node."""
    if op is sre_constants.BRANCH:
        yield from argument[1]
    elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        yield argument[2]
    elif op is sre_constants.SUBPATTERN:
        yield argument[3]
    elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.ATOMIC_GROUP):
        yield argument[-1]


def hostile(pattern: re.Pattern[Any], size: int) -> Iterator[str]:
    """The strings to try, of about `size` characters."""
    for run in RUNS[1:]:
        yield (run * size)[:size]
        yield (run * size)[: size - 1] + "x"
        yield "x" + (run * size)[: size - 2] + "x"
    for literal in _literals(pattern):
        for prefix in {literal, literal[: max(1, len(literal) // 2)], literal[:-1] or literal}:
            yield (prefix * size)[:size]
        for run in (" ", "\t", "a", "-", "*", "#"):
            yield literal + run * size + "x"
            yield literal + run + "x" + run * size + "x"
            yield literal + run * size + "\n"


def _slowest(pattern: re.Pattern[Any], text: str | bytes) -> float:
    """The longest of one `search`, one `match` and one `findall`, in CPU time of this thread (other work on
    the machine does not count). A call a little over the limit is tried twice more and counts by its best
    time; one far over it is not run again."""
    worst = 0.0
    for call in (pattern.search, pattern.match, pattern.findall):
        best = float("inf")
        for _ in range(3):
            start = time.thread_time()
            call(text)
            best = min(best, time.thread_time() - start)
            if best < LIMIT or best > 4 * LIMIT:
                break
        worst = max(worst, best)
        if worst >= LIMIT:
            break
    return worst


def _params() -> list[Any]:
    marks = {name: pytest.mark.xfail(reason=reason, strict=False) for name, reason in KNOWN_SLOW.items()}
    return [pytest.param(name, id=name, marks=[marks[name]] if name in marks else []) for name in PATTERNS]


def test_the_walk_finds_the_expressions_of_every_stage() -> None:
    names = set(PATTERNS)
    assert {"extractor.scan.markers.CANDIDATE_RE", "extractor.lines.LINE_END_RE", "extractor.text.FENCE_RE"} <= names
    assert len(PATTERNS) >= 20


@pytest.mark.parametrize("name", _params())
def test_every_regular_expression_is_linear_on_hostile_text(name: str) -> None:
    pattern = PATTERNS[name]
    for size in SIZES:
        for text in hostile(pattern, size):
            subject: str | bytes = text.encode("utf-8", "surrogatepass") if isinstance(pattern.pattern, bytes) else text
            took = _slowest(pattern, subject)
            assert took < LIMIT, f"{name} took {took * 1000:.0f} ms on {len(text):,} characters: {text[:40]!r}..."
