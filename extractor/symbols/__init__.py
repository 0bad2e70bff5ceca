"""Examples named by symbol, without a marker: the same `Example` a marker makes, from a name.

`names` says how a symbol is written and where it may lead, `named` where symbols are named (the
plugin block, catalogue pages), `python` resolves Python objects through griffe, `scripts`
TypeScript and JavaScript exports through ast-grep, and `api` links Python examples with their
mkdocstrings API pages.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.ids import Index
from extractor.model import Catalogue, Diagnostic, Example, Settings, error, warning
from extractor.scan.extract import cut_extent
from extractor.scan.files import decode, read_source
from extractor.scan.languages import language_of
from extractor.source_urls import SourceLink
from extractor.symbols.named import named_symbols
from extractor.symbols.names import Located, Miss, Named, Symbol
from extractor.symbols.python import PythonObjects
from extractor.symbols.scripts import Scripts


class Resolver:
    """Finds the declarations symbols name, for one run."""

    def __init__(self, settings: Settings) -> None:
        self.python = PythonObjects(settings.root, settings.python_paths)
        self.scripts = Scripts(settings.root, settings.sources, settings.max_file_size)

    def locate(self, symbol: Symbol) -> Located | Miss:
        """Where the symbol's declaration is, or why it cannot be found."""
        return self.python.locate(symbol) if symbol.python else self.scripts.locate(symbol)


def symbol_examples(
    settings: Settings, catalogue: Catalogue, link: SourceLink | None, marked: Sequence[Example] = ()
) -> tuple[list[Example], list[Diagnostic]]:
    """The examples named by symbol, resolved; a name that does not resolve is an error where it was named, and
    one that gives a pattern the lines a marker (in `marked`) or an earlier name gave it is left out, with a
    warning."""
    named, diagnostics = named_symbols(settings.examples, settings.root, settings.config_file, catalogue)
    if not named:
        return [], diagnostics
    index, resolver = Index(catalogue), Resolver(settings)
    examples: list[Example] = []
    given = {_place(example): "a marker" for example in marked}
    for item in named:
        pattern = index.get(item.pattern)
        if pattern is None:
            diagnostics.append(error("unknown-id", item.path, item.line, _unknown(item, index)))
            continue
        if item.pattern in index.aliases:
            message = f"{item.pattern!r} is a former id of {pattern.id!r}; name the example under {pattern.id!r}"
            diagnostics.append(warning("former-id", item.path, item.line, message))
        found = resolver.locate(item.symbol)
        example = found if isinstance(found, Miss) else _example(settings, item, pattern.id, found, link)
        if isinstance(example, Miss):
            diagnostics.append(_missed(example, item))
        elif _place(example) in given:
            diagnostics.append(_repeated(example, item, given[_place(example)]))
        else:
            examples.append(example)
            given[_place(example)] = item.symbol.text
    return examples, diagnostics


def _place(example: Example) -> tuple[str, str, int, int]:
    """What makes two examples one: the pattern and the lines."""
    return (example.pattern_id, example.path, example.start, example.end)


def _repeated(example: Example, item: Named, first: str) -> Diagnostic:
    where = f"{example.path}:{example.start}-{example.end}"
    by = first if first == "a marker" else f"`{first}`"
    message = (
        f"{item.symbol.text} names {where}, which {by} already gives {example.pattern_id!r} as an example; "
        "the example is shown once: remove one of the two"
    )
    return warning("example-repeated", item.path, item.line, message)


def _example(
    settings: Settings, item: Named, pattern_id: str, found: Located, link: SourceLink | None
) -> Example | Miss:
    data, problem = read_source(settings.root, found.path, settings.max_file_size)
    text, problem = decode(found.path, data) if data is not None else (None, problem)
    if text is None:
        return Miss("symbol-unresolved", f"{found.path} cannot be read ({problem.message if problem else 'gone'})")
    language = language_of(found.path)
    symbol = item.symbol
    api = tuple(dict.fromkeys((symbol.dotted, found.canonical))) if symbol.python and settings.mkdocstrings else ()
    return Example(
        ref=item.pattern,
        pattern_id=pattern_id,
        path=found.path,
        start=found.start,
        end=found.end,
        language=language.name,
        title=item.title,
        segments=cut_extent(found.path, text, language, found.start, found.end),
        url=link.url(found.path, found.start, found.end) if link else None,
        allow_secret=item.allow_secret,
        symbol=symbol.text,
        api=tuple(name for name in api if name),
    )


def _missed(miss: Miss, item: Named) -> Diagnostic:
    """The error for a symbol that does not resolve, where it was named (each code written out, as `codes` lists)."""
    message = f"{item.symbol.text}: {miss.message}"
    if miss.code == "symbol-invalid":
        return error("symbol-invalid", item.path, item.line, message)
    if miss.code == "symbol-needs-griffe":
        return error("symbol-needs-griffe", item.path, item.line, message)
    return error("symbol-unresolved", item.path, item.line, message)


def _unknown(item: Named, index: Index) -> str:
    close = index.suggest(item.pattern)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else "; run `patterns list` to see the ids"
    return f"{item.symbol.text} is named as an example of {item.pattern!r}, which is no pattern id{hint}"
