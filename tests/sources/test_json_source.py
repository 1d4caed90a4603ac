"""The JSON source: a position-keeping parser, exact maps through escapes, generic text keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.cli_options import command
from replylint.errors import InputError
from replylint.sources import SourceOptions, jsonlib, read_document, source_name_for
from replylint.sources.jsonlib import parse, segment
from replylint.sources.tree import MappingNode, SequenceNode

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
JSON_FIXTURES = sorted(FIXTURES.glob("*.json"))
GENERIC = SourceOptions(export="generic")


def to_python(node):
    """The plain Python value of a parsed tree (to compare with ``json.loads``)."""
    if isinstance(node, MappingNode):
        return {k.value: to_python(v) for k, v in node.items}
    if isinstance(node, SequenceNode):
        return [to_python(v) for v in node.items]
    return node.value


def check_map(text, seg, *, html=False):
    """Every word maps to its own text in the file (or to escapes that decode to it); every
    character maps to itself or to the start of its escape; offsets grow and stay in the file."""
    import html as html_module

    smap = seg.source_map
    offsets = [smap.to_document(i) for i in range(len(seg.text) + 1)]
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(text) for o in offsets)
    for match in re.finditer(r"\w+", seg.text):
        word, start, end = match.group(), match.start(), match.end()
        if smap.is_exact(start, end):
            assert text[offsets[start] : offsets[start] + len(word)] == word
            continue
        raw = text[offsets[start] : offsets[end]]
        assert "\\" in raw or (html and "&" in raw), (word, raw)  # only escaped words
        decoded = json.loads(f'"{raw}"')
        if html:
            decoded = html_module.unescape(re.sub(r"<[^>]*>", "", decoded))
        assert decoded == word, (raw, word)
    starts = {"\\", "&", "<"} if html else {"\\"}
    for i, ch in enumerate(seg.text):
        at = text[offsets[i]]
        assert at == ch or at in starts or (ch.isspace() and html), (i, ch, at)


def test_suffix_is_registered():
    assert source_name_for("macros.json") == "json"
    assert source_name_for("DIR/EXPORT.JSON") == "json"


# --- the parser ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1, -2.5e3, true, false, null, "x"], "b": {}}',
        "[]",
        '"just a string"',
        '{"esc": "q\\"b\\\\s\\/n\\nt\\tu\\u00e9 \\ud83d\\ude00 \\u4e2d"}',
        '  {"lone": "\\ud800 x"}  \n',
        '{"dup": 1, "dup": 2}',
        "[1e5, 0, -0, 0.5, 12345678901234567890]",
    ],
)
def test_parse_agrees_with_json_loads(text):
    assert to_python(parse(text)) == json.loads(text)


def test_nodes_keep_their_offsets():
    text = '{"k": [10, "ab"]}'
    root = parse(text)
    assert (root.start, root.end) == (0, len(text))
    ((key, seq),) = root.items
    assert text[key.start : key.end] == '"k"'
    assert text[seq.start : seq.end] == '[10, "ab"]'
    number, string = seq.items
    assert text[number.start : number.end] == "10"
    assert text[string.start : string.end] == '"ab"'
    assert string.text_map().to_document(0) == string.start + 1


def test_escapes_map_to_their_start_and_break_runs():
    text = r'{"body": "a\"b\n\n\u00e9\ud83d\ude00z out"}'
    (seg,) = segment("x.json", text)
    assert seg.text == 'a"b\n\né\U0001f600z out'
    where = [seg.source_map.to_document(i) for i in range(len(seg.text) + 1)]
    raw_start = text.index('"a') + 1
    escapes = [m.start() for m in re.finditer(r"\\", text)]
    # a, \", b, \n, \n, \u00e9, surrogate pair, z ...
    assert where[:8] == [
        raw_start,
        escapes[0],
        escapes[0] + 2,
        escapes[1],
        escapes[2],
        escapes[3],
        escapes[4],
        escapes[5] + 6,
    ]
    assert where[-1] == text.rindex('"')  # the end of the string is its closing quote
    assert seg.source_map.is_exact(8, len(seg.text))
    assert not seg.source_map.is_exact(0, 3)


def test_string_ending_in_an_escape_ends_at_the_closing_quote():
    text = '{"body": "caf\\u00e9"}'
    (seg,) = segment("x.json", text)
    assert seg.text == "café"
    assert text[seg.source_map.to_document(3)] == "\\"
    assert seg.source_map.to_document(4) == text.rindex('"')


def test_an_empty_or_blank_file_is_an_empty_library():
    assert segment("empty.json", "") == []
    assert segment("blank.json", " \r\n\t\n") == []


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('{"macros": [\n  {"title": "x",}\n]}', 2, 17, "property name"),
        ('{"a": 1 "b": 2}', 1, 9, "expected ',' or '}'"),
        ("[1, 2", 1, 6, "expected ',' or ']'"),
        ('{"a": "unterminated\n}', 1, 7, "unterminated string"),
        ('{"a": "unterminated', 1, 7, "unterminated string"),
        ('{"a": "tab\there"}', 1, 11, "control character"),
        ('{"a": "\\x41"}', 1, 8, "invalid escape"),
        ('{"a": "\\u12G4"}', 1, 8, "four hex digits"),
        ('{"a": tru}', 1, 7, "expected a value"),
        ("[", 1, 2, "end of the file"),
        ('{"a": 1}\n{"b": 2}', 2, 1, "after the top-level value"),
        ("\r\n\r\n  [01]", 3, 5, "expected ',' or ']'"),
    ],
)
def test_malformed_json_is_an_input_error_with_line_and_column(text, line, column, message):
    with pytest.raises(InputError) as info:
        segment("bad.json", text)
    err = info.value
    assert (err.path, err.line, err.column) == ("bad.json", line, column)
    assert message in err.message
    assert "\n" not in err.render()


def test_deep_nesting_is_an_input_error():
    with pytest.raises(InputError):
        segment("deep.json", "[" * 100_000 + "]" * 100_000)


# --- generic walk: text keys, entries, languages, replies ------------------------------------


def test_text_keys_at_any_depth_become_segments_named_by_path_and_title():
    text = json.dumps(
        {
            "replies": [
                {"id": 7, "title": "Refund delay", "locale": "ru-RU", "body": "Здравствуйте!"},
                {"name": "Nested", "parts": {"message": "Hello there."}},
                {"key": "k1", "text": ["channel:all", "List text."]},
            ],
            "settings": {"value": "Top value."},
        },
        ensure_ascii=False,
    )
    segs = segment("lib.json", text, GENERIC)
    assert [(s.text, s.entry, s.lang) for s in segs] == [
        ("Здравствуйте!", 'replies[0] "Refund delay" body', "ru"),
        ("Hello there.", "replies[1].parts message", None),
        ("channel:all", 'replies[2] "k1" text[0]', None),
        ("List text.", 'replies[2] "k1" text[1]', None),
        ("Top value.", "settings value", None),
    ]
    assert len({s.reply for s in segs}) == 4
    assert segs[2].reply == segs[3].reply


def test_language_comes_from_the_nearest_enclosing_object():
    text = json.dumps(
        {
            "locale": "lv_LV",
            "items": [
                {"body": "Labdien!"},
                {"lang": "zh-Hant", "body": "您好"},
                {"language": "de", "body": "Hallo"},
                {"locale_id": 1, "body": "Hello"},
                {"locale_id": 9, "body": "您好"},
                {"locale_id": 1234, "body": "?"},
                {"lang": "Русский", "body": "Привет"},
            ],
        },
        ensure_ascii=False,
    )
    langs = [s.lang for s in segment("l.json", text, GENERIC)]
    assert langs == ["lv", "zh", None, "en", "zh", None, "ru"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('["Hello!", "Sorry.", 3, "1.0"]', [("Hello!", "[0]"), ("Sorry.", "[1]")]),
        (
            '{"refund_delay": "Sorry for the wait.", "version": "2.1", "locale": "en", '
            '"greeting": "Hi!"}',
            [("Sorry for the wait.", "refund_delay"), ("Hi!", "greeting")],
        ),
    ],
)
def test_a_simple_library_is_one_reply_per_string(text, expected):
    segs = segment("simple.json", text)
    assert [(s.text, s.entry) for s in segs] == expected
    assert len({s.reply for s in segs}) == len(segs)


def test_a_file_that_is_one_string_is_one_reply():
    (seg,) = segment("one.json", '"Sorry, out of stock."')
    assert (seg.text, seg.entry) == ("Sorry, out of stock.", "(document)")


def test_a_null_language_defers_to_the_enclosing_object():
    text = '{"locale": "ru", "items": [{"locale": null, "body": "Привет"}]}'
    (seg,) = segment("n.json", text, GENERIC)
    assert seg.lang == "ru"


def test_custom_text_keys():
    text = '{"snippets": [{"title": "A", "copy": "Hi!", "body": "not this"}]}'
    segs = segment("c.json", text, SourceOptions(text_keys=("copy",), export="generic"))
    assert [(s.text, s.entry) for s in segs] == [("Hi!", 'snippets[0] "A" copy')]


def test_blank_strings_are_not_segments():
    assert list(segment("b.json", '{"body": "  \\n "}', GENERIC)) == []


def test_read_document_picks_the_json_source():
    doc = read_document("m.json", b'{"body": "Hi \\"you\\""}')
    assert [s.text for s in doc.segments] == ['Hi "you"']


# --- every fixture maps exactly --------------------------------------------------------------


@pytest.mark.parametrize("path", JSON_FIXTURES, ids=lambda p: p.name)
def test_every_fixture_segment_maps_back_exactly(path):
    text = path.read_text(encoding="utf-8")
    segs = segment(str(path), text)
    assert segs
    html_text = any(c in text for c in ("<p>", "<div>", "<br"))
    for seg in segs:
        check_map(text, seg, html=html_text)


def test_zendesk_fixture_escapes_map_to_their_start():
    path = FIXTURES / "zendesk-macros.json"
    text = path.read_text(encoding="utf-8")
    seg = next(s for s in segment(str(path), text) if "Aurora" in s.text)
    smap = seg.source_map
    line = text.index("Hi {{ticket.requester.name}")
    for decoded, escape in [('"', '\\"'), ("\u2014", "\\u2014"), ("\n", "\\n")]:
        i = seg.text.index(decoded)
        assert smap.to_document(i) == text.index(escape, line)
    i = seg.text.index("out of stock")
    start = smap.to_document(i)
    assert text[start : smap.to_document(i + len("out of stock"))] == "out of stock"
    assert smap.is_exact(i, i + len("out of stock"))


# --- property: any JSON document -------------------------------------------------------------

TEXT_KEYS = ("body", "text", "message")
_keys = st.sampled_from([*TEXT_KEYS, "title", "locale", "id", "items"]) | st.text(max_size=6)
_leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_documents = st.recursive(
    _leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=4),
    max_leaves=25,
)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@settings(max_examples=300, deadline=None)
@given(_documents, st.booleans(), st.sampled_from([None, 1, "\t"]))
def test_any_json_document_parses_and_maps(value, ensure_ascii, indent):
    text = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent)
    assert to_python(parse(text)) == json.loads(text)
    segment("any.json", text)  # export recognition never raises either
    options = SourceOptions(text_keys=TEXT_KEYS, export="generic")
    strings = set(_strings(value))
    for seg in segment("any.json", text, options):
        assert seg.text in strings
        offsets = [seg.source_map.to_document(i) for i in range(len(seg.text) + 1)]
        assert offsets == sorted(offsets)
        assert offsets[0] > 0 and offsets[-1] < len(text)
        raw = text[offsets[0] : offsets[-1]]
        assert json.loads(f'"{raw}"') == seg.text  # the mapped span is exactly the string
        for i, ch in enumerate(seg.text):
            assert text[offsets[i]] in (ch, "\\")


def _same_tree(fast, slow):
    """Node for node: type, offsets, value and source map (NaN equals NaN)."""
    assert type(fast) is type(slow)
    assert (fast.start, fast.end) == (slow.start, slow.end)
    if isinstance(fast, MappingNode):
        assert len(fast.items) == len(slow.items)
        for (fk, fv), (sk, sv) in zip(fast.items, slow.items, strict=True):
            _same_tree(fk, sk)
            _same_tree(fv, sv)
    elif isinstance(fast, SequenceNode):
        assert len(fast.items) == len(slow.items)
        for f, s in zip(fast.items, slow.items, strict=True):
            _same_tree(f, s)
    else:
        assert type(fast.value) is type(slow.value)
        assert fast.value == slow.value or (fast.value != fast.value and slow.value != slow.value)
        assert fast.text_map() == slow.text_map()


_spacing = st.sampled_from(["", " ", "\n", "\r\n  ", "\t"])


@settings(max_examples=300, deadline=None)
@given(
    _documents | st.just(float("nan")) | st.just([float("inf"), -float("inf"), 1e300]),
    st.booleans(),
    st.sampled_from([None, 1, "\t"]),
    _spacing,
)
def test_the_token_scan_builds_the_tree_the_parser_builds(value, ensure_ascii, indent, space):
    text = space + json.dumps(value, ensure_ascii=ensure_ascii, indent=indent) + space
    fast = jsonlib._tree_from_tokens(text)
    assert fast is not None
    _same_tree(fast, jsonlib._Parser(text).document())
    _same_tree(parse(text), fast)


@pytest.mark.parametrize(
    "number",
    ["0", "-0", "12", "-7", "0.5", "-1.25", "1e5", "1E-3", "2.5e+10", "1" * 5000, "-" + "9" * 5000],
)
def test_the_token_scan_reads_numbers_as_the_parser_does(number):
    text = f'{{"n": {number}, "list": [{number}, true, false, null, NaN, -Infinity]}}'
    _same_tree(jsonlib._tree_from_tokens(text), jsonlib._Parser(text).document())


@pytest.mark.parametrize(
    "token",
    [
        r'"\n"',
        r'"\n\n"',
        r'"a\nb"',
        r'"\"quoted\""',
        r'"ends\t"',
        r'"\\u0041 is not an escape"',
        r'"\ud83d\ude00 pair"',
        r'"lone \ud83d then \u0041"',
        r'"lone low \ude00\ud83d"',
        r'"\u00e9\u00e9x\/"',
    ],
)
def test_an_escaped_string_s_map_is_the_parser_s(token):
    text = f'{{"k": {token}}}'
    start = text.index(token)
    parsed = jsonlib._Parser(text)
    parsed.pos = start
    expected = parsed._string().source_map
    assert jsonlib._escaped_map(text, start, start + len(token)) == expected


def test_the_token_scan_leaves_too_deep_documents_to_the_parser():
    deep = "[" * (jsonlib.MAX_DEPTH + 1) + "]" * (jsonlib.MAX_DEPTH + 1)
    assert jsonlib._valid(deep)
    assert jsonlib._tree_from_tokens(deep) is None
    with pytest.raises(InputError, match="nested deeper"):
        parse(deep)


@pytest.mark.parametrize("text", ['{"a": 1,}', "[1 2]", '{"a" 1}', "01", '"\\x"', "[1]]"])
def test_what_the_c_parser_rejects_goes_to_the_parser_for_its_error(text):
    assert not jsonlib._valid(text)
    with pytest.raises(InputError, match="invalid JSON"):
        parse(text)


# --- the command line ------------------------------------------------------------------------


def test_cli_reports_malformed_json_on_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "macros": [\n    {"title": "x" "actions": []}\n  ]\n}\n', encoding="utf-8")
    result = CliRunner().invoke(command, ["--format", "json", "--no-structure", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"replylint: error: {bad}:3:19: invalid JSON: ")


def test_cli_positions_are_in_the_original_file(tmp_path):
    path = tmp_path / "replies.json"
    path.write_text(
        '{"replies": [\n'
        '  {"title": "Out of stock", "locale": "en",\n'
        '   "body": "Hi!\\n\\u00a0\\"Aurora\\" is out of stock."}\n'
        "]}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(command, ["--format", "json", "--no-structure", str(path)])
    assert result.exit_code == 1, result.output
    (record,) = [r for r in json.loads(result.stdout) if r["rule"] == "out-of-stock"]
    line = path.read_text(encoding="utf-8").splitlines()[record["line"] - 1]
    assert record["line"] == 3
    assert line[record["column"] - 1 : record["end_column"] - 1] == "out of stock"
    assert record["entry"] == 'replies[0] "Out of stock" body'
    assert record["lang"] == "en"
