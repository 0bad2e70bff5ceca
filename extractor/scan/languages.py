"""What the tool knows of each kind of file: highlighting name, parser, comment syntax."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """How to read one kind of source file."""

    name: str
    """Name for the code block (Pygments lexer alias)."""
    parser: str | None
    """`python`, an ast-grep language name, or None for plain text (indentation blocks)."""
    comment: str
    """Line comment (or opening) used for an elision line when the marker's own is unknown."""
    comment_end: str = ""
    """Closing text of a block comment, when the language has no line comment."""


_C_LIKE = {
    "go": "go",
    "rs": "rust",
    "java": "java",
    "kt": "kotlin",
    "kts": "kotlin",
    "c": "c",
    "h": "c",
    "cc": "cpp",
    "cpp": "cpp",
    "cxx": "cpp",
    "hpp": "cpp",
    "cs": "csharp",
    "swift": "swift",
    "scala": "scala",
    "php": "php",
    "sol": "solidity",
    "dart": None,
    "css": "css",
    "scss": None,
}

_TABLE: dict[str, Language] = {
    "ts": Language("ts", "typescript", "//"),
    "mts": Language("ts", "typescript", "//"),
    "cts": Language("ts", "typescript", "//"),
    "tsx": Language("tsx", "tsx", "//"),
    "js": Language("js", "javascript", "//"),
    "mjs": Language("js", "javascript", "//"),
    "cjs": Language("js", "javascript", "//"),
    "jsx": Language("jsx", "tsx", "//"),
    "py": Language("python", "python", "#"),
    "pyi": Language("python", "python", "#"),
    "rb": Language("ruby", "ruby", "#"),
    "lua": Language("lua", "lua", "--"),
    "ex": Language("elixir", "elixir", "#"),
    "exs": Language("elixir", "elixir", "#"),
    "hs": Language("haskell", "haskell", "--"),
    "nix": Language("nix", "nix", "#"),
    "html": Language("html", None, "<!--", "-->"),
    "htm": Language("html", None, "<!--", "-->"),
    "xml": Language("xml", None, "<!--", "-->"),
    "vue": Language("vue", None, "<!--", "-->"),
    "svelte": Language("svelte", None, "<!--", "-->"),
    "md": Language("markdown", None, "<!--", "-->"),
    "yml": Language("yaml", None, "#"),
    "yaml": Language("yaml", None, "#"),
    "toml": Language("toml", None, "#"),
    "ini": Language("ini", None, ";"),
    "cfg": Language("ini", None, "#"),
    "sh": Language("bash", None, "#"),
    "bash": Language("bash", None, "#"),
    "zsh": Language("bash", None, "#"),
    "sql": Language("sql", None, "--"),
    "tf": Language("terraform", None, "#"),
    "hcl": Language("hcl", None, "#"),
    "graphql": Language("graphql", None, "#"),
    "proto": Language("protobuf", None, "//"),
    "r": Language("r", None, "#"),
    "pl": Language("perl", None, "#"),
    "ps1": Language("powershell", None, "#"),
    "txt": Language("text", None, "#"),
}
_TABLE.update(
    {
        ext: Language(
            ext if parser is None else parser,
            parser,
            "/*" if ext in ("css", "scss") else "//",
            "*/" if ext in ("css", "scss") else "",
        )
        for ext, parser in _C_LIKE.items()
    }
)

_NAMES: dict[str, Language] = {
    "dockerfile": Language("dockerfile", None, "#"),
    "containerfile": Language("dockerfile", None, "#"),
    "makefile": Language("make", None, "#"),
    "gnumakefile": Language("make", None, "#"),
    "justfile": Language("make", None, "#"),
    "procfile": Language("text", None, "#"),
}

PLAIN = Language("text", None, "#")


def language_of(path: str) -> Language:
    """The language of a file, from its name; plain text when unknown."""
    name = path.rpartition("/")[2].lower()
    stem, dot, suffix = name.rpartition(".")
    if name in _NAMES or name.split(".")[0] in _NAMES:
        return _NAMES.get(name) or _NAMES[name.split(".")[0]]
    return _TABLE.get(suffix, PLAIN) if dot and stem else PLAIN
