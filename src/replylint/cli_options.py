"""The click command: every option of the command line, its help text and its checks.

``replylint.cli.main`` imports this module only for a command line with options; the work
itself is ``replylint.cli.guarded``, the same for both ways in.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from replylint import __version__
from replylint.cli import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Options,
    guarded,
    internal_error,
    print_error,
)
from replylint.diagnostics import SEVERITY_NAMES
from replylint.formats import FORMATS
from replylint.lang import LANGUAGES

ENTRY_POINT = object()  # the click context object of a run that ``replylint.cli.main`` started


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
            print_error(exc.format_message())
            code = EXIT_ERROR
        except click.Abort:
            code = EXIT_INTERRUPTED
        except Exception as exc:
            internal_error(exc)
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
    own_process = click.get_current_context().obj is ENTRY_POINT
    sys.exit(guarded(Options(**kwargs), own_process))
