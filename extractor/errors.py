"""The one exception the tool raises for bad input.

In a module of its own, so that a command can catch it without loading the model (`patterns link`,
answered from what `kept_titles` keeps); `extractor.model` exports it too.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from extractor.model import Diagnostic


class PatternsError(Exception):
    """The one exception the tool raises for bad input; adapters turn it into one error line.

    Raised with a `Diagnostic`, whose text is the exception's.
    """

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
