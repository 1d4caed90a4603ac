"""A repeated text is matched once: its outcome is shared, and findings still land everywhere."""

from __future__ import annotations

from replylint.api import Settings, lint_text
from replylint.engine import Matcher
from replylint.ruleset.loader import load_ruleset

PARAGRAPH = "Sorry, the jacket is out of stock."


def test_the_same_text_is_matched_once_and_other_texts_are_not_confused() -> None:
    matcher = Matcher(load_ruleset())
    first = matcher.match(PARAGRAPH, "en")
    assert matcher.match(PARAGRAPH, "en") is first
    assert [h.rule.id for h in first.hits] == ["out-of-stock"]
    masked = matcher.match(PARAGRAPH, "en", [(21, 33)])  # other protected spans: its own
    assert masked is not first
    assert matcher.match(PARAGRAPH.replace("jacket", "parka"), "en") is not first
    assert matcher.match(PARAGRAPH, "lv") is not first


def test_repeated_paragraphs_are_each_reported_at_their_own_place() -> None:
    text = f"Hi Anna,\n\n{PARAGRAPH}\n\nThanks!\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    result = lint_text(text, load_ruleset(), Settings(select=("out-of-stock",)))
    starts = [d.start for d in result.diagnostics]
    expected = []
    at = text.find(PARAGRAPH)
    while at != -1:
        expected.append(at + PARAGRAPH.index("out of stock"))
        at = text.find(PARAGRAPH, at + 1)
    assert starts == expected
    assert len(starts) == 3
