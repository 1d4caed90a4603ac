"""Make control characters from linted text visible so they never reach a terminal raw."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_NAMED = {"\n": "\\n", "\r": "\\r"}

# C0 controls except tab, DEL, C1 controls, the Unicode line and paragraph separators, and lone
# surrogates: a file name's undecodable bytes, which a surrogateescape stream would write back raw
# (byte 0x9b is the C1 CSI).
_CONTROLS = "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"


@cache
def _control() -> re.Pattern[str]:
    return re.compile(_CONTROLS)


def is_control(char: str) -> bool:
    """Return whether ``char`` must be shown escaped: Cc except tab, U+2028/9, a lone surrogate."""
    category = unicodedata.category(char)
    return char != "\t" and (category in ("Cc", "Cs") or char in "\u2028\u2029")


def escape_char(char: str) -> str:
    r"""Return the visible escape for one control character (``\n``, ``\x1b``, ``\u2028``)."""
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Return ``text`` with every control character replaced by its visible escape.

    Printable text (no control, format, surrogate or separator character but the space) holds
    none of them, and most text is printable: it is returned as it is, without the pattern.
    """
    if text.isprintable():
        return text
    return _control().sub(lambda m: escape_char(m.group()), text)
