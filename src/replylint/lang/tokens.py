"""Unicode word tokenization for the space-separated languages (en, ru, lv)."""

from __future__ import annotations

from typing import NamedTuple

import regex

# Letters, marks and digits; an apostrophe inside a word keeps it whole ("don't", "I'm").
# Hyphens split words, so "Out-Of-Stock" is three words, as the phrase "out of stock" is.
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*")
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
    return [Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def breaks_between(text: str, left: Token, right: Token) -> bool:
    """Tell whether the text between two tokens ends a sentence or clause a phrase may not cross."""
    # The right token is included so the period rule can look at the next word's first letter.
    return _SENTENCE_BREAK.search(text[left.end : right.end]) is not None
