"""The CSV source: located RFC 4180 fields, exact maps through ``""``, columns and errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.cli_options import command
from replylint.errors import InputError
from replylint.sources import SourceOptions, source_name_for
from replylint.sources.csvlib import scan, segment, sniff_delimiter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


def check_map(text, seg):
    """Words map to their own text; a quote from ``""`` maps to the first of the two."""
    smap = seg.source_map
    offsets = [smap.to_document(i) for i in range(len(seg.text) + 1)]
    assert offsets == sorted(offsets)
    for match in re.finditer(r"\w+", seg.text):
        start, end = match.span()
        assert smap.is_exact(start, end)
        assert text[offsets[start] : offsets[start] + end - start] == match.group()
    for i, ch in enumerate(seg.text):
        assert text[offsets[i]] == ch
        if ch == '"':
            assert text[offsets[i] : offsets[i] + 2] == '""'


def test_suffix_is_registered():
    assert source_name_for("library.csv") == "csv"


def test_scanner_agrees_with_the_csv_module():
    text = 'a,b,c\r\n1,"two, ""quoted""\r\nlines",\n\n"",x,"y"\rlast,,'
    located = scan(text)
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    assert [[f.value for f in fields] for fields in located] == rows
    for fields in located:
        for f in fields:
            raw = text[f.start : f.end]
            if raw.startswith('"'):
                assert raw[1:-1].replace('""', '"') == f.value
            else:
                assert raw == f.value


_cells = st.text(alphabet=st.sampled_from(list('ab ,"\n\r;é中')), max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_cells, min_size=1, max_size=4), min_size=1, max_size=5), st.booleans())
def test_scanner_agrees_with_the_csv_module_on_any_table(table, crlf):
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n" if crlf else "\n").writerows(table)
    text = out.getvalue()
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), strict=True) if r]
    located = scan(text)
    assert [[f.value for f in fields] for fields in located] == rows
    for fields in located:
        for f in fields:
            offsets = [f.source_map.to_document(i) for i in range(len(f.value))]
            assert offsets == sorted(offsets)
            assert all(text[o] == ch for o, ch in zip(offsets, f.value, strict=True))


def test_rows_become_replies_named_by_row_and_title():
    text = (
        "id,title,locale,body\n"
        '1,Refund,ru-RU,"Здравствуйте!\nТовара ""Аврора"" нет."\n'
        "\n"
        "2,,en,Hi\n"
        "3,x,lv,\n"
    )
    segs = segment("lib.csv", text)
    assert [(s.entry, s.lang, s.text) for s in segs] == [
        ('row 2 "Refund"', "ru", 'Здравствуйте!\nТовара "Аврора" нет.'),
        ("row 3", "en", "Hi"),
    ]
    assert len({s.reply for s in segs}) == 2
    for seg in segs:
        check_map(text, seg)


def test_text_column_option_and_header_case():
    text = "Name,Snippet,Body\nA,Use this one.,Not this one.\n"
    (seg,) = segment("lib.csv", text, SourceOptions(text_column="snippet"))
    assert (seg.text, seg.entry) == ("Use this one.", 'row 2 "A"')
    (seg,) = segment("lib.csv", text)
    assert seg.text == "Not this one."


def test_the_first_text_key_in_option_order_wins():
    text = "message,text\nfrom message,from text\n"
    (seg,) = segment("lib.csv", text)
    assert seg.text == "from text"  # "text" comes before "message" in the default keys


@pytest.mark.parametrize(("header", "delimiter"), [("a,b", ","), ("a;b", ";"), ("a\tb", "\t")])
def test_delimiter_is_sniffed_from_the_header(header, delimiter):
    assert sniff_delimiter(header + "\nx") == delimiter


def test_semicolon_separated_library():
    (seg,) = segment("lib.csv", 'title;body\nA;"Hi; there"\n')
    assert seg.text == "Hi; there"


def test_empty_file_has_no_segments():
    assert segment("empty.csv", "") == []
    assert segment("header-only.csv", "title,body\n") == []


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('title,body\nA,"never closed\n', 2, 3, "unterminated quoted field"),
        ('title,body\nA,"closed"junk\n', 2, 11, "after the closing quote"),
        ("title,note\nA,B\n", 1, 1, "no reply-text column"),
    ],
)
def test_malformed_csv_is_an_input_error(text, line, column, message):
    with pytest.raises(InputError) as info:
        segment("bad.csv", text)
    err = info.value
    assert (err.line, err.column) == (line, column)
    assert message in err.message


def test_unknown_text_column_is_an_input_error():
    with pytest.raises(InputError, match="no column named 'copy'"):
        segment("lib.csv", "title,body\nA,B\n", SourceOptions(text_column="copy"))


def test_fixture_maps_exactly_and_names_rows():
    path = FIXTURES / "library.csv"
    text = path.read_text(encoding="utf-8")
    segs = segment(str(path), text)
    assert [(s.entry, s.lang) for s in segs] == [
        ('row 2 "Out of stock"', "en"),
        ('row 3 "Нет в наличии"', "ru"),
        ('row 4 "Nav noliktavā"', "lv"),
        ('row 5 "缺貨"', "zh"),
    ]
    for seg in segs:
        check_map(text, seg)


def test_cli_findings_are_on_the_original_lines():
    path = FIXTURES / "library.csv"
    result = CliRunner().invoke(command, ["--format", "json", "--no-structure", str(path)])
    assert result.exit_code == 1, result.output
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for r in json.loads(result.stdout):
        raw = lines[r["line"] - 1][r["column"] - 1 : r["end_column"] - 1]
        assert raw == r["match"]
        if r["rule"] == "out-of-stock":
            found.append((r["line"], r["lang"], raw, r["entry"]))
    assert found == [
        (3, "en", "out of stock", 'row 2 "Out of stock"'),
        (5, "ru", "нет в наличии", 'row 3 "Нет в наличии"'),
        (6, "lv", "nav noliktavā", 'row 4 "Nav noliktavā"'),
        (7, "zh", "沒有庫存", 'row 5 "缺貨"'),
    ]


def test_cli_reports_malformed_csv_on_one_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('title,body\nA,"fine"\nB,"never closed\nC,x\n', encoding="utf-8")
    result = CliRunner().invoke(command, ["--format", "json", "--no-structure", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [f"replylint: error: {bad}:3:3: invalid CSV: unterminated quoted field"]
