"""The plain-text source (paragraph segments) and the source registry (suffixes, decoding)."""

from __future__ import annotations

import codecs

import pytest

from replylint.document import SourceMap
from replylint.sources import DEFAULT_SOURCE, read_document, source_name_for
from replylint.sources.plaintext import segment


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(document offset, text) of every segment, checking each maps back to the document."""
    out = []
    for seg in segment("reply.txt", text):
        start = seg.source_map.to_document(0)
        assert text[start : start + len(seg.text)] == seg.text
        assert seg.source_map == SourceMap.shifted(start, len(seg.text))
        out.append((start, seg.text))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello.\n\nSorry.", [(0, "Hello."), (8, "Sorry.")]),
        ("Hello.\r\n\r\nSorry.", [(0, "Hello."), (10, "Sorry.")]),
        ("Hello.\r\rSorry.", [(0, "Hello."), (8, "Sorry.")]),
        ("Hello.\n \t\nSorry.", [(0, "Hello."), (10, "Sorry.")]),
        ("Hello.\r\n  \r\nSorry.", [(0, "Hello."), (12, "Sorry.")]),
        ("A\n\n\n\nB\n\n\nC", [(0, "A"), (5, "B"), (9, "C")]),
        ("\n\nA\n\nB\n\n", [(2, "A"), (5, "B")]),
        ("A\n\n   B", [(0, "A"), (6, "B")]),  # indentation after a break is dropped
        ("A  \n\nB", [(0, "A  "), (5, "B")]),
    ],
)
def test_paragraphs_split_at_blank_lines(text, expected):
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Line one\nLine two", "Line one\rLine two", "Line one \n\tLine two"],
)
def test_single_line_break_keeps_one_paragraph(text):
    assert paragraphs(text) == [(0, text)]


def test_single_crlf_keeps_one_paragraph():
    text = "Line one\r\nLine two"
    assert paragraphs(text) == [(0, text)]


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n \r\n\n", "\u3000\n\n\t"])
def test_whitespace_only_input_has_no_segments(text):
    assert segment("reply.txt", text) == []


def test_segments_of_a_multilingual_file_map_back():
    text = "Sorry, out of stock.\n\nНет в наличии.\n\n沒有庫存。\n"
    assert paragraphs(text) == [
        (0, "Sorry, out of stock."),
        (22, "Нет в наличии."),
        (38, "沒有庫存。\n"),  # a single final newline stays in the last paragraph
    ]


def test_segment_metadata_defaults():
    (seg,) = segment("reply.txt", "Hi")
    assert (seg.lang, seg.entry, seg.reply, seg.protected) == (None, None, None, ())


# --- registry --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["a.txt", "a.TXT", "a.text", "noext", "a.tar.gz", ".hidden"],
)
def test_source_name_for(path):
    assert source_name_for(path) == "plaintext"


def test_default_source_is_plaintext():
    assert DEFAULT_SOURCE == "plaintext"


@pytest.mark.parametrize("name", ["reply.txt", "reply.md", "reply.unknown", "reply"])
def test_read_document_uses_plaintext_for_any_suffix(name):
    doc = read_document(name, b"Hello.\n\nSorry, out of stock.")
    assert doc.path == name
    assert (doc.encoding, doc.bom) == ("utf-8", False)
    assert [(s.source_map.to_document(0), s.text) for s in doc.segments] == [
        (0, "Hello."),
        (8, "Sorry, out of stock."),
    ]


def test_read_document_decodes_a_utf8_bom():
    doc = read_document(
        "reply.md", codecs.BOM_UTF8 + "Labdien!\n\nPaldies, jūsu uzņēmums.".encode()
    )
    assert doc.text == "Labdien!\n\nPaldies, jūsu uzņēmums."
    assert (doc.encoding, doc.bom) == ("utf-8", True)
    assert [(s.source_map.to_document(0), s.text) for s in doc.segments] == [
        (0, "Labdien!"),
        (10, "Paldies, jūsu uzņēmums."),
    ]


def test_read_document_decodes_a_utf16_bom():
    doc = read_document("reply.txt", "Привет.\n\nПока.".encode("utf-16"))
    assert doc.text == "Привет.\n\nПока."
    assert (doc.encoding, doc.bom) == ("utf-16-le", True)  # the byte order of this machine
    assert [s.text for s in doc.segments] == ["Привет.", "Пока."]


def test_read_document_with_named_encoding():
    doc = read_document("reply.txt", "Спасибо.".encode("cp1251"), encoding="cp1251")
    assert (doc.text, doc.encoding, doc.bom) == ("Спасибо.", "cp1251", False)
