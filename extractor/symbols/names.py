"""How a symbol is written, where it may lead, and what naming one resolves to (pure).

Two forms, told apart by `#`:

- `package.module:Class.method` (or all dots, `package.module.Class.method`): a Python object,
  found through griffe in the Python search paths;
- `path/to/file.ts#name` or `path/to/file.ts#Class.method`: an exported TypeScript or JavaScript
  declaration (`#default` for the default export), or a member of an exported class or interface.

Either may be followed by `title="..."` and `allow-secret`, as a marker is.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from extractor.confine import outside

IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
PYTHON_RE = re.compile(rf"(?P<module>{IDENTIFIER}(?:\.{IDENTIFIER})*)(?::(?P<name>{IDENTIFIER}(?:\.{IDENTIFIER})*))?")
"""`module.path:Object.path`, the object part optional."""
SCRIPT_NAME_RE = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?")
"""An export, or an export's member (`Class.method`)."""
FORMS = "`package.module:Object` (Python) or `path/to/file.ts#Export` (TypeScript, JavaScript)"


@dataclass(frozen=True)
class Symbol:
    """A symbol as named."""

    text: str
    """As written."""
    file: str
    """For a TypeScript or JavaScript symbol: the file, relative to the project root; '' for Python."""
    module: str
    """For a Python symbol: the module path as written (`package.module`); '' otherwise."""
    name: str
    """The object inside the module or file (`Class.method`, `list`, `default`); '' for the module itself."""

    @property
    def python(self) -> bool:
        """True for a Python symbol."""
        return not self.file

    @property
    def dotted(self) -> str:
        """A Python symbol as one dotted path (`package.module.Class.method`), as mkdocstrings names objects."""
        return f"{self.module}.{self.name}" if self.name else self.module


@dataclass(frozen=True)
class Named:
    """One example named by symbol, and where it was named."""

    pattern: str
    """The pattern id as written."""
    symbol: Symbol
    """What it names."""
    title: str
    """The `title="..."` given, or ''."""
    allow_secret: bool
    """`allow-secret` was given: publish the code even if it looks like it holds a credential."""
    path: str
    """Where it was named: the config file or a catalogue page, relative to the project root."""
    line: int
    """Line where it was named (0 when unknown)."""


@dataclass(frozen=True)
class Located:
    """Where a symbol's declaration is."""

    path: str
    """The file, relative to the project root."""
    start: int
    """First line (decorators and the doc comment above included), 1-based."""
    end: int
    """Last line (a Python docstring below an attribute included)."""
    canonical: str = ""
    """For a Python object: its path where it is defined (re-exports and aliases followed)."""


@dataclass(frozen=True)
class Miss:
    """Why a symbol does not resolve."""

    code: str
    """`symbol-unresolved`, `symbol-invalid` or `symbol-needs-griffe`."""
    message: str
    """What is wrong and what to write instead."""


def parse_named(text: str) -> tuple[str, str, bool] | str:
    """(symbol, title, allow_secret) from `symbol title="..." allow-secret`, or what is wrong with it."""
    try:
        words = shlex.split(text)
    except ValueError as exc:
        return f'cannot read {text!r} ({exc}); write it as `module:Object title="..."`'
    if not words:
        return f"an empty symbol; name one as {FORMS}"
    flags = [w for w in words[1:] if w == "allow-secret"]
    loose = [w for w in words[1:] if w not in flags and "=" not in w]
    if loose:
        return f'{text!r}: a symbol holds no spaces, and after it come only title="..." and allow-secret'
    attributes = dict(w.partition("=")[::2] for w in words[1:] if w not in flags)
    unknown = sorted(set(attributes) - {"title"})
    if unknown:
        return f'unknown attribute {unknown[0]!r} after {words[0]!r}; the attributes are title="..." and allow-secret'
    return words[0], attributes.get("title", ""), bool(flags)


def parse_symbol(text: str) -> Symbol | str:
    """The symbol `text` names, or what is wrong with it."""
    if "#" in text:
        file, _, name = text.partition("#")
        if not file or not SCRIPT_NAME_RE.fullmatch(name):
            return f"{text!r} is not a symbol: after `#` comes an export (`#list`, `#default`) or a member (`#Class.method`)"
        return Symbol(text, file, "", name)
    found = PYTHON_RE.fullmatch(text)
    if found is None:
        return f"{text!r} is not a symbol; name one as {FORMS}"
    return Symbol(text, "", found["module"], found["name"] or "")


def confined(root: Path, path: str, sources: tuple[str, ...]) -> str | None:
    """What is wrong with a file a symbol names: not a relative path, outside the project (the rule of the
    path options, symlinks resolved), or outside the sources. None when it may be read."""
    if Path(path).is_absolute() or "\\" in path:
        return f"{path!r} is not a path relative to the folder of mkdocs.yml; write it with forward slashes from there"
    problem = outside(root, path)
    if problem is None and not inside_sources(posixpath.normpath(path), sources):
        problem = f"{path!r} is not under the sources ({', '.join(sources)}); add its folder to `sources`"
    return problem


def inside_sources(path: str, sources: tuple[str, ...]) -> bool:
    """Whether a normalised path relative to the root is under one of the source folders."""
    for source in sources:
        folder = posixpath.normpath(source)
        if folder == "." or path == folder or path.startswith(f"{folder}/"):
            return True
    return False


def closest(name: str, names: list[str], what: str) -> str:
    """`; did you mean ...?` with up to three close names, else a few of the names there are, public ones first."""
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    if close:
        return f"; did you mean {' or '.join(repr(c) for c in close)}?"
    shown = sorted(names, key=lambda n: (n.startswith("_"), n))[:8]
    if not shown:
        return f"; {what} has no names to choose from"
    more = ", ..." if len(names) > len(shown) else ""
    return f"; {what} has {', '.join(shown)}{more}"
