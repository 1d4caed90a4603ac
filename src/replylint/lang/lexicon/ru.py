"""Russian lexemes from pymorphy3 and its OpenCorpora dictionary."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from replylint.lang.folding import fold_word


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@cache
def surface_forms(word: str) -> frozenset[str]:
    """The lexeme of ``word`` if it is a dictionary form, else the lexeme of its likeliest lemma."""
    key = fold_word(word, "ru")
    parses = _analyzer().parse(word)
    chosen = [p for p in parses if fold_word(p.normal_form, "ru") == key]
    if not chosen and parses:
        chosen = [parses[0]]
    forms = {key}
    for parse in chosen:
        forms.update(fold_word(form.word, "ru") for form in parse.lexeme)
    return frozenset(forms)
