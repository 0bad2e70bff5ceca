"""A living pattern catalogue: annotated code fills the Example slots of Markdown pattern pages.

The core (catalogue, scan, links, render, pipeline) knows nothing of MkDocs; `extractor.plugin`
and `extractor.cli` are thin adapters over `extractor.pipeline.run`.
"""

from extractor.model import Diagnostic, Example, Pattern, PatternsError, Settings
from extractor.pipeline import Result, run

__all__ = ["Diagnostic", "Example", "Pattern", "PatternsError", "Result", "Settings", "run"]
