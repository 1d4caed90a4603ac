"""A small node tree shared by the JSON and YAML sources, with exact maps for string values.

Parsers build ``ScalarNode`` / ``MappingNode`` / ``SequenceNode`` values that keep their start and
end offsets in the decoded file; a string value also keeps a ``SourceMap`` from its decoded
characters back to the file, built with ``TextBuilder``. ``exports`` walks these trees.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from replylint.document import Segment, SourceMap

ScalarValue = str | int | float | bool | None
# Nodes are never changed once built; they are not frozen because a frozen dataclass takes
# three times as long to make, and a large export has hundreds of thousands of them.
# Deepest nesting of a JSON or YAML file that is read: libraries need a handful of levels, and
# the parsers and tree walks recurse once or twice per level within Python's recursion limit.
MAX_DEPTH = 200
HtmlResult = tuple[str, SourceMap, tuple[tuple[int, int], ...]]


@dataclass(slots=True, eq=False)
class ScalarNode:
    """A string, number, boolean or null; strings that are values carry a map to the file."""

    value: ScalarValue
    start: int
    end: int
    source_map: SourceMap | None = None
    # makes ``source_map`` when first asked for (``text_map``): a parser may leave a string's
    # map until its segment is made, which for an export is in the process that lints it
    make_map: Callable[[], SourceMap] | None = None
    # the value is the file's text between the quotes at ``start`` and ``end``, as it is: its
    # map is one run, made when asked for (most strings of an export are never asked)
    verbatim: bool = False

    @property
    def text(self) -> str | None:
        """The decoded string, or None when the scalar is not a string."""
        return self.value if isinstance(self.value, str) else None

    def text_map(self) -> SourceMap | None:
        """The map from the decoded string to the file; None for keys and non-strings."""
        if self.source_map is None:
            if self.make_map is not None:
                self.source_map = self.make_map()
                self.make_map = None
            elif self.verbatim:
                self.source_map = SourceMap(((0, self.start + 1, self.end - self.start - 2),))
        return self.source_map


@dataclass(slots=True, eq=False)
class MappingNode:
    """An object / mapping: ``items`` are ``(key, value)`` pairs in file order."""

    items: tuple[tuple[Node, Node], ...]
    start: int
    end: int
    index: dict[str, Node] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:  # JSON keys are strings: one expression, not a call per key
            self.index = {k.value.lower(): v for k, v in self.items}  # type: ignore[union-attr]
        except AttributeError:  # a YAML key that is not a string
            self.index = {key_text(k).lower(): v for k, v in self.items}

    def get(self, key: str) -> Node | None:
        """The value of ``key`` (compared case-insensitively; the last one wins), or None."""
        return self.index.get(key.lower())

    def get_text(self, key: str) -> ScalarNode | None:
        """The value of ``key`` when it is a non-empty string scalar, else None."""
        value = self.get(key)
        if isinstance(value, ScalarNode) and value.text:
            return value
        return None

    def has(self, *keys: str) -> bool:
        """Whether every one of ``keys`` is present."""
        return all(k.lower() in self.index for k in keys)


@dataclass(slots=True, eq=False)
class SequenceNode:
    """An array / sequence."""

    items: tuple[Node, ...]
    start: int
    end: int


Node = ScalarNode | MappingNode | SequenceNode


def key_text(node: Node) -> str:
    """A mapping key as text (non-string keys are shown as their value)."""
    if isinstance(node, ScalarNode):
        if isinstance(node.value, str):
            return node.value
        if node.value is None:
            return ""
        return str(node.value).lower() if isinstance(node.value, bool) else str(node.value)
    return ""


class TextBuilder:
    """Build a decoded string together with its map back to ``document``.

    ``copy`` appends document text verbatim (one exact run); ``put`` appends decoded characters
    that stand for the document text at ``at`` (an escape, a folded line break): they map to
    ``at`` and never count as exact.
    """

    def __init__(self, document: str, origin: int = 0) -> None:
        self._document = document
        self._origin = origin  # where the text starts: what an empty text maps to
        self._parts: list[str] = []
        self._runs: list[tuple[int, int, int]] = []
        self._length = 0

    def copy(self, start: int, end: int) -> None:
        """Append ``document[start:end]`` unchanged."""
        if end <= start:
            return
        n = end - start
        self._parts.append(self._document[start:end])
        if self._runs:
            seg, doc, length = self._runs[-1]
            if length and seg + length == self._length and doc + length == start:
                self._runs[-1] = (seg, doc, length + n)
                self._length += n
                return
        self._runs.append((self._length, start, n))
        self._length += n

    def put(self, chars: str, at: int) -> None:
        """Append decoded ``chars`` that map to document offset ``at``."""
        if not chars:
            return
        if self._runs:
            seg, doc, length = self._runs[-1]
            follows = seg + length == self._length and doc + length == at
        else:
            follows = False
        if not follows:
            self._runs.append((self._length, at, 0))
        self._parts.append(chars)
        self._length += len(chars)

    def build(self, end: int | None = None) -> tuple[str, SourceMap]:
        """The decoded text and its map; ``end`` is where the text ends in the document.

        With ``end``, the offset just past a decoded character at the very end maps to ``end``
        (the closing quote) rather than to the start of that character's escape.
        """
        runs = list(self._runs) or [(0, self._origin if end is None else end, 0)]
        if end is not None:
            seg, doc, length = runs[-1]
            if not (seg + length == self._length and doc + length == end):
                runs.append((self._length, end, 0))
        return "".join(self._parts), SourceMap(tuple(runs))


# --- language --------------------------------------------------------------------------------

# Zendesk account locale ids, as listed by GET /api/v2/locales/public.json; other ids are left
# to language detection.
ZENDESK_LOCALE_IDS: dict[int, str] = {1: "en", 9: "zh", 10: "zh"}

_LANG_NAMES: dict[str, str] = {
    "en": "en",
    "eng": "en",
    "english": "en",
    "ru": "ru",
    "rus": "ru",
    "russian": "ru",
    "русский": "ru",
    "lv": "lv",
    "lav": "lv",
    "latvian": "lv",
    "latviešu": "lv",
    "latviesu": "lv",
    "zh": "zh",
    "zho": "zh",
    "chi": "zh",
    "cmn": "zh",
    "chinese": "zh",
    "中文": "zh",
    "简体中文": "zh",
    "繁體中文": "zh",
    "繁体中文": "zh",
}
_SUBTAG_SPLIT = re.compile(r"[-_.@\s]")


def normalise_lang(value: ScalarValue) -> str | None:
    """``ru-RU``, ``lv_LV``, ``zh-Hant``, ``English`` or a Zendesk locale id → en/ru/lv/zh."""
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return None
    if isinstance(value, int):
        return ZENDESK_LOCALE_IDS.get(value)
    name = value.strip().lower()
    if not name:
        return None
    if name in _LANG_NAMES:
        return _LANG_NAMES[name]
    if name.isdigit():
        # int() refuses "²" and numbers of thousands of digits; no locale id is either.
        digits = name.lstrip("0") or "0"
        if name.isascii() and len(digits) <= 18:
            return ZENDESK_LOCALE_IDS.get(int(digits))
        return None
    return _LANG_NAMES.get(_SUBTAG_SPLIT.split(name, maxsplit=1)[0])


# --- segments --------------------------------------------------------------------------------

_HTML_SIGN = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9:-]*\s*|!--[\s\S]*?--)>"
    r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
_TAG_OR_ENTITY = re.compile(
    r"<[^<>]*>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds an HTML tag, comment or character reference."""
    return _HTML_SIGN.search(text) is not None


def html_visible_text(html: str) -> HtmlResult:
    """Visible text of ``html``, its map into ``html`` and protected spans.

    Uses ``replylint.sources.html``; while that module is absent, the markup is kept and every
    tag and character reference is protected, so phrases never match inside it.
    """
    try:
        module = importlib.import_module("replylint.sources.html")
    except ModuleNotFoundError as exc:
        if exc.name != "replylint.sources.html":
            raise
        spans = tuple((m.start(), m.end()) for m in _TAG_OR_ENTITY.finditer(html))
        return html, SourceMap.shifted(0, len(html)), spans
    convert = cast(Callable[[str], HtmlResult], module.html_to_text)
    return convert(html)


def compose(inner: SourceMap, outer: SourceMap, outer_length: int) -> SourceMap:
    """``inner.then(outer)``, plus an anchor for every character ``outer`` decoded.

    ``SourceMap.then`` keeps the exact stretches only; a visible character that came from an
    escape in ``outer`` would map to the next stretch. The anchors make it map to the escape.
    """
    composed = inner.then(outer)
    covered = sorted((s, s + n) for s, _, n in outer.runs if n)
    gaps: list[int] = []
    pos = 0
    for lo, hi in covered:
        gaps.extend(range(pos, lo))
        pos = max(pos, hi)
    gaps.extend(range(pos, outer_length))
    anchors = [(seg, outer.to_document(mid), 0) for seg, mid, n in inner.runs if not n]
    if not gaps and not anchors:
        return composed
    for q in gaps:
        for seg, mid, length in inner.runs:
            if mid <= q < mid + length:
                anchors.append((seg + q - mid, outer.to_document(q), 0))
    last_seg, last_mid, last_length = inner.runs[-1]
    if last_length:  # the end of the text maps past a decoded last character, not onto it
        anchors.append((last_seg + last_length, outer.to_document(last_mid + last_length), 0))
    taken = {r[0] for r in composed.runs}
    runs = sorted([*composed.runs, *(a for a in anchors if a[0] not in taken)])
    return SourceMap(tuple(runs))


def string_segment(
    node: ScalarNode,
    *,
    lang: str | None,
    entry: str | None,
    reply: object,
    html: bool | None = False,
    item: object = None,
) -> Segment | None:
    """A segment for a string node; None when blank.

    ``html`` True reads the string as HTML (its visible text is the segment), None does so
    only when it holds markup, False never.
    """
    text = node.text
    if text is None or not text.strip():
        return None
    source_map = node.text_map()
    if source_map is None:
        return None
    if html or (html is None and looks_like_html(text)):
        visible, html_map, protected = html_visible_text(text)
        if not visible.strip():
            return None
        return Segment(
            visible,
            compose(html_map, source_map, len(text)),
            lang=lang,
            entry=entry,
            reply=reply,
            item=item,
            protected=protected,
        )
    return Segment(text, source_map, lang=lang, entry=entry, reply=reply, item=item)
