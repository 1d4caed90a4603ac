"""YAML macro libraries: reply-text scalars of every style map back to the file exactly.

The file is composed with PyYAML's safe loader (nodes keep their start and end offsets), then
each string scalar is re-read from the file with the scanner's own rules (plain and quoted line
folding, ``''`` and backslash escapes, ``|`` and ``>`` block scalars with indentation and
chomping), so every decoded character maps to the text it came from. A decoding that does not
reproduce PyYAML's value falls back to a line-by-line map.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from replylint.document import Segment, SourceMap
from replylint.errors import InputError
from replylint.sources.tree import (
    MAX_DEPTH,
    MappingNode,
    Node,
    ScalarNode,
    ScalarValue,
    SequenceNode,
    TextBuilder,
)
from replylint.text import LineIndex

if TYPE_CHECKING:
    from replylint.sources import SourceOptions

NAME = "yaml"

_BREAKS = "\r\n\x85\u2028\u2029"
_NEWLINES = "\n\x85\u2028\u2029"
_CORE = "tag:yaml.org,2002:"
_CONSTRUCTED = frozenset({_CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"})
_NOT_TEXT = frozenset({_CORE + "timestamp", _CORE + "binary", _CORE + "merge", _CORE + "value"})
_ESCAPES = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\x09",
    "\t": "\x09",
    "n": "\x0a",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\x0d",
    "e": "\x1b",
    " ": "\x20",
    '"': '"',
    "\\": "\\",
    "/": "/",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_ESCAPE_CODES = {"x": 2, "u": 4, "U": 8}
_PLAIN_RUN = re.compile(r"[^ \t\0\r\n\x85\u2028\u2029]+")
_QUOTED_RUN = re.compile(r"[^'\"\\\0 \t\r\n\x85\u2028\u2029]+")
_LINE_RUN = re.compile(r"[^\0\r\n\x85\u2028\u2029]+")
_BLANKS = re.compile(r"[ \t]+")


def segment(path: str, text: str, options: SourceOptions | None = None) -> list[Segment]:
    """Compose ``text`` as YAML and return a segment per reply-text string in it."""
    from replylint.sources import SourceOptions
    from replylint.sources.exports import segments_from_tree

    options = options or SourceOptions()
    if not text.strip():  # blank, even with a tab YAML would reject: an empty library
        return []
    roots = parse(text, path)
    segments: list[Segment] = []
    for number, root in enumerate(roots, start=1):
        found = segments_from_tree(root, options, path)
        if len(roots) > 1:
            found = [_in_document(s, number) for s in found]
        segments.extend(found)
    return segments


def _in_document(seg: Segment, number: int) -> Segment:
    """Name the document of a multi-document file in the entry and keep replies apart."""
    entry = f"document {number}: {seg.entry}" if seg.entry else f"document {number}"
    return seg._replace(entry=entry, reply=(number, seg.reply))


def parse(text: str, path: str = "<yaml>") -> list[Node]:
    """Compose every document of ``text`` into position-keeping trees; errors are InputError.

    libyaml composes when it is available (its marks count code points too); a file it rejects
    is composed again by the pure-Python loader, whose messages and marks the errors use.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            _check_depth(text, path, fast)
            documents = list(yaml.compose_all(text, Loader=fast))
        except (yaml.YAMLError, RecursionError):
            pass
        else:
            return _convert(text, documents, path)
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        problem = str(exc.problem or "")
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and ("end of stream" in problem or "stream end" in problem):
            mark = exc.context_mark  # an unclosed scalar or bracket: point at where it opens
        message = ": ".join(str(p) for p in (exc.context, exc.problem) if p) or "syntax error"
        index = mark.index if mark else None
        raise _error(text, path, f"invalid YAML: {message}", index) from None
    except yaml.reader.ReaderError as exc:
        raise _error(
            text,
            path,
            f"invalid YAML: unacceptable character #x{exc.character:04x}",
            exc.position,
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}".splitlines()[0], path) from None
    except RecursionError:  # the pure-Python composer recurses once per nesting level
        raise InputError("invalid YAML: nesting too deep", path) from None
    return _convert(text, documents, path)


# Every level of nesting starts with one of these: a flow collection, a block sequence entry,
# a block mapping key.
_NESTING_SIGNS = "[{-?:"


def _check_depth(text: str, path: str, loader: type[yaml.CSafeLoader]) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH`` before libyaml composes the file.

    libyaml's composer recurses in C without a limit, so a file of a few hundred kilobytes of
    ``[`` crashes the process; its parser is iterative, and its events count the levels.
    """
    if sum(text.count(sign) for sign in _NESTING_SIGNS) <= MAX_DEPTH:
        return
    try:
        _count_depth(text, path, loader)
    except yaml.YAMLError:
        # Newer libyaml scanners read far ahead and stop at their own nesting limit before
        # the first event; the pure-Python parser yields events as it goes, so the level
        # past ``MAX_DEPTH`` is found (and located) there.
        _count_depth(text, path, yaml.SafeLoader)


def _count_depth(text: str, path: str, loader: type[yaml.SafeLoader | yaml.CSafeLoader]) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"invalid YAML: nested deeper than {MAX_DEPTH} levels"
                mark = event.start_mark
                raise _error(text, path, message, mark.index if mark else None)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _convert(text: str, documents: Sequence[yaml.Node | None], path: str) -> list[Node]:
    converter = _Converter(text)
    try:
        return [converter.node(doc) for doc in documents if doc is not None]
    except RecursionError:
        raise InputError("invalid YAML: nesting too deep", path) from None


def _error(text: str, path: str, message: str, index: int | None) -> InputError:
    if index is None:
        return InputError(message, path)
    line, column = LineIndex(text).line_col(min(index, len(text)))
    return InputError(message, path, line, column)


class _Converter:
    """Turn PyYAML nodes into tree nodes; aliases share one tree node, cycles are cut."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.done: dict[int, Node] = {}
        self.busy: set[int] = set()
        self.constructor = SafeConstructor()

    def node(self, node: yaml.Node) -> Node:
        key = id(node)
        if key in self.done:
            return self.done[key]
        start, end = node.start_mark.index, node.end_mark.index
        if key in self.busy:
            return ScalarNode(None, start, end)
        self.busy.add(key)
        result: Node
        if isinstance(node, yaml.MappingNode):
            items = tuple((self.node(k), self.node(v)) for k, v in node.value)
            result = MappingNode(items, start, end)
        elif isinstance(node, yaml.SequenceNode):
            result = SequenceNode(tuple(self.node(v) for v in node.value), start, end)
        else:
            assert isinstance(node, yaml.ScalarNode)
            result = self._scalar(node)
        self.busy.discard(key)
        self.done[key] = result
        return result

    def _scalar(self, node: yaml.ScalarNode) -> ScalarNode:
        start, end = node.start_mark.index, node.end_mark.index
        if node.tag in _CONSTRUCTED:
            try:
                value: ScalarValue = self.constructor.construct_object(node)
            # PyYAML's constructors index and look up without checking: ``!!int ''`` raises
            # IndexError, ``!!bool ''`` KeyError. Keep the text, as for any value that fails.
            except (ConstructorError, ValueError, IndexError, KeyError):
                value = node.value
            return ScalarNode(value, start, end)
        if node.tag in _NOT_TEXT:
            return ScalarNode(node.value, start, end)
        return ScalarNode(node.value, start, end, scalar_map(self.text, node))


# --- exact maps for scalars ------------------------------------------------------------------


class _Cursor:
    """A position in the text with PyYAML's column (code points since the last line break)."""

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.pos = pos
        after_lf = text.rfind("\n", 0, pos) + 1  # other breaks can only come after the last LF
        last_break = max(text.rfind(ch, after_lf, pos) for ch in _BREAKS)
        self.column = pos - (last_break + 1 if last_break >= 0 else after_lf)

    def skip(self, pattern: re.Pattern[str], end: int | None = None) -> int:
        """Move past a run that ``pattern`` matches (never a line break); return its start."""
        start = self.pos
        match = pattern.match(self.text, start, len(self.text) if end is None else end)
        if match and match.end() > start:
            run = self.text[start : match.end()]
            self.pos = match.end()
            self.column += len(run) - run.count("\ufeff")
        return start

    def peek(self, k: int = 0) -> str:
        i = self.pos + k
        return self.text[i] if i < len(self.text) else "\0"

    def forward(self, n: int = 1) -> None:
        for _ in range(n):
            ch = self.peek()
            self.pos += 1
            if ch in _NEWLINES or (ch == "\r" and self.peek() != "\n"):
                self.column = 0
            elif ch != "\ufeff":
                self.column += 1

    def line_break(self) -> str:
        """Consume a line break as PyYAML does: CRLF, CR, LF and NEL read as LF."""
        ch = self.peek()
        if ch in "\r\n\x85":
            self.forward(2 if self.text.startswith("\r\n", self.pos) else 1)
            return "\n"
        if ch in "\u2028\u2029":
            self.forward()
            return ch
        return ""


class _Mismatch(Exception):
    """The re-read scalar is not what PyYAML read."""


def scalar_map(text: str, node: yaml.ScalarNode) -> SourceMap:
    """The map from ``node.value`` to ``text``: exact per style, else line by line."""
    found = exact_scalar_map(text, node)
    if found is not None:
        return found
    return line_map(text, node.start_mark.index, node.end_mark.index, node.value)


def exact_scalar_map(text: str, node: yaml.ScalarNode) -> SourceMap | None:
    """Re-read the scalar with PyYAML's rules; None when that does not give ``node.value``."""
    start = _content_start(text, node)
    style = node.style
    if style in ("|", ">"):
        # The block's indentation depends on its parent's, which the node does not keep:
        # try each possible one and keep the reading that gives PyYAML's value.
        for min_indent in range(1, _Cursor(text, start).column + 2):
            found = _attempt(partial(_block, text, start, node.value, min_indent))
            if found is not None:
                return found
        return None
    if style in ("'", '"'):
        return _attempt(partial(_quoted, text, start, node.value, double=style == '"'))
    return _attempt(partial(_plain, text, start, node.end_mark.index, node.value))


def _attempt(read: Callable[[], SourceMap | None]) -> SourceMap | None:
    try:
        return read()
    except (_Mismatch, IndexError, ValueError):
        return None


def _content_start(text: str, node: yaml.ScalarNode) -> int:
    """Skip a tag or anchor before the scalar: the offset of its quote, indicator or text."""
    pos = node.start_mark.index
    end = node.end_mark.index
    while pos < end and text[pos] in "&!":
        while pos < end and text[pos] not in " \t" + _BREAKS:
            pos += 1
        while pos < end and text[pos] in " \t" + _BREAKS:
            pos += 1
    return pos


def _checked(builder: TextBuilder, value: str, end: int | None = None) -> SourceMap | None:
    decoded, source_map = builder.build(end)
    return source_map if decoded == value else None


def _plain(text: str, start: int, end: int, value: str) -> SourceMap | None:
    b = TextBuilder(text, start)
    c = _Cursor(text, start)
    while c.pos < end:
        s = c.skip(_PLAIN_RUN, end)
        b.copy(s, c.pos)
        if c.pos >= end:
            break
        ws = c.skip(_BLANKS)
        if c.peek() in _BREAKS:
            _fold(b, c, plain=True)
        else:
            b.copy(ws, c.pos)
    return _checked(b, value)


def _fold(b: TextBuilder, c: _Cursor, *, plain: bool) -> None:
    """A line break inside a flow or plain scalar: a space, or the empty lines it spans."""
    at = c.pos
    line_break = c.line_break()
    breaks = _flow_breaks(c, tabs=not plain)
    if line_break != "\n":
        b.put(line_break, at)
    elif not breaks:
        b.put(" ", at)
    for pos, ch in breaks:
        b.put(ch, pos)


def _flow_breaks(c: _Cursor, *, tabs: bool = True) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    blank = " \t" if tabs else " "
    while True:
        while c.peek() in blank:
            c.forward()
        if c.peek() in _BREAKS:
            pos = c.pos
            out.append((pos, c.line_break()))
        else:
            return out


def _quoted(text: str, start: int, value: str, *, double: bool) -> SourceMap | None:
    b = TextBuilder(text, start)
    c = _Cursor(text, start)
    quote = c.peek()
    if quote not in "'\"":
        raise _Mismatch
    c.forward()
    _non_spaces(b, c, double)
    while c.peek() != quote:
        if c.peek() == "\0":
            raise _Mismatch
        s = c.skip(_BLANKS)
        if c.peek() in _BREAKS:
            _fold(b, c, plain=False)
        else:
            b.copy(s, c.pos)
        _non_spaces(b, c, double)
    return _checked(b, value, end=c.pos)


def _non_spaces(b: TextBuilder, c: _Cursor, double: bool) -> None:
    while True:
        s = c.skip(_QUOTED_RUN)
        b.copy(s, c.pos)
        ch = c.peek()
        if not double and ch == "'" and c.peek(1) == "'":
            b.put("'", c.pos)
            c.forward(2)
        elif (double and ch == "'") or (not double and ch in '"\\'):
            b.copy(c.pos, c.pos + 1)
            c.forward()
        elif double and ch == "\\":
            at = c.pos
            c.forward()
            ch = c.peek()
            if ch in _ESCAPES:
                b.put(_ESCAPES[ch], at)
                c.forward()
            elif ch in _ESCAPE_CODES:
                length = _ESCAPE_CODES[ch]
                c.forward()
                b.put(chr(int(c.text[c.pos : c.pos + length], 16)), at)
                c.forward(length)
            elif ch in _BREAKS:
                c.line_break()
                for pos, br in _flow_breaks(c):
                    b.put(br, pos)
            else:
                raise _Mismatch
        else:
            return


def _block(text: str, start: int, value: str, min_indent: int) -> SourceMap | None:
    b = TextBuilder(text, start)
    c = _Cursor(text, start)
    folded = c.peek() == ">"
    if c.peek() not in "|>":
        raise _Mismatch
    c.forward()
    chomping: bool | None = None
    increment: int | None = None
    for _ in range(2):
        ch = c.peek()
        if ch in "+-":
            chomping = ch == "+"
            c.forward()
        elif ch in "123456789":
            increment = int(ch)
            c.forward()
    while c.peek() == " ":
        c.forward()
    if c.peek() == "#":
        while c.peek() not in "\0" + _BREAKS:
            c.forward()
    c.line_break()
    if increment is None:
        breaks, max_indent = _block_indentation(c)
        indent = max(min_indent, max_indent)
    else:
        indent = min_indent + increment - 1
        breaks = _block_breaks(c, indent)
    line_break, break_at = "", c.pos
    while c.column == indent and c.peek() != "\0":
        for pos, br in breaks:
            b.put(br, pos)
        leading_non_space = c.peek() not in " \t"
        s = c.skip(_LINE_RUN)
        b.copy(s, c.pos)
        break_at = c.pos
        line_break = c.line_break()
        breaks = _block_breaks(c, indent)
        if c.column == indent and c.peek() != "\0":
            if folded and line_break == "\n" and leading_non_space and c.peek() not in " \t":
                if not breaks:
                    b.put(" ", break_at)
            else:
                b.put(line_break, break_at)
        else:
            break
    if chomping is not False:
        b.put(line_break, break_at)
    if chomping is True:
        for pos, br in breaks:
            b.put(br, pos)
    return _checked(b, value)


def _block_indentation(c: _Cursor) -> tuple[list[tuple[int, str]], int]:
    breaks: list[tuple[int, str]] = []
    max_indent = 0
    while c.peek() in " " + _BREAKS:
        if c.peek() != " ":
            pos = c.pos
            breaks.append((pos, c.line_break()))
        else:
            c.forward()
            max_indent = max(max_indent, c.column)
    return breaks, max_indent


def _block_breaks(c: _Cursor, indent: int) -> list[tuple[int, str]]:
    breaks: list[tuple[int, str]] = []
    while c.column < indent and c.peek() == " ":
        c.forward()
    while c.peek() in _BREAKS:
        pos = c.pos
        breaks.append((pos, c.line_break()))
        while c.column < indent and c.peek() == " ":
            c.forward()
    return breaks


_LINE_PIECES = re.compile(r"[^\n]+|\n")


def line_map(text: str, start: int, end: int, value: str) -> SourceMap:
    """An approximate map: each line of ``value`` found in order in ``text[start:end]``."""
    b = TextBuilder(text, start)
    cursor = start
    for piece in _LINE_PIECES.findall(value):
        found = text.find(piece, cursor, end) if piece != "\n" else -1
        if found >= 0:
            b.copy(found, found + len(piece))
            cursor = found + len(piece)
        else:
            b.put(piece, cursor)
    return b.build()[1]
