"""Tests for the ``gitlab`` format: Code Quality records, unique stable fingerprints, severities."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.formats import FormatOptions, get_renderer
from replylint.formats.gitlab import render

RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def run(results: list[FileResult]) -> str:
    stream = io.StringIO()
    render(results, stream, FormatOptions())
    return stream.getvalue()


def records(results: list[FileResult]) -> list[dict]:
    return json.loads(run(results))


def diag(text: str, match: str, path: str = "a.txt", rule: str = "r", nth: int = 0, **extra):
    start = -1
    for _ in range(nth + 1):
        start = text.index(match, start + 1)
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
    golden("gitlab.json", run(sample_results))


def test_registry_resolves_gitlab():
    assert get_renderer("gitlab") is render


def test_one_record_per_finding_in_order(sample_results):
    got = records(sample_results)
    assert len(got) == sum(len(result.diagnostics) for result in sample_results)
    assert [(r["location"]["path"], r["location"]["lines"]["begin"]) for r in got] == [
        ("macros/lv.yaml", 3),
        ("replies/en/delay.txt", 2),
        ("replies/en/delay.txt", 3),
        ("replies/ru/stock.txt", 3),
        ("replies/zh/refund.txt", 2),
    ]


def test_record_fields(sample_results):
    ru = records(sample_results)[3]
    assert ru == {
        "description": "out-of-stock: Скажите, когда товар снова появится.",
        "check_name": "out-of-stock",
        "fingerprint": ru["fingerprint"],
        "severity": "minor",
        "location": {"path": "replies/ru/stock.txt", "lines": {"begin": 3, "end": 3}},
    }
    assert re.fullmatch("[0-9a-f]{64}", ru["fingerprint"])


def test_severities_are_mapped(sample_results):
    assert {(r["check_name"], r["severity"]) for r in records(sample_results)} == {
        ("flat-refusal", "major"),
        ("negative-opener", "info"),
        ("stock-apology", "minor"),
        ("out-of-stock", "minor"),
    }


def test_fingerprints_are_unique_even_for_identical_findings(sample_results):
    text = "Sorry. Sorry.\n"
    same = diag(text, "Sorry")
    results = [
        *sample_results,
        FileResult("a.txt", text, [same, same, diag(text, "Sorry", nth=1)]),
        # The same file named two ways still gets distinct fingerprints.
        FileResult("./a.txt", text, [diag(text, "Sorry", path="./a.txt")]),
    ]
    prints = [r["fingerprint"] for r in records(results)]
    assert len(prints) == 9
    assert len(set(prints)) == len(prints)


def test_fingerprints_are_stable_when_lines_are_inserted_above():
    text = "Hello.\nSorry. Sorry.\n"
    moved = "A new line.\n" + text
    before = records([FileResult("a.txt", text, [diag(text, "Sorry", nth=n) for n in (0, 1)])])
    after = records([FileResult("a.txt", moved, [diag(moved, "Sorry", nth=n) for n in (0, 1)])])
    assert [r["location"]["lines"]["begin"] for r in after] == [3, 3]
    assert [r["fingerprint"] for r in before] == [r["fingerprint"] for r in after]


def test_paths_are_relative_to_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "my replies" / "ответ.txt")
    (record,) = records([FileResult(path, "x\n", [diag("x\n", "x", path)])])
    assert record["location"]["path"] == "my replies/ответ.txt"


def test_multi_line_finding_spans_lines():
    text = "one\ntwo\nthree\n"
    (record,) = records([FileResult("a.txt", text, [diag(text, "one\ntwo")])])
    assert record["location"]["lines"] == {"begin": 1, "end": 2}


def test_hostile_text_round_trips_and_nothing_raw_escapes():
    message = 'Bad <tag> & "q" \'s, 50%: a::b\nnext \x1b[1m [red]x[/red] 🙂𠮷 \x85\u2028'
    path = "d, 100%/\x1b.txt"
    out = run([FileResult(path, "x\n", [diag("x\n", "x", path, "r:1,2", message=message)])])
    assert RAW_CONTROL.search(out.replace("\n", "")) is None
    (record,) = json.loads(out)
    assert record["description"] == f"r:1,2: {message}"
    assert record["check_name"] == "r:1,2"
    assert record["location"]["path"] == path


def test_no_findings_is_an_empty_array_without_bom():
    assert run([]) == "[]\n"
    assert run([FileResult("a.txt", "fine\n")]) == "[]\n"


def test_does_not_import_rich():
    code = (
        "import io, sys\n"
        "from replylint.formats import FormatOptions, get_renderer\n"
        "get_renderer('gitlab')([], io.StringIO(), FormatOptions())\n"
        "sys.exit('rich' in sys.modules)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
