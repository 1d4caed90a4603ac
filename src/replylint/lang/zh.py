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

from collections.abc import Iterable, Iterator
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


def boundary_words(starts: Iterable[str], ends: Iterable[str]) -> BoundaryWords:
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
    return BoundaryWords(found)


def straddled(text: str, pos: int, lo: int, hi: int, words: BoundaryWords) -> bool:
    """Whether the segmenter could join ``text[pos - 1]`` and ``text[pos]`` into one word.

    ``lo``/``hi`` bound the clause the segmenter would see; ``words`` are the dictionary words
    that could straddle a phrase edge.
    """
    if pos <= lo or pos >= hi:
        return False
    if _ascii_alnum(text[pos - 1]) and _ascii_alnum(text[pos]):
        return True
    longest = words.longest
    for first in range(max(lo, pos - longest + 1), pos):
        group = words.starting_with(text[first])
        if not group:
            continue
        for last in range(pos + 1, min(hi, first + longest) + 1):
            if text[first:last] in group:
                return True
    return False


class BoundaryWords:
    """The words that could straddle a phrase edge, grouped by their first character.

    Every run that lints Chinese loads them, but a reply asks about a few groups at most: a
    group is kept as one newline-joined string and becomes a set only when a candidate edge
    asks for it. Making one set of all ~50,000 words cost more than linting a short reply.
    """

    __slots__ = ("_groups", "_sets", "longest")

    def __init__(self, words: Iterable[str]) -> None:
        groups: dict[str, list[str]] = {}
        for word in sorted(set(words)):
            if not word or "\n" in word:
                raise ValueError(f"not a dictionary word: {word!r}")
            groups.setdefault(word[0], []).append(word)
        self._groups = {first: "\n".join(group) for first, group in groups.items()}
        self._sets: dict[str, frozenset[str]] = {}
        self.longest = max((len(word) for group in groups.values() for word in group), default=0)

    def starting_with(self, first: str) -> frozenset[str]:
        """The words that start with the character ``first``."""
        found = self._sets.get(first)
        if found is None:
            joined = self._groups.get(first)
            found = frozenset(joined.split("\n")) if joined else frozenset()
            self._sets[first] = found
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and word in self.starting_with(word[0])

    def __iter__(self) -> Iterator[str]:
        for first in self._groups:
            yield from self.starting_with(first)

    def __len__(self) -> int:
        return sum(joined.count("\n") + 1 for joined in self._groups.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BoundaryWords):
            return NotImplemented
        return self._groups == other._groups

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore_boundary_words, (self._groups, self.longest))


def _restore_boundary_words(groups: dict[str, str], longest: int) -> BoundaryWords:
    words = BoundaryWords(())
    words._groups = groups
    words.longest = longest
    return words


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()
