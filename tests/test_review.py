"""`patterns review --base REV`: what a change does to the examples, against a real git history."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from projects import PAGE, MakeProject, git, run_project
from test_rules import RULE_PATH, rule_project

from extractor.cli import run_cli
from extractor.model import Example, Kind, Pattern, Segment, SlotState, Span, error
from extractor.review import GITHUB_LIMIT, SHOWN, Change, ChangeKind, Lost, Review, render_markdown

CommitAll = Callable[[Path], str]
GITHUB = "https://github.com/acme/shop"
SITE = "site_url: https://acme.github.io/shop/\n"
QUERY_PAGE = "[`backend/query-function-structure`](https://acme.github.io/shop/p/backend/query-function-structure/)"
MUTATION = "import { mutation } from './server';\n// @pattern backend/mutation-function-structure\nexport const add = mutation({});\n"


def review(root: Path, *argv: str) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of `patterns review` in the project at root."""
    out, err = io.StringIO(), io.StringIO()
    status = run_cli(["-f", str(root / "mkdocs.yml"), "review", *argv], out, err)
    return status, out.getvalue(), err.getvalue()


def commit(root: Path) -> str:
    """Commit everything in the repository holding root; returns the new HEAD hash."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")
    return git(root, "rev-parse", "HEAD")


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edited_example_is_changed_with_a_link_to_its_new_lines(
    make_project: MakeProject, commit_all: CommitAll
) -> None:
    root = make_project(repo_url=GITHUB, extra=SITE)
    base = commit_all(root)
    edit(root, "src/queries.ts", ".collect();", ".take(10);")
    head = commit(root)
    assert review(root, "--base", base) == (
        0,
        f"### Pattern catalogue: changes since `{base}`\n\n#### Examples changed (1)\n\n"
        f"- {QUERY_PAGE}: [`src/queries.ts:4-9`]({GITHUB}/blob/{head}/src/queries.ts#L4-L9)\n",
        "",
    )


def test_moving_an_example_down_is_not_a_change(make_project: MakeProject, commit_all: CommitAll) -> None:
    root = make_project(repo_url=GITHUB, extra=SITE)
    base = commit_all(root)
    edit(
        root,
        "src/queries.ts",
        'import { query } from "./server";\n',
        '// Tasks.\n\nimport { query } from "./server";\n',
    )
    commit(root)
    assert [(e.start, e.end) for e in run_project(root).examples] == [(6, 11)]
    assert review(root, "--base", base) == (0, f"No pattern examples or markers changed since `{base}`.\n", "")


def test_nothing_changed_is_one_line_and_leaves_no_worktree(make_project: MakeProject, commit_all: CommitAll) -> None:
    root = make_project()
    commit_all(root)
    assert review(root, "--base", "HEAD") == (0, "No pattern examples or markers changed since `HEAD`.\n", "")
    assert len(git(root, "worktree", "list").splitlines()) == 1


def test_a_new_marker_is_an_added_example(make_project: MakeProject, commit_all: CommitAll) -> None:
    root = make_project(repo_url=GITHUB)
    commit_all(root)
    (root / "src" / "tasks.ts").write_text(MUTATION, encoding="utf-8")
    head = commit(root)
    status, out, _ = review(root, "--base", "HEAD~1")
    assert (status, out) == (
        0,
        "### Pattern catalogue: changes since `HEAD~1`\n\n#### Examples added (1)\n\n"
        f"- `backend/mutation-function-structure`: [`src/tasks.ts:3`]({GITHUB}/blob/{head}/src/tasks.ts#L3-L3)\n",
    )


def test_a_new_example_above_an_old_one_of_the_same_pattern_is_only_added(
    make_project: MakeProject, commit_all: CommitAll
) -> None:
    root = make_project()
    base = commit_all(root)
    marked = "// @pattern backend/query-function-structure\nexport const one = query({ args: {} });\n"
    edit(root, "src/queries.ts", "\n// @pattern", "\n" + marked + "\n// @pattern")
    _, out, _ = review(root, "--base", base)
    assert "#### Examples changed" not in out
    assert out.endswith("#### Examples added (1)\n\n- `backend/query-function-structure`: `src/queries.ts:4`\n")


def test_a_removed_marker_is_a_removed_example_and_its_pattern_lost_its_last_one(
    make_project: MakeProject, commit_all: CommitAll
) -> None:
    root = make_project(repo_url=GITHUB, extra=SITE)
    base = commit_all(root)
    edit(root, "src/queries.ts", "// @pattern backend/query-function-structure\n", "")
    commit(root)
    link = f"[`src/queries.ts:4-9`]({GITHUB}/blob/{base}/src/queries.ts#L4-L9)"
    assert review(root, "--base", base)[1] == (
        f"### Pattern catalogue: changes since `{base}`\n\n"
        f"#### Examples removed (1)\n\n- {QUERY_PAGE}: {link}\n\n"
        f"#### Patterns that lost their last example (1)\n\n- {QUERY_PAGE}: had {link}\n"
    )


def test_a_renamed_heading_leaves_the_old_marker_pointing_nowhere(
    make_project: MakeProject, commit_all: CommitAll
) -> None:
    root = make_project(repo_url=GITHUB, extra=SITE)
    base = commit_all(root)
    edit(root, "patterns/backend-patterns.md", "### Query Function Structure", "### Query Structure")
    head = commit(root)
    status, out, _ = review(root, "--base", base)
    assert status == 0
    assert out.endswith(
        "#### Markers that point nowhere (1)\n\n"
        f"- [`src/queries.ts:3`]({GITHUB}/blob/{head}/src/queries.ts#L3-L3): unknown pattern id "
        "'backend/query-function-structure'; did you mean 'backend/query-structure' or "
        "'backend/mutation-function-structure'?\n"
    )
    assert "#### Examples removed (1)\n\n- `backend/query-function-structure`: [`src/queries.ts:4-9`]" in out


def test_a_renamed_pattern_with_an_alias_keeps_its_examples(make_project: MakeProject, commit_all: CommitAll) -> None:
    root = make_project()
    base = commit_all(root)
    renamed = PAGE.replace("### Query Function Structure", "### Query Structure")
    aliased = "---\naliases:\n  backend/query-function-structure: query-structure\n---\n" + renamed
    (root / "patterns" / "backend-patterns.md").write_text(aliased, encoding="utf-8")
    edit(root, "src/queries.ts", "backend/query-function-structure", "backend/query-structure")
    assert review(root, "--base", base)[1] == f"No pattern examples or markers changed since `{base}`.\n"


def test_github_format_annotates_with_paths_from_the_repository_top(
    make_project: MakeProject, commit_all: CommitAll, tmp_path: Path
) -> None:
    root = make_project({"src/tasks.ts": MUTATION}, folder="repo/site")
    commit_all(tmp_path / "repo")
    edit(root, "src/queries.ts", ".collect();", ".take(10);")
    (root / "src" / "tasks.ts").unlink()
    (root / "src" / "bad.ts").write_text("// @pattern backend/no-such-pattern\nexport const a = 1;\n", encoding="utf-8")
    assert review(root, "--base", "main", "--format", "github") == (
        0,
        "::notice file=site/src/queries.ts,line=4,title=example-changed::changed example of backend/query-function-structure\n"
        "::warning file=site/src/bad.ts,line=1,title=unknown-id::unknown pattern id 'backend/no-such-pattern'; "
        "run `patterns list` to see the ids\n"
        "::warning file=site/patterns/backend-patterns.md,line=10,title=example-lost::pattern "
        "backend/mutation-function-structure lost its last example (was src/tasks.ts:3); "
        "mark code with `@pattern backend/mutation-function-structure`\n",
        "",
    )


def test_files_in_hidden_folders_are_found_at_the_base_too(make_project: MakeProject, commit_all: CommitAll) -> None:
    workflow = "# @pattern backend/mutation-function-structure\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    root = make_project({".github/workflows/ci.yml": workflow}, sources=(".",))
    base = commit_all(root)
    assert [e.path for e in run_project(root).examples] == [".github/workflows/ci.yml", "src/queries.ts"]
    assert review(root, "--base", base)[1] == f"No pattern examples or markers changed since `{base}`.\n"


def test_other_new_errors_are_in_the_summary_without_failing(make_project: MakeProject, commit_all: CommitAll) -> None:
    root = make_project()
    base = commit_all(root)
    (root / "src" / "region.ts").write_text(
        "// @pattern-start backend/query-function-structure\nconst a = 1;\n", encoding="utf-8"
    )
    status, out, _ = review(root, "--base", base)
    assert status == 0
    assert out.endswith(
        "#### Other new problems (`patterns check` lists them) (1)\n\n- `src/region.ts:1`: region "
        "'backend/query-function-structure' is never closed; add \\`@pattern-end backend/query-function-structure\\` "
        "after its last line\n"
    )  # the message as text, shown as written: its backticks are not code spans


def test_an_unknown_base_is_one_error_line(make_project: MakeProject, commit_all: CommitAll) -> None:
    root = make_project()
    commit_all(root)
    status, out, err = review(root, "--base", "no-such-branch")
    assert (status, out) == (1, "")
    assert err.startswith("error[cli-usage]: --base 'no-such-branch' names no commit of this repository; pass a branch")
    assert err.count("\n") == 1


def test_outside_a_repository_is_one_error_line(make_project: MakeProject) -> None:
    root = make_project()
    status, out, err = review(root, "--base", "main")
    assert (status, out) == (1, "")
    assert err == f"error[cli-usage]: {root} is not in a git repository; `patterns review` needs its history\n"


def test_a_new_rule_violation_links_its_anti_pattern_rather_than_a_page_path(
    make_project: MakeProject, commit_all: CommitAll
) -> None:
    root = rule_project(make_project, {RULE_PATH: None}, repo_url=GITHUB, extra=SITE)
    base = commit_all(root)
    rule_project(make_project, repo_url=GITHUB, extra=SITE)
    _, out, _ = review(root, "--base", base)
    item = out.splitlines()[-1]
    assert item.endswith(
        ": An action uses ctx.db ([`backend/database-access-from-actions`]"
        "(https://acme.github.io/shop/p/backend/database-access-from-actions/))"
    )
    assert "\\#" not in out and ".md" not in item


def test_without_a_site_url_a_violation_names_its_anti_pattern_by_id(
    make_project: MakeProject, commit_all: CommitAll
) -> None:
    root = rule_project(make_project, {RULE_PATH: None})
    base = commit_all(root)
    rule_project(make_project)
    _, out, _ = review(root, "--base", base)
    assert out.splitlines()[-1] == ("- `src/send.ts:6`: An action uses ctx.db (`backend/database-access-from-actions`)")


def many(count: int, long: str) -> Review:
    """A review with `count` items in every section, each with long paths and messages."""
    example = Example("p", "p", f"src/{long}.ts", 1, 9, "ts", "", (Segment(1, ("x",)),), f"https://x.test/{long}")
    pattern = Pattern(f"p/{long}", "T", Kind.PATTERN, "p", "", 1, Span(1, 2), SlotState.MISSING, None, None)
    return Review(
        tuple(Change(kind, "p", replace(example, start=n), True, example) for kind in ChangeKind for n in range(count)),
        tuple(error("unknown-id", f"src/{n}.ts", n, f"unknown pattern id {long}") for n in range(1, count + 1)),
        tuple(Lost(pattern, "patterns/p.md", (example,) * count) for _ in range(count)),
        tuple(
            replace(error("violation", f"src/{n}.ts", n, f"{long} [p/{long}] p.md#{long}"), rule=f"p/{long}")
            for n in range(1, count + 1)
        ),
    )


@pytest.mark.parametrize(
    ("count", "long"),
    [
        pytest.param(5000, "a", id="thousands-of-short-items"),
        pytest.param(3000, "<#é" * 3000, id="thousands-of-huge-escaped-items"),
    ],
)
def test_the_summary_stays_under_githubs_comment_limit_whatever_it_holds(count: int, long: str) -> None:
    out = render_markdown(many(count, long), "b" * 100_000, "https://acme.github.io/shop/", None)
    assert len(out.encode("utf-8")) < GITHUB_LIMIT
    headings = [line for line in out.splitlines() if line.startswith("#### ")]
    assert len(headings) == 7 and all(f"({count})" in h for h in headings)
    mores = [line for line in out.splitlines() if line.startswith("- and ")]
    assert len(mores) == 7 and all(line.endswith("to see them all") for line in mores)


def test_a_section_lists_its_first_items_then_counts_the_rest() -> None:
    out = render_markdown(many(SHOWN + 3, "a"), "main", None, None)
    problems = out.split("#### Other new problems")[1].splitlines()[2:]
    assert problems[0] == "- `src/1.ts:1`: a (`p/a`)"
    assert problems[SHOWN - 1].startswith(f"- `src/{SHOWN}.ts:")
    assert problems[SHOWN:] == ["- and 3 more: run `patterns check` to see them all"]
