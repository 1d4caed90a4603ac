"""Make control characters from linted text visible so they never reach a terminal raw."""

from __future__ import annotations

import re
import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r"}

# C0 controls except tab, DEL, C1 controls, the Unicode line and paragraph separators, and lone
# surrogates: a file name's undecodable bytes, which a surrogateescape stream would write back raw
# (byte 0x9b is the C1 CSI).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


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
    """Return ``text`` with every control character replaced by its visible escape."""
    return _CONTROL.sub(lambda m: escape_char(m.group()), text)
