"""HTML replies: lint the visible text, report positions in the HTML source.

``html_to_text`` turns markup into the text a reader sees (tags skipped, character references
decoded, whitespace collapsed, block elements as line breaks) with a ``SourceMap`` back to the
markup and the spans that are not prose (code, URLs). It is pure and never raises, so sources
that hold HTML inside other formats (JSON exports, YAML libraries) can reuse it and compose its
map with their own (``SourceMap.then`` keeps the exact runs; the zero-length ones below must be
carried over by the caller).

Mapping: visible characters copied from the markup form exact runs; a decoded character (an
entity, a collapsed line break, a break made from a tag) is not exact and gets a zero-length
run that maps its offset to the start of its reference or tag; the offset after a decoded
character at the end of the text maps to the end of its reference.
"""

from __future__ import annotations

import bisect
import html as _html
import operator
import re
from dataclasses import dataclass, field
from html.entities import html5
from itertools import groupby, islice
from typing import TYPE_CHECKING

from replylint.document import Segment, SourceMap

if TYPE_CHECKING:
    from replylint.sources import SourceOptions

NAME = "html"

_WS = " \t\n\f\r"  # HTML's ASCII whitespace
# Block elements: an opening tag starts a new line, a closing tag ends the paragraph.
_BLOCK = frozenset(
    {
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "blockquote", "hr", "pre", "section", "article", "header", "footer", "nav", "aside",
        "main", "figure", "figcaption", "address", "dl", "dt", "dd", "details", "summary",
        "fieldset", "form", "tbody", "thead", "tfoot", "caption", "center", "body", "html",
    }
)  # fmt: skip
_CELL = frozenset({"td", "th"})  # cells of one row stay one paragraph, on separate lines
_CODE = frozenset({"code", "pre", "kbd", "samp", "tt"})  # contents are protected, not prose
# Elements whose contents are never shown; they are dropped up to their end tag.
_HIDDEN = frozenset({"script", "style", "title", "template", "iframe", "noembed", "noframes"})
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# The character-reference syntax that ``html.unescape`` decodes.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_COMMENT_END = re.compile(r"--!?>")
_HEAD_END = re.compile(r"</head[\t\n\f\r />]|<body[\t\n\f\r />]", re.IGNORECASE)
_TEXT_RUN = re.compile(r"[^<&]+")
# Whitespace, or words joined by single spaces (a lone space between words stays as it is).
_WS_OR_TEXT = re.compile(r"([ \t\n\f\r]+)|[^ \t\n\f\r]+(?: [^ \t\n\f\r]+)*")

# URLs and e-mail addresses written as text; trailing punctuation is not part of them.
_URL = re.compile(
    # The body stops at non-ASCII text: "https://x.cn/a退款" ends before 退款 (IRIs are rare
    # in replies; a URL written next to Chinese text must not swallow the sentence).
    r"(?<![\w@.])(?:[A-Za-z][A-Za-z0-9+.-]{1,31}://|www\.|mailto:)[!#-&(-;=?-_a-~]*"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_URL_TRAILING = ".,:;!?*_~'\""

# A line ending is CRLF, LF or a lone CR; a blank line (possibly with spaces) splits paragraphs.
_EOL = r"(?:\r\n|\r(?!\n)|\n)"
_PARAGRAPH_BREAK = re.compile(rf"{_EOL}[ \t]*{_EOL}\s*")


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, ``www.`` addresses and e-mail addresses written as plain text."""
    spans = []
    for m in _URL.finditer(text):
        end = _trim_url(text, m.start(), m.end())
        if end - m.start() > 4:
            spans.append((m.start(), end))
    return spans


def _trim_url(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation and unbalanced closing brackets (as GitHub autolinks do)."""
    opening = text.count("(", start, end)
    closing = text.count(")", start, end)
    while end > start:
        last = text[end - 1]
        if last in _URL_TRAILING:
            end -= 1
        elif last == ")" and opening < closing:
            end -= 1
            closing -= 1
        else:
            break
    return end


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sort spans and join overlapping or touching ones (the engine skips overlapping spans)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


@dataclass
class _Visible:
    """Visible text under construction: per character its source span and whether it is exact."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)
    protected: list[bool] = field(default_factory=list)
    pending: tuple[int, bool, bool] | None = None  # a collapsed space: offset, exact, protected
    code_depth: int = 0
    pre_depth: int = 0
    no_head_end: bool = False

    def _put(self, char: str, start: int, end: int, exact: bool, protected: bool) -> None:
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(end)
        self.exact.append(exact)
        self.protected.append(protected)

    def put(self, char: str, start: int, end: int, exact: bool) -> None:
        """Append a visible character; whitespace collapses outside ``<pre>``."""
        if self.pre_depth == 0 and char in _WS:
            if self.pending is None and self.chars and self.chars[-1] not in "\n ":
                self.pending = (start, exact and char == " ", self.code_depth > 0)
            return
        self._flush_pending()
        self._put(char, start, end, exact, self.code_depth > 0)

    def put_run(self, markup: str, start: int, end: int) -> None:
        """Append ``markup[start:end]``, plain text, exactly as ``put`` would char by char.

        A run of whitespace outside ``<pre>`` decides the pending space by its first character
        (the rest change nothing), and a run of words joined by single spaces, which ``put``
        would keep as they are, is appended in one step.
        """
        if self.pre_depth:
            self._flush_pending()
            self._extend(markup, start, end)
            return
        for piece in _WS_OR_TEXT.finditer(markup, start, end):
            at, stop = piece.span()
            if piece.lastindex == 1:  # whitespace: its first character decides
                self.put(markup[at], at, at + 1, True)
                continue
            self._flush_pending()
            self._extend(markup, at, stop)

    def _flush_pending(self) -> None:
        if self.pending is not None:
            at, space_exact, space_protected = self.pending
            self.pending = None
            self._put(" ", at, at + 1, space_exact, space_protected)

    def _extend(self, markup: str, start: int, end: int) -> None:
        size = end - start
        self.chars.extend(markup[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))
        self.exact.extend([True] * size)
        self.protected.extend([self.code_depth > 0] * size)

    def trailing_newlines(self) -> int:
        """How many line breaks end the text so far."""
        count = 0
        for char in reversed(self.chars):
            if char != "\n":
                break
            count += 1
        return count

    def line_break(self, count: int, at: int, always: bool = False) -> None:
        """End the line (``count`` 1) or the paragraph (``count`` 2) at the tag at ``at``."""
        self.pending = None
        if not self.chars:
            return
        have = self.trailing_newlines()
        if always and have < 2:
            self._put("\n", at, at, False, self.code_depth > 0)
            return
        for _ in range(count - have):
            self._put("\n", at, at, False, self.code_depth > 0)

    def finish(self) -> None:
        """Drop the line breaks made from tags at the end of the text."""
        self.pending = None
        while self.chars and self.chars[-1] == "\n" and not self.exact[-1]:
            for column in (self.chars, self.starts, self.ends, self.exact, self.protected):
                column.pop()

    def source_map(self, start: int, end: int) -> SourceMap:
        """The map of ``text[start:end]``, re-based to 0, into the markup.

        Exact characters whose sources follow one another form one run; they are found as
        groups of equal (exact, source offset - text offset), which ``groupby`` compares in C.
        """
        runs: list[tuple[int, int, int]] = []
        shifts = map(operator.sub, islice(self.starts, start, end), range(start, end))
        t = start
        for (is_exact, shift), group in groupby(
            zip(islice(self.exact, start, end), shifts, strict=True)
        ):
            size = len(list(group))
            if is_exact:
                runs.append((t - start, t + shift, size))
            else:
                runs.extend((k - start, self.starts[k], 0) for k in range(t, t + size))
            t += size
        if end > start and not self.exact[end - 1]:
            runs.append((end - start, self.ends[end - 1], 0))
        return SourceMap(tuple(runs) or ((0, 0, 0),))

    def protected_spans(self) -> list[tuple[int, int]]:
        """Maximal stretches of characters inside code elements."""
        if True not in self.protected:  # the usual case, answered by one scan in C
            return []
        spans = []
        t = 0
        while t < len(self.chars):
            if self.protected[t]:
                first = t
                while t < len(self.chars) and self.protected[t]:
                    t += 1
                spans.append((first, t))
            else:
                t += 1
        return spans


@dataclass(frozen=True)
class _Tag:
    """A start or end tag: its lower-cased name and the offset after its ``>``."""

    name: str
    end: int
    closing: bool


def _scan_tag(markup: str, i: int, closing: bool) -> _Tag | None:
    """Read the tag at ``markup[i]`` (``<`` or ``</``); None when the file ends inside it."""
    n = len(markup)
    j = i + (2 if closing else 1)
    name_start = j
    while j < n and markup[j] not in _WS and markup[j] not in "/>":
        j += 1
    name = markup[name_start:j].lower()
    while True:
        while j < n and (markup[j] in _WS or markup[j] == "/"):
            j += 1
        if j >= n:
            return None
        if markup[j] == ">":
            return _Tag(name, j + 1, closing)
        j += 1  # an attribute name; its first character may be anything, even "="
        while j < n and markup[j] not in _WS and markup[j] not in "/>=":
            j += 1
        while j < n and markup[j] in _WS:
            j += 1
        if j < n and markup[j] == "=":
            j += 1
            while j < n and markup[j] in _WS:
                j += 1
            if j >= n:
                return None
            if markup[j] in "\"'":
                close = markup.find(markup[j], j + 1)
                if close < 0:
                    return None
                j = close + 1
            else:
                while j < n and markup[j] not in _WS and markup[j] != ">":
                    j += 1


def _skip_hidden(markup: str, name: str, start: int) -> int:
    """The offset after the end tag of hidden element ``name`` whose contents begin at ``start``."""
    pattern = re.compile(rf"</{re.escape(name)}[\t\n\f\r />]", re.IGNORECASE)
    m = pattern.search(markup, start)
    if m is None:
        return len(markup)
    tag = _scan_tag(markup, m.start(), closing=True)
    return len(markup) if tag is None else tag.end


def _decode_reference(markup: str, i: int) -> tuple[str, int] | None:
    """Decode the character reference at ``markup[i] == '&'`` as ``html.unescape`` does."""
    m = _CHARREF.match(markup, i)
    if m is None:
        return None
    ref = m.group(1)
    if ref[0] == "#":
        return _html.unescape(m.group(0)), m.end()
    if ref in html5:
        return html5[ref], m.end()
    for size in range(len(ref) - 1, 1, -1):  # the longest name that is a prefix
        if ref[:size] in html5:
            return html5[ref[:size]], i + 1 + size
    return None


def _handle_tag(out: _Visible, markup: str, i: int, tag: _Tag) -> int:
    """Apply a start or end tag at ``i`` to ``out``; return where scanning goes on."""
    name = tag.name
    if not tag.closing:
        if name in _HIDDEN:
            return _skip_hidden(markup, name, tag.end)
        if name == "head":
            m = None if out.no_head_end else _HEAD_END.search(markup, tag.end)
            if m is None:
                out.no_head_end = True  # none later either: later <head> tags need no search
                return tag.end
            if m.group().startswith("</"):
                end_tag = _scan_tag(markup, m.start(), closing=True)
                return len(markup) if end_tag is None else end_tag.end
            return m.start()
    if name == "br":
        out.line_break(1, i, always=True)
    elif name == "hr":
        out.line_break(2, i)
    elif name in _BLOCK:
        out.line_break(2 if tag.closing else 1, i)
    elif name in _CELL:
        out.line_break(1, i)
    if name in _CODE:
        out.code_depth = max(out.code_depth + (-1 if tag.closing else 1), 0)
    if name == "pre":
        out.pre_depth = max(out.pre_depth + (-1 if tag.closing else 1), 0)
        if not tag.closing and markup.startswith("\n", tag.end):
            return tag.end + 1  # a line break right after <pre> is not content
        if not tag.closing and markup.startswith("\r\n", tag.end):
            return tag.end + 2
    return tag.end


def _markup(out: _Visible, markup: str, i: int) -> int:
    """Handle the ``<`` at ``i``: a tag, comment or declaration, or a literal ``<``."""
    n = len(markup)
    nxt = markup[i + 1] if i + 1 < n else ""
    if markup.startswith("<!--", i):
        if markup.startswith(">", i + 4):
            return i + 5
        if markup.startswith("->", i + 4):
            return i + 6
        m = _COMMENT_END.search(markup, i + 4)
        return n if m is None else m.end()
    if nxt in ("!", "?"):  # doctype, CDATA, processing instruction: a bogus comment
        close = markup.find(">", i + 2)
        return n if close < 0 else close + 1
    if nxt == "/":
        after = markup[i + 2] if i + 2 < n else ""
        if after in _ASCII_LETTERS:
            tag = _scan_tag(markup, i, closing=True)
            return n if tag is None else _handle_tag(out, markup, i, tag)
        if after == ">":
            return i + 3
        if after == "":
            out.put("<", i, i + 1, True)
            out.put("/", i + 1, i + 2, True)
            return n
        close = markup.find(">", i + 2)
        return n if close < 0 else close + 1
    if nxt in _ASCII_LETTERS:
        tag = _scan_tag(markup, i, closing=False)
        return n if tag is None else _handle_tag(out, markup, i, tag)
    out.put("<", i, i + 1, True)
    return i + 1


def _visible(markup: str) -> _Visible:
    """Scan ``markup`` once, collecting the visible characters and their source spans."""
    out = _Visible()
    i = 0
    n = len(markup)
    while i < n:
        char = markup[i]
        if char == "<":
            i = _markup(out, markup, i)
        elif char == "&":
            decoded = _decode_reference(markup, i)
            if decoded is None:
                out.put("&", i, i + 1, True)
                i += 1
            else:
                value, end = decoded
                for ch in value:
                    out.put(ch, i, end, False)
                i = end
        else:
            m = _TEXT_RUN.match(markup, i)
            assert m is not None
            out.put_run(markup, m.start(), m.end())
            i = m.end()
    out.finish()
    return out


def html_to_text(html: str) -> tuple[str, SourceMap, tuple[tuple[int, int], ...]]:
    """Return the visible text of ``html``, its map back to ``html`` and its protected spans.

    Protected spans (text offsets) cover ``<code>``/``<pre>``-like contents and URLs or e-mail
    addresses shown as text. Malformed markup never raises; it degrades as a browser would.
    """
    out = _visible(html)
    text = "".join(out.chars)
    protected = merge_spans(out.protected_spans() + url_spans(text))
    return text, out.source_map(0, len(text)), protected


def segment(path: str, text: str, options: SourceOptions | None = None) -> list[Segment]:
    """Split the visible text of an HTML file into paragraph segments mapped to the file."""
    out = _visible(text)
    visible = "".join(out.chars)
    protected = merge_spans(out.protected_spans() + url_spans(visible))
    segments: list[Segment] = []
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(visible):
        _add(segments, out, visible, protected, start, brk.start())
        start = brk.end()
    _add(segments, out, visible, protected, start, len(visible))
    return segments


def _add(
    segments: list[Segment],
    out: _Visible,
    visible: str,
    protected: tuple[tuple[int, int], ...],
    start: int,
    end: int,
) -> None:
    chunk = visible[start:end]
    if not chunk.strip():
        return
    spans = []
    for k in range(
        max(bisect.bisect_right(protected, (start, len(visible) + 1)) - 1, 0), len(protected)
    ):
        s, e = protected[k]
        if s >= end:
            break
        if e > start:
            spans.append((max(s, start) - start, min(e, end) - start))
    segments.append(Segment(chunk, out.source_map(start, end), protected=tuple(spans)))
