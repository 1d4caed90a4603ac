"""Plain-text replies: every paragraph (text between blank lines) is one segment.

A large file keeps its paragraphs as offsets and makes each segment only when it is asked for
(``Paragraphs``): a segment object costs several times its text, so a 50 MB file would not fit
in memory as a list of them, and the linter then reads it one paragraph at a time.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from replylint.document import MadeOnDemand, Segment, SourceMap

if TYPE_CHECKING:
    from replylint.sources import SourceOptions

NAME = "plaintext"
# A line ending is CRLF, LF or a lone CR; a CR never pairs with the LF of a CRLF.
_EOL = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = re.compile(rf"{_EOL}[ \t]*{_EOL}\s*")
# Texts longer than this (in code points) get their segments on demand, and their paragraphs
# can be matched in worker processes.
LARGE_TEXT = 256 * 1024


def segment(path: str, text: str, options: SourceOptions | None = None) -> Sequence[Segment]:
    """Split ``text`` into paragraph segments that map back to the file by a fixed shift."""
    if len(text) > LARGE_TEXT:
        return Paragraphs(text)
    return [_segment(text, start, end) for start, end in paragraph_spans(text)]


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every paragraph that is not blank, in order."""
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        if text[start : brk.start()].strip():
            yield start, brk.start()
        start = brk.end()
    if text[start:].strip():
        yield start, len(text)


def _segment(text: str, start: int, end: int) -> Segment:
    return Segment(text[start:end], SourceMap.shifted(start, end - start))


class Paragraphs(MadeOnDemand[Segment]):
    """The paragraph segments of a large text, made when indexed; only their offsets are kept."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._bounds = array("q")
        for start, end in paragraph_spans(text):
            self._bounds.extend((start, end))

    def __len__(self) -> int:
        return len(self._bounds) // 2

    def _make(self, index: int) -> Segment:
        return _segment(self.text, *self.span(index))

    def span(self, index: int) -> tuple[int, int]:
        """``(start, end)`` of paragraph ``index`` (not negative) in the text, no segment made."""
        return self._bounds[2 * index], self._bounds[2 * index + 1]
