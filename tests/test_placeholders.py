"""Placeholders: found, masked for phrases (never matched or crossed), targeted by patterns."""

from __future__ import annotations

import pytest

from lintkit import one_rule
from replylint.api import Settings, lint_text
from replylint.placeholders import placeholder_spans


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hi {{ticket.requester.first_name}},", ["{{ticket.requester.first_name}}"]),
        ('Hi {{name | default: "there, friend"}}!', ['{{name | default: "there, friend"}}']),
        ("{% if x %}yes{% endif %}", ["{% if x %}", "{% endif %}"]),
        ("Hello #{ticket.customer.firstname}", ["#{ticket.customer.firstname}"]),
        ("Thanks, [[agent name]].", ["[[agent name]]"]),
        ("Broken {{name} here", []),
        ("Plain text, {single} braces.", []),
    ],
)
def test_placeholder_spans(text, found):
    assert [text[s:e] for s, e in placeholder_spans(text)] == found


def test_phrases_never_match_inside_or_across_placeholders(tmp_path):
    rules = one_rule(tmp_path, "en", phrases=["out of stock"])
    for text in ("{{ out of stock }}", "It is out of {{product.stock}} stock.", "[[out of stock]]"):
        assert lint_text(text, rules, Settings(lang="en")).diagnostics == [], text
    hits = lint_text("{{name}}, it is out of stock.", rules, Settings(lang="en")).diagnostics
    assert [d.match for d in hits] == ["out of stock"]


def test_chinese_phrases_skip_placeholders(tmp_path):
    rules = one_rule(tmp_path, "zh", phrases=["缺货"])
    assert lint_text("{{缺货}}提醒", rules, Settings(lang="zh")).diagnostics == []
    assert [d.match for d in lint_text("{{x}}缺货了", rules, Settings(lang="zh")).diagnostics] == [
        "缺货"
    ]


@pytest.mark.parametrize("lang", ["en", "ru", "lv", "zh"])
def test_broken_placeholder_rule(builtin_ruleset, lang):
    settings = Settings(lang=lang, select=("broken-placeholder",))
    broken = lint_text("Hi {{ticket.requester.first_name}, ok.", builtin_ruleset, settings)
    assert [d.match for d in broken.diagnostics] == ["{{ticket.requester.first_name}"]
    good = lint_text("Hi {{ticket.requester.first_name}}, ok.", builtin_ruleset, settings)
    assert good.diagnostics == []


@pytest.mark.parametrize("lang", ["en", "ru", "lv", "zh"])
def test_unfilled_fill_in_rule(builtin_ruleset, lang):
    settings = Settings(lang=lang, select=("unfilled-placeholder",))
    result = lint_text("Order XXXX ships. Call [[agent name]].", builtin_ruleset, settings)
    assert [d.match for d in result.diagnostics] == ["XXXX", "[[agent name]]"]


def test_placeholder_names_outside_the_configured_allow_list(builtin_ruleset):
    text = (
        "Hi {{ticket.requester.firstname}}, order {{ticket.id}}. "
        '{{ticket.requester.first_name | default: "x"}}'
    )
    unset = lint_text(text, builtin_ruleset, Settings(lang="en", select=("broken-placeholder",)))
    assert unset.diagnostics == []  # no allow-list configured: names are not checked
    allowed = frozenset({"ticket.requester.first_name", "ticket.id"})
    settings = Settings(
        lang="en", select=("broken-placeholder",), allow_lists=(("placeholders", allowed),)
    )
    result = lint_text(text, builtin_ruleset, settings)
    assert [d.match for d in result.diagnostics] == ["ticket.requester.firstname"]


def test_allow_list_from_config(tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from replylint.cli_options import command

    (tmp_path / ".replylint.yaml").write_text(
        "allow-lists:\n  placeholders: [ticket.requester.first_name]\n", encoding="utf-8"
    )
    (tmp_path / "r.txt").write_text("Hi {{ticket.requester.nmae}}, thanks.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        command, ["--format", "json", "--select", "broken-placeholder", "r.txt"]
    )
    assert [r["match"] for r in json.loads(result.stdout)] == ["ticket.requester.nmae"]
