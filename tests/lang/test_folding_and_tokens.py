"""Comparison keys (folding), same-length character views and word tokens."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint.lang.folding import (
    char_view,
    fold_word,
    fold_words,
    has_diacritics,
    strip_diacritics,
    strip_words,
)
from replylint.lang.tokens import _WORD_CHAR, Token, breaks_between, split_words, tokenize

# --- fold_word -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "lang", "key"),
    [
        ("Stock", "en", "stock"),
        ("STRASSE", "en", "strasse"),
        ("Straße", "en", "strasse"),  # full case folding, not lower()
        ("ВОЗВРАТ", "ru", "возврат"),
        ("UZŅĒMUMS", "lv", "uzņēmums"),
        ("don’t", "en", "don't"),
        ("donʼt", "en", "don't"),
        ("don`t", "en", "don't"),
        ("don´t", "en", "don't"),
        ("Ещё", "ru", "еще"),
        ("ЁЛКА", "ru", "елка"),
    ],
)
def test_fold_word(word, lang, key):
    assert fold_word(word, lang) == key


@pytest.mark.parametrize("lang", ["en", "lv", "zh"])
def test_yo_is_kept_outside_russian(lang):
    assert fold_word("ЁЛКА", lang) == "ёлка"


@pytest.mark.parametrize("word", ["Uzņēmums", "Ещё", "Éclair"])
@pytest.mark.parametrize("lang", ["en", "ru", "lv"])
def test_nfd_and_nfc_input_fold_to_the_same_nfc_key(word, lang):
    nfc = unicodedata.normalize("NFC", word)
    nfd = unicodedata.normalize("NFD", word)
    assert nfd != nfc
    assert fold_word(nfd, lang) == fold_word(nfc, lang)
    assert unicodedata.is_normalized("NFC", fold_word(nfd, lang))


def test_nfd_latvian_key_keeps_its_diacritics():
    assert fold_word(unicodedata.normalize("NFD", "Uzņēmums"), "lv") == "uzņēmums"


# --- strip_diacritics / has_diacritics -------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stripped"),
    [
        ("uzņēmuma", "uznemuma"),
        ("ĀČĒĢĪĶĻŅŠŪŽ", "ACEGIKLNSUZ"),
        ("café", "cafe"),
        ("ёж", "еж"),
        ("й", "и"),
        ("plain", "plain"),
        ("仓库", "仓库"),
        (unicodedata.normalize("NFD", "jūsu"), "jusu"),
    ],
)
def test_strip_diacritics(word, stripped):
    assert strip_diacritics(word) == stripped


@pytest.mark.parametrize(
    ("key", "expected"),
    [("jūsu", True), ("jusu", False), ("ёж", True), ("еж", False), ("klients", False)],
)
def test_has_diacritics(key, expected):
    assert has_diacritics(key) is expected


# --- char_view -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "view"),
    [
        ("Ёжик, ещё ёлка!", "ru", "Ежик, еще елка!"),
        ("Uzņēmums ŠĶ ģ", "lv", "Uznemums SK g"),
        ("Ёж ņ café", "en", "Ёж ņ café"),
        ("這是 ёņ 😀", "zh", "這是 ёņ 😀"),
        ("Ёж ёж", "lv", "Еж еж"),  # ё decomposes to е + diaeresis
        ("😀 ņ", "lv", "😀 n"),
    ],
)
def test_char_view_examples(text, lang, view):
    assert char_view(text, lang) == view
    assert len(char_view(text, lang)) == len(text)


def test_char_view_lv_keeps_length_for_decomposed_text():
    nfd = unicodedata.normalize("NFD", "uzņēmums")
    assert len(char_view(nfd, "lv")) == len(nfd) == 10


def test_char_view_lv_keeps_characters_that_decompose_to_several_letters():
    """A Hangul syllable decomposes into jamo that are not marks; it must stay one character."""
    assert char_view("한ņ", "lv") == "한n"


@given(st.text())
def test_char_view_ru_keeps_length(text):
    assert len(char_view(text, "ru")) == len(text)


@given(st.text())
def test_char_view_lv_keeps_length(text):
    assert len(char_view(text, "lv")) == len(text)


@given(st.text())
def test_char_view_lv_changes_only_non_ascii_characters(text):
    view = char_view(text, "lv")
    assert all(a == b for a, b in zip(text, view, strict=True) if a.isascii())


# --- tokenize --------------------------------------------------------------------------------


def words(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.end, t.text) for t in tokenize(text)]


def test_token_spans_match_the_text():
    text = "Sorry, it's out of stock."
    assert words(text) == [
        (0, 5, "Sorry"),
        (7, 11, "it's"),
        (12, 15, "out"),
        (16, 18, "of"),
        (19, 24, "stock"),
    ]
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_hyphens_split_words():
    assert [t.text for t in tokenize("Out-Of-Stock")] == ["Out", "Of", "Stock"]
    assert words("кто-то") == [(0, 3, "кто"), (4, 6, "то")]


@pytest.mark.parametrize("word", ["don't", "don’t", "donʼt", "I'm"])
def test_apostrophe_inside_a_word_keeps_it_whole(word):
    assert [t.text for t in tokenize(f"We {word} know.")] == ["We", word, "know"]


def test_apostrophe_at_word_edges_is_not_part_of_the_word():
    assert [t.text for t in tokenize("'quoted' customers' orders")] == [
        "quoted",
        "customers",
        "orders",
    ]


def test_digits_are_words_and_glue_to_letters():
    assert words("Order 12345, SKU AB12 №42") == [
        (0, 5, "Order"),
        (6, 11, "12345"),
        (13, 16, "SKU"),
        (17, 21, "AB12"),
        (23, 25, "42"),
    ]


def test_cyrillic_words():
    assert words("Нет в наличии, ещё раз.") == [
        (0, 3, "Нет"),
        (4, 5, "в"),
        (6, 13, "наличии"),
        (15, 18, "ещё"),
        (19, 22, "раз"),
    ]


def test_latvian_diacritics_inside_words():
    assert [t.text for t in tokenize("Diemžēl šīs preces nav noliktavā.")] == [
        "Diemžēl",
        "šīs",
        "preces",
        "nav",
        "noliktavā",
    ]


def test_combining_marks_stay_in_the_token():
    nfd = unicodedata.normalize("NFD", "uzņēmuma éclair")
    assert nfd == "uzn\u0327e\u0304muma e\u0301clair"
    assert words(nfd) == [(0, 10, "uzn\u0327e\u0304muma"), (11, 18, "e\u0301clair")]


# Letters, marks, digits, apostrophes of every kind and the odd characters folding changes.
_wordy_text = st.text(
    st.characters(categories=("L", "M", "N", "Zs", "P")) | st.sampled_from("'’ʼ`´ёЁßŉǅİ\u0307"),
    max_size=60,
)


@given(_wordy_text)
def test_split_words_finds_the_tokens_of_tokenize(text):
    words = split_words(text)
    tokens = tokenize(text)
    assert words.texts == [t.text for t in tokens]
    assert [(words.start(i), words.end(i)) for i in range(len(tokens))] == [
        (t.start, t.end) for t in tokens
    ]


def _split(text: str) -> list[tuple[int, int, str]]:
    found = split_words(text)
    return [(found.start(i), found.end(i), t) for i, t in enumerate(found.texts)]


def test_split_words_keeps_combining_marks_in_the_word():
    nfd = unicodedata.normalize("NFD", "Diemžēl šīs preces — éclair")
    assert _split(nfd) == words(nfd)
    assert _split(nfd)[0][2] == "Diemz\u030ce\u0304l"


def test_split_words_knows_the_letters_of_the_word_pattern_not_of_python():
    """A letter newer than Python's Unicode tables is still one word with its neighbours."""
    newer = next(
        (
            c
            for c in map(chr, range(0x0370, 0x30000))
            if _WORD_CHAR.match(c)
            and not re.match(r"[^\W_]", c)
            and not unicodedata.category(c).startswith("M")
        ),
        None,
    )
    if newer is None:
        pytest.skip("Python's Unicode tables know every letter the regex module knows")
    text = f"one tw{newer}o three"
    assert _split(text) == words(text) == [(0, 3, "one"), (4, 8, f"tw{newer}o"), (9, 14, "three")]


def test_every_character_of_the_fast_split_is_a_word_character():
    """What makes the fast split exact: it never takes a character ``_WORD`` would not."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    fast = set(re.findall(r"[^\W_]", every))
    assert fast - set(_WORD_CHAR.findall(every)) == set()


@given(_wordy_text, st.sampled_from(["en", "ru", "lv"]))
def test_folding_joined_words_folds_each_word(text, lang):
    words = [t.text for t in tokenize(text)]
    keys = fold_words(words, lang)
    assert keys == [fold_word(w, lang) for w in words]
    assert strip_words(keys) == [strip_diacritics(k) for k in keys]


def test_no_tokens_in_punctuation_only_text():
    assert tokenize(" ... !? — ") == []


# --- breaks_between --------------------------------------------------------------------------


def first_two(text: str) -> tuple[Token, Token]:
    tokens = tokenize(text)
    assert len(tokens) == 2
    return tokens[0], tokens[1]


@pytest.mark.parametrize(
    "text",
    [
        "stock. Sorry",
        "stock! Sorry",
        "stock? Sorry",
        "stock… Sorry",
        "stock\n\nSorry",
        "stock\n \t\nSorry",
        "stock\r\n\r\nSorry",
        "stock\r\n \r\nSorry",
    ],
)
def test_sentence_breaks(text):
    left, right = first_two(text)
    assert breaks_between(text, left, right) is True


@pytest.mark.parametrize(
    "text",
    [
        "stock, Sorry",
        "stock Sorry",
        "stock\nSorry",
        "stock\r\nSorry",
        "stock - Sorry",
        "stock: Sorry",
        "stock; Sorry",
        "etc. sorry",
        "No. 5",
    ],
)
def test_no_sentence_break(text):
    left, right = first_two(text)
    assert breaks_between(text, left, right) is False


def test_breaks_only_look_between_the_two_tokens():
    text = "One two. Three"
    one, two, three = tokenize(text)
    assert breaks_between(text, one, two) is False
    assert breaks_between(text, two, three) is True
    assert breaks_between(text, one, three) is True
