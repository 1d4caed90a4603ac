"""The README's rule table is generated from the rule files and must not go stale.

Regenerate with ``pytest tests/test_readme.py --update-golden``.
"""

from __future__ import annotations

from pathlib import Path

from replylint.explain import markdown_rule_table

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rule-table:start -->\n", "<!-- rule-table:end -->"


def test_rule_table_is_current(builtin_ruleset, update_golden):
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    expected = markdown_rule_table(builtin_ruleset)
    if update_golden:
        README.write_text(head + START + expected + END + tail, encoding="utf-8")
        text = README.read_text(encoding="utf-8")
    assert START + expected + END in text, "README rule table is stale: pytest --update-golden"


def test_every_rule_id_is_in_the_table(builtin_ruleset):
    table = markdown_rule_table(builtin_ruleset)
    for rule_id in builtin_ruleset.ids():
        assert f"| `{rule_id}` |" in table
