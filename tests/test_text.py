"""Decoding input bytes (BOMs, explicit encodings, errors) and offset-to-line/column mapping."""

from __future__ import annotations

import codecs
from pathlib import PurePath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.errors import InputError
from replylint.text import Decoded, LineIndex, decode_bytes, path_suffix

# --- decode_bytes ----------------------------------------------------------------------------


def test_plain_utf8_without_bom():
    assert decode_bytes("Привет, 世界!".encode(), "a.txt") == Decoded(
        "Привет, 世界!", "utf-8", False
    )


def test_utf8_bom_is_reported_and_removed_from_the_text():
    decoded = decode_bytes(codecs.BOM_UTF8 + "Labdien, uzņēmums".encode(), "a.txt")
    assert decoded == Decoded("Labdien, uzņēmums", "utf-8", True)
    assert not decoded.text.startswith("\ufeff")


def test_utf16_le_with_bom():
    data = codecs.BOM_UTF16_LE + "Нет в наличии".encode("utf-16-le")
    assert decode_bytes(data, "a.txt") == Decoded("Нет в наличии", "utf-16-le", True)


def test_utf16_be_with_bom():
    data = codecs.BOM_UTF16_BE + "沒有庫存 😀".encode("utf-16-be")
    assert decode_bytes(data, "a.txt") == Decoded("沒有庫存 😀", "utf-16-be", True)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")],
)
def test_utf32_with_bom(bom, codec):
    """The UTF-32 LE BOM starts with the UTF-16 LE one; it must still be read as UTF-32."""
    data = bom + "Hi ё 😀".encode(codec)
    assert decode_bytes(data, "a.txt") == Decoded("Hi ё 😀", codec, True)


def test_explicit_cp1251_russian():
    data = "Ваш заказ отправлен, ещё раз спасибо.".encode("cp1251")
    assert decode_bytes(data, "a.txt", encoding="cp1251") == Decoded(
        "Ваш заказ отправлен, ещё раз спасибо.", "cp1251", False
    )


def test_explicit_gbk_chinese():
    data = "很抱歉，这件商品没有库存。".encode("gbk")
    assert decode_bytes(data, "a.txt", encoding="gbk") == Decoded(
        "很抱歉，这件商品没有库存。", "gbk", False
    )


def test_a_bom_wins_over_the_named_encoding():
    data = codecs.BOM_UTF8 + "ёж".encode()
    assert decode_bytes(data, "a.txt", encoding="cp1251") == Decoded("ёж", "utf-8", True)


def test_invalid_utf8_names_the_byte_offset():
    data = b"Hello \xff world"
    with pytest.raises(InputError) as info:
        decode_bytes(data, "reply.txt")
    error = info.value
    assert error.path == "reply.txt"
    assert error.message == (
        "cannot decode as utf-8 at byte 6 (use --encoding to name the file's encoding)"
    )
    assert error.render() == (
        "reply.txt: cannot decode as utf-8 at byte 6 (use --encoding to name the file's encoding)"
    )


def test_truncated_multibyte_sequence_offset_is_its_first_byte():
    """«пр» is 4 bytes; the lone lead byte 0xD0 after them is at offset 4."""
    with pytest.raises(InputError, match=r"at byte 4 "):
        decode_bytes("пр".encode() + b"\xd0", "a.txt")


def test_cp1251_bytes_read_as_utf8_fail_at_first_byte():
    with pytest.raises(InputError, match=r"^cannot decode as utf-8 at byte 0 "):
        decode_bytes("Спасибо".encode("cp1251"), "a.txt")


def test_decode_error_under_named_encoding_names_that_encoding():
    with pytest.raises(InputError, match=r"^cannot decode as gbk at byte 1 "):
        decode_bytes(b"a\xff", "a.txt", encoding="gbk")


def test_unknown_encoding_is_an_input_error():
    with pytest.raises(InputError) as info:
        decode_bytes(b"abc", "a.txt", encoding="no-such-codec")
    assert info.value.render() == "a.txt: unknown encoding 'no-such-codec'"


# --- LineIndex -------------------------------------------------------------------------------


def test_line_col_lf():
    index = LineIndex("ab\ncd\n")
    assert [index.line_col(i) for i in range(7)] == [
        (1, 1),
        (1, 2),
        (1, 3),  # the "\n" itself belongs to line 1
        (2, 1),
        (2, 2),
        (2, 3),
        (3, 1),  # after the final newline: an empty third line
    ]


def test_line_col_crlf_is_one_line_ending():
    index = LineIndex("ab\r\ncd")
    assert index.line_col(2) == (1, 3)  # "\r"
    assert index.line_col(3) == (1, 4)  # "\n" of the same ending
    assert index.line_col(4) == (2, 1)
    assert index.line_col(6) == (2, 3)  # end of text without a newline


def test_line_col_lone_cr_ends_a_line():
    index = LineIndex("ab\rcd\r\n\nx")
    assert index.line_col(3) == (2, 1)
    assert index.line_col(5) == (2, 3)
    assert index.line_col(7) == (3, 1)  # the empty line between "\r\n" and "\n"
    assert index.line_col(8) == (4, 1)
    assert index.line_col(9) == (4, 2)


def test_text_without_final_newline():
    index = LineIndex("one\ntwo")
    assert index.line_col(4) == (2, 1)
    assert index.line_col(7) == (2, 4)
    assert index.line_text(2) == "two"


def test_empty_text():
    index = LineIndex("")
    assert index.line_col(0) == (1, 1)
    assert index.line_text(1) == ""
    assert index.line_start(1) == 0


def test_astral_characters_are_one_column_each():
    index = LineIndex("😀a\n😀👍b")
    assert index.line_col(1) == (1, 2)  # "a" right after one emoji
    assert index.line_col(5) == (2, 3)  # "b" after two emoji
    assert index.line_text(2) == "😀👍b"


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("ab\ncd\n", ["ab", "cd", ""]),
        ("ab\r\ncd", ["ab", "cd"]),
        ("ab\rcd\r\n\nx", ["ab", "cd", "", "x"]),
        ("  indented\t\r\nnext", ["  indented\t", "next"]),
    ],
)
def test_line_text_strips_only_the_line_ending(text, lines):
    index = LineIndex(text)
    assert [index.line_text(n) for n in range(1, len(lines) + 1)] == lines


def test_line_start():
    index = LineIndex("ab\r\ncd\ref\ngh")
    assert [index.line_start(n) for n in (1, 2, 3, 4)] == [0, 4, 7, 10]
    for line in (1, 2, 3, 4):
        assert index.line_col(index.line_start(line)) == (line, 1)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + "Привет\r\n".encode(),
        codecs.BOM_UTF16_LE + "沒有庫存\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "沒有庫存\n".encode("utf-16-be"),
        codecs.BOM_UTF32_BE + "ā\n".encode("utf-32-be"),
        "plain utf-8 ē\n".encode(),
    ],
)
def test_encode_text_restores_the_original_bytes(data):
    from replylint.text import encode_text

    decoded = decode_bytes(data, "a.txt")
    assert encode_text(decoded.text, decoded.encoding, decoded.bom) == data


# --- path_suffix ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "a.txt",
        "dir/b.JSON",
        "dir/",
        "x.tar.gz",
        ".hidden",
        "dir/.env.yaml",
        "file.",
        "..",
        ".",
        "",
        "a/./b.md",
        "a/b.md/.",
        "a//c.csv",
        "/abs/d.yml",
        "no_suffix",
        "a.b/c",
        "-",
    ],
)
def test_path_suffix_is_what_pathlib_says(path: str) -> None:
    assert path_suffix(path) == PurePath(path).suffix


@given(st.text(st.sampled_from("ab./\\ é"), max_size=12))
def test_path_suffix_agrees_with_pathlib_on_any_path(path: str) -> None:
    assert path_suffix(path) == PurePath(path).suffix


@given(st.text(st.sampled_from("ab\r\n é"), max_size=40))
def test_line_starts_are_those_of_the_line_end_pattern(text: str) -> None:
    import re

    expected = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    index = LineIndex(text)
    assert index._starts == expected
    for offset in range(len(text) + 1):
        line, col = index.line_col(offset)
        assert expected[line - 1] + col - 1 == offset


_line_texts = st.text(alphabet="ab\r\n😀", max_size=40) | st.lists(
    st.text(alphabet="ab😀", max_size=4), max_size=12
).map("\r\n".join)  # CRLF only: pieces may end between a CR and its LF


@settings(max_examples=400, deadline=None)
@given(_line_texts, st.integers(min_value=1, max_value=7))
def test_line_starts_are_those_of_a_scan_for_every_ending_and_piece_size(text, chunk):
    import re

    scanned = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    assert LineIndex(text, chunk=chunk)._starts == scanned
    assert LineIndex(text)._starts == scanned


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_a_large_text_s_lines_are_found_across_its_pieces(ending):
    text = ending.join(f"line {n}" for n in range(3000)) + ending
    index = LineIndex(text, chunk=1000)  # pieces end inside lines and between CR and LF
    assert len(index._starts) == 3001
    assert index.line_col(text.index("line 2999")) == (3000, 1)
    assert index.line_text(1234) == "line 1233"
