"""The ``github`` format: GitHub Actions workflow commands that annotate each finding in a PR."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from replylint.diagnostics import FileResult, Severity
from replylint.formats import FormatOptions
from replylint.formats._escape import escape_char
from replylint.formats.sarif import Finding, locate

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.SUGGESTION: "notice",
}

# Control characters GitHub has no escape for, and lone surrogates: shown as visible escapes.
# ``\n`` and ``\r`` are left to GitHub's own ``%0A`` and ``%0D``.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def render(results: Sequence[FileResult], stream: TextIO, options: FormatOptions) -> None:
    """Write one ``::error``/``::warning``/``::notice`` command per finding, sorted by position."""
    del options  # Workflow commands are read by the runner, not a terminal.
    for finding in locate(results):
        stream.write(command(finding) + "\n")


def command(finding: Finding) -> str:
    """Return the workflow command line annotating ``finding``, without newline."""
    diagnostic = finding.diagnostic
    line, column = finding.index.line_col(diagnostic.start)
    end_line, end_column = finding.index.line_col(diagnostic.end)
    one_line = end_line == line
    properties: list[tuple[str, str]] = [("file", finding.path), ("line", str(line))]
    if one_line:  # GitHub accepts columns only for a span within one line.
        properties.append(("col", str(column)))
    properties.append(("endLine", str(end_line)))
    if one_line:
        properties.append(("endColumn", str(end_column)))
    properties.append(("title", f"replylint {diagnostic.rule}"))
    shown = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    text = f'{diagnostic.message} "{diagnostic.match}"'
    if diagnostic.suggestions:
        text += f" → {diagnostic.suggestions[0]}"
    return f"::{LEVELS[diagnostic.severity]} {shown}::{escape_data(text)}"


def escape_data(text: str) -> str:
    """Return ``text`` escaped as command data (``%``, CR, LF); other controls made visible."""
    visible = _INVISIBLE.sub(lambda m: escape_char(m.group()), text)
    return visible.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Return ``text`` escaped as a command property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
