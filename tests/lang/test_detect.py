"""Language detection on short support replies in en, ru, lv and zh."""

from __future__ import annotations

import pickle
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from replylint.lang.detect import (
    DetectLexicon,
    build_detect_lexicon,
    detect_language,
)
from replylint.lang.folding import strip_diacritics


@pytest.fixture(scope="module")
def lexicon() -> DetectLexicon:
    return build_detect_lexicon()


def _other(lang: str) -> str:
    """A default that differs from the expected answer, so the evidence has to decide."""
    return "lv" if lang == "en" else "en"


ENGLISH = [
    "Hi!",
    "Thanks!",
    "Hello, how can I help you today?",
    "We're sorry for the delay with your order.",
    "Could you please send us a screenshot of the error?",
    "Your refund has been processed.",
    "No worries, happy to help!",
    "Hey there!",
    "gonna check it and get back to you",
    "Is there anything else I can do for you?",
    "Sure, no problem.",
    "Dear Anna, your parcel is on its way.",
    "Visit www.example.com or write to help@example.lv for details.",
    "Hi {{first_name}}, your ticket #4521 was closed.",
]

ENGLISH_WITH_LATVIAN_LOOKING_WORDS = [
    "Please contact Jānis Bērziņš at our Rīga office.",
    "Our store in Liepāja is open until 8 pm.",
    "The word 'paldies' means thanks in Latvian.",
    "Welcome to Jūrmala!",
    "Hello Jānis!",
    "Your parcel was sent from Rēzekne yesterday.",
]

LATVIAN = [
    "Sveiki!",
    "Paldies!",
    "Čau!",
    "Labrīt!",
    "Jā",
    "Nē, paldies",
    "Labdien! Kā mēs varam jums palīdzēt?",
    "Jūsu pasūtījums ir nosūtīts.",
    "Lūdzu, uzgaidiet mirkli.",
    "Atvainojiet par sagaidīšanu!",
    "Vai jums ir vēl kādi jautājumi?",
    "Lūdzu, apmeklējiet https://example.com/help",
    "Lūdzu, nosūtiet mums savu iPhone sērijas numuru.",
]

LATVIAN_WITHOUT_DIACRITICS = [
    "Ludzu, uzgaidiet mirkli, mes parbaudisim jusu pasutijumu.",
    "Paldies par jusu zinu",
    "Diemzel sis produkts nav pieejams",
    "Ludzu uzgaidiet",
    "Labrit, ka varu palidzet?",
    "Atvainojiet par sagaidisanu",
    "Mes jums atbildesim drizuma",
    "Nav problemu",
    "Vai jums ir vel kadi jautajumi?",
    "Paldies, ka sazinajaties ar mums!",
    "Jusu pasutijums ir nosutits",
    "Sveiki, ka jums iet?",
    "Paldies",
    "Labdien",
    "Sveiki",
    "Ok, paldies!",
]

RUSSIAN = [
    "Привет",
    "Да",
    "Спасибо!",
    "Здравствуйте! Чем могу помочь?",
    "Извините за задержку.",
    "ок, щас гляну",
    "Добрый день, Анна!",
    "Ваш заказ №12345 отправлен.",
    "Пожалуйста, напишите на support@example.com.",
    "Ваш промокод: SUMMER2024",
]

RUSSIAN_WITH_ENGLISH_NAMES = [
    "Спасибо за покупку Samsung Galaxy S24 Ultra!",
    "Заказ Apple iPhone",
    "Мы обновили приложение Telegram, скачайте новую версию.",
    "Обновите iOS до последней версии.",
    "Перейдите в Settings > Privacy и включите Face ID.",
    "Ваш MacBook Pro уже в пути.",
]

CHINESE = [
    "您好",
    "好",
    "谢谢！",
    "不客气",
    "OK，没问题！",
    "请问有什么可以帮您？",
    "您好，{{customer_name}}！",
    "<p>您好，您的问题已解决。</p>",
]

TRADITIONAL_CHINESE = [
    "請問有什麼可以幫您？",
    "感謝您的耐心等候。",
    "謝謝您的來信，我們會盡快回覆。",
    "您的訂單已經出貨了。",
    "很抱歉造成您的不便。",
    "還有其他問題嗎？",
]

CHINESE_WITH_LATIN = [
    "您好，您的 iPhone 15 Pro Max 订单已发货。",
    "您的订单 A12345678 已发货，请通过 https://example.com/track?id=1 查询物流。",
    "请发送邮件到support@example.com查询",
    "订单号：SO-2024-000123，请查收。",
    "请使用 WeChat Pay 付款",
    # Han letters are only about 13% of the letters here, yet the grammar is Chinese: this is
    # why the decision counts Han characters against words, not against Latin letters.
    "您好，请在 Settings > Account > Security 中开启 Two-Factor Authentication。",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english(lexicon, text):
    assert detect_language(text, lexicon, default=_other("en")) == "en"


@pytest.mark.parametrize("text", ENGLISH_WITH_LATVIAN_LOOKING_WORDS)
def test_english_with_latvian_looking_words(lexicon, text):
    assert detect_language(text, lexicon, default=_other("en")) == "en"


@pytest.mark.parametrize("text", LATVIAN)
def test_latvian(lexicon, text):
    assert detect_language(text, lexicon, default=_other("lv")) == "lv"


@pytest.mark.parametrize("text", LATVIAN_WITHOUT_DIACRITICS)
def test_latvian_without_diacritics(lexicon, text):
    assert detect_language(text, lexicon, default=_other("lv")) == "lv"


def test_latvian_in_decomposed_form(lexicon):
    text = unicodedata.normalize("NFD", "Jūsu pasūtījums ir nosūtīts.")
    assert detect_language(text, lexicon) == "lv"


@pytest.mark.parametrize("text", RUSSIAN + RUSSIAN_WITH_ENGLISH_NAMES)
def test_russian(lexicon, text):
    assert detect_language(text, lexicon, default=_other("ru")) == "ru"


@pytest.mark.parametrize("text", CHINESE + TRADITIONAL_CHINESE + CHINESE_WITH_LATIN)
def test_chinese(lexicon, text):
    assert detect_language(text, lexicon, default=_other("zh")) == "zh"


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, 王先生.",
        "Use the 微信支付 option at checkout.",
        "Write the address in Chinese, e.g. 北京市朝阳区建国路88号, so the courier can read it.",
        "Our Shanghai office (上海办公室) will contact you.",
    ],
)
def test_english_quoting_chinese(lexicon, text):
    assert detect_language(text, lexicon, default="lv") == "en"


@pytest.mark.parametrize(
    "text",
    ["In Russian, thank you is Спасибо.", "Please type the word Привет into the box."],
)
def test_english_quoting_russian(lexicon, text):
    assert detect_language(text, lexicon) == "en"


def test_latvian_quoting_russian(lexicon):
    text = "Sveiki! Mēs runājam arī krievu valodā: Здравствуйте!"
    assert detect_language(text, lexicon) == "lv"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi!", "en"),
        ("Привет", "ru"),
        ("Sveiki!", "lv"),
        ("您好", "zh"),
        ("Čau", "lv"),
        ("好", "zh"),
    ],
)
def test_very_short_texts(lexicon, text, expected):
    for default in ("en", "ru", "lv", "zh"):
        assert detect_language(text, lexicon, default=default) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12345",
        "!!! ???",
        "https://example.com/track?id=42",
        "support@example.com",
        "{{ticket.id}}",
        "AB123 CD456",
        "<br/>",
        "😀👍",
    ],
)
def test_letterless_or_ignored_text_gives_default(lexicon, text):
    for default in ("en", "ru", "lv", "zh"):
        assert detect_language(text, lexicon, default=default) == default


@pytest.mark.parametrize("text", ["Cheers!", "Ok", "Thanks, Jānis Bērziņš"])
def test_no_or_balanced_latin_evidence_gives_default(lexicon, text):
    assert detect_language(text, lexicon, default="en") == "en"
    assert detect_language(text, lexicon, default="lv") == "lv"


def test_placeholders_urls_and_codes_do_not_count(lexicon):
    # Without skipping, the English words inside the URL and placeholder would outvote Latvian.
    text = (
        "Paldies! https://example.com/your-order-has-been-shipped {{order_tracking_link_for_you}}"
    )
    assert detect_language(text, lexicon) == "lv"


@settings(max_examples=200, deadline=None)
@given(text=st.text(), default=st.sampled_from(["en", "ru", "lv", "zh", "xx"]))
def test_any_text_gets_a_known_language_or_the_default(lexicon, text, default):
    assert detect_language(text, lexicon, default=default) in {"en", "ru", "lv", "zh", default}


# --- Lexicon -------------------------------------------------------------------------------


def test_lexicon_sets_are_disjoint_and_normalised(lexicon):
    assert not (lexicon.en & lexicon.lv)
    assert all(word == word.lower() for word in lexicon.en | lexicon.lv)
    assert all(strip_diacritics(word) == word for word in lexicon.lv)


def test_lexicon_keeps_discriminative_shared_words_and_drops_ambiguous_ones(lexicon):
    assert {"the", "you", "and", "is", "hi", "thanks"} <= lexicon.en
    assert {"un", "ir", "ar", "par", "paldies", "ludzu", "jusu", "sveiki"} <= lexicon.lv
    for ambiguous in ("no", "to", "man"):
        assert ambiguous not in lexicon.en
        assert ambiguous not in lexicon.lv


def test_lexicon_size_follows_the_argument():
    small = build_detect_lexicon(200)
    assert 0 < len(small.en) <= 200
    assert 0 < len(small.lv) <= 200


def test_lexicon_pickles(lexicon):
    assert pickle.loads(pickle.dumps(lexicon)) == lexicon


def test_strip_diacritics():
    assert (
        strip_diacritics("Lūdzu, uzgaidiet – jūsu pasūtījums")
        == "Ludzu, uzgaidiet – jusu pasutijums"
    )


def test_detection_does_not_import_wordfreq():
    code = (
        "import sys\n"
        "from replylint.lang.detect import DetectLexicon, detect_language\n"
        "lexicon = DetectLexicon(en=frozenset({'thanks'}), lv=frozenset({'paldies'}))\n"
        "assert detect_language('Paldies!', lexicon) == 'lv'\n"
        "assert 'wordfreq' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_remembered_answers_equal_fresh_ones_and_the_memo_stays_bounded(lexicon, monkeypatch):
    from replylint.lang import detect

    monkeypatch.setattr(detect, "_memo", {})
    monkeypatch.setattr(detect, "_MEMO_SIZE", 8)
    texts = [*ENGLISH, "Paldies par pacietību!", "Спасибо за ожидание!", "谢谢您的耐心等待。"]
    for default in ("en", "lv"):
        for text in texts + texts:
            assert detect_language(text, lexicon, default) == detect._detect(text, lexicon, default)
            assert len(detect._memo) <= 9
    other = DetectLexicon(en=frozenset(), lv=frozenset({"hi"}))
    assert detect_language("Hi!", other, "en") == detect._detect("Hi!", other, "en")


# Pieces that make every skipped kind likely: markers, TLDs, word and non-word neighbours.
_SKIP_PIECES = st.sampled_from(
    [
        "a", "Z", "7", ".", "-", "_", "é", " ", "\n", "@", "{", "}", "{{", "}}", "<", ">", "/",
        "&", ";", "#", ":", "://", "http", "https://", "www.", "ftp", ".com", ".lv", ".ru",
        "mail", "amp", "p", "ticket.id", "%", "+", "shop.com_", "x.lv-", "a.cné",
    ]
)


@settings(max_examples=500, deadline=None)
@given(text=st.lists(_SKIP_PIECES, max_size=40).map("".join))
@example(text="{x} see shop.com_offers")  # a domain the word-boundary hint does not see
@example(text="mail me@x.lv-y or <b>")
def test_skipping_only_the_kinds_a_text_can_hold_equals_one_scan_with_all(text):
    import re

    from replylint.lang import detect

    everything = re.compile("|".join(detect._SKIP_BRANCHES))
    markers = ("://", "www.", "@", "{", "<", "&")
    held = any(m in text for m in markers) or detect._DOMAIN_HINT.search(text)
    expected = everything.sub(" ", text) if held else text
    assert detect._without_skipped(text) == expected


@given(
    st.frozensets(st.text(alphabet="abc\n", min_size=0, max_size=4), max_size=6),
    st.frozensets(st.text(alphabet="āb", min_size=1, max_size=3), max_size=6),
)
def test_the_lexicon_pickles_to_the_same_word_sets(en: frozenset[str], lv: frozenset[str]) -> None:
    from replylint.ruleset.compiled import CompiledRuleSet

    lexicon = DetectLexicon(en=en, lv=lv)
    assert pickle.loads(pickle.dumps(lexicon)) == lexicon
    # the rule cache stores it with each word set joined into one string
    restored = pickle.loads(pickle.dumps(CompiledRuleSet((), lexicon))).detect
    assert restored == lexicon
    assert type(restored) is DetectLexicon and type(restored.en) is frozenset


# ASCII letters, apostrophes and the separators and skipped spans that occur in replies.
_ASCII_PIECES = st.sampled_from(
    [
        "the",
        "The",
        "un",
        "Un",
        "no",
        "paldies",
        "Paldies",
        "ORDER",
        "you",
        "I'm",
        "don't",
        "'",
        "42",
        "A1",
        "{{x}}",
        "<b>",
        "&amp;",
        " ",
        "  ",
        ",",
        ".",
        "!",
        "\n",
        "me@x.lv",
        "shop.com",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ASCII_PIECES, max_size=30).map("".join), st.sampled_from(["en", "lv", "ru"]))
def test_ascii_text_is_counted_as_the_general_loop_counts_it(lexicon, text, default):
    from replylint.lang import detect

    fast = detect._detect_ascii(text, lexicon, default)
    assert fast == detect._detect_any(text, lexicon, default)


@pytest.mark.parametrize(
    "words",
    [
        # a word in both lists counts for English only, as the general loop's order says
        DetectLexicon(en=frozenset({"un", "the"}), lv=frozenset({"un", "paldies"})),
        DetectLexicon(en=frozenset(), lv=frozenset({"un"})),
    ],
)
@pytest.mark.parametrize("text", ["un un paldies", "Un the", "paldies", "the un", "UN"])
def test_ascii_counting_with_a_word_in_both_lists(words, text):
    from replylint.lang import detect

    for default in ("en", "lv"):
        fast = detect._detect_ascii(text, words, default)
        assert fast == detect._detect_any(text, words, default)
