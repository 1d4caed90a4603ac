"""Tests for the ``sarif`` format: schema validity, regions, rules, fingerprints, URIs and fixes."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import replylint
from replylint.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    FileResult,
    Fix,
    Severity,
)
from replylint.formats import FormatOptions, get_renderer
from replylint.formats.sarif import artifact_uri, render, report_path
from replylint.text import LineIndex

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

HOSTILE_PATH = "dir, with: 100%/ответ 🙂.txt"
HOSTILE_TEXT = (
    'Dear <b>Ann</b> & "co", it\'s 100% 🙂𠮷 fine::ok\n'
    "\x1b[31mred\x1b[0m [bold]x[/bold]\x00\x85\u2028 end\n"
)
HOSTILE_MESSAGE = 'Bad <tag> & "q" \'s, 50%: a::b\nnext \x1b[1m [red]x[/red] 🙂 \x9b\u2029'
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def run(results: list[FileResult]) -> str:
    stream = io.StringIO()
    render(results, stream, FormatOptions())
    return stream.getvalue()


def log_of(results: list[FileResult]) -> dict:
    return json.loads(run(results))


def results_of(results: list[FileResult]) -> list[dict]:
    return log_of(results)["runs"][0]["results"]


def at(text: str, match: str, rule: str = "r", nth: int = 0, **extra) -> Diagnostic:
    start = -1
    for _ in range(nth + 1):
        start = text.index(match, start + 1)
    return Diagnostic(
        extra.pop("path", "a.txt"),
        start,
        start + len(match),
        rule,
        extra.pop("severity", Severity.WARNING),
        extra.pop("lang", "en"),
        extra.pop("message", "msg"),
        match,
        **extra,
    )


def hostile() -> list[FileResult]:
    first = at(
        HOSTILE_TEXT,
        '"co", it\'s 100% 🙂𠮷 fine::ok\n\x1b[31mred',
        "odd:rule,x",
        path=HOSTILE_PATH,
        severity=Severity.ERROR,
        message=HOSTILE_MESSAGE,
        suggestions=('Say <what> & "how" \x1b[0m',),
        entry="a::b, 100%\n\x00",
    )
    second = at(
        HOSTILE_TEXT,
        "end",
        "plain",
        path=HOSTILE_PATH,
        severity=Severity.SUGGESTION,
        message="",
        fix=Fix(Applicability.SAFE, (Edit(first.start, first.end, "<ok> & 🙂\n"),)),
    )
    return [FileResult(HOSTILE_PATH, HOSTILE_TEXT, [second, first])]


def span_text(text: str, region: dict) -> str:
    index = LineIndex(text)
    start = index.line_start(region["startLine"]) + region["startColumn"] - 1
    end = index.line_start(region["endLine"]) + region["endColumn"] - 1
    return text[start:end]


def test_golden(sample_results, golden, monkeypatch):
    # The tool version is pinned so that a release does not change the golden file.
    monkeypatch.setattr(replylint, "__version__", "0.0.0+golden")
    golden("sarif.json", run(sample_results))


def test_registry_resolves_sarif():
    assert get_renderer("sarif") is render


@pytest.mark.parametrize("name", ["sample", "hostile", "empty", "clean"])
def test_validates_against_the_sarif_schema(name, sample_results):
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA_PATH}")
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    inputs = {
        "sample": sample_results,
        "hostile": hostile(),
        "empty": [],
        "clean": [FileResult("a.txt", "fine\n")],
    }
    errors = sorted(validator.iter_errors(log_of(inputs[name])), key=str)
    assert errors == []


def test_log_header_and_run(sample_results):
    log = log_of(sample_results)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "replylint"
    assert driver["version"] == replylint.__version__


def test_pretty_printed_with_raw_unicode_and_trailing_newline(sample_results):
    out = run(sample_results)
    assert out.startswith('{\n  "$schema": ')
    assert "нет в наличии" in out
    assert "无法" in out
    assert out.endswith("}\n")
    assert not out.endswith("\n\n")


def test_region_columns_slice_the_match_out_of_the_line(sample_results):
    texts = {result.path: result.text for result in sample_results}
    for result in results_of(sample_results):
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        assert region["startLine"] == region["endLine"]
        line = LineIndex(texts[location["artifactLocation"]["uri"]]).line_text(region["startLine"])
        assert (
            line[region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"]
        )


def test_columns_count_code_points_with_bom_crlf_and_non_bmp(sample_results):
    ru = next(r for r in results_of(sample_results) if r["properties"]["lang"] == "ru")
    region = ru["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 27, 40)
    text = "🙂𠮷 x\n"
    (result,) = results_of([FileResult("a.txt", text, [at(text, "x")])])
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (4, 5)


def test_multi_line_region_covers_the_match():
    (result,) = [r for r in results_of(hostile()) if r["ruleId"] == "odd:rule,x"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"]) == (1, 2)
    assert span_text(HOSTILE_TEXT, region) == region["snippet"]["text"]
    assert region["snippet"]["text"].endswith("ok\n\x1b[31mred")


def test_rule_index_points_at_the_rule_of_the_result(sample_results):
    run_ = log_of(sample_results)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == ["flat-refusal", "negative-opener", "out-of-stock", "stock-apology"]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_rules_only_for_rule_ids_in_the_results():
    text = "a b\n"
    log = log_of([FileResult("a.txt", text, [at(text, "b", "only")]), FileResult("c.txt", "")])
    assert [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]] == ["only"]


def test_rule_description_comes_from_the_first_language(sample_results):
    rules = log_of(sample_results)["runs"][0]["tool"]["driver"]["rules"]
    refusal = rules[0]
    # flat-refusal is reported in lv and zh: lv sorts first.
    assert refusal["shortDescription"]["text"] == (
        "Do not refuse outright [bold]; say what you can do."
    )
    assert refusal["fullDescription"]["text"] == (
        "Do not refuse outright [bold]; say what you can do.\n"
        "Suggestion: Mēs varam [link=https://example.com]palīdzēt[/link] citādi."
    )
    assert refusal["help"]["text"] == refusal["fullDescription"]["text"]
    assert refusal["defaultConfiguration"]["level"] == "error"


def test_levels_are_mapped_from_severity(sample_results):
    levels = {r["ruleId"]: r["level"] for r in results_of(sample_results)}
    assert levels == {
        "flat-refusal": "error",
        "negative-opener": "note",
        "stock-apology": "warning",
        "out-of-stock": "warning",
    }
    rules = log_of(sample_results)["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in rules} == levels


def test_message_and_properties(sample_results):
    lv, opener, *_ = results_of(sample_results)
    assert lv["message"]["text"] == "Do not refuse outright [bold]; say what you can do."
    assert lv["properties"]["lang"] == "lv"
    assert lv["properties"]["entry"] == 'macros[0] "Atmaksa" comment_value'
    assert opener["properties"]["lang"] == "en"
    assert "entry" not in opener["properties"]


def fingerprint_of(result: dict) -> str:
    (value,) = result["partialFingerprints"].values()
    assert re.fullmatch("[0-9a-f]{64}", value)
    return value


def test_fingerprint_is_stable_when_lines_are_inserted_above():
    text = "Hello.\nSorry for the delay.\n"
    moved = "New first line.\nAnd another.\n" + text
    before = results_of([FileResult("a.txt", text, [at(text, "Sorry")])])
    after = results_of([FileResult("a.txt", moved, [at(moved, "Sorry")])])
    assert before[0]["locations"] != after[0]["locations"]
    assert fingerprint_of(before[0]) == fingerprint_of(after[0])


def test_identical_matches_in_one_file_get_distinct_fingerprints():
    text = "Sorry. Sorry.\nSorry!\n"
    diagnostics = [at(text, "Sorry", nth=n) for n in range(3)]
    prints = [fingerprint_of(r) for r in results_of([FileResult("a.txt", text, diagnostics)])]
    assert len(set(prints)) == 3
    # Another rule, another match or another file does not shift these.
    other = [*diagnostics, at(text, "Sorry", "other"), at(text, "!")]
    again = results_of([FileResult("a.txt", text, other), FileResult("b.txt", text, diagnostics)])
    assert [fingerprint_of(r) for r in again if r["ruleId"] == "r"][:3] == prints


def test_fingerprint_depends_on_rule_path_and_match():
    text = "ab ab\n"
    base = fingerprint_of(results_of([FileResult("a.txt", text, [at(text, "ab")])])[0])
    for results in (
        [FileResult("a.txt", text, [at(text, "ab", "other")])],
        [FileResult("b.txt", text, [at(text, "ab", path="b.txt")])],
        [FileResult("a.txt", text, [at(text, "b")])],
    ):
        assert fingerprint_of(results_of(results)[0]) != base


def test_uris_are_relative_to_the_working_directory_and_encoded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    inside = tmp_path / "dir with space" / "ответ.txt"
    assert artifact_uri(str(inside)) == "dir%20with%20space/%D0%BE%D1%82%D0%B2%D0%B5%D1%82.txt"
    assert report_path(str(inside)) == "dir with space/ответ.txt"
    assert artifact_uri("./a/../b/c d.txt") == "b/c%20d.txt"
    assert artifact_uri("100%:x#y?.txt") == "100%25%3Ax%23y%3F.txt"
    assert artifact_uri("macros/lv.yaml") == "macros/lv.yaml"
    assert artifact_uri("<stdin>") == "%3Cstdin%3E"


def test_paths_outside_the_working_directory_are_file_uris(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    outside = tmp_path / "other dir" / "ж.txt"
    assert artifact_uri(str(outside)) == outside.as_uri()
    assert artifact_uri(str(outside)).startswith("file:///")
    assert "%20" in artifact_uri(str(outside))
    assert artifact_uri("../other dir/ж.txt") == outside.as_uri()
    assert report_path("../other dir/ж.txt") == outside.as_posix()


def test_result_uri_in_the_log(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "my replies" / "é.txt")
    (result,) = results_of([FileResult(path, "x\n", [at("x\n", "x", path=path)])])
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "my%20replies/%C3%A9.txt"


def test_fixes_for_safe_and_unsafe_only(sample_results):
    results = results_of(sample_results)
    with_fixes = {r["ruleId"]: r["fixes"] for r in results if "fixes" in r}
    assert sorted(with_fixes) == ["flat-refusal", "stock-apology"]
    (fix,) = with_fixes["stock-apology"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "replies/en/delay.txt"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 28},
            "insertedContent": {"text": "Thank you for your patience"},
        }
    ]
    assert fix["properties"]["applicability"] == "safe"
    assert with_fixes["flat-refusal"][0]["properties"]["applicability"] == "unsafe"

    text = "abc\n"
    display_only = Fix(Applicability.DISPLAY_ONLY, (Edit(0, 1, "x"),))
    (result,) = results_of([FileResult("a.txt", text, [at(text, "a", fix=display_only)])])
    assert "fixes" not in result


def test_applying_the_fix_regions_rewrites_the_text():
    text = "one two\nthree four\n"
    fix = Fix(Applicability.SAFE, (Edit(4, 13, "2\n3"), Edit(14, 14, "<ins> ")))
    (result,) = results_of([FileResult("a.txt", text, [at(text, "two", fix=fix)])])
    replacements = result["fixes"][0]["artifactChanges"][0]["replacements"]
    index = LineIndex(text)
    edited = text
    for replacement in sorted(
        replacements,
        key=lambda r: (r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]),
        reverse=True,
    ):
        region = replacement["deletedRegion"]
        start = index.line_start(region["startLine"]) + region["startColumn"] - 1
        end = index.line_start(region["endLine"]) + region["endColumn"] - 1
        edited = edited[:start] + replacement["insertedContent"]["text"] + edited[end:]
    assert edited == "one 2\n3 <ins> four\n"


def test_hostile_text_round_trips_and_nothing_raw_escapes():
    out = run(hostile())
    assert RAW_CONTROL.search(out.replace("\n", "")) is None
    assert "\\u001b" in out
    assert "\\u009b" in out
    assert "\\u2029" in out
    results = json.loads(out)["runs"][0]["results"]
    first = next(r for r in results if r["ruleId"] == "odd:rule,x")
    assert first["message"]["text"] == HOSTILE_MESSAGE
    assert first["properties"]["entry"] == "a::b, 100%\n\x00"
    uri = first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "dir,%20with%3A%20100%25/%D0%BE%D1%82%D0%B2%D0%B5%D1%82%20%F0%9F%99%82.txt"
    second = next(r for r in results if r["ruleId"] == "plain")
    assert second["message"]["text"] == "plain"  # An empty message falls back to the rule id.


def test_empty_run_is_still_a_complete_log():
    log = log_of([])
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []


def test_does_not_import_rich():
    code = (
        "import io, sys\n"
        "from replylint.formats import FormatOptions, get_renderer\n"
        "get_renderer('sarif')([], io.StringIO(), FormatOptions())\n"
        "sys.exit('rich' in sys.modules)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
