"""Properties of linting arbitrary text: it never raises, and every finding maps back to the file.

Texts mix Chinese (Simplified and Traditional), Russian with ё, Latvian with and without
diacritics, English, emoji, combining marks, controls, any code point but surrogates, every
line-break style and helpdesk placeholders. They are linted as plain strings in every
language, and embedded (escaped as each format requires) in plain, Markdown, HTML, YAML, JSON,
CSV and helpdesk-export files whose bytes go through ``lint_bytes``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections import Counter
from collections.abc import Iterator

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from hypokit import (
    LANGS,
    Built,
    bounded,
    built_file,
    check_result,
    check_segments,
    lint_built,
    reference_decode,
    reply_text,
    rules,
)
from replylint.api import Settings, lint_bytes, lint_text
from replylint.sources import read_document
from replylint.text import encode_text


@bounded(150)
@given(text=reply_text, lang=st.sampled_from(LANGS), structure=st.booleans())
def test_linting_any_text_in_any_language_never_raises(text, lang, structure):
    result = lint_text(text, rules(), Settings(lang=lang, structure=structure), "r.txt")
    assert result.text == text
    check_result(result, "r.txt")
    for d in result.diagnostics:  # a plain string is the file: every match is the file's text
        assert text[d.start : d.end] == d.match
        assert d.lang in ("en", "ru", "lv", "zh")
        if lang is not None:
            assert d.lang == lang


@bounded(40)
@given(
    text=reply_text,
    encoding=st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]),
    lang=st.sampled_from(LANGS),
)
@example(text="\x00\x00", encoding="utf-16-le", lang=None)  # FF FE 00 00 is no UTF-32 BOM here
@example(text="\x00Hi", encoding="utf-16-le", lang="en")
def test_any_text_with_any_bom_decodes_to_itself(text, encoding, lang):
    data = encode_text(text, encoding, bom=True)
    result = lint_bytes(data, "reply.txt", rules(), Settings(lang=lang))
    expected = text
    if data.startswith(b"\xff\xfe\x00\x00"):
        # FF FE 00 00 starts UTF-16 LE "\x00…" and UTF-32 LE alike: UTF-32 wins if it decodes
        with contextlib.suppress(UnicodeDecodeError):
            expected = data[4:].decode("utf-32-le")
    assert result.text == expected
    check_result(result, "reply.txt")


def _expected_values(built: Built) -> list[str] | None:
    """The reply texts as the format's reference reader reads them back."""
    if built.texts is None:
        return None
    text = built.data.decode("utf-8")
    if built.name.endswith(".csv"):
        values = [row[3] for row in list(csv.reader(io.StringIO(text, newline="")))[1:]]
    else:
        loaded = yaml.safe_load(text) if built.syntax == "yaml" else json.loads(text)
        values = list(_reply_strings(loaded))
    return [v for v in values if v.strip()]


def _reply_strings(value: object) -> Iterator[str]:
    """The strings under the keys the built files keep reply text in, in file order."""
    if isinstance(value, list):
        for item in value:
            yield from _reply_strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ("body", "body_text") and isinstance(item, str):
                yield item
            elif key == "actions":
                yield from (a["value"] for a in item if a.get("field") == "comment_value")
            else:
                yield from _reply_strings(item)


@bounded(250)
@given(built=built_file(), lang=st.sampled_from(LANGS))
def test_findings_in_every_format_point_into_the_file(built, lang):
    result = lint_built(built, Settings(lang=lang))
    if result is None:
        return
    doc = read_document(built.name, built.data)
    assert result.text == doc.text
    check_result(result, built.name)
    check_segments(doc)
    decoded = Counter(seg.text for seg in doc.segments)
    for d in result.diagnostics:
        if doc.text[d.start : d.end] != d.match:
            assert not built.exact, d
            assert any(d.match in seg for seg in decoded), d
    expected = _expected_values(built)
    if expected is not None:
        assert decoded == Counter(expected)


# HTML in a JSON string that ends in an escape: the end mapped onto the last escape, not past it.
_ESCAPED_HTML_END = b'[{"title": "F", "folder_id": 7, "content_html": "a\\u60a8\\u597d"}]'


@bounded(250)
@given(built=built_file(), lang=st.sampled_from(LANGS))
@example(built=Built("freshdesk.json", _ESCAPED_HTML_END, None, False, "json+html"), lang=None)
def test_each_finding_range_decodes_to_its_match(built, lang):
    result = lint_built(built, Settings(lang=lang))
    for d in result.diagnostics if result is not None else ():
        raw = result.text[d.start : d.end]
        assert reference_decode(built.syntax, result.text, d.start, d.end, d.match), (raw, d)
