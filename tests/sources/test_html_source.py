"""The HTML source: visible text, exact positions in the markup, protected code and URLs."""

from __future__ import annotations

import html as stdlib_html
import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.document import SourceMap
from replylint.sources import read_document, source_name_for
from replylint.sources.html import html_to_text, segment

WORD = re.compile(r"\w+")


def text_of(markup: str) -> str:
    return html_to_text(markup)[0]


def paragraphs(markup: str) -> list[str]:
    return [s.text for s in segment("reply.html", markup)]


def doc_span(smap: SourceMap, start: int, end: int) -> tuple[int, int]:
    """Where an exact stretch ``[start, end)`` of visible text lies in the markup."""
    return smap.to_document(start), smap.to_document(end - 1) + 1


def check_words(markup: str, exact_words: set[str]) -> None:
    """Every word of every segment maps back: exactly, or (decoded) to its reference's start."""
    seen: set[str] = set()
    for seg in segment("reply.html", markup):
        for m in WORD.finditer(seg.text):
            word, s, e = m.group(), m.start(), m.end()
            if seg.source_map.is_exact(s, e):
                lo, hi = doc_span(seg.source_map, s, e)
                assert markup[lo:hi] == word
                assert hi - lo == len(word)
                seen.add(word)
            else:
                assert word not in exact_words
                start = seg.source_map.to_document(s)
                assert markup[start] in "&" or markup.startswith(word[0], start)
    assert exact_words <= seen


# --- visible text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("", ""),
        ("Hello", "Hello"),
        ("<p>Sorry, this item is <b>out of stock</b>.</p>", "Sorry, this item is out of stock."),
        ("<p>out of <b>stock</b></p>", "out of stock"),
        ("<div><p>one</p><p>two</p></div>", "one\n\ntwo"),
        ("Hi,<br>thanks", "Hi,\nthanks"),
        ("Hi,<br/><br />thanks", "Hi,\n\nthanks"),
        ("Hi,<BR><BR><BR>thanks", "Hi,\n\nthanks"),
        ("<h1>Title</h1>Body", "Title\n\nBody"),
        ("<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"),
        ("<ol><li>one<li>two</ol>after", "one\ntwo\n\nafter"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a\nb\n\nc"),
        ("a<hr>b", "a\n\nb"),
        ("<blockquote>quoted</blockquote>text", "quoted\n\ntext"),
        ("<p>  lots   of\n\n  space\t</p>", "lots of space"),
        ("<p>line\r\nbreak</p>", "line break"),
        ("out<b>of</b>stock", "outofstock"),
        ("out <b> of </b> stock", "out of stock"),
        ("<pre>\n  keep\n    this</pre>", "  keep\n    this"),
        (
            '<div dir="ltr">Thanks<br>{{ticket.url}}<br>Regards</div>',
            "Thanks\n{{ticket.url}}\nRegards",
        ),
    ],
)
def test_visible_text(markup, expected):
    assert text_of(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<script>var a = '<p>out of stock</p>';</script>Hi", "Hi"),
        ("<SCRIPT type='x'>a</b>c</SCRIPT >Hi", "Hi"),
        ("<style>p { color: red }</style>Hi", "Hi"),
        ("<html><head><title>Out of stock</title><meta charset=utf-8></head><body>Hi", "Hi"),
        ("<head><style>x</style><body>Hi</body>", "Hi"),
        ("<head>Hi", "Hi"),  # no end of the head: only the tag is dropped
        ("a<!-- out of stock -->b", "ab"),
        ("a<!-- multi\n\nline -->b", "ab"),
        ("a<!---->b<!-->c<!--->d", "abcd"),
        ("a<!-- x --!>b", "ab"),
        ("a<!DOCTYPE html>b<?xml x?>c<![CDATA[d]]>e", "abce"),  # bogus comments
        (
            "<!-- replylint: disable=out-of-stock --><p>It is out of stock.</p>",
            "It is out of stock.",
        ),
        ("<template><p>hidden</p></template>shown", "shown"),
    ],
)
def test_hidden_content_is_dropped(markup, expected):
    assert text_of(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<a href="https://shop.example/out-of-stock" title="out of stock">here</a>', "here"),
        ('<img alt="out of stock" src="x.png">ok', "ok"),
        ("<a title='a > b'>x</a>", "x"),
        ('<a title="a > b" data-x=c>d>y</a>', "d>y"),
        ("<p class=note id = main >z</p>", "z"),
        ('<attribute key="user.name" default="there"/> hi', "hi"),
        ('<a href="x" "y"=z =w>v</a>', "v"),
    ],
)
def test_attributes_are_never_text(markup, expected):
    assert text_of(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>unclosed", "unclosed"),
        ("<<", "<<"),
        ("<", "<"),
        ("a < b", "a < b"),
        ("1 <2", "1 <2"),
        ("</div>", ""),
        ("</div>text", "text"),
        ('<a href="x', ""),
        ('Hello <a href="x', "Hello"),
        ("Hello <b", "Hello"),
        ("Hello <b class=", "Hello"),
        ("x</", "x</"),
        ("</>x", "x"),
        ("</ x>y", "y"),
        ("a<!-- never closed", "a"),
        ("a<!DOCTYPE", "a"),
        ("<script>never closed", ""),
        ("<p>a</p></p></b></li>b", "a\n\nb"),
        ("<b><i>x</b></i>", "x"),
        ("&", "&"),
        ("&&;", "&&;"),
        ("&#", "&#"),
        ("&#x;", "&#x;"),
        ("\x00<p>\x00", "\x00\n\x00"),
    ],
)
def test_malformed_markup_degrades_without_raising(markup, expected):
    assert text_of(markup) == expected


# --- character references ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("&lt;b&gt;", "<b>"),
        ("&quot;hi&quot;", '"hi"'),
        ("a&nbsp;b", "a\u00a0b"),
        ("&#1074;&#1072;&#1089;", "вас"),
        ("&#x4E2D;&#X6587;", "中文"),
        ("caf&eacute;", "café"),
        ("&Ccedil;&ccaron;", "Çč"),
        ("&notin; &not &notit;", "∉ ¬ ¬it;"),
        ("&amp &ampx &AMP;", "& &x &"),
        ("&NotEqualTilde;", "\u2242\u0338"),  # one reference, two code points
        ("&#128;", "€"),  # a windows-1252 number, as browsers read it
        ("&#0;&#xD800;&#x110000;", "\ufffd\ufffd\ufffd"),
        ("a&#1;b", "ab"),  # a control character is dropped
        ("&bogus; &unknown", "&bogus; &unknown"),
        ("a&Tab;&NewLine;b", "a b"),  # decoded whitespace collapses like written whitespace
    ],
)
def test_character_references_are_decoded(markup, expected):
    assert text_of(markup) == expected


@pytest.mark.parametrize(
    ("markup", "offset", "ref"),
    [
        ("a &eacute; b", 2, "&eacute;"),
        ("&quot;Hi", 0, "&quot;"),
        ("<b>&amp;</b>", 0, "&amp;"),
        ("x &#1074;", 2, "&#1074;"),
        ("x&#x4E2D;y", 1, "&#x4E2D;"),
        ("&notit;", 0, "&not"),
        ("a&nbsp;b", 1, "&nbsp;"),
    ],
)
def test_a_decoded_character_maps_to_the_start_of_its_reference(markup, offset, ref):
    _, smap, _ = html_to_text(markup)
    start = smap.to_document(offset)
    assert markup[start:].startswith(ref)
    assert not smap.is_exact(offset, offset + 1)
    # the offset after it maps to the end of the reference
    assert smap.to_document(offset + 1) == start + len(ref)


def test_both_code_points_of_a_two_point_reference_map_to_its_start():
    markup = "x &NotEqualTilde;"
    _, smap, _ = html_to_text(markup)
    assert smap.to_document(2) == smap.to_document(3) == 2
    assert smap.to_document(4) == len(markup)


def test_word_ending_in_a_reference_at_the_end_maps_to_the_whole_word():
    markup = "<p>Un caf&eacute;</p>"
    (seg,) = segment("reply.html", markup)
    assert seg.text == "Un café"
    start, end = seg.source_map.to_document(3), seg.source_map.to_document(7)
    assert markup[start:end] == "caf&eacute;"


@given(st.text(alphabet=st.sampled_from(list("ab &#;xX0123456789AEFaeilmnopqstuvw")), max_size=40))
@settings(max_examples=300, deadline=None)
def test_references_decode_as_the_standard_library_does(markup):
    expected = re.sub(r"[ \t\n\f\r]+", " ", stdlib_html.unescape(markup)).strip(" ")
    assert text_of(markup) == expected


# --- positions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "exact_words"),
    [
        ("<p>Sorry, this item is <b>out of stock</b>.</p>", {"Sorry", "out", "of", "stock"}),
        ("<p>out of <b>stock</b></p><p>Back <i>soon</i>!</p>", {"out", "stock", "Back", "soon"}),
        ("Tom &amp; Jerry &mdash; caf&eacute; ok", {"Tom", "Jerry", "ok"}),
        ("<div>\n  <p>\n    Здравствуйте,\n    Анна!\n  </p>\n</div>", {"Здравствуйте", "Анна"}),
        ("<p>您好&#xFF0C;我们</p><p>谢谢</p>", {"您好", "我们", "谢谢"}),
        ("Labdien,<br>paldies &#x2014; jūsu", {"Labdien", "paldies", "jūsu"}),
        ("<pre>a\r\n\r\nb</pre><p>c</p>", {"a", "b", "c"}),
        ("\ufeff<p>x\u2028y</p>", {"x", "y"}),
    ],
)
def test_words_map_exactly_into_the_markup(markup, exact_words):
    check_words(markup, exact_words)


def test_exact_runs_hold_the_markups_own_text():
    markup = "<p>a &amp; <b>b</b>\n c</p><p>d</p>"
    text, smap, _ = html_to_text(markup)
    assert text == "a & b c\n\nd"
    for seg_start, doc_start, length in smap.runs:
        assert text[seg_start : seg_start + length] == markup[doc_start : doc_start + length]


def test_segments_split_at_paragraph_breaks_and_map_to_the_file():
    markup = "<p>Hello,</p>\n<p>Sorry, it is <b>out of stock</b>.</p>\n<p>Best,<br>Anna</p>"
    segs = segment("reply.html", markup)
    assert [s.text for s in segs] == ["Hello,", "Sorry, it is out of stock.", "Best,\nAnna"]
    assert all(s.reply is None for s in segs)
    assert [s.source_map.to_document(0) for s in segs] == [3, 17, markup.index("Best")]
    second = segs[1]
    start = second.text.index("out")
    assert markup[second.source_map.to_document(start) :].startswith("out of stock</b>")
    third = segs[2]
    assert third.source_map.to_document(third.text.index("Anna")) == markup.index("Anna")


def test_blank_paragraphs_are_not_segments():
    assert paragraphs("<p>&nbsp;</p><p> </p><div></div><p>x</p>") == ["x"]
    assert paragraphs("") == []
    assert paragraphs("<!-- only a comment -->") == []


def test_suffixes_choose_the_html_source():
    assert source_name_for("reply.html") == "html"
    assert source_name_for("REPLY.HTM") == "html"
    doc = read_document("reply.html", b"<p>Hi &amp; bye</p>")
    assert [s.text for s in doc.segments] == ["Hi & bye"]


# --- protected spans -------------------------------------------------------------------------


def protected_text(markup: str) -> list[str]:
    text, _, protected = html_to_text(markup)
    return [text[s:e] for s, e in protected]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("Use <code>out of stock</code> flag", ["out of stock"]),
        ("Run <code>a</code> and <kbd>b</kbd>", ["a", "b"]),
        ("<pre>line one\nline two</pre>", ["line one\nline two"]),
        ("<pre><code>x &lt; y</code></pre>", ["x < y"]),
        ("See https://shop.example/out-of-stock.", ["https://shop.example/out-of-stock"]),
        ('<a href="https://x.example">https://x.example/a_(b)</a>!', ["https://x.example/a_(b)"]),
        ("(at www.shop.example/out-of-stock)", ["www.shop.example/out-of-stock"]),
        ("Write to help@out-of-stock.example.", ["help@out-of-stock.example"]),
        ("mailto:help@x.example, thanks", ["mailto:help@x.example"]),
        ("No links here. www. e.g. a@b", []),
    ],
)
def test_code_and_urls_are_protected(markup, expected):
    assert protected_text(markup) == expected


def test_protected_spans_are_rebased_to_each_segment():
    markup = "<p>Intro</p><p>Use <code>out of stock</code> or https://x.example/y here.</p>"
    intro, body = segment("reply.html", markup)
    assert intro.protected == ()
    assert [body.text[s:e] for s, e in body.protected] == ["out of stock", "https://x.example/y"]


def test_space_before_code_is_not_protected():
    text, _, protected = html_to_text("after <code>x</code> y")
    assert text == "after x y"
    assert protected == ((6, 7),)


# --- properties ------------------------------------------------------------------------------

PIECES = st.one_of(
    st.text(max_size=8),
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<br>",
            "<br/>",
            "<b>",
            "</b>",
            "<div class='a'>",
            "</div>",
            "<li>",
            "<pre>",
            "</pre>",
            "<code>",
            "</code>",
            "<script>",
            "</script>",
            "<style>",
            "<head>",
            "</head>",
            "<!--",
            "-->",
            "<!-- c -->",
            '<a href="',
            '">',
            "<",
            ">",
            "</",
            "&",
            "&amp;",
            "&nbsp;",
            "&#1074;",
            "&#x4E2D;",
            "&not",
            "&NotEqualTilde;",
            "&#;",
            "&#x",
            "\n",
            "\r\n",
            "\n\n",
            " ",
            "\t",
            "https://x.example/",
            "out of stock",
            "'",
            '"',
            "=",
        ]
    ),
)


@given(st.lists(PIECES, max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_any_markup_maps_within_bounds_and_in_order(markup):
    text, smap, protected = html_to_text(markup)
    mapped = [smap.to_document(o) for o in range(len(text) + 1)]
    assert all(0 <= d <= len(markup) for d in mapped)
    assert mapped == sorted(mapped)
    for seg_start, doc_start, length in smap.runs:
        assert text[seg_start : seg_start + length] == markup[doc_start : doc_start + length]
    assert all(0 <= s < e <= len(text) for s, e in protected)
    assert all(a[1] < b[0] for a, b in pairwise(protected))
    for seg in segment("reply.html", markup):
        assert seg.text.strip()
        assert seg.text in text
        offsets = [seg.source_map.to_document(o) for o in range(len(seg.text) + 1)]
        assert offsets == sorted(offsets)
        assert all(0 <= d <= len(markup) for d in offsets)
        assert all(0 <= s < e <= len(seg.text) for s, e in seg.protected)


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_never_raises(markup):
    text, smap, _ = html_to_text(markup)
    assert 0 <= smap.to_document(len(text)) <= len(markup)
    segment("reply.html", markup)


def test_url_next_to_chinese_text_does_not_swallow_it():
    from replylint.sources.html import url_spans

    text = "详见 https://example.com/help。这是公司规定，我们不能破例。"
    assert [text[s:e] for s, e in url_spans(text)] == ["https://example.com/help"]
    quoted = "see 'https://example.com/a' now"
    assert [quoted[s:e] for s, e in url_spans(quoted)] == ["https://example.com/a"]


_HTML_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\n",
        "\t",
        "\r\n",
        "\f",
        "a",
        "Sorry",
        "out of stock",
        "ā",
        "您好",
        "&amp;",
        "&nbsp;",
        "&#x41;",
        "&bogus;",
        "<p>",
        "</p>",
        "<br>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<b>",
        "</b>",
        "<!-- c -->",
        "<script>x</script>",
        "<",
        ">",
        "&",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HTML_PIECES, max_size=30).map("".join))
def test_text_runs_in_bulk_equal_character_by_character(monkeypatch_module, markup):
    # A run of plain text is appended in bulk; putting it one character at a time, as the
    # scanner once did, must give the same text, map and protected spans.
    from replylint.sources import html

    bulk = html_to_text(markup)

    def one_by_one(self, text, start, end):
        for k in range(start, end):
            self.put(text[k], k, k + 1, True)

    with monkeypatch_module.context() as patch:
        patch.setattr(html._Visible, "put_run", one_by_one)
        reference = html_to_text(markup)
    assert bulk[0] == reference[0]
    assert bulk[1].runs == reference[1].runs
    assert bulk[2] == reference[2]


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch
