"""Sentence spans for en, ru, lv and zh: exact splits, edge cases and invariants."""

from __future__ import annotations

import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.lang.sentences import sentence_index, sentence_spans


def split(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, lang)]


# --- English -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello Mr. Smith. How are you?", ["Hello Mr. Smith.", "How are you?"]),
        (
            "Please bring ID, e.g. a passport. Dr. Brown will see you at 5 p.m. Thanks!",
            ["Please bring ID, e.g. a passport.", "Dr. Brown will see you at 5 p.m.", "Thanks!"],
        ),
        (
            "Call us at 9 a.m. tomorrow, i.e. before noon.",
            ["Call us at 9 a.m. tomorrow, i.e. before noon."],
        ),
        (
            "Your order No. 12345 has shipped. Track it online.",
            ["Your order No. 12345 has shipped.", "Track it online."],
        ),
        ("The answer is no. Thanks for asking.", ["The answer is no.", "Thanks for asking."]),
        (
            "It weighs approx. 2 kg. Mrs. Lee vs. Ms. Park.",
            ["It weighs approx. 2 kg.", "Mrs. Lee vs. Ms. Park."],
        ),
        ("We sell hats, shoes, etc. Please call.", ["We sell hats, shoes, etc.", "Please call."]),
        ("We sell hats, shoes, etc. and more.", ["We sell hats, shoes, etc. and more."]),
        ("E.g. this one works. Great.", ["E.g. this one works.", "Great."]),
    ],
)
def test_en_abbreviations(text, expected):
    assert split(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The fee is 3.5 EUR. The total is 1.000 EUR.",
            ["The fee is 3.5 EUR.", "The total is 1.000 EUR."],
        ),
        ("Version 2.10.3 is out. Update now.", ["Version 2.10.3 is out.", "Update now."]),
        ("See section 4. 2 items were missing.", ["See section 4. 2 items were missing."]),
        ("We have 3. Then we had 4.", ["We have 3.", "Then we had 4."]),
    ],
)
def test_en_numbers(text, expected):
    assert split(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J. Smith will call you. Thanks.", ["J. Smith will call you.", "Thanks."]),
        ("J. R. R. Tolkien wrote it. Read it.", ["J. R. R. Tolkien wrote it.", "Read it."]),
        ("We ship to the U.S. and Canada.", ["We ship to the U.S. and Canada."]),
    ],
)
def test_en_initials(text, expected):
    assert split(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Really?! That is great!!! Thanks.", ["Really?!", "That is great!!!", "Thanks."]),
        (
            "Let me check... one moment. Done... Your order shipped.",
            ["Let me check... one moment.", "Done...", "Your order shipped."],
        ),
        ("Hmm… let me see… Found it!", ["Hmm… let me see…", "Found it!"]),
        ("Hi! how are you?", ["Hi!", "how are you?"]),
        ("Wait, what?!", ["Wait, what?!"]),
    ],
)
def test_en_terminator_runs(text, expected):
    assert split(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "Thanks." Then he left.', ['He said "Thanks."', "Then he left."]),
        ("(See the FAQ.) Then reply.", ["(See the FAQ.)", "Then reply."]),
        ("She wrote ‘done.’ We agree.", ["She wrote ‘done.’", "We agree."]),
        ('"Can you help?" she asked. Yes.', ['"Can you help?" she asked.', "Yes."]),
    ],
)
def test_en_closing_quotes_belong_to_the_sentence(text, expected):
    assert split(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hi Anna\n\nThanks for your message\nWe will reply soon",
            ["Hi Anna", "Thanks for your message\nWe will reply soon"],
        ),
        ("Thanks.\nWe will reply.", ["Thanks.", "We will reply."]),
        ("Hi Anna,\nthanks for writing.", ["Hi Anna,\nthanks for writing."]),
        ("Please call Mr.\nSmith today.", ["Please call Mr.\nSmith today."]),
        ("First part\n   \n  Second part", ["First part", "Second part"]),
        ("One.\n\n\n\nTwo.", ["One.", "Two."]),
    ],
)
def test_en_line_breaks(text, expected):
    assert split(text, "en") == expected


def test_en_bullets():
    text = (
        "Please check:\n- the cable\n- the power\n* the fuse\n• the switch\n"
        "1. Restart the router.\n2) Retry\n  - nested item"
    )
    assert split(text, "en") == [
        "Please check:",
        "- the cable",
        "- the power",
        "* the fuse",
        "• the switch",
        "1. Restart the router.",
        "2) Retry",
        "- nested item",
    ]


def test_en_numbered_list_at_start_of_text():
    assert split("1. Open the app.\n2. Tap Settings.", "en") == [
        "1. Open the app.",
        "2. Tap Settings.",
    ]


def test_en_crlf_line_endings():
    text = "Hello.\r\nThanks for waiting.\r\n\r\nBest regards\r\nAnna\r\n- one\r\n- two\r\n"
    assert split(text, "en") == [
        "Hello.",
        "Thanks for waiting.",
        "Best regards\r\nAnna",
        "- one",
        "- two",
    ]


def test_en_single_crlf_without_terminator_does_not_split():
    assert split("Thanks\r\nfor waiting", "en") == ["Thanks\r\nfor waiting"]


def test_en_old_mac_line_endings():
    assert split("Hi\r\rthere\rfriend.\r- a", "en") == ["Hi", "there\rfriend.", "- a"]


def test_leading_and_trailing_whitespace_is_excluded():
    text = "   Hello there.   How are you?  "
    assert sentence_spans(text, "en") == [(3, 15), (18, 30)]
    assert split(text, "en") == ["Hello there.", "How are you?"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\r\n \t"])
def test_blank_text_has_no_sentences(text):
    assert sentence_spans(text, "en") == []


def test_text_without_terminator_is_one_sentence():
    assert split("  thanks  ", "en") == ["thanks"]


def test_every_unicode_space_separates_sentences():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    for space in spaces:
        text = f"{space}Hi.{space}Yo.{space}"
        assert split(text, "en") == ["Hi.", "Yo."], repr(space)


# --- Russian -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Здравствуйте! Ваш заказ отправлен. Спасибо, что выбрали нас.",
            ["Здравствуйте!", "Ваш заказ отправлен.", "Спасибо, что выбрали нас."],
        ),
        (
            "Доставка стоит 300 руб. в пределах города.",
            ["Доставка стоит 300 руб. в пределах города."],
        ),
        ("Итого 300 руб. Спасибо!", ["Итого 300 руб.", "Спасибо!"]),
        ("Итого 300 руб. 50 коп. Спасибо!", ["Итого 300 руб. 50 коп.", "Спасибо!"]),
        (
            "Адрес: г. Москва, ул. Ленина, д. 5. Ждём вас!",
            ["Адрес: г. Москва, ул. Ленина, д. 5.", "Ждём вас!"],
        ),
        (
            "Т.е. заказ придёт завтра. Мы пришлём чек, накладную и т.д. Хорошего дня!",
            ["Т.е. заказ придёт завтра.", "Мы пришлём чек, накладную и т.д.", "Хорошего дня!"],
        ),
        (
            "Напр. можно оплатить картой. См. раздел 2.",
            ["Напр. можно оплатить картой.", "См. раздел 2."],
        ),
        ("Цена 2.5 тыс. рублей. Оплата онлайн.", ["Цена 2.5 тыс. рублей.", "Оплата онлайн."]),
        ("А. С. Пушкин написал это. Правда?", ["А. С. Пушкин написал это.", "Правда?"]),
        ("Что?! Не может быть... Проверю.", ["Что?!", "Не может быть...", "Проверю."]),
        ("Подождите… сейчас проверю.", ["Подождите… сейчас проверю."]),
    ],
)
def test_ru(text, expected):
    assert split(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Спасибо!» — сказал он. Мы рады помочь.", ["«Спасибо!» — сказал он.", "Мы рады помочь."]),
        ("Он ответил: «Готово.» Заказ закрыт.", ["Он ответил: «Готово.»", "Заказ закрыт."]),
        ("«Когда доставка?» — спросил клиент.", ["«Когда доставка?» — спросил клиент."]),
    ],
)
def test_ru_quotes_and_direct_speech(text, expected):
    assert split(text, "ru") == expected


def test_ru_paragraphs_bullets_and_crlf():
    text = "Добрый день!\r\n\r\nПроверьте:\r\n— кабель\r\n— питание\r\nС уважением\r\nАнна"
    assert split(text, "ru") == [
        "Добрый день!",
        "Проверьте:",
        "— кабель",
        "— питание\r\nС уважением\r\nАнна",
    ]


# --- Latvian -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Labdien! Jūsu pasūtījums ir nosūtīts. Paldies, ka izvēlējāties mūs.",
            ["Labdien!", "Jūsu pasūtījums ir nosūtīts.", "Paldies, ka izvēlējāties mūs."],
        ),
        (
            "Lūdzu, piem. rakstiet mums plkst. 10:00. Paldies!",
            ["Lūdzu, piem. rakstiet mums plkst. 10:00.", "Paldies!"],
        ),
        (
            "Pasūtījums Nr. 123 tiks piegādāts 5. maijā. Paldies!",
            ["Pasūtījums Nr. 123 tiks piegādāts 5. maijā.", "Paldies!"],
        ),
        (
            "Mums ir cepures, somas u.c. Lūdzu, zvaniet.",
            ["Mums ir cepures, somas u.c.", "Lūdzu, zvaniet."],
        ),
        ("Cepures, somas utt. ir pieejamas.", ["Cepures, somas utt. ir pieejamas."]),
        ("T.i. rīt. Piem. šodien.", ["T.i. rīt.", "Piem. šodien."]),
        ("J. Bērziņš jums piezvanīs. Paldies.", ["J. Bērziņš jums piezvanīs.", "Paldies."]),
        ("Cena ir 12.50 EUR. Atlaide 1.000 EUR.", ["Cena ir 12.50 EUR.", "Atlaide 1.000 EUR."]),
        (
            "Ludzu uzgaidiet... Mes parbaudisim!? Paldies",
            ["Ludzu uzgaidiet...", "Mes parbaudisim!?", "Paldies"],
        ),
    ],
)
def test_lv(text, expected):
    assert split(text, "lv") == expected


def test_lv_paragraphs_and_bullets():
    text = "Sveiki!\n\nJūsu jautājums ir saņemts\nLūdzu, pārbaudiet:\n1. kabeli;\n2. strāvu."
    assert split(text, "lv") == [
        "Sveiki!",
        "Jūsu jautājums ir saņemts\nLūdzu, pārbaudiet:",
        "1. kabeli;",
        "2. strāvu.",
    ]


# --- Chinese -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "您好！请问有什么可以帮您？我们会尽快处理。",
            ["您好！", "请问有什么可以帮您？", "我们会尽快处理。"],
        ),
        ("他说：“好的。”然后离开了。", ["他说：“好的。”", "然后离开了。"]),
        ("客户说「谢谢。」我们很高兴。", ["客户说「谢谢。」", "我们很高兴。"]),
        ("请稍等……我们正在查询。", ["请稍等……", "我们正在查询。"]),
        ("请稍等…好的。", ["请稍等…", "好的。"]),
        ("真的吗？！太好了", ["真的吗？！", "太好了"]),
        ("好的．谢谢", ["好的．", "谢谢"]),
        ("感謝您的耐心！請問還有其他問題嗎？", ["感謝您的耐心！", "請問還有其他問題嗎？"]),
        ("请升级到 3.5 版本。", ["请升级到 3.5 版本。"]),
        ("您的订单号是 A123.请查收! 谢谢", ["您的订单号是 A123.", "请查收!", "谢谢"]),
        ("好的!谢谢", ["好的!", "谢谢"]),
        (
            "请访问 https://example.com/help?id=1 查询。谢谢！",
            ["请访问 https://example.com/help?id=1 查询。", "谢谢！"],
        ),
        ("OK。Thanks", ["OK。", "Thanks"]),
    ],
)
def test_zh(text, expected):
    assert split(text, "zh") == expected


def test_zh_line_breaks():
    assert split("您好\n\n订单已发货", "zh") == ["您好", "订单已发货"]
    assert split("您好\n订单已发货。", "zh") == ["您好\n订单已发货。"]
    assert split("请检查：\n- 网络\n- 电源", "zh") == ["请检查：", "- 网络", "- 电源"]
    assert split("谢谢。\r\n再见。", "zh") == ["谢谢。", "再见。"]


def test_zh_spans_are_code_point_offsets():
    text = "  您好！𠀀好。"
    assert sentence_spans(text, "zh") == [(2, 5), (5, 8)]


# --- API -----------------------------------------------------------------------------------


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="unsupported language"):
        sentence_spans("Hello.", "de")


def test_sentence_index():
    text = "One. Two.  Three."
    spans = sentence_spans(text, "en")
    assert [sentence_index(spans, i) for i in (0, 3, 4, 5, 9, 10, 11, 16, 17)] == [
        0,
        0,
        -1,
        1,
        -1,
        -1,
        2,
        2,
        -1,
    ]
    assert sentence_index([], 0) == -1


@pytest.mark.parametrize(
    "text",
    [
        "A." * 100_000 + " B",
        ". " * 100_000,
        "." * 200_000,
        "\n" * 200_000,
        "\n \n" * 70_000,
        " " * 200_000 + "x",
        "1. " * 70_000,
        "e.g. " * 40_000,
        "x" * 200_000 + ". A",
        "。”" * 100_000,
    ],
    ids=lambda t: repr(t[:6]),
)
def test_pathological_inputs_stay_linear(text):
    started = time.perf_counter()
    sentence_spans(text, "en")
    assert time.perf_counter() - started < 2.0


# --- Properties ----------------------------------------------------------------------------

_INTERESTING = list("aZ я Ё ā 您. .!?…。！？．\"'”’»)）」』\n\r\t -*•1 2e.g.Mr")

texts = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(_INTERESTING), max_size=200),
    st.lists(
        st.sampled_from(
            ["Mr.", "e.g.", "т.е.", "u.c.", "3.5", "\n\n", "\r\n", "- ", "1. ", "... ", "?!"]
        ),
    ).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(text=texts, lang=st.sampled_from(["en", "ru", "lv", "zh"]))
def test_spans_are_sorted_disjoint_stripped_and_cover_all_text(text, lang):
    spans = sentence_spans(text, lang)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        previous_end = end
    covered = [False] * len(text)
    for start, end in spans:
        for i in range(start, end):
            covered[i] = True
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))


def test_the_whitespace_classes_are_exactly_what_str_isspace_accepts() -> None:
    import re

    from replylint.lang import sentences

    every = "".join(map(chr, range(0x110000)))
    spaces = "".join(re.findall(sentences._WS, every))
    assert spaces == "".join(filter(str.isspace, every)) == sentences._SPACE_CHARS
    horizontal = "".join(re.findall(sentences._HWS, every))
    assert horizontal == sentences._HSPACE_CHARS
