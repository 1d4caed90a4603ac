"""Compiled rules: phrase words expanded to surface forms, ready to pickle and to match."""

import pickle
import zlib
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from replylint.collector import paused
from replylint.lang.detect import DetectLexicon
from replylint.ruleset.spec import RuleSpec


class Slot(NamedTuple):
    """One word position: folded surface forms, and (Latvian) the same without diacritics."""

    exact: frozenset[str]
    loose: frozenset[str]


class Gap(NamedTuple):
    """Up to ``size`` other words (en/ru/lv) or characters (zh)."""

    size: int


Item = Slot | Gap | str  # str: a run of Simplified Chinese characters


class CompiledPhrase(NamedTuple):
    """A phrase as a sequence of items; ``source`` is the phrase as written."""

    source: str
    items: tuple[Item, ...]


class CompiledRule(NamedTuple):
    """A rule ready to match: its spec plus compiled phrases, exceptions and patterns."""

    spec: RuleSpec
    phrases: tuple[CompiledPhrase, ...]
    unless: tuple[CompiledPhrase, ...]
    patterns: tuple[str, ...]
    unless_patterns: tuple[str, ...]
    # pattern source -> clauses of case-folded literals; a match needs one literal of every
    # clause (see ``prefilter``); a pattern missing here always runs
    literals: dict[str, tuple[tuple[str, ...], ...]]
    when: tuple[CompiledPhrase, ...] = ()
    when_patterns: tuple[str, ...] = ()
    pattern_lists: tuple[str | None, ...] = ()  # per pattern: the allow-list it is checked against
    table: dict[str, str] | None = None  # respell: word as typed (lower case) -> intended word

    def __reduce__(self) -> tuple[Any, ...]:
        if self.table is None:
            return (CompiledRule, tuple(self))
        at = self._fields.index("table")
        packed = (*self[:at], Packed(self.table), *self[at + 1 :])
        return (CompiledRule, packed)

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


class Packed:
    """Pickles a large word set or word table as newline-joined strings.

    One string per set (or two per table) unpickles about twice as fast as one string object
    per word, and a language's rules are unpickled by every run that lints that language.
    """

    __slots__ = ("value",)

    def __init__(self, value: frozenset[str] | dict[str, str]) -> None:
        self.value = value

    def __reduce__(self) -> tuple[Any, ...]:
        value = self.value
        words = list(value)
        if not words or any("\n" in word for word in words):
            return (_same, (value,))
        if isinstance(value, dict):
            replacements = list(value.values())
            if any("\n" in word for word in replacements):
                return (_same, (value,))
            return (_unpack_table, ("\n".join(words), "\n".join(replacements)))
        return (_unpack_words, ("\n".join(words),))


def _same(value: Any) -> Any:
    return value


def _unpack_words(joined: str) -> frozenset[str]:
    return frozenset(joined.split("\n"))


def _unpack_table(keys: str, values: str) -> dict[str, str]:
    return dict(zip(keys.split("\n"), values.split("\n"), strict=True))


# Flags of rule patterns: case-insensitive on the folded view (see ``engine``).
PATTERN_FLAGS = 2  # regex.IGNORECASE, spelled out so this module need not import ``regex``
PatternKey = tuple[str, int]  # (regex source, flags)


def pattern_keys(rule: CompiledRule) -> list[PatternKey]:
    """Every regex the engine runs for ``rule``: its patterns and its gapped zh phrases."""
    sources = (*rule.patterns, *rule.unless_patterns, *rule.when_patterns)
    keys = [(source, PATTERN_FLAGS) for source in sources]
    if rule.lang == "zh":
        for phrase in (*rule.phrases, *rule.unless, *rule.when):
            if not (len(phrase.items) == 1 and isinstance(phrase.items[0], str)):
                keys.append((gap_regex(phrase), 0))
    return keys


def gap_regex(phrase: CompiledPhrase) -> str:
    """A zh phrase with gaps as a regex over the whitespace-free Simplified view."""
    import regex

    parts = []
    for item in phrase.items:
        if isinstance(item, Gap):
            parts.append(f".{{0,{item.size}}}?")
        else:
            parts.append(regex.escape(str(item)))
    return "".join(parts)


class PatternTable:
    """One language's compiled patterns, each unpickled when a rule first runs it.

    The prefilter skips most patterns on most texts, so a short reply runs a few of them;
    unpickling all of a language's patterns cost about 2 ms of every run.
    """

    __slots__ = ("_compiled", "_sealed")

    def __init__(self, compiled: dict[PatternKey, Any] | None = None) -> None:
        self._compiled: dict[PatternKey, Any] = dict(compiled or {})
        self._sealed: dict[PatternKey, bytes] = {}

    def __getitem__(self, key: PatternKey) -> Any:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: PatternKey) -> Any:
        """The compiled pattern of ``key``, or ``None`` when the table lacks it."""
        found = self._compiled.get(key)
        if found is None:
            sealed = self._sealed.pop(key, None)
            if sealed is not None:
                found = self._compiled[key] = pickle.loads(sealed)
        return found

    def __setitem__(self, key: PatternKey, compiled: Any) -> None:
        self._compiled[key] = compiled

    def __contains__(self, key: object) -> bool:
        return key in self._compiled or key in self._sealed

    def __len__(self) -> int:
        return len(self._compiled) + len(self._sealed)

    def __reduce__(self) -> tuple[Any, ...]:
        sealed = dict(self._sealed)
        for key, compiled in self._compiled.items():
            sealed[key] = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
        return (_unseal_patterns, (sealed,))


def _unseal_patterns(sealed: dict[PatternKey, bytes]) -> PatternTable:
    table = PatternTable()
    table._sealed = sealed
    return table


def compiled_patterns(rules: Iterable[CompiledRule]) -> dict[str, PatternTable]:
    """Per language, every regex its rules run, compiled (see ``CompiledRuleSet.pattern``).

    ``regex`` compiles in Python and costs more than linting a short reply, but a compiled
    pattern pickles as its compiled code: the cache stores them, so a run only unpickles them.
    """
    import regex

    found: dict[str, PatternTable] = {}
    for rule in rules:
        table = found.setdefault(rule.lang, PatternTable())
        for key in pattern_keys(rule):
            if key not in table:
                table[key] = regex.compile(*key)
    return found


class CompiledRuleSet:
    """Every rule of a run and the language-detection lexicon, compiled once and cached.

    It pickles as one blob per language, and a loaded set unpickles a language's rules only
    when they are first asked for: a run over English text never rebuilds the Russian forms.
    """

    __slots__ = ("_blobs", "_by_lang", "_data", "_ids", "_moved", "detect", "sources")

    def __init__(
        self,
        rules: Iterable[CompiledRule],
        detect: DetectLexicon,
        sources: Sequence[str] = (),
        data: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.detect = detect
        self.sources = tuple(sources)  # the rule files, as shown when the set was compiled
        by_lang: dict[str, list[CompiledRule]] = {}
        for rule in rules:
            by_lang.setdefault(rule.lang, []).append(rule)
        self._by_lang = {lang: tuple(found) for lang, found in by_lang.items()}
        self._data = dict(data or {})  # lang -> compiled lexical data, e.g. zh boundary words
        self._blobs: dict[str, tuple[bytes, int]] = {}  # lang -> (pickled rules, CRC-32)
        self._ids = sorted({rule.id for found in self._by_lang.values() for rule in found})
        self._moved: dict[str, str] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        blobs = {lang: blob for lang, (blob, _) in self._blobs.items()}
        for lang, rules in self._by_lang.items():
            data = self._data.get(lang, {})
            packed = {k: Packed(v) if isinstance(v, frozenset) else v for k, v in data.items()}
            payload = (rules, packed)
            blobs[lang] = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        sealed = {lang: (blob, _digest(blob)) for lang, blob in blobs.items()}
        detect = (Packed(self.detect.en), Packed(self.detect.lv))  # unpickled by every run
        return (_restore, (sealed, self._ids, detect, self.sources, self._moved))

    def intact(self) -> bool:
        """Whether every language's blob still has the digest it was written with.

        Blobs unpickle lazily, so a damaged cache file must be caught here, on load.
        """
        return all(_digest(blob) == digest for blob, digest in self._blobs.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CompiledRuleSet):
            return NotImplemented
        return (self.rules, self.detect, self.sources) == (other.rules, other.detect, other.sources)

    __hash__ = None  # type: ignore[assignment]

    @property
    def langs(self) -> list[str]:
        """The languages that have rules."""
        return sorted({*self._by_lang, *self._blobs})

    def rules_of(self, lang: str) -> tuple[CompiledRule, ...]:
        """The rules of one language, unpickled on first use."""
        found = self._by_lang.get(lang)
        if found is None:
            sealed = self._blobs.pop(lang, None)
            found = ()
            if sealed is not None:
                with paused():  # many long-lived acyclic objects (see replylint.collector)
                    rules, data = pickle.loads(sealed[0])
                found = self._relocate(rules)
                self._data[lang] = data
            self._by_lang[lang] = found
        return found

    def language_data(self, lang: str) -> dict[str, Any]:
        """Compiled lexical data of one language (loaded with its rules)."""
        self.rules_of(lang)
        return self._data.get(lang, {})

    def pattern(self, lang: str, source: str, flags: int = PATTERN_FLAGS) -> Any:
        """The compiled regex of one of ``lang``'s rules (compiled now if the set lacks it)."""
        table = self.language_data(lang).setdefault("patterns", PatternTable())
        compiled = table.get((source, flags))
        if compiled is None:
            import regex

            compiled = table[(source, flags)] = regex.compile(source, flags)
        return compiled

    @property
    def rules(self) -> tuple[CompiledRule, ...]:
        """Every rule of every language, ordered by id then language."""
        every = [rule for lang in self.langs for rule in self.rules_of(lang)]
        return tuple(sorted(every, key=lambda r: (r.id, r.lang)))

    def _relocate(self, rules: tuple[CompiledRule, ...]) -> tuple[CompiledRule, ...]:
        if not self._moved:
            return rules
        return tuple(
            r._replace(spec=r.spec._replace(path=self._moved[r.spec.path]))
            if r.spec.path in self._moved
            else r
            for r in rules
        )

    def relocated(self, sources: Sequence[str]) -> "CompiledRuleSet":
        """The same rules with file paths as shown now (a cache hit from another directory).

        The cache key covers every file's name, parent and bytes in order, so the files of a
        hit correspond one to one, by position, to those the set was compiled from.
        """
        moved = dict(zip(self.sources, sources, strict=True))
        other = _restore(dict(self._blobs), self._ids, self.detect, tuple(sources), {})
        earlier = self._moved or {path: path for path in self.sources}
        other._moved = {first: moved.get(now, now) for first, now in earlier.items()}
        other._by_lang = {lang: other._relocate(rules) for lang, rules in self._by_lang.items()}
        other._data = dict(self._data)
        return other

    def ids(self) -> list[str]:
        """Sorted distinct rule ids."""
        return list(self._ids)

    def by_id(self, rule_id: str) -> list[CompiledRule]:
        """Every language's version of ``rule_id``."""
        return [r for r in self.rules if r.id == rule_id]


def _digest(blob: bytes) -> int:
    """A CRC-32 seal: it catches a damaged cache file, at a quarter of a hash's cost per run.

    The cache is keyed by content and written atomically, so the seal guards against damage,
    not tampering, which is what a CRC is built for.
    """
    return zlib.crc32(blob)


def _restore(
    blobs: dict[str, tuple[bytes, int]],
    ids: list[str],
    detect: tuple[frozenset[str], frozenset[str]],
    sources: tuple[str, ...],
    moved: dict[str, str],
) -> CompiledRuleSet:
    ruleset = CompiledRuleSet((), DetectLexicon(*detect), sources)
    ruleset._blobs = blobs
    ruleset._data = {}
    ruleset._ids = ids
    ruleset._moved = moved
    return ruleset
