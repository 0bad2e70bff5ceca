"""Links that survive renames: `p/<id>/` pages, aliases, `check --previous`, `--require-examples`, `link`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from projects import PAGE, MakeProject
from test_cli import cli
from test_site import mkdocs_build

RENAMED = PAGE.replace("### Query Function Structure", "### Query Functions")
"""The small catalogue after `Query Function Structure` was renamed (its id changes)."""

ALIASED = "---\naliases:\n  backend/query-function-structure: query-functions\n---\n" + RENAMED
"""The renamed catalogue with the former id kept as an alias."""

SITE = "site_url: https://example.com/docs/\n"


def previous_ids(make_project: MakeProject, tmp_path: Path) -> Path:
    """The ids.json `patterns build` writes for the small catalogue before any rename."""
    root = make_project(folder="before")
    status, _, err = cli("-f", str(root / "mkdocs.yml"), "build", "--out", str(tmp_path / "out"))
    assert status == 0, err
    return tmp_path / "out" / "ids.json"


def redirect_target(site: Path, pattern_id: str) -> str:
    """Where the `p/<id>/` page sends the reader, as a path in the site (with the anchor)."""
    page = (site / "p" / pattern_id / "index.html").read_text(encoding="utf-8")
    refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page)
    assert refresh, page
    return urljoin(f"/p/{pattern_id}/", refresh.group(1))


def test_every_pattern_of_this_site_has_a_stable_page_that_lands_on_its_anchor(tmp_path: Path) -> None:
    from projects import REPO

    site = tmp_path / "site"
    done = mkdocs_build(REPO, site, "--strict")
    assert done.returncode == 0, done.stderr
    ids = json.loads((site / "p" / "ids.json").read_text(encoding="utf-8"))["patterns"]
    assert "backend/query-function-structure" in ids
    for pattern_id in ids:
        target = redirect_target(site, pattern_id)
        path, _, anchor = target.partition("#")
        html = (site / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert anchor == pattern_id.split("/")[1]
        assert f'id="{anchor}"' in html, target


def test_a_former_id_keeps_its_stable_page_and_still_marks_code(make_project: MakeProject, tmp_path: Path) -> None:
    root = make_project({"patterns/backend-patterns.md": ALIASED})
    done = mkdocs_build(root, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert redirect_target(tmp_path / "site", "backend/query-function-structure") == (
        "/patterns/backend-patterns/#query-functions"
    )
    assert (
        "src/queries.ts:3: warning[former-id]: 'backend/query-function-structure' is a former id of 'backend/query-functions'"
        in (done.stderr)
    )


@pytest.mark.parametrize(
    ("page", "status", "expected"),
    [
        pytest.param(
            RENAMED,
            1,
            "patterns/backend-patterns.md:1: error[id-gone]: pattern id 'backend/query-function-structure' of the previous"
            " build is gone (closest now: 'backend/query-functions')",
            id="renamed-without-alias",
        ),
        pytest.param(ALIASED, 0, "", id="renamed-with-alias"),
        pytest.param(PAGE, 0, "", id="unchanged"),
    ],
)
def test_check_previous_reports_an_id_that_vanished_without_an_alias(
    make_project: MakeProject, tmp_path: Path, page: str, status: int, expected: str
) -> None:
    ids = previous_ids(make_project, tmp_path)
    root = make_project({"patterns/backend-patterns.md": page})
    code, _, err = cli("-f", str(root / "mkdocs.yml"), "check", "--previous", str(ids))
    assert code == status, err
    assert expected in err


def test_a_marker_naming_a_deleted_pattern_says_so(make_project: MakeProject, tmp_path: Path) -> None:
    ids = previous_ids(make_project, tmp_path)
    root = make_project({"patterns/backend-patterns.md": RENAMED})
    code, _, err = cli("-f", str(root / "mkdocs.yml"), "check", "--previous", str(ids))
    assert code == 1
    assert (
        "src/queries.ts:3: error[unknown-id]: marker names 'backend/query-function-structure', a pattern of the previous"
        in err
    )


@pytest.mark.parametrize("bad", ["not json", '{"ids": []}'])
def test_check_previous_rejects_a_file_that_is_not_an_id_list(
    make_project: MakeProject, tmp_path: Path, bad: str
) -> None:
    root = make_project()
    (tmp_path / "ids.json").write_text(bad, encoding="utf-8")
    code, _, err = cli("-f", str(root / "mkdocs.yml"), "check", "--previous", str(tmp_path / "ids.json"))
    assert code == 1
    assert err.startswith(f"{tmp_path / 'ids.json'}: error[cli-usage]: not an id list")


@pytest.mark.parametrize(
    ("argv", "extra"),
    [
        pytest.param(["check", "--require-examples"], "", id="flag"),
        pytest.param(["check"], "      require_examples: true\n", id="mkdocs.yml"),
    ],
)
def test_require_examples_fails_on_a_pattern_without_any(
    make_project: MakeProject, argv: list[str], extra: str
) -> None:
    root = make_project(extra=extra)
    code, _, err = cli("-f", str(root / "mkdocs.yml"), *argv)
    assert code == 1
    assert (
        "patterns/backend-patterns.md:10: error[example-required]: pattern 'backend/mutation-function-structure' has no example"
        in err
    )
    assert "query-function-structure' has no example" not in err


@pytest.mark.parametrize(
    ("query", "title"),
    [
        pytest.param("backend/mutation-function-structure", "Mutation Function Structure", id="id"),
        pytest.param("mutation-function-structure", "Mutation Function Structure", id="slug"),
        pytest.param("query function structure", "Query Function Structure", id="title-any-case"),
        pytest.param("mutation", "Mutation Function Structure", id="word"),
        pytest.param("Qeury Function Structur", "Query Function Structure", id="typo"),
        pytest.param("mutaton strucure", "Mutation Function Structure", id="misspelt-words"),
    ],
)
def test_link_prints_the_stable_url_of_the_best_match(make_project: MakeProject, query: str, title: str) -> None:
    root = make_project(extra=SITE)
    code, out, _ = cli("-f", str(root / "mkdocs.yml"), "link", query)
    assert code == 0
    slug = title.lower().replace(" ", "-")
    assert out == f"[{title}](https://example.com/docs/p/backend/{slug}/)\n"


def test_link_lists_the_other_matches_after_the_best(make_project: MakeProject) -> None:
    root = make_project(extra=SITE)
    code, out, err = cli("-f", str(root / "mkdocs.yml"), "link", "function", "structure")
    assert code == 0
    assert out.count("\n") == 1
    assert err.startswith("also: [")


def test_link_with_no_match_fails_with_the_closest_titles(make_project: MakeProject) -> None:
    root = make_project(extra=SITE)
    code, out, err = cli("-f", str(root / "mkdocs.yml"), "link", "funtion shape")
    assert (code, out) == (1, "")
    assert err.startswith("error[cli-usage]: no pattern matches 'funtion shape'; closest titles: ")
    assert "'Query Function Structure'" in err


def test_link_offers_no_title_that_only_shares_a_letter_with_the_query(make_project: MakeProject) -> None:
    root = make_project(extra=SITE)
    code, out, err = cli("-f", str(root / "mkdocs.yml"), "link", "zzzqqq")
    assert (code, out, err) == (
        1,
        "",
        "error[cli-usage]: no pattern matches 'zzzqqq'; `patterns list` shows them all\n",
    )
