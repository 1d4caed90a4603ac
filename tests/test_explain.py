"""``--list-rules`` rows and ``--explain`` text."""

from __future__ import annotations

import pytest
import yaml

from lintkit import one_rule, write_rule
from replylint.explain import explain_rule, rule_table
from replylint.ruleset.loader import builtin_rules_dir, load_ruleset

# --- rule_table on the built-in rules --------------------------------------------------------


def builtin_rule_data() -> dict[str, dict[str, dict[str, str]]]:
    """{id: {lang: rule file mapping}} read straight from the built-in rule files."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for path in sorted(builtin_rules_dir().rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.setdefault(data["id"], {})[data["lang"]] = data
    return found


def expected_rows(lang: str | None = None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for rule_id, by_lang in sorted(builtin_rule_data().items()):
        langs = [code for code in sorted(by_lang) if lang is None or code == lang]
        if not langs:
            continue
        rows.append(
            {
                "id": rule_id,
                "languages": langs,
                "severity": by_lang[langs[0]]["severity"],
                "messages": {code: by_lang[code]["message"] for code in langs},
            }
        )
    return rows


def test_builtin_rule_table_matches_the_rule_files(builtin_ruleset):
    rows = rule_table(builtin_ruleset)
    assert rows == expected_rows()
    ids = [row["id"] for row in rows]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


def test_builtin_out_of_stock_row(builtin_ruleset):
    (row,) = [r for r in rule_table(builtin_ruleset) if r["id"] == "out-of-stock"]
    assert row["languages"] == ["en", "lv", "ru", "zh"]
    assert row["severity"] == "warning"
    assert list(row["messages"]) == ["en", "lv", "ru", "zh"]
    assert row["messages"]["en"] == (
        "Says what is missing instead of when the customer can have it."
    )


@pytest.mark.parametrize("lang", ["en", "ru", "lv", "zh"])
def test_builtin_rule_table_filtered_by_language(builtin_ruleset, lang):
    rows = rule_table(builtin_ruleset, lang)
    assert rows == expected_rows(lang)
    assert rows
    assert all(row["languages"] == [lang] for row in rows)
    assert all(list(row["messages"]) == [lang] for row in rows)


def test_rule_table_for_a_language_without_rules(tmp_path):
    rules = one_rule(tmp_path, "en", phrases=["sorry for the delay"])
    assert rule_table(rules, "zh") == []


# --- a small user rule set -------------------------------------------------------------------


@pytest.fixture
def ruleset(tmp_path):
    write_rule(
        tmp_path,
        "en",
        "late-reply",
        severity="error",
        message="Apologises for the delay instead of thanking.",
        why="Customers remember thanks.\nApologies sound like excuses.\n",
        source="guide §4",
        phrases=["sorry for the delay"],
        suggest=["Thank you for waiting."],
        examples={
            "bad": ["We are [[sorry for the delay]], and [[Sorry for the delay]] again."],
            "good": ["Thank you for waiting.", "No delay today."],
        },
    )
    write_rule(
        tmp_path,
        "ru",
        "late-reply",
        severity="error",
        message="Извиняется за задержку вместо благодарности.",
        why="Клиент помнит благодарность.",
        source="руководство §4",
        phrases=["извините за задержку"],
        examples={"bad": ["[[Извините за задержку]]!"], "good": ["Спасибо, что подождали."]},
    )
    write_rule(
        tmp_path,
        "zh",
        "sold-out",
        severity="suggestion",
        message="只说缺货。",
        why="客户需要知道何时到货。",
        source="指南",
        phrases=["缺货"],
        examples={"bad": ["这款[[缺货]]了。"], "good": ["这款有货。"]},
    )
    return load_ruleset([tmp_path], use_builtin=False)


def test_rule_table_rows(ruleset):
    assert rule_table(ruleset) == [
        {
            "id": "late-reply",
            "languages": ["en", "ru"],
            "severity": "error",
            "messages": {
                "en": "Apologises for the delay instead of thanking.",
                "ru": "Извиняется за задержку вместо благодарности.",
            },
        },
        {
            "id": "sold-out",
            "languages": ["zh"],
            "severity": "suggestion",
            "messages": {"zh": "只说缺货。"},
        },
    ]


def test_rule_table_rows_for_one_language(ruleset):
    assert rule_table(ruleset, "ru") == [
        {
            "id": "late-reply",
            "languages": ["ru"],
            "severity": "error",
            "messages": {"ru": "Извиняется за задержку вместо благодарности."},
        }
    ]
    assert [row["id"] for row in rule_table(ruleset, "zh")] == ["sold-out"]
    assert rule_table(ruleset, "lv") == []


EN_SECTION = [
    "[en] error: Apologises for the delay instead of thanking.",
    "",
    "Why:",
    "  Customers remember thanks.",
    "  Apologies sound like excuses.",
    "Source: guide §4",
    "Use instead:",
    "  → Thank you for waiting.",
    "Flags:",
    "  ✗ We are sorry for the delay, and Sorry for the delay again."
    "    («sorry for the delay», «Sorry for the delay»)",
    "Leaves alone:",
    "  ✓ Thank you for waiting.",
    "  ✓ No delay today.",
]

RU_SECTION = [
    "[ru] error: Извиняется за задержку вместо благодарности.",
    "",
    "Why:",
    "  Клиент помнит благодарность.",
    "Source: руководство §4",
    "Flags:",
    "  ✗ Извините за задержку!    («Извините за задержку»)",
    "Leaves alone:",
    "  ✓ Спасибо, что подождали.",
]


def test_explain_rule_every_language(ruleset):
    text = explain_rule(ruleset, "late-reply")
    assert text == "\n".join(["late-reply", "==========", "", *EN_SECTION, "", *RU_SECTION]) + "\n"


def test_explain_rule_one_language(ruleset):
    text = explain_rule(ruleset, "late-reply", "ru")
    assert text == "\n".join(["late-reply", "==========", "", *RU_SECTION]) + "\n"
    assert "Apologises" not in text


def test_explain_rule_without_suggestions_has_no_use_instead(ruleset):
    text = explain_rule(ruleset, "sold-out")
    assert text == (
        "sold-out\n"
        "========\n"
        "\n"
        "[zh] suggestion: 只说缺货。\n"
        "\n"
        "Why:\n"
        "  客户需要知道何时到货。\n"
        "Source: 指南\n"
        "Flags:\n"
        "  ✗ 这款缺货了。    («缺货»)\n"
        "Leaves alone:\n"
        "  ✓ 这款有货。\n"
    )
    assert "Use instead:" not in text


def test_explain_builtin_rule_quotes_every_bad_example(builtin_ruleset):
    data = builtin_rule_data()["out-of-stock"]
    text = explain_rule(builtin_ruleset, "out-of-stock", "en")
    assert text.startswith(
        "out-of-stock\n============\n\n[en] warning: " + data["en"]["message"] + "\n"
    )
    assert "[ru]" not in text
    for example in data["en"]["examples"]["bad"]:
        plain = example.replace("[[", "").replace("]]", "")
        marked = example.split("[[", 1)[1].split("]]", 1)[0]
        assert f"  ✗ {plain}    («{marked}»" in text
    for example in data["en"]["examples"]["good"]:
        assert f"  ✓ {example}\n" in text
