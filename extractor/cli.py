"""The `patterns` command: the same calls as the plugin, configured from the same mkdocs.yml block.

Each command runs the pipeline as far as what it prints needs (`pipeline.Stage`), and imports what
it uses when it runs: `patterns --help` loads nothing of the tool but this module.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from extractor import cli_history
from extractor.wording import counted

if TYPE_CHECKING:
    from extractor.fill import Change
    from extractor.find import Titles
    from extractor.inputs import Pending
    from extractor.model import Catalogue, Pattern, PatternsError, Settings
    from extractor.pipeline import Result, Stage
    from extractor.stable import IdList


def _result(args: argparse.Namespace, err: TextIO, until: Stage, previous: IdList | None = None) -> Result:
    """The pipeline run as far as `until`, with a progress line on a terminal while the code is scanned."""
    from extractor.pipeline import Stage, run

    if getattr(args, "pending", None):  # `replay` keeps this output: the folders are stamped before the run reads them
        args.pending.wait_for_folders()
    progress = ProgressLine(err) if until >= Stage.SCAN and err.isatty() and not args.quiet else None
    result = run(args.settings, previous, progress, until)  # never in pipes, logs, CI
    if progress:
        progress.clear()
    args.result = result  # for `replay`: the inputs it names
    return result


def _catalogue(args: argparse.Namespace) -> Catalogue:
    """The catalogue alone, for the commands that only look patterns up (its problems are `check`'s to report)."""
    from extractor.pipeline import read_catalogue

    return read_catalogue(args.settings)[0]


def _print_diagnostics(result: Result, err: TextIO, quiet_notes: bool = False) -> None:
    from extractor.model import Severity

    for diagnostic in result.diagnostics:
        if not (quiet_notes and diagnostic.severity is Severity.INFO):
            print(diagnostic, file=err)


def _count(result: Result, severity: str) -> int:
    return sum(d.severity == severity for d in result.diagnostics)


def _print_count(result: Result, err: TextIO) -> None:
    """One line saying how many errors and warnings there are, for commands whose output is something else."""
    errors, warnings = _count(result, "error"), _count(result, "warning")
    if errors or warnings:
        print(
            f"note: {counted(errors, 'error')} and {counted(warnings, 'warning')}; `patterns check` lists them",
            file=err,
        )


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Every problem of the catalogue, the code and the rules; nothing is rendered."""
    from extractor.pipeline import Stage

    result = _result(args, err, Stage.RULES, _previous(args.previous))
    errors, warnings = _count(result, "error"), _count(result, "warning")
    status = 1 if errors or (args.strict and warnings) else 0
    if args.format != "text":
        _print_machine(result, args, out)
        return status
    _print_diagnostics(result, err)
    print(
        ", ".join(
            counted(number, word)
            for number, word in (
                (len(result.catalogue.patterns), "pattern"),
                (len(result.examples), "example"),
                (errors, "error"),
                (warnings, "warning"),
            )
        ),
        file=out,
    )
    return status


def _print_machine(result: Result, args: argparse.Namespace, out: TextIO) -> None:
    """`check --format github|sarif`: paths relative to the repository root, as those tools expect."""
    import json

    from extractor import git
    from extractor.report import github_lines, sarif
    from extractor.stable import stable_url

    prefix = git.prefix(args.settings.root)
    prefix += "/" if prefix else ""
    if args.format == "github":
        print("\n".join(github_lines(result.diagnostics, prefix)), file=out)
        return
    urls = {r.id: stable_url(args.settings.site_url, r.id) for r in result.rules if args.settings.site_url}
    json.dump(sarif(result.diagnostics, result.rules, urls, prefix), out, indent=2)
    out.write("\n")


def cmd_baseline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from extractor.pipeline import Stage
    from extractor.rules import baseline_text
    from extractor.write import write_file

    result = _result(args, err, Stage.RULES)
    file = Path(args.file)  # named on the command line: its folder is this command's output folder
    write_file(file, baseline_text(result.violations), file.parent, args.file)
    print(f"wrote {len(result.violations)} violations to {args.file}", file=out)
    return 0


def cmd_build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the pages, errors or not (as `mkdocs build` does), and fail while errors remain."""
    from dataclasses import replace

    from extractor.codeblock import STYLESHEET, stylesheet
    from extractor.pipeline import Stage
    from extractor.stable import id_list
    from extractor.write import Target, write_files

    args.settings = replace(args.settings, mkdocstrings=False)  # no mkdocs-autorefs reads these pages
    result = _result(args, err, Stage.RENDER)
    _print_diagnostics(result, err)
    folder = Path(args.out)
    sources = {(args.settings.root / page.path).resolve() for page in result.catalogue.pages}
    clash = next((page.path for page in result.pages if (folder / page.path).resolve() in sources), None)
    if clash:
        raise _usage(
            f"--out {args.out} would write over the catalogue page {folder / clash}; write the pages elsewhere"
        )
    files = [(page.path, page.text) for page in (*result.pages, *result.assets)]
    files += [("ids.json", id_list(result.catalogue)), (STYLESHEET, stylesheet())]
    write_files([Target(folder / path, text, (folder / path).as_posix()) for path, text in files], folder)
    charts = f", {len(result.assets)} trend charts" if result.assets else ""
    print(f"wrote {len(result.pages)} pages{charts}, ids.json and {STYLESHEET} to {folder}", file=out)
    errors = _count(result, "error")
    if errors:
        them = "it" if errors == 1 else "them"
        print(
            f"error: {counted(errors, 'error')}; the pages were written with {them}, fix {them} and build again",
            file=err,
        )
    return 1 if errors else 0


def cmd_fill(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from extractor.fill import fill_catalogue, strip_catalogue
    from extractor.pipeline import Stage

    if args.strip:  # the catalogue alone: the code is not scanned
        changes, problems = strip_catalogue(_catalogue(args))
        for problem in problems:
            print(problem, file=err)
        if problems:
            print("error: not stripping while a generated block is malformed", file=err)
            return 1
        return _report_written(write_changes(args.settings.root, changes), changes, "stripped", out)
    result = _result(args, err, Stage.RULES)
    if args.check and not args.settings.fill and not _ever_filled(result):
        print(
            "no catalogue page holds examples written by `patterns fill`, so there is nothing to check "
            "(set `fill: true` in the plugin block if the team keeps them in the pages)",
            file=out,
        )
        return 0
    _print_diagnostics(result, err, quiet_notes=True)
    if any(d.code == "generated-block-malformed" and d.severity == "error" for d in result.diagnostics):
        print("error: not filling while a generated block is malformed (listed above); mend it first", file=err)
        return 1
    changes = fill_catalogue(result.catalogue, result.examples)
    status = (
        _check_changes(changes, out, err)
        if args.check
        else _report_written(write_changes(args.settings.root, changes), changes, "filled", out)
    )
    errors = _count(result, "error")
    if errors:  # as `patterns build`: the examples that resolved are written, and the errors still fail the run
        done = "checked" if args.check else "filled"
        print(f"error: {counted(errors, 'error')} (listed above); the pages were {done} without them", file=err)
    return 1 if errors else status


def _ever_filled(result: Result) -> bool:
    """True when a page holds a generated block, whole or broken."""
    return any(page.generated for page in result.catalogue.pages) or any(
        d.code == "generated-block-malformed" for d in result.diagnostics
    )


def _check_changes(changes: list[Change], out: TextIO, err: TextIO) -> int:
    """`fill --check`: the diff on stdout and one error line per stale page; writes nothing."""
    from extractor.fill import unified_diff
    from extractor.model import error

    stale = [change for change in changes if change.changed]
    for change in stale:
        out.write(unified_diff(change))
        message = "the examples written in this page are out of date; run `patterns fill`"
        print(error("fill-stale", change.path, 0, message), file=err)
    if not stale:
        print(f"{counted(len(changes), 'page')} up to date", file=out)
    return 1 if stale else 0


def write_changes(root: Path, changes: list[Change]) -> int:
    """Write every changed page or none (PatternsError); a page saved since it was read is not overwritten.

    Returns how many pages were written.
    """
    from extractor.write import Target, write_files

    written = [change for change in changes if change.changed]
    write_files([Target(root / c.path, c.after, c.path, expected=c.before) for c in written], root)
    return len(written)


def _report_written(written: int, changes: list[Change], verb: str, out: TextIO) -> int:
    print(f"{verb} {counted(written, 'page')}, {len(changes) - written} unchanged", file=out)
    return 0


def cmd_link(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The link to paste, found in the catalogue alone (or what `kept_titles` keeps of it): the code is not scanned."""
    from extractor import escape
    from extractor.find import closest_titles, find

    titles, site_url = _titles(args)
    query = " ".join(args.query)
    matches = find(titles, query)
    if not matches:
        close = closest_titles(titles, query)
        hint = f"closest titles: {', '.join(repr(t) for t in close)}" if close else "`patterns list` shows them all"
        print(_usage(f"no pattern matches {query!r}; {hint}"), file=err)
        return 1
    if not site_url:
        from extractor.model import warning

        message = "no `site_url`, so the link is relative to the site"
        print(warning("link-relative", args.config_file, 0, message), file=err)
    links = [escape.md_link(escape.md_text(m.pattern.title), escape.url(m.pattern.url)) for m in matches[: args.max]]
    print(links[0], file=out)
    for other in links[1:]:
        print(f"also: {other}", file=err)
    return 0


def _titles(args: argparse.Namespace) -> tuple[Titles, bool]:
    """The catalogue's titles as `kept_titles` keeps them, or read from the catalogue (and kept), with whether the
    site has a `site_url`."""
    from extractor import kept_titles

    kept = None if args.no_cache else kept_titles.read(args.config_file)
    if kept:
        return kept
    started_ns = time.time_ns()
    args.settings = _settings(args)
    catalogue = _catalogue(args)
    return _keep_titles(args, catalogue, started_ns), bool(args.settings.site_url)


def _keep_titles(args: argparse.Namespace, catalogue: Catalogue, started_ns: int) -> Titles:
    """The catalogue's titles, kept for `patterns link` (in the default cache folder only) by any command that read
    the catalogue in a run that started at `started_ns`."""
    from extractor import kept_titles
    from extractor.find import titles
    from extractor.inputs import of_catalogue
    from extractor.stamped import CACHE_DIR

    settings = args.settings
    found = titles(catalogue, settings.site_url)
    if settings.cache_dir == CACHE_DIR and settings.write_cache:
        inputs = of_catalogue(settings.root, settings.catalogue, _config_and_pages(args, catalogue))
        kept_titles.keep(args.config_file, found, bool(settings.site_url), inputs, started_ns)
    return found


def cmd_list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Patterns with their examples and, as JSON, their adoption (so the rules run too; the count of problems is
    `check`'s); with `--explain`, how each page was read (the code is not scanned)."""
    from extractor.pipeline import Stage

    result = _result(args, err, Stage.CATALOGUE if args.explain else Stage.RULES)
    if not args.explain:
        _print_count(result, err)
    pages = [
        page
        for page in result.catalogue.pages
        if args.page is None or args.page in (page.key, page.filename, page.path)
    ]
    if args.page is not None and not pages:
        keys = ", ".join(page.key for page in result.catalogue.pages if not page.home)
        print(_usage(f"no catalogue page {args.page!r}; the page keys are: {keys}"), file=err)
        return 1
    if args.explain:
        from extractor.catalogue import Reading
        from extractor.explain import explain
        from extractor.page import page_shape

        settings = args.settings
        reading = Reading(settings.slugify, settings.separator, settings.fields, settings.markdown_extensions)
        out.write("".join(explain(page, page_shape(page, reading)) for page in pages))
        return 0
    _list_examples(result, [p for page in pages for p in page.patterns], args.json, out)
    return 0


def _list_examples(result: Result, shown: list[Pattern], as_json: bool, out: TextIO) -> None:
    """Each pattern with its examples: aligned lines, or JSON for tools."""
    from extractor.examples import group_examples

    grouped = group_examples(list(result.examples))
    if as_json:
        import json

        from extractor.adoption import adoption_fields

        paths = result.catalogue.page_paths
        rows = [
            {
                "id": p.id,
                "title": p.title,
                "kind": p.kind.value,
                "page": paths[p.page],
                "examples": [
                    {"path": e.path, "start": e.start, "end": e.end, "url": e.url} for e in grouped.get(p.id, [])
                ],
                **adoption_fields(result.metrics.of(p.id)),
            }
            for p in shown
        ]
        json.dump({"patterns": rows}, out, indent=2)
        out.write("\n")
        return
    width = max((len(p.id) for p in shown), default=0)
    for p in shown:
        examples = grouped.get(p.id, [])
        places = ", ".join(f"{e.path}:{e.start}-{e.end}" for e in examples)
        kind = " (anti-pattern)" if p.kind.value == "anti-pattern" else ""
        print(f"{p.id:<{width}}  {len(examples)}{kind}  {places}".rstrip(), file=out)


def cmd_review(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Compare the base commit's run with this one; problems now are part of the summary, not a failure."""
    from extractor import git, review
    from extractor.pipeline import Stage
    from extractor.source_urls import source_link

    settings = args.settings
    base = _base_result(settings, args.base)
    found = review.compare(base, _result(args, err, Stage.RULES))
    commit, prefix = git.head_and_prefix(settings.root)
    if args.format == "github" and not found.empty:
        print("\n".join(review.render_github(found, prefix + "/" if prefix else "")), file=out)
        return 0
    link, _ = source_link(settings.source_url, settings.repo_url, commit or "HEAD", prefix)
    out.write(review.render_markdown(found, args.base, settings.site_url, link))
    return 0


def _base_result(settings: Settings, rev: str) -> Result:
    """The same run on a temporary checkout of `rev`, with this configuration."""
    from dataclasses import replace

    from extractor import git
    from extractor.pipeline import Stage, run

    if git.toplevel(settings.root) is None:
        raise _usage(f"{settings.root} is not in a git repository; `patterns review` needs its history")
    commit = git.commit_of(settings.root, rev)
    if commit is None:
        raise _usage(
            f"--base {rev!r} names no commit of this repository; pass a branch, tag or commit "
            "(in CI, fetch the pull request's base first: `git fetch origin main`, then `--base origin/main`)"
        )
    with git.checkout(settings.root, commit) as tree:
        root = tree / git.prefix(settings.root)
        root.mkdir(parents=True, exist_ok=True)  # the project may be new in this change
        return run(replace(settings, root=root, cache_dir=None), until=Stage.RULES)  # a throwaway tree


def cmd_init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`patterns init`: write what the repository lacks, say what was done and what to run next."""
    from extractor.fill import Change, unified_diff
    from extractor.init import set_up
    from extractor.read import read_text
    from extractor.write import write_files

    config = Path(args.config_file)
    setup = set_up(config)
    if args.dry_run:
        for target in setup.files:
            before = read_text(target.path) if target.path.exists() else ""
            out.write(unified_diff(Change(target.shown, before, target.text)))
    else:
        write_files(setup.files, config.parent.resolve())
    for line in setup.report:
        print(line, file=out)
    return 0


def cmd_history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`patterns history`: what the rules find at sampled commits of the branch (see `cli_history`)."""
    return cli_history.cmd_history(args.settings, args, out, err)


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "init": cmd_init,
    "check": cmd_check,
    "build": cmd_build,
    "list": cmd_list,
    "link": cmd_link,
    "baseline": cmd_baseline,
    "fill": cmd_fill,
    "review": cmd_review,
    "history": cmd_history,
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong command line is one `error[cli-usage]` line and exit status 1, like any bad input."""

    def error(self, message: str) -> NoReturn:
        raise _WrongCommandLine(f"{message} (see `{self.prog} --help`)")


class _WrongCommandLine(Exception):
    """What argparse found wrong; `run_cli` prints it as a `cli-usage` error (the model is not loaded to parse)."""


class _Version(argparse.Action):
    """`--version`: the installed distribution's version, looked up only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> NoReturn:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("living-patterns")
        except PackageNotFoundError:
            found = "(not installed)"
        print(f"patterns {found}")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    """The command line."""
    main = _Parser(prog="patterns", description="Fill a pattern catalogue's Example slots from annotated code.")
    main.add_argument("--version", action=_Version, nargs=0, help="print the installed version and exit")
    main.add_argument(
        "-f",
        "--config-file",
        default="mkdocs.yml",
        help="the MkDocs config with the `patterns` plugin block (default: ./mkdocs.yml)",
    )
    main.add_argument(
        "-q", "--quiet", action="store_true", help="no progress line while scanning (shown only on a terminal)"
    )
    main.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the cache of per-file results (`cache_dir` in mkdocs.yml)",
    )
    commands = main.add_subparsers(dest="command", required=True, parser_class=_Parser)
    init = commands.add_parser(
        "init", help="set this repository up: find the catalogue and the code, write or complete mkdocs.yml"
    )
    init.add_argument("--dry-run", action="store_true", help="write nothing; print what would change")
    build = commands.add_parser("build", help="write the rendered catalogue pages as Markdown")
    build.add_argument("--out", required=True, help="folder to write the pages into")
    check = commands.add_parser("check", help="report every problem as path:line: severity[code]: message")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument(
        "--previous",
        metavar="IDS_JSON",
        help="ids.json of the previous build: report ids that vanished without an alias",
    )
    check.add_argument(
        "--format",
        choices=("text", "github", "sarif"),
        default="text",
        help="text (default), GitHub annotations, or SARIF",
    )
    check.add_argument("--baseline", metavar="FILE", help="report only rule violations not listed in FILE")
    baseline = commands.add_parser("baseline", help="record today's rule violations, to adopt rules on old code")
    baseline.add_argument("action", choices=("write",), help="write: create or replace the baseline file")
    baseline.add_argument("file", metavar="FILE", help="the baseline file (JSON)")
    check.add_argument(
        "--require-examples", action="store_true", help="a pattern without any example is an error (also in mkdocs.yml)"
    )
    fill = commands.add_parser("fill", help="write the examples into the catalogue pages themselves")
    mode = fill.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="write nothing; print the diff, exit 1 if a page is stale")
    mode.add_argument("--strip", action="store_true", help="remove every generated block, restoring the pages")
    link = commands.add_parser(
        "link", help="a Markdown link to the pattern that best matches QUERY, to paste in a review"
    )
    link.add_argument("query", nargs="+", help="an id, a title, or words of one")
    link.add_argument("--max", type=_positive, default=5, help="how many matches to show (default: 5)")
    listing = commands.add_parser("list", help="every pattern id with its examples")
    listing.add_argument("--json", action="store_true", help="print JSON for tools")
    listing.add_argument("--page", metavar="KEY", help="only this catalogue page (its key, file name or path)")
    listing.add_argument(
        "--explain",
        action="store_true",
        help="how each page was read: which headings are patterns, their fields, and why a heading is not one",
    )
    cli_history.add_parser(commands)
    reviewing = commands.add_parser("review", help="a Markdown summary of what changed since a commit, for a PR")
    reviewing.add_argument("--base", required=True, metavar="REV", help="the commit to compare with, e.g. origin/main")
    reviewing.add_argument(
        "--format", choices=("markdown", "github"), default="markdown", help="markdown (default) or GitHub annotations"
    )
    return main


def _positive(text: str) -> int:
    """An argument that must be a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def run_cli(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    started_ns: int | None = None,
) -> int:
    """Run the command line; returns the exit status. With `started_ns` (when the process started), the output of
    a command `replay` keeps is kept for the next identical command."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        args = parser().parse_args(argv)
    except _WrongCommandLine as exc:
        print(_usage(str(exc)), file=err)
        return 1
    from extractor.errors import PatternsError

    try:
        pending = _pending(args) if started_ns is not None else None  # started before the settings are read
        if args.command not in ("init", "link"):  # link reads them only when it reads the catalogue
            args.settings = _settings(args)
        if pending is not None and started_ns is not None and _keeping(args):
            return _kept(args, sys.argv[1:] if argv is None else list(argv), started_ns, pending, out, err)
        return COMMANDS[args.command](args, out, err)
    except PatternsError as exc:
        print(exc, file=err)
        return 1


def _pending(args: argparse.Namespace) -> Pending | None:
    """The naming of a run's inputs, for a command whose output `replay` keeps (and `--no-cache` does not forbid)."""
    from extractor.replay import REPLAYED

    if args.command not in REPLAYED or args.no_cache:
        return None
    from extractor.inputs import Pending

    return Pending(Path(args.config_file).resolve().parent)


def _keeping(args: argparse.Namespace) -> bool:
    """Whether this command's output is kept for `replay`: a command it replays, with the default cache folder."""
    from extractor.replay import REPLAYED
    from extractor.stamped import CACHE_DIR

    return args.command in REPLAYED and args.settings.cache_dir == CACHE_DIR and args.settings.write_cache


def _kept(
    args: argparse.Namespace, argv: list[str], started_ns: int, pending: Pending, out: TextIO, err: TextIO
) -> int:
    """Run the command, its output written through and kept, then keep it with the stamps of the run's inputs
    (their folders stamped before the pipeline reads any: `_result`)."""
    from extractor import kept_titles, replay

    args.pending = pending
    chunks: list[replay.Chunk] = []
    kept_out, kept_err = cast(TextIO, _Kept(out, 1, chunks)), cast(TextIO, _Kept(err, 2, chunks))
    status = COMMANDS[args.command](args, kept_out, kept_err)
    result: Result | None = getattr(args, "result", None)
    if result is not None and not any(d.code.startswith("cache-") for d in result.diagnostics):
        inputs, folders = pending.inputs(_named_inputs(args, result.catalogue))
        taken = {path: code for path, code in result.stamps.items() if code is not None} | folders
        replay.keep(argv, started_ns, inputs, taken, chunks, status)
        if kept_titles.read(args.config_file) is None:  # `patterns link` then reads no catalogue either
            _keep_titles(args, result.catalogue, started_ns)
    return status


def _named_inputs(args: argparse.Namespace, catalogue: Catalogue) -> list[Path]:
    """The files a run reads because the configuration or the command line names them."""
    settings, root = args.settings, args.settings.root
    named = _config_and_pages(args, catalogue)
    named += [root / name for name in (settings.baseline, settings.history, settings.sgconfig) if name]
    return named + ([Path(args.previous).resolve()] if getattr(args, "previous", None) else [])


def _config_and_pages(args: argparse.Namespace, catalogue: Catalogue) -> list[Path]:
    """mkdocs.yml, the files it inherits from, and the catalogue pages."""
    from extractor.site_config import inherited_files

    root = args.settings.root
    return [*inherited_files(Path(args.config_file).resolve()), *(root / page.path for page in catalogue.pages)]


class _Kept:
    """An output stream written through, its text kept as chunks (not the progress line, redrawn with `\r`)."""

    def __init__(self, stream: TextIO, number: int, chunks: list[tuple[int, str]]) -> None:
        self.stream, self.number, self.chunks = stream, number, chunks

    def write(self, text: str) -> int:
        if not text.startswith("\r"):
            self.chunks.append((self.number, text))
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()


def _settings(args: argparse.Namespace) -> Settings:
    """The plugin block of mkdocs.yml, with what the command line says instead."""
    from dataclasses import replace

    from extractor.site_config import load_settings

    settings = load_settings(args.config_file)
    if args.no_cache:
        settings = replace(settings, cache_dir=None)
    if getattr(args, "require_examples", False):
        settings = replace(settings, require_examples=True)
    if getattr(args, "baseline", None) or args.command == "baseline":
        chosen = None if args.command == "baseline" else str(Path(args.baseline).resolve())
        settings = replace(settings, baseline=chosen)
    return settings


class ProgressLine:
    """`scanning: 1,234/5,678 files, 56 examples` (the `words` of a command) on one terminal line, redrawn at most
    ten times a second.

    Nothing is shown for work shorter than `delay` seconds, so short runs do not flicker.
    """

    def __init__(
        self,
        err: TextIO,
        words: tuple[str, str, str] = ("scanning", "files", "examples"),
        interval: float = 0.1,
        delay: float = 0.5,
    ) -> None:
        self.err, self.words, self.interval, self.width = err, words, interval, 0
        self.shown = time.monotonic() + delay - interval

    def __call__(self, done: int, total: int, found: int) -> None:
        now = time.monotonic()
        if now - self.shown < self.interval:
            return
        self.shown = now
        doing, items, finds = self.words
        text = f"{doing}: {done:,}/{total:,} {items}, {found:,} {finds}"
        self.width = max(self.width, len(text))
        self.err.write(f"\r{text}")
        self.err.flush()

    def clear(self) -> None:
        """Erase the line, so what the command prints next starts clean."""
        if self.width:
            self.err.write("\r" + " " * self.width + "\r")
            self.err.flush()


def _previous(path: str | None) -> IdList | None:
    from extractor.read import read_text
    from extractor.stable import IdList, read_id_list

    if path is None:
        return None
    try:
        ids = read_id_list(read_text(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise _usage(f"cannot read the previous id list ({exc})", path) from None
    if ids is None:
        raise _usage("not an id list; pass the ids.json that `patterns build` or the site wrote", path)
    return IdList(path, ids)


def _usage(message: str, path: str = "") -> PatternsError:
    """The error of a command given something it cannot use."""
    from extractor.model import Diagnostic, Location, PatternsError, Severity

    return PatternsError(Diagnostic(Location(path), Severity.ERROR, message, "cli-usage"))


def main(started_ns: int | None = None) -> None:
    """Console script entry point (through `extractor.start`, which says when the process started)."""
    try:
        status = run_cli(started_ns=started_ns)
        sys.stdout.flush()
    except BrokenPipeError:  # `patterns list | head`: the reader left, which is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 0
    sys.exit(status)
