"""Reply-structure rules on whole replies, in every language (the catalogue's acceptance cases)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint.api import Settings, lint_text

KIND = {
    "en": "Hi Anna,\n\nthank you for your patience, and I'm sorry the parcel was late. "
    "It left our warehouse today and arrives on Friday.\n\n"
    "Is there anything else I can help you with?\n\nBest,\nMaria",
    "ru": "Здравствуйте, Анна!\n\nСпасибо за терпение, и простите за задержку. "
    "Посылка сегодня покинула склад и придёт в пятницу.\n\n"
    "Если появятся вопросы, пишите — я на связи.\n\nС уважением,\nМария",
    "lv": "Labdien, Anna!\n\nPaldies par pacietību, un atvainojiet par kavēšanos. "
    "Sūtījums šodien izbrauca no noliktavas un pienāks piektdien.\n\n"
    "Ja rodas vēl kādi jautājumi, droši rakstiet.\n\nAr cieņu,\nMarija",
    "zh": "您好！\n\n感谢您的耐心等待，很抱歉包裹延误了。包裹今天已从仓库发出，周五送达。\n\n"
    "请问还有什么可以帮您的吗？",
}
CURT = {
    "en": "Your parcel left today. It arrives Friday.",
    "ru": "Посылка ушла сегодня. Придёт в пятницу.",
    "lv": "Sūtījums izbrauca šodien. Pienāks piektdien.",
    "zh": "包裹今天发出。周五送达。",
}
SURVEY = {
    "en": "Hi! We'd love your feedback. How satisfied are you? Was the agent polite? "
    "Was the wait long? Would you recommend us? Thanks, let me know anytime.",
    "ru": "Здравствуйте! Оставьте, пожалуйста, отзыв. Насколько вы довольны? Оператор был вежлив? "
    "Долго ждали? Порекомендуете нас? Если будут вопросы, пишите.",
    "lv": "Labdien! Lūdzu, atstājiet atsauksmi. Cik esat apmierināts? Vai operators bija laipns? "
    "Vai ilgi gaidījāt? Vai ieteiksiet mūs? Ja rodas jautājumi, rakstiet.",
    "zh": "您好！期待您的反馈。您对服务满意吗？客服态度好吗？等待时间长吗？您会推荐我们吗？"
    "如有任何问题，欢迎随时联系我们。",
}
NAME = "{{ticket.requester.first_name}}"
NAMES = {
    "en": f"Hi {NAME}, thanks {NAME}! Good news, {NAME}: it shipped. Anything else I can do?",
    "ru": f"Здравствуйте, {NAME}! Спасибо, {NAME}. Хорошие новости, {NAME}: заказ отправлен. "
    "Если будут вопросы, пишите.",
    "lv": f"Labdien, {NAME}! Paldies, {NAME}. Labas ziņas, {NAME}: pasūtījums nosūtīts. "
    "Ja rodas jautājumi, rakstiet.",
    "zh": f"{NAME}，您好！谢谢{NAME}。好消息，{NAME}：已发货。请问还有什么可以帮您的吗？",
}
STRUCTURE_IDS = {
    "missing-greeting",
    "missing-empathy",
    "missing-closing-offer",
    "too-many-survey-questions",
    "name-overuse",
}


def _structure_ids(builtin_ruleset, text: str, lang: str, structure: bool = True) -> list[str]:
    result = lint_text(text, builtin_ruleset, Settings(lang=lang, structure=structure))
    return sorted(d.rule for d in result.diagnostics if d.rule in STRUCTURE_IDS)


@pytest.mark.parametrize("lang", sorted(KIND))
def test_complete_kind_reply_has_no_structure_finding(builtin_ruleset, lang):
    assert _structure_ids(builtin_ruleset, KIND[lang], lang) == []


@pytest.mark.parametrize("lang", sorted(CURT))
def test_curt_reply_misses_greeting_and_closing_offer(builtin_ruleset, lang):
    assert _structure_ids(builtin_ruleset, CURT[lang], lang) == [
        "missing-closing-offer",
        "missing-greeting",
    ]


@pytest.mark.parametrize("lang", sorted(SURVEY))
def test_four_question_feedback_request(builtin_ruleset, lang):
    assert "too-many-survey-questions" in _structure_ids(builtin_ruleset, SURVEY[lang], lang)


@pytest.mark.parametrize("lang", sorted(NAMES))
def test_name_placeholder_three_times(builtin_ruleset, lang):
    result = lint_text(NAMES[lang], builtin_ruleset, Settings(lang=lang))
    overuse = [d for d in result.diagnostics if d.rule == "name-overuse"]
    assert [d.match for d in overuse] == [NAME]
    assert overuse[0].start == NAMES[lang].rindex(NAME)


@pytest.mark.parametrize("lang", sorted(CURT))
def test_structure_off_for_fragments(builtin_ruleset, lang):
    assert _structure_ids(builtin_ruleset, CURT[lang], lang, structure=False) == []


def test_structure_spans_map_across_paragraphs(builtin_ruleset):
    text = "Your parcel left today.\n\nIt arrives Friday."
    result = lint_text(text, builtin_ruleset, Settings(lang="en"))
    by_rule = {d.rule: text[d.start : d.end] for d in result.diagnostics}
    assert by_rule["missing-greeting"] == "Your parcel left today."
    assert by_rule["missing-closing-offer"] == "It arrives Friday."


_PIECES = ["Hi Anna.", "Is it here?", "Yes! ", "\n\n", "Всё хорошо?", "好的。", "可以吗？", " "]


@given(
    parts=st.lists(
        st.tuples(
            st.lists(st.sampled_from(_PIECES), max_size=4).map("".join),
            st.sampled_from(["en", "ru", "zh"]),
        ),
        max_size=6,
    ),
    n=st.integers(1, 4),
)
def test_sentences_read_lazily_equal_the_full_split(parts, n):
    from replylint.lang.sentences import sentence_spans
    from replylint.structure import _QUESTION_END, _Sentence, _Sentences

    texts = [text for text, _ in parts]
    langs = [lang for _, lang in parts]
    for lang in ("en", "ru", "zh"):
        every = [
            _Sentence(i, s, e)
            for i, (text, part_lang) in enumerate(parts)
            if part_lang == lang
            for s, e in sentence_spans(text, lang)
        ]
        lazy = _Sentences(texts, langs, lang)
        assert lazy.first(n) == every[:n]
        assert lazy.last(n) == every[-n:]
        questions = [s for s in every if _QUESTION_END.search(texts[s.part], s.start, s.end)]
        assert lazy.questions() == questions
