"""Tests for the ``junit`` format: well-formed XML, correct counts and visible hostile text."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.formats import FormatOptions, get_renderer
from replylint.formats.junit import render, xml_text

# Everything XML 1.0 cannot hold, plus the controls that must never reach a reader raw.
NOT_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def run(results: list[FileResult]) -> str:
    stream = io.StringIO()
    render(results, stream, FormatOptions())
    return stream.getvalue()


def parse(results: list[FileResult]) -> ET.Element:
    return ET.fromstring(run(results))


def diag(text: str, match: str, path: str = "a.txt", rule: str = "r", **extra) -> Diagnostic:
    start = text.index(match)
    return Diagnostic(
        path,
        start,
        start + len(match),
        rule,
        extra.pop("severity", Severity.WARNING),
        "en",
        extra.pop("message", "msg"),
        match,
        **extra,
    )


def test_golden(sample_results, golden):
    golden("junit.xml", run(sample_results))


def test_registry_resolves_junit():
    assert get_renderer("junit") is render


def test_declaration_and_utf8_bytes_parse(sample_results):
    out = run(sample_results)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    assert out.endswith("</testsuites>\n")
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"


def test_counts_match(sample_results):
    root = parse(sample_results)
    (suite,) = root
    assert suite.tag == "testsuite"
    assert suite.get("name") == "replylint"
    cases = suite.findall("testcase")
    failures = suite.findall("testcase/failure")
    assert len(cases) == 6  # Five findings and one clean file.
    assert len(failures) == 5
    for element in (root, suite):
        assert element.get("tests") == "6"
        assert element.get("failures") == "5"
        assert element.get("errors") == "0"


def test_cases_sorted_with_one_passing_case_per_clean_file(sample_results):
    cases = parse(sample_results).findall("testsuite/testcase")
    assert [(case.get("classname"), case.get("name")) for case in cases] == [
        ("macros/lv.yaml", "flat-refusal 3:33"),
        ("replies/en/delay.txt", "negative-opener 2:2"),
        ("replies/en/delay.txt", "stock-apology 3:1"),
        ("replies/en/thanks.txt", "no findings"),
        ("replies/ru/stock.txt", "out-of-stock 3:27"),
        ("replies/zh/refund.txt", "flat-refusal 2:13"),
    ]
    assert list(cases[3]) == []


def test_failure_content(sample_results):
    case = parse(sample_results).find("testsuite/testcase[@name='stock-apology 3:1']")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "stock-apology"
    assert failure.get("message") == "A stock apology sounds scripted; thank the customer instead."
    assert failure.text == (
        "replies/en/delay.txt:3:1: warning: A stock apology sounds scripted;"
        " thank the customer instead.\n"
        "match: Sorry for the inconvenience\n"
        "suggestion: Thank you for your patience."
    )


def test_entry_is_reported(sample_results):
    failure = parse(sample_results).find("testsuite/testcase[@classname='macros/lv.yaml']/failure")
    assert failure is not None
    assert failure.text is not None
    assert failure.text.splitlines()[-1] == 'entry: macros[0] "Atmaksa" comment_value'
    assert "match: [bold]x[/bold] \\x1b[31mnevaram" in failure.text


def test_hostile_text_round_trips_as_visible_escapes():
    path = "dir <&> \"q\" 'a'\x1b.txt"
    text = "Hi <b>&amp; \"x\" 'y'\n\x1b[31m🙂𠮷\x00\ufffe\x85\u2028 ]]> end\n"
    match = "<b>&amp; \"x\" 'y'\n\x1b[31m🙂𠮷\x00\ufffe\x85\u2028 ]]>"
    message = 'Bad <tag> & "q" \'s\r\n\x1b[1m[bold]x[/bold]\ud800 🙂'
    result = FileResult(
        path,
        text,
        [diag(text, match, path, "r<&>\x07", message=message, suggestions=("ok & <fine>\n",))],
    )
    out = run([result])
    assert NOT_RAW.search(out) is None
    assert "\r" not in out
    case = ET.fromstring(out).find("testsuite/testcase")
    assert case is not None
    assert case.get("classname") == "dir <&> \"q\" 'a'\\x1b.txt"
    assert case.get("name") == "r<&>\\x07 1:4"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "r<&>\\x07"
    assert failure.get("message") == 'Bad <tag> & "q" \'s\\r\\n\\x1b[1m[bold]x[/bold]\\ud800 🙂'
    assert failure.text == (
        "dir <&> \"q\" 'a'\\x1b.txt:1:4: warning: "
        'Bad <tag> & "q" \'s\\r\\n\\x1b[1m[bold]x[/bold]\\ud800 🙂\n'
        "match: <b>&amp; \"x\" 'y'\\n\\x1b[31m🙂𠮷\\x00\\ufffe\\x85\\u2028 ]]>\n"
        "suggestion: ok & <fine>\\n"
    )
    out.encode("utf-8")  # Nothing unencodable is left.


def test_xml_text_keeps_tab_and_printable_text():
    assert xml_text("a\tb <&> 🙂") == "a\tb <&> 🙂"
    assert xml_text("\x00\x0b\uffff\udc80") == "\\x00\\x0b\\uffff\\udc80"


def test_duplicate_case_names_are_made_unique():
    text = "ab\n"
    twice = [diag(text, "ab"), diag(text, "a"), diag(text, "ab", rule="s")]
    cases = parse([FileResult("a.txt", text, twice)]).findall("testsuite/testcase")
    assert [case.get("name") for case in cases] == ["r 1:1", "r 1:1 #2", "s 1:1"]


def test_empty_and_clean_runs():
    root = parse([])
    assert (root.get("tests"), root.get("failures")) == ("0", "0")
    assert root.findall("testsuite/testcase") == []
    root = parse([FileResult("b.txt", "fine\n"), FileResult("a.txt", "fine\n")])
    cases = root.findall("testsuite/testcase")
    assert [case.get("classname") for case in cases] == ["a.txt", "b.txt"]
    assert (root.get("tests"), root.get("failures")) == ("2", "0")


def test_does_not_import_rich():
    code = (
        "import io, sys\n"
        "from replylint.formats import FormatOptions, get_renderer\n"
        "get_renderer('junit')([], io.StringIO(), FormatOptions())\n"
        "sys.exit('rich' in sys.modules)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
