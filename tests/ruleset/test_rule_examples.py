"""Every example of every built-in rule runs as a test (bad: exact spans; good: nothing)."""

from __future__ import annotations

import pytest

from replylint.ruleset.loader import load_ruleset
from replylint.ruletest import example_cases, run_case

_RULESET = load_ruleset()
_CASES = list(example_cases(_RULESET))


@pytest.mark.parametrize("case", _CASES, ids=[c.name for c in _CASES])
def test_rule_example(case):
    result = run_case(_RULESET, case)
    assert result.ok, result.describe()


def test_every_rule_has_enough_examples():
    for rule in _RULESET.rules:
        assert len(rule.spec.bad_examples) >= 2, rule.spec.path
        assert len(rule.spec.good_examples) >= 2, rule.spec.path


# Typography of one script or language exists only there.
SINGLE_LANGUAGE = {"ascii-punctuation-in-chinese": ["zh"], "latvian-missing-diacritics": ["lv"]}


def test_every_rule_id_exists_in_all_four_languages():
    for rule_id in _RULESET.ids():
        expected = SINGLE_LANGUAGE.get(rule_id, ["en", "lv", "ru", "zh"])
        assert sorted(r.lang for r in _RULESET.by_id(rule_id)) == expected, rule_id


def test_the_same_id_has_the_same_default_severity_everywhere():
    for rule_id in _RULESET.ids():
        assert len({r.spec.severity for r in _RULESET.by_id(rule_id)}) == 1, rule_id


def test_suggestions_are_not_flagged_by_their_own_rule():
    from replylint.engine import Matcher

    for rule in _RULESET.rules:
        matcher = Matcher(_RULESET, [rule.id])
        for suggestion in rule.spec.suggest:
            hits = [h for h in matcher.match(suggestion, rule.lang).hits if h.rule is rule]
            assert hits == [], f"{rule.spec.path}: suggestion {suggestion!r} is flagged"
