"""Chinese word boundaries decided without the segmenter agree with the segmenter."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.engine import HIT, _match_zh, _ZhIndex
from replylint.lang.sentences import sentence_spans
from replylint.lang.zh import BoundaryWords, straddled
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
    words = BoundaryWords({"仓库", "存放"})
    text = "仓库存放"
    assert straddled(text, 1, 0, len(text), words)  # 仓|库: «仓库» crosses
    assert straddled(text, 3, 0, len(text), words)  # 存|放: «存放» crosses
    assert not straddled(text, 2, 0, len(text), words)
    assert not straddled(text, 0, 0, len(text), words)  # a clause edge is always a boundary
    assert straddled("买iPhone", 2, 0, 8, BoundaryWords(()))  # inside an ASCII run
    assert not straddled("买iPhone", 1, 0, 8, BoundaryWords(()))


def test_straddled_finds_a_word_of_any_length_around_the_edge() -> None:
    words = BoundaryWords({"中华人民共和国"})
    text = "我爱中华人民共和国"
    assert words.longest == 7
    assert all(straddled(text, pos, 0, len(text), words) for pos in range(3, 9))
    assert not straddled(text, 2, 0, len(text), words)  # 爱|中: the word starts here
    assert not straddled(text, 4, 3, len(text), words)  # the clause cuts the word off


@given(st.sets(st.text(alphabet="库存仓放货缺规定", min_size=2, max_size=5), max_size=30))
def test_boundary_words_hold_exactly_the_words_they_were_made_of(words: set[str]) -> None:
    grouped = BoundaryWords(words)
    assert set(grouped) == words
    assert len(grouped) == len(words)
    assert all(word in grouped for word in words)
    probes = {w[:-1] for w in words} | {w + "库" for w in words} | {"", "库"}
    assert all((probe in grouped) == (probe in words) for probe in probes)
    again = pickle.loads(pickle.dumps(grouped))
    assert again == grouped
    assert set(again) == words
    assert again.longest == max(map(len, words), default=0)


def test_boundary_words_reject_what_cannot_be_a_dictionary_word() -> None:
    with pytest.raises(ValueError, match="dictionary word"):
        BoundaryWords({"仓\n库"})
    with pytest.raises(ValueError, match="dictionary word"):
        BoundaryWords({""})


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


def _judged(
    text: str, index: _ZhIndex
) -> tuple[list[tuple[int, int, int, int]], set[tuple[int, int]]]:
    """What structure judging sees of ``_match_zh``: every match, except that a required
    rule's probes count only as the sentences that hold one."""
    sentences = sentence_spans(text, "zh")
    raw: list[tuple[int, int, int, int]] = []
    probed: set[tuple[int, int]] = set()
    for rule_index, start, end, role in _match_zh(text, index):
        if role == HIT and rule_index in index.required:
            probed |= {(rule_index, n) for n, (s, e) in enumerate(sentences) if s <= start < e}
        else:
            raw.append((rule_index, start, end, role))
    return sorted(raw), probed


def test_same_matches_as_the_segmenter_on_examples_and_corpus(
    builtin: CompiledRuleSet, indexes: tuple[_ZhIndex, _ZhIndex]
) -> None:
    fast, exact = indexes
    texts = _texts(builtin)
    assert len(texts) > 300
    for text in texts:
        assert _judged(text, fast) == _judged(text, exact), text


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
    assert _judged(text, fast) == _judged(text, exact)


def test_a_clause_with_one_confirmed_probe_needs_no_segmenter(
    builtin: CompiledRuleSet, indexes: tuple[_ZhIndex, _ZhIndex]
) -> None:
    # «不便» and «歉意» are both missing-empathy probes; «深表歉意» is a dictionary word around
    # «歉意», so only the segmenter could confirm it, but the clause already has «不便».
    fast, exact = indexes
    text = "再次为给您带来的不便深表歉意。"
    assert _judged(text, fast) == _judged(text, exact)
    rules = builtin.rules_of("zh")
    found = {(rules[r].id, text[s:e]) for r, s, e, _ in _match_zh(text, fast)}
    assert ("missing-empathy", "不便") in found
    assert ("missing-empathy", "歉意") not in found  # not looked at: not needed
    code = (
        "import sys\n"
        "from replylint.api import lint_text\n"
        "from replylint.ruleset.loader import load_ruleset\n"
        f"lint_text({text!r}, load_ruleset())\n"
        "print('rjieba' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, encoding="utf-8")
    assert done.stdout.strip() == "False", done.stderr
