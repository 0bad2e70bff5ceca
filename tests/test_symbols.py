"""Examples named by symbol: Python objects through griffe, TypeScript and JavaScript exports through ast-grep,
and the links between a Python example and its mkdocstrings API page."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import griffe
import pytest
from projects import PAGE, QUERY, MakeProject, git, mkdocs_build, plain, run_project
from test_cases import CASES, copy_case

from extractor.cli import run_cli
from extractor.model import Example
from extractor.symbols.api import relative_url
from extractor.symbols.names import closest

CommitAll = Callable[[Path], str]


def examples_by_symbol(root: Path) -> dict[str, Example]:
    return {e.symbol: e for e in run_project(root).examples if e.symbol}


def shown(example: Example) -> list[str]:
    return [line for segment in example.segments for line in segment.lines]


# (symbol, file it resolves to, first line, last line, first line shown)
TYPESCRIPT = [
    ("src/channels.ts#list", "src/channels.ts", 3, 11, "/**"),  # const, with its JSDoc
    (
        "src/channels.ts#create",
        "src/channels.ts",
        15,
        17,
        "export async function create",
    ),  # a line comment above is not JSDoc
    ("src/store.ts#Store", "src/store.ts", 7, 23, "/** A store of things. */"),  # class, JSDoc above its decorator
    ("src/store.ts#Store.get", "src/store.ts", 12, 18, "/**"),  # method: JSDoc, decorator, body
    ("src/store.ts#Shape", "src/store.ts", 25, 30, "/** What a store holds. */"),  # interface
    ("src/store.ts#Shape.size", "src/store.ts", 27, 28, "/** How many. */"),  # interface member
    ("src/store.ts#Id", "src/store.ts", 32, 32, "export type Id = string | number;"),  # type
    ("src/store.ts#Color", "src/store.ts", 34, 37, "export enum Color {"),  # enum
    ("src/store.ts#default", "src/store.ts", 39, 41, "export default function makeStore(): Store<Shape> {"),
    ("src/index.ts#listChannels", "src/channels.ts", 3, 11, "/**"),  # export { list as listChannels } from
    ("src/index.ts#Thing", "src/lib/thing.ts", 1, 8, "export class Thing {"),  # import, then export { Thing }
    ("src/index.ts#helper", "src/lib/helpers.js", 1, 7, "/**"),  # export * from "./lib", then export { } from
    ("src/lib/thing.ts#Thing.describe", "src/lib/thing.ts", 4, 7, "/** Says what it is. */"),  # named in the page
]

PYTHON = [
    ("shop:OrderService", "src/shop/orders/service.py", 13, 27, "class OrderService:"),  # two re-exports
    ("shop.orders.service:OrderService.place", "src/shop/orders/service.py", 16, 23, "@logged"),  # decorators
    ("shop.orders:OrderService.total", "src/shop/orders/service.py", 25, 27, "@property"),  # griffe leaves it out
    ("shop.orders.service:RETRIES", "src/shop/orders/service.py", 5, 6, "RETRIES = 3"),  # its docstring below
    ("shop:charge", "src/payments/gateway.py", 1, 3, "def charge(amount: int) -> bool:"),  # from another package
    ("shop.orders.service", "src/shop/orders/service.py", 1, 27, '"""Orders."""'),  # a whole module
]


@pytest.mark.parametrize(
    ("case", "symbol", "path", "start", "end", "first"),
    [("symbols-typescript", *row) for row in TYPESCRIPT] + [("symbols-python", *row) for row in PYTHON],
)
def test_a_symbol_resolves_to_its_declaration_with_what_documents_it(
    tmp_path: Path, case: str, symbol: str, path: str, start: int, end: int, first: str
) -> None:
    example = examples_by_symbol(copy_case(CASES / case, tmp_path))[symbol]
    assert (example.path, example.start, example.end) == (path, start, end)
    assert shown(example)[0].startswith(first)
    assert example.url == f"https://github.com/acme/shop/blob/HEAD/{path}#L{start}-L{end}"


def test_objects_of_a_real_package_vendored_into_the_project_match_griffes_lines(make_project: MakeProject) -> None:
    """pathspec, copied from this virtual environment's site-packages, as a team vendors a package."""
    installed = Path(importlib.util.find_spec("pathspec").origin or "").parent  # type: ignore[union-attr]
    reference = griffe.GriffeLoader(search_paths=[installed.parent], allow_inspection=False).load("pathspec")
    wanted = _objects(reference)
    assert len(wanted) >= 10, wanted
    symbols = "".join(f"          - pathspec:{name}\n" for name in wanted)
    extra = f"      python_paths: [vendor]\n      examples:\n        backend/query-function-structure:\n{symbols}"
    root = make_project(extra=extra)
    shutil.copytree(installed, root / "vendor" / "pathspec", ignore=shutil.ignore_patterns("__pycache__"))
    found = examples_by_symbol(root)
    for name, target in wanted.items():
        example = found[f"pathspec:{name}"]
        where = Path(target.filepath).relative_to(installed).as_posix()
        end = max(target.endlineno, target.docstring.endlineno if target.docstring else 0)
        assert (example.path, example.start, example.end) == (f"vendor/pathspec/{where}", target.lineno, end), name
        lines = (installed / where).read_text(encoding="utf-8").splitlines()[example.start - 1 : example.end]
        assert shown(example) == _dedented(lines), name


def _objects(package: griffe.Object | griffe.Alias) -> dict[str, griffe.Object]:
    """Public names of the package (most re-exported from its modules) and a few methods of its classes."""
    found: dict[str, griffe.Object] = {}
    for name, member in package.members.items():
        if name.startswith("_") or member.is_module:
            continue
        try:
            target = member.final_target if member.is_alias else member
        except griffe.AliasResolutionError:
            continue
        if target.is_class or target.is_function:
            found[name] = target
        for method, inner in list(target.members.items())[:3] if target.is_class else []:
            if inner.is_function and not inner.is_alias:
                found[f"{name}.{method}"] = inner
    return found


def _dedented(lines: list[str]) -> list[str]:
    width = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return [line[width:].rstrip() if line.strip() else "" for line in lines]


def test_naming_a_python_object_imports_and_runs_nothing(make_project: MakeProject, tmp_path: Path) -> None:
    proof = tmp_path / "imported"
    module = f"import pathlib\npathlib.Path({str(proof)!r}).write_text('ran')\nraise SystemExit(3)\n\n\ndef target():\n    return 1\n"
    extra = "      examples:\n        backend/query-function-structure:\n          - trap:target\n"
    root = make_project({"trap.py": module, "trap_package/__init__.py": module}, extra=extra)
    example = examples_by_symbol(root)["trap:target"]
    assert (example.path, example.start, example.end) == ("trap.py", 6, 7)
    assert not proof.exists()
    assert "trap" not in sys.modules


def _check(root: Path) -> tuple[int, str]:
    err = io.StringIO()
    status = run_cli(["-f", str(root / "mkdocs.yml"), "check"], io.StringIO(), err)
    return status, err.getvalue()


def _subprocess(root: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False)


def test_griffe_is_loaded_only_when_a_python_symbol_is_named(make_project: MakeProject) -> None:
    extra = "      examples:\n        backend/mutation-function-structure:\n          - src/queries.ts#list\n"
    root = make_project(extra=extra)
    code = "import sys; from extractor.cli import run_cli; run_cli(['check']); print('griffe' in sys.modules)"
    assert _subprocess(root, code).stdout.splitlines()[-1] == "False"
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + "          - shop:thing\n")
    (root / "shop.py").write_text("thing = 1\n", encoding="utf-8")
    assert _subprocess(root, code).stdout.splitlines()[-1] == "True"


def test_without_griffe_a_python_symbol_is_one_error_saying_what_to_install(make_project: MakeProject) -> None:
    extra = "      examples:\n        backend/query-function-structure:\n          - shop:thing\n"
    root = make_project(extra=extra)
    code = "import sys; sys.modules['griffe'] = None\nfrom extractor.cli import run_cli\nsys.exit(run_cli(['check']))"
    done = _subprocess(root, code)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "mkdocs.yml:8: error[symbol-needs-griffe]: shop:thing: naming Python objects needs griffe: "
        "`pip install living-patterns[python]` (or `pip install griffe`)",
    ]


SLOT = "**Example**: _(Will be populated from actual implementations)_\n"
NAMED = '**Example**:\n<!-- patterns:example src/queries.ts#list title="Named in the page" -->\n'


def _fill(root: Path, *argv: str) -> int:
    return run_cli(["-f", str(root / "mkdocs.yml"), "fill", *argv], io.StringIO(), io.StringIO())


def test_the_page_form_names_an_example_and_survives_fill_and_strip(make_project: MakeProject) -> None:
    page = PAGE.replace("// @pattern", "//").replace(SLOT, NAMED, 1)
    root = make_project({"patterns/backend-patterns.md": page, "src/queries.ts": "export const list = 1;\n"})
    example = examples_by_symbol(root)["src/queries.ts#list"]
    assert (example.pattern_id, example.title, example.start) == (
        "backend/query-function-structure",
        "Named in the page",
        1,
    )
    source = root / "patterns" / "backend-patterns.md"
    assert _fill(root) == 0
    filled = source.read_text(encoding="utf-8")
    assert NAMED + "<!-- patterns:fill backend/query-function-structure:" in filled
    assert "Named in the page: `src/queries.ts#list` in [`src/queries.ts` lines 1–1](../src/queries.ts)" in filled
    assert _fill(root) == 0 and source.read_text(encoding="utf-8") == filled
    assert examples_by_symbol(root)["src/queries.ts#list"].start == 1  # the filled block names nothing again
    assert _fill(root, "--strip") == 0
    assert source.read_text(encoding="utf-8") == page


def test_a_page_form_line_outside_every_pattern_is_an_error(make_project: MakeProject) -> None:
    page = PAGE.replace("## Convex", "<!-- patterns:example src/queries.ts#list -->\n\n## Convex")
    root = make_project({"patterns/backend-patterns.md": page})
    status, err = _check(root)
    assert status == 1
    assert err.splitlines()[0].startswith(
        "patterns/backend-patterns.md:3: error[symbol-invalid]: `patterns:example` outside any pattern"
    )


def test_the_caption_shows_the_symbol_and_the_tab_its_name(make_project: MakeProject) -> None:
    extra = "      examples:\n        backend/query-function-structure:\n          - src/queries.ts#list\n"
    unmarked = QUERY.replace("// @pattern backend/query-function-structure\n", "")
    root = make_project({"src/queries.ts": unmarked, "src/other.ts": QUERY}, extra=extra)
    page = next(p.text for p in run_project(root).pages if p.path == "backend-patterns.md")
    assert '<span class="filename"><code>src/queries.ts#list</code> · src/queries.ts:3-8</span>' in page
    assert '<label for="__tabbed_' in page and ">list</label>" in page  # the marked one and the named one
    assert "<autoref" not in page  # no mkdocstrings here


def test_a_symbol_naming_what_a_marker_gives_is_shown_once_with_a_warning(make_project: MakeProject) -> None:
    names = "          - src/queries.ts#list\n          - src/other.ts#list\n          - src/again.ts#list\n"
    again = QUERY.replace("// @pattern backend/query-function-structure\n", "")
    files = {"src/queries.ts": QUERY, "src/other.ts": again, "src/again.ts": 'export { list } from "./other";\n'}
    root = make_project(files, extra=f"      examples:\n        backend/query-function-structure:\n{names}")
    result = run_project(root)
    shown = [(e.path, e.start, e.symbol) for e in result.examples]
    assert shown == [("src/queries.ts", 4, ""), ("src/other.ts", 3, "src/other.ts#list")]
    repeated = [d for d in result.diagnostics if d.code == "example-repeated"]
    assert [(d.location.path, d.location.line) for d in repeated] == [("mkdocs.yml", 8), ("mkdocs.yml", 10)]
    assert "which a marker already gives 'backend/query-function-structure'" in repeated[0].message
    assert "which `src/other.ts#list` already gives" in repeated[1].message


def review(root: Path, base: str) -> str:
    out = io.StringIO()
    assert run_cli(["-f", str(root / "mkdocs.yml"), "review", "--base", base], out, io.StringIO()) == 0
    return out.getvalue()


def test_review_reports_a_symbol_whose_code_moved_to_another_file_as_moved(
    make_project: MakeProject, commit_all: CommitAll
) -> None:
    body = 'def place(order):\n    """Place it."""\n    return order\n'
    extra = "      examples:\n        backend/mutation-function-structure:\n          - shop:place\n"
    root = make_project({"shop/__init__.py": body}, extra=extra)
    base = commit_all(root)
    (root / "shop" / "__init__.py").write_text("from shop.orders import place\n", encoding="utf-8")
    (root / "shop" / "orders.py").write_text("import os\n\n\n" + body, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "move")
    summary = review(root, base)
    assert (
        "#### Examples moved (1)\n\n- `backend/mutation-function-structure`: `shop:place`, `shop/orders.py:4-6` (was `shop/__init__.py:1-3`)\n"
        in summary
    )
    assert "added" not in summary and "removed" not in summary


MKDOCSTRINGS = """\
site_name: Shop
use_directory_urls: {directories}
plugins:
  - search
{mkdocstrings}  - patterns:
      sources: [src]
      examples:
        backend/service-objects:
          - shop:OrderService
          - shop.orders.service:OrderService.place
        backend/settings:
          - shop.orders.service:RETRIES
nav:
  - index.md
  - api.md
  - patterns/backend-patterns.md
"""
WITH_MKDOCSTRINGS = """\
  - mkdocstrings:
      handlers:
        python:
          paths: [src]
          options:
            show_submodules: true
"""


def _shop(tmp_path: Path, mkdocstrings: bool, directories: bool = True) -> Path:
    root = copy_case(CASES / "symbols-python", tmp_path)
    config = MKDOCSTRINGS.format(mkdocstrings=WITH_MKDOCSTRINGS if mkdocstrings else "", directories=directories)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Shop\n", encoding="utf-8")
    (root / "docs" / "api.md").write_text("# API\n\n::: shop.orders.service\n", encoding="utf-8")
    return root


def _built(root: Path) -> Path:
    site = root.parent / "site"
    done = mkdocs_build(root, site, "--strict")
    assert done.returncode == 0, done.stderr
    return site


NOTE_RE = re.compile(
    r'<h(\d) id="([^"]+)"[^>]*>(?:(?!</h\1>).)*</h\1>\s*<div class="doc doc-contents[^"]*">\s*'
    r'<div class="admonition example pattern-illustrates">(.*?)</div>',
    re.DOTALL,
)
"""An object's heading on an API page, and the note about its patterns that opens its body."""


@pytest.mark.parametrize("directories", [True, False])
def test_with_mkdocstrings_an_example_and_its_api_entry_link_to_each_other(tmp_path: Path, directories: bool) -> None:
    site = _built(_shop(tmp_path, mkdocstrings=True, directories=directories))
    urls = ("patterns/backend-patterns/", "api/") if directories else ("patterns/backend-patterns.html", "api.html")
    pattern_file, api_file = (site / (u + "index.html" if u.endswith("/") else u) for u in urls)
    patterns, api = pattern_file.read_text(encoding="utf-8"), api_file.read_text(encoding="utf-8")
    link = r'<a class="autorefs autorefs-internal"[^>]*href="([^"]+)"><code>([^<]+)</code></a>'
    assert sorted(re.findall(link, patterns)) == [
        (relative_url(f"{urls[1]}#shop.orders.service.OrderService", urls[0]), "shop:OrderService"),
        (
            relative_url(f"{urls[1]}#shop.orders.service.OrderService.place", urls[0]),
            "shop.orders.service:OrderService.place",
        ),
        (relative_url(f"{urls[1]}#shop.orders.service.RETRIES", urls[0]), "shop.orders.service:RETRIES"),
    ]
    back = {anchor: re.findall(r'href="([^"]+)">([^<]+)</a>', note) for _, anchor, note in NOTE_RE.findall(api)}
    to = relative_url(urls[0], urls[1])
    assert back == {
        "shop.orders.service.OrderService": [(f"{to}#service-objects", "Service Objects")],
        "shop.orders.service.OrderService.place": [(f"{to}#service-objects", "Service Objects")],
        "shop.orders.service.RETRIES": [(f"{to}#settings", "Settings")],
    }
    for anchor in back:  # each link lands on a heading
        assert f'id="{anchor}"' in api
    assert 'id="service-objects"' in patterns and 'id="settings"' in patterns


def test_pages_written_by_patterns_build_hold_no_autoref_even_with_mkdocstrings(tmp_path: Path) -> None:
    root = _shop(tmp_path, mkdocstrings=True)
    out = tmp_path / "pages"
    done = subprocess.run(
        [str(Path(sys.executable).parent / "patterns"), "build", "--out", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    page = (out / "backend-patterns.md").read_text(encoding="utf-8")
    assert "<code>shop:OrderService</code>" in page  # no MkDocs reads these pages to resolve an `<autoref>`
    assert "autoref" not in page


def test_without_mkdocstrings_neither_link_appears_and_the_site_builds(tmp_path: Path) -> None:
    root = _shop(tmp_path, mkdocstrings=False)
    (root / "docs" / "api.md").write_text("# API\n\nNo reference here.\n", encoding="utf-8")
    site = _built(root)
    patterns = (site / "patterns/backend-patterns/index.html").read_text(encoding="utf-8")
    assert "<code>shop:OrderService</code> · " in patterns
    assert "autoref" not in patterns
    assert "pattern-illustrates" not in "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "class OrderService:" in plain(patterns)


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("patterns/backend/#slot", "api/", "../patterns/backend/#slot"),
        ("patterns/backend.html#slot", "api.html", "patterns/backend.html#slot"),
        ("patterns/backend/#slot", "", "patterns/backend/#slot"),
        ("patterns/backend/#slot", "patterns/backend/", "./#slot"),
        ("api/", "reference/python/api/", "../../../api/"),
    ],
)
def test_links_back_are_relative_to_the_api_page(target: str, page: str, expected: str) -> None:
    assert relative_url(target, page) == expected


def test_a_named_example_hides_what_hide_markers_hide_and_shows_no_marker_line(make_project: MakeProject) -> None:
    code = (
        "// @pattern backend/mutation-function-structure\n"
        "export function save(x: number): number {\n"
        "  // @pattern-hide-start\n"
        "  const noise = 1;\n"
        "  // @pattern-hide-end\n"
        "  return x + noise;\n"
        "}\n"
    )
    extra = "      examples:\n        backend/query-function-structure:\n          - src/save.ts#save\n"
    example = examples_by_symbol(make_project({"src/save.ts": code}, extra=extra))["src/save.ts#save"]
    assert (example.start, example.end) == (2, 7)
    assert [(s.start, s.lines, s.elided_after) for s in example.segments] == [
        (2, ("export function save(x: number): number {",), "  // ..."),
        (6, ("  return x + noise;", "}"), None),
    ]


def test_without_a_close_name_the_names_offered_are_public_ones_first() -> None:
    names = ["__copy__", "__class_vars__", "_private", "model_dump", "model_validate", "copy"]
    hint = closest("nope", names, "'pkg.Model'")
    assert hint == "; 'pkg.Model' has copy, model_dump, model_validate, __class_vars__, __copy__, _private"
