"""Pattern prefilters: the literals derived from a pattern, and that skipping changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.engine import Matcher, _pattern_view
from replylint.ruleset.compiled import CompiledRuleSet
from replylint.ruleset.loader import load_ruleset
from replylint.ruleset.prefilter import required_literals, search_view
from replylint.ruletest import example_cases, strip_markers

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("pattern", "clauses"),
    [
        (r"\bout\s+of\s+stock\b", (("out of stock",),)),  # whitespace is one space
        (r"\b(?:run|ran)\s+out\b", (("ran out", "run out"),)),
        (r"Company\s+Policy", (("company policy",),)),
        (r"Company[ \t]*\tPolicy", (("company policy",),)),
        (r"in\s*stock", (("in stock", "instock"),)),
        (r"(?:please\s+)?hold\s+on", (("hold on",),)),  # a literal holding another adds nothing
        (r"a \s+ b", (("a b",),)),  # runs of whitespace in the pattern collapse too
        (r"a[\s-]b", (("a b", "a-b"),)),
        (r"it[’']s", (("it's", "it’s"),)),
        (r"(?:just\s+)?the\s+rules", (("the rules",),)),
        (r"(?<=\{\{\s*)(?P<name>\w+)", (("{{",),)),  # a lookbehind's text must be there
        (r"(?<name>ab)cd", (("abcd",),)),  # regex-style named group
        (r"(?<![A-Z])X{3,}", (("x",),)),
        (r"缺货|断货", (("断货", "缺货"),)),
        (r"\p{Han}退款", (("退款",),)),  # a property class is an unknown character
    ],
)
def test_required_literals(pattern: str, clauses: tuple[tuple[str, ...], ...]) -> None:
    assert required_literals(pattern) == clauses


@pytest.mark.parametrize(
    "pattern",
    [
        r".*",
        r"\w+\s+\d+",
        r"(?:stock)?\s+",  # everything optional
        r"[^a]bc|\d",  # one branch without any literal
        r"[[:alpha:]]+",  # a POSIX class the stdlib parser misreads
        r"(?|(a)|(b))",  # branch reset: regex-only syntax
        r"(?:foo){e<=1}",  # fuzzy matching
        r"\mword",  # word start
        r"a+(",  # not a pattern at all
    ],
)
def test_no_prefilter_when_nothing_is_certain(pattern: str) -> None:
    assert required_literals(pattern) is None


def _every_literal_is_in_every_match(
    compiled: regex.Pattern[str], clauses: tuple[tuple[str, ...], ...], text: str
) -> None:
    for m in compiled.finditer(text):
        if m.end() > m.start():
            folded = search_view(text)
            for clause in clauses:
                assert any(literal in folded for literal in clause), (compiled, m.group(), clause)


@pytest.fixture(scope="module")
def builtin() -> CompiledRuleSet:
    return load_ruleset()


def _unfiltered(ruleset: CompiledRuleSet) -> CompiledRuleSet:
    rules = tuple(rule._replace(literals={}) for rule in ruleset.rules)
    return CompiledRuleSet(rules, ruleset.detect, ruleset.sources)


def _texts(ruleset: CompiledRuleSet) -> list[tuple[str, str]]:
    texts = []
    for case in example_cases(ruleset):
        plain, _ = strip_markers(case.text)
        texts.append((plain, case.rule.lang))
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section in ("good", "bad", "seed_bad", "seed_good"):
            for item in data.get(section) or []:
                text = item["text"] if isinstance(item, dict) else str(item)
                texts.append((text, path.stem))
    return texts


def _outcome(matcher: Matcher, text: str, lang: str) -> tuple[object, ...]:
    result = matcher.match(text, lang)
    return (
        [(h.rule.id, h.start, h.end, h.replacement) for h in result.hits],
        [(h.rule.id, h.start, h.end, h.replacement) for h in result.reply_hits],
        sorted(matcher.every_reply_exception(result)),
        sorted(result.probes.items()),
        sorted(result.triggers.items()),
        result.notices,
    )


def test_prefilters_change_no_result_on_examples_and_corpus(builtin: CompiledRuleSet) -> None:
    filtered, unfiltered = Matcher(builtin), Matcher(_unfiltered(builtin))
    texts = _texts(builtin)
    assert len(texts) > 1500
    for text, lang in texts:
        assert _outcome(filtered, text, lang) == _outcome(unfiltered, text, lang), (lang, text)


def test_every_builtin_pattern_literal_occurs_in_its_matches(builtin: CompiledRuleSet) -> None:
    texts = _texts(builtin)
    for rule in builtin.rules:
        for pattern, clauses in rule.literals.items():
            compiled = regex.compile(pattern, regex.IGNORECASE)
            for text, lang in texts:
                if lang == rule.lang:
                    _every_literal_is_in_every_match(compiled, clauses, _pattern_view(text, lang))


def test_most_builtin_patterns_have_a_prefilter(builtin: CompiledRuleSet) -> None:
    patterns = [
        (rule, p)
        for rule in builtin.rules
        for p in (*rule.patterns, *rule.unless_patterns, *rule.when_patterns)
    ]
    filtered = [p for rule, p in patterns if p in rule.literals]
    assert len(filtered) / len(patterns) > 0.9


_PIECES = st.sampled_from(
    [
        "out of stock",
        "Out Of Stock",
        "we ran out",
        "it’s company policy",
        "IT'S OUR POLICY",
        "calm down",
        "as I said",
        "{{ticket.id}}",
        "[[name]]",
        "XXX",
        "Hi Anna,",
        "!!!",
        "??",
        "нет в наличии",
        "НЕТ В НАЛИЧИИ",
        "ещё",
        "успокойтесь",
        "как я уже говорил",
        "nav noliktavā",
        "nav noliktava",
        "NAV NOLIKTAVĀ",
        "nomierinieties",
        "缺货",
        "缺貨",
        "这是公司规定",
        "這是公司規定",
        "我之前已经说过了",
        "，",
        "。",
        " ",
        "\n",
        "\t",
        "\u00a0",
        "\u3000",
        "\r\n\r\n",
        "out\tof \n stock",
        "out\u00a0of\u2009stock",
        "3 business days",
        "tomorrow at 5 pm",
        "ß",
        "ẞ",
        "İ",
        "ﬁ",
        "K",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=12),
    lang=st.sampled_from(["en", "ru", "lv", "zh"]),
)
def test_prefilters_change_no_result_on_generated_text(
    builtin: CompiledRuleSet, pieces: list[str], lang: str
) -> None:
    text = " ".join(pieces)
    filtered, unfiltered = Matcher(builtin), Matcher(_unfiltered(builtin))
    assert _outcome(filtered, text, lang) == _outcome(unfiltered, text, lang)


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(["a", "B", "ß", "İ", " ", "\t", "\n", "\r", "\u00a0", "\u3000",
                                  "\u2028", "\x1c", "\x85", "x"]),
        max_size=30,
    )
    | st.text(max_size=30)
)
def test_search_view_is_casefold_with_whitespace_runs_as_one_space(text):
    import re

    from replylint.ruleset.prefilter import search_view

    assert search_view(text) == re.sub(r"\s+", " ", text.casefold())
