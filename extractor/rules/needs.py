"""Words a file must hold for a rule to match anywhere in it, so that most files are never parsed for it (pure).

ast-grep matches a leaf of a `pattern` by its text, so every identifier, keyword or number written
in a pattern (meta-variables aside) appears in any code the pattern matches; a `regex` that is an
anchored choice of words (`^(action|internalAction)$`) makes the node's text one of them. A rule
matches only where its `pattern`, `regex`, `inside`, `has`, `precedes`, `follows` and every part
of `all` match, so their words are all needed; of `any`, only what every alternative needs; `not`,
`matches` (a utility rule), `kind` and patterns with another strictness or with comments need none.
The answer is a list of clauses, each a set of words of which the file must hold at least one.
"""

from __future__ import annotations

import re
from typing import Any

Needs = frozenset[frozenset[str]]
"""Clauses: the file must hold at least one word of each."""

WORD_RE = re.compile(r"[$A-Za-z0-9_]+")
"""A run of word characters and `$`: a meta-variable when it starts with `$`, else a word up to any `$` in it."""
CHOICE_RE = re.compile(r"\^\(?([A-Za-z_][A-Za-z0-9_]*(?:\|[A-Za-z_][A-Za-z0-9_]*)*)\)?\$")
"""A regex that is an anchored word, or an anchored choice of words."""
COMMENT_MARKS = ("//", "/*", "#", "--", "<!--")
RELATIONS = ("inside", "has", "precedes", "follows")


def needs(config: dict[str, Any]) -> Needs:
    """What a file must hold for the rule of an ast-grep rule's config (`rule:`) to match in it."""
    return frozenset(_needs(config.get("rule")))


def holds(text: str, clauses: Needs) -> bool:
    """Whether `text` holds a word of each clause."""
    return all(any(word in text for word in clause) for clause in clauses)


def _needs(rule: object) -> set[frozenset[str]]:
    if not isinstance(rule, dict):
        return set()
    found: set[frozenset[str]] = set()
    pattern = rule.get("pattern")
    if isinstance(pattern, str) and not any(mark in pattern for mark in COMMENT_MARKS):
        found |= {frozenset([word.partition("$")[0]]) for word in WORD_RE.findall(pattern) if word[0] != "$"}
    regex = rule.get("regex")
    choice = CHOICE_RE.fullmatch(regex) if isinstance(regex, str) else None
    if choice:
        found.add(frozenset(choice.group(1).split("|")))
    for key in RELATIONS:
        found |= _needs(rule.get(key))
    parts = rule.get("all")
    if isinstance(parts, list):
        for part in parts:
            found |= _needs(part)
    choices = rule.get("any")
    if isinstance(choices, list) and choices:
        found |= set.intersection(*(_needs(choice) for choice in choices))
    return found
