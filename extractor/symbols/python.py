"""Python objects by their path, through griffe: re-exports and aliases followed, nothing imported or run.

griffe reads the source files of the packages it finds in the search paths (only those inside the
project), visits them statically (`allow_inspection=False`: a module it cannot read is an error,
never imported), and resolves an alias to the object it stands for, loading the package that
defines it when that is another one of the search paths. griffe is an optional dependency
(`pip install living-patterns[python]`), imported only when a Python symbol is named.
"""

from __future__ import annotations

import ast
import importlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from extractor.confine import outside
from extractor.read import SPECIAL, read_bytes
from extractor.symbols.names import Located, Miss, Symbol, closest

INSTALL = "naming Python objects needs griffe: `pip install living-patterns[python]` (or `pip install griffe`)"


class PythonObjects:
    """Resolves Python symbols of one run; packages are loaded once, on first use."""

    def __init__(self, root: Path, search_paths: tuple[str, ...]) -> None:
        self.root = root.resolve()
        self.paths = [self.root / p for p in search_paths if (self.root / p).is_dir() and outside(root, p) is None]
        self._loader: Any = None
        self._missing: str | None = None
        self._packages: dict[str, Any] = {}
        """Top-level modules loaded so far (griffe's `load` reads a package again each time)."""

    def locate(self, symbol: Symbol) -> Located | Miss:
        """Where the object `symbol` names is defined, or why it cannot be found."""
        if not self.paths:
            return Miss(
                "symbol-unresolved", "none of the Python search paths (`python_paths`) is a folder of the project"
            )
        griffe = self._griffe()
        if griffe is None:
            return Miss("symbol-needs-griffe", self._missing or INSTALL)
        with _quiet(griffe):
            found = self._walk(griffe, symbol)
        if isinstance(found, Miss):
            return found
        return self._located(found)

    def _griffe(self) -> Any:
        if self._loader is None and self._missing is None:
            try:
                griffe = importlib.import_module("griffe")
            except ImportError:
                self._missing = INSTALL
                return None
            self._loader = griffe.GriffeLoader(search_paths=self.paths, allow_inspection=False)
            finder = self._loader.finder  # `.pth` files may add folders: keep those inside the project
            finder.search_paths[:] = [p for p in finder.search_paths if Path(p).resolve().is_relative_to(self.root)]
        return None if self._loader is None else importlib.import_module("griffe")

    def _walk(self, griffe: Any, symbol: Symbol) -> Any:
        """The object at the end of the symbol's path, each alias on the way followed, or a Miss."""
        parts = symbol.dotted.split(".")
        found = self._package(griffe, parts[0])
        for depth, part in enumerate(parts[1:], 1):
            if isinstance(found, Miss):
                return found
            members = dict(found.members)
            where = ".".join(parts[:depth])
            if not members:
                return Miss("symbol-unresolved", f"{where!r} is a {found.kind.value} without members to name")
            if part not in members:
                hint = closest(part, list(members), repr(where))
                return Miss("symbol-unresolved", f"{where!r} has no member {part!r}{hint}")
            found = self._target(griffe, members[part])
        return found

    def _package(self, griffe: Any, name: str) -> Any:
        """The top-level module `name`, loaded with its submodules."""
        try:
            _, spec = self._loader.finder.find_spec(name, try_relative_path=False)
            problem = self._unsafe(name, spec.path if isinstance(spec.path, list) else [spec.path])
            if problem:
                return problem
            if name not in self._packages:
                self._packages[name] = self._loader.load(name, try_relative_path=False)
            return self._target(griffe, self._packages[name])
        except ImportError:
            top = sorted(_modules(self.paths))
            shown = ", ".join(str(p.relative_to(self.root)) or "." for p in self.paths) or "none exists"
            hint = closest(name, top, "the search path")
            return Miss("symbol-unresolved", f"no module {name!r} in the Python search paths ({shown}){hint}")
        except (griffe.GriffeError, OSError, SyntaxError, UnicodeDecodeError) as exc:
            return Miss("symbol-unresolved", f"cannot read the module {name!r} ({exc})")

    def _unsafe(self, name: str, places: list[Path]) -> Miss | None:
        """Why the files of a package may not be read: one leads outside the project (a symlink), or is
        not a regular file (a FIFO would block griffe for ever). None when all may be."""
        for place in places:
            folder = place.parent if place.name in ("__init__.py", "__init__.pyi") else place
            for path in [folder, *_python_files(folder)] if folder.is_dir() else [place]:
                shown = path.relative_to(self.root) if path.is_relative_to(self.root) else path
                if not path.resolve().is_relative_to(self.root):
                    return Miss(
                        "symbol-invalid",
                        f"the module {name!r} ({shown}) leads outside the project through a symlink; "
                        f"the tool reads only inside {self.root}",
                    )
                if path.exists() and not (path.is_file() or path.is_dir()):
                    return Miss("symbol-invalid", f"the module {name!r} holds {shown}, {SPECIAL}; remove it")
        return None

    def _target(self, griffe: Any, found: Any) -> Any:
        """The object an alias stands for (the object itself when it is none), loading the packages it leads to."""
        while found.is_alias:
            try:
                return found.final_target
            except griffe.CyclicAliasError as exc:
                return Miss("symbol-unresolved", f"{found.path!r} is a cycle of aliases ({exc})")
            except griffe.AliasResolutionError as exc:
                package = exc.alias.target_path.split(".")[0]
                if package in self._loader.modules_collection.members or isinstance(
                    self._package(griffe, package), Miss
                ):
                    where = f"{found.path!r} is imported from {found.target_path!r}"
                    return Miss(
                        "symbol-unresolved",
                        f"{where}, which is not in the project's Python search paths (`python_paths`); "
                        "name an object the project holds",
                    )
        return found

    def _located(self, found: Any) -> Located | Miss:
        path = Path(found.filepath).resolve() if found.filepath else None
        if path is None or not path.is_relative_to(self.root):
            return Miss("symbol-invalid", f"{found.path!r} is defined outside the project ({path})")
        start = _decorated(path, found.lineno) if found.lineno else 1
        end = found.endlineno or len(found.lines) or start  # a module: all its lines
        if found.docstring is not None and found.docstring.endlineno:
            end = max(end, found.docstring.endlineno)  # an attribute's docstring is below it
        return Located(path.relative_to(self.root).as_posix(), start, end, found.path)


@contextmanager
def _quiet(griffe: Any) -> Iterator[None]:
    """griffe's own logger silenced: what it says is about the code it reads, and the run's diagnostics say what
    matters about the symbol. (mkdocstrings re-routes that logger into MkDocs' through an adapter, whose
    `logger` is the one to silence; MkDocs would count its messages as the build's warnings.)"""
    wrapped = griffe.logger
    real = getattr(wrapped, "logger", None)
    if not isinstance(real, logging.Logger):
        real = logging.getLogger(wrapped.name)
    before, real.disabled = real.disabled, True
    try:
        yield
    finally:
        real.disabled = before


def _python_files(folder: Path) -> list[Path]:
    """The `.py` and `.pyi` files under a package's folder (without following symlinked folders), which griffe reads."""
    found = []
    for top, folders, names in os.walk(folder):
        found += [Path(top, n) for n in names if n.endswith((".py", ".pyi"))]
        found += [Path(top, n) for n in folders if Path(top, n).is_symlink()]  # walked by griffe, not by os.walk
    return found


def _decorated(path: Path, line: int) -> int:
    """The first line of the decorators of the function or class at `line` (griffe leaves a property's out)."""
    try:
        tree = ast.parse(read_bytes(path))
    except (OSError, SyntaxError, ValueError):
        return line
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.decorator_list:
            first = min(d.lineno for d in node.decorator_list)
            if line in (node.lineno, first):
                return first
    return line


def _modules(paths: list[Path]) -> set[str]:
    """Names of the top-level modules and packages in the search paths, for suggestions."""
    names: set[str] = set()
    for folder in paths:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            stem, dot, suffix = entry.name.partition(".")
            if (dot and suffix in ("py", "pyi") and entry.is_file()) or (not dot and entry.is_dir()):
                names.add(stem)
    return names
