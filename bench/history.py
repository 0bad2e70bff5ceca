"""A 200-commit history on top of a corpus, for the `patterns history` row.

The corpus's tree is cloned (objects shared, so it costs little) and given `COMMITS` more commits
in a row, seeded: each changes one to three TypeScript files of the Convex folders (the files the
corpus's rule reads), appending a query or an action, or
removing what an earlier commit appended, and one commit in twenty renames a file. No commit breaks
the rule, so `patterns check` passes at the last one, as a timed command must. Every commit has
a fixed identity and a date a day after the one before, so the same corpus gives the same hashes.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

from bench.corpus import GIT_ENV

COMMITS = 200

QUERY = """
export const benchHistory{n} = query({{
  args: {{ id: v.string() }},
  handler: async (ctx, {{ id }}) => {{
    return await ctx.db.query("items").withIndex("by_id", (q) => q.eq("id", id)).collect();
  }},
}});
"""

ACTION = """
export const benchHistoryAction{n} = action({{
  args: {{}},
  handler: async (ctx) => {{
    return await ctx.runQuery(internal.items.list, {{}});
  }},
}});
"""


def history_tree(corpus: Path, work: Path, commits: int = COMMITS) -> Path:
    """A clone of `corpus` in `work` with `commits` more commits; returns the clone's folder."""
    tree = work / "history"
    if tree.exists():
        shutil.rmtree(tree)
    _git(work, "clone", "-q", "--shared", str(corpus.resolve()), str(tree))
    files = sorted(
        p.relative_to(tree).as_posix()
        for p in tree.rglob("*.ts")
        if "/convex/" in p.as_posix() and ".git" not in p.parts
    )
    rng = random.Random(1)
    for n in range(commits):
        changed = _change(tree, files, rng, n)
        _git(tree, "add", "-A", "--", *changed, day=n)
        _git(tree, "commit", "-q", "-m", f"bench history commit {n}", day=n)
    return tree


def _change(tree: Path, files: list[str], rng: random.Random, n: int) -> list[str]:
    """Edit one to three files (one in twenty commits renames one instead); the paths touched."""
    if n % 20 == 19:
        old = files.pop(rng.randrange(len(files)))
        new = old.replace(".ts", f".moved{n}.ts")
        (tree / old).rename(tree / new)
        files.append(new)
        return [old, new]
    touched = rng.sample(files, k=min(len(files), rng.randint(1, 3)))
    for path in touched:
        text = (tree / path).read_text(encoding="utf-8")
        marker = "\nexport const benchHistory"
        if marker in text and rng.random() < 0.3:
            text = text[: text.index(marker)] + "\n"  # take back what earlier commits added
        else:
            text += (ACTION if rng.random() < 0.2 else QUERY).format(n=n)
        (tree / path).write_text(text, encoding="utf-8")
    return touched


def _git(cwd: Path, *args: str, day: int = 0) -> None:
    date = f"{1_704_067_200 + 86_400 * (day + 1)} +0000"  # 2024-01-02 on
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)
