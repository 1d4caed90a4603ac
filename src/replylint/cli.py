"""The command line: parse options, call the API, hand results to a formatter, return an exit code.

``replylint draft.txt`` needs no subcommand; the helper actions are options (``--list-rules``,
``--explain ID``, ``--test-rules``) so that no reply file name can collide with them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import click

from replylint import __version__
from replylint.diagnostics import SEVERITY_NAMES, FileResult, Severity
from replylint.errors import ReplylintError, RuleFileErrors
from replylint.formats import FORMATS, FormatOptions, get_renderer
from replylint.lang import LANGUAGES
from replylint.sources import SourceOptions

if TYPE_CHECKING:
    from replylint.api import Settings
    from replylint.ruleset.compiled import CompiledRuleSet

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split_ids(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _use_color(choice: str, stream: object) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _error(message: str) -> None:
    _stderr(f"replylint: error: {message}")


def _stderr(line: str) -> None:
    """One line on stderr; control characters from file names or text are shown escaped."""
    from replylint.formats._escape import escape_controls

    click.echo(escape_controls(line), err=True)


class _OneLineErrors(click.Command):
    """A command whose usage and internal errors are one ``replylint: error:`` line, exit 2."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> None:
        """Run the command; never let a traceback reach the user."""
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name or "replylint", standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
            code = EXIT_ERROR
        except click.ClickException as exc:
            _error(exc.format_message())
            code = EXIT_ERROR
        except click.Abort:
            code = 130
        except Exception as exc:
            _error(
                f"internal error: {type(exc).__name__}: {exc} "
                "(please report this with the command and input that caused it)"
            )
            code = EXIT_ERROR
        sys.exit(code if isinstance(code, int) else EXIT_OK)


@click.command(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # errors come from reading
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Report format [default: pretty; github under GitHub Actions].",
)
@click.option(
    "--lang",
    type=click.Choice(["auto", *LANGUAGES]),
    default=None,
    help="Language of every segment (default: detected per paragraph).",
)
@click.option(
    "--select", multiple=True, help="Only these rule ids (comma-separated, repeatable; ALL)."
)
@click.option("--ignore", multiple=True, help="Skip these rule ids (comma-separated, repeatable).")
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Extra rule directory (repeatable).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (default: nearest .replylint.yaml).",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(SEVERITY_NAMES)),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
@click.option("--stdin-filename", default=None, help="Name to report for standard input ('-').")
@click.option(
    "--encoding", default=None, help="Encoding of input files without a BOM (default UTF-8)."
)
@click.option(
    "--structure/--no-structure",
    default=None,
    help="Judge whole replies (greeting, closing offer, …); off for macro fragments [default: on].",
)
@click.option(
    "--fix", is_flag=True, help="Apply safe fixes to the files (stdin: print the fixed text)."
)
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for many files [default: the cores available].",
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary when clean.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.option(
    "--explain", "explain_id", metavar="ID", default=None, help="Explain a rule and exit."
)
@click.option(
    "--test-rules",
    is_flag=True,
    help="Run the examples of the rule files in PATHS (directories; default: built-in rules).",
)
@click.version_option(__version__, prog_name="replylint")
def command(**kwargs: Any) -> None:
    """Lint customer-support replies and macro libraries in PATHS ('-' for standard input)."""
    try:
        code = _run(_Options(**kwargs), own_process=click.get_current_context().obj is _ENTRY_POINT)
    except RuleFileErrors as exc:
        for err in exc.errors:
            _error(err.render())
        code = EXIT_ERROR
    except ReplylintError as exc:
        _error(exc.render())
        code = EXIT_ERROR
    sys.exit(code)


class _Options(NamedTuple):
    """The parsed command line, one field per option.

    A NamedTuple rather than a dataclass: it is defined on every start-up, at a fraction of
    the cost.
    """

    paths: tuple[str, ...]
    fmt: str | None
    lang: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    rule_dirs: tuple[Path, ...]
    config_path: Path | None
    fail_on: str | None
    color: str
    stdin_filename: str | None
    encoding: str | None
    structure: bool | None
    fix: bool
    unsafe_fixes: bool
    diff: bool
    jobs: int | None
    quiet: bool
    list_rules: bool
    explain_id: str | None
    test_rules: bool


def _run(opts: _Options, own_process: bool = False) -> int:
    """Do what the command line asks; ``own_process``: started by ``main``, not embedded."""
    from replylint import api
    from replylint.config import Config, find_config, load_config
    from replylint.ruleset.loader import load_ruleset

    if opts.test_rules:
        return _test_rules(opts.paths)
    if opts.encoding is not None:
        from replylint.text import codec_name

        if codec_name(opts.encoding) is None:
            raise ReplylintError(f"--encoding: unknown encoding {opts.encoding!r}")
    if opts.config_path is not None and not opts.config_path.is_file():
        raise ReplylintError("config file not found", str(opts.config_path))
    found = opts.config_path or find_config(Path.cwd())
    config = load_config(found) if found else Config()
    ruleset = load_ruleset([*config.rules, *opts.rule_dirs])
    if own_process:
        _freeze_start_up_objects()
    chosen_lang = opts.lang if opts.lang is not None else config.lang
    settings = api.Settings(
        lang=None if chosen_lang in (None, "auto") else chosen_lang,
        select=_split_ids(opts.select) or config.select,
        ignore=_split_ids(opts.ignore) or config.ignore,
        severity=config.severity,
        encoding=opts.encoding,
        structure=next(v for v in (opts.structure, config.structure, True) if v is not None),
        per_path=config.per_path,
        exclude=config.exclude,
        locales=config.locales,
        allow_lists=config.allow_lists,
        sources=SourceOptions(**dict(config.sources)),  # type: ignore[arg-type]
        pinned=frozenset(
            name
            for name, value in (("lang", opts.lang), ("structure", opts.structure))
            if value is not None
        ),
    )
    if opts.list_rules:
        return _list_rules(ruleset, settings.lang, opts.fmt)
    if opts.explain_id is not None:
        from replylint.explain import explain_rule

        if opts.explain_id not in ruleset.ids():
            api.enabled_rule_ids(ruleset, api.Settings(select=(opts.explain_id,)))
        click.echo(explain_rule(ruleset, opts.explain_id, settings.lang), nl=False)
        return EXIT_OK
    if not opts.paths:
        raise ReplylintError("no input: give files, directories or '-' for standard input")

    if opts.fix or opts.diff:
        return _fix(opts, ruleset, settings, config.fail_on)
    from replylint.parallel import available_cores

    results: list[FileResult] = []
    file_paths = [p for p in opts.paths if p != "-"]
    jobs = opts.jobs if opts.jobs is not None else available_cores()
    if "-" in opts.paths:
        data = sys.stdin.buffer.read()
        name = opts.stdin_filename or "<stdin>"
        results.append(api.lint_bytes(data, name, ruleset, settings, jobs))
    if file_paths:
        results.extend(api.lint_paths(file_paths, ruleset, settings, jobs))
    return _report(opts, results, config.fail_on)


def _freeze_start_up_objects() -> None:
    """Leave what start-up made (modules, config, the rule set) out of later collections.

    These objects live as long as the process, yet every full collection of the cyclic
    garbage collector would walk them again: about 10 ms of a 120 ms one-reply run. Forked
    workers inherit them frozen too, so their collections do not touch (and copy) those pages.
    Only a process that ``main`` started does this: an embedding program's objects are its own.
    """
    import gc

    gc.freeze()


def _report(opts: _Options, results: list[FileResult], config_fail_on: Severity | None) -> int:
    """Print notices and the report; the exit code says whether findings reach ``--fail-on``."""
    for result in results:
        for notice in result.notices:
            _stderr(f"replylint: notice: {notice.path}: {notice.message}")
    stdout = sys.stdout
    options = FormatOptions(color=_use_color(opts.color, stdout), quiet=opts.quiet)
    get_renderer(_format(opts.fmt))(results, stdout, options)
    fail_on = opts.fail_on
    threshold = Severity.parse(fail_on) if fail_on else (config_fail_on or Severity.WARNING)
    failing = any(d.severity >= threshold for r in results for d in r.diagnostics)
    return EXIT_FINDINGS if failing else EXIT_OK


def _fix(
    opts: _Options, ruleset: CompiledRuleSet, settings: Settings, config_fail_on: Severity | None
) -> int:
    """``--fix`` / ``--diff``: fix files (or print the diff), then report what is left."""
    import difflib

    from replylint import api

    reports = []
    file_paths = [p for p in opts.paths if p != "-"]
    if "-" in opts.paths:
        name = opts.stdin_filename or "<stdin>"
        data = sys.stdin.buffer.read()
        stdin = api.fix_bytes(data, name, ruleset, settings, opts.unsafe_fixes)
        if not opts.diff:
            sys.stdout.write(stdin.fixed)  # the fixed text on stdout; what is left on stderr
            for left in stdin.result.diagnostics:
                _stderr(f"replylint: {left.path}: {left.rule}: {left.message}")
            return EXIT_OK
        reports.append(stdin)
    write = not opts.diff
    reports.extend(api.fix_paths(file_paths, ruleset, settings, opts.unsafe_fixes, write))
    if opts.diff:
        for report in reports:
            if report.changed:
                sys.stdout.writelines(
                    difflib.unified_diff(
                        report.original.splitlines(keepends=True),
                        report.fixed.splitlines(keepends=True),
                        fromfile=f"a/{report.path}",
                        tofile=f"b/{report.path}",
                    )
                )
        return EXIT_FINDINGS if any(r.changed for r in reports) else EXIT_OK
    fixed = sum(r.applied for r in reports)
    if fixed and not opts.quiet:
        changed = sum(1 for r in reports if r.changed)
        click.echo(f"replylint: fixed {fixed} finding(s) in {changed} file(s)", err=True)
    return _report(opts, [r.result for r in reports], config_fail_on)


def _format(chosen: str | None) -> str:
    """The format asked for, else ``github`` inside GitHub Actions, else ``pretty``."""
    if chosen is not None:
        return chosen
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "pretty"


def _list_rules(ruleset: CompiledRuleSet, lang: str | None, fmt: str | None) -> int:
    from replylint.explain import rule_table

    rows = rule_table(ruleset, lang)
    if fmt == "json":
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        messages = cast("dict[str, str]", row["messages"])
        summary = messages.get("en") or next(iter(messages.values()))
        langs = ",".join(cast("list[str]", row["languages"]))
        click.echo(f"{row['id']:<28} {row['severity']:<10} {langs:<12} {summary}")
    return EXIT_OK


def _test_rules(paths: tuple[str, ...]) -> int:
    from replylint.ruleset.loader import load_ruleset
    from replylint.ruletest import run_examples

    dirs = [Path(p) for p in paths]
    ruleset = load_ruleset(dirs, use_builtin=not dirs)
    results = run_examples(ruleset)
    failures = [r for r in results if not r.ok]
    for failure in failures:
        click.echo(f"FAIL {failure.describe()}")
    click.echo(f"Rule examples checked: {len(results)}; failing: {len(failures)}.")
    return EXIT_FINDINGS if failures else EXIT_OK


_ENTRY_POINT = object()  # the click context object of a run that ``main`` started


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point: the process is replylint's, so it may tune the collector."""
    command.main(
        args=list(argv) if argv is not None else None, prog_name="replylint", obj=_ENTRY_POINT
    )
