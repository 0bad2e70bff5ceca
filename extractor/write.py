"""Every file the tool writes goes through here: atomically, all or none, inside the folder it may write.

A file is first written in full to a temporary file beside it, then renamed over it, so a reader
(or a run killed half-way) sees the old content or the new, never a mix. A batch of files is all
written to temporaries before the first rename, so a folder that cannot be written or a page that
changed on disk stops the batch before anything is replaced. The rename itself cannot fail for one
file of a batch and not another short of the disk vanishing.

Modes: a new file gets the mode the umask gives any new file (0644 under umask 022), because it is
created with 0666 and the kernel applies the umask; a replaced file keeps its mode. A symlink stays
a symlink: the file it points at is replaced, provided that file is inside the allowed folder.
A file or folder without write permission (for anyone) is refused rather than replaced, root or not.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from extractor.model import PatternsError, error
from extractor.read import read_bytes
from extractor.wording import counted


@dataclass(frozen=True)
class Target:
    """One file to write."""

    path: Path
    """Where, as the command names it; a symlink there is followed."""
    text: str
    """The new content, written as UTF-8 exactly (no newline translation)."""
    shown: str
    """The path as messages name it."""
    expected: str | None = None
    """The content the file held when it was read; when it holds anything else now (an editor saved
    it meanwhile), nothing is written. None: no such check (a file the tool alone writes)."""


def write_file(path: Path, text: str, within: Path, shown: str | None = None) -> None:
    """Write one file (see `write_files`)."""
    write_files([Target(path, text, shown or str(path))], within)


def write_files(targets: Sequence[Target], within: Path) -> None:
    """Write every target or none; raises PatternsError (one line naming the file) when one cannot be.

    Every real path (symlinks resolved) must lie inside `within`.
    """
    top = within.resolve()
    places = [_place(target, top) for target in targets]
    temporaries: list[Path] = []
    try:
        for target, real in zip(targets, places, strict=True):
            temporaries.append(_temporary(target, real))
        for target, real in zip(targets, places, strict=True):
            _check_unchanged(target, real)
        for done, (temporary, real, target) in enumerate(zip(temporaries, places, targets, strict=True)):
            _attempt(target, _replace_failed(done), partial(os.replace, temporary, real))
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


def _place(target: Target, top: Path) -> Path:
    """The real path to write (a symlink's target), checked: inside `top`, writable, not a folder."""
    real = Path(os.path.realpath(target.path))
    if not real.is_relative_to(top):
        where = f" (a link to {real})" if target.path.is_symlink() else ""
        message = f"it is outside {top}{where}, the only folder this command writes in"
        raise PatternsError(error("write-outside", target.shown, 0, _nothing(message)))
    if real.is_dir():
        raise _failed(target, "it is a folder; name a file")
    if real.exists() and not _writable(real):
        raise _failed(target, "the file is read-only; make it writable (chmod u+w)")
    folder = _existing_ancestor(real.parent)
    shown = _folder_shown(target, real, folder)
    if not folder.is_dir():
        raise _failed(target, f"{shown} is not a folder")
    if not _writable(folder):
        raise _failed(target, f"the folder {shown} is read-only; make it writable (chmod u+w)")
    return real


def _folder_shown(target: Target, real: Path, folder: Path) -> str:
    """A folder above the file, named as the command named the file when it can be (`out`, not `/home/.../out`)."""
    below = "/" + real.relative_to(folder).as_posix()
    named = target.shown.replace("\\", "/")
    return named.removesuffix(below) if named.endswith(below) and named != below else str(folder)


def _writable(path: Path) -> bool:
    """Writable by this process, and not marked read-only for everyone (which root would otherwise ignore)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def _existing_ancestor(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _temporary(target: Target, real: Path) -> Path:
    """The new content in a temporary file beside `real`, with the mode the file will have."""
    _attempt(target, "cannot create its folder", lambda: real.parent.mkdir(parents=True, exist_ok=True))
    mode = stat.S_IMODE(real.stat().st_mode) if real.exists() else None
    temporary = real.parent / f".{real.name}.{secrets.token_hex(4)}.tmp"
    data = target.text.encode("utf-8")

    def write() -> None:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
        try:
            if mode is not None:
                os.fchmod(handle, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fsync(handle)
        finally:
            os.close(handle)

    try:
        _attempt(target, "cannot write the file", write)
    except PatternsError:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _check_unchanged(target: Target, real: Path) -> None:
    if target.expected is None:
        return
    try:
        now = read_bytes(real)
    except OSError:
        now = None
    if now != target.expected.encode("utf-8"):
        message = "changed on disk since this command read it (saved in an editor?), so it was not overwritten"
        raise PatternsError(error("write-conflict", target.shown, 0, _nothing(message)))


def _replace_failed(done: int) -> str:
    if not done:
        return "cannot replace the file"
    return f"cannot replace the file, after {counted(done, 'other file')} of this command were; run it again"


def _attempt(target: Target, what: str, action: Callable[[], object]) -> None:
    """Run `action`, turning an OSError into the one-line error of the file."""
    try:
        action()
    except OSError as exc:
        raise _failed(target, f"{what} ({exc.strerror or exc})") from None


def _failed(target: Target, message: str) -> PatternsError:
    return PatternsError(error("write-failed", target.shown, 0, _nothing(message)))


def _nothing(message: str) -> str:
    """The message, saying that no file of the batch was replaced unless it says otherwise."""
    return message if "run it again" in message else f"{message}; nothing was written"
