"""The ``concise`` format: one grep-friendly ``path:line:col: severity rule message`` per line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from replylint.diagnostics import Diagnostic, FileResult
from replylint.formats import FormatOptions
from replylint.formats._escape import escape_controls
from replylint.text import LineIndex


def render(results: Sequence[FileResult], stream: TextIO, options: FormatOptions) -> None:
    """Write one line per diagnostic, sorted by path then position, with no header or footer."""
    del options  # Plain lines: no colour, no width, nothing to hide under --quiet.
    located: list[tuple[Diagnostic, LineIndex]] = []
    for result in results:
        index = LineIndex(result.text)
        located.extend((diagnostic, index) for diagnostic in result.diagnostics)
    located.sort(key=lambda pair: pair[0].sort_key())
    for diagnostic, index in located:
        stream.write(format_line(diagnostic, index) + "\n")


def format_line(diagnostic: Diagnostic, index: LineIndex) -> str:
    """Return the report line for ``diagnostic``, control characters escaped, without newline."""
    line, column = index.line_col(diagnostic.start)
    text = (
        f"{diagnostic.path}:{line}:{column}: "
        f"{diagnostic.severity.label} {diagnostic.rule} {diagnostic.message}"
    )
    return escape_controls(text)
