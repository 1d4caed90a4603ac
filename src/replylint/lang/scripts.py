"""Whether a text holds wide characters: Han, CJK punctuation, fullwidth forms (U+2E80 up).

The stdlib ``re`` scanners of the language layer spell Han and fullwidth ranges as character
classes, and ``re`` compiles such a class code point by code point (several milliseconds for
the Han ranges, paid at every start). Each scanner therefore comes in two variants, one for
text with wide characters and one without them, and the wide one is compiled only when a
text needs it. This module draws the line between the two.
"""

from __future__ import annotations

import regex

WIDE_START = 0x2E80
# ``regex`` compiles a range as a range, so this costs nothing to build; it scans at about 1 GB/s.
_WIDE = regex.compile("[\u2e80-\U0010ffff]")


def has_wide_chars(text: str) -> bool:
    """Whether ``text`` holds a code point at or above U+2E80."""
    return not text.isascii() and _WIDE.search(text) is not None
