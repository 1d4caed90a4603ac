"""Turn validated rule specs into compiled rules (the slow step; its result is cached)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from replylint.lang.detect import build_detect_lexicon
from replylint.lang.folding import char_view, fold_word, strip_diacritics
from replylint.lang.lexicon import surface_forms
from replylint.ruleset.compiled import (
    CompiledPhrase,
    CompiledRule,
    CompiledRuleSet,
    Gap,
    Item,
    Slot,
    compiled_patterns,
)
from replylint.ruleset.phrase import GapSpec, TextSpec, WordSpec, parse_phrase
from replylint.ruleset.spec import Located, RuleSpec

if TYPE_CHECKING:
    from replylint.lang.zh import BoundaryWords


def compile_rules(specs: Sequence[RuleSpec], sources: Sequence[str] = ()) -> CompiledRuleSet:
    """Compile every spec; heavy lexicons load only for the languages the rules use."""
    rules = tuple(
        _with_literals(
            CompiledRule(
                spec=spec,
                phrases=tuple(_compile_phrase(p, spec.lang) for p in spec.phrases),
                unless=tuple(_compile_phrase(p, spec.lang) for p in spec.unless),
                patterns=tuple(_pattern_source(p.text, spec.lang) for p in spec.patterns),
                unless_patterns=tuple(
                    _pattern_source(p.text, spec.lang) for p in spec.unless_patterns
                ),
                literals={},
                when=tuple(_compile_phrase(p, spec.lang) for p in spec.when_phrases),
                when_patterns=tuple(_pattern_source(p.text, spec.lang) for p in spec.when_patterns),
                pattern_lists=tuple(p.allow_list for p in spec.patterns),
                table=_table(spec.table) if spec.table else None,
            )
        )
        for spec in specs
    )
    return CompiledRuleSet(
        rules=rules,
        detect=build_detect_lexicon(),
        sources=tuple(sources),
        data=_language_data(rules),
    )


def _language_data(rules: Sequence[CompiledRule]) -> dict[str, dict[str, object]]:
    """Per language: every regex its rules run, compiled; zh: the words that straddle phrases."""
    data: dict[str, dict[str, object]] = {}
    for lang, patterns in compiled_patterns(rules).items():
        data.setdefault(lang, {})["patterns"] = patterns
    words = _boundary_words(rules)
    if words is not None:
        data.setdefault("zh", {})["boundary_words"] = words
    from replylint.engine import PatternIndex  # the engine imports this package's types

    for lang in {rule.lang for rule in rules}:
        # built for all of a language's rules, as a run with no rule disabled needs it
        index = PatternIndex([rule for rule in rules if rule.lang == lang])
        if index.entries:
            data.setdefault(lang, {})["pattern_index"] = index
    return data


def _boundary_words(rules: Sequence[CompiledRule]) -> BoundaryWords | None:
    """The dictionary words that could straddle a zh phrase's first or last character."""
    starts, ends = set(), set()
    for rule in rules:
        if rule.lang == "zh":
            for phrase in (*rule.phrases, *rule.unless, *rule.when):
                texts = [item for item in phrase.items if isinstance(item, str)]
                if texts:
                    starts.add(texts[0])
                    ends.add(texts[-1])
    if not starts:
        return None
    from replylint.lang.zh import boundary_words

    return boundary_words(starts, ends)


def _with_literals(rule: CompiledRule) -> CompiledRule:
    from replylint.ruleset.prefilter import required_literals

    found = {}
    for source in (*rule.patterns, *rule.unless_patterns, *rule.when_patterns):
        literals = required_literals(source)
        if literals is not None:
            found[source] = literals
    return rule._replace(literals=found)


def _table(name: str) -> dict[str, str]:
    from replylint.lang.lexicon.tables import TABLES

    return TABLES[name]()


def _compile_phrase(phrase: Located, lang: str) -> CompiledPhrase:
    items: list[Item] = []
    for item in parse_phrase(phrase.text, lang):
        if isinstance(item, GapSpec):
            items.append(Gap(item.size))
        elif isinstance(item, TextSpec):
            from replylint.lang.zh import simplified

            items.append(simplified(item.text))
        elif isinstance(item, WordSpec):
            items.append(_compile_word(item, lang))
    return CompiledPhrase(phrase.text, tuple(items))


def _compile_word(word: WordSpec, lang: str) -> Slot:
    exact: set[str] = set()
    for text, is_exact in word.alternatives:
        exact |= {fold_word(text, lang)} if is_exact else surface_forms(text, lang)
    loose = {strip_diacritics(form) for form in exact} if lang == "lv" else set()
    return Slot(frozenset(exact), frozenset(loose))


def _pattern_source(pattern: str, lang: str) -> str:
    """Patterns run on the same folded view as the text (no ``ё``, no Latvian diacritics)."""
    return char_view(pattern, lang)
