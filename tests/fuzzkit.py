"""Fuzz targets for the source readers: mutated real files through the public linting API.

Seeds are the fixture files (helpdesk exports, libraries, fix before-files) plus small
hand-written Markdown, HTML and plain-text replies. A mutation flips, inserts or deletes bytes,
inserts structural tokens of every format (brackets, quotes, escapes, tags, entities, YAML
indicators, CSV quotes, Markdown fences, placeholders, BOMs, invalid UTF-8), duplicates or
splices slices, or nests deeply. The mutated bytes are read under the seed's own file name or
another format's, and the only allowed outcomes are a result whose positions lie inside the
file or a ``ReplylintError`` with a one-line message, within a time bound per example.

``tests/fuzz/test_fuzz_sources.py`` runs the targets in the default test run;
``tests/fuzz/run_long.py`` runs them for as long as asked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from hypokit import check_result, check_segments, rules, time_limit
from replylint.api import Settings, fix_bytes, lint_bytes
from replylint.errors import ReplylintError
from replylint.formats.json import to_records
from replylint.sources import SUFFIXES, SourceOptions, read_document
from replylint.sources.exports import EXPORTS
from replylint.text import encode_text

FIXTURES = Path(__file__).parent / "fixtures"
# Seconds one example may take before it counts as a hang (generous: CI machines are busy).
TIME_LIMIT = float(os.environ.get("REPLYLINT_FUZZ_TIME_LIMIT", "20"))
# An error line is for reading: quoting the input is fine, quoting all of it is not.
MAX_ERROR_LENGTH = 400

_EXTRA_SEEDS = {
    "reply.md": (
        "---\ntitle: x\n---\n# Hi {{ticket.requester.first_name}}\n\n"
        'Sorry, the jacket is *out of stock*. See [the page](https://example.com/a_(b) "t").\n\n'
        "- item `code`\n  > quote <!-- replylint: disable=out-of-stock -->\n\n"
        "```\nfenced\n```\n\n    indented code\n\n[ref]: https://example.com\n<script>x</script>\n"
    ),
    "reply.html": (
        "<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body>"
        "<p>Hello&nbsp;{{ticket.id}},</p><p>很抱歉,這件外套目前沒有庫存&#12290;</p>"
        "<pre>\ncode</pre><code>x</code><br/><table><tr><td>a</td><td>b</td></tr></table>"
        "<!-- replylint: disable=out-of-stock --><a href='https://x.cn/a'>link</a> &amp &lt;"
        "<script>var x = '</p>';</script></body></html>"
    ),
    "reply.txt": (
        "Labdien!\r\n\r\nLudzu, uzgaidiet mirkli.\rDiemzel paka kavejas!!!\n\n"
        "Здравствуйте! Ёлки нет в наличии.\n\n很抱歉,没有库存?\n"
    ),
}


def _seeds() -> list[tuple[str, bytes]]:
    found = [(p.name, p.read_bytes()) for p in sorted((FIXTURES / "exports").iterdir())]
    found += [(p.name, p.read_bytes()) for p in sorted((FIXTURES / "fix").glob("*/before.*"))]
    found += [(name, text.encode("utf-8")) for name, text in _EXTRA_SEEDS.items()]
    return found


SEEDS = _seeds()
NAMES = sorted({f"fuzz{suffix}" for suffix in SUFFIXES} | {"fuzz", "fuzz.JSON"})

TOKENS = [
    # JSON
    "{", "}", "[", "]", '"', "\\", "\\u", "\\ud800", "\\udc00", "\\u0000", ":", ",", "null",
    "1e999", "-", "NaN", "-Infinity", '"body": "', '"actions": [{"field": "comment_value", ',
    # YAML
    ": ", "- ", "? ", "|", ">", "|-", ">+2", "|9", "&a ", "*a", "!!str ", "!!binary ", "!!int ",
    "!!python/object ", "!foo ", "---\n", "...\n", "%YAML 1.1\n", "<<: *a\n", "\t", "'", "#",
    "\\x", "\\U0010FFFF", "\\N", "\\\n", "\n  ", "\n- ", "key: |\n  ",
    # HTML
    "<", ">", "</", "<!--", "-->", "<!", "<?", "&", "&#", "&#x", "&amp", "&NotEqualTilde;",
    "&#0;", "&#x110000;", "&#xD800;", ";", "<script>", "</script>", "<pre>", "</pre>", "<code>",
    "<head>", "<br>", "<p>", "</p>", '="', "<td>", "<style", "</ul",
    # CSV
    '""', ";", "\r", "\n", "\r\n",
    # Markdown
    "```", "~~~", "    ", "> ", "1. ", "](", ")", "`", "+++\n", "![", "]: ", "<http://x>",
    # placeholders and suppressions
    "{{", "}}", "{%", "%}", "#{", "[[", "]]", "# replylint: disable=all", "disable-file=",
    # characters
    "\ufeff", "\x00", "\x85", "\u2028", "\u0301", "ё", "ā", "沒", "😀", "²", "١",
    # language keys, whose values are parsed
    "locale: ", '"locale": ', "locale_id: ", '"locale_id": ', ",locale",
]  # fmt: skip
BYTE_TOKENS = [
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00", b"\xc0", b"\xe2\x82",
    b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80",
]  # fmt: skip


@dataclass(frozen=True)
class Mutation:
    """One edit at a relative position (so shrinking keeps it meaningful).

    Text mutations work on decoded text, so most mutants stay valid UTF-8 and reach the
    parsers; byte mutations (``flip``, ``bytes``) test decoding.
    """

    kind: str
    where: int  # 0..10_000: a fraction of the length
    size: int
    payload: str

    def apply(self, text: str) -> str:
        """Return ``text`` with this mutation applied."""
        at = len(text) * self.where // 10_000
        if self.kind == "delete":
            return text[:at] + text[at + self.size :]
        if self.kind == "duplicate":
            return text[: at + self.size] + text[at : at + self.size] + text[at:]
        if self.kind == "truncate":
            return text[:at]
        if self.kind == "nest":
            return text[:at] + self.payload * (50 * self.size) + text[at:]
        return text[:at] + self.payload + text[at:]

    def apply_bytes(self, data: bytes) -> bytes:
        """Return ``data`` with this byte mutation applied."""
        at = len(data) * self.where // 10_000
        if self.kind == "flip" and data:
            at = min(at, len(data) - 1)
            return data[:at] + bytes([data[at] ^ (1 << (self.size % 8))]) + data[at + 1 :]
        payload = self.payload.encode("latin-1")
        return data[:at] + payload + data[at:]


_where = st.integers(0, 10_000)
text_mutation = st.one_of(
    st.builds(Mutation, st.just("delete"), _where, st.integers(1, 64), st.just("")),
    st.builds(Mutation, st.just("duplicate"), _where, st.integers(1, 64), st.just("")),
    st.builds(Mutation, st.just("truncate"), _where, st.just(0), st.just("")),
    st.builds(Mutation, st.just("insert"), _where, st.just(0), st.sampled_from(TOKENS)),
    st.builds(Mutation, st.just("insert"), _where, st.just(0), st.sampled_from(TOKENS)),
    st.builds(Mutation, st.just("insert"), _where, st.just(0), st.text(min_size=1, max_size=6)),
    st.builds(
        Mutation,
        st.just("nest"),
        _where,
        st.integers(1, 60),
        st.sampled_from(
            ["[", "{", '{"a":', "- ", "[[", "<b>", "> ", "  - ", "- [", "&#", "\\", "99"]
        ),
    ),
)
byte_mutation = st.one_of(
    st.builds(Mutation, st.just("flip"), _where, st.integers(0, 7), st.just("")),
    st.builds(
        Mutation,
        st.just("bytes"),
        _where,
        st.just(0),
        st.sampled_from(BYTE_TOKENS).map(lambda b: b.decode("latin-1")),
    ),
)


@st.composite
def fuzz_input(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and mutated bytes: a seed (or two spliced, or random bytes) under a name."""
    source = draw(st.sampled_from(["seed", "seed", "seed", "seed", "splice", "random"]))
    seed_name, data = draw(st.sampled_from(SEEDS))
    if source == "splice":
        _, other = draw(st.sampled_from(SEEDS))
        cut = draw(st.integers(0, len(data)))
        start = draw(st.integers(0, len(other)))
        data = data[:cut] + other[start:]
    elif source == "random":
        data = draw(st.binary(max_size=512))
    text = data.decode("utf-8", errors="surrogateescape")
    for change in draw(st.lists(text_mutation, max_size=8)):
        text = change.apply(text)
    data = text.encode("utf-8", errors="surrogateescape")
    for change in draw(st.lists(byte_mutation, max_size=2)):
        if draw(st.integers(0, 3)) == 0:
            data = change.apply_bytes(data)
    suffix = Path(seed_name).suffix
    name = draw(st.sampled_from([f"fuzz{suffix}", f"fuzz{suffix}", *NAMES]))
    return name, data


def _settings(
    lang: str | None, structure: bool, export: str | None, text_column: str | None
) -> Settings:
    """Settings varied where sources and rules differ; every other field keeps its default."""
    sources = SourceOptions(export=export, text_column=text_column)
    return Settings(lang=lang, structure=structure, sources=sources)


settings_strategy = st.builds(
    _settings,
    lang=st.sampled_from([None, "en", "ru", "lv", "zh"]),
    structure=st.booleans(),
    export=st.sampled_from([None, None, None, *EXPORTS]),
    text_column=st.sampled_from([None, None, "body", "title"]),
)


def check_error(exc: ReplylintError) -> None:
    """A user-facing error renders as exactly one non-empty line."""
    line = f"replylint: error: {exc.render()}"
    assert exc.message.strip(), repr(line)
    assert len(line.splitlines()) == 1, repr(line)
    assert len(line) <= MAX_ERROR_LENGTH + len(exc.path or ""), repr(line[:500])


def lint_target(name: str, data: bytes, settings: Settings) -> None:
    """Read and lint ``data`` as the file ``name``: a sane result or a one-line error."""
    try:
        with time_limit(TIME_LIMIT):
            result = lint_bytes(data, name, rules(), settings)
            check_result(result, name)
            to_records([result])
            check_segments(read_document(name, data, None, settings.for_path(name).sources))
    except ReplylintError as exc:
        check_error(exc)


def fix_target(name: str, data: bytes, settings: Settings, unsafe: bool) -> None:
    """Fix ``data`` as the file ``name``: fixing again changes nothing, or a one-line error."""
    with time_limit(TIME_LIMIT):
        try:
            report = fix_bytes(data, name, rules(), settings, unsafe)
        except ReplylintError as exc:
            check_error(exc)
            return
        check_result(report.result, name)
        if report.changed:  # the fixed file still reads, and has nothing left to fix
            fixed = encode_text(report.fixed, "utf-8", bom=True)
            again = fix_bytes(fixed, name, rules(), settings, unsafe)
            assert again.fixed == report.fixed
