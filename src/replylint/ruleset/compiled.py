"""Compiled rules: phrase words expanded to surface forms, ready to pickle and to match."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from replylint.lang.detect import DetectLexicon
from replylint.ruleset.spec import RuleSpec


@dataclass(frozen=True, slots=True)
class Slot:
    """One word position: folded surface forms, and (Latvian) the same without diacritics."""

    exact: frozenset[str]
    loose: frozenset[str]


@dataclass(frozen=True, slots=True)
class Gap:
    """Up to ``size`` other words (en/ru/lv) or characters (zh)."""

    size: int


Item = Slot | Gap | str  # str: a run of Simplified Chinese characters


@dataclass(frozen=True, slots=True)
class CompiledPhrase:
    """A phrase as a sequence of items; ``source`` is the phrase as written."""

    source: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule ready to match: its spec plus compiled phrases, exceptions and patterns."""

    spec: RuleSpec
    phrases: tuple[CompiledPhrase, ...]
    unless: tuple[CompiledPhrase, ...]
    patterns: tuple[str, ...]
    unless_patterns: tuple[str, ...]
    when: tuple[CompiledPhrase, ...] = ()
    when_patterns: tuple[str, ...] = ()
    pattern_lists: tuple[str | None, ...] = ()  # per pattern: the allow-list it is checked against
    table: dict[str, str] | None = None  # respell: word as typed (lower case) -> intended word
    # pattern source -> clauses of case-folded literals; a match needs one literal of every
    # clause (see ``prefilter``); a pattern missing here always runs
    literals: dict[str, tuple[tuple[str, ...], ...]] = dataclasses.field(default_factory=dict)

    @property
    def kind(self) -> str:
        """``match`` rules report their hits; ``required``/``limit`` rules judge a whole reply."""
        return self.spec.kind

    @property
    def reply_scoped(self) -> bool:
        """Whether an exception anywhere in the reply (not only the sentence) cancels a hit."""
        return self.spec.unless_scope == "reply"

    @property
    def id(self) -> str:
        """The rule id, shared by every language's version of the rule."""
        return self.spec.id

    @property
    def lang(self) -> str:
        """The language this version of the rule applies to."""
        return self.spec.lang


@dataclass(frozen=True, slots=True)
class CompiledRuleSet:
    """Every rule of a run and the language-detection lexicon, compiled once and cached."""

    rules: tuple[CompiledRule, ...]
    detect: DetectLexicon
    sources: tuple[str, ...] = ()  # the rule files, as shown when the set was compiled

    def relocated(self, sources: Sequence[str]) -> CompiledRuleSet:
        """The same rules with file paths as shown now (a cache hit from another directory).

        The cache key covers every file's name, parent and bytes in order, so the files of a
        hit correspond one to one, by position, to those the set was compiled from.
        """
        moved = dict(zip(self.sources, sources, strict=True))
        rules = tuple(
            dataclasses.replace(r, spec=dataclasses.replace(r.spec, path=moved[r.spec.path]))
            if r.spec.path in moved
            else r
            for r in self.rules
        )
        return dataclasses.replace(self, rules=rules, sources=tuple(sources))

    def ids(self) -> list[str]:
        """Sorted distinct rule ids."""
        return sorted({r.id for r in self.rules})

    def by_id(self, rule_id: str) -> list[CompiledRule]:
        """Every language's version of ``rule_id``."""
        return [r for r in self.rules if r.id == rule_id]
