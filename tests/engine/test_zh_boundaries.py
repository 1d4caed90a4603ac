"""Chinese word boundaries decided without the segmenter agree with the segmenter."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.engine import _match_zh, _ZhIndex
from replylint.lang.zh import straddled
from replylint.ruleset.compiled import CompiledRuleSet
from replylint.ruleset.loader import load_ruleset
from replylint.ruletest import example_cases, strip_markers

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "zh.yaml"


@pytest.fixture(scope="module")
def builtin() -> CompiledRuleSet:
    return load_ruleset()


@pytest.fixture(scope="module")
def indexes(builtin: CompiledRuleSet) -> tuple[_ZhIndex, _ZhIndex]:
    rules = builtin.rules_of("zh")
    words = builtin.language_data("zh")["boundary_words"]
    return _ZhIndex(rules, words), _ZhIndex(rules, None)


def test_boundary_words_come_from_the_dictionary(builtin: CompiledRuleSet) -> None:
    words = builtin.language_data("zh")["boundary_words"]
    assert "仓库" in words  # ends in 库, where «库存» starts
    assert len(words) > 1000
    assert all(len(word) >= 2 for word in words)


def test_straddled() -> None:
    words = frozenset({"仓库", "存放"})
    text = "仓库存放"
    assert straddled(text, 1, 0, len(text), words, 2)  # 仓|库: «仓库» crosses
    assert straddled(text, 3, 0, len(text), words, 2)  # 存|放: «存放» crosses
    assert not straddled(text, 2, 0, len(text), words, 2)
    assert not straddled(text, 0, 0, len(text), words, 2)  # a clause edge is always a boundary
    assert straddled("买iPhone", 2, 0, 8, frozenset(), 0)  # inside an ASCII run
    assert not straddled("买iPhone", 1, 0, 8, frozenset(), 0)


def _texts(builtin: CompiledRuleSet) -> list[str]:
    texts = []
    for case in example_cases(builtin):
        if case.rule.lang == "zh":
            texts.append(strip_markers(case.text)[0])
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    for section in ("good", "bad", "seed_bad", "seed_good"):
        for item in data.get(section) or []:
            texts.append(item["text"] if isinstance(item, dict) else str(item))
    return texts


def test_same_matches_as_the_segmenter_on_examples_and_corpus(
    builtin: CompiledRuleSet, indexes: tuple[_ZhIndex, _ZhIndex]
) -> None:
    fast, exact = indexes
    texts = _texts(builtin)
    assert len(texts) > 300
    for text in texts:
        assert sorted(_match_zh(text, fast)) == sorted(_match_zh(text, exact)), text


_PIECES = st.sampled_from(
    [
        "仓库存放",
        "库存",
        "缺货",
        "没有库存",
        "沒有庫存",
        "公司规定",
        "这是公司规定",
        "您好",
        "请您",
        "我已经说过了",
        "不知道",
        "无法",
        "官网",
        "帮助中心",
        "iPhone",
        "App",
        "123",
        "，",
        "。",
        "！",
        " ",
        "\n",
        "的",
        "了",
        "我们",
        "客服",
        "转接",
        "部门",
        "稍等",
        "耐心",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_PIECES, st.text(alphabet="库存仓放货缺规定您好请", max_size=4)), max_size=14
    )
)
def test_same_matches_as_the_segmenter_on_generated_text(
    indexes: tuple[_ZhIndex, _ZhIndex], pieces: list[str]
) -> None:
    fast, exact = indexes
    text = "".join(pieces)
    assert sorted(_match_zh(text, fast)) == sorted(_match_zh(text, exact))
