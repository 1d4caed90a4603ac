"""The validated, not yet compiled, content of one rule file."""

from typing import NamedTuple

from replylint.diagnostics import Severity


class Located(NamedTuple):
    """A string from a rule file and where it stands (1-based line and column)."""

    text: str
    line: int
    column: int
    allow_list: str | None = None  # patterns: report only names missing from this config list


class RuleSpec(NamedTuple):
    """One rule in one language, as written in ``rules/<lang>/<id>.yaml``."""

    path: str
    id: str
    lang: str
    severity: Severity
    message: str
    why: str
    source: str
    phrases: tuple[Located, ...]
    patterns: tuple[Located, ...]
    unless: tuple[Located, ...]
    unless_patterns: tuple[Located, ...]
    unless_scope: str  # "sentence" | "reply"
    suggest: tuple[str, ...]
    bad_examples: tuple[Located, ...]
    good_examples: tuple[Located, ...]
    kind: str = "match"  # match | required | limit
    where: str = "anywhere"  # required: first | last | anywhere
    sentences: int = 1  # required: how many first/last sentences to look in
    counted: str = "questions"  # limit: questions | same-text (the rule file's ``count``)
    max: int = 0  # limit: the most allowed
    when_phrases: tuple[Located, ...] = ()
    when_patterns: tuple[Located, ...] = ()
    check: str = ""  # consistency: missing-locale | placeholder-mismatch
    fix: "FixSpec | None" = None
    table: str = ""  # respell: the name of a lexicon-derived word table


class FixSpec(NamedTuple):
    """How a ``match`` rule's finding is rewritten, and how safe that is to do unasked."""

    applicability: str  # safe | unsafe | display-only
    replace: str | None = None  # template: \\g<name> and \\1 refer to the pattern's groups
    map: tuple[tuple[str, str], ...] = ()  # replacement chosen by the matched text
