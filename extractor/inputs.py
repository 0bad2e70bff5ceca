"""Every input a run over a project may read, named as paths for `replay`.

A superset, found without following the run, so that a change anywhere a run could look changes a stamp:

- every file git lists in the project folder (tracked, and untracked but not ignored) but those in
  tools' folders (`TOOL_DIRS`: a virtual environment, `node_modules`), which no run reads; outside
  git, every file the scan's walk finds;
- every folder of the project but ignored ones, `.git` and the cache folder (a file added in a
  folder changes the folder's stamp), and the folders from the project up to the work tree's top,
  with their `.gitignore`;
- git's state: HEAD and the branch it names, packed refs, the index, the repository's config and
  `info/exclude`, the user's and the system's config and ignore files;
- what the run names: mkdocs.yml and the files it inherits, the catalogue pages, and the baseline,
  history, sgconfig and id list files, wherever they are;
- the tool: its modules, the folders Python imports from (installing or removing a package changes
  one), the interpreter.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from extractor.git import LS_FILES, Started, ignored_themselves
from extractor.scan.files import SKIPPED_DIRS, TOOL_DIRS, without_tool_dirs
from extractor.stamped import CACHE_TOP, folder_stamp

IGNORED = ("ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory")
WHERE = ("rev-parse", "--absolute-git-dir", "--git-common-dir", "--show-toplevel")
EXCLUDES = ("config", "--path", "--get", "core.excludesFile")


class Pending:
    """The inputs of a run over the project at `root`: git calls started with the command, and its folders walked
    and stamped in a thread while the command reads its settings; the run waits for those stamps
    (`wait_for_folders`) before it reads anything else, so that they are of the folders it reads."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.listing, self.ignored = Started(self.root, *LS_FILES), Started(self.root, *IGNORED)
        self.where, self.excludes = Started(self.root, *WHERE), Started(self.root, *EXCLUDES)
        self._walk: tuple[dict[str, int], list[str]] = ({}, [])
        self._thread = threading.Thread(target=self._walk_folders, daemon=True)
        self._thread.start()

    def _walk_folders(self) -> None:
        cache = os.path.join(self.root, CACHE_TOP)
        if self.where.output() is None:  # not a git work tree: the folders as the scan walks them
            self._walk = _walked(self.root, cache, lambda name, path: name in SKIPPED_DIRS or name[0] == ".")
            return
        listed = [p.rstrip("/") for p in _split(self.ignored.output()) if p.endswith("/")]
        avoided = {os.path.join(self.root, p) for p in ignored_themselves(self.root, listed)}
        self._walk = _walked(self.root, cache, lambda name, path: name in TOOL_DIRS or path in avoided)[0], []

    def wait_for_folders(self) -> None:
        self._thread.join()

    def inputs(self, named: Iterable[Path]) -> tuple[list[str], dict[str, int]]:
        """The paths of every input, relative to the project folder or absolute outside it, and the stamps of its
        folders before the run read them."""
        self._thread.join()
        folders, files = self._walk
        where = self.where.output()
        if where is not None:
            files = without_tool_dirs(_split(self.listing.output())) + _git_state(
                self.root, where, self.excludes.output()
            )
        found = [*folders, *files, *map(str, named), *_tool()]
        return list(dict.fromkeys(found)), folders


def of_catalogue(root: Path, catalogue: str, named: Iterable[Path]) -> list[str]:
    """The inputs of the catalogue alone: the files `named` (mkdocs.yml and what it inherits, the pages), the
    catalogue folder and every folder below it, and the tool."""
    top = root.resolve() / catalogue
    folders, _ = _walked(top, os.path.join(top, CACHE_TOP), lambda name, path: False)
    return list(dict.fromkeys([*(str(top / folder) for folder in folders), *map(str, named), *_tool()]))


def _split(out: bytes | None) -> list[str]:
    return [p for p in (out or b"").decode("utf-8", "surrogateescape").split("\0") if p]


def _walked(root: Path, cache: str, skipped: Callable[[str, str], bool]) -> tuple[dict[str, int], list[str]]:
    """The folders below `root` (relative; '.' for itself) with their stamps, and the files in them, without the
    folders `skipped(name, path)` names, `.git` and the cache folder `cache`."""
    top = str(root)
    folders: dict[str, int] = {}
    files: list[str] = []
    for directory, dirs, names in os.walk(top):
        here = os.path.relpath(directory, top)
        folders[here] = folder_stamp([*dirs, *names], here == ".")
        paths = {name: os.path.join(directory, name) for name in dirs}
        dirs[:] = [d for d in dirs if d != ".git" and paths[d] != cache and not skipped(d, paths[d])]
        files += [name if here == "." else f"{here}/{name}" for name in names]
    return folders, files


def _git_state(root: Path, where: bytes, excludes: bytes | None) -> list[str]:
    """The files of git's that decide what it lists (and which commit is checked out), and the folders from the
    project up to the work tree's top with their `.gitignore`."""
    lines = where.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 3:
        return []
    git_dir, common, top = Path(lines[0]), root / lines[1], Path(lines[2])
    found = [git_dir / "HEAD", git_dir / "index", common / "packed-refs", common / "config", common / "info/exclude"]
    try:
        head = (git_dir / "HEAD").read_text(errors="replace").strip()
    except OSError:
        head = ""
    if head.startswith("ref: "):
        found.append(common / head[5:])
    home = Path(os.environ.get("HOME", "~")).expanduser()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "git"
    found += [home / ".gitconfig", config / "config", config / "ignore", Path("/etc/gitconfig")]
    if excludes:
        found.append(Path(excludes.decode("utf-8", "surrogateescape").strip()))
    folder = root
    while folder != top and top in folder.parents:
        folder = folder.parent
        found += [folder, folder / ".gitignore"]
    return [str(path) for path in found]


def _tool() -> list[str]:
    """The tool's modules, the folders Python imports from, and the interpreter."""
    package = Path(__file__).resolve().parent
    modules = sorted(str(path) for path in package.rglob("*.py"))
    return [*modules, *(p for p in sys.path if p and os.path.isdir(p)), sys.executable]
