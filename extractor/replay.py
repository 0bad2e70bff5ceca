"""`check` and `list` print what the same command printed before, without running, while no input changed.

A command's output is kept with the stamps of every input of its run (`stamped`), and printed
again by the same command while not one of those inputs has changed.

`patterns check` and `patterns list` over a project where nothing changed print what the run before
them printed. The record (`replay-<key>.json` in the cache folder) holds the output and exit status,
under the inputs `extractor.inputs` names: every file git lists in the project, every folder a new
file could appear in, mkdocs.yml and what it inherits, the catalogue pages, git's own state, the
tool's code. Its key is the command line exactly, the folder it runs in, the Python that runs it,
whether its output goes to terminals, and the environment. Any change, or anything unexpected in
the record, runs the command.

Only for the default cache folder (the process finds it before reading mkdocs.yml); never with
`--no-cache`, nor when the cache could not be read. Only printable text, tabs and line ends are
printed back, never a control sequence a forged record could hold.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Iterable, Mapping, Sequence

from extractor import stamped

REPLAYED = frozenset({"check", "list"})
"""The commands whose output is kept: it depends on the project's files alone."""
KEPT = 8
"""Records kept per cache folder (one per command line), the most recently written."""

Chunk = tuple[int, str]
"""Text written to standard output (1) or standard error (2)."""


def replayed(argv: Sequence[str]) -> int | None:
    """Print the output kept for this command line and return its exit status, when every input of the run that
    printed it is unchanged; None (nothing printed) otherwise."""
    command = key(argv)
    path = record_path(argv, command)
    result = stamped.read(path, command, stamped.project_of(path)) if path else None
    output, status = (result.get("output"), result.get("status")) if result else (None, None)
    if type(status) is not int or not _valid_output(output):
        return None
    assert isinstance(output, list)
    for stream, text in output:
        (sys.stdout if stream == 1 else sys.stderr).write(text)
        (sys.stdout if stream == 1 else sys.stderr).flush()
    return status


def keep(
    argv: Sequence[str],
    started_ns: int,
    inputs: list[str],
    taken: Mapping[str, int],
    output: list[Chunk],
    status: int,
) -> None:
    """Keep the output of a run that started at `started_ns` (time.time_ns()), over `inputs` of which it stamped
    some before reading them (`taken`: see `stamped.write`), unless `stamped.write` refuses it or it holds what a replay would not print."""
    command = key(argv)
    path = record_path(argv, command)
    output = merged(output)
    if path is None or not _valid_output([list(chunk) for chunk in output]):
        return
    if stamped.write(
        path, command, inputs, stamped.project_of(path), {"output": output, "status": status}, started_ns, taken
    ):
        _forget_oldest(os.path.dirname(path))


def record_path(argv: Sequence[str], command: list[object]) -> str | None:
    """Where the record of this command line (its `key`) is, in the default cache folder beside its mkdocs.yml;
    None for a command whose output is not kept (another command, `--no-cache`, an option written otherwise)."""
    config, rest = "mkdocs.yml", list(argv)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option in ("-f", "--config-file") and rest:
            config = rest.pop(0)
        elif option.startswith("--config-file="):
            config = option.partition("=")[2]
        elif option not in ("-q", "--quiet"):
            return None
    if not rest or rest[0] not in REPLAYED:
        return None
    return stamped.record_path(
        config, f"replay-{zlib.crc32(json.dumps(command).encode('utf-8', 'surrogatepass')):08x}.json"
    )


def key(argv: Sequence[str]) -> list[object]:
    """What, besides its inputs, a run's output depends on."""
    tty = (sys.stdout.isatty(), sys.stderr.isatty())
    return [os.getcwd(), list(argv), sys.executable, sys.version, *tty, stamped.environment_digest()]


def merged(output: Iterable[Chunk]) -> list[Chunk]:
    """The chunks with consecutive writes to one stream joined."""
    joined: list[Chunk] = []
    for stream, text in output:
        if joined and joined[-1][0] == stream:
            joined[-1] = (stream, joined[-1][1] + text)
        elif text:
            joined.append((stream, text))
    return joined


def _valid_output(output: object) -> bool:
    """Chunks of printable text, tabs and line ends, for standard output or error: nothing that could move a
    terminal's cursor or change its state."""
    return type(output) is list and all(
        type(chunk) is list
        and len(chunk) == 2
        and chunk[0] in (1, 2)
        and type(chunk[1]) is str
        and chunk[1].replace("\n", "").replace("\t", "").isprintable()
        for chunk in output
    )


def _forget_oldest(folder: str) -> None:
    """Remove all but the `KEPT` most recent records."""
    try:
        records = [entry for entry in os.scandir(folder) if entry.name.startswith("replay-")]
        records.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime_ns, reverse=True)
        for old in records[KEPT:]:
            os.unlink(old.path)
    except OSError:  # another process removed one meanwhile
        return
