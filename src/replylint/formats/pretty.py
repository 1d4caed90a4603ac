"""The ``pretty`` format: findings shown in their source line with a coloured caret and a summary.

This is the one formatter that imports rich. Everything read from files is added to ``Text`` objects
as plain strings with control characters escaped, so it is never parsed as markup or terminal codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from replylint.diagnostics import Applicability, Diagnostic, FileResult, Severity
from replylint.formats import FormatOptions
from replylint.formats._escape import escape_controls
from replylint.text import LineIndex

TAB_SIZE = 4
DEFAULT_WIDTH = 100

SEVERITY_COLORS: dict[Severity, str] = {
    Severity.ERROR: "red",
    Severity.WARNING: "yellow",
    Severity.SUGGESTION: "cyan",
}

_GUTTER_STYLE = "bold blue"
_TAB = re.compile("(\t)")


def render(results: Sequence[FileResult], stream: TextIO, options: FormatOptions) -> None:
    """Write each finding with its source line and caret, then a summary footer, to ``stream``."""
    console = make_console(stream, options)
    located: list[tuple[Diagnostic, LineIndex]] = []
    for result in results:
        index = LineIndex(result.text)
        located.extend((diagnostic, index) for diagnostic in result.diagnostics)
    located.sort(key=lambda pair: pair[0].sort_key())
    for diagnostic, index in located:
        # one print per finding: each console.print call costs more than rendering a line
        console.print(Text("\n").join([*finding_lines(diagnostic, index), Text()]))
    if located or not options.quiet:
        console.print(Text(summary(results), style="bold"))


def make_console(stream: TextIO, options: FormatOptions) -> Console:
    """Return a console that writes to ``stream``, styled only when ``options.color`` is set."""
    return Console(
        file=stream,
        force_terminal=options.color,
        force_jupyter=False,
        force_interactive=False,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        width=options.width or DEFAULT_WIDTH,
        legacy_windows=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
    )


def finding_lines(diagnostic: Diagnostic, index: LineIndex) -> list[Text]:
    """Return the header, message, source excerpt, suggestions and entry lines of one finding."""
    color = SEVERITY_COLORS[diagnostic.severity]
    line, column = index.line_col(diagnostic.start)
    header = Text()
    header.append(escape_controls(diagnostic.path), style="bold")
    header.append(f":{line}:{column}")
    header.append("  ")
    header.append(diagnostic.severity.label, style=f"bold {color}")
    header.append("  ")
    header.append(escape_controls(diagnostic.rule), style="bold")
    fix = diagnostic.fix
    if fix is not None and fix.applicability is not Applicability.DISPLAY_ONLY:
        safe = fix.applicability is Applicability.SAFE
        header.append(" [*]" if safe else " [unsafe fix]", style="cyan")
    lines = [header, Text("  " + escape_controls(diagnostic.message))]
    if fix is not None and len(fix.edits) == 1:
        text = Text("  ")
        text.append("fix: ", style="cyan")
        edit = fix.edits[0]
        was = escape_controls(index.text[edit.start : edit.end])
        text.append(f"replace «{was}» with «{escape_controls(edit.replacement)}»")
        lines.append(text)
    lines.extend(_excerpt(diagnostic, index, color))
    for suggestion in diagnostic.suggestions:
        text = Text("  ")
        text.append("→ ", style="green")
        text.append(escape_controls(suggestion), style="green")
        lines.append(text)
    if diagnostic.entry is not None:
        text = Text("  ")
        text.append("entry: ", style="dim")
        text.append(escape_controls(diagnostic.entry))
        lines.append(text)
    return lines


def _excerpt(diagnostic: Diagnostic, index: LineIndex, color: str) -> list[Text]:
    """Return the source line with the span highlighted and the caret line under it."""
    line, column = index.line_col(diagnostic.start)
    end_line, end_column = index.line_col(diagnostic.end)
    source = index.line_text(line)
    start = min(column - 1, len(source))
    end = min(end_column - 1, len(source)) if end_line == line else len(source)
    end = max(end, start)
    prefix = _display(source[:start], "")
    span = _display(source[start:end], prefix)
    suffix = _display(source[end:], prefix + span)
    caret_start = cell_len(prefix)
    caret_width = max(1, cell_len(prefix + span) - caret_start)

    number = str(line)
    source_line = Text()
    source_line.append(f"  {number} | ", style=_GUTTER_STYLE)
    source_line.append(prefix)
    source_line.append(span, style=f"bold {color}")
    source_line.append(suffix)
    caret_line = Text()
    caret_line.append(f"  {' ' * len(number)} | ", style=_GUTTER_STYLE)
    caret_line.append(" " * caret_start)
    caret_line.append("^" * caret_width, style=f"bold {color}")
    return [source_line, caret_line]


def _display(text: str, before: str) -> str:
    """Return ``text`` as shown after the already displayed ``before``: escaped, tabs expanded."""
    shown = ""
    for piece in _TAB.split(text):
        if piece == "\t":
            shown += " " * (TAB_SIZE - cell_len(before + shown) % TAB_SIZE)
        else:
            shown += escape_controls(piece)
    return shown


def summary(results: Sequence[FileResult]) -> str:
    """Return the footer line: ``Found N problems (… by severity) in M files.`` or none found."""
    diagnostics = [d for result in results for d in result.diagnostics]
    if not diagnostics:
        return f"No problems found in {_count(len(results), 'file')}."
    counts = ", ".join(
        _count(sum(1 for d in diagnostics if d.severity is severity), severity.label)
        for severity in sorted(Severity, reverse=True)
    )
    files = sum(1 for result in results if result.diagnostics)
    line = f"Found {_count(len(diagnostics), 'problem')} ({counts}) in {_count(files, 'file')}."
    kinds = [d.fix.applicability for d in diagnostics if d.fix is not None]
    safe = kinds.count(Applicability.SAFE)
    unsafe = kinds.count(Applicability.UNSAFE)
    if safe:
        line += f" {safe} fixable with --fix."
    if unsafe:
        line += f" {unsafe} more with --unsafe-fixes."
    return line


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
