"""Markdown replies: prose paragraphs are segments; code, link targets and markup are not prose.

A line-based scanner (CommonMark's block rules, simplified) finds paragraphs: text between
blank lines, with list items and headings kept inside them. Fenced and indented code blocks,
front matter, reference definitions, HTML comments and ``<script>``/``<style>``/``<pre>``
blocks are skipped. Inside a paragraph, code spans, link and image targets, autolinks, bare
URLs, e-mail addresses, inline HTML tags and comments are protected spans. Every segment is a
slice of the file, so its map is a plain shift and positions stay exact.
"""

from __future__ import annotations

import bisect
import re
import string
from collections import defaultdict
from typing import TYPE_CHECKING

from replylint.document import Segment, SourceMap
from replylint.sources.html import merge_spans, url_spans

if TYPE_CHECKING:
    from replylint.sources import SourceOptions

NAME = "markdown"

_LINE_END = re.compile(r"\r\n|\r|\n")
_BLANK = re.compile(r"[ \t]*(?:>[ \t]*)*$")  # empty, or only block-quote markers
_FENCE = re.compile(r"[ \t]*(?:(`{3,})[^`]*|(~{3,}).*)$")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_REFERENCE = re.compile(r" {0,3}\[(?!\^)(?:[^\[\]\\]|\\.)+\]:[ \t]*(\S?)")
_REFERENCE_TITLE = re.compile(r"[ \t]*(?:\"[^\"]*\"|'[^']*'|\([^()]*\))[ \t]*$")
_RAW_BLOCK = re.compile(r"[ \t]{0,3}<(script|pre|style|textarea)(?:[ \t>]|$)", re.IGNORECASE)
_RAW_BLOCK_END = re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--(?:-?>|[\s\S]*?-->)")
_FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}

_BACKTICKS = re.compile(r"`+")
_ESCAPABLE = frozenset(string.punctuation)
_AUTOLINK = re.compile(
    r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>"
)
_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*"
    r"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*"
    r"\s*/?>"
)
_MAX_LINK_TARGET = 2048  # a link target longer than this is not looked for
_MAX_PAREN_DEPTH = 32  # as CommonMark: deeper nesting in a destination is not a link


def segment(path: str, text: str, options: SourceOptions | None = None) -> list[Segment]:
    """Split a Markdown file into prose paragraphs with their non-prose spans protected."""
    segments: list[Segment] = []
    for start, end in _paragraphs(text):
        chunk = text[start:end]
        if chunk.strip():
            segments.append(
                Segment(
                    chunk, SourceMap.shifted(start, len(chunk)), protected=protected_spans(chunk)
                )
            )
    return segments


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line's content, without its line ending."""
    lines = []
    pos = 0
    for m in _LINE_END.finditer(text):
        lines.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        lines.append((pos, len(text)))
    return lines


def _columns(prefix: str) -> int:
    """The width of ``prefix`` with tabs stopping every four columns."""
    col = 0
    for char in prefix:
        col = col + 4 - col % 4 if char == "\t" else col + 1
    return col


def _indent(line: str) -> int:
    """The width of the line's leading spaces and tabs."""
    return _columns(line[: len(line) - len(line.lstrip(" \t"))])


def _front_matter_lines(text: str, lines: list[tuple[int, int]]) -> int:
    """How many lines YAML (``---``) or TOML (``+++``) front matter takes at the very start."""
    if not lines:
        return 0
    closers = _FRONT_MATTER.get(text[lines[0][0] : lines[0][1]].rstrip())
    if closers is None:
        return 0
    for k in range(1, len(lines)):
        if text[lines[k][0] : lines[k][1]].rstrip() in closers:
            return k + 1
    return 0  # never closed: not front matter


class _Scanner:
    """Walk the lines of a file once, collecting paragraph spans and skipping non-prose blocks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _lines(text)
        self.paragraphs: list[tuple[int, int]] = []
        self.start: int | None = None  # offset where the open paragraph starts
        self.end = 0
        self.lists: list[int] = []  # content columns of the open list items, innermost last

    def line(self, k: int) -> str:
        """The content of line ``k``."""
        start, end = self.lines[k]
        return self.text[start:end]

    def close(self) -> None:
        """End the open paragraph, if any."""
        if self.start is not None:
            self.paragraphs.append((self.start, self.end))
            self.start = None

    def add(self, start: int, end: int) -> None:
        """Add ``text[start:end]`` (one line, trimmed) to the open paragraph."""
        content = self.text[start:end]
        start += len(content) - len(content.lstrip())
        end = start + len(content.strip())
        if start >= end:
            return
        if self.start is None:
            self.start = start
        self.end = end

    def run(self) -> list[tuple[int, int]]:
        """Return the ``(start, end)`` offsets of every paragraph."""
        k = _front_matter_lines(self.text, self.lines)
        while k < len(self.lines):
            k = self.step(k)
        self.close()
        return self.paragraphs

    def step(self, k: int) -> int:
        """Handle the block that starts at line ``k``; return the next line to look at."""
        line = self.line(k)
        if _BLANK.match(line):
            self.close()
            return k + 1
        indent = _indent(line)
        item = _LIST_ITEM.match(line)
        if self.start is None and item is None:
            while self.lists and indent < self.lists[-1]:
                self.lists.pop()
        base = self.lists[-1] if self.lists else 0
        if self.start is None and indent >= base + 4:
            return self.skip_indented_code(k + 1, base + 4)
        fence = _FENCE.match(line)
        if fence and indent <= base + 3:
            self.close()
            return self.skip_fence(k + 1, fence.group(1) or fence.group(2))
        stripped = line.lstrip(" \t")
        if stripped.startswith("<!--") and indent <= base + 3:
            self.close()
            return self.skip_comment(k, self.lines[k][0] + len(line) - len(stripped))
        if _RAW_BLOCK.match(line):
            self.close()
            return self.skip_raw_block(k)
        if self.start is None and (ref := _REFERENCE.match(line)):
            return self.skip_reference(k, has_target=bool(ref.group(1)))
        if _THEMATIC_BREAK.match(line):
            self.close()
            return k + 1
        if item is not None:
            while self.lists and self.lists[-1] > indent:
                self.lists.pop()
            self.lists.append(_columns(item.group()))
        self.add(*self.lines[k])
        return k + 1

    def skip_indented_code(self, k: int, width: int) -> int:
        """Skip an indented code block whose first line came before line ``k``."""
        while k < len(self.lines):
            line = self.line(k)
            if line.strip() and _indent(line) < width:
                break
            k += 1
        return k

    def skip_fence(self, k: int, fence: str) -> int:
        """Skip a fenced code block's lines from ``k`` through its closing fence (or the end)."""
        closing = re.compile(rf"[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        while k < len(self.lines):
            if closing.match(self.line(k)):
                return k + 1
            k += 1
        return k

    def skip_comment(self, k: int, start: int) -> int:
        """Skip the comment opening at ``start`` on line ``k``; text after it starts a paragraph."""
        m = _COMMENT.match(self.text, start)
        if m is None:
            return len(self.lines)  # an unclosed comment runs to the end of the file
        while self.lines[k][1] < m.end():
            k += 1
        self.add(m.end(), self.lines[k][1])
        return k + 1

    def skip_raw_block(self, k: int) -> int:
        """Skip a ``<script>``/``<style>``/``<pre>``/``<textarea>`` block through its end tag."""
        m = _RAW_BLOCK_END.search(self.text, self.lines[k][0])
        if m is None:
            return len(self.lines)
        while self.lines[k][1] < m.end():
            k += 1
        return k + 1

    def skip_reference(self, k: int, has_target: bool) -> int:
        """Skip a link reference definition and a target or title on the next line."""
        k += 1
        if k < len(self.lines) and not has_target and self.line(k).strip():
            k += 1
        if k < len(self.lines) and _REFERENCE_TITLE.match(self.line(k)):
            k += 1
        return k


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return _Scanner(text).run()


def protected_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """Spans of one paragraph that are not prose: code, link targets, URLs, HTML markup."""
    runs: dict[int, list[int]] = defaultdict(list)  # backtick-run length -> starts
    for m in _BACKTICKS.finditer(paragraph):
        runs[m.end() - m.start()].append(m.start())
    spans: list[tuple[int, int]] = []
    finder = _Finder(paragraph)
    n = len(paragraph)
    i = 0
    while i < n:
        char = paragraph[i]
        end: int | None = None
        if char == "\\" and i + 1 < n and paragraph[i + 1] in _ESCAPABLE:
            i += 2
            continue
        if char == "`":
            size = _run_length(paragraph, i)
            starts = runs.get(size, [])
            j = bisect.bisect_left(starts, i + size)
            if j == len(starts):
                i += size  # no closing run: the backticks are literal
                continue
            end = starts[j] + size
        elif char == "<":
            end = _markup_end(paragraph, i, finder)
        elif char == "]" and i + 1 < n and paragraph[i + 1] in "([":
            target = _link_target_end(paragraph, i + 1)
            if target is not None:
                spans.append((i + 1, target))
                i = target
                continue
        if end is None:
            i += 1
            continue
        spans.append((i, end))
        i = end
    return merge_spans(spans + url_spans(paragraph))


def _run_length(text: str, i: int) -> int:
    """The number of backticks starting at ``i``."""
    j = i
    while j < len(text) and text[j] == "`":
        j += 1
    return j - i


class _Finder:
    """``str.find`` from growing offsets, remembering each needle's last answer.

    A needle found at or after an earlier offset answers for every later offset up to it,
    and one missing after an earlier offset is missing after later ones: no rescans.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.last: dict[str, int] = {}

    def find(self, needle: str, start: int) -> int:
        """The first index of ``needle`` at or after ``start``, or -1."""
        known = self.last.get(needle)
        if known is not None and (known < 0 or known >= start):
            return known
        found = self.text.find(needle, start)
        self.last[needle] = found
        return found


def _markup_end(text: str, i: int, finder: _Finder) -> int | None:
    """The end of the comment, autolink or HTML tag at ``text[i] == '<'``, if there is one."""
    if text.startswith("<!--", i):
        m = _COMMENT.match(text, i)
        return len(text) if m is None else m.end()  # unclosed: the rest is not prose
    if text.startswith("<?", i):
        close = finder.find("?>", i + 2)
        return None if close < 0 else close + 2
    if text.startswith("<![CDATA[", i):
        close = finder.find("]]>", i + 9)
        return None if close < 0 else close + 3
    if text.startswith("<!", i) and i + 2 < len(text) and text[i + 2].isalpha():
        close = finder.find(">", i + 2)
        return None if close < 0 else close + 1
    m = _AUTOLINK.match(text, i) or _TAG.match(text, i)
    return None if m is None else m.end()


def _link_target_end(text: str, i: int) -> int | None:
    """The end of ``(target "title")`` or ``[label]`` at ``text[i]``, right after a ``]``."""
    limit = min(len(text), i + _MAX_LINK_TARGET)
    if text[i] == "[":
        j = i + 1
        while j < limit:
            if text[j] == "\\":
                j += 2
                continue
            if text[j] == "[":
                return None
            if text[j] == "]":
                return j + 1
            j += 1
        return None
    j = _skip_space(text, i + 1, limit)
    if j < limit and text[j] == "<":  # <destination>
        close = text.find(">", j + 1, limit)
        if close < 0 or "<" in text[j + 1 : close] or "\n" in text[j + 1 : close]:
            return None
        j = close + 1
    else:
        depth = 0
        while j < limit and not text[j].isspace():
            char = text[j]
            if char == "\\":
                j += 1
            elif char == "(":
                depth += 1
                if depth > _MAX_PAREN_DEPTH:
                    return None
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
    j = _skip_space(text, j, limit)
    if j < limit and text[j] in "\"'(":
        close = text.find(")" if text[j] == "(" else text[j], j + 1, limit)
        if close < 0:
            return None
        j = _skip_space(text, close + 1, limit)
    if j < limit and text[j] == ")":
        return j + 1
    return None


def _skip_space(text: str, j: int, limit: int) -> int:
    """The first offset at or after ``j`` that is not whitespace."""
    while j < limit and text[j].isspace():
        j += 1
    return j
