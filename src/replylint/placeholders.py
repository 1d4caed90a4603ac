"""Template placeholders in replies: helpdesk variables and agent fill-ins.

Liquid ``{{ … }}`` (with filters) and ``{% … %}`` tags (also Help Scout's ``{%…%}``), Zammad
``#{…}`` and ``[[…]]`` fill-ins are code, not prose: phrase rules never match inside them (the
engine masks them), while pattern rules can target them (e.g. a malformed placeholder).
"""

from __future__ import annotations

import regex

_PLACEHOLDER = regex.compile(
    r"""
      \{\{ (?: [^{}"'] | "[^"\n]*" | '[^'\n]*' )*? \}\}   # Liquid output, filters may quote
    | \{%  (?: [^%"'] | "[^"\n]*" | '[^'\n]*' | %(?!\}) )*? %\}   # Liquid / Help Scout tags
    | \#\{ [^{}\n]* \}                                     # Zammad
    | \[\[ [^\[\]\n]* \]\]                                 # agent fill-ins
    """,
    regex.VERBOSE,
)


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the well-formed placeholders in ``text``, in order."""
    return [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
