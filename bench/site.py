"""Two MkDocs builds of one site: with the `patterns` plugin, and from pages pre-rendered without it.

The pre-rendered twin is made once, before timing: `patterns build --out` writes the catalogue pages
the plugin would generate; they go into a copy of `docs_dir` under the catalogue folder, with the
`p/<id>/` redirect pages the plugin adds (taken from the plugin build's output), and a copy of
mkdocs.yml without the plugin, with the stylesheet `patterns build` writes in `extra_css`, points at that copy. Both builds run from the project's folder
(`pymdownx.snippets` paths are relative to it), so they produce the same site; `compare` says
whether they did.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from bench.timing import BIN, ENV


def build_command(config: Path, site: Path) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)]


def prepare(config: Path, work: Path) -> tuple[list[str], list[str], str]:
    """Make the pre-rendered twin of the site of `config` in `work`: the two build commands, and a note."""
    root = config.parent
    plugin_site, plain_site = work / "site-plugin", work / "site-plain"
    subprocess.run(build_command(config, plugin_site), cwd=root, env=ENV, check=True)
    rendered = work / "rendered"
    note = pre_render(config, rendered)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"], catalogue = _without_plugin(data.get("plugins", []))
    data["extra_css"] = [*data.get("extra_css", []), f"{catalogue}/patterns.css"]  # as the plugin adds it
    docs = work / "plain" / "docs"
    shutil.copytree(root / data.get("docs_dir", "docs"), docs)
    shutil.copytree(rendered, docs / catalogue, ignore=shutil.ignore_patterns("*.json"), dirs_exist_ok=True)
    if (plugin_site / "p").is_dir():
        shutil.copytree(plugin_site / "p", docs / "p")
    data["docs_dir"] = str(docs)
    plain = work / "plain" / "mkdocs.yml"
    plain.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    subprocess.run(build_command(plain, plain_site), cwd=root, env=ENV, check=True)
    return build_command(config, plugin_site), build_command(plain, plain_site), note


def _without_plugin(plugins: list[Any]) -> tuple[list[Any], str]:
    """The plugins list without `patterns`, and the plugin's catalogue folder."""
    kept, catalogue = [], "patterns"
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == "patterns":
            catalogue = ((entry[name] if isinstance(entry, dict) else None) or {}).get("catalogue", catalogue)
        else:
            kept.append(entry)
    return kept, catalogue.strip("/")


def pre_render(config: Path, out: Path) -> str:
    """Write the catalogue pages with `patterns build`; when it refuses (the project has errors), from `run()`.

    The plugin renders the pages whatever the diagnostics, so the pages are the same either way.
    """
    command = [str(BIN / "patterns"), "--config-file", str(config), "build", "--out", str(out)]
    done = subprocess.run(command, cwd=config.parent, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return ""
    from extractor.pipeline import run
    from extractor.site_config import load_settings

    result = run(load_settings(str(config)))
    for page in result.pages:
        (out / page.path).parent.mkdir(parents=True, exist_ok=True)
        (out / page.path).write_text(page.text, encoding="utf-8")
    errors = done.stderr.count(": error: ")
    return (
        f"`patterns build` refused ({errors} errors in the project); the pages were written from extractor.pipeline.run"
    )


def compare(work: Path) -> dict[str, object]:
    """Whether the two sites hold the same files with the same content.

    The builds order generated files last, so the sitemap and search index list pages in another
    order, and a generated page has no edit link, which leaves a few blank lines out of the page's
    HTML: content is compared ignoring whitespace, the sitemap as sorted words, the index as sorted entries.
    """
    first, second = work / "site-plugin", work / "site-plain"
    files = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    others = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    common = sorted((files & others) - {"sitemap.xml.gz"})
    differ = [f for f in common if not filecmp.cmp(first / f, second / f, shallow=False)]
    return {
        "files": len(files),
        "only_with_plugin": sorted(files - others),
        "only_pre_rendered": sorted(others - files),
        "bytes_differ": differ,
        "content_differs": [f for f in differ if _content(first / f) != _content(second / f)],
    }


def _content(path: Path) -> object:
    data = path.read_bytes()
    if path.name == "search_index.json":
        index = json.loads(data)
        return index.get("config"), sorted(json.dumps(doc, sort_keys=True) for doc in index.get("docs", []))
    if path.name == "sitemap.xml":
        return sorted(data.split())
    return b"".join(data.split())
