"""The ``json`` format: a stable, machine-readable array of findings (design contract 2)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from json.encoder import encode_basestring  # the C encoder json.dumps uses
from typing import TextIO

from replylint.diagnostics import Diagnostic, Edit, FileResult, Fix
from replylint.formats import FormatOptions
from replylint.text import LineIndex

JsonValue = str | int | list[str] | dict[str, object] | None

# Valid JSON as raw text, but a terminal may act on them, and a lone surrogate (a file name's
# undecodable byte) is no UTF-8; ``\uXXXX`` parses to the same string.
_RAW_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def render(results: Sequence[FileResult], stream: TextIO, options: FormatOptions) -> None:
    """Write every diagnostic of ``results`` to ``stream`` as one JSON array, sorted by position.

    The array is written one object at a time, as ``json.dumps(records, indent=2)`` would lay
    it out, so a file with many thousands of findings never holds them all as JSON at once.
    """
    del options  # JSON output does not depend on the terminal.
    separator = "[\n  "
    for diagnostic, index in _located(results):
        text = _record_text(diagnostic, index)
        stream.write(separator + _RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
        separator = ",\n  "
    stream.write("[]\n" if separator.startswith("[") else "\n]\n")


_scalar = json.JSONEncoder(ensure_ascii=False).encode


def _layout(value: object, newline: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, each line after ``newline``.

    The standard library lays out indented JSON in Python, one call per token; here the
    scalars go through its C encoder and only the containers are laid out in Python.
    """
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{_scalar(str(k))}: {_layout(v, inner)}" for k, v in value.items())
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(_layout(v, inner) for v in value) + newline + "]"
    return _scalar(value)


_KEYS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "severity",
    "lang",
    "message",
    "match",
    "suggestions",
    "entry",
    "fix",
)
# One finding at the array's first level, as ``json.dumps(indent=2)`` lays it out there.
_RECORD = "{{\n    " + ",\n    ".join(f'"{key}": {{}}' for key in _KEYS) + "\n  }}"


def _record_text(diagnostic: Diagnostic, index: LineIndex) -> str:
    """The finding as ``_layout`` lays out its record inside the array, set into one template.

    A large file's report has hundreds of thousands of findings; laying each value out in
    Python took most of the time of writing them. Strings go through the C string encoder
    that ``json`` itself uses, and a rule's suggestions are laid out once. The values are
    those of ``_values``, in its order (a property test compares the two).
    """
    line, column = index.line_col(diagnostic.start)
    end_line, end_column = index.line_col(diagnostic.end)
    entry, fix = diagnostic.entry, diagnostic.fix
    return _RECORD.format(
        encode_basestring(diagnostic.path),
        line,
        column,
        end_line,
        end_column,
        encode_basestring(diagnostic.rule),
        encode_basestring(diagnostic.severity.label),
        encode_basestring(diagnostic.lang),
        encode_basestring(diagnostic.message),
        encode_basestring(diagnostic.match),
        _suggestions_text(diagnostic.suggestions),
        "null" if entry is None else encode_basestring(entry),
        "null" if fix is None else _layout(_fix(fix, index), "\n    "),
    )


_laid_out: dict[tuple[str, ...], str] = {}


def _suggestions_text(suggestions: tuple[str, ...]) -> str:
    """The suggestions list laid out at its depth; each rule's list is laid out once."""
    text = _laid_out.get(suggestions)
    if text is None:
        if len(_laid_out) > 4096:
            _laid_out.clear()
        text = _laid_out[suggestions] = _layout(list(suggestions), "\n    ")
    return text


def to_records(results: Sequence[FileResult]) -> list[dict[str, JsonValue]]:
    """Return the JSON objects for all diagnostics of ``results``, ordered by path then position."""
    return [_record(diagnostic, index) for diagnostic, index in _located(results)]


def _located(results: Sequence[FileResult]) -> list[tuple[Diagnostic, LineIndex]]:
    """Every diagnostic with its file's line index, ordered by path then position."""
    located: list[tuple[Diagnostic, LineIndex]] = []
    for result in results:
        index = LineIndex(result.text)
        located.extend((diagnostic, index) for diagnostic in result.diagnostics)
    located.sort(key=lambda pair: pair[0].sort_key())
    return located


def _record(diagnostic: Diagnostic, index: LineIndex) -> dict[str, JsonValue]:
    return dict(zip(_KEYS, _values(diagnostic, index), strict=True))


def _values(diagnostic: Diagnostic, index: LineIndex) -> tuple[JsonValue, ...]:
    """A finding's values in the order of ``_KEYS``."""
    line, column = index.line_col(diagnostic.start)
    end_line, end_column = index.line_col(diagnostic.end)
    return (
        diagnostic.path,
        line,
        column,
        end_line,
        end_column,
        diagnostic.rule,
        diagnostic.severity.label,
        diagnostic.lang,
        diagnostic.message,
        diagnostic.match,
        list(diagnostic.suggestions),
        diagnostic.entry,
        None if diagnostic.fix is None else _fix(diagnostic.fix, index),
    )


def _fix(fix: Fix, index: LineIndex) -> dict[str, object]:
    return {
        "applicability": fix.applicability.value,
        "edits": [_edit(edit, index) for edit in fix.edits],
    }


def _edit(edit: Edit, index: LineIndex) -> dict[str, object]:
    line, column = index.line_col(edit.start)
    end_line, end_column = index.line_col(edit.end)
    return {
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "replacement": edit.replacement,
    }
