"""Phrase and pattern matching across languages, through user rules as users write them."""

from __future__ import annotations

import pytest

from lintkit import one_rule, spans


@pytest.mark.parametrize(
    "text",
    [
        "Мы оформим возврат денег завтра.",  # nominative/accusative
        "Ждём возврата денег.",  # genitive
        "Займёмся возвратом денег.",  # instrumental
        "О возврате денег сообщим.",  # prepositional
        "К возврату денег приступим.",  # dative
        "Все возвраты денег проверены.",  # plural
    ],
)
def test_russian_phrase_matches_every_case(tmp_path, text):
    rules = one_rule(tmp_path, "ru", phrases=["возврат денег"])
    assert len(spans(rules, text, "ru")) == 1


def test_russian_yo_and_ye_are_one_letter(tmp_path):
    rules = one_rule(tmp_path, "ru", phrases=["ещё раз"])
    assert spans(rules, "Опишите проблему еще раз.", "ru") == ["еще раз"]
    assert spans(rules, "Опишите проблему ЕЩЁ РАЗ.", "ru") == ["ЕЩЁ РАЗ"]


def test_russian_lemma_does_not_leak_to_homonym(tmp_path):
    """«вина» (fault) is also a form of «вино» (wine); the rule word must not expand to wine."""
    rules = one_rule(tmp_path, "ru", phrases=["ваша вина"])
    assert spans(rules, "Это целиком ваша вина.", "ru") == ["ваша вина"]
    assert spans(rules, "Это не по вашей вине.", "ru") == ["вашей вине"]
    assert spans(rules, "Ваше вино уже в пути.", "ru") == []
    assert spans(rules, "Пахнет вашим вином.", "ru") == []
    assert spans(rules, "Ваших вин больше нет.", "ru") == ["Ваших вин"]  # «вин»: a form of both


def test_exact_form_only(tmp_path):
    rules = one_rule(tmp_path, "ru", phrases=["=нет в наличии"])
    assert spans(rules, "Товара нет в наличии.", "ru") == ["нет в наличии"]
    rules_inflected = one_rule(tmp_path / "b", "en", phrases=["=were late"])
    assert spans(rules_inflected, "We were late.", "en") == ["were late"]
    assert spans(rules_inflected, "We are late.", "en") == []


def test_latvian_inflection_and_missing_diacritics(tmp_path):
    rules = one_rule(tmp_path, "lv", phrases=["klientu apkalpošana"])
    assert spans(rules, "Mūsu klientu apkalpošanas nodaļa strādā.", "lv") == [
        "klientu apkalpošanas"
    ]
    assert spans(rules, "Musu klientu apkalposana strada.", "lv") == ["klientu apkalposana"]
    assert spans(rules, "KLIENTU APKALPOŠANA", "lv") == ["KLIENTU APKALPOŠANA"]


def test_latvian_wrong_diacritics_do_not_match(tmp_path):
    """Diacritics are optional on the text side, but a written one must be the right one."""
    rules = one_rule(tmp_path, "lv", phrases=["=kā"])
    assert spans(rules, "Ka jums iet?", "lv") == ["Ka"]
    assert spans(rules, "Kā jums iet?", "lv") == ["Kā"]
    assert spans(rules, "Kū jums iet?", "lv") == []


def test_chinese_simplified_rule_matches_traditional(tmp_path):
    rules = one_rule(tmp_path, "zh", phrases=["没有库存"])
    assert spans(rules, "很抱歉，這件商品沒有庫存。", "zh") == ["沒有庫存"]
    assert spans(rules, "很抱歉，这件商品没有 库存。", "zh") == ["没有 库存"]


def test_chinese_match_never_splits_a_word(tmp_path):
    rules = one_rule(tmp_path, "zh", phrases=["库存"])
    assert spans(rules, "仓库存放的商品今天发出。", "zh") == []
    assert spans(rules, "目前库存不多。", "zh") == ["库存"]


def test_english_lemma_and_hyphens(tmp_path):
    rules = one_rule(tmp_path, "en", phrases=["be out of stock"])
    assert spans(rules, "Sorry, we were out of stock last week.", "en") == ["were out of stock"]
    rules2 = one_rule(tmp_path / "b", "en", phrases=["out of stock"])
    assert spans(rules2, "That item is Out-Of-Stock.", "en") == ["Out-Of-Stock"]
    assert spans(rules2, "We have them in stock.", "en") == []


def test_gap_allows_bounded_words(tmp_path):
    rules = one_rule(tmp_path, "en", phrases=["=don't have ...2 in stock"])
    assert spans(rules, "We don't have it in stock.", "en") == ["don't have it in stock"]
    assert spans(rules, "We don't have the blue one in stock.", "en") == []
    assert spans(rules, "We don't have it. In stock tomorrow.", "en") == []


def test_phrase_does_not_cross_sentences(tmp_path):
    rules = one_rule(tmp_path, "en", phrases=["out of stock"])
    assert spans(rules, "We ran out. Of stock we have plenty.", "en") == []


def test_unless_cancels_only_its_sentence(tmp_path):
    rules = one_rule(tmp_path, "en", phrases=["out of stock"], unless=["back in stock"])
    text = "It was out of stock but is back in stock now. The red one is out of stock."
    assert spans(rules, text, "en") == ["out of stock"]
    hits = spans(rules, text, "en")
    assert len(hits) == 1


def test_alternatives(tmp_path):
    rules = one_rule(tmp_path, "en", phrases=["our|company policy"])
    assert spans(rules, "It's our policy. It's company policy.", "en") == [
        "our policy",
        "company policy",
    ]


def test_pattern_kind_with_folded_view(tmp_path):
    rules = one_rule(tmp_path, "ru", patterns=[r"товар(а|ов)? (сейчас )?закончил(ся|ись)"])
    assert spans(rules, "Увы, товар сейчас закончился.", "ru") == ["товар сейчас закончился"]
    lv = one_rule(tmp_path / "b", "lv", patterns=[r"\bdiemžēl\b"])
    assert spans(lv, "Diemzel ne.", "lv") == ["Diemzel"]


def test_catastrophic_pattern_times_out_with_notice(tmp_path, monkeypatch):
    from replylint import engine

    monkeypatch.setattr(engine, "PATTERN_TIMEOUT_SECONDS", 0.2)
    rules = one_rule(tmp_path, "en", patterns=[r"(a|aa)+$"])
    outcome = engine.Matcher(rules).match("a" * 40 + "!", "en")
    assert outcome.hits == []
    assert len(outcome.notices) == 1
    assert "timed out" in outcome.notices[0]


def test_leftmost_longest_within_one_rule(tmp_path):
    rules = one_rule(tmp_path, "en", phrases=["out of stock", "be out of stock"])
    assert spans(rules, "It is out of stock.", "en") == ["is out of stock"]


def test_unless_patterns_in_the_same_sentence(tmp_path):
    rules = one_rule(
        tmp_path,
        "en",
        phrases=["please wait"],
        **{"unless-patterns": [r"\b\d+\s*(minutes?|hours?)\b"]},
    )
    assert spans(rules, "Please wait. We will reply within 2 hours.", "en") == ["Please wait"]
    assert spans(rules, "Please wait about 10 minutes.", "en") == []


def test_reply_scope_exception_anywhere_in_the_reply(tmp_path):
    from replylint.api import lint_text

    write_rule_kwargs = {
        "phrases": ["we can't"],
        "unless": ["instead"],
        "unless-scope": "reply",
    }
    rules = one_rule(tmp_path, "en", **write_rule_kwargs)
    refused = lint_text("Hello.\n\nWe can't refund this order.\n\nBest wishes.", rules)
    assert [d.match for d in refused.diagnostics] == ["We can't"]
    offered = lint_text(
        "Hello.\n\nWe can't refund this order.\n\nI can offer a voucher instead.", rules
    )
    assert offered.diagnostics == []


def test_reply_scope_exception_pattern_anywhere_in_the_reply(tmp_path):
    from replylint.api import lint_text

    rules = one_rule(
        tmp_path,
        "en",
        phrases=["we can't"],
        **{"unless-patterns": [r"\binstead\b|\bvoucher\b"], "unless-scope": "reply"},
    )
    refused = lint_text("Hello.\n\nWe can't refund this order.\n\nBest wishes.", rules)
    assert [d.match for d in refused.diagnostics] == ["We can't"]
    for offer in (
        "I can offer a voucher.\n\nWe can't refund it.",
        "We can't refund it.\n\nA voucher?",
    ):
        assert lint_text(offer, rules).diagnostics == [], offer


def _counting_pattern_runs(monkeypatch):
    from replylint import engine

    ran: list[str] = []
    real = engine.Matcher._run_pattern

    def run(self, source, view, rule, outcome, allowed=None):
        ran.append(source)
        return real(self, source, view, rule, outcome, allowed)

    monkeypatch.setattr(engine.Matcher, "_run_pattern", run)
    return ran


@pytest.mark.parametrize("scope", ["sentence", "reply"])
def test_exception_patterns_run_only_where_a_hit_can_use_them(tmp_path, monkeypatch, scope):
    from replylint.engine import Matcher

    unless = r"\bvoucher\b"
    rules = one_rule(
        tmp_path, "en", phrases=["we can't"], **{"unless-patterns": [unless], "unless-scope": scope}
    )
    ran = _counting_pattern_runs(monkeypatch)
    matcher = Matcher(rules)
    outcome = matcher.match("Here is a voucher for you.", "en")
    assert outcome.hits == [] and outcome.reply_hits == [] and ran == []
    # asked for the whole set (the large-file path asks so), a deferred test runs
    assert matcher.every_reply_exception(outcome) == ({"user-rule"} if scope == "reply" else set())
    assert ran == ([unless] if scope == "reply" else [])


@pytest.mark.parametrize("large", [False, True])  # a large text is matched in pieces
def test_a_deferred_exception_pattern_that_times_out_is_reported(tmp_path, monkeypatch, large):
    from replylint import engine
    from replylint.api import lint_text
    from replylint.sources.plaintext import LARGE_TEXT

    monkeypatch.setattr(engine, "PATTERN_TIMEOUT_SECONDS", 0.2)
    rules = one_rule(
        tmp_path,
        "en",
        phrases=["we can't"],
        **{"unless-patterns": [r"(a|aa)+$"], "unless-scope": "reply"},
    )
    filler = "Hi.\n\n" * (LARGE_TEXT // 5 + 1) if large else ""
    result = lint_text(filler + "We can't refund it.\n\n" + "a" * 40 + "!", rules)
    assert [d.match for d in result.diagnostics] == ["We can't"]
    assert len(result.notices) == 1 and "timed out" in result.notices[0].message


def test_unless_scope_is_validated(tmp_path):
    from replylint.errors import RuleFileErrors

    with pytest.raises(RuleFileErrors) as info:
        one_rule(tmp_path, "en", phrases=["x y"], **{"unless-scope": "paragraph"})
    assert "'unless-scope' must be one of sentence, reply" in info.value.errors[0].message


def test_abbreviation_period_does_not_end_a_phrase(tmp_path):
    rules = one_rule(tmp_path, "ru", phrases=["=см =выше"])
    assert spans(rules, "Ответ см. выше.", "ru") == ["см. выше"]
    en = one_rule(tmp_path / "b", "en", phrases=["out of stock"])
    assert spans(en, "We ran out. Of stock we have plenty.", "en") == []
    assert spans(en, "Sorry, out; of stock.", "en") == ["out; of stock"]


def test_gap_takes_the_longest_completion(tmp_path):
    rules = one_rule(tmp_path, "ru", phrases=["=позвоните ...2 горячий|линия"])
    assert spans(rules, "Позвоните на горячую линию.", "ru") == ["Позвоните на горячую линию"]
