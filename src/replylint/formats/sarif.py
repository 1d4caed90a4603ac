"""The ``sarif`` format: a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers.

Also home of what every CI format shares: repository-relative report paths and stable
fingerprints that do not move when unrelated lines are inserted above a finding.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import replylint
from replylint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Severity
from replylint.formats import FormatOptions
from replylint.text import LineIndex

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "replylintMatchHash/v1"

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.SUGGESTION: "note",
}

# Valid raw in JSON, but a terminal may act on them, and a lone surrogate cannot be encoded.
_RAW_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")

# Path characters left as they are in a relative URI reference; ``:`` is encoded so that the
# first segment is never read as a scheme.
_URI_SAFE = "/!$&'()*+,;=@"

_APPLIED = (Applicability.SAFE, Applicability.UNSAFE)


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic with its file's line index, its report path and its stable fingerprint."""

    diagnostic: Diagnostic
    index: LineIndex
    path: str
    fingerprint: str


def render(results: Sequence[FileResult], stream: TextIO, options: FormatOptions) -> None:
    """Write one SARIF 2.1.0 log with one run holding every diagnostic of ``results``."""
    del options  # SARIF does not depend on the terminal.
    stream.write(json_text(to_log(results)))
    stream.write("\n")


def json_text(value: object) -> str:
    """Return ``value`` as indented JSON, raw Unicode except what must not reach a terminal."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_log(results: Sequence[FileResult]) -> dict[str, object]:
    """Return the SARIF log object for ``results``: rules for the rule ids found, then results."""
    findings = locate(results)
    rules, rule_index = _rules(findings)
    driver: dict[str, object] = {
        "name": "replylint",
        "version": replylint.__version__,
        "rules": rules,
    }
    run: dict[str, object] = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, rule_index[finding.diagnostic.rule]) for finding in findings],
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def locate(results: Sequence[FileResult]) -> list[Finding]:
    """Return every diagnostic sorted by path then position, with report path and fingerprint."""
    pairs: list[tuple[Diagnostic, LineIndex]] = []
    for result in results:
        index = LineIndex(result.text)
        pairs.extend((diagnostic, index) for diagnostic in result.diagnostics)
    pairs.sort(key=lambda pair: pair[0].sort_key())
    seen: dict[tuple[str, str, str], int] = {}
    findings: list[Finding] = []
    for diagnostic, index in pairs:
        path = report_path(diagnostic.path)
        key = (path, diagnostic.rule, diagnostic.match)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        digest = fingerprint(diagnostic.rule, path, diagnostic.match, occurrence)
        findings.append(Finding(diagnostic, index, path, digest))
    return findings


def fingerprint(rule: str, path: str, match: str, occurrence: int) -> str:
    """Return the hex SHA-256 naming the ``occurrence``-th ``match`` of ``rule`` in ``path``."""
    data = json.dumps([rule, path, match, occurrence], ensure_ascii=True)
    return hashlib.sha256(data.encode("ascii")).hexdigest()


def report_path(path: str) -> str:
    """Return ``path`` as a POSIX path relative to the working directory, or absolute if outside."""
    relative, absolute = _split_path(path)
    return relative if absolute is None else absolute.as_posix()


def artifact_uri(path: str) -> str:
    """Return the URI reference for ``path``: relative and percent-encoded, or a ``file:`` URI."""
    relative, absolute = _split_path(path)
    if absolute is not None:
        return absolute.as_uri()
    return quote(relative, safe=_URI_SAFE, errors="surrogateescape")


def _split_path(path: str) -> tuple[str, Path | None]:
    """Return the relative POSIX path and ``None``, or ``""`` and the absolute path outside cwd."""
    native = Path(path)
    if not native.is_absolute():
        normal = Path(os.path.normpath(native))
        if normal.parts[:1] != ("..",):
            return normal.as_posix(), None
        native = Path.cwd() / native
    absolute = Path(os.path.normpath(native))
    cwd = Path.cwd()
    for base, target in ((cwd, absolute), (cwd.resolve(), absolute.resolve())):
        try:
            return target.relative_to(base).as_posix(), None
        except ValueError:
            continue
    return "", absolute


def _rules(findings: Sequence[Finding]) -> tuple[list[dict[str, object]], dict[str, int]]:
    """Return one reporting descriptor per rule id, sorted by id, and each id's index."""
    chosen: dict[str, Diagnostic] = {}
    for finding in findings:
        diagnostic = finding.diagnostic
        best = chosen.get(diagnostic.rule)
        if best is None or (diagnostic.lang, diagnostic.sort_key()) < (best.lang, best.sort_key()):
            chosen[diagnostic.rule] = diagnostic
    ids = sorted(chosen)
    return [_descriptor(chosen[rule]) for rule in ids], {rule: i for i, rule in enumerate(ids)}


def _descriptor(diagnostic: Diagnostic) -> dict[str, object]:
    """Return the reporting descriptor of ``diagnostic.rule``, described in its language."""
    short = _nonempty(diagnostic.message, diagnostic.rule)
    full = "\n".join([short, *(f"Suggestion: {s}" for s in diagnostic.suggestions)])
    return {
        "id": diagnostic.rule,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": full},
        "defaultConfiguration": {"level": LEVELS[diagnostic.severity]},
    }


def _result(finding: Finding, rule_index: int) -> dict[str, object]:
    """Return the SARIF result object of one finding."""
    diagnostic = finding.diagnostic
    region = _region(finding.index, diagnostic.start, diagnostic.end)
    region["snippet"] = {"text": diagnostic.match}
    properties: dict[str, object] = {"lang": diagnostic.lang}
    if diagnostic.entry is not None:
        properties["entry"] = diagnostic.entry
    if diagnostic.suggestions:
        properties["suggestions"] = list(diagnostic.suggestions)
    result: dict[str, object] = {
        "ruleId": diagnostic.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": _nonempty(diagnostic.message, diagnostic.rule)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(diagnostic.path)},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": properties,
    }
    fix = diagnostic.fix
    if fix is not None and fix.applicability in _APPLIED and fix.edits:
        result["fixes"] = [_fix(fix, finding.index, artifact_uri(diagnostic.path))]
    return result


def _fix(fix: Fix, index: LineIndex, uri: str) -> dict[str, object]:
    """Return the SARIF fix object replacing each edited region of the one artifact."""
    return {
        "description": {"text": _fix_description(fix, index)},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [_replacement(edit, index) for edit in fix.edits],
            }
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def _fix_description(fix: Fix, index: LineIndex) -> str:
    """Return a one-line description of ``fix`` for viewers that offer to apply it."""
    if len(fix.edits) == 1:
        edit = fix.edits[0]
        return f'Replace "{index.text[edit.start : edit.end]}" with "{edit.replacement}"'
    return f"Apply {len(fix.edits)} edits"


def _replacement(edit: Edit, index: LineIndex) -> dict[str, object]:
    """Return the SARIF replacement of one edit: the deleted region and the inserted text."""
    return {
        "deletedRegion": _region(index, edit.start, edit.end),
        "insertedContent": {"text": edit.replacement},
    }


def _region(index: LineIndex, start: int, end: int) -> dict[str, object]:
    """Return the 1-based code-point region ``[start, end)`` with an exclusive ``endColumn``."""
    line, column = index.line_col(start)
    end_line, end_column = index.line_col(end)
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _nonempty(text: str, fallback: str) -> str:
    """Return ``text``, or ``fallback`` when it is empty (GitHub rejects empty message strings)."""
    return text or fallback
