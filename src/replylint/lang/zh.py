"""Chinese: a Simplified view of the text (OpenCC) and word boundaries (jieba-rs via rjieba).

Rules are written in Simplified Chinese; Traditional input is matched on a converted view of
the same length, so offsets in the view are offsets in the original text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _convert_char(ch: str) -> str:
    converted: str = _converter().convert(ch)
    return converted if len(converted) == 1 else ch


def simplified(text: str) -> str:
    """Return ``text`` converted to Simplified Chinese, code point for code point."""
    if text.isascii():
        return text
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_convert_char(ch) for ch in text)


def word_boundaries(text: str) -> frozenset[int]:
    """Offsets in ``text`` where the segmenter puts a word boundary (0 and len included)."""
    import rjieba

    bounds = {0}
    pos = 0
    for word in rjieba.cut(text, False):
        pos += len(word)
        bounds.add(pos)
    return frozenset(bounds)
