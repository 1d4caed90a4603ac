"""Surface forms of rule words from the per-language lexicons (ru pymorphy3, en lemminflect,
lv hunspell)."""

from __future__ import annotations

import pytest

from replylint.lang.lexicon import surface_forms

# --- Russian ---------------------------------------------------------------------------------


def test_russian_masculine_noun_every_case():
    assert surface_forms("возврат", "ru") == {
        "возврат",
        "возврата",
        "возврату",
        "возвратом",
        "возврате",
        "возвраты",
        "возвратов",
        "возвратам",
        "возвратами",
        "возвратах",
    }


def test_russian_feminine_noun_every_case():
    forms = surface_forms("компания", "ru")
    assert {
        "компания",
        "компании",
        "компанию",
        "компанией",
        "компаниею",
        "компаний",
        "компаниям",
        "компаниями",
        "компаниях",
    } <= forms


def test_russian_neuter_noun_every_case():
    forms = surface_forms("наличие", "ru")
    assert {
        "наличие",
        "наличия",
        "наличию",
        "наличием",
        "наличии",
        "наличий",
        "наличиям",
        "наличиями",
        "наличиях",
    } <= forms


def test_russian_homonym_expands_to_its_own_lexeme_only():
    """«вина» (fault) is also the genitive of «вино» (wine); only fault's forms come out."""
    forms = surface_forms("вина", "ru")
    assert {"вина", "вины", "вине", "вину", "виной"} <= forms
    assert "вином" not in forms
    assert "вино" not in forms


def test_russian_yo_folds_to_ye():
    assert surface_forms("ещё", "ru") == {"еще"}
    assert "ё" not in "".join(surface_forms("всё", "ru"))


def test_russian_inflected_word_expands_to_its_lemma_lexeme():
    forms = surface_forms("денег", "ru")
    assert {"денег", "деньги", "деньгам", "деньгами", "деньгах"} <= forms


def test_russian_capitalised_word_gives_lower_case_forms():
    assert surface_forms("Возврат", "ru") == surface_forms("возврат", "ru")


# --- English ---------------------------------------------------------------------------------

BE = {"be", "am", "is", "are", "was", "were", "been", "being"}


def test_english_be():
    assert surface_forms("be", "en") >= BE


def test_english_inflected_form_expands_to_the_same_set_as_its_lemma():
    assert surface_forms("were", "en") >= BE
    assert surface_forms("were", "en") == surface_forms("be", "en")


def test_english_stock():
    assert {"stock", "stocks", "stocked", "stocking"} <= surface_forms("stock", "en")


def test_english_forms_are_lower_case():
    assert surface_forms("Stock", "en") == surface_forms("stock", "en")


def test_english_unknown_word_is_itself_lower_cased():
    assert surface_forms("Qwzxvbl", "en") == {"qwzxvbl"}


# --- Latvian ---------------------------------------------------------------------------------


def test_latvian_noun_from_an_inflected_form():
    forms = surface_forms("klientu", "lv")
    assert {"klientu", "klients", "klienta", "klientam", "klientiem", "klientus"} <= forms


def test_latvian_inflected_form_and_lemma_give_the_same_forms():
    assert surface_forms("klientu", "lv") == surface_forms("klients", "lv")


def test_latvian_verbal_noun():
    assert {"apkalpošana", "apkalpošanas", "apkalpošanu", "apkalpošanā"} <= surface_forms(
        "apkalpošana", "lv"
    )


def test_latvian_locative_with_diacritic():
    assert surface_forms("noliktava", "lv") == {
        "noliktava",
        "noliktavas",
        "noliktavai",
        "noliktavu",
        "noliktavā",
        "noliktavām",
        "noliktavās",
    }


def test_latvian_vaina():
    assert {"vaina", "vainas", "vainu", "vainai"} <= surface_forms("vaina", "lv")


def test_latvian_capitalised_word_gives_lower_case_forms():
    assert surface_forms("Noliktava", "lv") == surface_forms("noliktava", "lv")


def test_latvian_unknown_word_is_itself():
    assert surface_forms("qwzxvbl", "lv") == {"qwzxvbl"}


# --- unsupported -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "de", ""])
def test_unsupported_language_raises(lang):
    with pytest.raises(ValueError, match=r"^no lexicon for "):
        surface_forms("word", lang)
