"""The labelled corpus: kind replies lint clean, bad replies are flagged with the right ids.

Each ``tests/corpus/<lang>.yaml`` holds:

* ``good`` — complete, kind replies: no finding at warning or error level from any rule;
* ``bad`` — ``{text, expect: [ids]}``: every expected id must be reported, and no other id at
  warning or error level;
* ``seed_bad`` — ``{text, expect: [ids]}``: bad phrasings quoted in the seed articles, which must
  be caught by those ids;
* ``seed_good`` — phrasings the seeds recommend: no phrase rule may flag them (quotes are
  fragments, so structure rules do not judge them).

``python tests/corpus/report.py`` prints precision and recall per language.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from replylint.api import Settings, lint_text
from replylint.diagnostics import Severity
from replylint.ruleset.loader import load_ruleset

CORPUS = Path(__file__).parent
FILES = sorted(CORPUS.glob("*.yaml"))
RULESET = load_ruleset()


def _load(path: Path) -> dict[str, list]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _cases(section: str) -> list[tuple[str, int, object]]:
    cases = []
    for path in FILES:
        for i, item in enumerate(_load(path).get(section, [])):
            cases.append((path.stem, i, item))
    return cases


def _ids(
    lang: str, text: str, minimum: Severity = Severity.WARNING, structure: bool = True
) -> set[str]:
    result = lint_text(text, RULESET, Settings(lang=lang, structure=structure))
    return {d.rule for d in result.diagnostics if d.severity >= minimum}


def _name(case: tuple[str, int, object]) -> str:
    return f"{case[0]}-{case[1]}"


@pytest.mark.parametrize("case", _cases("good"), ids=_name)
def test_good_reply_has_no_warning_or_error(case):
    lang, _, text = case
    assert _ids(lang, str(text)) == set()


@pytest.mark.parametrize("case", _cases("bad"), ids=_name)
def test_bad_reply_is_flagged_with_the_right_ids(case):
    lang, _, item = case
    assert isinstance(item, dict)
    expected = set(item["expect"])
    found = _ids(lang, item["text"], Severity.SUGGESTION)
    assert expected <= found, f"missing {sorted(expected - found)}"
    assert _ids(lang, item["text"]) <= expected, "unexpected warnings or errors"


@pytest.mark.parametrize("case", _cases("seed_bad"), ids=_name)
def test_seed_bad_phrasing_is_caught(case):
    lang, _, item = case
    assert isinstance(item, dict)
    found = _ids(lang, item["text"], Severity.SUGGESTION, structure=False)
    assert set(item["expect"]) <= found


@pytest.mark.parametrize("case", _cases("seed_good"), ids=_name)
def test_seed_good_phrasing_is_not_flagged_by_a_phrase_rule(case):
    lang, _, text = case
    assert _ids(lang, str(text), Severity.SUGGESTION, structure=False) == set()


def test_every_language_has_a_corpus():
    assert {p.stem for p in FILES} >= {"en", "ru", "lv", "zh"}
