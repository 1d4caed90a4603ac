"""The matching engine: one pass per segment over the rules of the segment's language.

en/ru/lv: the text is split into words and folded once, as whole strings; each word's key is
looked up in an index of the first words of all phrases (and under it, of their second words),
and candidates are extended word by word (with bounded gaps).
zh: one Aho–Corasick pass over the Simplified, whitespace-free view finds every phrase; a hit
counts only where the word segmenter agrees that it starts and ends on word boundaries.
Patterns run per rule with a timeout, on the same folded view.
"""

import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache, partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from replylint.lang import SPACED_LANGUAGES
from replylint.lang.folding import char_view, fold_words, strip_words
from replylint.lang.tokens import breaks_at, split_words
from replylint.records import Record
from replylint.ruleset.compiled import (
    CompiledPhrase,
    CompiledRule,
    CompiledRuleSet,
    Gap,
    Slot,
    gap_regex,
)
from replylint.ruleset.prefilter import search_view

if TYPE_CHECKING:
    from replylint.lang.zh import BoundaryWords

PATTERN_TIMEOUT_SECONDS = 1.0
# Outcomes of recent short texts are kept: a repeated paragraph is matched once.
_MEMO_SIZE = 4096
_MEMO_MAX_TEXT = 2000


class Hit(NamedTuple):
    """A rule matched ``[start, end)`` of a segment's text."""

    rule: CompiledRule
    start: int
    end: int
    detail: str | None = None  # appended to the message, e.g. which locale is missing
    replacement: str | None = None  # a pattern rule's fix template, expanded for this match


class MatchOutcome(Record):
    """Hits of one segment plus notices (e.g. a pattern that timed out).

    Hits of rules whose exceptions count anywhere in the reply are kept apart until every
    segment of the reply has been matched (see ``resolve_reply``). Their exception patterns
    wait in ``deferred`` until ``Matcher.reply_exception`` asks about the rule: most replies
    hold no hit of such a rule, and running every rule's exceptions on every segment cost
    more than all its hit patterns.
    """

    _fields = (
        "hits",
        "notices",
        "reply_hits",
        "reply_exceptions",
        "probes",
        "expanded",
        "triggers",
        "deferred",
    )
    __slots__ = _fields

    def __init__(
        self,
        hits: list[Hit] | None = None,
        notices: list[str] | None = None,
        reply_hits: list[Hit] | None = None,
        reply_exceptions: set[str] | None = None,
        probes: dict[str, list[tuple[int, int]]] | None = None,
        expanded: dict[tuple[str, int, int], str] | None = None,
        triggers: dict[str, list[tuple[int, int]]] | None = None,
        deferred: "dict[str, DeferredUnless] | None" = None,
    ) -> None:
        self.hits: list[Hit] = [] if hits is None else hits
        self.notices: list[str] = [] if notices is None else notices
        self.reply_hits: list[Hit] = [] if reply_hits is None else reply_hits
        self.reply_exceptions: set[str] = set() if reply_exceptions is None else reply_exceptions
        # judged rules' evidence: rule id -> its spans, for the rules that have some
        self.probes: dict[str, list[tuple[int, int]]] = {} if probes is None else probes
        self.expanded: dict[tuple[str, int, int], str] = {} if expanded is None else expanded
        self.triggers: dict[str, list[tuple[int, int]]] = {} if triggers is None else triggers
        self.deferred = deferred  # rule id -> its exception patterns, not yet run here


class DeferredUnless(NamedTuple):
    """A reply-scoped rule's exception patterns that a segment's literals let through."""

    rule: CompiledRule
    sources: tuple[str, ...]
    view: str  # the text as patterns see it


def resolve_reply(outcomes: Sequence[MatchOutcome], matcher: "Matcher") -> list[list[Hit]]:
    """Final hits per segment of one reply; reply-scoped hits survive only without exceptions.

    Exceptions are looked for only for the rules that have such hits, segment by segment
    until one is found.
    """
    scoped = {h.rule.id for o in outcomes for h in o.reply_hits}
    cancelled = {r for r in scoped if any(matcher.reply_exception(o, r) for o in outcomes)}
    resolved = []
    for outcome in outcomes:
        hits = outcome.hits + [h for h in outcome.reply_hits if h.rule.id not in cancelled]
        hits.sort(key=lambda h: (h.start, h.end, h.rule.id))
        resolved.append(hits)
    return resolved


HIT, EXCEPTION, TRIGGER = 0, 1, 2


def _roles(rule: CompiledRule) -> tuple[tuple[tuple[CompiledPhrase, ...], int], ...]:
    return ((rule.phrases, HIT), (rule.unless, EXCEPTION), (rule.when, TRIGGER))


class _Entry(NamedTuple):
    """One phrase of one rule in the role it plays there."""

    rule_index: int
    phrase: CompiledPhrase
    role: int  # HIT, EXCEPTION or TRIGGER


class _FirstWord:
    """The phrases that start with one word, split by what their second word must be.

    Most candidates fail at the second word; looking it up here skips them without a test.
    """

    __slots__ = ("alone", "exact", "loose")

    def __init__(self) -> None:
        self.alone: list[_Entry] = []  # one word, or a gap after the first: no second word
        self.exact: dict[str, list[_Entry]] = defaultdict(list)
        self.loose: dict[str, list[_Entry]] = defaultdict(list)

    def add(self, entry: _Entry) -> None:
        items = entry.phrase.items
        second = items[1] if len(items) > 1 else None
        if not isinstance(second, Slot):
            self.alone.append(entry)
            return
        for key in second.exact:
            self.exact[key].append(entry)
        for key in second.loose:
            self.loose[key].append(entry)


class _FirstWords(dict[str, _FirstWord]):
    """First-word key -> its ``_FirstWord``, built when a text first holds the key.

    Splitting by second word multiplies the forms of two slots; doing it eagerly cost a
    Russian or Latvian run 50-100 ms before its first word, for keys most texts never hold.
    """

    __slots__ = ("entries",)

    def __init__(self, entries: dict[str, list[_Entry]]) -> None:
        super().__init__()
        self.entries = entries  # first-word key -> every phrase entry starting with it

    def __missing__(self, key: str) -> _FirstWord:
        first = self[key] = _FirstWord()
        for entry in self.entries[key]:
            first.add(entry)
        return first


class _SpacedIndex:
    """First-word index of every phrase of one space-separated language."""

    def __init__(self, rules: Sequence[CompiledRule]) -> None:
        exact: dict[str, list[_Entry]] = defaultdict(list)
        loose: dict[str, list[_Entry]] = defaultdict(list)
        for i, rule in enumerate(rules):
            for phrases, role in _roles(rule):
                for phrase in phrases:
                    first = phrase.items[0]
                    assert isinstance(first, Slot)
                    entry = _Entry(i, phrase, role)
                    for key in first.exact:
                        exact[key].append(entry)
                    for key in first.loose:
                        loose[key].append(entry)
        # plain dicts underneath: a missing key is not added on lookup
        self.exact = _FirstWords(dict(exact))
        self.loose = _FirstWords(dict(loose))


class _ZhIndex:
    """Aho–Corasick automaton over contiguous phrases; gapped phrases become regexes."""

    def __init__(
        self,
        rules: Sequence[CompiledRule],
        boundary_words: "BoundaryWords | None" = None,
        compiled: Callable[[str, int], Any] | None = None,
    ) -> None:
        import ahocorasick

        compiled = compiled or (lambda source, flags: _regex().compile(source, flags))

        # words that could straddle a phrase edge; None: always ask the segmenter
        self.boundary_words = boundary_words
        self.automaton: Any = ahocorasick.Automaton()
        table: dict[str, list[_Entry]] = defaultdict(list)
        self.gapped: list[tuple[_Entry, Any]] = []
        for i, rule in enumerate(rules):
            for phrases, role in _roles(rule):
                for phrase in phrases:
                    entry = _Entry(i, phrase, role)
                    if len(phrase.items) == 1 and isinstance(phrase.items[0], str):
                        table[phrase.items[0]].append(entry)
                    else:
                        pattern = compiled(gap_regex(phrase), 0)
                        self.gapped.append((entry, pattern))
        for key, entries in table.items():
            self.automaton.add_word(key, (len(key), tuple(entries)))
        if table:
            self.automaton.make_automaton()
        self.empty = not table
        # Rules whose hits are only evidence that a sentence holds one of their phrases.
        self.required = frozenset(i for i, rule in enumerate(rules) if rule.kind == "required")


class _PatternEntry(NamedTuple):
    """One pattern of one rule in the role it plays there."""

    rule_index: int
    role: int  # HIT, EXCEPTION or TRIGGER
    source: str
    allow_list: str | None


class _Unless(NamedTuple):
    """The exception patterns a segment's literals let through, and the view they run on."""

    view: str
    entries: list[_PatternEntry]


class PatternIndex:
    """Every pattern of one language, with one Aho–Corasick automaton over their literals.

    A pattern runs on a segment only when each of its clauses has a literal there (see
    ``ruleset.prefilter``), or always when it has none; candidates keep the rule-file order.
    """

    def __init__(self, rules: Sequence[CompiledRule]) -> None:
        self.entries: list[_PatternEntry] = []
        self.always: list[int] = []
        self.clauses: list[tuple[int, ...]] = []  # per entry: the clause numbers it needs
        by_literal: dict[str, set[int]] = defaultdict(set)
        clause_numbers: dict[tuple[str, ...], int] = {}
        for i, rule in enumerate(rules):
            groups = (
                (rule.patterns, HIT),
                (rule.unless_patterns, EXCEPTION),
                (rule.when_patterns, TRIGGER),
            )
            for sources, role in groups:
                for k, source in enumerate(sources):
                    listed = rule.pattern_lists[k] if role == HIT and rule.pattern_lists else None
                    number = len(self.entries)
                    self.entries.append(_PatternEntry(i, role, source, listed))
                    needed = []
                    for clause in rule.literals.get(source, ()):
                        clause_number = clause_numbers.setdefault(clause, len(clause_numbers))
                        needed.append(clause_number)
                        for literal in clause:
                            by_literal[literal].add(clause_number)
                    self.clauses.append(tuple(needed))
                    if not needed:
                        self.always.append(number)
        self.needs = [frozenset(c) for c in self.clauses]
        self.users: dict[int, list[int]] = defaultdict(list)  # clause -> entries needing it
        for number, needed_clauses in enumerate(self.clauses):
            for clause_number in needed_clauses:
                self.users[clause_number].append(number)
        self.literal_clauses: list[tuple[int, ...]] = []  # literal number -> its clauses
        self.automaton: Any = None
        if by_literal:
            import ahocorasick

            self.automaton = ahocorasick.Automaton()
            for literal, numbers in by_literal.items():
                self.automaton.add_word(literal, len(self.literal_clauses))
                self.literal_clauses.append(tuple(sorted(numbers)))
            self.automaton.make_automaton()

    def candidates(self, view: str) -> list[_PatternEntry]:
        """The patterns that can match ``view``, in rule order."""
        chosen = set(self.always)
        if self.automaton is not None:
            literals = set(map(itemgetter(1), self.automaton.iter(search_view(view))))
            held = {c for number in literals for c in self.literal_clauses[number]}
            needs, users = self.needs, self.users
            chosen.update(n for c in held for n in users[c] if needs[n] <= held)
        return [self.entries[n] for n in sorted(chosen)]


def _regex() -> Any:
    """The ``regex`` module, imported on first use (a reply that needs no pattern skips it)."""
    import regex

    return regex


class _RulePlan:
    """Which of a language's rules need what after matching; computed once, not per segment."""

    def __init__(self, rules: Sequence[CompiledRule]) -> None:
        numbered = list(enumerate(rules))
        self.judged = [(i, r) for i, r in numbered if r.kind in ("required", "limit")]
        self.scoped = [(i, r) for i, r in numbered if r.reply_scoped]
        self.tabled = [(i, r) for i, r in numbered if r.table]


class Matcher:
    """Rules of one run, indexed per language on first use (lexicons were applied at compile)."""

    def __init__(
        self,
        ruleset: CompiledRuleSet,
        enabled: Iterable[str] | None = None,
        allow_lists: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self._allowed = None if enabled is None else set(enabled)
        self.ruleset = ruleset
        self.allow_lists = dict(allow_lists or {})
        self._rules: dict[str, list[CompiledRule]] = {}
        self._spaced: dict[str, _SpacedIndex] = {}
        self._zh: _ZhIndex | None = None
        self._patterns: dict[str, Any] = {}
        self._pattern_index: dict[str, PatternIndex] = {}
        self._plans: dict[str, _RulePlan] = {}
        self._memo: dict[tuple[str, str, tuple[tuple[int, int], ...]], MatchOutcome] = {}

    def _plan(self, lang: str, rules: Sequence[CompiledRule]) -> _RulePlan:
        plan = self._plans.get(lang)
        if plan is None:
            plan = self._plans[lang] = _RulePlan(rules)
        return plan

    def enabled_rules(self) -> list[CompiledRule]:
        """The enabled rules of every language."""
        return [rule for lang in self.ruleset.langs for rule in self.rules_for(lang)]

    def rules_for(self, lang: str) -> list[CompiledRule]:
        """The enabled rules of ``lang`` (a language's rules load when first needed)."""
        rules = self._rules.get(lang)
        if rules is None:
            allowed = self._allowed
            rules = self._rules[lang] = [
                rule
                for rule in self.ruleset.rules_of(lang)
                if allowed is None or rule.id in allowed
            ]
        return rules

    def match(
        self, text: str, lang: str, protected: Sequence[tuple[int, int]] = ()
    ) -> MatchOutcome:
        """Find every hit of the enabled rules of ``lang`` in ``text``.

        ``protected`` spans (placeholders, code, links) are masked for phrases, so no phrase
        matches in or across them; patterns see the text as it is and may target them.
        The outcome is shared by every call with the same text (greetings, sign-offs and
        boilerplate repeat across a library): callers only read it.
        """
        if len(text) > _MEMO_MAX_TEXT:
            return self._match(text, lang, protected)
        key = (text, lang, tuple(protected))
        memo = self._memo
        outcome = memo.get(key)
        if outcome is None:
            outcome = memo[key] = self._match(text, lang, protected)
            if len(memo) > _MEMO_SIZE:
                del memo[next(iter(memo))]  # the oldest entry
        return outcome

    def _match(self, text: str, lang: str, protected: Sequence[tuple[int, int]]) -> MatchOutcome:
        rules = self.rules_for(lang)
        outcome = MatchOutcome()
        if not rules or not text.strip():
            return outcome
        masked = _mask(text, protected, lang)
        if lang in SPACED_LANGUAGES:
            if lang not in self._spaced:
                self._spaced[lang] = _SpacedIndex(rules)
            raw = _match_spaced(masked, lang, self._spaced[lang])
        else:
            if self._zh is None:
                data = self.ruleset.language_data("zh")
                self._zh = _ZhIndex(
                    rules,
                    data.get("boundary_words"),
                    partial(self.ruleset.pattern, "zh"),
                )
            raw = _match_zh(masked, self._zh)
        found: tuple[dict[int, list[tuple[int, int]]], ...] = tuple(
            defaultdict(list) for _ in range(3)
        )
        for rule_index, start, end, role in raw:
            found[role][rule_index].append((start, end))
        hits, exceptions, triggers = found
        plan = self._plan(lang, rules)
        unless = self._match_patterns(text, lang, rules, found, outcome)
        _respell(masked, plan.tabled, hits, outcome)
        if unless:
            self._match_exceptions(unless, rules, found, outcome)
        for rule_index, rule in plan.judged:  # evidence of a judged rule, where there is any
            probes, rule_triggers = hits.pop(rule_index, None), triggers.pop(rule_index, None)
            if probes:
                outcome.probes[rule.id] = sorted(probes)
            if rule_triggers:
                outcome.triggers[rule.id] = sorted(rule_triggers)
        sentences: list[tuple[int, int]] | None = None
        if exceptions:
            for rule_index, rule in plan.scoped:
                if exceptions.get(rule_index):
                    outcome.reply_exceptions.add(rule.id)
        for rule_index, spans in hits.items():
            rule = rules[rule_index]
            spans = _longest_non_overlapping(spans)
            if rule.reply_scoped:
                outcome.reply_hits.extend(
                    Hit(rule, s, e, replacement=outcome.expanded.get((rule.id, s, e)))
                    for s, e in spans
                )
                continue
            if exceptions.get(rule_index):
                if sentences is None:
                    from replylint.lang.sentences import sentence_spans

                    sentences = sentence_spans(text, lang)
                spans = _without_exceptions(spans, exceptions[rule_index], sentences)
            outcome.hits.extend(
                Hit(rule, s, e, replacement=outcome.expanded.get((rule.id, s, e))) for s, e in spans
            )
        outcome.hits.sort(key=lambda h: (h.start, h.end, h.rule.id))
        return outcome

    def _match_patterns(
        self,
        text: str,
        lang: str,
        rules: Sequence[CompiledRule],
        found: tuple[dict[int, list[tuple[int, int]]], ...],
        outcome: MatchOutcome,
    ) -> _Unless | None:
        """Run the hit and trigger patterns; return the exception patterns still to decide."""
        index = self._pattern_index.get(lang)
        if index is None:
            index = self._full_pattern_index(lang, rules) or PatternIndex(rules)
            self._pattern_index[lang] = index
        if not index.entries:
            return None
        view = _pattern_view(text, lang)
        unless: list[_PatternEntry] = []
        for entry in index.candidates(view):
            if entry.role == EXCEPTION:
                unless.append(entry)
                continue
            rule = rules[entry.rule_index]
            listed = entry.allow_list
            if listed is not None and listed not in self.allow_lists:
                continue  # an allow-list pattern stays silent until the list is configured
            spans = self._run_pattern(
                entry.source, view, rule, outcome, self.allow_lists.get(listed or "")
            )
            found[entry.role][entry.rule_index].extend(spans)
        return _Unless(view, unless) if unless else None

    def _match_exceptions(
        self,
        unless: _Unless,
        rules: Sequence[CompiledRule],
        found: tuple[dict[int, list[tuple[int, int]]], ...],
        outcome: MatchOutcome,
    ) -> None:
        """Exception patterns, only where they can change a result.

        A sentence-scoped exception matters only to a rule with a hit in this text; a
        reply-scoped one only to a rule with a hit somewhere in the reply, which is known
        once every segment is matched, so its test is deferred (``MatchOutcome.deferred``).
        """
        hits = found[HIT]
        scoped: dict[int, list[str]] = {}
        for entry in unless.entries:
            rule = rules[entry.rule_index]
            if rule.reply_scoped:
                scoped.setdefault(entry.rule_index, []).append(entry.source)
            elif hits.get(entry.rule_index):
                spans = self._run_pattern(entry.source, unless.view, rule, outcome)
                found[EXCEPTION][entry.rule_index].extend(spans)
        if scoped:
            if outcome.deferred is None:
                outcome.deferred = {}
            for rule_index, sources in scoped.items():
                rule = rules[rule_index]
                outcome.deferred[rule.id] = DeferredUnless(rule, tuple(sources), unless.view)

    def reply_exception(self, outcome: MatchOutcome, rule_id: str) -> bool:
        """Whether ``outcome``'s segment holds an exception of the reply-scoped ``rule_id``.

        Its deferred patterns run on the first ask; the answer is kept in the outcome.
        """
        if rule_id in outcome.reply_exceptions:
            return True
        waiting = outcome.deferred.pop(rule_id, None) if outcome.deferred else None
        if waiting is None:
            return False
        rule, sources, view = waiting
        if not any(self._run_pattern(source, view, rule, outcome) for source in sources):
            return False
        outcome.reply_exceptions.add(rule_id)
        return True

    def every_reply_exception(self, outcome: MatchOutcome) -> set[str]:
        """The reply-scoped rules with an exception in ``outcome``, running every deferred test."""
        for rule_id in list(outcome.deferred or ()):
            self.reply_exception(outcome, rule_id)
        outcome.deferred = None
        return outcome.reply_exceptions

    def _full_pattern_index(self, lang: str, rules: Sequence[CompiledRule]) -> PatternIndex | None:
        """The index compiled with the rule set, when ``rules`` are all of ``lang``'s rules."""
        if len(rules) != len(self.ruleset.rules_of(lang)):
            return None  # some rules are disabled: entries are numbered by position
        index = self.ruleset.language_data(lang).get("pattern_index")
        return index if isinstance(index, PatternIndex) else None

    def _run_pattern(
        self,
        source: str,
        view: str,
        rule: CompiledRule,
        outcome: MatchOutcome,
        allowed: frozenset[str] | None = None,
    ) -> list[tuple[int, int]]:
        regex = _regex()
        compiled = self._patterns.get(source)
        if compiled is None:
            compiled = self._patterns[source] = self.ruleset.pattern(rule.lang, source)
        template = rule.spec.fix.replace if rule.spec.fix is not None else None
        try:
            spans = []
            for m in compiled.finditer(view, timeout=PATTERN_TIMEOUT_SECONDS):
                if m.end() > m.start() and (allowed is None or m.group("name") not in allowed):
                    spans.append((m.start(), m.end()))
                    if template is not None:
                        # a template group this pattern lacks: the hit has no replacement
                        with contextlib.suppress(regex.error, IndexError):
                            outcome.expanded[(rule.id, m.start(), m.end())] = m.expand(template)
            return spans
        except TimeoutError:
            outcome.notices.append(
                f"rule {rule.id} ({rule.lang}): pattern {source!r} timed out after "
                f"{PATTERN_TIMEOUT_SECONDS:g}s and was skipped for this text"
            )
            return []


def _respell(
    text: str,
    tabled: Sequence[tuple[int, CompiledRule]],
    hits: dict[int, list[tuple[int, int]]],
    outcome: MatchOutcome,
) -> None:
    """``respell`` rules: every word found in the rule's table, with its intended spelling."""
    if not tabled:
        return
    from replylint.lang.lexicon.tables import respelled

    words = split_words(text)
    for j, word in enumerate(words.texts):
        key = word.lower()
        for i, rule in tabled:
            assert rule.table is not None
            if key in rule.table:
                replacement = respelled(word, rule.table)
                span = (words.start(j), words.end(j))
                hits[i].append(span)
                if replacement is not None:
                    outcome.expanded[(rule.id, *span)] = replacement


def _mask(text: str, protected: Sequence[tuple[int, int]], lang: str) -> str:
    """Replace protected spans by an opaque word of the same length (a code point each)."""
    if not protected:
        return text
    parts = []
    pos = 0
    for start, end in sorted(protected):
        if start < pos:
            continue
        parts.append(text[pos:start])
        size = end - start
        if lang in SPACED_LANGUAGES:
            parts.append(" " + "x" * (size - 2) + " " if size >= 3 else " " * size)
        else:
            parts.append("\ue000" * size)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _pattern_view(text: str, lang: str) -> str:
    if lang == "zh":
        from replylint.lang.zh import simplified

        return simplified(text)
    return char_view(text, lang)


def _longest_non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the leftmost-longest of overlapping hits of one rule."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def _without_exceptions(
    spans: list[tuple[int, int]],
    exceptions: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Drop hits whose sentence also holds an ``unless`` phrase of the same rule."""

    def sentence_of(offset: int) -> int:
        for i, (s, e) in enumerate(sentences):
            if s <= offset < e:
                return i
        return -1

    blocked = {sentence_of(s) for s, _ in exceptions}
    return [span for span in spans if sentence_of(span[0]) not in blocked]


def _match_spaced(text: str, lang: str, index: _SpacedIndex) -> list[tuple[int, int, int, int]]:
    words = split_words(text)
    keys = fold_words(words.texts, lang)
    loose = strip_words(keys) if lang == "lv" else keys
    # Latvian: a word typed without diacritics may stand for one with them
    marked = [lo != k for lo, k in zip(loose, keys, strict=True)] if lang == "lv" else None
    bounds = words.bounds
    count = len(keys)
    breaks: dict[int, bool] = {}

    def accepts(slot: Slot, j: int) -> bool:
        if marked is not None and not marked[j]:
            return loose[j] in slot.loose
        return keys[j] in slot.exact

    def joined(j: int) -> bool:
        if j not in breaks:
            breaks[j] = not breaks_at(text, bounds[2 * j + 1], bounds[2 * j + 3])
        return breaks[j]

    exact, by_loose = index.exact, index.loose
    starts, loose_starts = exact.entries, by_loose.entries
    if marked is None:
        firsts = [(j, exact[key]) for j, key in enumerate(keys) if key in starts]
    else:
        firsts = [
            (j, exact[key] if has_marks else by_loose[bare])
            for j, (key, bare, has_marks) in enumerate(zip(keys, loose, marked, strict=True))
            if (key in starts if has_marks else bare in loose_starts)
        ]
    found: list[tuple[int, int, int, int]] = []
    for j, first in firsts:
        for entry in first.alone:
            if len(entry.phrase.items) == 1:
                found.append((entry.rule_index, bounds[2 * j], bounds[2 * j + 1], entry.role))
                continue
            end = _extend(entry.phrase.items, 0, j, accepts, joined, count)
            if end is not None:
                found.append((entry.rule_index, bounds[2 * j], bounds[2 * end + 1], entry.role))
        if j + 1 >= count:
            continue
        if marked is None or marked[j + 1]:
            entries = first.exact.get(keys[j + 1])
        else:
            entries = first.loose.get(loose[j + 1])
        if not entries or not joined(j):
            continue
        for entry in entries:
            end = _extend(entry.phrase.items, 0, j, accepts, joined, count)
            if end is not None:
                found.append((entry.rule_index, bounds[2 * j], bounds[2 * end + 1], entry.role))
    return found


def _extend(
    items: tuple[Any, ...],
    k: int,
    j: int,
    accepts: Callable[[Slot, int], bool],
    joined: Callable[[int], bool],
    count: int,
) -> int | None:
    """The last word of a match of ``items[k:]`` that starts at word ``j``, or None.

    A module function, not a closure over itself: a self-referencing closure is a cycle that
    would keep each text's word lists alive until the next collection.
    """
    if not accepts(items[k], j):
        return None
    if k == len(items) - 1:
        return j
    following = items[k + 1]
    if isinstance(following, Gap):
        longest = None  # the longest completion wins, as for phrases without gaps
        for skip in range(following.size + 1):
            nxt = j + 1 + skip
            if nxt >= count or not joined(nxt - 1):
                break
            end = _extend(items, k + 2, nxt, accepts, joined, count)
            if end is not None and (longest is None or end > longest):
                longest = end
        return longest
    if j + 1 >= count or not joined(j):
        return None
    return _extend(items, k + 1, j + 1, accepts, joined, count)


def _match_zh(text: str, index: _ZhIndex) -> list[tuple[int, int, int, int]]:
    from replylint.lang.zh import simplified, straddled, word_boundaries

    view = simplified(text)
    positions = [i for i, ch in enumerate(view) if not ch.isspace()]
    compact = "".join(view[i] for i in positions)
    candidates: list[tuple[_Entry, int, int]] = []
    if not index.empty:
        for last, (length, entries) in index.automaton.iter(compact):
            for entry in entries:
                candidates.append((entry, last + 1 - length, last + 1))
    for entry, pattern in index.gapped:
        for m in pattern.finditer(compact, overlapped=True):
            candidates.append((entry, m.start(), m.end()))
    found: list[tuple[int, int, int, int]] = []
    clause_bounds: dict[tuple[int, int], frozenset[int]] = {}
    words = index.boundary_words
    doubtful: list[tuple[_Entry, int, int, tuple[int, int]]] = []
    evidenced: set[tuple[int, tuple[int, int]]] = set()  # (required rule, clause) with a probe
    for entry, start, end in candidates:
        clause = (_clause_start(compact, start), _clause_end(compact, end))
        if words is not None and not (
            straddled(compact, start, clause[0], clause[1], words)
            or straddled(compact, end, clause[0], clause[1], words)
        ):
            found.append((entry.rule_index, positions[start], positions[end - 1] + 1, entry.role))
            if entry.role == HIT and entry.rule_index in index.required:
                lo, hi = positions[clause[0]], positions[clause[1] - 1] + 1
                if "\n" not in view[lo:hi] and "\r" not in view[lo:hi]:  # within one sentence
                    evidenced.add((entry.rule_index, clause))
            continue
        doubtful.append((entry, start, end, clause))
    for entry, start, end, clause in doubtful:
        if words is not None and (entry.rule_index, clause) in evidenced and entry.role == HIT:
            # A required rule asks whether a sentence holds one of its phrases; this clause
            # already does, so whether this candidate is a whole word changes nothing.
            continue
        if clause not in clause_bounds:
            clause_bounds[clause] = frozenset(
                clause[0] + b for b in word_boundaries(compact[clause[0] : clause[1]])
            )
        bounds = clause_bounds[clause]
        if start in bounds and end in bounds:
            found.append((entry.rule_index, positions[start], positions[end - 1] + 1, entry.role))
    return found


@lru_cache(maxsize=1)
def _zh_clause_end() -> Any:
    return _regex().compile(r"[\p{P}\p{S}]")


def _clause_start(text: str, offset: int) -> int:
    i = offset
    clause_end = _zh_clause_end()
    while i > 0 and not clause_end.match(text, i - 1):
        i -= 1
    return i


def _clause_end(text: str, offset: int) -> int:
    m = _zh_clause_end().search(text, offset)
    return m.start() if m else len(text)
