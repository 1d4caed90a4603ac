r"""Literal prefilters for patterns: strings of which at least one must occur for a match.

Running every pattern over every segment dominates a large library. A pattern whose prefilter
finds none of its literals in a segment cannot match there, so it is not run. The literals
are derived from the pattern's syntax tree when the rule set is compiled; a pattern the
analysis cannot bound (a leading wildcard, syntax only the ``regex`` module knows) gets no
prefilter and always runs.

Literals are case-folded; the text they are looked for in is case-folded too, which is at least
as permissive as the case-insensitive matching the patterns use. Whitespace counts as one
space: ``\s+``, ``[ \t]`` and a literal tab all stand for " ", and the text is looked at with
every run of whitespace as one space (``search_view``), so literals span words ("you need to")
and are far more selective than single words.
"""

import importlib
import re
import warnings
from typing import Any, NamedTuple

_MAX_SET = 64  # alternatives kept per position before the analysis gives up on exactness
_MAX_RANGE = 16  # a character class range wider than this is treated as "any character"


Clause = frozenset[str]  # one of these literals must occur
Requirement = tuple[Clause, ...]  # every clause must hold


class _Info(NamedTuple):
    """What a sub-pattern can match: every string (``exact``), and clauses any match needs."""

    exact: frozenset[str] | None
    required: Requirement = ()


_EMPTY = _Info(frozenset({""}))
_SPACE = " "  # every whitespace character, and every run of them, in literals and in the view


def search_view(text: str) -> str:
    r"""The text as literals are looked for in it: case-folded, whitespace runs as one space.

    ``str.split`` cuts at the ``str.isspace`` characters, all that ``\s`` matches, three
    times as fast as a ``re.sub``; a run at either end stays as one space.
    """
    folded = text.casefold()
    view = _SPACE.join(folded.split())
    if not view:
        return _SPACE if folded else ""
    if folded[0].isspace():
        view = _SPACE + view
    if folded[-1].isspace():
        view += _SPACE
    return view


def _fold(ch: str) -> str:
    return _SPACE if ch.isspace() else ch.casefold()


def _join(left: str, right: str) -> str:
    """Concatenate, keeping whitespace collapsed where the two meet."""
    if left.endswith(_SPACE) and right.startswith(_SPACE):
        return left + right[1:]
    return left + right
_UNKNOWN = _Info(None)
_MAX_CLAUSES = 4  # the most selective clauses kept per pattern


def required_literals(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """Clauses of case-folded strings: any text ``pattern`` matches holds one of each clause.

    ``None`` when nothing can be said (the pattern must always run).
    """
    parser = _parser()
    if parser is None or _REGEX_ONLY.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. "possible nested set": read differently
            tree = parser.parse(_stdlib_syntax(pattern))
    except Exception:  # syntax only ``regex`` knows: no prefilter, the pattern always runs
        return None
    clauses = _clauses(_sequence(list(tree)))
    if not clauses:
        return None
    return tuple(tuple(sorted(_minimal(clause))) for clause in clauses)


def _stdlib_syntax(pattern: str) -> str:
    r"""Rewrite ``regex``-only syntax into stdlib syntax that matches at least as much.

    ``(?<name>`` becomes ``(?P<name>``; a property class ``\p{..}`` (one character) becomes
    ``\w``, which the analysis treats as an unknown character, so no literal is invented.
    """
    named = _NAMED_GROUP.sub(r"\1(?P<", pattern)
    return _PROPERTY.sub(r"\1\\w", named)


_UNESCAPED = r"(?<!\\)((?:\\\\)*)"  # an even number of backslashes before the construct
_NAMED_GROUP = re.compile(_UNESCAPED + r"\(\?<(?![=!])")
_PROPERTY = re.compile(_UNESCAPED + r"\\[pP]\{[^}]*\}")
# Constructs the stdlib parser reads differently or not at all (nested sets, fuzzy matching,
# word-start/end, named lists, branch reset, recursion, version flags): no prefilter.
_REGEX_ONLY = re.compile(
    r"\[:\^?[a-z]+:\]|\\[mMGXLK]|\(\?(?:[|&R0-9]|V[01]|\(DEFINE)|\{[edis]\s*[<=]|\(\?[a-zA-Z]*[rbefw]"
)


def _parser() -> Any:
    for name in ("re._parser", "sre_parse"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


def _usable(clause: Clause | None) -> bool:
    """A clause says something when none of its literals is empty or a lone space."""
    return bool(clause) and "" not in clause and _SPACE not in clause  # type: ignore[operator]


def _minimal(clause: Clause) -> Clause:
    """Drop literals that contain another literal of the clause: the shorter one decides."""
    return frozenset(a for a in clause if not any(b != a and b in a for b in clause))


def _score(clause: Clause) -> tuple[int, int]:
    """Prefer clauses whose shortest literal is longest, then smaller clauses."""
    return (min(len(s) for s in clause), -len(clause))


def _clauses(info: _Info) -> Requirement:
    """The most selective clauses an ``_Info`` guarantees, best first."""
    found = list(info.required)
    if info.exact is not None and _usable(info.exact):
        found.append(info.exact)
    unique = sorted(set(found), key=_score, reverse=True)
    return tuple(unique[:_MAX_CLAUSES])


def _best(info: _Info) -> Clause | None:
    clauses = _clauses(info)
    return clauses[0] if clauses else None


def _sequence(items: list[Any]) -> _Info:
    required: list[Clause] = []
    current: frozenset[str] | None = frozenset({""})
    all_exact = True
    for item in items:
        info = _node(item)
        required.extend(info.required)
        if info.exact is not None and current is not None:
            product = frozenset(_join(a, b) for a in current for b in info.exact)
            if len(product) <= _MAX_SET:
                current = product
                continue
        all_exact = False
        if current is not None and _usable(current):
            required.append(current)
        current = info.exact if info.exact is not None else frozenset({""})
    if all_exact and current is not None:
        return _Info(current, tuple(required))
    if current is not None and _usable(current):
        required.append(current)
    return _Info(None, _clauses(_Info(None, tuple(required))))


def _node(item: tuple[Any, Any]) -> _Info:
    op, arg = item
    name = getattr(op, "name", str(op))
    if name == "LITERAL":
        return _Info(frozenset({_fold(chr(arg))}))
    if name == "IN":
        chars = _class_chars(arg)
        return _UNKNOWN if chars is None else _Info(chars)
    if name in ("AT", "ASSERT_NOT"):
        return _EMPTY
    if name == "ASSERT":  # a positive lookaround consumes nothing, but its text must be there
        return _Info(frozenset({""}), _clauses(_sequence(list(arg[1]))))
    if name in ("SUBPATTERN", "ATOMIC_GROUP"):
        sub = arg[-1] if name == "SUBPATTERN" else arg
        return _sequence(list(sub))
    if name == "BRANCH":
        branches = [_sequence(list(b)) for b in arg[1]]
        if all(b.exact is not None for b in branches):
            union = frozenset().union(*(b.exact for b in branches if b.exact is not None))
            if len(union) <= _MAX_SET:
                return _Info(union)
        picked = [_best(b) for b in branches]
        if any(p is None for p in picked):
            return _UNKNOWN
        return _Info(None, (frozenset().union(*(p for p in picked if p is not None)),))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = arg
        inner = _sequence(list(sub))
        if inner.exact == frozenset({_SPACE}):  # a run of whitespace is one space in the view
            return _Info(frozenset({_SPACE} if low else {"", _SPACE}))
        if low == 0:
            if high == 1 and inner.exact is not None:
                return _Info(inner.exact | {""})
            return _UNKNOWN
        if low == high == 1:
            return inner
        return _Info(None, _clauses(inner))
    return _UNKNOWN  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS, ...


def _class_chars(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        name = getattr(op, "name", str(op))
        if name == "LITERAL":
            chars.add(_fold(chr(arg)))
        elif name == "RANGE" and arg[1] - arg[0] < _MAX_RANGE:
            chars.update(_fold(chr(c)) for c in range(arg[0], arg[1] + 1))
        elif name == "CATEGORY" and getattr(arg, "name", str(arg)) == "CATEGORY_SPACE":
            chars.add(_SPACE)
        else:
            return None  # NEGATE, CATEGORY, wide ranges
    return frozenset(chars)
