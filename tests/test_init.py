"""`patterns init` in repositories as they come: none, a plain or a tagged mkdocs.yml, INHERIT, a nav; real builds."""

from __future__ import annotations

import difflib
import io
import os
from pathlib import Path

import pytest
from projects import PAGE, QUERY, git, mkdocs_build

from extractor.cli import run_cli
from extractor.discover import discover

CODE = {"src/queries.ts": QUERY, "src/util.ts": "export const id = (x: number) => x;\n"}


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def init(root: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_cli(["-f", str(root / "mkdocs.yml"), "init", *argv], out, err)
    return status, out.getvalue(), err.getvalue()


def cli_check(root: Path) -> int:
    return run_cli(["-f", str(root / "mkdocs.yml"), "check"], io.StringIO(), io.StringIO())


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines `after` removes from `before`, and those it adds."""
    diff = list(difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)))
    return [line[2:] for line in diff if line.startswith("- ")], [line[2:] for line in diff if line.startswith("+ ")]


def test_discover_finds_the_catalogue_folder_its_other_pages_and_the_code(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "docs/patterns/backend-patterns.md": PAGE + "\nSee [the guide](../guide.md) and [gone](../gone.md).\n",
            "docs/patterns/index.md": "# Patterns\n\nSee [backend](backend-patterns.md).\n",  # its home page
            "docs/patterns/notes.md": "# Notes\n\nNot a pattern page.\n",
            "docs/guide.md": "# Guide\n\n## Setup\n\n### Install\n\n**Note**: not a pattern page\n",
            "docs/notes/old-patterns.md": PAGE.replace("Function Structure", "Layout"),  # patterns of its own
            "docs/export/all-docs.md": "# Every page\n\n" + PAGE + PAGE.replace("Function Structure", "Shape") * 2,
            "docs/patterns/frontend-patterns.md": PAGE.replace("Backend", "Frontend"),
            "docs/patterns/deep/testing-patterns.md": PAGE.replace("Backend", "Testing"),
            "README.md": PAGE,  # at the root: never the catalogue
            ".hidden/x-patterns.md": PAGE,
            **CODE,
            "scripts/build.py": "print(1)\n",
            "docs/example.ts": "export const a = 1;\n",
        },
    )
    git(root, "init", "-q")  # git lists hidden folders' files, which a walk passes over
    found = discover(root)
    assert found.catalogue == "docs/patterns"
    assert found.pages == (
        "docs/patterns/backend-patterns.md",
        "docs/patterns/deep/testing-patterns.md",  # the catalogue's subfolders are part of it
        "docs/patterns/frontend-patterns.md",
    )
    assert found.others == ("notes.md",)
    assert found.elsewhere == ("docs/notes/old-patterns.md",)  # not the dump, which holds the whole catalogue
    assert found.hidden == (".hidden/x-patterns.md",)  # named, never the catalogue: MkDocs publishes no dot folder
    assert found.sources == ("scripts", "src")  # docs holds more Markdown than code
    assert found.comment == "// @pattern {id}"
    assert found.links_out == ("docs/guide.md",)  # files that exist outside the catalogue, which its site lacks


def test_init_without_mkdocs_yml_writes_a_site_that_builds_strict(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shop", {"docs/patterns/backend-patterns.md": PAGE, "docs/patterns/index.md": "# Mine\n", **CODE}
    )
    status, out, err = init(root)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "catalogue: docs/patterns/, 1 pattern page",
        "code: src",
        "wrote mkdocs.yml: a site of the catalogue (docs_dir: docs/patterns), with the `patterns` plugin and the "
        "Markdown extensions its pages use",
        "2 patterns, 1 example",
        "next: `mkdocs serve`, then open http://127.0.0.1:8000/",
    ]
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "docs_dir: docs/patterns\n" in config and "  - patterns:\n      catalogue: docs/patterns\n" in config
    umask = os.umask(0)
    os.umask(umask)
    assert (root / "mkdocs.yml").stat().st_mode & 0o777 == 0o666 & ~umask  # 0644 under umask 022
    assert init(root)[1].startswith("mkdocs.yml already has all the catalogue needs; nothing changed\n")
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == config
    done = mkdocs_build(root, tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "site/backend-patterns/index.html").read_text(encoding="utf-8")
    assert 'class="linenos"' in page and "src/queries.ts:4-9" in page  # the marked query, with its lines
    assert "Mine" in (tmp_path / "site/index.html").read_text(encoding="utf-8")  # the team's own home page
    assert "INFO    -  docs/patterns/index.md: info[index-placeholder-missing]" in done.stderr


def test_init_in_a_repository_without_pages_writes_a_starter_page_and_says_what_to_mark(tmp_path: Path) -> None:
    root = write(tmp_path / "app", {"app/main.py": "def main():\n    return 1\n"})
    status, out, _ = init(root)
    assert status == 0
    assert (
        out.splitlines()[0]
        == "no catalogue page found; wrote patterns/example-patterns.md, a page with one pattern to start from"
    )
    assert out.splitlines()[-1] == (
        "next: describe a pattern of your code in patterns/example-patterns.md, mark a function that follows it "
        "with `# @pattern example/first-pattern` on the line above it, then run `mkdocs serve`"
    )
    (root / "app/main.py").write_text("# @pattern example/first-pattern\ndef main():\n    return 1\n", encoding="utf-8")
    done = mkdocs_build(root, tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr
    assert "app/main.py:2-3" in (tmp_path / "site/example-patterns/index.html").read_text(encoding="utf-8")


def test_init_over_a_patterns_folder_of_other_pages_writes_a_starter_beside_them_that_builds_strict(
    tmp_path: Path,
) -> None:
    notes = "# Error handling\n\n1. **Try-catch**\n\nSee [async](./async-patterns.md).\n"  # a shape not read
    root = write(tmp_path / "app", {"patterns/coding/error-handling.md": notes, "src/main.ts": "export const a = 1;\n"})
    status, out, _ = init(root)
    assert status == 0
    assert out.splitlines()[1] == (
        "  other Markdown there, left out of the catalogue (`exclude_pages`) and the site (`exclude_docs`): "
        "coding/error-handling.md"
    )
    assert out.splitlines()[-1].startswith("next: describe a pattern of your code in patterns/example-patterns.md")
    assert cli_check(root) == 0
    done = mkdocs_build(root, tmp_path / "site", "--strict")  # the page's broken link is not the site's
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site/example-patterns/index.html").is_file()
    assert not (tmp_path / "site/coding").exists()


def test_the_pages_a_new_site_leaves_out_are_named_exactly_however_their_names_read(tmp_path: Path) -> None:
    other = "# Notes\n\nSee [gone](gone.md).\n"
    files = {
        "docs/patterns/b[1]*.md": other,  # as a pattern unescaped, `/b[1]*.md` would also match b1-patterns.md
        "docs/patterns/b1-patterns.md": PAGE.replace("Structure", "Layout"),
        "docs/patterns/backend-patterns.md": PAGE,
    }
    root = write(tmp_path / "shop", {**files, **CODE})
    assert init(root)[0] == 0
    done = mkdocs_build(root, tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr
    built = sorted(p.parent.name for p in (tmp_path / "site").rglob("index.html"))
    assert "b1-patterns" in built and not any(name.startswith("b[") for name in built), built


EXISTING = """\
# A site of its own, written by hand.
site_name: Shop docs   # the name on every page
repo_url: https://github.com/acme/shop

theme:
    name: material
    features: [content.code.copy]     # flow style, four spaces

extra:
    analytics:
        provider: google
        property: !ENV [GOOGLE_ANALYTICS_KEY, "none"]
    generator: false

plugins:
- search:
    lang: en
# - blog   (later)

markdown_extensions:
- toc:
    permalink: "#"
    slugify: !!python/object/apply:pymdownx.slugs.slugify
      kwds:
        case: lower
- pymdownx.emoji:
    emoji_index: !!python/name:material.extensions.emoji.twemoji
    emoji_generator: !!python/name:material.extensions.emoji.to_svg
- pymdownx.snippets:
    base_path: [!relative $config_dir]
- pymdownx.tabbed
- admonition

nav:
- Home: index.md
- Guide:
    - guide.md
"""
"""A mkdocs.yml with what real ones hold: comments, tags, flow lists, four-space and zero-offset indentation, a nav."""


def test_init_adds_only_what_is_missing_to_a_real_mkdocs_yml_and_keeps_every_line(tmp_path: Path) -> None:
    root = write(
        tmp_path / "shop",
        {
            "mkdocs.yml": EXISTING,
            "docs/index.md": "# Shop\n",
            "docs/guide.md": "# Guide\n",
            "patterns/backend-patterns.md": PAGE,
            **CODE,
        },
    )
    status, out, err = init(root)
    assert (status, err) == (0, "")
    assert out.splitlines()[2] == (
        "added to mkdocs.yml: the `patterns` plugin (catalogue: patterns; sources: src); the Markdown extensions its "
        "pages use (pymdownx.details and pymdownx.superfences); a nav entry `Patterns` for the catalogue pages"
    )
    after = (root / "mkdocs.yml").read_text(encoding="utf-8")
    removed, added = changes(EXISTING, after)
    assert removed == []
    assert added == [
        "- patterns:\n",
        "    catalogue: patterns\n",  # as `- search:` has its options
        "    sources:\n",
        "        - src\n",  # the file's own step, 4
        "- pymdownx.details\n",
        "- pymdownx.superfences\n",
        "- Patterns:\n",
        "    - patterns/index.md\n",
        "    - patterns/backend-patterns.md\n",
    ]
    assert init(root)[1].startswith("mkdocs.yml already has all the catalogue needs; nothing changed\n")
    done = mkdocs_build(root, tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site/patterns/backend-patterns/index.html").is_file()


def test_init_copies_an_inherited_list_before_adding_to_it(tmp_path: Path) -> None:
    base = "site_name: Base\ntheme:\n  name: material\nplugins:\n  - search:\n      lang: en\nmarkdown_extensions:\n  - admonition\n"
    child = "INHERIT: base.yml\nsite_name: Child   # its own name\n"
    root = write(
        tmp_path / "shop",
        {
            "base.yml": base,
            "mkdocs.yml": child,
            "docs/index.md": "# Home\n",
            "patterns/backend-patterns.md": PAGE,
            **CODE,
        },
    )
    assert init(root)[0] == 0
    after = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert after.startswith(
        child
        + "\n# plugins as in base.yml, with what the catalogue adds\nplugins:\n  - search:\n      lang: en\n  - patterns:\n"
    )
    assert (
        "\n# markdown_extensions as in base.yml, with what the catalogue adds\nmarkdown_extensions:\n  - admonition\n  - pymdownx.details\n"
        in after
    )
    assert (root / "base.yml").read_text(encoding="utf-8") == base
    assert init(root)[1].startswith("mkdocs.yml already has all the catalogue needs")
    done = mkdocs_build(root, tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site/search/search_index.json").is_file()  # the inherited search plugin is kept


@pytest.mark.parametrize(
    ("plugins", "expected"),
    [
        pytest.param("plugins: [search]\n", "plugins: [search, {patterns: {catalogue: patterns, sources: [src]}}]\n", id="flow-list"),
        pytest.param("plugins: []\n", "plugins: [{patterns: {catalogue: patterns, sources: [src]}}]\n", id="empty-flow-list"),
        pytest.param("plugins:\n  search: {}\n", "plugins:\n  search: {}\n  patterns:\n    catalogue: patterns\n    sources:\n      - src\n", id="mapping"),
        pytest.param("", "plugins:\n  - search\n  - patterns:\n      catalogue: patterns\n      sources:\n        - src\n", id="none"),
    ],
)  # fmt: skip
def test_init_adds_the_plugin_to_any_form_of_plugins(tmp_path: Path, plugins: str, expected: str) -> None:
    extensions = "markdown_extensions:\n  - admonition\n  - attr_list\n  - pymdownx.details\n  - pymdownx.highlight\n  - pymdownx.superfences\n  - pymdownx.tabbed:\n      alternate_style: true\n"
    text = "site_name: X\n" + extensions + plugins
    root = write(
        tmp_path / "x", {"mkdocs.yml": text, "docs/index.md": "# X\n", "patterns/backend-patterns.md": PAGE, **CODE}
    )
    assert init(root)[0] == 0
    after = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert after.endswith(expected), after
    done = mkdocs_build(root, tmp_path / "site", "--strict")
    assert done.returncode == 0, done.stderr


def test_init_dry_run_prints_the_change_and_writes_nothing(tmp_path: Path) -> None:
    root = write(tmp_path / "x", {"mkdocs.yml": EXISTING, "patterns/backend-patterns.md": PAGE, **CODE})
    status, out, _ = init(root, "--dry-run")
    assert status == 0
    assert out.startswith("--- a/mkdocs.yml\n+++ b/mkdocs.yml\n@@ ") and "+- patterns:\n" in out
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == EXISTING
