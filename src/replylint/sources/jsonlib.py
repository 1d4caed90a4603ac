"""JSON macro libraries and helpdesk exports: every reply-text string maps back to the file.

The tree keeps the offsets of every value; string values carry an exact map from decoded
characters to the file (an escape maps to its backslash). The tree then goes through
``exports``, which recognises helpdesk export shapes or walks the configured text keys.

A valid document (the standard library's C parser says so) is built from one scan of its
tokens; strings with escapes are decoded by the C string scanner, and their maps are made only
when a segment asks for one. Anything else goes through a small recursive-descent parser,
which makes the same tree or says where the syntax breaks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import partial
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

from replylint.collector import paused
from replylint.document import Segment, SourceMap
from replylint.errors import InputError
from replylint.sources.tree import (
    MAX_DEPTH,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    TextBuilder,
)
from replylint.text import LineIndex

if TYPE_CHECKING:
    from replylint.sources import SourceOptions

NAME = "json"

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_PLAIN_STRING = re.compile(r'"([^"\\\x00-\x1f]*)"')
_CHUNK = re.compile(r'[^"\\\x00-\x1f]*')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
# In a valid document: a string (group 1: between its quotes), a bracket, or a bare scalar (a
# number, true, false, null, ...).
_TOKEN = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"|([\[{])|([\]}])|([^\s,:\][{}"]+)')
_SIMPLE_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_LITERALS: dict[str, bool | float | None] = {
    "true": True,
    "false": False,
    "null": None,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}


class JsonSyntaxError(Exception):
    """Malformed JSON at a document offset."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def segment(path: str, text: str, options: SourceOptions | None = None) -> Sequence[Segment]:
    """Parse ``text`` as JSON and return a segment per reply-text string in it."""
    from replylint.sources import SourceOptions
    from replylint.sources.exports import segments_from_tree

    if _WHITESPACE.fullmatch(text):  # an empty file is an empty library, not a syntax error
        return []
    root = parse(text, path)
    return segments_from_tree(root, options or SourceOptions(), path)


def parse(text: str, path: str = "<json>") -> Node:
    """Parse a JSON document into a position-keeping tree; errors are ``InputError``."""
    if _valid(text):
        with paused():  # a tree of small objects and no cycles: nothing to collect
            tree = _tree_from_tokens(text)
        if tree is not None:
            return tree
    try:
        return _Parser(text).document()
    except JsonSyntaxError as exc:
        line, column = LineIndex(text).line_col(exc.offset)
        raise InputError(f"invalid JSON: {exc.message}", path, line, column) from None
    except RecursionError:
        raise InputError("invalid JSON: nesting too deep", path) from None


def _valid(text: str) -> bool:
    """Whether the C parser accepts ``text`` (what it accepts, ``_Parser`` accepts alike)."""
    try:
        json.loads(text, object_pairs_hook=_ignore)
    except (ValueError, RecursionError):
        return False
    return True


def _ignore(pairs: object) -> None:
    """Build nothing for an object: only validity is asked."""


def _tree_from_tokens(text: str) -> Node | None:
    """The tree of a valid document from its tokens; None when it nests too deep.

    Punctuation (``,`` and ``:``) is skipped: in a valid document the brackets alone say
    where each value belongs, and every other token is a key or a value.
    """
    root: Node | None = None
    # per open container: (start, items, is_mapping); a mapping's pending key is kept apart
    stack: list[tuple[int, list[Any], bool]] = []
    keys: list[Node | None] = []
    in_mapping = False
    for match in _TOKEN.finditer(text):
        kind = match.lastindex
        node: Node
        if kind == 1:  # a string
            start, end = match.span()
            is_key = in_mapping and keys[-1] is None
            inner = match.group(1)
            if "\\" in inner:  # decoded by the C scanner; its map is made when needed
                value = scanstring(text, start + 1)[0]
                node = ScalarNode(value, start, end)
                if not is_key:
                    node.make_map = partial(_escaped_map, text, start, end)
            elif is_key:
                node = ScalarNode(inner, start, end)
            else:
                node = ScalarNode(inner, start, end, None, None, True)  # its map made when asked
            if is_key:
                keys[-1] = node
                continue
        elif kind == 2:  # an opening bracket
            if len(stack) >= MAX_DEPTH:
                return None
            in_mapping = match.group() == "{"
            stack.append((match.start(), [], in_mapping))
            keys.append(None)
            continue
        elif kind == 3:  # a closing bracket
            open_start, items, is_mapping = stack.pop()
            keys.pop()
            in_mapping = bool(stack) and stack[-1][2]
            if is_mapping:
                node = MappingNode(tuple(items), open_start, match.end())
            else:
                node = SequenceNode(tuple(items), open_start, match.end())
        else:  # a number, true, false or null: the document is valid
            raw = match.group()
            scalar = _LITERALS[raw] if raw in _LITERALS else _number_value(raw)
            node = ScalarNode(scalar, *match.span())
        if not stack:
            root = node
        elif in_mapping:
            stack[-1][1].append((keys[-1], node))
            keys[-1] = None
        else:
            stack[-1][1].append(node)
    return root


def _number_value(raw: str) -> int | float:
    """The value of a valid JSON number, as ``_Parser._number`` gives it."""
    if "." in raw or "e" in raw or "E" in raw:
        return float(raw)
    try:
        return int(raw)
    except ValueError:  # more digits than int() converts; a number is never reply text
        return float(raw)


# One escape of a valid string, decoding to one code point: a surrogate pair, \uXXXX, or \x.
_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\."
)


def _escaped_map(text: str, start: int, end: int) -> SourceMap:
    """The map of the string token ``text[start:end]`` of a valid document, escapes and all.

    The runs ``TextBuilder`` makes for it, from one scan of its escapes: each stretch between
    escapes is a run; an escape right after another (or first) starts an empty run where it
    stands, and one after a stretch adds nothing (its character follows that run).
    """
    runs: list[tuple[int, int, int]] = []
    decoded = 0  # code points so far
    pos = start + 1
    close = end - 1  # the closing quote
    for escape in _ESCAPE.finditer(text, pos, close):
        at = escape.start()
        if at > pos:
            runs.append((decoded, pos, at - pos))
            decoded += at - pos
        else:
            runs.append((decoded, at, 0))
        decoded += 1
        pos = escape.end()
    if close > pos:
        runs.append((decoded, pos, close - pos))
        decoded += close - pos
    seg, doc, length = runs[-1]  # the token holds an escape, so there is a run
    if not (seg + length == decoded and doc + length == close):
        runs.append((decoded, close, 0))
    return SourceMap(tuple(runs))


class _Parser:
    """Recursive descent over the decoded text; ``pos`` is a code-point offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.depth = 0

    def _enter(self) -> None:
        """Count one more level of nesting; too many is an error where it happens."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise JsonSyntaxError(f"nested deeper than {MAX_DEPTH} levels", self.pos)

    def document(self) -> Node:
        self._skip()
        if self.pos >= len(self.text):
            raise JsonSyntaxError("expected a value, found the end of the file", self.pos)
        node = self._value()
        self._skip()
        if self.pos < len(self.text):
            raise JsonSyntaxError("unexpected data after the top-level value", self.pos)
        return node

    def _skip(self) -> None:
        match = _WHITESPACE.match(self.text, self.pos)
        if match:
            self.pos = match.end()

    def _value(self) -> Node:
        text, pos = self.text, self.pos
        ch = text[pos] if pos < len(text) else ""
        if ch == "{":
            return self._object()
        if ch == "[":
            return self._array()
        if ch == '"':
            return self._string()
        if ch == "-" or ch.isdigit():
            if text.startswith("-Infinity", pos):
                self.pos = pos + len("-Infinity")
                return ScalarNode(float("-inf"), pos, self.pos)
            return self._number()
        for word, value in _LITERALS.items():
            if text.startswith(word, pos):
                self.pos = pos + len(word)
                return ScalarNode(value, pos, self.pos)
        if not ch:
            raise JsonSyntaxError("expected a value, found the end of the file", pos)
        raise JsonSyntaxError(f"expected a value, found {ch!r}", pos)

    def _number(self) -> ScalarNode:
        start = self.pos
        match = _NUMBER.match(self.text, start)
        if not match:
            raise JsonSyntaxError("invalid number", start)
        self.pos = match.end()
        raw = match.group()
        value: int | float
        try:
            value = float(raw) if match.group(1) or match.group(2) else int(raw)
        except ValueError:  # more digits than int() converts; a number is never reply text
            value = float(raw)
        return ScalarNode(value, start, self.pos)

    def _object(self) -> MappingNode:
        start = self.pos
        self._enter()
        self.pos += 1
        items: list[tuple[Node, Node]] = []
        self._skip()
        if self._peek() == "}":
            self.pos += 1
            self.depth -= 1
            return MappingNode((), start, self.pos)
        while True:
            self._skip()
            if self._peek() != '"':
                message = self._found("expected a property name in double quotes")
                raise JsonSyntaxError(message, self.pos)
            key = self._string(keep_map=False)
            self._skip()
            if self._peek() != ":":
                raise JsonSyntaxError(self._found("expected ':' after the property name"), self.pos)
            self.pos += 1
            self._skip()
            items.append((key, self._value()))
            self._skip()
            ch = self._peek()
            self.pos += 1
            if ch == "}":
                self.depth -= 1
                return MappingNode(tuple(items), start, self.pos)
            if ch != ",":
                self.pos -= 1
                raise JsonSyntaxError(self._found("expected ',' or '}' in the object"), self.pos)

    def _array(self) -> SequenceNode:
        start = self.pos
        self._enter()
        self.pos += 1
        items: list[Node] = []
        self._skip()
        if self._peek() == "]":
            self.pos += 1
            self.depth -= 1
            return SequenceNode((), start, self.pos)
        while True:
            self._skip()
            items.append(self._value())
            self._skip()
            ch = self._peek()
            self.pos += 1
            if ch == "]":
                self.depth -= 1
                return SequenceNode(tuple(items), start, self.pos)
            if ch != ",":
                self.pos -= 1
                raise JsonSyntaxError(self._found("expected ',' or ']' in the array"), self.pos)

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _found(self, message: str) -> str:
        ch = self._peek()
        return f"{message}, found {ch!r}" if ch else f"{message}, found the end of the file"

    def _string(self, keep_map: bool = True) -> ScalarNode:
        """A string token starting at ``pos`` (the opening quote)."""
        text, start = self.text, self.pos
        plain = _PLAIN_STRING.match(text, start)
        if plain:
            self.pos = plain.end()
            value = plain.group(1)
            source_map = SourceMap.shifted(start + 1, len(value)) if keep_map else None
            return ScalarNode(value, start, self.pos, source_map)
        builder = TextBuilder(text, start + 1)
        pos = start + 1
        while True:
            chunk = _CHUNK.match(text, pos)
            end = chunk.end() if chunk else pos
            builder.copy(pos, end)
            pos = end
            if pos >= len(text):
                raise JsonSyntaxError("unterminated string", start)
            ch = text[pos]
            if ch == '"':
                self.pos = pos + 1
                value, source_map = builder.build(end=pos)
                return ScalarNode(value, start, self.pos, source_map if keep_map else None)
            if ch in "\r\n":
                message = "unterminated string (a line break inside a string is written \\n)"
                raise JsonSyntaxError(message, start)
            if ch != "\\":
                raise JsonSyntaxError(f"control character {ch!r} in a string", pos)
            decoded, after = self._escape(pos)
            builder.put(decoded, pos)
            pos = after

    def _escape(self, pos: int) -> tuple[str, int]:
        """Decode the escape at ``pos`` (a backslash); return the character and the end offset."""
        text = self.text
        kind = text[pos + 1] if pos + 1 < len(text) else ""
        if kind in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[kind], pos + 2
        if kind != "u":
            raise JsonSyntaxError(f"invalid escape {text[pos : pos + 2]!r}", pos)
        if not _HEX4.match(text, pos + 2):
            raise JsonSyntaxError("invalid \\u escape: expected four hex digits", pos)
        code = int(text[pos + 2 : pos + 6], 16)
        after = pos + 6
        if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", after):
            low_hex = text[after + 2 : after + 6]
            if _HEX4.fullmatch(low_hex):
                low = int(low_hex, 16)
                if 0xDC00 <= low <= 0xDFFF:
                    combined = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    return chr(combined), after + 6
        return chr(code), after
