"""Run one command and print its wall-clock seconds and peak RSS as one JSON line.

    python bench/peak.py TIMEOUT CWD COMMAND [ARG...]

A small launcher of its own (it imports nothing of the benchmark), because Linux's `ru_maxrss`
of a child counts the memory of the process it was forked from: Python starts children with
vfork, and `execve` carries the parent's high-water mark over. Started from the harness, whose
corpora and results take hundreds of MB, a child would report the harness's size; started from
this launcher, it carries at most the launcher's ~15 MB, below anything measured. `wait4` gives
the child's own peak after it exits, so the command runs unchanged.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time


def main(argv: list[str]) -> None:
    timeout, cwd, *command = argv
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    signal.signal(signal.SIGALRM, lambda *_: child.kill())
    signal.setitimer(signal.ITIMER_REAL, float(timeout))
    _, status, usage = os.wait4(child.pid, 0)  # not Popen.wait: it would reap the child and lose its usage
    seconds = time.perf_counter() - start
    signal.setitimer(signal.ITIMER_REAL, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "stopped": seconds >= float(timeout),
                "peak_mb": usage.ru_maxrss / 1024,
                "status": child.returncode,
                "launcher_mb": _own_peak_mb(),
            }
        )
    )


def _own_peak_mb() -> float:
    """This launcher's own high-water mark: the most a child can have carried over."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next((int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:")), 0.0)


if __name__ == "__main__":
    main(sys.argv[1:])
