"""Phrase syntax, shared by ``phrases`` and ``unless``.

en/ru/lv — a phrase is words separated by spaces; punctuation is ignored:

* ``word``     any inflected form of the word's lemma (write the dictionary form);
* ``=word``    exactly this form (still case-insensitive, ``ё``≡``е``, optional diacritics);
* ``a|b``      either word (each part may use ``=``);
* ``...``      a gap of up to 3 other words; ``...N`` up to N (1–9) words.

zh — a phrase is a run of characters (Simplified; whitespace ignored); ``...`` / ``...N``
allows a gap of up to 4 / N characters.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import regex

from replylint.lang import SPACED_LANGUAGES

DEFAULT_WORD_GAP = 3
DEFAULT_CHAR_GAP = 4
_GAP = regex.compile(r"^\.\.\.([1-9])?$")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*")
_ZH_GAP = regex.compile(r"\.\.\.([1-9])?")


class PhraseSyntaxError(ValueError):
    """A phrase that cannot be parsed."""


@dataclass(frozen=True, slots=True)
class WordSpec:
    """One word position: alternatives, each either inflectable or an exact form."""

    alternatives: tuple[tuple[str, bool], ...]  # (word, exact)


@dataclass(frozen=True, slots=True)
class GapSpec:
    """Up to ``size`` other words (en/ru/lv) or characters (zh)."""

    size: int


@dataclass(frozen=True, slots=True)
class TextSpec:
    """A run of Chinese characters to match literally on the Simplified view."""

    text: str


PhraseItem = WordSpec | GapSpec | TextSpec


def parse_phrase(phrase: str, lang: str) -> tuple[PhraseItem, ...]:
    """Parse ``phrase`` for ``lang``; raise ``PhraseSyntaxError`` when it is malformed."""
    items = _parse_spaced(phrase) if lang in SPACED_LANGUAGES else _parse_zh(phrase)
    if not items or isinstance(items[0], GapSpec) or isinstance(items[-1], GapSpec):
        raise PhraseSyntaxError("a phrase must start and end with a word, not a gap")
    for left, right in itertools.pairwise(items):
        if isinstance(left, GapSpec) and isinstance(right, GapSpec):
            raise PhraseSyntaxError("two gaps in a row")
    return tuple(items)


def _parse_spaced(phrase: str) -> list[PhraseItem]:
    items: list[PhraseItem] = []
    for chunk in phrase.split():
        gap = _GAP.match(chunk)
        if gap:
            items.append(GapSpec(int(gap.group(1) or DEFAULT_WORD_GAP)))
            continue
        if "|" in chunk:
            alternatives = []
            for part in chunk.split("|"):
                exact = part.startswith("=")
                words = _WORD.findall(part)
                if len(words) != 1:
                    raise PhraseSyntaxError(f"each alternative in {chunk!r} must be one word")
                alternatives.append((words[0], exact))
            items.append(WordSpec(tuple(alternatives)))
            continue
        exact = chunk.startswith("=")
        words = _WORD.findall(chunk)
        if not words and chunk.strip("=") and not regex.fullmatch(r"[\p{P}\p{S}]+", chunk):
            raise PhraseSyntaxError(f"{chunk!r} holds no word")
        # "out-of-stock" is three words; "=out-of-stock" demands each exactly.
        items.extend(WordSpec(((word, exact),)) for word in words)
    return items


def _parse_zh(phrase: str) -> list[PhraseItem]:
    if "|" in phrase or "=" in phrase:
        raise PhraseSyntaxError(
            "'|' and '=' are for space-separated languages; list zh variants as phrases"
        )
    items: list[PhraseItem] = []
    pos = 0
    for gap in _ZH_GAP.finditer(phrase):
        text = "".join(phrase[pos : gap.start()].split())
        if text:
            items.append(TextSpec(text))
        items.append(GapSpec(int(gap.group(1) or DEFAULT_CHAR_GAP)))
        pos = gap.end()
    text = "".join(phrase[pos:].split())
    if text:
        items.append(TextSpec(text))
    return items
