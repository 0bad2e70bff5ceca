"""Facts about the machine and the tools, recorded with every run."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def machine(repo: Path, bin_dir: Path) -> dict[str, Any]:
    """Date, CPUs, memory, and the versions of what was measured."""
    cpuinfo = _read("/proc/cpuinfo").splitlines()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model or platform.processor(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "rg": _version(["rg", "--version"]),
        "git": _version(["git", "--version"]),
        "mkdocs": "MkDocs "
        + (_version([str(bin_dir / "mkdocs"), "--version"]) or "?").split("version ")[-1].split()[0],
        "commit": _version(["git", "-C", str(repo), "describe", "--always", "--dirty"]),
    }


def lines_label(count: int) -> str:
    """500000 -> 500k, 5000000 -> 5M."""
    if count % 1_000_000 == 0:
        return f"{count // 1_000_000}M"
    return f"{count // 1000}k" if count % 1000 == 0 else str(count)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def _version(args: list[str]) -> str | None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    except OSError:
        return None
    return done.stdout.splitlines()[0].strip() if done.returncode == 0 and done.stdout else None
