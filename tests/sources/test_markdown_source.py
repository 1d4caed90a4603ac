"""The Markdown source: prose paragraphs as exact slices; code, targets and markup protected."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.api import Settings, lint_document, make_matcher
from replylint.cli_options import command
from replylint.document import SourceMap
from replylint.sources import read_document, source_name_for
from replylint.sources.markdown import protected_spans, segment
from replylint.text import LineIndex


def paragraphs(text: str) -> list[str]:
    """The segment texts, checking each is an exact slice of the file."""
    out = []
    for seg in segment("reply.md", text):
        start = seg.source_map.to_document(0)
        assert text[start : start + len(seg.text)] == seg.text
        assert seg.source_map == SourceMap.shifted(start, len(seg.text))
        assert seg.reply is None
        out.append(seg.text)
    return out


def protected(paragraph: str) -> list[str]:
    return [paragraph[s:e] for s, e in protected_spans(paragraph)]


# --- paragraphs and skipped blocks -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello.\n\nSorry.", ["Hello.", "Sorry."]),
        ("Hello.\r\n\r\nSorry.\r\n", ["Hello.", "Sorry."]),
        ("Hello.\r\rSorry.", ["Hello.", "Sorry."]),
        ("  Hello.  \n \t\nSorry.", ["Hello.", "Sorry."]),
        (
            "# Title\nBody line\n- item one\n- item two",
            ["# Title\nBody line\n- item one\n- item two"],
        ),
        ("> quoted\n>\n> again", ["> quoted", "> again"]),
        ("One\n\n---\n\nTwo\n***\nThree", ["One", "Two", "Three"]),
        ("Title\n=====\n\nBody", ["Title\n=====", "Body"]),
        ("", []),
        ("\n\n  \n", []),
    ],
)
def test_paragraphs(text, expected):
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Before.\n\n```\nout of stock\n```\n\nAfter.", ["Before.", "After."]),
        ("Before.\n```python\nout of stock\n```\nAfter.", ["Before.", "After."]),
        ("~~~\nout of stock\n~~~\nAfter.", ["After."]),
        ("````\n```\nout of stock\n```\n````\nAfter.", ["After."]),
        ("~~~~\nout\n~~~\nstill code\n~~~~~\nAfter.", ["After."]),
        ("  ```\n  out of stock\n  ```\nAfter.", ["After."]),
        ("Before.\n\n```\nnever closed\n\nout of stock", ["Before."]),
        ("```js\n\n\nx\n```", []),
    ],
)
def test_fenced_code_blocks_are_skipped(text, expected):
    assert paragraphs(text) == expected


def test_backticks_in_an_info_string_do_not_open_a_fence():
    assert paragraphs("```out``` of stock\nnext") == ["```out``` of stock\nnext"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Before.\n\n    out of stock\n    more\n\nAfter.", ["Before.", "After."]),
        ("    out of stock\n\n\n    more\nAfter.", ["After."]),
        ("Before.\n\n\tout of stock\n\nAfter.", ["Before.", "After."]),
        ("A line\n    continues the paragraph", ["A line\n    continues the paragraph"]),
        ("1. Step one\n\n    More about step one.", ["1. Step one", "More about step one."]),
        ("- item\n\n      code in the item\n\nAfter.", ["- item", "After."]),
        ("- item\n\n  more item\n\nOutside.\n\n    code", ["- item", "more item", "Outside."]),
    ],
)
def test_indented_code_after_a_blank_line_is_skipped(text, expected):
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: out of stock\ntags: [a]\n---\nBody.", ["Body."]),
        ("---\r\ntitle: x\r\n...\r\n\r\nBody.", ["Body."]),
        ("+++\ntitle = 'out of stock'\n+++\n\nBody.", ["Body."]),
        ("---\n---\nBody.", ["Body."]),
        ("---\nnot closed\n\nBody.", ["not closed", "Body."]),
        ("Intro\n\n---\ntitle: x\n---\n", ["Intro", "title: x"]),  # only at the very start
    ],
)
def test_front_matter_is_skipped(text, expected):
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[oos]: https://x.example/out-of-stock\n\nBody.", ["Body."]),
        ('[a]: <https://x.example> "Out of stock"\n[b]: /y\nBody.', ["Body."]),
        ("[a]:\n  https://x.example/out-of-stock\n  'title'\nBody.", ["Body."]),
        ("Text\n[a]: https://x.example", ["Text\n[a]: https://x.example"]),  # no interruption
        ("[^1]: A footnote is prose.", ["[^1]: A footnote is prose."]),
    ],
)
def test_reference_definitions_are_skipped(text, expected):
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!-- out of stock -->\nBody.", ["Body."]),
        ("<!-- replylint: disable=out-of-stock -->\nIt is out of stock.", ["It is out of stock."]),
        ("<!-- replylint: disable=out-of-stock --> It is out of stock.", ["It is out of stock."]),
        ("Body.\n<!-- a\n\nout of stock\n\n-->\nMore.", ["Body.", "More."]),
        ("<!-- never closed\n\nout of stock", []),
        ("<!---->\nBody.", ["Body."]),
        ("<script>\nvar x = 'out of stock';\n\n</script>\nBody.", ["Body."]),
        ("<style>p {}</style>\nBody.", ["Body."]),
        ("<pre>\nout of stock\n\nmore\n</pre>\nBody.", ["Body."]),
    ],
)
def test_html_comments_and_raw_blocks_are_skipped(text, expected):
    assert paragraphs(text) == expected


def test_suppression_comment_sits_on_the_line_above_the_paragraph():
    text = "Intro.\n\n<!-- replylint: disable=out-of-stock -->\nIt is out of stock.\n"
    *_, seg = segment("reply.md", text)
    index = LineIndex(text)
    assert index.line_col(seg.source_map.to_document(0)) == (4, 1)


# --- protected spans -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Use `out of stock` here", ["`out of stock`"]),
        ("Use ``a ` b`` and ```c``` here", ["``a ` b``", "```c```"]),
        ("A `` lone run and `one`", ["`one`"]),
        ("Unmatched ` tick and `` pair", []),
        ("Escaped \\`not code` but `code`", ["` but `"]),
        ("Multi `line\ncode` span", ["`line\ncode`"]),
        ("[the page](https://shop.example/out-of-stock)", ["(https://shop.example/out-of-stock)"]),
        ('[p](/a_(b) "Out (of) stock")!', ['(/a_(b) "Out (of) stock")']),
        ("![out of stock](img/out-of-stock.png)", ["(img/out-of-stock.png)"]),
        ("[text][out-of-stock] and [x][]", ["[out-of-stock]", "[]"]),
        ("<https://shop.example/out-of-stock>", ["<https://shop.example/out-of-stock>"]),
        ("<help@out-of-stock.example>", ["<help@out-of-stock.example>"]),
        ("See https://shop.example/out-of-stock.", ["https://shop.example/out-of-stock"]),
        ("(www.shop.example/out-of-stock)", ["www.shop.example/out-of-stock"]),
        ("Mail help@out-of-stock.example today", ["help@out-of-stock.example"]),
        (
            'Say <b>out</b> <a href="x">of</a> <br/>',
            ["<b>", "</b>", '<a href="x">', "</a>", "<br/>"],
        ),
        ("Hidden <!-- out of stock --> text", ["<!-- out of stock -->"]),
        ("Open <!-- never closed", ["<!-- never closed"]),
        ("a < b and 1 <2 > 0", []),
        ("Processing <?php x ?> and <!DOCTYPE html>", ["<?php x ?>", "<!DOCTYPE html>"]),
        ("Plain prose with [brackets] only.", []),
        (
            "`https://x.example/a` then https://y.example",
            ["`https://x.example/a`", "https://y.example"],
        ),
    ],
)
def test_protected_spans(paragraph, expected):
    assert protected(paragraph) == expected


def test_segments_carry_their_protected_spans():
    text = "Hello.\n\nUse `out of stock` or [page](https://x.example/out-of-stock).\n"
    _, seg = segment("reply.md", text)
    assert [seg.text[s:e] for s, e in seg.protected] == [
        "`out of stock`",
        "(https://x.example/out-of-stock)",
    ]


def test_suffixes_choose_the_markdown_source():
    assert source_name_for("reply.md") == "markdown"
    assert source_name_for("dir/REPLY.Markdown") == "markdown"
    doc = read_document("reply.md", b"---\nx: 1\n---\nHi.\n\n```\ncode\n```\n")
    assert [s.text for s in doc.segments] == ["Hi."]


@given(
    st.lists(
        st.one_of(
            st.text(max_size=10),
            st.sampled_from(
                [
                    "\n",
                    "\n\n",
                    "    ",
                    "\t",
                    "```",
                    "~~~",
                    "`",
                    "``",
                    "---",
                    "+++",
                    "<!--",
                    "-->",
                    "<b>",
                    "](",
                    ")",
                    "[x]: ",
                    "- ",
                    "1. ",
                    "> ",
                    "<https://x>",
                    "\\",
                    "https://x.example/",
                    "<script>",
                    "</script>",
                    "\r\n",
                ]
            ),
        ),
        max_size=30,
    ).map("".join)
)
@settings(max_examples=400, deadline=None)
def test_any_text_gives_exact_slices(text):
    previous_end = 0
    for seg in segment("reply.md", text):
        start = seg.source_map.to_document(0)
        assert start >= previous_end
        assert text[start : start + len(seg.text)] == seg.text
        assert seg.text.strip()
        previous_end = start + len(seg.text)
        spans = seg.protected
        assert all(0 <= s < e <= len(seg.text) for s, e in spans)
        assert all(a[1] < b[0] for a, b in pairwise(spans))


# --- end to end with the built-in rules ------------------------------------------------------


def out_of_stock(builtin_ruleset, name: str, content: str) -> list[tuple[int, int, int, str]]:
    """(line, column, end column, match) of every out-of-stock finding in the file."""
    doc = read_document(name, content.encode())
    options = Settings(lang="en", structure=False)
    result = lint_document(doc, make_matcher(builtin_ruleset, options), options)
    index = LineIndex(doc.text)
    found = []
    for d in result.diagnostics:
        if d.rule == "out-of-stock":
            line, column = index.line_col(d.start)
            end_line, end_column = index.line_col(d.end)
            assert end_line == line
            found.append((line, column, end_column, d.match))
    return found


MARKDOWN = """\
---
subject: Sorry, out of stock
---
Hello,

Use `out of stock` as the flag, or see [the page](https://shop.example/out-of-stock).
Also <https://shop.example/out-of-stock> and https://shop.example/out-of-stock today.

```
Sorry, it is out of stock.
```

    Indented: it is out of stock.

<!-- It is out of stock. -->
[oos]: https://shop.example/out-of-stock

Sorry, this jacket is out of stock.
"""


def test_markdown_reports_prose_only(builtin_ruleset):
    found = out_of_stock(builtin_ruleset, "reply.md", MARKDOWN)
    assert found == [(18, 23, 35, "out of stock")]


def test_markdown_read_as_plain_text_would_report_everything(builtin_ruleset):
    assert len(out_of_stock(builtin_ruleset, "reply.txt", MARKDOWN)) >= 6


def test_html_reports_the_visible_phrase_at_its_place_in_the_markup(builtin_ruleset):
    content = "<p>Hello,</p>\n<p>Sorry, this item is <b>out of stock</b>.</p>\n"
    found = out_of_stock(builtin_ruleset, "reply.html", content)
    line = content.splitlines()[1]
    assert found == [
        # the span ends right after "stock", before "</b>"; match is the visible text
        (2, line.index("out") + 1, line.index("</b>") + 1, "out of stock")
    ]


def test_html_phrase_across_tags_is_found(builtin_ruleset):
    content = "<p>Sorry, it is out of <em>stock</em> today.</p>"
    found = out_of_stock(builtin_ruleset, "reply.html", content)
    assert found == [(1, content.index("out") + 1, content.index("</em>") + 1, "out of stock")]


def test_html_hidden_text_is_not_reported(builtin_ruleset):
    content = (
        '<head><title>Out of stock</title></head><p><a href="/out-of-stock">Details</a></p>'
        "<!-- out of stock --><script>'out of stock'</script><p><code>out of stock</code></p>"
    )
    assert out_of_stock(builtin_ruleset, "reply.html", content) == []


def test_cli_json_positions_for_html_and_markdown(tmp_path):
    (tmp_path / "reply.html").write_text(
        "<div>\n  <p>Sorry, this item is <b>out of stock</b>.</p>\n</div>\n", encoding="utf-8"
    )
    (tmp_path / "reply.md").write_text(
        "Use `out of stock`.\n\nIt is out of stock.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        command,
        [str(tmp_path), "--format", "json", "--lang", "en", "--no-structure", "--select",
         "out-of-stock"],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    records = [
        (r["path"].rsplit("/", 1)[-1], r["line"], r["column"], r["end_column"], r["match"])
        for r in json.loads(result.stdout)
    ]
    assert records == [
        ("reply.html", 2, 29, 41, "out of stock"),
        ("reply.md", 3, 7, 19, "out of stock"),
    ]


def test_suppression_comments_are_not_prose_but_still_silence(builtin_ruleset):
    markdown = (
        "<!-- replylint: disable=out-of-stock -->\nIt is out of stock.\n\nIt is out of stock.\n"
    )
    assert out_of_stock(builtin_ruleset, "reply.md", markdown) == [(4, 7, 19, "out of stock")]
    markup = (
        "<!-- replylint: disable=out-of-stock -->\n<p>It is out of stock.</p>\n\n"
        "<p>It is out of stock, really.</p>\n"
    )
    assert out_of_stock(builtin_ruleset, "reply.html", markup) == [(4, 10, 22, "out of stock")]
