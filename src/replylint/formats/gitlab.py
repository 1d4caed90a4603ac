"""The ``gitlab`` format: a GitLab Code Quality report (a JSON array in the Code Climate subset)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from replylint.diagnostics import FileResult, Severity
from replylint.formats import FormatOptions
from replylint.formats.sarif import Finding, json_text, locate

SEVERITIES: dict[Severity, str] = {
    Severity.ERROR: "major",
    Severity.WARNING: "minor",
    Severity.SUGGESTION: "info",
}


def render(results: Sequence[FileResult], stream: TextIO, options: FormatOptions) -> None:
    """Write every finding of ``results`` as one Code Quality JSON array, sorted by position."""
    del options  # JSON output does not depend on the terminal.
    stream.write(json_text(to_records(results)))
    stream.write("\n")


def to_records(results: Sequence[FileResult]) -> list[dict[str, object]]:
    """Return the Code Quality objects for ``results``, each with a unique, stable fingerprint."""
    return [_record(finding) for finding in locate(results)]


def _record(finding: Finding) -> dict[str, object]:
    """Return the Code Quality object of one finding."""
    diagnostic = finding.diagnostic
    line, _ = finding.index.line_col(diagnostic.start)
    end_line, _ = finding.index.line_col(diagnostic.end)
    return {
        "description": f"{diagnostic.rule}: {diagnostic.message}",
        "check_name": diagnostic.rule,
        "fingerprint": finding.fingerprint,
        "severity": SEVERITIES[diagnostic.severity],
        "location": {"path": finding.path, "lines": {"begin": line, "end": end_line}},
    }
