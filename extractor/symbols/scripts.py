"""TypeScript and JavaScript exports by name, through ast-grep (the parser the markers use).

An export is found among a file's top-level statements: `export const|let|var`, `function`,
`class`, `interface`, `type`, `enum`, `namespace`, `declare ...`, `export default ...`, and the
names of `export { x as y }`, followed to the local declaration or, through `import` and
`export ... from`, to the file that declares it (`export * from` included), within the sources.
A member (`Class.method`) is looked up in the body of the class or interface an export declares.
The extent is the statement (decorators included) and the JSDoc comment directly above it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from ast_grep_py import SgNode, SgRoot

from extractor.scan.files import decode, read_source
from extractor.scan.languages import language_of
from extractor.symbols.names import Located, Miss, Symbol, closest, confined

PARSERS = ("typescript", "tsx", "javascript")
"""The ast-grep languages whose exports can be named."""
EXTENSIONS = (".ts", ".tsx", ".d.ts", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
"""What a relative module specifier may leave off, in the order TypeScript tries them."""
DECLARATIONS = {
    "function_declaration",
    "generator_function_declaration",
    "class_declaration",
    "abstract_class_declaration",
    "interface_declaration",
    "type_alias_declaration",
    "enum_declaration",
    "internal_module",
    "module",
    "lexical_declaration",
    "variable_declaration",
    "ambient_declaration",
}
"""Statements that declare names."""
CLASSES = {"class_declaration", "abstract_class_declaration", "class", "interface_declaration"}
"""Declarations whose members can be named."""


@dataclass(frozen=True)
class _Local:
    """An export declared by statements of the file itself (overloads are several)."""

    nodes: tuple[SgNode, ...]


@dataclass(frozen=True)
class _Ref:
    """An export of a name the file declares or imports (`export { x as y }`, `export default x`)."""

    name: str


@dataclass(frozen=True)
class _From:
    """A name taken from another module (`export { x } from "./m"`, `import { x } from "./m"`)."""

    source: str
    name: str


_Entry = _Local | _Ref | _From


class _Module:
    """One file's top-level declarations, imports and exports."""

    def __init__(self, path: str, root: SgNode) -> None:
        self.path = path
        self.exports: dict[str, _Entry] = {}
        self.stars: list[str] = []
        self.locals: dict[str, SgNode] = {}
        self.imports: dict[str, _From] = {}
        for statement in root.children():
            kind = statement.kind()
            if kind == "export_statement":
                self._export(statement)
            elif kind in DECLARATIONS:
                self.locals.update(dict.fromkeys(_declared(statement), statement))
            elif kind == "import_statement":
                self._import(statement)

    def _export(self, statement: SgNode) -> None:
        declaration, value, source = (statement.field(name) for name in ("declaration", "value", "source"))
        default = any(child.kind() == "default" for child in statement.children())
        names = _declared(declaration) if declaration else []
        for name in names:
            self.locals[name] = statement
            self._add(name, statement)
        if default:
            plain = value is not None and value.kind() == "identifier"
            self.exports["default"] = _Ref(value.text()) if plain and value else _Local((statement,))
        for spec in statement.find_all(kind="export_specifier"):
            local, alias = spec.field("name"), spec.field("alias")
            name = local.text() if local else ""
            shown = alias.text() if alias else name
            self.exports[shown] = _From(_text(source), name) if source else _Ref(name)
        namespace = next((c for c in statement.children() if c.kind() == "namespace_export"), None)
        if namespace is not None:
            self.exports[namespace.text().split()[-1]] = _Local((statement,))
        elif source and not names and statement.find(kind="export_clause") is None:
            self.stars.append(_text(source))

    def _add(self, name: str, statement: SgNode) -> None:
        """An exported declaration; a second one of the same name is an overload, shown with the first."""
        entry = self.exports.get(name)
        before = entry.nodes if isinstance(entry, _Local) else ()
        self.exports[name] = _Local((*before, statement))

    def _import(self, statement: SgNode) -> None:
        source = statement.field("source")
        if source is None:
            return
        clause = statement.find(kind="import_clause")
        for child in clause.children() if clause else []:
            if child.kind() == "identifier":
                self.imports[child.text()] = _From(_text(source), "default")
        for spec in statement.find_all(kind="import_specifier"):
            name, alias = spec.field("name"), spec.field("alias")
            if name is not None:
                self.imports[(alias or name).text()] = _From(_text(source), name.text())


class Scripts:
    """Resolves TypeScript and JavaScript symbols of one run; each file is parsed once."""

    def __init__(self, root: Path, sources: tuple[str, ...], max_size: int) -> None:
        self.root, self.sources, self.max_size = root, sources, max_size
        self._modules: dict[str, _Module | Miss] = {}

    def locate(self, symbol: Symbol) -> Located | Miss:
        """Where the export (or member of one) that `symbol` names is declared, or why it cannot be found."""
        problem = confined(self.root, symbol.file, self.sources)
        if problem:
            return Miss("symbol-invalid", problem)
        path = posixpath.normpath(symbol.file)
        if language_of(path).parser not in PARSERS:
            return Miss(
                "symbol-invalid",
                f"{path!r} is not TypeScript or JavaScript; name Python objects as `module:Object`, and mark code "
                "of other languages with `@pattern`",
            )
        export, _, member = symbol.name.partition(".")
        found = self._export(path, export, frozenset())
        if isinstance(found, Miss):
            return found
        module, nodes = found
        if member:
            inner = _member(nodes[-1], member, f"{module.path}#{export}")
            if isinstance(inner, Miss):
                return inner
            nodes = (inner,)
        start, end = _extent(nodes)
        return Located(module.path, start, end)

    def _export(
        self, path: str, name: str, seen: frozenset[tuple[str, str]]
    ) -> tuple[_Module, tuple[SgNode, ...]] | Miss:
        if (path, name) in seen:
            return Miss("symbol-unresolved", f"{path!r} re-exports {name!r} in a cycle")
        module = self._module(path)
        if isinstance(module, Miss):
            return module
        entry = module.exports.get(name)
        if entry is not None:
            return self._entry(module, entry, name, seen | {(path, name)})
        for star in module.stars if name != "default" else []:  # `export *` passes on every name but `default`
            target = self._specifier(path, star)
            found = target if isinstance(target, Miss) else self._export(target, name, seen | {(path, name)})
            if not isinstance(found, Miss):
                return found
        stars = f" (nor do the modules it passes on with `export *`: {', '.join(module.stars)})" if module.stars else ""
        return Miss(
            "symbol-unresolved", f"{path!r} exports no {name!r}{stars}" + closest(name, list(module.exports), path)
        )

    def _entry(
        self, module: _Module, entry: _Entry, name: str, seen: frozenset[tuple[str, str]]
    ) -> tuple[_Module, tuple[SgNode, ...]] | Miss:
        if isinstance(entry, _Local):
            return module, entry.nodes
        if isinstance(entry, _Ref):
            if entry.name in module.locals:
                return module, (module.locals[entry.name],)
            if entry.name not in module.imports:
                return Miss(
                    "symbol-unresolved", f"{module.path!r} exports {name!r} but neither declares nor imports it"
                )
            entry = module.imports[entry.name]
        target = self._specifier(module.path, entry.source)
        return target if isinstance(target, Miss) else self._export(target, entry.name, seen)

    def _specifier(self, importer: str, source: str) -> str | Miss:
        """The file of the sources a relative module specifier names."""
        if not source.startswith("."):
            return Miss(
                "symbol-unresolved",
                f"{importer!r} takes it from the package {source!r}, not from a file of the project; name the file "
                "that declares it",
            )
        base = posixpath.normpath(posixpath.join(posixpath.dirname(importer), source))
        problem = confined(self.root, base, self.sources)
        if problem:
            return Miss("symbol-invalid", f"{importer!r} imports {source!r}: {problem}")
        stem, dot, suffix = base.rpartition(".")
        bare = stem if dot and f".{suffix}" in EXTENSIONS else base  # `./m.js` in TypeScript means `./m.ts`
        candidates = [base, *(bare + ext for ext in EXTENSIONS), *(f"{base}/index{ext}" for ext in EXTENSIONS)]
        for candidate in candidates:
            if confined(self.root, candidate, self.sources) is None and (self.root / candidate).is_file():
                return candidate
        return Miss("symbol-unresolved", f"{importer!r} imports {source!r}, which is no file of the sources")

    def _module(self, path: str) -> _Module | Miss:
        if path not in self._modules:
            self._modules[path] = self._read(path)
        return self._modules[path]

    def _read(self, path: str) -> _Module | Miss:
        if not (self.root / path).is_file():
            return Miss("symbol-unresolved", f"no file {path!r}")
        data, problem = read_source(self.root, path, self.max_size)
        text, problem = decode(path, data) if data is not None else (None, problem)
        parser = language_of(path).parser
        if text is None or parser is None:
            return Miss("symbol-unresolved", f"{path!r} cannot be read ({problem.message if problem else 'empty'})")
        return _Module(path, SgRoot(text, parser).root())


def _text(source: SgNode | None) -> str:
    """A module specifier without its quotes."""
    return source.text()[1:-1] if source else ""


def _declared(declaration: SgNode) -> list[str]:
    """The names a declaration statement declares."""
    kind = declaration.kind()
    if kind == "ambient_declaration":
        inner = next((c for c in declaration.children() if c.kind() in DECLARATIONS), None)
        return _declared(inner) if inner else []
    if kind in ("lexical_declaration", "variable_declaration"):
        names = []
        for declarator in declaration.children():
            target = declarator.field("name") if declarator.kind() == "variable_declarator" else None
            if target is not None and target.kind() == "identifier":
                names.append(target.text())
            elif target is not None:  # a destructuring pattern
                kinds = ("identifier", "shorthand_property_identifier_pattern")
                names += [n.text() for n in target.find_all(any=[{"kind": k} for k in kinds])]
        return names
    name = declaration.field("name")
    return [name.text()] if name else []


def _member(statement: SgNode, name: str, owner: str) -> SgNode | Miss:
    """The member `name` of the class or interface that `statement` declares (or exports)."""
    declaration = statement if statement.kind() in CLASSES else None
    for field in ("declaration", "value"):
        inner = statement.field(field)
        if declaration is None and inner is not None and inner.kind() in CLASSES:
            declaration = inner
    body = declaration.field("body") if declaration else None
    if body is None:
        return Miss("symbol-unresolved", f"{owner!r} is not a class or interface, so it has no member {name!r}")
    members = {_member_name(child): child for child in body.children() if child.is_named()}
    members.pop("", None)
    if name in members:
        return members[name]
    return Miss("symbol-unresolved", f"{owner!r} has no member {name!r}" + closest(name, list(members), repr(owner)))


def _member_name(node: SgNode) -> str:
    name = node.field("name") or node.field("property")
    return name.text() if name else ""


def _extent(nodes: tuple[SgNode, ...]) -> tuple[int, int]:
    """First and last line (1-based) of the nodes, with the decorators and JSDoc comment directly above the first."""
    first = nodes[0]
    start = first.range().start.line
    above = _previous(first)
    while above is not None and above.kind() == "decorator" and above.range().end.line >= start - 1:
        start, above = above.range().start.line, _previous(above)
    if _doc_comment(above) and above and start - 1 <= above.range().end.line <= start:
        start = above.range().start.line
    return start + 1, max(node.range().end.line for node in nodes) + 1


def _doc_comment(node: SgNode | None) -> bool:
    """A JSDoc comment: `/** ... */`."""
    return node is not None and node.kind() == "comment" and node.text().startswith("/**")


def _previous(node: SgNode) -> SgNode | None:
    """The named sibling before `node`."""
    before = node.prev()
    while before is not None and not before.is_named():
        before = before.prev()
    return before
