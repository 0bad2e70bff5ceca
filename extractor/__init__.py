"""A living pattern catalogue: annotated code fills the Example slots of Markdown pattern pages.

The core (catalogue, scan, links, render, pipeline) knows nothing of MkDocs; `extractor.plugin`
and `extractor.cli` are thin adapters over `extractor.pipeline.run`. Importing the package loads
nothing else: the names below are looked up in their modules when first asked for.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported: every `patterns` process imports this package first
if TYPE_CHECKING:
    from extractor.model import Diagnostic, Example, Pattern, PatternsError, Settings
    from extractor.pipeline import Result, Stage, run

_HOMES = {
    "Diagnostic": "extractor.model",
    "Example": "extractor.model",
    "Pattern": "extractor.model",
    "PatternsError": "extractor.model",
    "Settings": "extractor.model",
    "Result": "extractor.pipeline",
    "Stage": "extractor.pipeline",
    "run": "extractor.pipeline",
}

__all__ = ["Diagnostic", "Example", "Pattern", "PatternsError", "Result", "Settings", "Stage", "run"]


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
