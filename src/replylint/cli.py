"""The command line: read it, do what it asks, print the report, return the exit code.

``replylint draft.txt`` needs no subcommand; the helper actions are options (``--list-rules``,
``--explain ID``, ``--test-rules``) so that no reply file name can collide with them.

Options are parsed by click (``replylint.cli_options``). A command line of file names alone,
which is how pre-commit starts the hook, has nothing to parse, and one that adds only the
options CI passes most (``--format``, ``--jobs``, ``--quiet``, plainly spelled) is read as click
would read it (``simple_options``); ``main`` runs both without importing click, which is about
a fifth of a one-reply run. Everything else goes to click. Both ways end in ``guarded``.
"""

import contextlib
import errno
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, NoReturn, cast

from replylint.diagnostics import FileResult, Severity
from replylint.errors import ReplylintError, RuleFileErrors
from replylint.formats import FormatOptions, get_renderer
from replylint.sources import SourceOptions

if TYPE_CHECKING:
    from pathlib import Path

    from replylint.api import Settings
    from replylint.ruleset.compiled import CompiledRuleSet

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class Options(NamedTuple):
    """The parsed command line, one field per option, with the defaults click declares.

    A NamedTuple rather than a dataclass: it is defined on every start-up, at a fraction of
    the cost.
    """

    paths: tuple[str, ...] = ()
    fmt: str | None = None
    lang: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_dirs: "tuple[Path, ...]" = ()
    config_path: "Path | None" = None
    fail_on: str | None = None
    color: str = "auto"
    stdin_filename: str | None = None
    encoding: str | None = None
    structure: bool | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    jobs: int | None = None
    quiet: bool = False
    list_rules: bool = False
    explain_id: str | None = None
    test_rules: bool = False


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point: the process is replylint's, so it may tune the collector.

    Called without ``argv`` (the console script, ``python -m replylint``), it ends the
    process itself (see ``_leave``); with ``argv`` it raises ``SystemExit`` as usual.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        simple = simple_options(args)
        if simple is not None:
            sys.exit(guarded(simple, own_process=True))
        from replylint.cli_options import ENTRY_POINT, command

        command.main(args=args, prog_name="replylint", obj=ENTRY_POINT)
    except SystemExit as done:
        if argv is not None:
            raise
        _leave(done.code)


def _leave(code: object) -> NoReturn:
    """End the process with ``code`` as ``SystemExit`` would, minus the interpreter's teardown.

    Tearing down frees every object the run made one by one (the rule set, a library's
    findings): 30 ms after a large export, a few after one reply, which pre-commit pays on
    every commit. The exit handlers still run and both streams are flushed first; a reader
    that has gone away by then ends the run quietly, as it does while writing.
    """
    import atexit

    if code is None:
        status = EXIT_OK
    elif isinstance(code, int):
        status = code
    else:  # ``sys.exit("message")``: printed, status 1
        print(code, file=sys.stderr)
        status = 1
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is not None:
        run_handlers()
    try:
        sys.stdout.flush()
    except OSError:
        _silence_stdout()
        status = status or EXIT_FINDINGS
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(status)


def plain_operands(args: Sequence[str]) -> bool:
    """Whether click would read ``args`` as file names and nothing else.

    Nothing that starts with ``-`` (options, ``--``, stdin), no shell-completion request, and
    not on Windows, where click expands wildcards in ``sys.argv`` itself.
    """
    return _click_not_needed(args) and not any(arg.startswith("-") for arg in args)


def _click_not_needed(args: Sequence[str]) -> bool:
    """Something to lint, not on Windows, and no shell-completion request."""
    return bool(args) and os.name != "nt" and "_REPLYLINT_COMPLETE" not in os.environ


# Options that CI and pre-commit hooks pass most, read without click when spelled plainly.
_FORMAT_OPTIONS = ("--format",)
_JOBS_OPTIONS = ("--jobs", "-j")
_QUIET_OPTIONS = ("--quiet", "-q")


def simple_options(args: Sequence[str]) -> Options | None:
    """``args`` as click would read them, when they are file names plus plain common options.

    Besides file names: ``--format NAME`` (a registered format), ``--jobs N`` or ``-j N``
    (digits, no leading zero) and ``--quiet`` or ``-q``, each at most once, in any order, in
    the ``--name value`` or ``--name=value`` spelling. Anything else (another option, a
    repeated one, an odd value, ``-`` or ``--``) is None: click reads it and reports errors.
    """
    if not _click_not_needed(args):
        return None
    if not any(arg.startswith("-") for arg in args):
        return Options(paths=tuple(args))
    from replylint.formats import FORMATS

    paths: list[str] = []
    fields: dict[str, object] = {}
    words = iter(args)
    for word in words:
        if not word.startswith("-"):
            paths.append(word)
            continue
        name, equals, value = word.partition("=")
        parsed: object
        if name in _QUIET_OPTIONS and not equals:
            key, parsed = "quiet", True
        elif name in _FORMAT_OPTIONS or name in _JOBS_OPTIONS:
            if not equals:
                value = next(words, "")
            if name in _FORMAT_OPTIONS and value in FORMATS:
                key, parsed = "fmt", value
            elif name in _JOBS_OPTIONS and value.isascii() and value.isdigit() and value[0] != "0":
                key, parsed = "jobs", int(value)
            else:
                return None
        else:
            return None
        if key in fields or (equals and not name.startswith("--")):  # ``-j=2``: click's error
            return None
        fields[key] = parsed
    if not paths:
        return None
    return Options(paths=tuple(paths), **fields)  # type: ignore[arg-type]


def guarded(opts: Options, own_process: bool = False) -> int:
    """Do what the command line asks, and what click's ``main`` does around a command.

    A replylint error is one line each (a rule-file error one per problem) and exit code 2;
    an interrupt, a reader that closed the pipe and an internal error each end with their exit
    code and at most one line, never a traceback. Both ways in end here.
    """
    try:
        return _run(opts, own_process)
    except RuleFileErrors as exc:
        for err in exc.errors:
            print_error(err.render())
        return EXIT_ERROR
    except ReplylintError as exc:
        print_error(exc.render())
        return EXIT_ERROR
    except (EOFError, KeyboardInterrupt):
        _echo("", err=True)  # ends the terminal's ``^C`` line, as click does
        return EXIT_INTERRUPTED
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            internal_error(exc)
            return EXIT_ERROR
        _silence_stdout()
        return EXIT_FINDINGS  # click's code when the reader went away
    except Exception as exc:
        internal_error(exc)
        return EXIT_ERROR


def _silence_stdout() -> None:
    """Point stdout at the null device, so flushing at exit cannot raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind sys.stdout
        pass
    finally:
        os.close(devnull)


def internal_error(exc: BaseException) -> None:
    """The one line that a bug prints instead of a traceback."""
    print_error(
        f"internal error: {type(exc).__name__}: {exc} "
        "(please report this with the command and input that caused it)"
    )


def _split_ids(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _use_color(choice: str, stream: object) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def print_error(message: str) -> None:
    """One ``replylint: error:`` line on stderr."""
    _stderr(f"replylint: error: {message}")


def _stderr(line: str) -> None:
    """One line on stderr; control characters from file names or text are shown escaped."""
    from replylint.formats._escape import escape_controls

    _echo(escape_controls(line), err=True)


def _echo(message: str, err: bool = False, nl: bool = True) -> None:
    """``click.echo``, imported only when something besides the report is printed."""
    import click

    click.echo(message, err=err, nl=nl)


def _run(opts: Options, own_process: bool = False) -> int:
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
    found = opts.config_path or find_config(os.getcwd())  # noqa: PTH109 - no pathlib at start
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
        _echo(explain_rule(ruleset, opts.explain_id, settings.lang), nl=False)
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

    from replylint import collector

    gc.freeze()
    collector.claim_process()


def _report(opts: Options, results: list[FileResult], config_fail_on: Severity | None) -> int:
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
    opts: Options, ruleset: "CompiledRuleSet", settings: "Settings", config_fail_on: Severity | None
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
        _echo(f"replylint: fixed {fixed} finding(s) in {changed} file(s)", err=True)
    return _report(opts, [r.result for r in reports], config_fail_on)


def _format(chosen: str | None) -> str:
    """The format asked for, else ``github`` inside GitHub Actions, else ``pretty``."""
    if chosen is not None:
        return chosen
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "pretty"


def _list_rules(ruleset: "CompiledRuleSet", lang: str | None, fmt: str | None) -> int:
    from replylint.explain import rule_table

    rows = rule_table(ruleset, lang)
    if fmt == "json":
        import json

        _echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        messages = cast("dict[str, str]", row["messages"])
        summary = messages.get("en") or next(iter(messages.values()))
        langs = ",".join(cast("list[str]", row["languages"]))
        _echo(f"{row['id']:<28} {row['severity']:<10} {langs:<12} {summary}")
    return EXIT_OK


def _test_rules(paths: tuple[str, ...]) -> int:
    from pathlib import Path

    from replylint.ruleset.loader import load_ruleset
    from replylint.ruletest import run_examples

    dirs = [Path(p) for p in paths]
    ruleset = load_ruleset(dirs, use_builtin=not dirs)
    results = run_examples(ruleset)
    failures = [r for r in results if not r.ok]
    for failure in failures:
        _echo(f"FAIL {failure.describe()}")
    _echo(f"Rule examples checked: {len(results)}; failing: {len(failures)}.")
    return EXIT_FINDINGS if failures else EXIT_OK
