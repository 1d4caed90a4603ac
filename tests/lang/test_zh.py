"""Chinese: a same-length Simplified view of the text, and jieba word boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint.lang.zh import simplified, word_boundaries


@pytest.mark.parametrize(
    ("traditional", "expected"),
    [
        ("這是公司規定", "这是公司规定"),
        ("沒有庫存", "没有库存"),
        ("很抱歉，這件商品沒有庫存。", "很抱歉，这件商品没有库存。"),
        ("頭髮", "头发"),
        ("後面", "后面"),
    ],
)
def test_traditional_becomes_simplified(traditional, expected):
    assert simplified(traditional) == expected


def test_mixed_text_keeps_length_and_non_chinese_parts():
    text = "這是 OK 😀，沒有庫存！Order #12 (нет)"
    result = simplified(text)
    assert result == "这是 OK 😀，没有库存！Order #12 (нет)"
    assert len(result) == len(text)


@pytest.mark.parametrize("text", ["这是公司规定", "仓库存放的商品今天全部发出。", "没有库存了"])
def test_simplified_text_is_unchanged(text):
    assert simplified(text) == text


def test_ascii_text_is_unchanged():
    assert simplified("Sorry, out of stock.") == "Sorry, out of stock."


_CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_TRADITIONAL = st.sampled_from(list("這是公司規定沒有庫存頭髮後面於瞭乾著麼為個們來說時過還對"))
_OTHER = st.sampled_from(list("ab Z09\n\r\t，。！？「」：😀👍ёņ\x00"))


@given(
    st.text(st.one_of(_CHINESE, _TRADITIONAL, _OTHER, st.characters(codec="utf-8")), max_size=40)
)
def test_simplified_keeps_length(text):
    assert len(simplified(text)) == len(text)


@given(st.text(st.one_of(_TRADITIONAL, _OTHER), max_size=40))
def test_simplified_changes_only_chinese_characters(text):
    result = simplified(text)
    for original, converted in zip(text, result, strict=True):
        if original.isascii() or original in "，。！？「」：😀👍ёņ":
            assert converted == original


def test_word_boundaries_do_not_split_words():
    """«仓库存放»: 仓库 + 存放; the boundary inside «库存» (stock) must not exist."""
    bounds = word_boundaries("仓库存放")
    assert {0, 2, 4} <= bounds
    assert 1 not in bounds
    assert 3 not in bounds


def test_word_boundaries_of_a_sentence():
    bounds = word_boundaries("没有库存了")
    assert {0, 2, 4, 5} <= bounds
    assert 1 not in bounds
    assert 3 not in bounds


def test_word_boundaries_include_the_end():
    text = "这是公司规定"
    bounds = word_boundaries(text)
    assert 0 in bounds
    assert len(text) in bounds
    assert max(bounds) == len(text)
