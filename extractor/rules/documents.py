"""One rule document checked as ast-grep checks it, into a `Rule`: keys, language, severity, globs, fix, matcher.

ast-grep-py compiles the matcher (`rule`, `constraints`, `utils`, `transform`) exactly as the
command-line tool does; what only the command line checks (a rule must pin the kinds of node it
matches, globs must parse, rewriters must exist) is checked here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from ast_grep_py import Config, SgRoot

from extractor.rules.globs import GlobError, compile_glob
from extractor.rules.model import LANGUAGES, SEVERITIES, Glob, Rule, language_named
from extractor.text import key_line

RULE_KEYS = frozenset(
    {
        "id",
        "language",
        "rule",
        "constraints",
        "utils",
        "transform",
        "fix",
        "rewriters",
        "message",
        "note",
        "severity",
        "labels",
        "files",
        "ignores",
        "url",
        "metadata",
    }
)
"""Every key of ast-grep's rule format."""
MATCHER_KEYS = ("rule", "constraints", "utils", "transform")
LONE_META_VARIABLE = re.compile(r"^\$\$?[A-Z0-9_]+$")


@dataclass(frozen=True)
class Document:
    """One YAML document of a rule file, where it is, and what the project adds to it."""

    path: str
    """The file, relative to the project root."""
    text: str
    """The document's own text (the whole file when it holds one)."""
    line: int
    """Line of the file the document's text starts on."""
    data: object
    """The document as loaded."""
    base: str = ""
    """Folder its globs are relative to."""
    utils: dict[str, dict[str, Any]] | None = None
    """The project's utility rules by language (sgconfig.yml's `utilDirs`): name -> rule."""


class RuleProblem(Exception):
    """What is wrong with a rule document: the key it concerns and the message."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def rule_of(doc: Document, pattern_id: str, name: str) -> tuple[Rule | None, int, str]:
    """The rule a document describes, tied to the anti-pattern (or pattern) `pattern_id`; or None, the line and the problem."""
    data = doc.data
    if not isinstance(data, dict) or "rule" not in data or "language" not in data:
        example = "`language: typescript` and `rule: {pattern: ctx.db}`"
        return None, doc.line, f"a rule needs at least `language` and `rule`, e.g. {example}"
    try:
        rule = _checked(doc, data, pattern_id, name)
    except RuleProblem as problem:
        return None, doc.line - 1 + key_line(doc.text, problem.key, 1), problem.message
    return rule, 0, ""


def _checked(doc: Document, data: dict[str, Any], pattern_id: str, name: str) -> Rule:
    unknown = sorted(str(key) for key in set(data) - RULE_KEYS)
    if unknown:
        raise RuleProblem(unknown[0], f"unknown key {unknown[0]!r}; a rule has {', '.join(sorted(RULE_KEYS))}")
    language = language_named(data["language"])
    if language is None:
        raise RuleProblem("language", f"unknown language {data['language']!r}; ast-grep knows {', '.join(LANGUAGES)}")
    severity = data.get("severity", "hint")
    if not isinstance(severity, str) or severity not in SEVERITIES:
        raise RuleProblem("severity", f"unknown severity {severity!r}; use one of {', '.join(SEVERITIES)}")
    for key in ("id", "message", "note", "url"):
        if key in data and not isinstance(data[key], str):
            raise RuleProblem(key, f"`{key}` must be a string, found {data[key]!r}")
    _check_shapes(data)
    config = _matcher(data, language, (doc.utils or {}).get(language, {}))
    return Rule(
        id=pattern_id,
        path=doc.path,
        text=doc.text,
        language=language,
        severity=SEVERITIES[severity],
        message=" ".join(str(data.get("message", "")).split()) or name,
        config=config,
        files=_globs(data, "files"),
        ignores=_globs(data, "ignores"),
        name=name,
        line=doc.line,
        base=doc.base,
        note=data.get("note"),
        url=data.get("url"),
        opposite=_opposite(data.get("metadata")),
    )


def _check_shapes(data: dict[str, Any]) -> None:
    """The keys ast-grep reads as mappings are mappings; `fix` is a template; rewriters named exist."""
    for key in ("constraints", "utils", "transform", "metadata", "labels"):
        if key in data and not isinstance(data[key], dict):
            raise RuleProblem(key, f"`{key}` must be a mapping, found {type(data[key]).__name__}")
    fix = data.get("fix")
    if fix is not None and not isinstance(fix, str) and not (isinstance(fix, dict) and "template" in fix):
        raise RuleProblem("fix", "`fix` must be a template string or a mapping with `template`")
    rewriters = data.get("rewriters") or []
    if not isinstance(rewriters, list) or not all(isinstance(r, dict) and "id" in r for r in rewriters):
        raise RuleProblem("rewriters", "`rewriters` must be a list of rules, each with an `id`")
    defined = {str(r["id"]) for r in rewriters}
    for name, step in (data.get("transform") or {}).items():
        rewrite = step.get("rewrite") if isinstance(step, dict) else None
        used = rewrite.get("rewriters", []) if isinstance(rewrite, dict) else []
        missing = [r for r in used if str(r) not in defined] if isinstance(used, list) else []
        if missing:
            raise RuleProblem("transform", f"transform {name!r} uses the rewriter {missing[0]!r}, not in `rewriters`")


def _opposite(metadata: object) -> tuple[str, ...]:
    """The ids `metadata: {opposite: <id> | [<id>, ...]}` names: what the rule's counts are weighed against."""
    named = metadata.get("opposite") if isinstance(metadata, dict) else None
    if named is None:
        return ()
    ids = [named] if isinstance(named, str) else named
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
        raise RuleProblem("metadata", "`metadata: {opposite: ...}` names a pattern id or a list of them")
    return tuple(ids)


def _globs(data: dict[str, Any], key: str) -> tuple[Glob, ...] | None:
    """A rule's `files` or `ignores`: strings and `{glob, caseInsensitive}` entries, each checked by globset."""
    if key not in data or data[key] is None:
        return None
    entries = data[key]
    if not isinstance(entries, list):
        raise RuleProblem(key, f'`{key}` must be a list of globs, e.g. `{key}: ["src/**/*.ts"]`')
    globs = []
    for entry in entries:
        if isinstance(entry, str):
            glob = Glob(entry)
        elif (
            isinstance(entry, dict) and isinstance(entry.get("glob"), str) and set(entry) <= {"glob", "caseInsensitive"}
        ):
            glob = Glob(entry["glob"], entry.get("caseInsensitive") is True)
        else:
            raise RuleProblem(
                key, f"each of `{key}` is a glob or `{{glob: ..., caseInsensitive: true}}`, not {entry!r}"
            )
        try:
            compile_glob(glob.glob, glob.case_insensitive)
        except GlobError as exc:
            raise RuleProblem(key, f"{exc}; see ast-grep's glob syntax in docs/rules.md") from None
        globs.append(glob)
    return tuple(globs)


def _matcher(data: dict[str, Any], language: str, project_utils: dict[str, Any]) -> dict[str, Any]:
    """What ast-grep-py matches with, the project's utilities added; checked by compiling it."""
    config = {key: data[key] for key in MATCHER_KEYS if key in data}
    if project_utils:
        config["utils"] = {**project_utils, **(config.get("utils") or {})}
    try:
        SgRoot("", language).root().find_all(cast(Config, config))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # ast-grep reports a bad rule as a Rust panic, a RuntimeError or a ValueError
        key, reason = _reason(exc)
        raise RuleProblem(key, f"ast-grep cannot use this rule: {reason}") from None
    if not kinds_known(config["rule"], config.get("utils") or {}):
        raise RuleProblem(
            "rule",
            "ast-grep cannot use this rule: it must say which kinds of node it matches; add a `kind` or `pattern`",
        )
    return config


def _reason(exc: BaseException) -> tuple[str, str]:
    """The key ast-grep blames and its first and last causes on one line, without its backtrace."""
    text = str(exc).split("Stack backtrace:")[0]
    causes: list[list[str]] = []
    for line in text.splitlines():
        if cause := re.match(r"^\s+\d+: (.*)$", line):
            causes.append([cause.group(1)])
        elif causes and line.strip().strip("^"):
            causes[-1].append(line.strip())
    if not causes:
        first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
        return "rule", first
    blamed = re.match(r"^`(\w+)` is not configured correctly", causes[0][0])
    shown = [causes[0], causes[-1]] if len(causes) > 1 else causes
    return (blamed.group(1) if blamed else "rule"), " ".join(" ".join(c) for c in shown)


def kinds_known(rule: object, utils: dict[str, Any], seen: frozenset[str] = frozenset()) -> bool:
    """Whether ast-grep can tell which node kinds `rule` may match (its `potential_kinds` is not None).

    A `kind` or a `pattern` pins them; `all` pins them if one member does, `any` if every member
    does, `matches` if the utility does; `regex`, `not`, `range` and relational rules alone do not.
    """
    if not isinstance(rule, dict):
        return False
    return any(_key_known(key, value, utils, seen) for key, value in rule.items())


def _key_known(key: str, value: object, utils: dict[str, Any], seen: frozenset[str]) -> bool:
    if key == "kind":
        return True
    if key == "pattern":
        return _pattern_known(value)
    if key == "all":
        return isinstance(value, list) and any(kinds_known(r, utils, seen) for r in value)
    if key == "any":
        return isinstance(value, list) and all(kinds_known(r, utils, seen) for r in value)
    if key == "nthChild":
        return isinstance(value, dict) and kinds_known(value.get("ofRule"), utils, seen)
    if key == "matches":
        name = str(value)
        return name not in seen and kinds_known(utils.get(name), utils, seen | {name})
    return False


def _pattern_known(pattern: object) -> bool:
    if isinstance(pattern, dict):
        if pattern.get("strictness") == "template":
            return False
        if pattern.get("selector"):
            return True
        pattern = pattern.get("context", "")
    return not LONE_META_VARIABLE.match(str(pattern).strip())
