"""What a rule and a violation are, and which files a rule reads: ast-grep's languages and globs."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from extractor.model import Severity
from extractor.rules.globs import glob_matches

SEVERITIES = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
    "hint": Severity.INFO,
    "off": None,
}
"""ast-grep's severities; `off` turns a rule off. A rule without one is a `hint`, as in ast-grep."""

LANGUAGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "bash": (("bash",), ("bash", "bats", "cgi", "command", "env", "fcgi", "ksh", "sh", "tmux", "tool", "zsh")),
    "c": (("c",), ("c", "h")),
    "cpp": (("cc", "c++", "cpp", "cxx"), ("cc", "hpp", "cpp", "c++", "hh", "cxx", "cu", "ino")),
    "csharp": (("cs", "csharp"), ("cs",)),
    "css": (("css",), ("css", "scss")),
    "dart": (("dart",), ("dart",)),
    "elixir": (("ex", "elixir"), ("ex", "exs")),
    "go": (("go", "golang"), ("go",)),
    "haskell": (("hs", "haskell"), ("hs",)),
    "hcl": (("hcl",), ("hcl", "nomad", "tf", "tfvars", "workflow")),
    "html": (("html",), ("html", "htm", "xhtml")),
    "java": (("java",), ("java",)),
    "javascript": (("javascript", "js", "jsx"), ("cjs", "js", "mjs", "jsx")),
    "json": (("json",), ("json",)),
    "kotlin": (("kotlin", "kt"), ("kt", "ktm", "kts")),
    "lua": (("lua",), ("lua",)),
    "markdown": (("markdown", "md"), ("markdown", "md")),
    "nix": (("nix",), ("nix",)),
    "php": (("php",), ("php",)),
    "python": (("py", "python"), ("py", "py3", "pyi", "bzl", "bazel")),
    "ruby": (("rb", "ruby"), ("rb", "rbw", "gemspec")),
    "rust": (("rs", "rust"), ("rs",)),
    "scala": (("scala",), ("scala", "sc", "sbt")),
    "solidity": (("sol", "solidity"), ("sol",)),
    "swift": (("swift",), ("swift",)),
    "typescript": (("ts", "typescript"), ("ts", "cts", "mts")),
    "tsx": (("tsx",), ("tsx",)),
    "yaml": (("yaml", "yml"), ("yaml", "yml")),
}
"""ast-grep's languages: name -> (the names a rule may give it, any case; the file extensions it reads)."""

_BY_ALIAS = {alias: name for name, (aliases, _) in LANGUAGES.items() for alias in aliases}
_BY_EXTENSION = {ext: name for name, (_, extensions) in LANGUAGES.items() for ext in extensions}


def language_named(name: object) -> str | None:
    """The ast-grep language a rule's `language` names (any case, any of its aliases), or None."""
    return _BY_ALIAS.get(str(name).lower())


def rule_language(path: str) -> str | None:
    """The language ast-grep reads the file at `path` as: by its extension, case-sensitive, as ast-grep does."""
    stem, dot, extension = posixpath.basename(path).rpartition(".")
    return _BY_EXTENSION.get(extension) if dot and stem else None


@dataclass(frozen=True)
class Glob:
    """One entry of a rule's `files` or `ignores`: a glob string, or ast-grep's `{glob, caseInsensitive}`."""

    glob: str
    case_insensitive: bool = False

    def matches(self, path: str) -> bool:
        """Whether the path (relative to the rule's project folder) matches, as globset matches it."""
        return glob_matches(self.glob, path, self.case_insensitive)


@dataclass(frozen=True)
class Rule:
    """One ast-grep rule, tied to the anti-pattern it checks or the pattern whose followers it finds."""

    id: str
    """The id of the anti-pattern (or pattern) it is tied to."""
    path: str
    """The rule file, relative to the project root."""
    text: str
    """The rule's YAML as written (its own document of the file), for the site."""
    language: str
    """ast-grep language name."""
    severity: Severity | None
    """What a violation is; None when the rule is `off`."""
    message: str
    """What is wrong, shown with every violation; `$VAR` names a meta-variable of the match."""
    config: dict[str, Any]
    """What ast-grep matches with: `rule` and optional `constraints`, `utils` (with the project's), `transform`."""
    files: tuple[Glob, ...] | None = None
    """Globs of the paths the rule applies to; None (no `files`) for all. An empty list matches nothing."""
    ignores: tuple[Glob, ...] | None = None
    """Globs of the paths it never applies to."""
    valid: tuple[str, ...] = ()
    """Code the rule must not match."""
    invalid: tuple[str, ...] = ()
    """Code the rule must match."""
    name: str = ""
    """ast-grep's `id` of the rule, as `ast-grep scan` reports it; the anti-pattern id when the file has none."""
    line: int = 1
    """First line of the rule's document in its file."""
    base: str = ""
    """Folder (relative to the project root) its globs are relative to: the sgconfig.yml's, or the root."""
    note: str | None = None
    """ast-grep's `note`: more on the problem and its fix."""
    url: str | None = None
    """ast-grep's `url`: documentation of the rule."""
    tests: str | None = None
    """File of the rule's test cases, relative to the project root, if it has one."""
    follows: bool = False
    """The rule is a pattern's: what it matches follows the pattern (never reported), rather than breaking an anti-pattern."""
    opposite: tuple[str, ...] = ()
    """Ids named by `metadata: {opposite: ...}`: the patterns (or anti-patterns) this rule's counts are weighed against."""

    def applies_to(self, path: str, language: str | None = None) -> bool:
        """Whether the rule checks the file at `path` (relative to its `base`), of `language` if known."""
        if (language or rule_language(path)) != self.language:
            return False
        if self.ignores is not None and any(g.matches(path) for g in self.ignores):
            return False
        return self.files is None or any(g.matches(path) for g in self.files)


@dataclass(frozen=True, order=True)
class Violation:
    """One place a rule matches: code that breaks an anti-pattern's rule, or (for a pattern's rule) follows the pattern."""

    path: str
    line: int
    column: int
    rule: str
    """The id of the rule's anti-pattern (or pattern)."""
    end: int
    """Last line of the offending code."""
    code: str
    """The offending code, whitespace collapsed: what a baseline matches on (`sha256:` and its digest when withheld)."""
    url: str | None = field(default=None, compare=False)
    """Link to the offending lines in the repository."""
    message: str = field(default="", compare=False)
    """The rule's message with the match's meta-variables filled in."""
    name: str = field(default="", compare=False)
    """ast-grep's id of the rule that matched."""
    withheld: str = field(default="", compare=False)
    """What credential the code looks like it holds, when it is withheld from pages and baselines, or ''."""
