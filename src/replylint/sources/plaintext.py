"""Plain-text replies: every paragraph (text between blank lines) is one segment."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from replylint.document import Segment, SourceMap

if TYPE_CHECKING:
    from replylint.sources import SourceOptions

NAME = "plaintext"
# A line ending is CRLF, LF or a lone CR; a CR never pairs with the LF of a CRLF.
_EOL = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = re.compile(rf"{_EOL}[ \t]*{_EOL}\s*")


def segment(path: str, text: str, options: SourceOptions | None = None) -> list[Segment]:
    """Split ``text`` into paragraph segments that map back to the file by a fixed shift."""
    segments: list[Segment] = []
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        _add(segments, text, start, brk.start())
        start = brk.end()
    _add(segments, text, start, len(text))
    return segments


def _add(segments: list[Segment], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    if chunk.strip():
        segments.append(Segment(chunk, SourceMap.shifted(start, len(chunk))))
