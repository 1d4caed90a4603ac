"""Cross-locale consistency of library items: missing locales, placeholder sets that differ."""

from __future__ import annotations

from replylint.api import Settings, lint_document, make_matcher
from replylint.document import Document, Segment, SourceMap

EN = "Hi {{ticket.requester.first_name}}, order {{ticket.id}} has shipped."
RU = "Здравствуйте, {{ticket.requester.first_name}}! Заказ отправлен."
LV = "Labdien, {{ticket.requester.first_name}}! Pasūtījums {{ticket.id}} nosūtīts."


def _document(variants: list[tuple[str, str]]) -> Document:
    text = ""
    segments = []
    for lang, value in variants:
        text += f"{lang}: "
        segments.append(
            Segment(
                value,
                SourceMap.shifted(len(text), len(value)),
                lang=lang,
                item="item-1",
                reply=lang,
                entry=f"item-1 {lang}",
            )
        )
        text += value + "\n"
    return Document("library.yaml", text, segments=segments)


def _findings(ruleset, variants, locales=()):
    settings = Settings(
        select=("missing-translation", "placeholder-mismatch"), structure=False, locales=locales
    )
    doc = _document(variants)
    result = lint_document(doc, make_matcher(ruleset, settings), settings)
    return [(d.rule, d.lang, d.entry, d.message) for d in result.diagnostics]


def test_placeholder_sets_must_match_the_reference(builtin_ruleset):
    found = _findings(builtin_ruleset, [("en", EN), ("ru", RU), ("lv", LV)], ("en", "ru", "lv"))
    assert len(found) == 1
    rule, lang, entry, message = found[0]
    assert (rule, lang, entry) == ("placeholder-mismatch", "ru", "item-1 ru")
    assert message.endswith("(en has {{ticket.id}})")


def test_missing_locale_is_reported_on_the_reference_in_its_language(builtin_ruleset):
    found = _findings(builtin_ruleset, [("ru", RU)], ("en", "ru"))
    assert [(r, lang) for r, lang, _, _ in found] == [("missing-translation", "ru")]
    assert found[0][3].endswith("(missing: en)")


def test_consistent_item_and_no_configured_locales(builtin_ruleset):
    assert _findings(builtin_ruleset, [("en", EN), ("lv", LV)], ("en", "lv")) == []
    assert _findings(builtin_ruleset, [("ru", RU)]) == []
