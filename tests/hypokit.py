"""Hypothesis helpers shared by the property and fuzz tests: profiles, text, file builders.

The default run is bounded: each property names its own example budget with ``bounded(n)``.
``REPLYLINT_HYPOTHESIS_PROFILE=long`` selects the ``long`` profile instead, for maintainers who
want many more examples (``tests/fuzz/run_long.py`` runs the fuzz targets for N minutes).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import html
import io
import json
import os
import random
import re
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from replylint.api import Settings, lint_bytes
from replylint.diagnostics import FileResult
from replylint.document import Document
from replylint.errors import InputError
from replylint.formats.json import to_records
from replylint.ruleset.compiled import CompiledRuleSet
from replylint.ruleset.loader import load_ruleset
from replylint.text import LineIndex

PROFILE_ENV = "REPLYLINT_HYPOTHESIS_PROFILE"
_SLOW_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def register_profiles() -> None:
    """Register ``bounded`` (the default run) and ``long``; registering again is harmless."""
    settings.register_profile(
        "bounded", deadline=None, suppress_health_check=_SLOW_CHECKS, print_blob=True
    )
    settings.register_profile(
        "long",
        parent=settings.get_profile("bounded"),
        max_examples=5_000,
        stateful_step_count=100,
    )


def profile_name() -> str:
    """The profile chosen by ``REPLYLINT_HYPOTHESIS_PROFILE`` (default ``bounded``)."""
    return os.environ.get(PROFILE_ENV, "bounded")


def bounded(max_examples: int) -> settings:
    """Settings for one property: ``max_examples`` by default, the selected profile's otherwise.

    The default budget is per test so the whole directory stays within its time limit; a
    profile other than ``bounded`` replaces the budget with its own ``max_examples``.
    """
    register_profiles()
    name = profile_name()
    profile = settings.get_profile(name)
    if name == "bounded":
        return settings(profile, max_examples=max_examples)
    return settings(profile)


@functools.cache
def rules() -> CompiledRuleSet:
    """The built-in rules, compiled once.

    Not a pytest fixture argument: Hypothesis shows a failing example's arguments, and the
    rule set's repr runs to megabytes.
    """
    return load_ruleset()


def may_be_binary(data: bytes) -> bool:
    """Whether a reader may refuse ``data`` as a binary file: it holds a NUL byte."""
    return b"\x00" in data


def lint_built(built: Built, settings: Settings) -> FileResult | None:
    """Lint a built file; None when it was refused as binary (a NUL byte in the text)."""
    try:
        return lint_bytes(built.data, built.name, rules(), settings)
    except InputError:
        if may_be_binary(built.data):
            return None
        raise


# --- time bound ------------------------------------------------------------------------------


class Hang(Exception):
    """One example ran past its time bound."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``Hang`` inside the block after ``seconds`` (where SIGALRM exists; else no bound).

    Hypothesis' ``deadline`` only judges an example after it returns; a real hang never does.
    """
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"example took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- text ------------------------------------------------------------------------------------

ZH_SIMPLIFIED = [
    *("您好", "很抱歉", "没有库存", "请稍等", "这是公司规定", "我们不能", "退款", "谢谢"),
    *("包裹延误了", "我也不知道", "请冷静", "还有其他问题吗", "仓库存放"),
]
ZH_TRADITIONAL = ["這件外套", "沒有庫存", "請稍等", "謝謝", "這是公司規定", "退款已處理"]
RUSSIAN = [
    *("Здравствуйте", "ёлка", "Ёжик", "ещё", "товара", "подождите", "успокойтесь"),
    *("нет в наличии", "К сожалению", "политика компании", "как я уже говорил", "Я не знаю"),
]
LATVIAN = [
    *("Labdien", "Lūdzu", "Ludzu", "uzgaidiet", "Diemžēl", "Diemzel", "Paldies", "mirkli"),
    *("pasutijumu", "pasūtījumu", "nav noliktavā", "nav noliktava"),
    *("uzņēmuma politika", "uznemuma politika"),
]
ENGLISH = [
    *("Hello", "Hi there", "Sorry", "out of stock", "company policy", "calm down", "as I said"),
    *("I don't know", "please wait", "check our website", "we can't", "Anything else?"),
    *("PLEASE READ THE INSTRUCTIONS", "the jacket", "refund"),
]
EMOJI = ["😀", "👍🏽", "👨\u200d👩\u200d👧", "🇱🇻", "❤️", "🙏"]
MARKS = ["\u0301", "\u0308", "e\u0301", "\u0336", "\u200d", "\u200b", "\ufeff", "\u202e", "\u00ad"]
CONTROLS = ["\x00", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x85", "\u2028", "\u2029", "\x7f", "\t"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", "\n\r", "\n \n"]
PLACEHOLDERS = [
    "{{ticket.id}}",
    "{{ticket.requester.first_name}}",
    '{{ ticket.requester.first_name | default: "there" }}',
    "{%if ticket.status == 'open'%}",
    "{% endif %}",
    "{%if%}",
    "#{ticket.number}",
    "[[NAME]]",
    "{{中.文!!}}",
    "{%中,文??%}",
    "{{name}",
]
PUNCTUATION = [",", ".", "?", "!", ":", ";", "，", "。", " ", "  ", "...", "!!", "?!", "!!!", "??"]

# Any code point but a surrogate (not encodable in UTF-8).
any_char = st.characters(exclude_categories=("Cs",))


def _words(values: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(values)


fragment: st.SearchStrategy[str] = st.one_of(
    _words(ZH_SIMPLIFIED),
    _words(ZH_TRADITIONAL),
    _words(RUSSIAN),
    _words(LATVIAN),
    _words(ENGLISH),
    _words(EMOJI),
    _words(MARKS),
    _words(CONTROLS),
    _words(BREAKS),
    _words(PLACEHOLDERS),
    _words(PUNCTUATION),
    st.text(any_char, min_size=1, max_size=4),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=4),
    st.text(st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяЁ"), min_size=1, max_size=8),
    st.text(st.sampled_from("aābcčdeēfgģhiījkķlļmnņoprsštuūvzž"), min_size=1, max_size=8),
)

_JOINERS = st.sampled_from(["", " ", " ", " ", ", ", ". ", "\n"])
reply_text: st.SearchStrategy[str] = st.lists(st.tuples(fragment, _JOINERS), max_size=24).map(
    lambda parts: "".join(f + j for f, j in parts)
)
"""A reply: a mix of scripts, rule phrases, placeholders, marks, controls and line breaks."""

LANGS = (None, "en", "ru", "lv", "zh")
# Language values as libraries write them, and ones that broke the reader (``int("²")``).
LOCALES = ("en-US", "ru", "lv_LV", "zh-TW", "zh-CN", "", "xx", None, "10", "²", "9" * 5000)


# --- files with the text embedded ---------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """A file built around some reply texts.

    ``texts`` are the texts as a reader of the format gets them back, for sources that
    decode them unchanged (None when the format rewrites them, as HTML collapses whitespace).
    ``exact`` says every character of the texts is written literally in the file; ``syntax``
    names how the file encodes text (see ``reference_decode``).
    """

    name: str
    data: bytes
    texts: tuple[str, ...] | None
    exact: bool
    syntax: str = "text"


def _json_needs_escape(text: str, ascii_only: bool) -> bool:
    return any(ch in '"\\' or ord(ch) < 0x20 or (ascii_only and ord(ch) > 0x7E) for ch in text)


def _locale(draw: st.DrawFn) -> str | None:
    return draw(st.sampled_from(LOCALES))


def _entry(draw: st.DrawFn, text: str, i: int) -> dict[str, object]:
    entry: dict[str, object] = {"title": f"Macro {i}", "body": text}
    locale = _locale(draw)
    if locale is not None:
        entry["locale"] = locale
    return entry


@st.composite
def plain_file(draw: st.DrawFn, texts: list[str]) -> Built:
    """A plain-text reply: the texts as paragraphs."""
    sep = draw(st.sampled_from(["\n\n", "\r\n\r\n", "\r\r"]))
    text = sep.join(texts)
    return Built("reply.txt", text.encode("utf-8"), None, True)


@st.composite
def markdown_file(draw: st.DrawFn, texts: list[str]) -> Built:
    """Markdown: a heading, the texts as paragraphs and list items, a code block."""
    parts = ["# Reply"]
    for text in texts:
        parts.append(draw(st.sampled_from(["", "- ", "> ", "1. "])) + text)
    parts.append("```\ncode, not prose: out of stock\n```")
    return Built("reply.md", "\n\n".join(parts).encode("utf-8"), None, True)


@st.composite
def html_file(draw: st.DrawFn, texts: list[str]) -> Built:
    """HTML: each text escaped in a paragraph; maybe every non-ASCII character as a reference."""
    refs = draw(st.booleans())
    body = []
    for text in texts:
        escaped = html.escape(text, quote=False)
        if refs:
            escaped = escaped.encode("ascii", "xmlcharrefreplace").decode("ascii")
        tag = draw(st.sampled_from(["p", "div", "li", "td"]))
        body.append(f"<{tag}>{escaped}</{tag}>")
    page = "<html><head><title>x</title></head><body>" + "\n".join(body) + "</body></html>"
    return Built("reply.html", page.encode("utf-8"), None, False, "html")


@st.composite
def json_file(draw: st.DrawFn, texts: list[str]) -> Built:
    """A JSON library ``{"macros": [{"title", "locale", "body"}]}``, escaped by ``json.dumps``."""
    ascii_only = draw(st.booleans())
    indent = draw(st.sampled_from([None, 2, "\t"]))
    entries = [_entry(draw, text, i) for i, text in enumerate(texts)]
    data = json.dumps({"macros": entries}, ensure_ascii=ascii_only, indent=indent)
    exact = not any(_json_needs_escape(t, ascii_only) for t in texts)
    return Built("library.json", data.encode("utf-8"), tuple(texts), exact, "json")


@st.composite
def yaml_file(draw: st.DrawFn, texts: list[str]) -> Built:
    """A YAML library, in a scalar style ``yaml.safe_dump`` accepts for the text."""
    style = draw(st.sampled_from([None, '"', "'", "|", ">"]))
    entries = [_entry(draw, text, i) for i, text in enumerate(texts)]
    data = yaml.safe_dump(
        {"replies": entries},
        allow_unicode=draw(st.booleans()),
        default_style=style,
        width=draw(st.sampled_from([20, 80, 10_000])),
        line_break=draw(st.sampled_from(["\n", "\r\n", "\r"])),
        sort_keys=False,
    )
    return Built("library.yaml", data.encode("utf-8"), tuple(texts), False, "yaml")


@st.composite
def csv_file(draw: st.DrawFn, texts: list[str]) -> Built:
    """A CSV library with a header row; the ``csv`` module quotes what needs quoting."""
    out = io.StringIO(newline="")
    terminator = draw(st.sampled_from(["\r\n", "\n"]))
    # The csv module quotes a field holding a character of the line terminator, so with "\n"
    # it leaves a lone "\r" bare, and a reader ends the row there: quote every field then.
    bare_cr = terminator == "\n" and any("\r" in text for text in texts)
    quoting = csv.QUOTE_ALL if bare_cr else csv.QUOTE_MINIMAL
    writer = csv.writer(out, lineterminator=terminator, quoting=quoting)
    writer.writerow(["id", "title", "locale", "body"])
    for i, text in enumerate(texts):
        writer.writerow([str(i), f"Macro {i}", _locale(draw) or "", text])
    exact = not any(ch in text for text in texts for ch in '"')
    return Built("library.csv", out.getvalue().encode("utf-8"), tuple(texts), exact, "csv")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _zendesk(i: int, text: str) -> dict[str, object]:
    actions = [{"field": "status", "value": "pending"}, {"field": "comment_value", "value": text}]
    return {"id": i, "title": f"M{i}", "actions": actions}


def _zendesk_html(i: int, text: str) -> dict[str, object]:
    actions = [{"field": "comment_value_html", "value": f"<p>{_esc(text)}</p>"}]
    return {"id": i, "title": f"M{i}", "actions": actions}


def _dynamic(i: int, text: str) -> dict[str, object]:
    variants = [
        {"locale_id": 1, "content": _esc(text), "default": True},
        {"locale_id": 1000 + i, "content": _esc(text)},
    ]
    return {"id": i, "name": f"dc{i}", "variants": variants}


def _gorgias(i: int, text: str) -> dict[str, object]:
    action = {"name": "setResponseText", "arguments": {"body_html": f"<p>{_esc(text)}</p>"}}
    return {"id": i, "name": f"G{i}", "actions": [action]}


# Export shape -> (item builder, whether the text is stored as plain text).
EXPORT_ITEMS: dict[str, tuple[Callable[[int, str], dict[str, object]], bool]] = {
    "zendesk": (_zendesk, True),
    "zendesk-html": (_zendesk_html, False),
    "dynamic": (_dynamic, False),
    "freshdesk": (
        lambda i, t: {"id": i, "title": f"F{i}", "folder_id": 7, "content_html": _esc(t)},
        False,
    ),
    "helpscout": (lambda i, t: {"id": i, "name": f"H{i}", "preview": "x", "text": _esc(t)}, False),
    "intercom": (lambda i, t: {"type": "macro", "id": str(i), "name": "I", "body_text": t}, True),
    "front": (lambda i, t: {"id": f"rsp_{i}", "name": f"T{i}", "body": _esc(t)}, False),
    "gorgias": (_gorgias, False),
    "zammad": (lambda i, t: {"name": f"Z{i}", "keywords": "k", "content": _esc(t)}, False),
}


@st.composite
def export_file(draw: st.DrawFn, texts: list[str]) -> Built:
    """A helpdesk export of a recognised shape in JSON or YAML; text in plain or HTML fields."""
    kind = draw(st.sampled_from(sorted(EXPORT_ITEMS)))
    make, plain = EXPORT_ITEMS[kind]
    items = [make(i, text) for i, text in enumerate(texts)]
    wrapper: object = {"macros": items} if kind.startswith("zendesk") else items
    if draw(st.booleans()):
        syntax = "json"
        data = json.dumps(wrapper, ensure_ascii=draw(st.booleans()), indent=2).encode("utf-8")
    else:
        syntax = "yaml"
        style = draw(st.sampled_from([None, '"', "'", "|"]))
        dumped = yaml.safe_dump(wrapper, allow_unicode=True, default_style=style, sort_keys=False)
        data = dumped.encode("utf-8")
    if plain:
        return Built(f"{kind}.{syntax}", data, tuple(texts), False, syntax)
    return Built(f"{kind}.{syntax}", data, None, False, f"{syntax}+html")


BUILDERS: dict[str, Callable[[list[str]], st.SearchStrategy[Built]]] = {
    "plain": plain_file,
    "markdown": markdown_file,
    "html": html_file,
    "json": json_file,
    "yaml": yaml_file,
    "csv": csv_file,
    "export": export_file,
}


@st.composite
def built_file(draw: st.DrawFn, kinds: tuple[str, ...] = tuple(BUILDERS)) -> Built:
    """A file of one of ``kinds`` with one to three generated reply texts in it."""
    kind = draw(st.sampled_from(kinds))
    texts = draw(st.lists(reply_text, min_size=1, max_size=3))
    return draw(BUILDERS[kind](texts))


# --- checks ------------------------------------------------------------------------------------


def check_result(result: FileResult, name: str) -> None:
    """Every finding lies inside the decoded file and its JSON position agrees with its offsets.

    Where the file's text at the reported range is not the match, the match is decoded text
    (an escape or entity stood there); it is then still a single-line-safe string.
    """
    text = result.text
    index = LineIndex(text)
    for d in result.diagnostics:
        assert d.path == name
        assert 0 <= d.start <= d.end <= len(text), (d.start, d.end, len(text))
        if d.fix is not None:
            for edit in d.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)
    for record, d in zip(to_records([result]), result.diagnostics, strict=True):
        assert (record["line"], record["column"]) == index.line_col(d.start)
        assert (record["end_line"], record["end_column"]) == index.line_col(d.end)
        line, column = index.line_col(d.start)
        assert index.line_start(line) + column - 1 == d.start
        if record["line"] == record["end_line"] and text[d.start : d.end] == d.match:
            line_text = index.line_text(line)
            end_column = record["end_column"]
            assert isinstance(column, int) and isinstance(end_column, int)
            if d.end <= index.line_start(line) + len(line_text):
                assert line_text[column - 1 : end_column - 1] == d.match


def check_segments(doc: Document) -> None:
    """Each segment's source map stays inside both texts and its exact runs really are exact."""
    for seg in doc.segments:
        runs = seg.source_map.runs
        assert runs, seg
        assert [r[0] for r in runs] == sorted(r[0] for r in runs)
        for s, d, n in runs:
            assert 0 <= s <= len(seg.text), (s, len(seg.text))
            assert d >= 0 and d + n <= len(doc.text), (d, n, len(doc.text))
            assert s + n <= len(seg.text)
            assert seg.text[s : s + n] == doc.text[d : d + n], (s, d, n)
        previous = 0
        for offset in range(len(seg.text) + 1):
            mapped = seg.source_map.to_document(offset)
            end = seg.source_map.end_to_document(offset)
            assert 0 <= mapped <= len(doc.text) and 0 <= end <= len(doc.text)
            assert mapped >= previous, (offset, mapped, previous)
            previous = mapped
        for start, end in seg.protected:
            assert 0 <= start <= end <= len(seg.text)


_TAG = re.compile(r"<[^<>]*>")


def _visible(markup: str) -> str:
    """Roughly what a reader sees of ``markup``, without any whitespace (for comparing)."""
    return "".join(html.unescape(_TAG.sub("", markup)).split())


def _yaml_style(text: str, offset: int) -> str | None:
    """The style of the YAML scalar at ``offset`` of ``text`` (``"``, ``'``, ``|``, ``>`` or "")."""
    stack: list[yaml.Node] = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.start_mark.index <= offset < node.end_mark.index:
                return node.style or ""
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _yaml_decodes(text: str, start: int, end: int, match: str, html_text: bool = False) -> bool:
    """Whether ``text[start:end]``, inside a YAML scalar, reads as ``match``.

    Quoted text is re-read by PyYAML in the same quotes (escapes, ``''``, line folding);
    plain and block text, whose folding depends on indentation, is compared without
    whitespace. With ``html_text`` the scalar holds HTML, compared by its visible text.
    """
    raw = text[start:end]
    style = _yaml_style(text, start)
    if style in ('"', "'"):
        try:
            decoded = yaml.safe_load(style + raw + style)
        except yaml.YAMLError:
            return False
        if not isinstance(decoded, str):
            return False
        raw = decoded
        if raw == match and not html_text:
            return True
    if html_text:
        return _visible(raw) == "".join(match.split())
    return "".join(raw.split()) == "".join(match.split())


def reference_decode(syntax: str, text: str, start: int, end: int, match: str) -> bool:
    """Whether the file ``text`` at a finding's ``[start, end)`` decodes to its ``match``.

    The format's own reader decides: ``json.loads`` for a JSON string's contents, doubled
    quotes for CSV, ``html.unescape`` with tags dropped for HTML (whitespace aside, which HTML
    collapses), PyYAML for YAML.
    """
    raw = text[start:end]
    if syntax in ("json", "json+html"):
        try:
            decoded = json.loads('"' + raw + '"')
        except json.JSONDecodeError:
            return False
        if syntax == "json":
            return bool(decoded == match)
        return _visible(decoded) == "".join(match.split())
    if syntax == "csv":
        return raw.replace('""', '"') == match
    if syntax == "html":
        return _visible(raw) == "".join(match.split())
    if syntax == "yaml":
        return _yaml_decodes(text, start, end, match)
    if syntax == "yaml+html":
        return _yaml_decodes(text, start, end, match, html_text=True)
    return raw == match


# --- a directory of replies, for whole-run checks -----------------------------------------------

_PROSE = [*ZH_SIMPLIFIED, *ZH_TRADITIONAL, *RUSSIAN, *LATVIAN, *ENGLISH, *EMOJI, *PLACEHOLDERS]


def write_reply_files(directory: Path, count: int, size: int, seed: int = 0) -> list[Path]:
    """Write ``count`` reply files of at least ``size`` bytes of text each, in every format."""
    rng = random.Random(seed)

    def paragraph() -> str:
        words = [rng.choice(_PROSE) + rng.choice(PUNCTUATION) for _ in range(rng.randint(3, 20))]
        return " ".join(words)

    written = []
    for i in range(count):
        texts = [paragraph()]
        while sum(len(t.encode("utf-8")) for t in texts) < size:
            texts.append(paragraph())
        kind = ("txt", "md", "html", "json", "yaml", "csv")[i % 6]
        entries = [{"title": f"Macro {k}", "locale": "", "body": t} for k, t in enumerate(texts)]
        if kind == "txt":
            content = "\n\n".join(texts)
        elif kind == "md":
            content = "# Reply\n\n" + "\n\n".join(f"- {t}" for t in texts)
        elif kind == "html":
            content = "".join(f"<p>{html.escape(t)}</p>\n" for t in texts)
        elif kind == "json":
            content = json.dumps({"macros": entries}, ensure_ascii=False, indent=2)
        elif kind == "yaml":
            content = yaml.safe_dump({"replies": entries}, allow_unicode=True, sort_keys=False)
        else:
            out = io.StringIO(newline="")
            writer = csv.writer(out)
            writer.writerow(["id", "title", "body"])
            writer.writerows([k, f"Macro {k}", t] for k, t in enumerate(texts))
            content = out.getvalue()
        path = directory / f"reply-{i:02d}.{kind}"
        path.write_text(content, encoding="utf-8", newline="")
        written.append(path)
    return written
