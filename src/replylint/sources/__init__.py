"""Input sources: a registry of modules that turn decoded files into segmented documents.

Each source module exposes ``NAME`` and ``segment(path, text, options) -> Sequence[Segment]``;
a segment carries its text, a ``SourceMap`` back to the file, and optionally its language,
entry name, reply group and protected spans. Modules are imported only when a file of theirs
is read. A malformed file raises ``InputError`` with the line and column of the problem.
"""

import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import NamedTuple

from replylint.collector import paused
from replylint.document import Document, Segment
from replylint.text import decode_bytes, path_suffix

SOURCES: dict[str, str] = {
    "plaintext": "replylint.sources.plaintext",
    "markdown": "replylint.sources.markdown",
    "html": "replylint.sources.html",
    "json": "replylint.sources.jsonlib",
    "yaml": "replylint.sources.yamllib",
    "csv": "replylint.sources.csvlib",
}

# Suffixes a directory walk picks up, and the source that reads each.
SUFFIXES: dict[str, str] = {
    ".txt": "plaintext",
    ".text": "plaintext",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
}
DEFAULT_SOURCE = "plaintext"

DEFAULT_TEXT_KEYS = (
    "body",
    "text",
    "content",
    "value",
    "comment_value",
    "comment_value_html",
    "html",
    "message",
    "reply",
    "template",
)
DEFAULT_LANG_KEYS = ("locale", "language", "lang", "locale_id")


class SourceOptions(NamedTuple):
    """How files are read: their encoding, which keys hold reply text, which name the language.

    ``encoding`` comes from the config (top level or per path); ``--encoding`` wins over it.
    """

    text_keys: tuple[str, ...] = DEFAULT_TEXT_KEYS
    lang_keys: tuple[str, ...] = DEFAULT_LANG_KEYS
    export: str | None = None  # force a helpdesk export shape; None: recognise it by shape
    text_column: str | None = None  # CSV: the header of the column holding reply text
    encoding: str | None = None  # of files without a BOM; None: UTF-8


def source_name_for(path: str) -> str:
    """The source that reads ``path``, chosen by suffix; plain text when unknown."""
    return SUFFIXES.get(path_suffix(path).lower(), DEFAULT_SOURCE)


def _module(name: str) -> ModuleType:
    return importlib.import_module(SOURCES[name])


def segment_text(
    path: str, text: str, options: SourceOptions | None = None
) -> Sequence[Segment]:
    """Segment decoded ``text`` with the source registered for ``path``."""
    segments: Sequence[Segment] = _module(source_name_for(path)).segment(
        path, text, options or SourceOptions()
    )
    return segments


def read_document(
    path: str, data: bytes, encoding: str | None = None, options: SourceOptions | None = None
) -> Document:
    """Decode ``data`` and segment it with the source registered for ``path``.

    ``encoding`` (the command line's) wins over the config's ``options.encoding``.
    """
    decoded = decode_bytes(data, path, encoding or (options.encoding if options else None))
    doc = Document(path=path, text=decoded.text, encoding=decoded.encoding, bom=decoded.bom)
    with paused():  # a source builds many small acyclic objects (see replylint.collector)
        doc.segments = segment_text(path, decoded.text, options)
    return doc
