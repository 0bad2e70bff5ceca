"""Today's rules counted over one commit's tree, read from git: the files `patterns check` would read then.

A commit's files are those under the `sources` (below the project's folder in the repository),
less `exclude`, the cache folder and tool folders (`node_modules`, `.venv`...), as the scan lists
them; symlinks and submodules are not read. Each rule counts the files its language, `files` and
`ignores` select. A folder's counts are kept by its tree id, so a folder no commit changed is not
walked again, and a file's by its blob id (`blobs.py`), so it is not parsed again.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from extractor.history.blobs import BlobTable, Counts, blob_counts, language_digest
from extractor.history.objects import FILES, TREE, Commit, Objects
from extractor.rules import Rule, rule_language
from extractor.scan.files import TOOL_DIRS


@dataclass
class TreeCounter:
    """What is needed to count a tree: the git reader, the rules by language, the cache, what to skip."""

    objects: Objects
    rules: list[Rule]
    """The active rules."""
    table: BlobTable
    skipped: Callable[[str], bool]
    """Whether a file (path relative to the project root) is left out: excluded, or in the cache folder."""
    max_size: int
    parsed: int = 0
    """Blobs parsed in this run (not found in the table)."""
    _by_language: dict[str, list[Rule]] = field(default_factory=dict)
    _digests: dict[str, str] = field(default_factory=dict)
    _trees: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rule in self.rules:
            self._by_language.setdefault(rule.language, []).append(rule)
        self._digests = {lang: language_digest(rules, self.max_size) for lang, rules in self._by_language.items()}

    @property
    def digests(self) -> list[str]:
        """The digests of the rules as they are, one per language."""
        return list(self._digests.values())

    def commit(self, commit: Commit, prefix: str, sources: list[str]) -> Counter[str]:
        """Rule id -> places at `commit`, for the project at `prefix` in the repository and its `sources`."""
        total: Counter[str] = Counter()
        for source in sources:
            tree = self._tree_at(commit.tree, posixpath.join(prefix, source) if source else prefix)
            if tree is not None:
                total.update(self._walk(tree, f"{source}/" if source else ""))
        return total

    def _tree_at(self, root: str, path: str) -> str | None:
        """The id of the folder at `path` (relative to the repository) in the tree `root`, or None."""
        tree = root
        for name in [part for part in path.split("/") if part]:
            found = next((oid for mode, entry, oid in self.objects.tree(tree) if entry == name and mode == TREE), None)
            if found is None:
                return None
            tree = found
        return tree

    def _walk(self, tree: str, folder: str) -> Counter[str]:
        """The counts of every file below the tree, whose path from the project root starts with `folder`."""
        key = (tree, folder)
        if key in self._trees:
            return self._trees[key]
        total: Counter[str] = Counter()
        for mode, name, oid in self.objects.tree(tree):
            path = folder + name
            if mode == TREE and name not in TOOL_DIRS:
                total.update(self._walk(oid, path + "/"))
            elif mode in FILES and not self.skipped(path):
                total.update(self._file(path, oid))
        self._trees[key] = total
        return total

    def _file(self, path: str, oid: str) -> Counts:
        language = rule_language(path)
        rules = self._by_language.get(language or "")
        if not rules or language is None:
            return {}
        applying = {r.id for r in rules if r.applies_to(_glob_path(path, r.base), language)}
        if not applying:
            return {}
        key = f"{self._digests[language]}:{posixpath.splitext(path)[1]}:{oid}"
        counts = self.table.get(key)
        if counts is None:
            _, data = self.objects.read(oid)
            counts = blob_counts(path, data, language, rules, self.max_size)
            self.table.put(key, counts)
            self.parsed += 1
        return {rule: n for rule, n in counts.items() if rule in applying}


def _glob_path(path: str, base: str) -> str:
    """The path a rule's globs are matched against: relative to its project folder (sgconfig.yml's)."""
    return path[len(base) + 1 :] if base and path.startswith(base + "/") else path
