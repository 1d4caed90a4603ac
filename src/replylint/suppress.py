"""Suppression comments in libraries (contract 5); plain-text replies have none.

* YAML and JSON-with-comments: ``# replylint: disable=rule-id[,rule-id]`` on the line where the
  value starts or on the line above it (for a block scalar, the line of its ``key: |`` header
  counts as the value's line); ``# replylint: disable-file=rule-id`` anywhere in the file.
* Markdown and HTML: ``<!-- replylint: disable=rule-id -->`` on the first line of a paragraph
  or the line above it; ``<!-- replylint: disable-file=rule-id -->`` anywhere.

``all`` disables every rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

from replylint.diagnostics import Diagnostic
from replylint.document import Segment
from replylint.records import Record
from replylint.text import LineIndex, path_suffix

# Pattern sources, compiled on first use: a plain-text reply has no comment syntax.
_HASH = r"#\s*replylint:\s*(disable|disable-file)\s*=\s*([\w\-, ]+)"
_HTML = r"<!--\s*replylint:\s*(disable|disable-file)\s*=\s*([\w\-, ]+?)\s*-->"
_BLOCK_HEADER = r":\s*[|>][-+0-9]*\s*(#.*)?$"
_SYNTAX = {
    ".yaml": _HASH,
    ".yml": _HASH,
    ".json": _HASH,
    ".jsonc": _HASH,
    ".md": _HTML,
    ".markdown": _HTML,
    ".html": _HTML,
    ".htm": _HTML,
}


@cache
def _compiled(source: str) -> regex.Pattern[str]:
    """The pattern for ``source``, compiled once, when a file that can hold directives is read."""
    return regex.compile(source)


class Directives(Record):
    """The suppression comments of one file: per line, and for the whole file."""

    _fields = ("by_line", "whole_file")
    __slots__ = _fields

    def __init__(
        self, by_line: dict[int, set[str]] | None = None, whole_file: set[str] | None = None
    ) -> None:
        self.by_line: dict[int, set[str]] = {} if by_line is None else by_line
        self.whole_file: set[str] = set() if whole_file is None else whole_file

    def silences(self, rule: str, lines: Sequence[int]) -> bool:
        """Whether ``rule`` is disabled for the whole file or on one of ``lines``."""
        if rule in self.whole_file or "all" in self.whole_file:
            return True
        for line in lines:
            ids = self.by_line.get(line, ())
            if rule in ids or "all" in ids:
                return True
        return False


def find_directives(path: str, text: str, index: LineIndex) -> Directives:
    """Collect the suppression comments of ``text``, by the comment syntax of ``path``'s type."""
    pattern = _SYNTAX.get(path_suffix(path).lower())
    found = Directives()
    if pattern is None:
        return found
    for m in _compiled(pattern).finditer(text):
        ids = {i.strip() for i in m.group(2).split(",") if i.strip()}
        if m.group(1) == "disable-file":
            found.whole_file |= ids
        else:
            found.by_line.setdefault(index.line_col(m.start())[0], set()).update(ids)
    return found


def anchor_lines(segment: Segment, index: LineIndex) -> list[int]:
    """The lines a ``disable`` comment may stand on to cover ``segment``."""
    return _anchor_lines(segment.source_map.to_document(0), index)


def _anchor_lines(start: int, index: LineIndex) -> list[int]:
    """The lines a ``disable`` comment may stand on to cover a segment starting at ``start``."""
    line = index.line_col(start)[0]
    lines = [line, line - 1]
    if line > 1 and _compiled(_BLOCK_HEADER).search(index.line_text(line - 1)):
        lines.append(line - 2)
    return lines


def apply(
    path: str, text: str, segments_and_findings: Sequence[tuple[Segment, list[Diagnostic]]]
) -> list[Diagnostic]:
    """Drop the findings that a suppression comment covers; return the rest."""
    if "replylint:" not in text:  # no directive can be here: no segment is read
        return [d for _, found in segments_and_findings for d in found]
    starts = [(seg.source_map.to_document(0), found) for seg, found in segments_and_findings]
    return apply_at(path, text, starts)


def apply_at(
    path: str, text: str, anchored_findings: Sequence[tuple[int, list[Diagnostic]]]
) -> list[Diagnostic]:
    """``apply`` with each segment given by its start in the document."""
    if "replylint:" not in text:  # no directive can be here: skip the line index and the scan
        return [d for _, found in anchored_findings for d in found]
    index = LineIndex(text)
    directives = find_directives(path, text, index)
    if not directives.by_line and not directives.whole_file:
        return [d for _, found in anchored_findings for d in found]
    kept: list[Diagnostic] = []
    for start, found in anchored_findings:
        lines = _anchor_lines(start, index)
        kept.extend(d for d in found if not directives.silences(d.rule, lines))
    return kept

