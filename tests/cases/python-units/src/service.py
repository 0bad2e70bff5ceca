"""A module whose functions and classes carry markers."""

import functools

MARKER_TEXT = "# @pattern code/method"
HELP = """
# @pattern code/whole-class
# @pattern not an id
@pattern-foo code/method
"""


# @pattern code/decorated-function
@functools.cache
def cached_total(values: tuple[int, ...]) -> int:
    return sum(values)


class Basket:
    def __init__(self) -> None:
        self.items: list[int] = []

    # @pattern code/method
    def add(self, item: int) -> None:
        self.items.append(item)


def outer() -> int:
    # @pattern code/nested-function
    def inner() -> int:
        return 1

    return inner()


if MARKER_TEXT:
    # @pattern code/conditional-function
    def chosen() -> str:
        return "yes"


# @pattern code/whole-class
class Ledger:
    """Keeps entries."""

    def __init__(self) -> None:
        self.entries: list[str] = []

    def record(self, entry: str) -> None:
        self.entries.append(entry)


def documented() -> int:
    """Return two.

    @pattern code/docstring-marker
    """
    return 2


# @pattern code/stacked-markers
# @pattern code/module-statement title="Also a statement"
def both() -> None:
    pass


# @pattern code/module-statement
LIMITS = {
    "low": 1,
    "high": 9,
}
