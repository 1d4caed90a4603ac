"""The narrow scanners (no wide characters) agree with the wide ones wherever both may run."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.lang import detect, sentences
from replylint.lang.scripts import WIDE_START, has_wide_chars

# Text below U+2E80 that reaches every branch of both scanners: terminators, closers, line
# breaks, bullets, Latin with diacritics, Cyrillic, combining marks, digits, odd whitespace.
_NARROW_ALPHABET = st.one_of(
    st.sampled_from(list(".!?…‼⁇⁈⁉\"'”’»)]\r\n\t •-*+–—1234567890 \u00a0\u2028")),
    st.sampled_from(list("abcxyzABCāčēģīķļņšūžéàü\u0301\u0308")),
    st.sampled_from(list("абвгдеёжзийЁЖЩ\u0456\u0491\u1c80\u2de0")),
    st.characters(max_codepoint=WIDE_START - 1, exclude_categories=("Cs",)),
)
_NARROW_TEXT = st.text(_NARROW_ALPHABET, max_size=80)
_WIDE_CHARS = "中文。！？．｡，「」Ａｚ０\ua640\u3005\U00020000"


@given(_NARROW_TEXT)
@settings(max_examples=400, deadline=None)
def test_sentence_scanners_agree_on_narrow_text(text: str) -> None:
    narrow = [(m.span(), m.groupdict()) for m in sentences._candidates(False).finditer(text)]
    wide = [(m.span(), m.groupdict()) for m in sentences._candidates(True).finditer(text)]
    assert narrow == wide


@given(_NARROW_TEXT)
@settings(max_examples=400, deadline=None)
def test_token_scanners_agree_on_narrow_text(text: str) -> None:
    assert detect._tokens_pattern(False).findall(text) == detect._tokens_pattern(True).findall(text)


def test_wide_characters_are_those_from_u2e80() -> None:
    assert not has_wide_chars("")
    assert not has_wide_chars("plain ASCII")
    assert not has_wide_chars("Здравствуйте, Jānis — “quoted” …\u2e7f")
    for char in _WIDE_CHARS + "\u2e80" + chr(sys.maxunicode):
        assert has_wide_chars(f"text {char} text"), hex(ord(char))


def test_the_wide_scanners_see_what_the_narrow_ones_cannot() -> None:
    text = "好的。谢谢！Ｏｋ"
    assert detect._tokens_pattern(True).findall(text) == ["好的", "。", "谢谢", "！", "Ｏｋ"]
    assert detect._tokens_pattern(False).findall(text) == []
    assert sentences.sentence_spans("Done.下一句", "zh") == [(0, 5), (5, 8)]
