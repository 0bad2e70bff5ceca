"""Commits, trees and blobs read straight from git's object store, never checked out.

One `git cat-file --batch` process answers every read of a run: a commit's tree, a tree's entries,
a file's bytes at any commit. The commits of the current branch come from one `git log
--first-parent`, so a merge counts as one step of the branch it was merged into.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from extractor.model import PatternsError, error

TREE = "40000"
"""The mode of a folder in a tree object."""
FILES = ("100644", "100755")
"""The modes of regular files (symlinks, 120000, and submodules, 160000, are not read)."""


@dataclass(frozen=True)
class Commit:
    """One commit of the branch."""

    id: str
    """Its full hash."""
    tree: str
    """The hash of its root tree."""
    date: datetime
    """When it was committed (the committer's date), in UTC."""


Entry = tuple[str, str, str]
"""(mode, name, object id) of one entry of a tree."""


class Objects:
    """Reads objects through one `git cat-file --batch` process (see `open_objects`)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._in: IO[bytes] = process.stdin  # type: ignore[assignment]
        self._out: IO[bytes] = process.stdout  # type: ignore[assignment]

    def read(self, oid: str) -> tuple[str, bytes]:
        """(type, content) of the object `oid` names; PatternsError when the repository lacks it (a shallow clone)."""
        self._in.write(oid.encode() + b"\n")
        self._in.flush()
        header = self._out.readline().decode().split()
        if len(header) != 3:
            raise PatternsError(
                error(
                    "history-unavailable",
                    "",
                    0,
                    f"git has no object {oid}; fetch the whole history (`git fetch --unshallow`)",
                )
            )
        data = self._out.read(int(header[2]) + 1)[:-1]  # the content, then a newline
        return header[1], data

    def tree(self, oid: str) -> list[Entry]:
        """The entries of a tree object."""
        kind, data = self.read(oid)
        if kind != "tree":
            return []
        size = 20 if len(oid) == 40 else 32  # SHA-1 or SHA-256 repositories
        entries = []
        at = 0
        while at < len(data):
            space = data.index(b" ", at)
            nul = data.index(b"\0", space)
            raw = data[nul + 1 : nul + 1 + size]
            entries.append(
                (data[at:space].decode(), data[space + 1 : nul].decode("utf-8", "surrogateescape"), raw.hex())
            )
            at = nul + 1 + size
        return entries


@contextmanager
def open_objects(folder: Path) -> Iterator[Objects]:
    """An `Objects` reader of the repository holding `folder`; the process ends with the block."""
    try:
        process = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=folder,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError as exc:
        raise PatternsError(error("history-unavailable", "", 0, f"cannot run git ({exc})")) from None
    try:
        yield Objects(process)
    finally:
        for stream in (process.stdin, process.stdout):
            if stream:
                stream.close()
        process.wait()


def branch_commits(folder: Path) -> list[Commit]:
    """Every commit of the current branch's first-parent history, newest first."""
    try:
        done = subprocess.run(
            ["git", "log", "--first-parent", "--format=%H %T %ct", "HEAD", "--"],
            cwd=folder,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise PatternsError(error("history-unavailable", "", 0, f"cannot run git ({exc})")) from None
    if done.returncode != 0:
        why = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["not a git repository"]
        raise PatternsError(error("history-unavailable", "", 0, f"no history to read: {why[0]}"))
    commits = []
    for line in done.stdout.decode().splitlines():
        oid, tree, stamp = line.split()
        commits.append(Commit(oid, tree, datetime.fromtimestamp(int(stamp), UTC)))
    return commits
