"""Tests for the ``concise`` format and the shared control-character escaping."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata

import pytest

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.formats import FormatOptions, get_renderer
from replylint.formats._escape import escape_char, escape_controls, is_control
from replylint.formats.concise import render


def run(results: list[FileResult], options: FormatOptions | None = None) -> str:
    stream = io.StringIO()
    render(results, stream, options or FormatOptions())
    return stream.getvalue()


def test_golden(sample_results, golden):
    golden("concise.txt", run(sample_results))


def test_registry_resolves_concise():
    assert get_renderer("concise") is render


def test_one_sorted_line_per_finding(sample_results):
    lines = run(sample_results).splitlines()
    assert lines == [
        "macros/lv.yaml:3:33: error flat-refusal"
        " Do not refuse outright [bold]; say what you can do.",
        "replies/en/delay.txt:2:2: suggestion negative-opener"
        " Lead with what you can do, not with the bad news.",
        "replies/en/delay.txt:3:1: warning stock-apology"
        " A stock apology sounds scripted; thank the customer instead.",
        "replies/ru/stock.txt:3:27: warning out-of-stock Скажите, когда товар снова появится.",
        "replies/zh/refund.txt:2:13: error flat-refusal 说明您能做什么，而不是不能做什么。",
    ]


def test_no_findings_prints_nothing():
    assert run([]) == ""
    assert run([FileResult("a.txt", "fine\n")]) == ""


def test_options_change_nothing(sample_results):
    plain = run(sample_results)
    assert run(sample_results, FormatOptions(color=True, width=20, quiet=True)) == plain


def test_control_characters_are_escaped_tab_is_kept():
    message = "a\x1b[31mb\x00c\x7fd\x9be\u2028f\u2029g\nh\ri\tj"
    diag = Diagnostic("dir/\x1bx.txt", 0, 1, "r", Severity.WARNING, "en", message, "x")
    out = run([FileResult("dir/\x1bx.txt", "x", [diag])])
    assert out == (
        "dir/\\x1bx.txt:1:1: warning r a\\x1b[31mb\\x00c\\x7fd\\x9be\\u2028f\\u2029g\\nh\\ri\tj\n"
    )


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x1b", "\\x1b"),
        ("\x00", "\\x00"),
        ("\x07", "\\x07"),
        ("\n", "\\n"),
        ("\r", "\\r"),
        ("\x0b", "\\x0b"),
        ("\x7f", "\\x7f"),
        ("\x85", "\\x85"),
        ("\x9b", "\\x9b"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ],
)
def test_escape_char(char, shown):
    assert is_control(char)
    assert escape_char(char) == shown
    assert escape_controls(f"<{char}>") == f"<{shown}>"


def test_escape_controls_leaves_other_text_alone():
    text = "\tTab, кириллица, 中文，ļ, emoji 🙂, zero\u200bwidth, [bold]x[/bold], back\\slash"
    assert escape_controls(text) == text


def test_is_control_matches_unicode_category_cc_except_tab():
    for code in range(0x3000):
        char = chr(code)
        expected = char != "\t" and (unicodedata.category(char) == "Cc" or char in "\u2028\u2029")
        assert is_control(char) is expected
        assert (escape_controls(char) != char) is expected


def test_does_not_import_rich():
    code = (
        "import io, sys\n"
        "from replylint.formats import FormatOptions, get_renderer\n"
        "get_renderer('concise')([], io.StringIO(), FormatOptions())\n"
        "sys.exit('rich' in sys.modules)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_every_code_point_is_escaped_exactly_when_it_is_a_control():
    # printable text skips the pattern; every other character goes through it
    wrong = [
        code
        for code in range(0x110000)
        if (escape_controls(chr(code)) != chr(code)) is not is_control(chr(code))
    ]
    assert wrong == []
    assert escape_controls("ok\u2028ok\ud800\t") == "ok\\u2028ok\\ud800\t"
