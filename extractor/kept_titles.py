"""What `patterns link` looks patterns up in, kept while the catalogue is unchanged.

The catalogue's `find.Titles` are kept with the stamps of the catalogue's inputs (`stamped`), so
that a lookup reads one file instead of mkdocs.yml and the catalogue.

The record (`titles.json` in the default cache folder, beside mkdocs.yml) is used while
mkdocs.yml and what it inherits, every catalogue page and folder, and the tool are unchanged, for
the same Python and environment (which `!ENV` in mkdocs.yml may read).
"""

from __future__ import annotations

import sys

from extractor import stamped
from extractor.find import Titled, Titles

NAME = "titles.json"


def read(config_file: str) -> tuple[Titles, bool] | None:
    """The titles kept for the catalogue of `config_file`, and whether the site has a `site_url`; None when there
    is no record, or an input changed."""
    path, key = _place(config_file)
    result = stamped.read(path, key, stamped.project_of(path)) if path else None
    patterns, aliases, site_url = (result.get(k) for k in ("patterns", "aliases", "site_url")) if result else [None] * 3
    if not isinstance(patterns, list) or not isinstance(aliases, dict) or not isinstance(site_url, bool):
        return None
    if not all(type(p) is list and len(p) == len(Titled._fields) and all(type(f) is str for f in p) for p in patterns):
        return None
    if not all(type(k) is str and type(v) is str for k, v in aliases.items()):
        return None
    return Titles(tuple(Titled(*p) for p in patterns), aliases), site_url


def keep(config_file: str, titles: Titles, site_url: bool, inputs: list[str], started_ns: int) -> None:
    """Keep `titles`, read from `inputs` by a run that started at `started_ns` (see `stamped.write`)."""
    path, key = _place(config_file)
    if path:
        result = {"patterns": [list(p) for p in titles.patterns], "aliases": titles.aliases, "site_url": site_url}
        stamped.write(path, key, inputs, stamped.project_of(path), result, started_ns, {})


def _place(config_file: str) -> tuple[str | None, list[object]]:
    """Where the record is, and its key: the config file, Python, the environment."""
    path = stamped.record_path(config_file, NAME)
    return path, [path, sys.executable, sys.version, stamped.environment_digest()]
