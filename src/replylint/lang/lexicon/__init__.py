"""Inflected surface forms of rule words, generated once when a rule set is compiled.

Matching at run time compares text words against these forms, so no lemmatizer runs on the
text. Each language uses a maintained, dictionary-based package whose data ships inside it:
English lemminflect, Russian pymorphy3 (OpenCorpora), Latvian the hunspell ``lv_LV`` lexicon.
A rule word written in its dictionary form expands to its own lexeme only, so «вина»
(fault) never expands to the forms of «вино» (wine) even though «вина» is also a form of it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


@cache
def _generator(lang: str) -> Callable[[str], frozenset[str]]:
    if lang == "en":
        from replylint.lang.lexicon import en

        return en.surface_forms
    if lang == "ru":
        from replylint.lang.lexicon import ru

        return ru.surface_forms
    if lang == "lv":
        from replylint.lang.lexicon import lv

        return lv.surface_forms
    raise ValueError(f"no lexicon for {lang!r}")


def surface_forms(word: str, lang: str) -> frozenset[str]:
    """Return every inflected form of ``word``'s lemma (lower-case, NFC), the word included."""
    return _generator(lang)(word)
