"""How counts read in what the tool prints: "1 example", "2 examples"."""

from __future__ import annotations


def counted(number: int, word: str) -> str:
    """`number` and `word`, the word in the plural (an added "s") unless the number is one."""
    return f"{number} {word}{'' if number == 1 else 's'}"
