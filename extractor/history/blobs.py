"""What today's rules find in one version of a file, by blob id: computed once, kept in the cache folder.

A blob's counts depend only on its bytes, the rules of its language and the file's extension, so
`<language digest>:<extension>:<blob id>` names a result for good: a file unchanged over a hundred
commits, or renamed, is parsed once, in this run and every later one. The table is one JSON file,
`history-blobs.json`, in the cache folder (`cache_dir`); entries of rules that changed are dropped
when it is written. A file that cannot be read is noted and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

from ast_grep_py import Config, SgRoot

from extractor.model import Diagnostic, PatternsError, info
from extractor.read import read_text
from extractor.rules import Rule
from extractor.scan.extract import allow_markers
from extractor.scan.files import decode
from extractor.scan.languages import language_of
from extractor.write import Target, write_files

NAME = "history-blobs.json"
FORMAT = 1
Counts = dict[str, int]
"""Rule id -> places it matches in one file (after `@pattern-allow` excuses); rules that match nothing are left out."""


def language_digest(rules: Iterable[Rule], max_size: int) -> str:
    """A name for what a language's rules say (and the size limit), for the keys of their results."""
    said = [(r.id, r.follows, r.text, repr(r.config)) for r in sorted(rules, key=lambda r: r.id)]
    return hashlib.sha256(json.dumps([FORMAT, max_size, said]).encode()).hexdigest()[:16]


def blob_counts(path: str, data: bytes, language: str, rules: list[Rule], max_size: int) -> Counts:
    """What each rule of `language` finds in the file `path` holding `data`; violations excused in the code left out."""
    if len(data) > max_size:
        return {}
    text, _ = decode(path, data)
    if text is None:
        return {}
    root = SgRoot(text, language).root()
    allows = {(m.line, m.ref) for m in allow_markers(path, text, language_of(path))}
    counts: Counts = {}
    for rule in rules:
        lines = [node.range().start.line + 1 for node in root.find_all(cast(Config, rule.config))]
        if not rule.follows:
            lines = [line for line in lines if (line - 1, rule.id) not in allows]
        if lines:
            counts[rule.id] = len(lines)
    return counts


class BlobTable:
    """Counts by blob key, as read from the cache folder plus what this run computed."""

    def __init__(self, root: Path, folder: str | None) -> None:
        self.path = (root / folder / NAME) if folder else None
        self.shown = f"{folder.rstrip('/')}/{NAME}" if folder else NAME
        self.entries: dict[str, Counts] = {}
        self.added = 0
        self.diagnostics: list[Diagnostic] = []
        if self.path is not None and self.path.exists():
            self._load(self.path)

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(read_text(path))
            entries = data["entries"] if isinstance(data, dict) and data.get("format") == FORMAT else {}
            if not isinstance(entries, dict) or not all(_counts(v) for v in entries.values()):
                raise ValueError("malformed entries")
            self.entries = entries
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, RecursionError) as exc:
            message = f"history cache not readable ({exc}); it is rebuilt from git"
            self.diagnostics.append(info("cache-unreadable", self.shown, 0, message))

    def get(self, key: str) -> Counts | None:
        """The counts stored under `key`, if any."""
        return self.entries.get(key)

    def put(self, key: str, counts: Counts) -> None:
        """Remember the counts of one blob."""
        self.entries[key] = counts
        self.added += 1

    def save(self, digests: Iterable[str]) -> None:
        """Write the table (only entries of rules as they are now) when this run added to it."""
        if self.path is None or not self.added:
            return
        kept = set(digests)
        entries = {k: v for k, v in self.entries.items() if k.partition(":")[0] in kept}
        text = json.dumps({"format": FORMAT, "entries": entries}, separators=(",", ":"), sort_keys=True)
        targets = [Target(self.path, text + "\n", self.shown)]
        if not self.path.parent.exists():
            targets.append(
                Target(
                    self.path.parent / ".gitignore",
                    "# written by patterns: nothing here belongs in git\n*\n",
                    self.shown,
                )
            )
        try:
            write_files(targets, self.path.parent)
        except PatternsError as exc:
            problem = exc.diagnostic.message.removesuffix("; nothing was written")
            self.diagnostics.append(info("cache-unwritable", self.shown, 0, f"history cache not written: {problem}"))


def _counts(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(n, int) for k, n in cast(Mapping[str, object], value).items()
    )
