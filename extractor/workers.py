"""Parsing shared with worker processes when a run has enough of it (a cold scan, the rules over a whole tree).

ast-grep holds the GIL, so threads parse one at a time; processes do not. A worker is a new
interpreter (`python -m extractor.workers`) started through `subprocess`, never a fork of this
process, so it is safe inside `mkdocs serve` and any process with threads. It imports the parsers
while this process lists and reads files, then takes chunks of work from a pipe and sends back
their results, its next chunk waiting in the pipe (`AHEAD`); this process works through the same
chunks from the other end meanwhile. Both ends are this tool, so the pipe carries pickles; nothing
read from disk is ever unpickled. A worker that fails or dies leaves its chunks to this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

TASKS = {
    "scan": ("extractor.scan", "scan_chunk"),
    "rules": ("extractor.rules.run", "check_chunk"),
    "highlight": ("extractor.highlights", "highlight_chunk"),
}
"""What a worker can be asked to do: a function of one chunk, by name."""
PRELOAD = ("extractor.scan.extract", "extractor.rules.run", "extractor.credentials")
"""What a worker imports before it is asked anything."""
WORTH = 1000
"""Files to read, at least, before a run starts workers: below that the parsing to share is too little to
pay for a new interpreter (about 0.1 s of CPU)."""
PATIENCE = 60.0
"""Seconds a run waits for a worker that has sent nothing back before doing its chunk itself."""
HEADER = 8
"""Bytes of a frame's length, big-endian, before the frame."""
AHEAD = 2
"""Chunks a worker is given at once: the next waits in the pipe, so the worker goes on without waiting for
this process to take its answer (which it does between its own chunks)."""
AHEAD_BYTES = 32 * 1024
"""Largest chunk sent ahead: half what a pipe holds (64 kB on Linux), so that writing it cannot block."""


class _Worker:
    """One worker process and the chunks sent to it, in the order it answers them."""

    def __init__(self) -> None:
        import subprocess

        command = [sys.executable, "-m", "extractor.workers"]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.busy: list[int] = []
        """Indexes of the chunks sent and not yet answered, oldest first."""

    def ready_for(self, frame: bytes) -> bool:
        """Whether a chunk can be sent now: none is in flight, or one is and this one is small enough to wait in
        the pipe (so that the worker never waits for the next chunk, and a send never blocks on a worker that is
        itself blocked sending an answer)."""
        return not self.busy or (len(self.busy) < AHEAD and len(frame) <= AHEAD_BYTES)

    def send(self, index: int, frame: bytes) -> bool:
        try:
            _send(self.process.stdin, frame)
        except (OSError, ValueError):
            return False
        self.busy.append(index)
        return True

    def receive(self) -> tuple[bool, Any]:
        """(True, result) of its oldest chunk, or (False, None) when it failed or died."""
        import pickle

        try:
            ok, result = _read(self.process.stdout)
        except (OSError, EOFError, pickle.UnpicklingError):
            return False, None
        return bool(ok), result

    def close(self) -> None:
        import subprocess

        for stream in (self.process.stdin, self.process.stdout):
            if stream:
                stream.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Workers:
    """The run's worker processes, started on first need and closed at the end of the run."""

    def __init__(self) -> None:
        self._workers: list[_Worker] = []

    @property
    def running(self) -> bool:
        """True while there are workers."""
        return bool(self._workers)

    def start(self, files: int) -> None:
        """Start the workers (one per CPU but this process's) when there are `files` to read and parse."""
        count = min((os.cpu_count() or 1) - 1, 3)
        if self._workers or files < WORTH or count < 1 or os.name != "posix":  # pipes are waited on with select
            return
        try:
            self._workers = [_Worker() for _ in range(count)]
        except OSError:
            self._workers = []

    def map(self, task: str, chunks: Sequence[T], here: Callable[[T], R]) -> list[R]:
        """`[here(chunk) for chunk in chunks]`, the chunks shared with the workers, if any, in order."""
        results: dict[int, R] = {}
        pending = list(range(len(chunks)))
        frames: dict[int, bytes] = {}
        while pending or any(w.busy for w in self._workers):
            for worker in list(self._workers):
                while pending:
                    index = pending[0]
                    if index not in frames:
                        frames[index] = _frame((task, chunks[index]))
                    if not worker.ready_for(frames[index]):
                        break
                    pending.pop(0)
                    if not worker.send(index, frames.pop(index)):
                        pending.insert(0, index)
                        self._drop(worker, pending)
                        break
            if pending:
                index = pending.pop()  # this process works from the end, the workers from the start
                frames.pop(index, None)
                results[index] = here(chunks[index])
            self._collect(results, pending, block=not pending)
        return [results[index] for index in range(len(chunks))]

    def _collect(self, results: dict[int, Any], pending: list[int], block: bool) -> None:
        """Take in the answers that are there (waiting for one when `block`); a failed chunk goes back to `pending`."""
        busy = {w.process.stdout: w for w in self._workers if w.busy and w.process.stdout}
        if not busy:
            return
        import select

        ready, _, _ = select.select(list(busy), [], [], PATIENCE if block else 0)
        if block and not ready:  # a worker that hangs leaves its chunks to this process
            for worker in busy.values():
                self._drop(worker, pending)
            return
        for stream in ready:
            worker = busy[stream]
            index = worker.busy.pop(0)
            ok, result = worker.receive()
            if ok:
                results[index] = result
            else:
                worker.busy.insert(0, index)
                self._drop(worker, pending)

    def _drop(self, worker: _Worker, pending: list[int]) -> None:
        """Close a worker that failed; the chunks it had go back to `pending`."""
        pending[:0] = worker.busy
        worker.busy = []
        self._workers.remove(worker)
        worker.close()

    def close(self) -> None:
        """Let the workers exit."""
        for worker in self._workers:
            worker.close()
        self._workers = []


WORKERS = Workers()
"""The process's workers (none until a run has enough to share)."""


def _frame(value: object) -> bytes:
    """One frame: the length of the pickle, then the pickle."""
    import pickle

    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return len(payload).to_bytes(HEADER, "big") + payload


def _send(stream: IO[bytes] | None, frame: bytes) -> None:
    """Write a frame (the stream may take it in several writes)."""
    assert stream is not None
    data = memoryview(frame)
    while data:
        data = data[stream.write(data) or 0 :]
    stream.flush()


def _read(stream: IO[bytes] | None) -> Any:
    """One frame (an unbuffered stream returns what is there, so each part is read to its end)."""
    import pickle

    assert stream is not None
    size = int.from_bytes(_exactly(stream, HEADER), "big")
    return pickle.loads(_exactly(stream, size))


def _exactly(stream: IO[bytes], size: int) -> bytes:
    parts = []
    while size:
        part = stream.read(size)
        if not part:
            raise EOFError
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def serve() -> None:
    """A worker: import the parsers, then answer each chunk with `(True, result)`, or `(False, why)`."""
    import importlib

    for module in PRELOAD:
        importlib.import_module(module)
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            task, chunk = _read(requests)
        except EOFError:
            return
        module, name = TASKS[task]
        try:
            answer: tuple[bool, object] = (True, getattr(importlib.import_module(module), name)(chunk))
        except Exception as exc:  # the chunk is done again by the process that sent it, which reports it
            answer = (False, repr(exc))
        _send(answers, _frame(answer))


if __name__ == "__main__":
    serve()
