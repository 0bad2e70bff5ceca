"""One escaping path: each function of `extractor/escape.py` keeps any text inert and shown as written, and the
Markdown the tool writes (`patterns build --out`, `patterns fill`, `patterns review`, `patterns link`) holds no
live payload when read through Python-Markdown with the extensions sites use.

The browser half (a real `mkdocs build` of the same corpus read in chromium) is `test_browser_safety.py`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from payloads import (
    ACTIONS,
    BREAKERS,
    MARK,
    SITE_EXTENSIONS,
    injected,
    payload_project,
    payloads,
    shown,
    shown_code,
)
from projects import git, run_project
from test_cli import cli

from extractor import escape
from extractor.review import SHOWN

TEXT = st.one_of(
    st.sampled_from(payloads()),
    st.lists(st.sampled_from([*BREAKERS, *ACTIONS, "a", " ", "\u2028", "#", "1.", "- ", "\t"]), max_size=8).map(
        "".join
    ),
    st.text(max_size=40),
)
"""Payloads, mixtures of their parts, and any text at all."""


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=SITE_EXTENSIONS)


def rendered_page(text: str) -> str:
    """HTML of a catalogue page as MkDocs makes it: front matter off, then Python-Markdown."""
    return rendered(get_data(text)[0])


def words(fragment: str) -> str:
    """The text a reader sees in rendered HTML, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_md_text_is_inert_and_shown_as_written_in_a_paragraph_a_table_and_a_link(text: str) -> None:
    safe = escape.md_text(text)
    for page, where in (
        (f"x {safe} y", "paragraph"),
        (f"{safe}", "start of a line"),
        (f"| a | b |\n|---|---|\n| {safe} | z |", "table"),
        (f"- [{safe}](target.md) z", "link"),
    ):
        out = rendered(page)
        assert injected(out) == [], where
        assert shown(text) in words(out), where
    assert words(rendered(f"| a | b |\n|---|---|\n| {safe} | z |")).endswith(f"{shown(text)} z".strip())


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_md_code_is_one_code_span_holding_the_text(text: str) -> None:
    out = rendered(f"- x {escape.md_code(text)} y")
    assert injected(out) == []
    code = re.findall(r"<code>(.*?)</code>", out, re.DOTALL)
    assert len(code) == 1
    assert html.unescape(code[0]).strip() == escape.visible(text).strip()


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_a_link_holds_its_destination_whole(text: str, address: str) -> None:
    target = escape.url(f"https://example.com/{address}")
    assert target is not None
    out = rendered(escape.md_link(escape.md_text(text), target))
    assert injected(out) == []
    links = re.findall(r'<a href="([^"]*)">', out)
    assert [html.unescape(link) for link in links] == [escape.md_url(target)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_html_text_and_attributes_are_inert(text: str) -> None:
    out = f'<div title="{escape.html_attr(text)}"><span>{escape.html_text(text)}</span></div>'
    assert injected(out) == []
    assert words(rendered(out)) == shown(text)
    assert html.unescape(re.search(r'title="([^"]*)"', out).group(1)) == escape.spaced(text)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert('PWN')",
        " JavaScript:alert('PWN')",
        "\tjavascript:alert('PWN')",
        "java\nscript:alert('PWN')",
        "data:text/html,<script>alert('PWN')</script>",
        "vbscript:msgbox",
        "javascript://github.com/%0aalert('PWN')",
    ],
)
def test_a_url_with_a_script_scheme_is_never_a_link(address: str) -> None:
    target = escape.url(address)
    assert target is None or not re.match(r"\s*[a-z]+:", target, re.IGNORECASE)


def test_relative_paths_with_a_colon_are_not_read_as_a_scheme() -> None:
    assert escape.url_path("javascript:alert(1).md") == "javascript%3Aalert%281%29.md"
    assert escape.url(escape.url_path("javascript:alert(1).md")) is not None


def test_invisible_characters_are_shown_and_joiners_kept() -> None:
    assert escape.visible("a\u202eb\u200bc\nd\x1b") == "a<U+202E>b<U+200B>c<U+000A>d<U+001B>"
    assert escape.visible("👨\u200d👩 زن\u200cها") == "👨\u200d👩 زن\u200cها"


# ------------------------------------------------------------------- the Markdown the commands write


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return payload_project(tmp_path_factory.mktemp("payloads") / "project")


def test_build_out_pages_hold_no_live_payload(project: Path, tmp_path: Path) -> None:
    status, _, err = cli("-f", str(project / "mkdocs.yml"), "build", "--out", str(tmp_path / "out"))
    assert status == 1  # the aliases that are payloads are refused, and only they
    assert [line for line in err.splitlines() if "error[" in line and "alias-invalid" not in line] == []
    pages = sorted((tmp_path / "out").rglob("*.md"))
    assert len(pages) == 2
    for page in pages:
        out = rendered_page(page.read_text(encoding="utf-8"))
        assert injected(out) == [], page.name
        assert MARK in words(out)


def test_fill_writes_no_live_payload_and_strip_undoes_it(project: Path, tmp_path: Path) -> None:
    page = project / "patterns" / "backend-patterns.md"
    before = page.read_bytes()
    text = before.decode("utf-8")
    page.write_text(text[text.index("# Backend") :], encoding="utf-8")  # without the refused aliases
    try:
        status, _, err = cli("-f", str(project / "mkdocs.yml"), "fill")
        assert status == 0, err
        filled = page.read_text(encoding="utf-8")
        assert filled.count("<!-- /patterns:fill -->") == 1
        out = rendered_page(filled)
        assert injected(out) == []
        for path in sorted((project / "src").iterdir()):
            if path.name[:2].isdigit():
                assert shown_code(f"src/{path.name}") in words(out)
        assert cli("-f", str(project / "mkdocs.yml"), "fill", "--strip")[0] == 0
        assert page.read_text(encoding="utf-8") == text[text.index("# Backend") :]
    finally:
        page.write_bytes(before)


def test_link_prints_a_link_with_no_live_payload(project: Path) -> None:
    result = run_project(project)
    for pattern in result.catalogue.patterns:
        if pattern.title.startswith("P"):
            status, out, _ = cli("-f", str(project / "mkdocs.yml"), "link", "--max", "1", pattern.id)
            assert status == 0
            html_out = rendered(out)
            assert injected(html_out) == []
            assert words(html_out) == shown(pattern.title)


def test_review_summary_holds_no_live_payload(make_project: object, tmp_path: Path) -> None:
    root = payload_project(tmp_path / "project")
    newline_free = [p for p in (root / "src").iterdir() if "\n" not in p.name and "\r" not in p.name]
    for path in (root / "src").iterdir():
        if path not in newline_free:
            path.unlink()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    base = git(root, "rev-parse", "HEAD")
    (root / "src" / "stray.ts").write_text("// @pattern-start backend/query-function-structure\n", encoding="utf-8")
    payloads = sorted(p for p in newline_free if p.name[:2].isdigit())
    for batch in (payloads[n : n + SHOWN] for n in range(0, len(payloads), SHOWN)):  # a section lists SHOWN
        git(root, "checkout", "-q", "--", "src")
        for path in batch:
            path.write_text(path.read_text(encoding="utf-8").replace("export const", "export let"), encoding="utf-8")
        status, out, err = cli("-f", str(root / "mkdocs.yml"), "review", "--base", base)
        assert status == 0, err
        html_out = rendered(out)
        assert injected(html_out) == []
        assert out.count("\n- ") >= len(batch) and "more: run" not in out


def test_every_diagnostic_is_one_line_whatever_the_file_name(project: Path) -> None:
    status, _, err = cli("-f", str(project / "mkdocs.yml"), "check")
    assert status == 1
    lines = err.splitlines()
    assert len(lines) > 50  # a violation in every marked file, the refused aliases
    assert all(re.match(r"[^\n]*: (error|warning|info)\[[a-z-]+\]: ", line) for line in lines), lines
    assert any("<U+000A><U+000A>" in line for line in lines)  # a blank line in a file name, shown
