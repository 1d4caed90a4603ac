"""Decoding input bytes and turning code-point offsets into lines and columns."""

import bisect
import codecs
import os
import re
from itertools import accumulate, islice
from typing import NamedTuple

from replylint.errors import InputError


def path_suffix(path: str) -> str:
    """``PurePath(path).suffix`` ("" for none), from the string: no pathlib on a reply's run."""
    if os.altsep:
        path = path.replace(os.altsep, os.sep)
    parts = path.split(os.sep)  # noqa: PTH206 - a string: pathlib is not imported for this
    name = next((part for part in reversed(parts) if part and part != "."), "")
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


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

# How far an undecodable file is searched for a NUL byte that says it is binary (as git does).
_SNIFF = 8000


class Decoded(NamedTuple):
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
    canonical = codec_name(codec)
    if canonical is None:
        raise InputError(f"unknown encoding {codec!r}", path)
    try:
        return Decoded(_decode(data, codec, path), codec, False)
    except InputError:
        nul = -1 if canonical.startswith(("utf-16", "utf-32")) else data.find(0, 0, _SNIFF)
        if nul >= 0:  # undecodable with a NUL early on: an image, an archive, UTF-16 without BOM
            raise InputError(
                f"binary file (NUL byte at byte {nul}), not a text reply "
                "(UTF-16 or UTF-32 text without a BOM needs --encoding)",
                path,
            ) from None
        raise


def codec_name(name: str) -> str | None:
    """The canonical name of the text encoding ``name``; None for unknown or bytes-only codecs.

    ``hex`` or ``zlib`` are codecs too, but decode bytes to bytes, so they cannot name a file's
    encoding.
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


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
    except UnicodeError as exc:  # a codec that refuses all input, such as ``undefined``
        raise InputError(f"cannot decode as {codec}: {exc}", path) from None
    except LookupError:
        raise InputError(f"unknown encoding {codec!r}", path) from None


# Line starts come from splitting the text this many code points at a time: a piece's lines
# are summed in C, and no copy of every line of a large text is ever held at once.
_SPLIT_CHUNK = 1 << 20


def _split_starts(text: str, ending: str, chunk: int) -> list[int]:
    """Line starts of ``text`` whose every line break is ``ending``, one piece at a time.

    Each start is the previous one plus its line's length and the ending's, summed in C. A
    piece never ends inside an ending, so every ending lies whole in one piece.
    """
    starts = [0]
    step = len(ending).__add__
    chunk = max(chunk, len(ending) + 1)  # room for a whole ending after the adjustment below
    lo = 0
    while lo < len(text):
        hi = min(lo + chunk, len(text))
        if hi < len(text) and len(ending) > 1 and text[hi - 1] == ending[0]:
            hi -= 1  # the CR of a CRLF goes with its LF into the next piece
        lines = text[lo:hi].split(ending)[:-1]  # the last part runs on into the next piece
        starts.extend(islice(accumulate(map(step, map(len, lines)), initial=lo), 1, None))
        lo = hi
    return starts


class LineIndex:
    """Map code-point offsets to 1-based lines and columns; CRLF, CR and LF all end a line."""

    def __init__(self, text: str, chunk: int = _SPLIT_CHUNK) -> None:
        self.text = text
        if "\r" not in text:
            self._starts = _split_starts(text, "\n", chunk)
        elif text.count("\r") == text.count("\r\n") == text.count("\n"):  # CRLF only
            self._starts = _split_starts(text, "\r\n", chunk)
        else:  # mixed line endings, or lone CRs: scanned
            self._starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

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
