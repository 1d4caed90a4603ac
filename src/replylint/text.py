"""Decoding input bytes and turning code-point offsets into lines and columns."""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass

from replylint.errors import InputError

_LINE_END = re.compile(r"\r\n|\r|\n")

# Longest first: a UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BOM_OF = {codec: bom for bom, codec in _BOMS}


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text plus what is needed to write it back byte-for-byte the same way.

    ``encoding`` names the codec of the bytes after the BOM (``utf-16-le``, never the
    BOM-writing ``utf-16``), so ``encode_text`` restores the exact byte order.
    """

    text: str
    encoding: str
    bom: bool


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode ``data``; a BOM wins, then ``encoding``, then UTF-8. Errors name the byte offset."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-32-le" and not _decodes(data[4:], codec):
                continue  # a UTF-16 LE file whose first character is NUL: FF FE 00 00 too
            return Decoded(_decode(data[len(bom) :], codec, path, len(bom)), codec, True)
    codec = encoding or "utf-8"
    return Decoded(_decode(data, codec, path), codec, False)


def encode_text(text: str, encoding: str, bom: bool) -> bytes:
    """The bytes of ``text`` as the file had them: same codec, BOM kept."""
    return (BOM_OF.get(encoding, b"") if bom else b"") + text.encode(encoding)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _decode(data: bytes, codec: str, path: str, skipped: int = 0) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"cannot decode as {codec} at byte {exc.start + skipped} "
            "(use --encoding to name the file's encoding)",
            path,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {codec!r}", path) from None


class LineIndex:
    """Map code-point offsets to 1-based lines and columns; CRLF, CR and LF all end a line."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        starts.extend(m.end() for m in _LINE_END.finditer(text))
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and 1-based code-point column of ``offset``."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_text(self, line: int) -> str:
        """Return the text of 1-based ``line`` without its line ending."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def line_start(self, line: int) -> int:
        """Return the offset of the first code point of 1-based ``line``."""
        return self._starts[line - 1]
