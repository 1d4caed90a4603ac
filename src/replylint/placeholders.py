"""Template placeholders in replies: helpdesk variables and agent fill-ins.

Liquid ``{{ … }}`` (with filters) and ``{% … %}`` tags (also Help Scout's ``{%…%}``), Zammad
``#{…}`` and ``[[…]]`` fill-ins are code, not prose: phrase rules never match inside them (the
engine masks them), while pattern rules can target them (e.g. a malformed placeholder).
"""

from __future__ import annotations

from functools import cache

import regex

# Every placeholder starts with one of these; text without them needs no regex at all.
_OPENERS = ("{{", "{%", "#{", "[[")
_PLACEHOLDER = r"""
      \{\{ (?: [^{}"'] | "[^"\n]*" | '[^'\n]*' )*? \}\}   # Liquid output, filters may quote
    | \{%  (?: [^%"'] | "[^"\n]*" | '[^'\n]*' | %(?!\}) )*? %\}   # Liquid / Help Scout tags
    | \#\{ [^{}\n]* \}                                     # Zammad
    | \[\[ [^\[\]\n]* \]\]                                 # agent fill-ins
    """


@cache
def _placeholder_pattern() -> regex.Pattern[str]:
    """Compiled on first use: most short replies contain no placeholder opener."""
    return regex.compile(_PLACEHOLDER, regex.VERBOSE)


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the well-formed placeholders in ``text``, in order."""
    if not any(opener in text for opener in _OPENERS):
        return []
    return [(m.start(), m.end()) for m in _placeholder_pattern().finditer(text)]
