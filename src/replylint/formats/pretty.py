"""The ``pretty`` format: findings shown in their source line with a coloured caret and a summary.

Each finding is built as lines of ``(text, style)`` pieces. With colour they become rich ``Text``
(the one formatter that imports rich's console); without, the pieces are written as they are,
which is what rich would print without styles, and rich's console is never imported. Everything
read from files is escaped first and never parsed as markup or terminal codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from replylint.diagnostics import Applicability, Diagnostic, FileResult, Severity
from replylint.formats import FormatOptions
from replylint.formats._escape import escape_controls
from replylint.text import LineIndex

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

TAB_SIZE = 4
DEFAULT_WIDTH = 100

SEVERITY_COLORS: dict[Severity, str] = {
    Severity.ERROR: "red",
    Severity.WARNING: "yellow",
    Severity.SUGGESTION: "cyan",
}

_GUTTER_STYLE = "bold blue"
_TAB = re.compile("(\t)")

# A line of output: pieces of text, each with its rich style (None: unstyled).
Line = list[tuple[str, str | None]]


def render(results: Sequence[FileResult], stream: TextIO, options: FormatOptions) -> None:
    """Write each finding with its source line and caret, then a summary footer, to ``stream``."""
    located: list[tuple[Diagnostic, LineIndex]] = []
    for result in results:
        if result.diagnostics:  # a clean file's lines are never shown
            index = LineIndex(result.text)
            located.extend((diagnostic, index) for diagnostic in result.diagnostics)
    located.sort(key=lambda pair: pair[0].sort_key())
    footer = located or not options.quiet
    if not options.color:
        for diagnostic, index in located:
            lines = finding_lines(diagnostic, index)
            stream.write("".join(["".join([t for t, _ in line]) + "\n" for line in lines]) + "\n")
        if footer:
            stream.write(summary(results) + "\n")
        return
    from rich.text import Text

    console = make_console(stream, options)
    for diagnostic, index in located:
        # one print per finding: each console.print call costs more than rendering a line
        styled = [_styled(line) for line in finding_lines(diagnostic, index)]
        console.print(Text("\n").join([*styled, Text()]))
    if footer:
        console.print(Text(summary(results), style="bold"))


def _styled(line: Line) -> Text:
    from rich.text import Text

    text = Text()
    for piece, style in line:
        text.append(piece, style=style)
    return text


def make_console(stream: TextIO, options: FormatOptions) -> Console:
    """Return a console that writes to ``stream``, styled only when ``options.color`` is set."""
    from rich.console import Console

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


def finding_lines(diagnostic: Diagnostic, index: LineIndex) -> list[Line]:
    """Return the header, message, source excerpt, suggestions and entry lines of one finding."""
    color = SEVERITY_COLORS[diagnostic.severity]
    line, column = index.line_col(diagnostic.start)
    header: Line = [
        (escape_controls(diagnostic.path), "bold"),
        (f":{line}:{column}", None),
        ("  ", None),
        (diagnostic.severity.label, f"bold {color}"),
        ("  ", None),
        (escape_controls(diagnostic.rule), "bold"),
    ]
    fix = diagnostic.fix
    if fix is not None and fix.applicability is not Applicability.DISPLAY_ONLY:
        safe = fix.applicability is Applicability.SAFE
        header.append((" [*]" if safe else " [unsafe fix]", "cyan"))
    lines: list[Line] = [header, [("  " + escape_controls(diagnostic.message), None)]]
    if fix is not None and len(fix.edits) == 1:
        edit = fix.edits[0]
        was = escape_controls(index.text[edit.start : edit.end])
        now = escape_controls(edit.replacement)
        lines.append([("  ", None), ("fix: ", "cyan"), (f"replace «{was}» with «{now}»", None)])
    lines.extend(_excerpt(diagnostic, index, color, line, column))
    for suggestion in diagnostic.suggestions:
        lines.append([("  ", None), ("→ ", "green"), (escape_controls(suggestion), "green")])
    if diagnostic.entry is not None:
        lines.append([("  ", None), ("entry: ", "dim"), (escape_controls(diagnostic.entry), None)])
    return lines


def _excerpt(
    diagnostic: Diagnostic, index: LineIndex, color: str, line: int, column: int
) -> list[Line]:
    """Return the source line with the span highlighted and the caret line under it.

    ``line`` and ``column`` are where the finding starts (the header has just shown them).
    """
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
    source_line: Line = [
        (f"  {number} | ", _GUTTER_STYLE),
        (prefix, None),
        (span, f"bold {color}"),
        (suffix, None),
    ]
    caret_line: Line = [
        (f"  {' ' * len(number)} | ", _GUTTER_STYLE),
        (" " * caret_start, None),
        ("^" * caret_width, f"bold {color}"),
    ]
    return [source_line, caret_line]


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes: rich's measure, or its length for printable ASCII.

    Every printable ASCII character takes one cell, so an English reply's output needs no
    Unicode width tables (importing them costs about 1 ms of a one-reply run).
    """
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len as cells

    return cells(text)


def _display(text: str, before: str) -> str:
    """Return ``text`` as shown after the already displayed ``before``: escaped, tabs expanded."""
    if "\t" not in text:
        return escape_controls(text)
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
