"""Helpdesk export shapes: which strings of a parsed JSON/YAML tree are reply text.

A recognised shape (Zendesk macros, Zendesk dynamic content, Freshdesk, Help Scout, Intercom,
Front, Gorgias, Zammad) yields only its reply-text fields, named after the macro's title, so a
macro's title, tags or keywords are never linted as prose. Anything else is walked generically:
every string under one of the configured text keys is a segment; a top-level list of strings or
mapping of name → string is a simple library with one reply per string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from replylint.document import Segment, SegmentsToMake
from replylint.errors import InputError
from replylint.sources.tree import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    key_text,
    normalise_lang,
    string_segment,
)

if TYPE_CHECKING:
    from replylint.sources import SourceOptions

GENERIC = "generic"
# Keys whose string values are HTML whenever they contain markup.
HTML_KEYS = frozenset({"comment_value_html", "html", "body_html", "content_html"})
# Keys that name an object, in the order they are preferred for an entry's name.
LABEL_KEYS = ("title", "name", "id", "raw_title", "key")
_MAX_LABEL = 60
_ITEM_DEPTH = 3


@dataclass(frozen=True, slots=True)
class TextField:
    """One reply-text string found in a tree, with what its segment needs."""

    node: ScalarNode
    entry: str
    lang: str | None
    reply: object
    html: bool | None  # True: HTML; None: HTML when it has markup; False: plain text
    item: object = None  # per-locale variants of one item share it (cross-locale checks)


@dataclass(frozen=True, slots=True)
class ExportItem:
    """An object of an export shape, where it sits and the objects that enclose it."""

    node: MappingNode
    path: str
    ancestors: tuple[MappingNode, ...]


@dataclass(frozen=True)
class Shape:
    """A helpdesk export shape: how to recognise its objects and which of their fields to lint."""

    name: str
    description: str
    recognise: Callable[[MappingNode], bool]  # a strict test, for telling shapes apart
    accept: Callable[[MappingNode], bool]  # a looser test, for objects of a known shape
    fields: Callable[[ExportItem, SourceOptions], list[TextField]]


# --- helpers ---------------------------------------------------------------------------------


def _join(path: str, key: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", key):
        shown = key
    else:
        shown = '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{path}.{shown}" if path else shown


def _label(node: MappingNode) -> str | None:
    for key in LABEL_KEYS:
        value = node.get(key)
        if not isinstance(value, ScalarNode) or isinstance(value.value, bool):
            continue
        if isinstance(value.value, str):
            text = " ".join(value.value.split())
            if text:
                if len(text) > _MAX_LABEL:
                    text = text[: _MAX_LABEL - 1] + "…"
                return '"' + text.replace('"', '\\"') + '"'
        elif isinstance(value.value, (int, float)):
            return f"#{value.value}"
    return None


def entry_name(path: str, labelled: MappingNode | None, field: str) -> str:
    """``macros[12] "Refund delay" comment_value``: object path, its title, then the field."""
    parts = [path] if path else []
    label = _label(labelled) if labelled is not None else None
    if label:
        parts.append(label)
    if field:
        parts.append(field)
    return " ".join(parts)


def nearest_lang(chain: tuple[MappingNode, ...], lang_keys: tuple[str, ...]) -> str | None:
    """The language named by the innermost object in ``chain`` that has a language key.

    An empty or null value does not count; a value that names another language gives None.
    """
    keys = _lowered(lang_keys)
    for node in reversed(chain):
        index = node.index  # what ``get`` looks in, without a call and a lower() per key
        for key in keys:
            value = index.get(key)
            if isinstance(value, ScalarNode) and value.value not in (None, ""):
                return normalise_lang(value.value)
    return None


@lru_cache(maxsize=16)
def _lowered(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(key.lower() for key in keys)


def _is_string(node: Node | None) -> bool:
    return isinstance(node, ScalarNode) and isinstance(node.value, str)


def _mappings(node: Node | None) -> Iterator[tuple[int, MappingNode]]:
    if isinstance(node, SequenceNode):
        for i, item in enumerate(node.items):
            if isinstance(item, MappingNode):
                yield i, item


def _find_items(
    node: Node,
    accept: Callable[[MappingNode], bool],
    path: str = "",
    ancestors: tuple[MappingNode, ...] = (),
    depth: int = _ITEM_DEPTH,
) -> Iterator[ExportItem]:
    """Objects that ``accept`` takes: the root, or inside wrappers up to ``depth`` levels down.

    In file order, found as they are asked for: recognising a shape needs only the first.
    """
    if isinstance(node, MappingNode):
        if accept(node):
            yield ExportItem(node, path, ancestors)
        elif depth > 0:
            inner = (*ancestors, node)
            for key, value in node.items:
                yield from _find_items(value, accept, _join(path, key_text(key)), inner, depth - 1)
    elif isinstance(node, SequenceNode) and depth > 0:
        for i, value in enumerate(node.items):
            yield from _find_items(value, accept, f"{path}[{i}]", ancestors, depth - 1)


def _field(
    item: ExportItem,
    node: Node | None,
    field: str,
    options: SourceOptions,
    *,
    chain: tuple[MappingNode, ...] = (),
    html: bool | None = None,
    reply: str | None = None,
    variant_of: str | None = None,
) -> list[TextField]:
    """A text field of ``item`` when ``node`` is a string; ``chain`` are objects inside the item."""
    if not isinstance(node, ScalarNode) or not isinstance(node.value, str):
        return []
    lang = nearest_lang((*item.ancestors, item.node, *chain), options.lang_keys)
    entry = entry_name(item.path, item.node, field)
    return [TextField(node, entry, lang, item.path if reply is None else reply, html, variant_of)]


def html_kind(key: str, *, markup_allowed: bool = True) -> bool | None:
    """Whether a field named ``key`` holds HTML: True, None (when it has markup) or False."""
    lower = key.lower()
    if lower in HTML_KEYS:
        return True
    if lower.endswith("html") or markup_allowed:
        return None
    return False


def _first_field(item: ExportItem, options: SourceOptions, *keys: str) -> list[TextField]:
    """The first of ``keys`` that holds text, read as HTML when the key or its markup says so."""
    found = _first_text(item.node, *keys)
    if found is None:
        return []
    key, node = found
    return _field(item, node, key, options, html=html_kind(key, markup_allowed=key in _MARKUP_KEYS))


def _first_text(node: MappingNode, *keys: str) -> tuple[str, ScalarNode] | None:
    for key in keys:
        value = node.get(key)
        if isinstance(value, ScalarNode) and isinstance(value.value, str) and value.value.strip():
            return key, value
    return None


# --- shapes ----------------------------------------------------------------------------------

_ZENDESK_TEXT_FIELDS = ("comment_value", "comment_value_html")
# Fields that may hold markup although their name does not say so (Help Scout, Intercom).
_MARKUP_KEYS = frozenset({"text", "body"})


def _zendesk_actions(node: MappingNode) -> list[MappingNode]:
    return [a for _, a in _mappings(node.get("actions")) if a.has("field")]


def _action_field(action: MappingNode) -> str:
    value = action.get("field")
    return key_text(value) if value is not None else ""


def _zendesk_macro_recognise(node: MappingNode) -> bool:
    actions = _zendesk_actions(node)
    return any(_action_field(a) in _ZENDESK_TEXT_FIELDS for a in actions) or (
        bool(actions) and node.has("title")
    )


def _zendesk_macro_fields(item: ExportItem, options: SourceOptions) -> list[TextField]:
    out: list[TextField] = []
    for action in _zendesk_actions(item.node):
        field = _action_field(action)
        if field not in _ZENDESK_TEXT_FIELDS:
            continue
        value = action.get("value")
        if isinstance(value, SequenceNode):  # ["channel:all", "text"]: the text is the last string
            strings = [v for v in value.items if _is_string(v)]
            value = strings[-1] if strings else None
        out.extend(
            _field(
                item,
                value,
                field,
                options,
                chain=(action,),
                html=html_kind(field, markup_allowed=False),
            )
        )
    return out


def _dynamic_content_recognise(node: MappingNode) -> bool:
    variants = list(_mappings(node.get("variants")))
    return (
        bool(variants)
        and all(v.has("content") for _, v in variants)
        and any(v.has("locale_id") or v.has("locale") for _, v in variants)
    )


def _dynamic_content_fields(item: ExportItem, options: SourceOptions) -> list[TextField]:
    out: list[TextField] = []
    for j, variant in _mappings(item.node.get("variants")):
        reply = f"{item.path}.variants[{j}]" if item.path else f"variants[{j}]"
        out.extend(
            _field(
                item,
                variant.get("content"),
                f"variants[{j}] content",
                options,
                chain=(variant,),
                reply=reply,
                variant_of=item.path or "item",
            )
        )
    return out


def _freshdesk_recognise(node: MappingNode) -> bool:
    return node.has("title") and (
        node.has("content_html") or (node.has("content") and node.has("folder_id"))
    )


def _freshdesk_fields(item: ExportItem, options: SourceOptions) -> list[TextField]:
    return _first_field(item, options, "content_html", "content")


def _helpscout_recognise(node: MappingNode) -> bool:
    return node.has("name") and (
        node.has("chatText")
        or (node.has("text") and (node.has("preview") or node.has("chatPreview")))
    )


def _helpscout_fields(item: ExportItem, options: SourceOptions) -> list[TextField]:
    return _first_field(item, options, "text", "chatText")


def _intercom_recognise(node: MappingNode) -> bool:
    kind = node.get("type")
    if isinstance(kind, ScalarNode) and kind.value == "macro":
        return node.has("body") or node.has("body_text")
    return node.has("name", "body_text") and (node.has("available_on") or node.has("visible_to"))


def _intercom_fields(item: ExportItem, options: SourceOptions) -> list[TextField]:
    return _first_field(item, options, "body_text", "body")


def _front_recognise(node: MappingNode) -> bool:
    ident = node.get("id")
    front_id = isinstance(ident, ScalarNode) and str(ident.value).startswith("rsp_")
    return node.has("name", "body") and (front_id or node.has("_links"))


def _front_fields(item: ExportItem, options: SourceOptions) -> list[TextField]:
    return _field(item, item.node.get("body"), "body", options)


def _gorgias_actions(node: MappingNode) -> list[tuple[MappingNode, MappingNode]]:
    out = []
    for _, action in _mappings(node.get("actions")):
        arguments = action.get("arguments")
        if isinstance(arguments, MappingNode) and (
            arguments.has("body_text") or arguments.has("body_html")
        ):
            out.append((action, arguments))
    return out


def _gorgias_recognise(node: MappingNode) -> bool:
    for _, action in _mappings(node.get("actions")):
        name = action.get("name")
        if isinstance(name, ScalarNode) and name.value == "setResponseText":
            return True
    return False


def _gorgias_fields(item: ExportItem, options: SourceOptions) -> list[TextField]:
    out: list[TextField] = []
    for action, arguments in _gorgias_actions(item.node):
        name = action.get("name")
        if isinstance(name, ScalarNode) and name.value not in (None, "setResponseText"):
            continue
        found = _first_text(arguments, "body_html", "body_text")
        if found is not None:
            key, node = found
            html = html_kind(key, markup_allowed=False)
            out.extend(_field(item, node, key, options, chain=(action, arguments), html=html))
    return out


def _zammad_recognise(node: MappingNode) -> bool:
    return node.has("name", "content", "keywords")


def _zammad_fields(item: ExportItem, options: SourceOptions) -> list[TextField]:
    return _field(item, item.node.get("content"), "content", options)


EXPORTS: dict[str, Shape] = {
    shape.name: shape
    for shape in (
        Shape(
            "zendesk-macros",
            "Zendesk macros: actions[].value where field is comment_value / comment_value_html",
            _zendesk_macro_recognise,
            lambda n: bool(_zendesk_actions(n)),
            _zendesk_macro_fields,
        ),
        Shape(
            "gorgias",
            "Gorgias macros: actions[name=setResponseText].arguments.body_html / body_text",
            _gorgias_recognise,
            lambda n: bool(_gorgias_actions(n)),
            _gorgias_fields,
        ),
        Shape(
            "zendesk-dynamic-content",
            "Zendesk dynamic content: variants[].content, language from variants[].locale_id",
            _dynamic_content_recognise,
            lambda n: any(v.has("content") for _, v in _mappings(n.get("variants"))),
            _dynamic_content_fields,
        ),
        Shape(
            "intercom",
            "Intercom macros: body_text, else body (HTML)",
            _intercom_recognise,
            lambda n: n.has("body_text") or n.has("body"),
            _intercom_fields,
        ),
        Shape(
            "freshdesk",
            "Freshdesk canned responses: content_html, else content",
            _freshdesk_recognise,
            lambda n: n.has("content_html") or n.has("content"),
            _freshdesk_fields,
        ),
        Shape(
            "zammad",
            "Zammad text modules: content (HTML); name and keywords are not reply text",
            _zammad_recognise,
            lambda n: n.has("content"),
            _zammad_fields,
        ),
        Shape(
            "helpscout",
            "Help Scout saved replies: text (HTML), else chatText",
            _helpscout_recognise,
            lambda n: n.has("text") or n.has("chatText"),
            _helpscout_fields,
        ),
        Shape(
            "front",
            "Front message templates: body (HTML)",
            _front_recognise,
            lambda n: n.has("body"),
            _front_fields,
        ),
        Shape(
            GENERIC,
            "no export shape: every string under a text key, or a simple name → reply library",
            lambda n: False,
            lambda n: False,
            lambda item, options: [],
        ),
    )
}


# --- recognition and the generic walk ---------------------------------------------------------


def recognise(root: Node) -> str | None:
    """The name of the export shape ``root`` has, or None."""
    for name, shape in EXPORTS.items():
        if name != GENERIC and next(_find_items(root, shape.recognise), None) is not None:
            return name
    return None


def text_fields(root: Node, options: SourceOptions, path: str = "<input>") -> list[TextField]:
    """The reply-text strings of ``root``: those of its export shape, else of the text keys."""
    name = options.export
    if name is not None and name not in EXPORTS:
        known = ", ".join(EXPORTS)
        raise InputError(f"unknown export shape {name!r} (known: {known})", path)
    if name is None:
        name = recognise(root)
    if name is None or name == GENERIC:
        return generic_fields(root, options)
    shape = EXPORTS[name]
    out: list[TextField] = []
    for item in _find_items(root, shape.accept):
        out.extend(shape.fields(item, options))
    return out


def generic_fields(root: Node, options: SourceOptions) -> list[TextField]:
    """Every string under a text key; a top-level list or mapping of strings is a library."""
    out: list[TextField] = []
    text_keys = {k.lower() for k in options.text_keys}
    seen: set[int] = set()
    if isinstance(root, ScalarNode):  # a file that is one string is one reply
        return _library_field(root, "(document)", None)
    if isinstance(root, SequenceNode):
        for i, value in enumerate(root.items):
            if isinstance(value, ScalarNode):
                out.extend(_library_field(value, f"[{i}]", None))
            else:
                _walk(value, f"[{i}]", (), text_keys, options, out, seen)
        return out
    if isinstance(root, MappingNode) and not any(
        key_text(k).lower() in text_keys for k, _ in root.items
    ):
        skipped = {k.lower() for k in (*options.lang_keys, *LABEL_KEYS)}
        lang = nearest_lang((root,), options.lang_keys)
        for key, value in root.items:
            name = key_text(key)
            if isinstance(value, ScalarNode):
                if name.lower() not in skipped:
                    out.extend(_library_field(value, _join("", name), lang))
            else:
                _walk(value, _join("", name), (root,), text_keys, options, out, seen)
        return out
    _walk(root, "", (), text_keys, options, out, seen)
    return out


def _library_field(node: ScalarNode, entry: str, lang: str | None) -> list[TextField]:
    """A string of a simple library is a reply of its own, named by its key or index."""
    if not isinstance(node.value, str) or not any(ch.isalpha() for ch in node.value):
        return []  # a number, a version, a date: not a reply
    return [TextField(node, entry, lang, entry, False)]


def _walk(
    node: Node,
    path: str,
    chain: tuple[MappingNode, ...],
    text_keys: set[str],
    options: SourceOptions,
    out: list[TextField],
    seen: set[int],
) -> None:
    """Collect the text-key strings under ``node``, each collection once.

    A YAML alias shares its anchor's node; walking it again would only find strings already
    found (a segment is made once per string), and aliases of aliases grow exponentially.
    """
    if not isinstance(node, (SequenceNode, MappingNode)) or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, SequenceNode):
        for i, value in enumerate(node.items):
            _walk(value, f"{path}[{i}]", chain, text_keys, options, out, seen)
        return
    inner = (*chain, node)
    for key, value in node.items:
        name = key_text(key)
        lower = name.lower()
        if lower in text_keys:
            html = html_kind(name, markup_allowed=False)
            reply = path or "<root>"
            lang = nearest_lang(inner, options.lang_keys)
            if _is_string(value):
                assert isinstance(value, ScalarNode)
                out.append(TextField(value, entry_name(path, node, name), lang, reply, html))
                continue
            if isinstance(value, SequenceNode):
                for i, element in enumerate(value.items):
                    if isinstance(element, ScalarNode) and isinstance(element.value, str):
                        entry = entry_name(path, node, f"{name}[{i}]")
                        out.append(TextField(element, entry, lang, reply, html))
        _walk(value, _join(path, name), inner, text_keys, options, out, seen)


# --- segments --------------------------------------------------------------------------------


def segments_from_tree(
    root: Node | None, options: SourceOptions, path: str
) -> SegmentsToMake | list[Segment]:
    """The segments of a parsed JSON/YAML document (each string node at most once).

    The strings are found now; each one's segment is made when it is first needed (see
    ``SegmentsToMake``), so that with ``--jobs`` the worker that lints it makes it.
    """
    if root is None:
        return []
    try:
        fields = text_fields(root, options, path)
    except RecursionError:
        raise InputError("nesting too deep", path) from None
    seen: set[int] = set()
    unique: list[TextField] = []
    for field in fields:
        if id(field.node) not in seen:
            seen.add(id(field.node))
            unique.append(field)

    def make(number: int) -> Segment | None:
        field = unique[number]
        return string_segment(
            field.node,
            lang=field.lang,
            entry=field.entry,
            reply=field.reply,
            html=field.html,
            item=field.item,
        )

    return SegmentsToMake(
        [field.reply for field in unique], [len(field.node.text or "") for field in unique], make
    )
