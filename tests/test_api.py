"""The library API: per-paragraph language, document offsets, discovery and rule selection."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from lintkit import write_rule
from replylint.api import (
    Settings,
    discover,
    enabled_rule_ids,
    lint_bytes,
    lint_paths,
    lint_text,
)
from replylint.diagnostics import Severity
from replylint.errors import InputError, ReplylintError
from replylint.ruleset.loader import load_ruleset

MIXED = (
    "Sorry, the blue jacket is out of stock at the moment.\n"
    "\n"
    "К сожалению, этой куртки сейчас нет в наличии.\n"
    "\n"
    "Diemzel sis jakas sobrid nav noliktava.\n"
    "\n"
    "很抱歉，這件外套目前沒有庫存。\n"
)

EXPECTED_MIXED = [
    ("en", "out of stock"),
    ("ru", "нет в наличии"),
    ("lv", "nav noliktava"),
    ("zh", "沒有庫存"),
]

ONLY_OUT_OF_STOCK = Settings(select=("out-of-stock",), structure=False)


def test_each_paragraph_is_linted_in_its_own_language(builtin_ruleset):
    result = lint_text(MIXED, builtin_ruleset, ONLY_OUT_OF_STOCK, path="mixed.txt")
    assert [(d.lang, d.match) for d in result.diagnostics] == EXPECTED_MIXED
    assert {d.rule for d in result.diagnostics} == {"out-of-stock"}
    assert {d.path for d in result.diagnostics} == {"mixed.txt"}


def test_positions_are_document_offsets(builtin_ruleset):
    result = lint_text(MIXED, builtin_ruleset, ONLY_OUT_OF_STOCK)
    for d in result.diagnostics:
        assert MIXED[d.start : d.end] == d.match
    assert [d.start for d in result.diagnostics] == [
        MIXED.index("out of stock"),
        MIXED.index("нет в наличии"),
        MIXED.index("nav noliktava"),
        MIXED.index("沒有庫存"),
    ]
    assert result.text == MIXED


def test_mixed_file_through_lint_paths(builtin_ruleset, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(MIXED, encoding="utf-8")
    (result,) = lint_paths([str(path)], builtin_ruleset, ONLY_OUT_OF_STOCK)
    assert result.path == str(path)
    assert [(d.lang, d.match) for d in result.diagnostics] == EXPECTED_MIXED
    assert all(MIXED[d.start : d.end] == d.match for d in result.diagnostics)


def test_language_override_applies_to_every_paragraph(builtin_ruleset):
    settings = Settings(lang="ru", select=("out-of-stock",), structure=False)
    result = lint_text(MIXED, builtin_ruleset, settings)
    assert [(d.lang, d.match) for d in result.diagnostics] == [("ru", "нет в наличии")]


def test_severity_override_reaches_the_diagnostic(builtin_ruleset):
    settings = Settings(
        select=("out-of-stock",), severity={"out-of-stock": Severity.ERROR}, structure=False
    )
    result = lint_text("Sorry, it is out of stock.", builtin_ruleset, settings)
    assert [(d.match, d.severity) for d in result.diagnostics] == [("out of stock", Severity.ERROR)]


# --- lint_bytes ------------------------------------------------------------------------------


def test_lint_bytes_with_bom_and_crlf_keeps_decoded_offsets(builtin_ruleset):
    text = "Hello there.\r\n\r\nSorry, it is out of stock.\r\nBye."
    result = lint_bytes(
        codecs.BOM_UTF8 + text.encode(), "in.txt", builtin_ruleset, ONLY_OUT_OF_STOCK
    )
    assert result.text == text
    assert [(d.start, d.end, d.match, d.lang) for d in result.diagnostics] == [
        (29, 41, "out of stock", "en")
    ]
    assert text[29:41] == "out of stock"


def test_lint_bytes_utf16_russian(builtin_ruleset):
    text = "Здравствуйте!\r\n\r\nЭтой модели нет в наличии."
    result = lint_bytes(text.encode("utf-16"), "in.txt", builtin_ruleset, ONLY_OUT_OF_STOCK)
    assert result.text == text
    (d,) = result.diagnostics
    assert (d.lang, d.match, text[d.start : d.end]) == ("ru", "нет в наличии", "нет в наличии")


def test_lint_bytes_undecodable_is_an_input_error(builtin_ruleset):
    with pytest.raises(InputError, match=r"^cannot decode as utf-8 at byte 3 "):
        lint_bytes(b"abc\xff", "<stdin>", builtin_ruleset, ONLY_OUT_OF_STOCK)


# --- discover --------------------------------------------------------------------------------


def touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")


def test_discover_expands_directories_recursively(tmp_path):
    for name in [
        "b.txt",
        "a.md",
        "c.csv",
        "notes.TXT",
        "sub/deep/d.markdown",
        "sub/e.text",
        "sub/f.py",
        ".replylint.yaml",
        ".hidden/g.txt",
        "node_modules/pkg/h.txt",
        ".git/i.txt",
        "venv/j.txt",
        "__pycache__/k.txt",
    ]:
        touch(tmp_path / name)
    assert discover([str(tmp_path)]) == [
        str(tmp_path / "a.md"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "c.csv"),
        str(tmp_path / "notes.TXT"),
        str(tmp_path / "sub" / "e.text"),
        str(tmp_path / "sub" / "deep" / "d.markdown"),
    ]


def test_discover_keeps_explicit_files_of_any_suffix(tmp_path):
    touch(tmp_path / "reply.csv")
    touch(tmp_path / "no_suffix")
    touch(tmp_path / "node_modules" / "x.json")
    named = [
        str(tmp_path / "reply.csv"),
        str(tmp_path / "no_suffix"),
        str(tmp_path / "node_modules" / "x.json"),
    ]
    assert discover(named) == named


def test_discover_keeps_argument_order_and_spelling(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    touch(tmp_path / "z.txt")
    touch(tmp_path / "dir" / "a.txt")
    assert discover(["z.txt", "dir"]) == ["z.txt", str(Path("dir") / "a.txt")]


def test_discover_explicit_hidden_directory_is_walked(tmp_path):
    touch(tmp_path / ".replies" / "a.txt")
    assert discover([str(tmp_path / ".replies")]) == [str(tmp_path / ".replies" / "a.txt")]


def test_discover_missing_path(tmp_path):
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as info:
        discover([missing])
    assert info.value.path == missing
    assert info.value.render() == f"{missing}: no such file or directory"


def test_discover_empty_directory(tmp_path):
    assert discover([str(tmp_path)]) == []


# --- enabled_rule_ids ------------------------------------------------------------------------


@pytest.fixture
def three_rules(tmp_path):
    write_rule(tmp_path, "en", "out-of-stock", phrases=["out of stock"])
    write_rule(tmp_path, "en", "late-reply", phrases=["sorry for the delay"])
    write_rule(tmp_path, "ru", "insult", phrases=["дурак"])
    return load_ruleset([tmp_path], use_builtin=False)


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (Settings(), {"out-of-stock", "late-reply", "insult"}),
        (Settings(select=("insult",)), {"insult"}),
        (Settings(select=("insult", "late-reply")), {"insult", "late-reply"}),
        (Settings(select=()), set()),
        (Settings(select=("ALL",)), {"out-of-stock", "late-reply", "insult"}),
        (Settings(select=("all",)), {"out-of-stock", "late-reply", "insult"}),
        (Settings(select=("insult", "ALL")), {"out-of-stock", "late-reply", "insult"}),
        (Settings(ignore=("insult",)), {"out-of-stock", "late-reply"}),
        (Settings(select=("ALL",), ignore=("insult",)), {"out-of-stock", "late-reply"}),
        (Settings(select=("insult", "late-reply"), ignore=("insult",)), {"late-reply"}),
    ],
)
def test_enabled_rule_ids(three_rules, settings, expected):
    assert enabled_rule_ids(three_rules, settings) == expected


def test_ignore_all_disables_every_rule(three_rules):
    assert enabled_rule_ids(three_rules, Settings(ignore=("ALL",))) == set()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            Settings(select=("out-of-stok",)),
            "unknown rule id 'out-of-stok' (did you mean 'out-of-stock'?)",
        ),
        (
            Settings(ignore=("late-repl",)),
            "unknown rule id 'late-repl' (did you mean 'late-reply'?)",
        ),
        (
            Settings(severity={"insullt": Severity.ERROR}),
            "unknown rule id 'insullt' (did you mean 'insult'?)",
        ),
        (Settings(select=("zzzzzz",)), "unknown rule id 'zzzzzz'"),
    ],
)
def test_unknown_rule_id(three_rules, settings, message):
    with pytest.raises(ReplylintError) as info:
        enabled_rule_ids(three_rules, settings)
    assert info.value.render() == message
    assert info.value.path is None


def test_ignored_rule_is_not_reported(three_rules):
    text = "Sorry for the delay, it is out of stock."
    settings = Settings(lang="en", ignore=("late-reply",), structure=False)
    result = lint_text(text, three_rules, settings)
    assert [(d.rule, d.match) for d in result.diagnostics] == [("out-of-stock", "out of stock")]


def test_a_template_fix_without_its_group_offers_no_fix(builtin_ruleset):
    # excessive-punctuation's fix template names the repeated-mark pattern's group; a hit of its
    # all-capitals pattern has no such group and must not offer the raw template as a fix.
    settings = Settings(select=("excessive-punctuation",))
    result = lint_text("PLEASE READ THE INSTRUCTIONS!!!", builtin_ruleset, settings)
    fixes = {d.match: d.fix for d in result.diagnostics}
    assert fixes["PLEASE READ THE INSTRUCTIONS"] is None
    marks = fixes["!!!"]
    assert marks is not None
    assert [edit.replacement for edit in marks.edits] == ["!"]
