"""Unicode word tokenization for the space-separated languages (en, ru, lv)."""

import re
from itertools import accumulate
from typing import NamedTuple

import regex

# Letters, marks and digits; an apostrophe inside a word keeps it whole ("don't", "I'm").
# Hyphens split words, so "Out-Of-Stock" is three words, as the phrase "out of stock" is.
_WORD = r"[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*"
_SPLIT = regex.compile(f"({_WORD})")  # the engine's tokenizer; ``tokenize`` compiles _WORD itself
# The same split by the standard library's engine, about 1.6 times as fast: ``[^\W_]`` is a
# letter or digit by Python's Unicode tables. It lacks the marks, and ``regex`` may know letters
# that Python's tables do not yet; either shows up as a word character left between the words,
# and such a text is split again by ``_SPLIT``.
_FAST_SPLIT = re.compile(r"([^\W_]+(?:['’ʼ][^\W_]+)*)")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")
# "!", "?", "…" and blank lines always end a sentence; a period only when the next word does not
# start in lower case or with a digit, so abbreviations ("см. выше", "e.g. this") stay joined.
_SENTENCE_BREAK = regex.compile(r"[!?…]|\.(?![\s\p{P}]*[\p{Ll}\p{N}])|\n[ \t]*\n|\r\n[ \t]*\r\n")


class Token(NamedTuple):
    """A word: its code-point span in the segment and its text (a tuple: cheap to make)."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens with their spans."""
    return [Token(m.start(), m.end(), m.group()) for m in regex.finditer(_WORD, text)]


class Words(NamedTuple):
    """The words of a text as parallel lists, made by whole-string operations (no per-word calls).

    Word ``i`` is ``texts[i]`` and spans ``[bounds[2 * i], bounds[2 * i + 1])``; the tokens are
    those of ``tokenize``.
    """

    texts: list[str]
    bounds: list[int]

    def start(self, i: int) -> int:
        """Where word ``i`` starts."""
        return self.bounds[2 * i]

    def end(self, i: int) -> int:
        """Where word ``i`` ends."""
        return self.bounds[2 * i + 1]


def split_words(text: str) -> Words:
    """The words of ``text``: one split, and the offsets as running sums of the parts' lengths."""
    parts = _FAST_SPLIT.split(text)  # separator, word, separator, ..., word, separator
    if not text.isascii() and _word_char_between(parts):
        parts = _SPLIT.split(text)
    return Words(parts[1::2], list(accumulate(map(len, parts))))


def _word_char_between(parts: list[str]) -> bool:
    """Whether a separator of ``_FAST_SPLIT`` holds a character that ``_WORD`` counts as a word's.

    Every character the fast split takes is one ``_WORD`` takes too (a test checks each code point),
    so when no separator holds one, both find the same words.
    """
    return any(not part.isascii() and _WORD_CHAR.search(part) for part in parts[0::2])


def breaks_between(text: str, left: Token, right: Token) -> bool:
    """Tell whether the text between two tokens ends a sentence or clause a phrase may not cross."""
    return breaks_at(text, left.end, right.end)


def breaks_at(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` (the gap after a word, and the next word) has a break.

    The next word is included so the period rule can look at its first letter.
    """
    return _SENTENCE_BREAK.search(text[start:end]) is not None
