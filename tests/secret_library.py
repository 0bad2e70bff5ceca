"""detect-secrets on the same labelled corpus as the tool's own detector, for the comparison in the README.

Not a test (detect-secrets is not a dependency): install it apart and run this with the project's Python,

    python3 -m venv /tmp/ds && /tmp/ds/bin/pip install detect-secrets==1.5.0
    PYTHONPATH=$(echo /tmp/ds/lib/python3*/site-packages) .venv/bin/python tests/secret_library.py

It scans each case as a file, with every plugin and filter of detect-secrets' defaults. A
credential case counts as found if any of the file types tried finds it (the case does not say
which language it is in); an ordinary case is scanned as the type of the file it was taken from.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from detect_secrets.core.scan import scan_file  # type: ignore[import-not-found]
from detect_secrets.settings import default_settings  # type: ignore[import-not-found]
from secret_corpus import Case, credentials, measure

from extractor.credentials import find_credentials

TRIED = (".txt", ".py", ".js", ".yaml", ".env", ".json", ".xml", ".sh")
"""File types a credential case is scanned as."""


def _flagged(text: str, suffix: str) -> set[int]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"case{suffix}"
        path.write_text(text + "\n", encoding="utf-8")
        return {secret.line_number - 1 for secret in scan_file(str(path))}


def detect_secrets(case: Case) -> set[int]:
    """The lines detect-secrets flags in a case."""
    if case.name in {c.name for c in CREDENTIALS}:
        return set().union(*(_flagged(case.text, suffix) for suffix in TRIED))
    origin = case.name.split(":")[0]
    suffix = Path(origin).suffix if "/" in origin or "." in origin else ".txt"
    return _flagged(case.text, suffix or ".txt")


def ours(case: Case) -> list[int]:
    """The lines this tool's detector flags in a case."""
    return [finding.line for finding in find_credentials(case.text)]


CREDENTIALS = credentials()

if __name__ == "__main__":
    with default_settings():
        for name, detector in (("patterns", ours), ("detect-secrets 1.5.0", detect_secrets)):
            started = time.perf_counter()
            figures = measure(detector)
            print(f"{name}: {figures} ({time.perf_counter() - started:.1f} s)")
            for missed in figures.missed:
                print(f"  missed: {missed}")
            for line in figures.flagged[:40]:
                print(f"  flagged: {line}")
            sampled = measure(detector, "[!h]*.txt")  # the lines taken from real code, not hard-negatives.txt
            print(f"  on the {sampled.lines} lines taken from real code: {len(sampled.flagged)} flagged")
