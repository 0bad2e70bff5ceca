"""What git tells the scan: links to source lines at the real commit, and which files are ignored."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from projects import QUERY, MakeProject, mkdocs_build, run_project

from extractor.config import PATHS
from extractor.model import PatternsError
from extractor.scan.files import list_files, watch_plan
from extractor.site_config import load_settings

CommitAll = Callable[[Path], str]


@pytest.mark.parametrize(
    ("options", "url"),
    [
        pytest.param(
            {"repo_url": "https://github.com/acme/shop"},
            "https://github.com/acme/shop/blob/{commit}/src/queries.ts#L4-L9",
            id="github",
        ),
        pytest.param(
            {"repo_url": "https://github.com/acme/shop/"},
            "https://github.com/acme/shop/blob/{commit}/src/queries.ts#L4-L9",
            id="github-trailing-slash",
        ),
        pytest.param(
            {"repo_url": "https://gitlab.com/acme/shop"},
            "https://gitlab.com/acme/shop/-/blob/{commit}/src/queries.ts#L4-9",
            id="gitlab",
        ),
        pytest.param(
            {"repo_url": "https://bitbucket.org/acme/shop"},
            "https://bitbucket.org/acme/shop/src/{commit}/src/queries.ts#lines-4:9",
            id="bitbucket",
        ),
        pytest.param(
            {"repo_url": "https://codeberg.org/acme/shop"},
            "https://codeberg.org/acme/shop/src/commit/{commit}/src/queries.ts#L4-L9",
            id="codeberg",
        ),
        pytest.param(
            {
                "repo_url": "https://git.example.com/acme/shop",
                "extra": "      source_url: '{repo_url}/tree/{commit}/{path}?from={start}&to={end}'\n",
            },
            "https://git.example.com/acme/shop/tree/{commit}/src/queries.ts?from=4&to=9",
            id="custom-template",
        ),
    ],
)
def test_source_link_names_the_real_commit_and_lines(
    make_project: MakeProject, commit_all: CommitAll, options: dict[str, str], url: str
) -> None:
    root = make_project(**options)
    head = commit_all(root)
    result = run_project(root)
    assert result.diagnostics == ()
    assert [e.url for e in result.examples] == [url.format(commit=head)]
    assert len(head) == 40


def test_source_link_uses_head_outside_a_repository(make_project: MakeProject) -> None:
    result = run_project(make_project(repo_url="https://github.com/acme/shop"))
    assert [e.url for e in result.examples] == ["https://github.com/acme/shop/blob/HEAD/src/queries.ts#L4-L9"]


def test_source_link_paths_start_at_the_repository_top(
    make_project: MakeProject, commit_all: CommitAll, tmp_path: Path
) -> None:
    root = make_project(folder="repo/docs-site", repo_url="https://github.com/acme/shop")
    head = commit_all(tmp_path / "repo")
    result = run_project(root)
    assert [e.path for e in result.examples] == ["src/queries.ts"]
    assert [e.url for e in result.examples] == [
        f"https://github.com/acme/shop/blob/{head}/docs-site/src/queries.ts#L4-L9"
    ]


def test_a_file_that_differs_from_the_linked_commit_gets_a_note_until_committed(
    make_project: MakeProject, commit_all: CommitAll, tmp_path: Path
) -> None:
    root = make_project(folder="repo/site", repo_url="https://github.com/acme/shop")
    head = commit_all(tmp_path / "repo")
    assert run_project(root).diagnostics == ()
    queries = root / "src/queries.ts"
    queries.write_text("\n" + queries.read_text(encoding="utf-8"), encoding="utf-8")  # its lines move down one
    (root / "src/new file.ts").write_text(QUERY, encoding="utf-8")  # never committed
    notes = [(d.code, d.location.path, d.severity.value) for d in run_project(root).diagnostics]
    assert notes == [
        ("source-link-uncommitted", "src/new file.ts", "info"),
        ("source-link-uncommitted", "src/queries.ts", "info"),
    ]
    assert f"differs from commit {head[:7]}, where the links to its 1 example point" in str(
        run_project(root).diagnostics
    )
    commit_all(tmp_path / "repo")
    assert run_project(root).diagnostics == ()


FIELDS = "use only the fields {repo_url}, {commit}, {path}, {start}, {end}"


@pytest.mark.parametrize(
    ("options", "diagnostic"),
    [
        pytest.param(
            {"repo_url": "https://github.com/acme/shop", "extra": "      source_url: '{repo_url}/{nope}'\n"},
            "error[config-invalid]: in the `patterns` plugin block, option 'source_url': '{repo_url}/{nope}' has the field {nope}; "
            + FIELDS,
            id="unknown-field",
        ),
        pytest.param(
            {"repo_url": "https://github.com/acme/shop", "extra": "      source_url: '{repo_url'\n"},
            "error[config-invalid]: in the `patterns` plugin block, option 'source_url': '{repo_url' is not a valid template "
            "(expected '}' before end of string); " + FIELDS,
            id="unclosed-brace",
        ),
        pytest.param(
            {"repo_url": "https://github.com/acme/shop", "extra": "      source_url: '{repo_url.__class__}/{path}'\n"},
            "error[config-invalid]: in the `patterns` plugin block, option 'source_url': '{repo_url.__class__}/{path}' has the field "
            "{repo_url.__class__}; " + FIELDS,
            id="attribute-access",
        ),
        pytest.param(
            {
                "repo_url": "https://github.com/acme/shop",
                "extra": "      source_url: '{repo_url}#L{start:>99999999}'\n",
            },
            "error[config-invalid]: in the `patterns` plugin block, option 'source_url': '{repo_url}#L{start:>99999999}' has the field "
            "{start:>99999999}; " + FIELDS,
            id="format-spec",
        ),
        pytest.param(
            {"repo_url": "https://github.com/acme/shop", "extra": "      source_url: 'javascript:alert(1)//{path}'\n"},
            "error[config-invalid]: in the `patterns` plugin block, option 'source_url': 'javascript:alert(1)//{path}' builds "
            "'javascript:alert(1)//a.py', which is not an http(s) address; start it with https:// or {repo_url}",
            id="javascript-scheme",
        ),
        pytest.param(
            {"repo_url": "https://git.example.com/acme/shop"},
            "warning[source-url-unknown-forge]: cannot tell the source link form of 'git.example.com'; set `source_url` in the patterns plugin block, "
            "e.g. '{repo_url}/blob/{commit}/{path}#L{start}-L{end}'",
            id="unknown-host",
        ),
    ],
)
def test_source_link_problems_point_at_the_config(
    make_project: MakeProject, options: dict[str, str], diagnostic: str
) -> None:
    root = make_project(**options)
    if "error[" in diagnostic:  # a bad template is refused with the rest of the plugin block, before any work
        with pytest.raises(PatternsError) as refused:
            load_settings(str(root / "mkdocs.yml"))
        assert str(refused.value) == f"{root}/mkdocs.yml:7: {diagnostic}"
        return
    result = run_project(root)
    assert [str(d) for d in result.diagnostics] == [f"mkdocs.yml: {diagnostic}"]
    assert [e.url for e in result.examples] == [None]


def test_gitignored_files_are_not_scanned(make_project: MakeProject, commit_all: CommitAll) -> None:
    unknown = "// @pattern backend/no-such-pattern\nexport const a = 1;\n"
    root = make_project(
        {
            ".gitignore": "src/generated/\n*.local.ts\n",
            "src/generated/api.ts": unknown,
            "src/dev.local.ts": unknown,
            "src/untracked.ts": None,
        }
    )
    commit_all(root)
    (root / "src" / "untracked.ts").write_text(
        "// @pattern backend/mutation-function-structure\nexport const b = 2;\n", encoding="utf-8"
    )
    result = run_project(root)
    assert result.diagnostics == ()
    assert sorted(e.path for e in result.examples) == ["src/queries.ts", "src/untracked.ts"]


def test_a_link_to_a_folder_that_git_lists_is_named_as_such(make_project: MakeProject, commit_all: CommitAll) -> None:
    root = make_project()
    (root / "src" / "shared").symlink_to("../src", target_is_directory=True)
    commit_all(root)
    result = run_project(root)
    assert [str(d) for d in result.diagnostics] == [
        "src/shared: info[file-skipped]: skipped: a symlink to a folder (links to folders are not followed)"
    ]
    assert [e.path for e in result.examples] == ["src/queries.ts"]  # found once, where it is


def test_excluded_and_tool_folders_are_not_scanned_outside_git(make_project: MakeProject) -> None:
    unknown = "// @pattern backend/no-such-pattern\nexport const a = 1;\n"
    root = make_project(
        {
            "src/node_modules/lib/index.ts": unknown,
            "src/.hidden/a.ts": unknown,
            "src/vendor/b.ts": unknown,
            "src/c.lock": unknown,
        },
        extra="      exclude:\n        - vendor\n        - '*.lock'\n",
    )
    result = run_project(root)
    assert result.diagnostics == ()
    assert [e.path for e in result.examples] == ["src/queries.ts"]


@pytest.mark.parametrize("option", PATHS)
@pytest.mark.parametrize("form", ["parent", "absolute", "symlink", "symlink-above"])
def test_no_option_naming_a_path_leads_outside_the_project(
    make_project: MakeProject, tmp_path: Path, option: str, form: str
) -> None:
    outside = tmp_path / "outside"
    (outside / "inner").mkdir(parents=True)
    value = {"parent": "../outside", "absolute": str(outside), "symlink": "link", "symlink-above": "link/inner"}[form]
    if option == "sources":
        root = make_project(sources=("src", value))
    elif option == "python_paths":
        root = make_project(extra=f"      {option}: ['.', '{value}']\n")
    else:
        root = make_project(extra=f"      {option}: '{value}'\n")
    (root / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(PatternsError, match=f"option '{option}': '{re.escape(value)}' (is|leads) outside the project"):
        load_settings(str(root / "mkdocs.yml"))


def test_the_plugin_refuses_a_path_outside_the_project_as_the_command_does(
    make_project: MakeProject, tmp_path: Path
) -> None:
    root = make_project(extra="      cache_dir: ../elsewhere\n")
    done = mkdocs_build(root, tmp_path / "site")
    assert done.returncode == 1
    assert "option 'cache_dir': '../elsewhere' is outside the project" in done.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_serve_watches_no_folder_the_scan_never_reads(
    make_project: MakeProject, commit_all: Callable[[Path], str]
) -> None:
    root = make_project(
        {
            ".gitignore": "node_modules/\n",
            "app/node_modules/dep/index.js": "x\n",
            "app/src/a.ts": "export const a = 1;\n",
            "app/src/deep/b.ts": "export const b = 1;\n",
            "app/lib/c.ts": "export const c = 1;\n",
            "tools/d.py": "d = 1\n",
        },
        sources=(".",),
    )
    commit_all(root)

    plan = {path.relative_to(root).as_posix(): recursive for path, recursive in watch_plan(root, (".",))}

    assert plan == {
        ".": False,
        "app": False,
        "app/src": True,
        "app/lib": True,
        "docs": True,
        "patterns": True,
        "src": True,
        "tools": True,
    }
    listed, _ = list_files(root, (".",), ())
    for path in listed:  # every file the scan reads is seen by a watch
        folder = posixpath.dirname(path) or "."
        assert plan.get(folder) is not None or any(
            recursive and path.startswith(f"{watched}/") for watched, recursive in plan.items()
        ), path
