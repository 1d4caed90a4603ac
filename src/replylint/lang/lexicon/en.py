"""English inflection from lemminflect (its lemma and inflection tables ship in the package)."""

from __future__ import annotations

from functools import cache

import lemminflect


@cache
def surface_forms(word: str) -> frozenset[str]:
    """All inflections of ``word`` if it is a lemma, else of the lemmas it is a form of."""
    word = word.lower()
    forms = {word}
    own = lemminflect.getAllInflections(word)
    if own:
        for variants in own.values():
            forms.update(v.lower() for v in variants)
        return frozenset(forms)
    for lemmas in lemminflect.getAllLemmas(word).values():
        for lemma in lemmas:
            forms.add(lemma.lower())
            for variants in lemminflect.getAllInflections(lemma).values():
                forms.update(v.lower() for v in variants)
    return frozenset(forms)
