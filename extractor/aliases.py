"""A page's front matter and the former ids (`aliases`) it lists, resolved across the catalogue (pure)."""

from __future__ import annotations

import yaml

from extractor.model import Alias, Diagnostic, Page, error
from extractor.text import load_yaml
from extractor.valid_ids import ALPHABET, id_problem


def front_matter(path: str, lines: list[str], diagnostics: list[Diagnostic]) -> tuple[int, object]:
    """Index of the first line after YAML front matter (0 when there is none), and its data."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            try:
                return index + 1, load_yaml("\n".join(lines[1:index]))
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                diagnostics.append(
                    error(
                        "front-matter-invalid",
                        path,
                        line,
                        f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}",
                    )
                )
            return index + 1, None
    diagnostics.append(error("front-matter-invalid", path, 1, "front matter is never closed; end it with a line `---`"))
    return 0, None


ALIASES_FORM = "aliases:\n  backend/old-id: new-slug"


def aliases_of(path: str, meta: object, head: list[str], diagnostics: list[Diagnostic]) -> list[Alias]:
    """The `aliases` mapping of the front matter: former id -> slug of this page or full id."""
    found = meta.get("aliases") if isinstance(meta, dict) else None
    if found is None:
        return []
    if not isinstance(found, dict) or not all(isinstance(v, str) and v for v in found.values()):
        line = next((n for n, text in enumerate(head, 1) if text.startswith("aliases:")), 1)
        form = ALIASES_FORM.replace("\n", " ")
        diagnostics.append(
            error("alias-invalid", path, line, f"`aliases` must map each former id to a pattern, e.g. `{form}`")
        )
        return []
    return [Alias(str(former), target, _line_of(head, str(former))) for former, target in found.items()]


def _line_of(head: list[str], text: str) -> int:
    return next((n for n, line in enumerate(head, 1) if line.lstrip().lstrip("\"'").startswith(text)), 1)


def resolve_aliases(pages: list[Page], diagnostics: list[Diagnostic]) -> dict[str, str]:
    """Former id -> current id; an alias that names no pattern or shadows a live id is an error."""
    ids = {p.id for page in pages for p in page.patterns}
    resolved: dict[str, str] = {}
    for page in pages:
        for alias in page.aliases:
            former, target = (name if "/" in name else f"{page.key}/{name}" for name in (alias.former, alias.target))
            problem = _unusable(former) or _alias_problem(former, target, ids, resolved)
            if problem:
                diagnostics.append(error("alias-invalid", page.path, alias.line, problem))
            else:
                resolved[former] = target
    return resolved


def _unusable(former: str) -> str | None:
    """Why a former id cannot have a `p/<id>/` page: it must be `<key>/<slug>`, each part an id."""
    parts = former.split("/")
    problems = [id_problem(part) for part in parts] if len(parts) == 2 else ["it must be `<page key>/<slug>` or a slug"]
    problem = next((p for p in problems if p), None)
    return f"alias {former!r} cannot be an id: {problem}; write it with {ALPHABET}" if problem else None


def _alias_problem(former: str, target: str, ids: set[str], resolved: dict[str, str]) -> str | None:
    if target not in ids:
        return f"alias {former!r} names {target!r}, which is not a pattern id; run `patterns list` to see the ids"
    if former in ids:
        return f"alias {former!r} is the id of a pattern that exists; remove the alias or rename that pattern"
    if resolved.get(former, target) != target:
        return f"alias {former!r} already names {resolved[former]!r}; a former id can name only one pattern"
    return None
