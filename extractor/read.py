"""Reading a file: only a regular one, opened without blocking, so no input can hang the tool.

Opening a FIFO waits for a writer, and reading a device may never end. Every file the tool reads
(sources, catalogue pages and their front matter, rule files and their tests, sgconfig.yml and its
folders, baselines, id lists, mkdocs.yml and the files it `INHERIT`s from, the cache) is opened
here with `O_NONBLOCK` and checked with `fstat` on the open file before a byte is read, so a file
swapped for a FIFO between a check and the read cannot hang it either. Each reader says what a
`SpecialFile` means for it: a note and a skip for a file found by walking a folder, an error for a
file the configuration or the command line names.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

SPECIAL = "not a regular file (a FIFO, device or socket)"
"""What a `SpecialFile` is, in the words of every message about one."""


class SpecialFile(OSError):
    """The path is a FIFO, socket or device: reading it could block forever or never end."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.EINVAL, SPECIAL, str(path))

    def __str__(self) -> str:
        return SPECIAL


class TooLarge(OSError):
    """The file is larger than the reader allows."""

    def __init__(self, path: Path | str, size: int) -> None:
        super().__init__(errno.EFBIG, f"{size:,} bytes", str(path))
        self.size = size
        """The file's size in bytes."""


def read_bytes(path: Path | str, max_size: int | None = None) -> bytes:
    """The bytes of a regular file (symlinks followed). Raises SpecialFile for a FIFO, socket or
    device, IsADirectoryError for a folder, TooLarge above `max_size`, OSError when it cannot be read."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(status.st_mode):
            raise SpecialFile(path)
        if max_size is not None and status.st_size > max_size:
            raise TooLarge(path, status.st_size)
        return file.read()


def read_text(path: Path | str) -> str:
    """The text of a regular UTF-8 file, as `Path.read_text` gives it; raises as `read_bytes`, or UnicodeDecodeError."""
    return read_bytes(path).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
