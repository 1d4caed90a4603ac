"""CSV macro libraries: one reply per row, read from the column that holds reply text.

The standard ``csv`` module reads the rows (strict RFC 4180 quoting, first row = header); a
small scanner with the same rules finds where each field sits in the file, so a quoted field's
text maps back exactly (a doubled ``""`` maps to its first quote).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from replylint.document import Segment, SourceMap
from replylint.errors import InputError
from replylint.sources.exports import LABEL_KEYS
from replylint.sources.tree import TextBuilder, normalise_lang
from replylint.text import LineIndex

if TYPE_CHECKING:
    from replylint.sources import SourceOptions

NAME = "csv"
_MAX_LABEL = 60
_SHOWN_COLUMNS = 5  # header names quoted in an error, each cut to _SHOWN_LENGTH characters
_SHOWN_LENGTH = 24


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record: its decoded value, where it sits and its map to the file."""

    value: str
    start: int
    end: int
    source_map: SourceMap


class CsvSyntaxError(Exception):
    """Malformed CSV at a document offset."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def segment(path: str, text: str, options: SourceOptions | None = None) -> list[Segment]:
    """One segment per row: the reply-text column, named ``row N "title"``."""
    from replylint.sources import SourceOptions

    options = options or SourceOptions()
    if not text.strip():  # an empty file is an empty library, not a header-less one
        return []
    delimiter = sniff_delimiter(text)
    records = _records(text, path, delimiter)
    if not records:
        return []
    _, header = records[0]
    names = [f.value.strip().lower() for f in header]
    text_col = _text_column(names, options, path, header)
    lang_col = _first_column(names, options.lang_keys)
    label_col = _first_column(names, LABEL_KEYS)
    segments: list[Segment] = []
    for row, fields in records[1:]:
        if text_col >= len(fields):
            continue
        field = fields[text_col]
        if not field.value.strip():
            continue
        lang = None
        if lang_col is not None and lang_col < len(fields):
            lang = normalise_lang(fields[lang_col].value)
        entry = f"row {row}"
        if label_col is not None and label_col < len(fields):
            label = " ".join(fields[label_col].value.split())
            if label:
                if len(label) > _MAX_LABEL:
                    label = label[: _MAX_LABEL - 1] + "…"
                entry += ' "' + label.replace('"', '\\"') + '"'
        segments.append(Segment(field.value, field.source_map, lang=lang, entry=entry, reply=entry))
    return segments


def sniff_delimiter(text: str) -> str:
    """``,`` unless the header line has none and has semicolons or tabs instead."""
    first = text.split("\n", 1)[0]
    if "," in first:
        return ","
    for candidate in (";", "\t"):
        if candidate in first:
            return candidate
    return ","


def _first_column(names: list[str], keys: tuple[str, ...]) -> int | None:
    for key in keys:
        if key.lower() in names:
            return names.index(key.lower())
    return None


def _brief(value: str) -> str:
    return value if len(value) <= _SHOWN_LENGTH else value[: _SHOWN_LENGTH - 1] + "…"


def _text_column(names: list[str], options: SourceOptions, path: str, header: list[Field]) -> int:
    if options.text_column is not None:
        wanted = options.text_column.strip().lower()
        if wanted in names:
            return names.index(wanted)
        raise InputError(f"no column named {options.text_column!r} in the header row", path, 1, 1)
    found = _first_column(names, options.text_keys)
    if found is None:
        # A header that is not one (a JSON file named .csv) must not fill the error line.
        shown = ", ".join(repr(_brief(f.value)) for f in header[:_SHOWN_COLUMNS]) or "nothing"
        if len(header) > _SHOWN_COLUMNS:
            shown += f" and {len(header) - _SHOWN_COLUMNS} more"
        raise InputError(
            f"no reply-text column in the header row (found {shown}; expected one of "
            f"{', '.join(options.text_keys)}, or set text-column)",
            path,
            1,
            1,
        )
    return found


def _records(text: str, path: str, delimiter: str) -> list[tuple[int, list[Field]]]:
    """(row number counting the header as row 1, fields) of every non-blank record."""
    try:
        located = scan(text, delimiter)
    except CsvSyntaxError as exc:
        line, column = LineIndex(text).line_col(exc.offset)
        raise InputError(f"invalid CSV: {exc.message}", path, line, column) from None
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        rows = [r for r in reader if r]
    except csv.Error as exc:  # the scanner accepts what the csv module accepts; a safety net
        raise InputError(f"invalid CSV: {exc}", path) from None
    out: list[tuple[int, list[Field]]] = []
    for number, (fields, row) in enumerate(zip(located, rows, strict=False), start=1):
        checked = [
            f if f.value == v else Field(v, f.start, f.end, SourceMap(((0, f.start, 0),)))
            for f, v in zip(fields, row, strict=False)
        ]
        out.append((number, checked))
    return out


def scan(text: str, delimiter: str = ",") -> list[list[Field]]:
    """Split ``text`` into records of located fields (RFC 4180; blank lines are skipped)."""
    records: list[list[Field]] = []
    pos, n = 0, len(text)
    while pos < n:
        if text[pos] in "\r\n":
            pos += 1
            continue
        fields: list[Field] = []
        while True:
            field, pos = _field(text, pos, delimiter)
            fields.append(field)
            if pos < n and text[pos] == delimiter:
                pos += 1
                continue
            break
        records.append(fields)
        if text.startswith("\r\n", pos):
            pos += 2
        elif pos < n:
            pos += 1
    return records


def _field(text: str, pos: int, delimiter: str) -> tuple[Field, int]:
    n = len(text)
    start = pos
    if pos < n and text[pos] == '"':
        builder = TextBuilder(text, start + 1)
        pos += 1
        while True:
            close = text.find('"', pos)
            if close < 0:
                raise CsvSyntaxError("unterminated quoted field", start)
            builder.copy(pos, close)
            if text.startswith('""', close):
                builder.put('"', close)
                pos = close + 2
                continue
            pos = close + 1
            break
        value, source_map = builder.build(end=pos - 1)
        if pos < n and text[pos] not in (delimiter, "\r", "\n"):
            raise CsvSyntaxError(f"expected {delimiter!r} after the closing quote", pos)
        return Field(value, start, pos, source_map), pos
    while pos < n and text[pos] not in (delimiter, "\r", "\n"):
        pos += 1
    value = text[start:pos]
    return Field(value, start, pos, SourceMap.shifted(start, len(value))), pos
