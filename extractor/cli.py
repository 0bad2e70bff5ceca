"""The `patterns` command: the same calls as the plugin, configured from the same mkdocs.yml block."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from extractor.model import PatternsError, Settings, Severity
from extractor.pipeline import Result, run
from extractor.render import group_examples


def load_settings(config_file: str) -> Settings:
    """Settings from mkdocs.yml, validated by MkDocs with the plugin's own schema."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    from extractor.config import PatternsConfig, settings_from

    if not Path(config_file).is_file():
        raise PatternsError(f"{config_file}: error: no such file; run from the folder of mkdocs.yml or pass -f PATH")
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.ERROR)
    errors = _Errors()
    logger.addHandler(errors)
    try:
        config = load_config(config_file)
    except (ConfigurationError, Abort) as exc:  # MkDocs logs what is invalid, then aborts
        raise PatternsError(f"{config_file}: error: {'; '.join(errors.messages) or exc}") from None
    finally:
        logger.removeHandler(errors)
    plugin = config.plugins.get("patterns")
    block = plugin.config if plugin is not None else PatternsConfig()
    if plugin is None:
        block.load_dict({})
        block.validate()
    return settings_from(config, block)


class _Errors(logging.Handler):
    """Collects the errors MkDocs logs while it validates a config, to report them as one line."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a reader sees the old or the new content, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _print_diagnostics(result: Result, err: TextIO, quiet_notes: bool = False) -> None:
    for diagnostic in result.diagnostics:
        if not (quiet_notes and diagnostic.severity is Severity.NOTE):
            print(diagnostic, file=err)


def cmd_check(result: Result, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _print_diagnostics(result, err)
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in result.diagnostics)
    print(
        f"{len(result.catalogue.patterns)} patterns, {len(result.examples)} examples, {errors} errors, {warnings} warnings",
        file=out,
    )
    return 1 if errors or (args.strict and warnings) else 0


def cmd_build(result: Result, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _print_diagnostics(result, err)
    if result.failed:
        print("error: not writing pages while there are errors", file=err)
        return 1
    folder = Path(args.out)
    for page in result.pages:
        write_atomic(folder / page.path, page.text)
    print(f"wrote {len(result.pages)} pages to {folder}", file=out)
    return 0


def cmd_list(result: Result, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _print_diagnostics(result, err, quiet_notes=True)
    grouped = group_examples(list(result.examples))
    pages = {page.key: page.path for page in result.catalogue.pages}
    if args.json:
        rows = [
            {
                "id": p.id,
                "title": p.title,
                "kind": p.kind.value,
                "page": pages[p.page],
                "examples": [
                    {"path": e.path, "start": e.start, "end": e.end, "url": e.url} for e in grouped.get(p.id, [])
                ],
            }
            for p in result.catalogue.patterns
        ]
        json.dump({"patterns": rows}, out, indent=2)
        out.write("\n")
        return 0
    width = max((len(p.id) for p in result.catalogue.patterns), default=0)
    for p in result.catalogue.patterns:
        examples = grouped.get(p.id, [])
        places = ", ".join(f"{e.path}:{e.start}-{e.end}" for e in examples)
        kind = " (anti-pattern)" if p.kind.value == "anti-pattern" else ""
        print(f"{p.id:<{width}}  {len(examples)}{kind}  {places}".rstrip(), file=out)
    return 0


COMMANDS = {"check": cmd_check, "build": cmd_build, "list": cmd_list}


def parser() -> argparse.ArgumentParser:
    """The command line."""
    main = argparse.ArgumentParser(
        prog="patterns", description="Fill a pattern catalogue's Example slots from annotated code."
    )
    main.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        help="the MkDocs config with the `patterns` plugin block (default: ./mkdocs.yml)",
    )
    commands = main.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write the rendered catalogue pages as Markdown")
    build.add_argument("--out", required=True, help="folder to write the pages into")
    check = commands.add_parser("check", help="report every problem as path:line: error|warning: message")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    listing = commands.add_parser("list", help="every pattern id with its examples")
    listing.add_argument("--json", action="store_true", help="print JSON for tools")
    return main


def run_cli(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    args = parser().parse_args(argv)
    try:
        result = run(load_settings(args.config_file))
        return COMMANDS[args.command](result, args, out, err)
    except PatternsError as exc:
        print(exc, file=err)
        return 1


def main() -> None:
    """Console script entry point."""
    try:
        status = run_cli()
        sys.stdout.flush()
    except BrokenPipeError:  # `patterns list | head`: the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 0
    sys.exit(status)
