"""`patterns history`: today's rules counted at sampled commits of the current branch, read from git's objects.

- `objects`: commits, trees and blobs through one `git cat-file --batch`.
- `count`: one commit's tree counted, folders by tree id and files by blob id.
- `blobs`: what the rules find in one blob, kept in the cache folder across runs.
- `data`: the history file the site draws its charts from.

The rules and the configuration are today's: the history answers "how would today's rules have
judged the code at each commit", so a rule written this week still shows whether its concern was
growing or shrinking before. The commits are those of `git log --first-parent HEAD`: a merged
branch counts once, at its merge.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from extractor import git
from extractor.history.data import History, Point, history_json, read_history
from extractor.model import Diagnostic, PatternsError, Settings, error

if TYPE_CHECKING:  # the counting machinery loads with `compute_history`: a run that reads the file needs none of it
    from extractor.history.objects import Commit

__all__ = ["History", "Point", "compute_history", "history_json", "read_history", "sampled"]

HistoryProgress = Callable[[int, int, int], None]
"""Told commits done, commits in all, files parsed so far."""


def compute_history(
    settings: Settings, since: str | None = None, every: int = 1, progress: HistoryProgress | None = None
) -> tuple[History, list[Diagnostic]]:
    """The counts of every active rule at each sampled commit (oldest first), and problems met on the way."""
    from extractor.globs import ignored
    from extractor.history.blobs import BlobTable
    from extractor.history.count import TreeCounter
    from extractor.history.objects import branch_commits, open_objects
    from extractor.pipeline import read_catalogue
    from extractor.rules import load_rules

    root = settings.root
    catalogue, diagnostics = read_catalogue(settings)
    rules, problems = load_rules(root, catalogue, settings.catalogue, False, settings.sgconfig)
    diagnostics += problems
    active = [r for r in rules if r.severity is not None]
    if not active:
        fix = "add one under the catalogue's `rules/` folder (see the rules page of the docs)"
        raise PatternsError(
            error(
                "history-unavailable", settings.config_file, 0, f"no pattern or anti-pattern has a rule to count; {fix}"
            )
        )
    commits = sampled(branch_commits(root), since, every, root)
    table = BlobTable(root, settings.cache_dir)
    cache = (f"{settings.cache_dir.strip('/')}/*",) if settings.cache_dir else ()
    prefix, sources = git.prefix(root), _sources(settings.sources)
    points = []
    with open_objects(root) as objects:
        counter = TreeCounter(objects, active, table, ignored(settings.exclude + cache), settings.max_file_size)
        for done, commit in enumerate(commits, 1):
            counts = counter.commit(commit, prefix, sources)
            points.append(
                _point(commit, counts, [r.id for r in active if r.follows], [r.id for r in active if not r.follows])
            )
            if progress:
                progress(done, len(commits), counter.parsed)
    table.save(counter.digests)
    return History(tuple(points), commits[-1].id if commits else ""), diagnostics + table.diagnostics


def sampled(commits: list[Commit], since: str | None, every: int, folder: Path) -> list[Commit]:
    """The commits to count, oldest first: from `since` (a commit of the branch, or a date) on, every `every`th
    counted back from the newest, so the newest is always one."""
    if since is not None:
        commits = _since(commits, since, folder)
    return list(reversed(commits[::every]))


def _since(commits: list[Commit], since: str, folder: Path) -> list[Commit]:
    """The commits (newest first) down to the commit `since` names, or committed on or after the date it is."""
    named = git.commit_of(folder, since)
    if named is not None:
        at = next((n for n, c in enumerate(commits) if c.id == named), None)
        if at is None:
            raise _usage(
                f"--since {since!r} is not a commit of the current branch's first-parent history; name one of `git log --first-parent`"
            )
        return commits[: at + 1]
    try:
        date = datetime.fromisoformat(since)
    except ValueError:
        raise _usage(
            f"--since {since!r} names no commit and is not a date; pass a commit, a tag or a date such as 2026-01-31"
        ) from None
    date = date if date.tzinfo else date.replace(tzinfo=UTC)
    return [c for c in commits if c.date >= date]


def _sources(sources: tuple[str, ...]) -> list[str]:
    """The source folders relative to the project root ('' for the root itself), none inside another."""
    folders = sorted({"" if (f := posixpath.normpath(s.strip("/") or ".")) == "." else f for s in sources})
    return [f for f in folders if not any(f != o and (o == "" or f.startswith(o + "/")) for o in folders)]


def _point(commit: Commit, counts: dict[str, int], follows: list[str], breaks: list[str]) -> Point:
    return Point(commit.id, commit.date, {i: counts.get(i, 0) for i in follows}, {i: counts.get(i, 0) for i in breaks})


def _usage(message: str) -> PatternsError:
    return PatternsError(error("cli-usage", "", 0, message))
