"""Tests for the ``json`` format (design contract 2)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from replylint.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    FileResult,
    Fix,
    Severity,
)
from replylint.formats import FormatOptions, get_renderer
from replylint.formats.json import _layout, _record, _record_text, render
from replylint.text import LineIndex

FIELDS = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "severity",
    "lang",
    "message",
    "match",
    "suggestions",
    "entry",
    "fix",
]


def run(results: list[FileResult]) -> str:
    stream = io.StringIO()
    render(results, stream, FormatOptions())
    return stream.getvalue()


def records(results: list[FileResult]) -> list[dict]:
    return json.loads(run(results))


def lines_of(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def test_golden(sample_results, golden):
    golden("json.json", run(sample_results))


def test_registry_resolves_json():
    assert get_renderer("json") is render


def test_fields_are_exactly_the_contract(sample_results):
    for record in records(sample_results):
        assert list(record) == FIELDS


def test_sorted_by_path_then_position_across_files(sample_results):
    got = [(r["path"], r["line"], r["column"], r["rule"]) for r in records(sample_results)]
    assert got == [
        ("macros/lv.yaml", 3, 33, "flat-refusal"),
        ("replies/en/delay.txt", 2, 2, "negative-opener"),
        ("replies/en/delay.txt", 3, 1, "stock-apology"),
        ("replies/ru/stock.txt", 3, 27, "out-of-stock"),
        ("replies/zh/refund.txt", 2, 13, "flat-refusal"),
    ]


def test_columns_slice_the_match_out_of_the_original_line(sample_results):
    texts = {result.path: result.text for result in sample_results}
    for record in records(sample_results):
        assert record["line"] == record["end_line"]
        line_text = lines_of(texts[record["path"]])[record["line"] - 1]
        assert line_text[record["column"] - 1 : record["end_column"] - 1] == record["match"]


def test_russian_crlf_bom_stripped_columns_count_code_points(sample_results):
    ru = next(r for r in records(sample_results) if r["lang"] == "ru")
    # "К сожалению, этого товара " is 26 code points; "нет в наличии" is 13.
    assert (ru["line"], ru["column"], ru["end_line"], ru["end_column"]) == (3, 27, 3, 40)
    assert ru["match"] == "нет в наличии"
    assert ru["severity"] == "warning"
    assert ru["entry"] is None
    assert ru["fix"] is None
    assert ru["suggestions"] == ["Ваш размер будет доступен в следующем месяце."]


def test_chinese_columns_are_code_points_not_cells(sample_results):
    zh = next(r for r in records(sample_results) if r["lang"] == "zh")
    # "退款需要七个工作日，我们" is 12 code points (24 terminal cells, 36 UTF-8 bytes).
    assert (zh["line"], zh["column"], zh["end_line"], zh["end_column"]) == (2, 13, 2, 15)


def test_fix_and_entry_serialisation(sample_results):
    lv, _, apology, _, _ = records(sample_results)
    assert lv["entry"] == 'macros[0] "Atmaksa" comment_value'
    assert lv["match"] == "[bold]x[/bold] \x1b[31mnevaram"
    assert lv["fix"] == {
        "applicability": "unsafe",
        "edits": [
            {"line": 3, "column": 33, "end_line": 3, "end_column": 60, "replacement": "mēs varam"}
        ],
    }
    assert apology["fix"] == {
        "applicability": "safe",
        "edits": [
            {
                "line": 3,
                "column": 1,
                "end_line": 3,
                "end_column": 28,
                "replacement": "Thank you for your patience",
            }
        ],
    }


def test_display_only_fix_and_multi_line_span():
    text = "first line\nsecond line\n"
    fix = Fix(Applicability.DISPLAY_ONLY, (Edit(6, 17, "x"), Edit(0, 0, "y")))
    diag = Diagnostic("a.txt", 6, 17, "r", Severity.SUGGESTION, "en", "m", "line\nsecond", fix=fix)
    (record,) = records([FileResult("a.txt", text, [diag])])
    assert (record["line"], record["column"], record["end_line"], record["end_column"]) == (
        1,
        7,
        2,
        7,
    )
    assert record["severity"] == "suggestion"
    assert record["fix"]["applicability"] == "display-only"
    assert [
        (e["line"], e["column"], e["end_line"], e["end_column"]) for e in record["fix"]["edits"]
    ] == [
        (1, 7, 2, 7),
        (1, 1, 1, 1),
    ]


def test_raw_unicode_indent_and_trailing_newline(sample_results):
    out = run(sample_results)
    assert "нет в наличии" in out
    assert "无法" in out
    assert out.startswith('[\n  {\n    "path": ')
    assert out.endswith("]\n")
    assert not out.endswith("\n\n")


def test_no_findings_is_an_empty_array():
    assert run([]) == "[]\n"
    assert run([FileResult("a.txt", "fine\n")]) == "[]\n"


def test_no_raw_control_characters_but_values_round_trip():
    message = "esc \x1b[2J del \x7f csi \x9b nl \n ls \u2028 ps \u2029 end"
    diag = Diagnostic("a.txt", 0, 1, "r", Severity.ERROR, "en", message, "x")
    out = run([FileResult("a.txt", "x\n", [diag])])
    assert re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", out) is None
    assert "\\u009b" in out
    assert "\\u2028" in out
    assert json.loads(out)[0]["message"] == message


def test_does_not_import_rich():
    code = (
        "import io, sys\n"
        "from replylint.formats import FormatOptions, get_renderer\n"
        "get_renderer('json')([], io.StringIO(), FormatOptions())\n"
        "sys.exit('rich' in sys.modules)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12,
)


@given(_json_values)
def test_layout_is_the_standard_indented_dump(value):
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    assert _layout(value, "\n  ") == expected


_texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("\0\n\"\\"))


@given(
    text=_texts,
    start=st.integers(0, 40),
    length=st.integers(0, 10),
    strings=st.lists(_texts, min_size=5, max_size=5),
    suggestions=st.lists(_texts, max_size=3),
    entry=st.none() | _texts,
    edits=st.none() | st.lists(st.tuples(st.integers(0, 40), _texts), max_size=2),
)
def test_record_text_is_the_layout_of_the_record(
    text, start, length, strings, suggestions, entry, edits
):
    path, rule, lang, message, match = strings
    fix = None
    if edits is not None:
        fix = Fix(Applicability.SAFE, tuple(Edit(at, at + 1, new) for at, new in edits))
    diagnostic = Diagnostic(
        path, start, start + length, rule, Severity.WARNING, lang, message, match,
        tuple(suggestions), entry, fix,
    )  # fmt: skip
    index = LineIndex(text)
    assert _record_text(diagnostic, index) == _layout(_record(diagnostic, index), "\n  ")


def test_many_findings_are_laid_out_as_one_indented_dump():
    """Written object by object, the array is exactly ``json.dumps(..., indent=2)``."""
    text = "x\n" * 700
    found = [
        Diagnostic("a.txt", 2 * n, 2 * n + 1, "r", Severity.WARNING, "en", f"m\x1b{n}", "x")
        for n in range(515)
    ]
    out = run([FileResult("a.txt", text, found)])
    expected = json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
    assert out == expected.replace("\x1b", "\\u001b")
    assert len(json.loads(out)) == 515
