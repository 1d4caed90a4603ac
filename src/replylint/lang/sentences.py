"""Sentence segmentation for en, ru, lv and zh so rules can report and measure per sentence.

One regex scan finds candidate boundaries (terminator runs and line breaks); a short Python
check per candidate applies the exceptions (abbreviations, initials, numbered-list markers,
continuations in lower case). The work per candidate is bounded, so the whole pass is linear.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache
from operator import itemgetter

import regex

from replylint.lang.scripts import has_wide_chars

# Abbreviations whose period never ends a sentence (titles, "for example", street, number...).
ABBREVIATIONS_NON_FINAL: dict[str, tuple[str, ...]] = {
    "en": (
        "e.g.",
        "i.e.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Prof.",
        "Jr.",
        "Sr.",
        "vs.",
        "No.",
        "approx.",
        "cf.",
        "viz.",
    ),
    "ru": ("т.е.", "т.к.", "г.", "см.", "напр.", "ул.", "д.", "им.", "тел.", "стр.", "кв."),
    "lv": ("piem.", "t.i.", "t.sk.", "plkst.", "Nr.", "sk.", "tālr."),
}

# Abbreviations that often close a sentence ("..., etc. Then"): they end one only when the
# next word starts with a capital letter.
ABBREVIATIONS_MAY_END: dict[str, tuple[str, ...]] = {
    "en": ("etc.", "a.m.", "p.m.", "Inc.", "Ltd."),
    "ru": ("т.д.", "т.п.", "гг.", "руб.", "коп.", "др.", "пр."),
    "lv": ("u.c.", "utt.", "u.tml.", "u.t.t.", "g."),
}

# Chinese text borrows the English lists for the Latin fragments it may contain.
_ABBREVIATION_SOURCE = {"en": "en", "ru": "ru", "lv": "lv", "zh": "en"}

# Whitespace is exactly what str.isspace() accepts (all such code points are below U+3001),
# so the boundary logic and the stripping of spans agree; "horizontal" excludes CR and LF.
_SPACE_CHARS = "".join(filter(str.isspace, map(chr, range(0x3001))))
_HSPACE_CHARS = _SPACE_CHARS.replace("\r", "").replace("\n", "")
# In a str pattern, stdlib ``re``'s \s is exactly str.isspace() (a test checks every code
# point); the class is much cheaper to compile than the same characters spelled out.
_WS = r"\s"
_HWS = r"[^\S\r\n]"
_CJK_TERMINATORS = "。！？．｡"
_TERMINATORS = ".!?…‼⁇⁈⁉" + _CJK_TERMINATORS
_CLOSERS = "\"'”’»)\\]）」』】》〉›"
_DASHES = frozenset("—–")
_CONTINUATIONS = frozenset(",;:—–")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_LINE_BREAK = r"(?:\r\n|[\r\n])"
_BULLET_AHEAD = rf"(?:[•‣◦▪●]|[-*+–—]{_HWS}|\d{{1,3}}[.)]{_HWS})"

# Every candidate starts with one character from a single class, which lets the engine skip
# ahead quickly. A terminator candidate is a whole run of terminators, its closing quotes and
# brackets, and then either whitespace (group "ws"), the end of text, a Han character, or
# nothing at all after a CJK terminator. A line-break candidate matches only where a line
# break always ends a sentence: a blank line, or a line that starts with a list bullet.
# The Han branch is costly to compile and can only match in text with wide characters, so the
# scanner without it serves all other text (see ``replylint.lang.scripts``).
_CANDIDATES = r"""
    [{terminators}\r\n]
    (?:
        (?<=[{terminators}])(?<![{terminators}][{terminators}])
        [{terminators}]*(?![{terminators}])
        (?P<close>[{closers}]*)(?![{closers}])
        (?:
            (?P<ws>{ws}+)
          | \Z
          {han_branch}
          | (?<=[{cjk}])
          | (?<=[{cjk}][{closers}])
          | (?<=[{cjk}][{closers}][{closers}])
        )
      | (?:(?<=\r)(?:\n|(?!\n))|(?<=\n))
        (?:(?:{hws}*{line_break})+{hws}*|{hws}*(?={bullet}))
    )
"""


@cache
def _candidates(wide: bool) -> re.Pattern[str]:
    """The sentence-candidate scanner, with the Han branch when ``wide``."""
    source = _CANDIDATES.format(
        terminators=_TERMINATORS,
        closers=_CLOSERS,
        cjk=_CJK_TERMINATORS,
        ws=_WS,
        hws=_HWS,
        line_break=_LINE_BREAK,
        bullet=_BULLET_AHEAD,
        han_branch=f"| (?=[{_HAN}])" if wide else "",
    )
    return re.compile(source, re.VERBOSE)


_BULLET = re.compile(_BULLET_AHEAD)
_LINE_START_WINDOW = 64


def _token_forms(entries: tuple[str, ...]) -> list[str]:
    """Abbreviations without their final period, plus capitalised variants, longest first."""
    forms: set[str] = set()
    for entry in entries:
        key = entry[:-1] if entry.endswith(".") else entry
        forms.add(key)
        if key[:1].islower():
            forms.add(key[:1].upper() + key[1:])
    return sorted(forms, key=lambda form: (-len(form), form))


@cache
def _special_token_pattern(lang: str) -> regex.Pattern[str]:
    """Reverse-matching pattern naming the kind of word that ends right before a period.

    Matched with ``match(text, 0, pos)`` it anchors at ``pos`` and reads backwards; the
    lookbehind makes sure the whole word matched, so it costs about the word's length.
    """
    non_final = "|".join(regex.escape(form) for form in _token_forms(ABBREVIATIONS_NON_FINAL[lang]))
    may_end = "|".join(regex.escape(form) for form in _token_forms(ABBREVIATIONS_MAY_END[lang]))
    return regex.compile(
        r"(?r)(?<![\p{L}\p{M}\p{N}.])"
        rf"(?:(?P<non_final>{non_final})|(?P<may_end>{may_end})"
        r"|(?P<initials>\p{Lu}(?:\.\p{Lu}){0,4})|(?P<number>\d{1,3}))"
    )


def _at_line_start(text: str, pos: int) -> bool:
    """Whether only horizontal whitespace separates ``pos`` from the start of its line."""
    lo = pos - _LINE_START_WINDOW if pos > _LINE_START_WINDOW else 0
    before = text[lo:pos].rstrip(_HSPACE_CHARS)
    if before:
        return before[-1] in "\r\n"
    return lo == 0


def _period_ends(text: str, pos: int, nxt: str, special: regex.Pattern[str]) -> bool:
    """Whether the single period at ``pos`` ends a sentence, judging by the word before it."""
    found = special.match(text, 0, pos)
    if found is None:
        return True
    kind = found.lastgroup
    if kind == "may_end":
        return nxt.isupper()
    if kind == "number":
        return not _at_line_start(text, found.start())
    return False


def _is_boundary(text: str, match: re.Match[str], ws: str, special: regex.Pattern[str]) -> bool:
    """Decide whether a terminator run followed by whitespace ``ws`` ends a sentence."""
    end = match.end()
    if end >= len(text):
        return True
    start = match.start()
    close = match.start("close")
    if "\n" in ws or "\r" in ws:
        breaks = ws.count("\n") + ws.count("\r") - ws.count("\r\n")
        if breaks >= 2 or _BULLET.match(text, end):
            return True
    else:
        breaks = 0
    run = text[start:close]
    nxt = text[end]
    if run == ".":
        if breaks == 0 and (nxt.islower() or nxt.isdigit() or nxt in _CONTINUATIONS):
            return False
        return _period_ends(text, start, nxt, special)
    if any(ch in _CJK_TERMINATORS for ch in run):
        return True
    if breaks == 0:
        if nxt in _DASHES:
            return False
        period_like = not run.strip(".…")
        if (period_like or close < match.end("close")) and nxt.islower():
            return False
        if period_like and (nxt.isdigit() or nxt in _CONTINUATIONS):
            return False
    return True


def _append_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append ``text[start:end]`` without surrounding whitespace, unless nothing is left."""
    if start >= end:
        return
    if not text[start].isspace() and not text[end - 1].isspace():
        spans.append((start, end))
        return
    segment = text[start:end]
    left = len(segment) - len(segment.lstrip())
    right = len(segment.rstrip())
    if right > left:
        spans.append((start + left, start + right))


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Half-open code-point spans of the sentences of ``text``, whitespace-trimmed, in order.

    ``lang`` is one of en, ru, lv, zh (it selects the abbreviation lists); anything else
    raises ``ValueError``.
    """
    source = _ABBREVIATION_SOURCE.get(lang)
    if source is None:
        expected = ", ".join(_ABBREVIATION_SOURCE)
        raise ValueError(f"unsupported language {lang!r}; expected one of {expected}")
    special = _special_token_pattern(source)
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _candidates(has_wide_chars(text)).finditer(text):
        first = text[match.start()]
        if first == "\n" or first == "\r":
            _append_span(spans, text, start, match.start())
        else:
            ws = match.group("ws")
            if ws is not None and not _is_boundary(text, match, ws, special):
                continue
            _append_span(spans, text, start, match.end("close"))
        start = match.end()
    _append_span(spans, text, start, len(text))
    return spans


def sentence_index(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the span in sorted ``spans`` that contains ``offset``, or -1 if none does."""
    i = bisect.bisect_right(spans, offset, key=itemgetter(0)) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return i
    return -1
