"""The YAML source: exact maps for every scalar style, libraries, languages and errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replylint.cli_options import command
from replylint.errors import InputError
from replylint.sources import SourceOptions, source_name_for
from replylint.sources.tree import MappingNode, ScalarNode, SequenceNode
from replylint.sources.yamllib import exact_scalar_map, parse, segment

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
YAML_FIXTURES = sorted([*FIXTURES.glob("*.yaml"), *FIXTURES.glob("*.yml")])
GENERIC = SourceOptions(export="generic")
# What a decoded character that is not itself in the file maps to: an escape, a quote of a
# doubled '' or a line break / blank that folding turned into a space or newline.
FOLD_OR_ESCAPE = {"\\", "'", "\n", "\r", " ", "\t", "\x85", "\u2028", "\u2029"}


def scalars(node):
    if isinstance(node, ScalarNode):
        yield node
    elif isinstance(node, MappingNode):
        for key, value in node.items:
            yield key
            yield from scalars(value)
    elif isinstance(node, SequenceNode):
        for value in node.items:
            yield from scalars(value)


def check_map(text, seg_text, smap):
    """Words map to their text; other characters map to the escape or fold they came from."""
    offsets = [smap.to_document(i) for i in range(len(seg_text) + 1)]
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(text) for o in offsets)
    for match in re.finditer(r"\w+", seg_text):
        word, start, end = match.group(), match.start(), match.end()
        if smap.is_exact(start, end):
            assert text[offsets[start] : offsets[start] + len(word)] == word
            continue
        raw = text[offsets[start] : offsets[end]]
        assert "\\" in raw, (word, raw)  # only a word with an escape inside is not exact
        assert yaml.safe_load(f'"{raw}"') == word
    for i, ch in enumerate(seg_text):
        at = text[offsets[i]]
        assert at == ch or at in FOLD_OR_ESCAPE, (i, ch, at)


def test_suffixes_are_registered():
    assert source_name_for("lib.yaml") == "yaml"
    assert source_name_for("lib.YML") == "yaml"


# --- scalar styles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("body: plain words here\n", "plain words here"),
        ("body: plain\n  folded\n\n  after a blank\n", "plain folded\nafter a blank"),
        ("body: 'it''s  here\n   and there'\n", "it's  here and there"),
        ("body: ''''\n", "'"),
        ('body: "q \\"x\\" \\u00e9\\t\\n \\x41 \\U0001F600"\n', 'q "x" é\t\n A \U0001f600'),
        ('body: "line one\n  line two\n\n  para"\n', "line one line two\npara"),
        ('body: "joined\\\n    here"\n', "joinedhere"),
        ("body: |\n  one\n   two\n\n  three\n", "one\n two\n\nthree\n"),
        ("body: |-\n  one\n  two\n\n", "one\ntwo"),
        ("body: |+\n  one\n\n\n", "one\n\n\n"),
        (
            "body: >\n  folded one\n  folded two\n\n  para\n    indented\n  back\n",
            "folded one folded two\npara\n  indented\nback\n",
        ),
        ("body: >-\n  a\n  b\n", "a b"),
        ("body: |2\n    two extra\n", "  two extra\n"),
        ("- |\n  in a list\n- >\n  folded\n  in a list\n", None),
        ("body: !!str &anchor 'tagged'\nother: *anchor\n", "tagged"),
        ("body: |\r\n  crlf one\r\n  crlf two\r\n", "crlf one\ncrlf two\n"),
        ("body: >\r\n  crlf\r\n  folded\r\n", "crlf folded\n"),
        ('body: "crlf\r\n  quoted"\r\n', "crlf quoted"),
        ("body: 中文，沒有庫存\n", "中文，沒有庫存"),
        ("k:\n  nested:\n    body: |\n      deep\n      block\n", "deep\nblock\n"),
    ],
)
def test_every_scalar_style_maps_exactly(text, value):
    (root,) = parse(text)
    strings = [s for s in scalars(root) if isinstance(s.value, str)]
    assert strings
    if value is not None:
        assert value in [s.value for s in strings]
    for node in strings:
        yaml_node = _yaml_node_at(text, node.start)
        assert exact_scalar_map(text, yaml_node) is not None, node.value
        check_map(text, node.value, node.source_map)


def _yaml_node_at(text, start):
    def walk(node):
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                yield from walk(k)
                yield from walk(v)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                yield from walk(v)

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    return next(n for n in walk(root) if n.start_mark.index == start)


def test_escape_and_fold_positions():
    text = 'body: "Hi\\n\\u0161\n  next"\n'
    (root,) = parse(text)
    node = root.get("body")
    assert node.value == "Hi\nš next"
    where = [node.source_map.to_document(i) for i in range(len(node.value))]
    assert where[2] == text.index("\\n")
    assert where[3] == text.index("\\u0161")
    assert where[4] == text.index("\n")  # the folded line break reads as a space
    assert text[where[5]] == "n"


def test_scalars_that_are_not_strings_are_not_text():
    (root,) = parse("a: 1\nb: true\nc: null\nd: 2.5\ne: 2024-01-01\nf: '1'\n")
    values = {k.value: v for k, v in root.items}
    assert [values[k].value for k in "abcd"] == [1, True, None, 2.5]
    assert values["e"].source_map is None
    assert values["f"].value == "1" and values["f"].source_map is not None


def test_aliases_are_linted_once_and_cycles_do_not_hang():
    text = "base: &b\n  body: Sorry, out of stock.\ncopy:\n  <<: *b\nloop: &l [*l]\n"
    segs = segment("a.yaml", text, GENERIC)
    assert [s.text for s in segs] == ["Sorry, out of stock."]


def test_several_documents_keep_their_replies_apart():
    text = "body: One.\n---\nbody: Two.\n"
    segs = segment("multi.yaml", text)
    assert [(s.text, s.entry) for s in segs] == [
        ("One.", "document 1: body"),
        ("Two.", "document 2: body"),
    ]
    assert segs[0].reply != segs[1].reply


alphabet = st.sampled_from(list("ab c\n\t'\"\\:#-é中\r\x85\u2028 ")) | st.characters(
    codec="utf-8", exclude_categories=["Cs"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(alphabet=alphabet, max_size=40), min_size=1, max_size=4),
    st.sampled_from([None, '"', "'", "|", ">"]),
    st.integers(5, 40),
    st.booleans(),
    st.sampled_from(["\n", "\r\n"]),
)
def test_any_dumped_string_maps_exactly(values, style, width, nested, line_break):
    data = {"k": {"body": values}} if nested else {"body": values}
    text = yaml.safe_dump(
        data, default_style=style, width=width, allow_unicode=True, line_break=line_break
    )
    (root,) = parse(text)
    for node in scalars(root):
        if isinstance(node.value, str) and node.source_map is not None:
            assert exact_scalar_map(text, _yaml_node_at(text, node.start)) is not None
            check_map(text, node.value, node.source_map)


# --- libraries, languages, entries -----------------------------------------------------------


def test_a_top_level_list_of_strings_is_a_library():
    segs = segment("l.yaml", "- Hello!\n- |\n  Sorry.\n- 42\n")
    assert [(s.text, s.entry, s.reply) for s in segs] == [
        ("Hello!", "[0]", "[0]"),
        ("Sorry.\n", "[1]", "[1]"),
    ]


def test_a_mapping_of_names_to_strings_is_a_library():
    text = "locale: ru\nrefund_delay: Извините за ожидание.\nthanks: >\n  Спасибо!\n"
    segs = segment("l.yaml", text)
    assert [(s.text, s.entry, s.lang) for s in segs] == [
        ("Извините за ожидание.", "refund_delay", "ru"),
        ("Спасибо!\n", "thanks", "ru"),
    ]


def test_fixture_library_entries_languages_and_replies():
    path = FIXTURES / "library.yaml"
    segs = segment(str(path), path.read_text(encoding="utf-8"))
    assert [(s.entry, s.lang) for s in segs] == [
        ('replies[0] "Нет в наличии — куртка" body', "ru"),
        ('replies[1] "Ожидание ответа склада" body', "ru"),
        ('replies[2] "Prece nav noliktavā" body', "lv"),
        ('replies[3] "Bez diakritiskajām zīmēm" body', "lv"),
        ('replies[4] "Pasūtījums ceļā" body', "lv"),
        ('replies[5] "Plain multi-line" body', "en"),
    ]
    assert len({s.reply for s in segs}) == len(segs)
    assert "title" not in " ".join(s.text for s in segs)


@pytest.mark.parametrize("path", YAML_FIXTURES, ids=lambda p: p.name)
def test_every_fixture_segment_maps_back_exactly(path):
    text = path.read_text(encoding="utf-8")
    segs = segment(str(path), text)
    assert segs
    for seg in segs:
        check_map(text, seg.text, seg.source_map)
    (root,) = parse(text)
    for node in scalars(root):
        if isinstance(node.value, str) and node.source_map is not None:
            assert exact_scalar_map(text, _yaml_node_at(text, node.start)) is not None


@pytest.mark.parametrize("path", YAML_FIXTURES, ids=lambda p: p.name)
def test_libyaml_and_the_pure_python_loader_agree(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    fast = segment(str(path), text)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    assert segment(str(path), text) == fast


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("replies:\n  - title: x\n   body: y\n", 3, 4),
        ("body: [unclosed\n", 1, 7),
        ('body: "unterminated\n', 1, 7),
        ("a: 1\n b: 2\n", 2, 3),
        ('body: "bad \\q escape"\n', 1, 13),
        ("body: x\x00y\n", 1, 8),
        ("- a\nb: c\n", 2, 1),
    ],
)
def test_malformed_yaml_is_an_input_error_with_line_and_column(text, line, column):
    with pytest.raises(InputError) as info:
        segment("bad.yaml", text)
    err = info.value
    assert (err.path, err.line, err.column) == ("bad.yaml", line, column)
    assert err.message.startswith("invalid YAML: ")
    assert "\n" not in err.render()


def test_deep_nesting_is_an_input_error():
    with pytest.raises(InputError, match="nested deeper than 200 levels"):
        segment("deep.yaml", "[" * 5000 + "]" * 5000)


def test_cli_reports_malformed_yaml_on_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("replies:\n  - title: x\n    body: [oops\n", encoding="utf-8")
    result = CliRunner().invoke(command, ["--format", "json", "--no-structure", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert re.fullmatch(
        rf"replylint: error: {re.escape(str(bad))}:\d+:\d+: invalid YAML: .+", lines[0]
    )


# --- the command line ------------------------------------------------------------------------


def test_cli_findings_are_on_the_original_lines():
    path = FIXTURES / "library.yaml"
    result = CliRunner().invoke(command, ["--format", "json", "--no-structure", str(path)])
    assert result.exit_code == 1, result.output
    records = json.loads(result.stdout)
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for r in records:
        assert r["line"] == r["end_line"]
        raw = lines[r["line"] - 1][r["column"] - 1 : r["end_column"] - 1]
        assert raw == r["match"]
        found.append((r["rule"], r["lang"], raw, r["entry"].split(" ", 1)[0]))
    assert [f for f in found if f[0] == "out-of-stock"] == [
        ("out-of-stock", "ru", "нет в наличии", "replies[0]"),
        ("out-of-stock", "ru", "нет в наличии", "replies[1]"),
        ("out-of-stock", "lv", "nav noliktavā", "replies[2]"),
        ("out-of-stock", "lv", "nav noliktava", "replies[3]"),
        ("out-of-stock", "en", "out of stock", "replies[5]"),
    ]


def test_cli_finding_across_a_folded_line(tmp_path):
    path = tmp_path / "fold.yaml"
    path.write_text("body: >\n  Sorry, this jacket is out\n  of stock today.\n", encoding="utf-8")
    result = CliRunner().invoke(command, ["--format", "json", "--no-structure", str(path)])
    (record,) = [r for r in json.loads(result.stdout) if r["rule"] == "out-of-stock"]
    assert (record["line"], record["end_line"]) == (2, 3)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = sum(map(len, lines[:1])) + record["column"] - 1
    end = sum(map(len, lines[:2])) + record["end_column"] - 1
    assert "".join(lines)[start:end] == "out\n  of stock"  # the fold is part of the span
    assert record["match"] == "out of stock"  # the text as read, not the file's line break
