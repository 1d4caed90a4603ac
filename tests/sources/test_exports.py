"""Helpdesk export shapes: recognition, which fields are reply text, entries, languages, HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli_options import command
from replylint.errors import InputError
from replylint.sources import SourceOptions, segment_text
from replylint.sources.exports import EXPORTS, GENERIC, recognise, text_fields
from replylint.sources.jsonlib import parse as parse_json
from replylint.sources.yamllib import parse as parse_yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
SHAPES = {
    "zendesk-macros.json": "zendesk-macros",
    "zendesk-macro.yaml": "zendesk-macros",
    "zendesk-dynamic-content.json": "zendesk-dynamic-content",
    "freshdesk.json": "freshdesk",
    "helpscout.json": "helpscout",
    "intercom.json": "intercom",
    "front.json": "front",
    "gorgias.json": "gorgias",
    "zammad.json": "zammad",
    "library.yaml": None,
}
# Files whose reply text is HTML (the visible text is linted).
HTML_FIXTURES = ["zendesk-macros.json", "freshdesk.json", "helpscout.json", "front.json"]
HTML_FIXTURES += ["gorgias.json", "zammad.json"]


def tree(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        return parse_json(text)
    (root,) = parse_yaml(text)
    return root


def segments(name, options=None):
    path = FIXTURES / name
    return segment_text(str(path), path.read_text(encoding="utf-8"), options)


def lint(path):
    result = CliRunner().invoke(command, ["--format", "json", "--no-structure", str(path)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_export_names():
    assert set(EXPORTS) == {
        "zendesk-macros",
        "zendesk-dynamic-content",
        "freshdesk",
        "helpscout",
        "intercom",
        "front",
        "gorgias",
        "zammad",
        GENERIC,
    }
    assert all(shape.description for shape in EXPORTS.values())


@pytest.mark.parametrize(("name", "shape"), SHAPES.items())
def test_fixture_shapes_are_recognised(name, shape):
    assert recognise(tree(name)) == shape


def test_recognition_asks_only_for_the_first_item(monkeypatch):
    """Recognising a library of many macros looks at the first macro, not at all of them."""
    from replylint.sources import exports

    macros = [{"id": i, "actions": [{"field": "comment_value", "value": "Hi"}]} for i in range(5)]
    root = parse_json(json.dumps({"macros": macros}))
    import dataclasses

    seen = []
    shape = exports.EXPORTS["zendesk-macros"]
    counting = dataclasses.replace(
        shape, recognise=lambda node: seen.append(node) or shape.recognise(node)
    )
    monkeypatch.setitem(exports.EXPORTS, "zendesk-macros", counting)
    assert recognise(root) == "zendesk-macros"
    assert len(seen) == 2  # the wrapper object, then the first macro
    assert recognise(parse_json(json.dumps({"export": [0, {"data": []}]}))) is None


# --- which fields are linted -----------------------------------------------------------------


def test_zendesk_macros_lint_comment_values_only():
    segs = segments("zendesk-macros.json")
    assert [s.entry for s in segs] == [
        'macros[0] "Stock::Out of stock (plain)" comment_value',
        'macros[1] "Stock::Backpack out of stock (HTML)" comment_value_html',
        'macros[2] "Склад::Нет в наличии" comment_value',
        'macros[3] "庫存::沒有庫存" comment_value_html',
    ]
    assert [s.reply for s in segs] == ["macros[0]", "macros[1]", "macros[2]", "macros[3]"]
    joined = "\n".join(s.text for s in segs)
    assert "channel:all" not in joined  # the list value's text element only
    assert "Stock::" not in joined and "Склад::" not in joined  # titles are not reply text
    assert "Out of stock: {{ticket.title}}" not in joined  # nor is the subject
    assert "Reply when" not in joined  # nor the description


def test_zendesk_macro_value_as_list_takes_the_text():
    text = json.dumps(
        {
            "macro": {
                "title": "T",
                "actions": [{"field": "comment_value", "value": ["channel:web", "Hi."]}],
            }
        }
    )
    (seg,) = segment_text("m.json", text)
    assert (seg.text, seg.entry, seg.reply) == ("Hi.", 'macro "T" comment_value', "macro")


def test_zendesk_macro_in_yaml():
    (seg,) = segments("zendesk-macro.yaml")
    assert seg.entry == '"Stock::Out of stock" comment_value'
    assert seg.text.startswith("Hi {{ticket.requester.first_name}},\n\nSorry")


def test_dynamic_content_variants_are_separate_replies_with_their_locale():
    segs = segments("zendesk-dynamic-content.json")
    assert [(s.entry, s.lang) for s in segs] == [
        ('item "Out of stock notice" variants[0] content', "en"),  # locale_id 1 = en-US
        ('item "Out of stock notice" variants[1] content', None),  # unknown id: detection decides
        ('item "Out of stock notice" variants[2] content', None),
        ('item "Out of stock notice" variants[3] content', "zh"),  # locale_id 9 = zh-tw
    ]
    assert len({s.reply for s in segs}) == 4


@pytest.mark.parametrize(
    ("name", "entry", "lang"),
    [
        ("freshdesk.json", '[0] "Out of stock" content_html', None),
        ("helpscout.json", '[0] "Out of stock" text', None),
        ("intercom.json", 'data[0] "Out of stock" body_text', None),
        ("front.json", '_results[0] "Out of stock" body', None),
        ("gorgias.json", 'data[0] "Нет в наличии" body_html', "ru"),
        ("zammad.json", '[0] "Out of stock" content', None),
    ],
)
def test_one_text_field_per_helpdesk_object(name, entry, lang):
    (seg,) = segments(name)
    assert (seg.entry, seg.lang) == (entry, lang)
    assert "keywords" not in seg.text and "sold out" not in seg.text


def test_intercom_lints_the_original_placeholders_not_the_rewritten_body():
    (seg,) = segments("intercom.json")
    assert "{{user.name" in seg.text and "<attribute" not in seg.text


def test_generic_export_walks_text_keys_instead():
    segs = segments("zendesk-macros.json", SourceOptions(export="generic"))
    entries = [s.entry for s in segs]
    assert "macros[0].actions[3] value[0]" in entries  # "channel:all" is a string under "value"
    assert any(s.text == "pending" for s in segs)  # every "value" is text without the shape


def test_a_forced_shape_applies_without_its_strict_signs():
    text = json.dumps([{"name": "Plain", "body": "Hello there."}])
    assert recognise(parse_json(text)) is None
    (seg,) = segment_text("t.json", text, SourceOptions(export="front"))
    assert seg.entry == '[0] "Plain" body'


def test_a_forced_shape_that_does_not_fit_finds_nothing():
    assert list(segments("zammad.json", SourceOptions(export="zendesk-macros"))) == []


def test_unknown_export_name_is_an_input_error():
    with pytest.raises(InputError, match="unknown export shape 'zendesk'"):
        text_fields(tree("front.json"), SourceOptions(export="zendesk"), "front.json")


# --- HTML ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", HTML_FIXTURES)
def test_html_markup_never_reaches_the_visible_text(name):
    pytest.importorskip("replylint.sources.html")
    for seg in segments(name):
        assert not re.search(r"</?[A-Za-z][^>]*>", seg.text), seg.text
        assert not re.search(r"&(?:[a-z]+|#\d+);", seg.text), seg.text


def test_html_visible_words_map_into_the_markup():
    pytest.importorskip("replylint.sources.html")
    path = FIXTURES / "zendesk-macros.json"
    text = path.read_text(encoding="utf-8")
    seg = next(s for s in segments("zendesk-macros.json") if "Nimbus" in s.text)
    assert "<strong>" not in seg.text
    for word in ("Nimbus", "backpack", "out", "stock", "regards"):
        i = seg.text.index(word)
        start = seg.source_map.to_document(i)
        assert seg.source_map.is_exact(i, i + len(word))
        assert text[start : start + len(word)] == word
    i = seg.text.index("\u2019")  # written as \u2019 in the JSON string
    assert text[seg.source_map.to_document(i) : seg.source_map.to_document(i) + 6] == "\\u2019"


def test_without_the_html_module_markup_is_protected(monkeypatch):
    import importlib

    from replylint.sources import tree

    real = importlib.import_module

    def missing(name, *args):
        if name == "replylint.sources.html":
            raise ModuleNotFoundError(name=name)
        return real(name, *args)

    monkeypatch.setattr(tree.importlib, "import_module", missing)
    text, smap, protected = tree.html_visible_text("<p>Out &amp; about</p>")
    assert text == "<p>Out &amp; about</p>"
    assert smap.is_exact(0, len(text))
    assert [text[a:b] for a, b in protected] == ["<p>", "&amp;", "</p>"]


@pytest.mark.parametrize(
    ("key", "value", "visible"),
    [
        ("body_html", "Plain &amp; simple", "Plain & simple"),  # an HTML key is always HTML
        ("intro_html", "<p>Tea &amp; cake</p>", "Tea & cake"),  # other *html keys with markup
        ("intro_html", "Tea &amp cake", "Tea &amp cake"),  # ... and without markup: plain text
        ("body", "<p>Tea</p>", "<p>Tea</p>"),  # a plain-text key is never read as HTML
    ],
)
def test_which_generic_fields_are_html(key, value, visible):
    pytest.importorskip("replylint.sources.html")
    options = SourceOptions(text_keys=(key,), export="generic")
    (seg,) = segment_text("t.json", json.dumps({key: value}), options)
    assert seg.text.strip() == visible


# --- the command line on every fixture ------------------------------------------------------


def _line(path, number):
    return path.read_text(encoding="utf-8").splitlines()[number - 1]


@pytest.mark.parametrize("name", sorted(SHAPES), ids=str)
def test_cli_positions_are_in_the_original_file(name):
    path = FIXTURES / name
    records = lint(path)
    assert records
    for r in records:
        assert r["line"] == r["end_line"]
        raw = _line(path, r["line"])[r["column"] - 1 : r["end_column"] - 1]
        assert raw == r["match"]
        assert r["entry"]


def test_cli_zendesk_macros_findings():
    path = FIXTURES / "zendesk-macros.json"
    records = lint(path)
    found = [
        (r["rule"], r["lang"], _line(path, r["line"])[r["column"] - 1 : r["end_column"] - 1])
        for r in records
        if r["rule"] in ("out-of-stock", "broken-placeholder")
    ]
    assert found == [
        ("broken-placeholder", "en", "{{ticket.requester.name}"),
        ("out-of-stock", "en", "out of stock"),
        ("out-of-stock", "en", "out of stock"),
        ("out-of-stock", "ru", "нет в наличии"),
        ("out-of-stock", "zh", "沒有庫存"),
    ]
    entries = {r["entry"].split(" ", 1)[0] for r in records if r["rule"] == "out-of-stock"}
    assert entries == {"macros[0]", "macros[1]", "macros[2]", "macros[3]"}
    # well-formed placeholders are never "broken"
    broken = [r["match"] for r in records if r["rule"] == "broken-placeholder"]
    assert broken == ["{{ticket.requester.name}"]


def test_cli_never_lints_titles_subjects_or_descriptions():
    for name in SHAPES:
        path = FIXTURES / name
        lines = path.read_text(encoding="utf-8").splitlines()
        for r in lint(path):
            line = lines[r["line"] - 1]
            assert not re.match(
                r'\s*(?:- )?"?(?:title|raw_title|name|description|subject|keywords)"?:', line
            ), (name, line)
            assert '"field": "subject"' not in line


def test_cli_dynamic_content_languages():
    records = lint(FIXTURES / "zendesk-dynamic-content.json")
    langs = [
        (r["lang"], r["entry"].rsplit(" ", 2)[1]) for r in records if r["rule"] == "out-of-stock"
    ]
    assert langs == [
        ("en", "variants[0]"),
        ("ru", "variants[1]"),
        ("lv", "variants[2]"),
        ("zh", "variants[3]"),
    ]
