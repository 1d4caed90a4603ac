"""Folding: the keys under which words and text are compared, per language.

en/ru/lv words compare case-insensitively (full case folding) in NFC; Russian folds ``ё`` to
``е``; Latvian keeps two keys, the exact one and one with diacritics stripped, because agents
often type Latvian without diacritics (``uznemuma`` for ``uzņēmuma``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})
_YO = str.maketrans({"ё": "е", "Ё": "Е"})


@lru_cache(maxsize=65536)  # the same few thousand words recur across a whole library
def fold_word(word: str, lang: str) -> str:
    """Return the comparison key of one word in ``lang`` (diacritics kept)."""
    key = unicodedata.normalize("NFC", word).translate(_APOSTROPHES).casefold()
    if lang == "ru":
        key = key.translate(_YO)
    return key


@lru_cache(maxsize=65536)
def strip_diacritics(word: str) -> str:
    """Remove combining marks after canonical decomposition (``ņ`` → ``n``, ``ē`` → ``e``)."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def has_diacritics(key: str) -> bool:
    """Tell whether a folded key carries any diacritic (so it must be matched exactly)."""
    return strip_diacritics(key) != key


def char_view(text: str, lang: str) -> str:
    """Return a same-length view of ``text`` for patterns: ``ё``→``е`` (ru), no diacritics (lv).

    The view keeps every code point's position so pattern offsets need no mapping.
    """
    if lang == "ru":
        return text.translate(_YO)
    if lang == "lv":
        return "".join(_strip_char(ch) for ch in text)
    return text


@lru_cache(maxsize=4096)
def _strip_char(ch: str) -> str:
    if ch.isascii():
        return ch
    stripped = strip_diacritics(ch)
    return stripped if len(stripped) == 1 else ch
