"""Files -> markers -> examples: the scanning stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractor.model import Diagnostic, Marker
from extractor.scan.extract import Found, allow_markers, extract_file
from extractor.scan.files import MAX_FILE_SIZE, list_files, read_marked
from extractor.scan.languages import language_of


@dataclass(frozen=True)
class Scan:
    """What the scan found: examples by file, and each file's language."""

    found: dict[str, list[Found]]
    """Examples (unresolved) by path relative to the root."""
    languages: dict[str, str]
    """Highlighting language by path."""
    paths: tuple[str, ...]
    """Every file listed under the sources, relative to the root."""
    allows: dict[str, list[Marker]]
    """`@pattern-allow` markers by path."""


def scan(
    root: Path,
    sources: tuple[str, ...],
    exclude: tuple[str, ...],
    config_file: str = "mkdocs.yml",
    max_size: int = MAX_FILE_SIZE,
) -> tuple[Scan, list[Diagnostic]]:
    """List the files under `sources`, read those holding markers, and cut out their examples."""
    paths, diagnostics = list_files(root, sources, exclude, config_file)
    files, problems = read_marked(root, paths, max_size)
    diagnostics.extend(problems)
    found: dict[str, list[Found]] = {}
    languages: dict[str, str] = {}
    allows: dict[str, list[Marker]] = {}
    for source in files:
        language = language_of(source.path)
        examples, problems = extract_file(source.path, source.text, language)
        diagnostics.extend(problems)
        if examples:
            found[source.path] = examples
            languages[source.path] = language.name
        allowed = allow_markers(source.path, source.text, language)
        if allowed:
            allows[source.path] = allowed
    return Scan(found, languages, tuple(paths), allows), diagnostics
