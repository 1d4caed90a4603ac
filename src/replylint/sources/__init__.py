"""Input sources: a registry of modules that turn decoded files into segmented documents.

Each source module exposes ``NAME``, ``SUFFIXES`` and ``segment(path, text) -> list[Segment]``.
Modules are imported only when a file of theirs is read.
"""

from __future__ import annotations

import importlib
from pathlib import PurePath
from types import ModuleType

from replylint.document import Document
from replylint.text import decode_bytes

SOURCES: dict[str, str] = {
    "plaintext": "replylint.sources.plaintext",
}

# Suffixes a directory walk picks up, and the source that reads each.
SUFFIXES: dict[str, str] = {
    ".txt": "plaintext",
    ".text": "plaintext",
    ".md": "plaintext",
    ".markdown": "plaintext",
}
DEFAULT_SOURCE = "plaintext"


def source_name_for(path: str) -> str:
    """The source that reads ``path``, chosen by suffix; plain text when unknown."""
    return SUFFIXES.get(PurePath(path).suffix.lower(), DEFAULT_SOURCE)


def _module(name: str) -> ModuleType:
    return importlib.import_module(SOURCES[name])


def read_document(path: str, data: bytes, encoding: str | None = None) -> Document:
    """Decode ``data`` and segment it with the source registered for ``path``."""
    decoded = decode_bytes(data, path, encoding)
    doc = Document(path=path, text=decoded.text, encoding=decoded.encoding, bom=decoded.bom)
    doc.segments = _module(source_name_for(path)).segment(path, decoded.text)
    return doc
