"""Print docs/hostile-input.md from the hostile-input corpus: `python tests/hostile_table.py > docs/hostile-input.md`."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from extractor.wording import counted

HERE = Path(__file__).parent / "hostile"
ORDER = ["catalogue", "marker", "symbol", "file", "config", "rule", "write"]
HEAD = """\
# Bad input and what you see

Every row is a case of the test corpus (`tests/hostile/`): a project with one kind of bad input,
run through `patterns check` (or, for the files the tool writes, the command the row names). The output shown is the first line the tool printed for it, copied
from the case's expected output, which the test suite compares byte for byte with a real run.
Errors exit with status 1 and fail `mkdocs build --strict`; warnings fail only `--strict`; infos
never fail. The code in brackets names the kind of problem (see [Diagnostics](diagnostics.md)). No case
ends in a traceback.

Every value the tool puts into a page (a file name, a pattern or marker title, a rule's path or
message, a value of mkdocs.yml) goes through one escaping function for where it lands, so it reads
as written and never becomes HTML, markup or a link; a character that cannot be seen shows as
`<U+202E>`, and only http(s), mailto and relative addresses become links. The tool reads catalogue
pages, rules, sources and its cache only inside the project (symlinks resolved) and only when they
are regular files (never a FIFO, device or socket, which could hang it), and writes nothing but what
a command is for (the folder of `build --out`, the pages `fill` rewrites, the baseline, the files
`init` adds) and its cache folder, never outside the project or the output folder. Text that a team
writes into its own catalogue pages is Markdown, rendered as MkDocs renders any page.

| Input | What you see | Exit |
|---|---|:-:|
"""


def rows() -> list[str]:
    found = []
    for case in sorted(p for p in HERE.iterdir() if (p / "case.yml").is_file()):
        meta = yaml.safe_load((case / "case.yml").read_text(encoding="utf-8"))
        lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        shown = f"`` {lines[0].replace('<root>/', '')} ``" if lines else _accepted(meta)
        status = 1 if any(re.match(r"(.*: )?error\[", line) for line in lines) else 0
        found.append(
            (ORDER.index(meta["class"]), meta["class"], meta["description"], shown.replace("|", "\\|"), status)
        )
    return [f"| {klass}: {what} | {shown} | {status} |" for _, klass, what, shown, status in sorted(found)]


def _accepted(meta: dict[str, object]) -> str:
    examples = meta.get("examples")
    return (
        f"(nothing: accepted as it is; {counted(examples, 'example')} extracted)"
        if examples is not None
        else "(nothing)"
    )


if __name__ == "__main__":
    print(HEAD + "\n".join(rows()))
