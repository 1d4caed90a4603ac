"""Word tables derived from lexicons when rules are compiled, named for ``respell`` rules.

A ``respell`` rule names a table; each entry maps a word as typed (lower case) to the word it
should be. Tables are built from packaged lexicons, never typed by hand.
"""

from __future__ import annotations

from collections.abc import Callable


def _lv_diacritics() -> dict[str, str]:
    from replylint.lang.lexicon.lv_diacritics import build_restorations

    return build_restorations()


TABLES: dict[str, Callable[[], dict[str, str]]] = {
    "lv-diacritics": _lv_diacritics,
}


def respelled(word: str, table: dict[str, str]) -> str | None:
    """``word``'s table entry in the word's own case, or None (no entry, or mixed case)."""
    intended = table.get(word.lower())
    if intended is None or len(intended) != len(word):
        return None
    if word.islower():
        return intended
    if word.isupper():
        return intended.upper()
    if word[0].isupper() and (len(word) == 1 or word[1:].islower()):
        return intended[0].upper() + intended[1:]
    return None
