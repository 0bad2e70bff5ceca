"""The few facts taken from git: which files it tracks, the commit, where the project sits."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extractor.model import PatternsError, error

LS_FILES = ("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate", "--")


class Started:
    """A git command running in the background while the caller does other work; `result()` waits for it."""

    def __init__(self, cwd: Path, *args: str) -> None:
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["git", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except OSError:
            self._process = None
        self._result: tuple[int, bytes] | None = None

    def result(self) -> tuple[int, bytes]:
        """(exit status, output); status -1 when git could not be run."""
        if self._result is None:
            if self._process is None:
                self._result = (-1, b"")
            else:
                out, _ = self._process.communicate()
                self._result = (self._process.returncode, out)
        return self._result

    def output(self) -> bytes | None:
        """The output, or None when git failed (not a repository, no git)."""
        status, out = self.result()
        return out if status == 0 else None


def _git(cwd: Path, *args: str) -> bytes | None:
    return Started(cwd, *args).output()


def start_listing(root: Path, folders: list[str]) -> Started:
    """`tracked_files` started now, to be read by `tracked_files(..., started)`."""
    return Started(root, *LS_FILES, *folders)


def tracked_files(root: Path, folders: list[str], started: Started | None = None) -> list[str] | None:
    """Tracked and untracked, not ignored files below `folders` (relative to `root`, as are the paths
    returned), or None outside a git work tree; `started` is this very listing, started earlier."""
    out = (started or start_listing(root, folders)).output()
    return None if out is None else [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def start_status(root: Path) -> Started:
    """`git status` of the whole work tree, untracked files listed one by one, to be read by `uncommitted`."""
    return Started(root, "-c", "core.quotepath=off", "status", "--porcelain=v1", "-z", "--untracked-files=all")


def uncommitted(prefix: str, paths: set[str], started: Started | None) -> set[str]:
    """Those of `paths` (relative to the project folder, which is `prefix` in the repository) that differ from
    HEAD: changed, staged, or untracked; none outside a git work tree. (A status with the paths as pathspecs
    costs more than one of the whole tree: git matches every spec against every file.)"""
    out = started.output() if started else None
    if not out:
        return set()
    changed, skip = set(), False
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        if skip or len(entry) < 4:  # the source path of a rename, or the empty end
            skip = False
            continue
        skip = entry[0] in "RC"
        changed.add(entry[3:].removeprefix(f"{prefix}/") if prefix else entry[3:])
    return changed & paths


def ignored_folders(root: Path, folders: list[str]) -> list[str] | None:
    """The outermost git-ignored folders below `folders` (paths relative to `root`), or None outside a git work tree."""
    args = ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory", "--", *folders]
    out = _git(root, *args)
    if out is None:
        return None
    return [p.rstrip("/") for p in out.decode("utf-8", "surrogateescape").split("\0") if p.endswith("/")]


def ignored_themselves(root: Path, folders: list[str]) -> set[str]:
    """Those of `folders` (relative to `root`) that an ignore rule names, as opposed to folders `ignored_folders` lists
    because every file in them is ignored (`notes/` with `*.log` and only logs in it)."""
    if not folders:
        return set()
    command = ["git", "check-ignore", "-z", "--stdin"]
    names = "".join(f"{folder}/\0" for folder in folders).encode("utf-8", "surrogateescape")
    try:
        done = subprocess.run(command, cwd=root, input=names, capture_output=True, check=False)
    except OSError:
        return set()
    return {p.rstrip("/") for p in done.stdout.decode("utf-8", "surrogateescape").split("\0") if p}


def start_head_and_prefix(folder: Path) -> Started:
    """`head_and_prefix` started now."""
    return Started(folder, "rev-parse", "--show-prefix", "HEAD")


def head_and_prefix(folder: Path, started: Started | None = None) -> tuple[str | None, str]:
    """The full hash of HEAD (None outside a repository or before the first commit) and `prefix(folder)`, from one
    git call (`started` earlier, or now)."""
    status, out = (started or start_head_and_prefix(folder)).result()
    lines = out.decode().splitlines()  # the prefix, then the hash (or `HEAD` before the first commit)
    found = lines[0].strip().rstrip("/") if lines else ""
    return (lines[1].strip() if status == 0 and len(lines) > 1 else None), found


def prefix(folder: Path) -> str:
    """Path of `folder` inside its repository ('' at the top or outside a repository)."""
    out = _git(folder, "rev-parse", "--show-prefix")
    return out.decode().strip().rstrip("/") if out else ""


def toplevel(folder: Path) -> Path | None:
    """The top folder of the work tree holding `folder`, or None outside a git work tree."""
    out = _git(folder, "rev-parse", "--show-toplevel")
    return Path(out.decode().strip()) if out else None


def remote_url(folder: Path, name: str = "origin") -> str | None:
    """The URL of a remote of the repository holding `folder`, or None."""
    out = _git(folder, "remote", "get-url", name)
    return out.decode().strip() or None if out else None


def commit_of(folder: Path, rev: str) -> str | None:
    """The full hash of the commit `rev` names (branch, tag, hash, `HEAD~1`...), or None when it names none."""
    out = _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return out.decode().strip() if out else None


@contextmanager
def checkout(folder: Path, commit: str) -> Iterator[Path]:
    """A temporary detached worktree of `folder`'s repository at `commit`, its top folder; removed on exit.

    A worktree (not `git archive`) so that files are listed by `git ls-files` as in the work tree itself,
    hidden folders such as `.github` included; it also reads the objects of a shallow clone. Hooks are off.
    """
    import tempfile

    removed = False
    try:
        with tempfile.TemporaryDirectory(prefix="patterns-") as temporary:
            tree = Path(temporary) / "tree"
            _add_worktree(folder, tree, commit)
            try:
                yield tree
            finally:
                removed = _git(folder, "worktree", "remove", "--force", str(tree)) is not None
    finally:
        if not removed:  # the folder is gone by now: forget the worktree git still lists
            _git(folder, "worktree", "prune")


def _add_worktree(folder: Path, tree: Path, commit: str) -> None:
    command = ["git", "-c", "core.hooksPath=/dev/null", "worktree", "add", "--detach", "--quiet", str(tree), commit]
    try:
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise PatternsError(error("cli-usage", "", 0, f"cannot run git ({exc})")) from None
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise PatternsError(
            error("cli-usage", "", 0, f"cannot check out {commit} into a temporary folder: {reason[0]}")
        )
