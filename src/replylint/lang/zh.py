"""Chinese: a Simplified view of the text (OpenCC) and word boundaries (jieba-rs via rjieba).

Rules are written in Simplified Chinese; Traditional input is matched on a converted view of
the same length, so offsets in the view are offsets in the original text.

Loading the segmenter costs more than the rest of a run, and most candidates need none: without
its HMM, jieba cuts text only into dictionary words, single characters and runs of ASCII letters
and digits. So where no dictionary word in the text straddles a candidate's edge (and the edge
does not split an ASCII run), the segmenter would put a boundary there, and it is not asked. The
words that could straddle a rule phrase's edge are taken from jieba's dictionary (the one
jieba-rs ships) when the rules are compiled.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def boundary_words(starts: Iterable[str], ends: Iterable[str]) -> frozenset[str]:
    """Dictionary words that could straddle a phrase's first or last character.

    That is every word of two or more characters that agrees, on the characters they would
    share, with a phrase of ``starts`` beginning inside it or one of ``ends`` ending inside it.
    """
    import importlib.resources

    by_first: dict[str, list[str]] = {}
    for start in starts:
        if start:
            by_first.setdefault(start[0], []).append(start)
    by_last: dict[str, list[str]] = {}
    for end in ends:
        if end:
            by_last.setdefault(end[-1], []).append(end)
    listing = importlib.resources.files("jieba") / "dict.txt"
    found = set()
    for line in listing.read_text(encoding="utf-8").splitlines():
        word = line.split(" ", 1)[0]
        if len(word) < 2:
            continue
        for i, ch in enumerate(word):
            if i > 0 and ch in by_first:
                rest = word[i:]
                if any(rest.startswith(p) or p.startswith(rest) for p in by_first[ch]):
                    found.add(word)
                    break
            if i < len(word) - 1 and ch in by_last:
                head = word[: i + 1]
                if any(head.endswith(p) or p.endswith(head) for p in by_last[ch]):
                    found.add(word)
                    break
    return frozenset(found)


def straddled(text: str, pos: int, lo: int, hi: int, words: frozenset[str], longest: int) -> bool:
    """Whether the segmenter could join ``text[pos - 1]`` and ``text[pos]`` into one word.

    ``lo``/``hi`` bound the clause the segmenter would see; ``words`` are the dictionary words
    that could straddle a phrase edge, ``longest`` the length of the longest of them.
    """
    if pos <= lo or pos >= hi:
        return False
    if _ascii_alnum(text[pos - 1]) and _ascii_alnum(text[pos]):
        return True
    for first in range(max(lo, pos - longest + 1), pos):
        for last in range(pos + 1, min(hi, first + longest) + 1):
            if text[first:last] in words:
                return True
    return False


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()
