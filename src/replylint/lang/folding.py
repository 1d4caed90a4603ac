"""Folding: the keys under which words and text are compared, per language.

en/ru/lv words compare case-insensitively (full case folding) in NFC; Russian folds ``ё`` to
``е``; Latvian keeps two keys, the exact one and one with diacritics stripped, because agents
often type Latvian without diacritics (``uznemuma`` for ``uzņēmuma``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'"})
_OTHER_APOSTROPHES = tuple(chr(code) for code in _APOSTROPHES)
_YO = str.maketrans({"ё": "е", "Ё": "Е"})


@lru_cache(maxsize=65536)  # the same few thousand words recur across a whole library
def fold_word(word: str, lang: str) -> str:
    """Return the comparison key of one word in ``lang`` (diacritics kept)."""
    key = unicodedata.normalize("NFC", word).translate(_APOSTROPHES).casefold()
    if lang == "ru":
        key = key.translate(_YO)
    return key


def fold_words(words: list[str], lang: str) -> list[str]:
    """``fold_word`` of every word, as a few operations on their joined text.

    The words are joined by NUL, which no word holds, which normalization never composes with
    and which folding keeps, so the joined text folds word by word.
    """
    if not words:
        return []
    joined = unicodedata.normalize("NFC", "\0".join(words))
    for other in _OTHER_APOSTROPHES:  # a few ``replace`` calls are faster than ``translate``
        if other in joined:
            joined = joined.replace(other, "'")
    joined = joined.casefold()
    if lang == "ru" and "ё" in joined:  # casefolded: no "Ё" is left
        joined = joined.replace("ё", "е")
    return joined.split("\0")


def strip_words(keys: list[str]) -> list[str]:
    """``strip_diacritics`` of every key, as a few operations on their joined text."""
    if not keys:
        return []
    decomposed = unicodedata.normalize("NFD", "\0".join(keys))
    marks = {ord(ch): None for ch in set(decomposed) if unicodedata.combining(ch)}
    return (decomposed.translate(marks) if marks else decomposed).split("\0")


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
        return text.replace("ё", "е").replace("Ё", "Е")  # faster than ``translate``
    if lang == "lv":
        return "".join(_strip_char(ch) for ch in text)
    return text


@lru_cache(maxsize=4096)
def _strip_char(ch: str) -> str:
    if ch.isascii():
        return ch
    stripped = strip_diacritics(ch)
    return stripped if len(stripped) == 1 else ch
