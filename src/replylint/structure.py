"""Reply-structure judgement: the ``required`` and ``limit`` rule kinds over one whole reply.

Phrase and pattern matching for these rules happens in the engine like for any rule; their hits
are evidence ("probes": a greeting was found; "triggers": the reply is about a problem), and
this module decides per reply whether something required is missing or a limit is exceeded.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import regex

from replylint.engine import Hit, Matcher, MatchOutcome, resolve_reply
from replylint.lang.sentences import sentence_spans
from replylint.placeholders import placeholder_spans
from replylint.ruleset.compiled import CompiledRule

_QUESTION_END = regex.compile(r"[?？][\"”»’)）」』\s]*$")


class ReplyPart(NamedTuple):
    """One segment of a reply: its text, language and what the engine found in it."""

    text: str
    lang: str
    outcome: MatchOutcome


class _Sentence(NamedTuple):
    part: int
    start: int
    end: int


def reply_language(parts: Sequence[ReplyPart]) -> str:
    """The language of the reply: that of the parts with the most text."""
    return _majority_language((part.text for part in parts), (part.lang for part in parts))


def _majority_language(texts: Iterable[str], langs: Iterable[str]) -> str:
    weight: dict[str, int] = {}
    for text, lang in zip(texts, langs, strict=True):
        weight[lang] = weight.get(lang, 0) + len(text.strip())
    return max(weight, key=lambda lang: weight[lang])


def judge_reply(parts: Sequence[ReplyPart], rules: Sequence[CompiledRule]) -> list[tuple[int, Hit]]:
    """Findings of the structure rules for one reply, as (part index, hit in that part)."""
    return judge(Reply.of_parts(parts), rules)


def judge(reply: "Reply", rules: Sequence[CompiledRule]) -> list[tuple[int, Hit]]:
    """Findings of the structure rules for ``reply``, as (part index, hit in that part)."""
    if not any(text.strip() for text in reply.texts):
        return []
    lang = reply.language()
    sentences = _Sentences(reply.texts, reply.langs, lang)
    if not sentences.first(1):
        return []
    findings: list[tuple[int, Hit]] = []
    for rule in rules:
        if rule.lang != lang or rule.kind not in ("required", "limit"):
            continue
        if (rule.when or rule.spec.when_patterns) and not reply.evidence("triggers", rule):
            continue
        if rule.kind == "required":
            findings.extend(_required(reply, sentences, rule))
        elif rule.spec.counted == "questions":
            findings.extend(_too_many_questions(reply.texts, sentences.questions(), rule))
        else:
            findings.extend(_repeated_text(reply, rule))
    return findings


# (kind, rule id) -> (part, start, end) of every probe or trigger of the rule, parts in order;
# kind is "probes" or "triggers"
Evidence = dict[tuple[str, str], list[tuple[int, int, int]]]


class Reply:
    """What the structure rules judge: the parts' texts and languages, and their evidence.

    A large reply gives its texts as a sequence made on demand and its evidence straight from
    compact tables, so no part is ever made for judging.
    """

    def __init__(self, texts: Sequence[str], langs: Sequence[str], evidence: Evidence) -> None:
        self.texts = texts
        self.langs = langs
        self._evidence = evidence
        self._language: str | None = None

    @classmethod
    def of_parts(cls, parts: "Sequence[ReplyPart]") -> "Reply":
        """The reply of ``parts``, read in one pass."""
        texts: list[str] = []
        langs: list[str] = []
        evidence: Evidence = {}
        for i, part in enumerate(parts):
            texts.append(part.text)
            langs.append(part.lang)
            for kind, table in (
                ("probes", part.outcome.probes),
                ("triggers", part.outcome.triggers),
            ):
                for rule_id, spans in table.items():
                    if spans:
                        found = evidence.setdefault((kind, rule_id), [])
                        found.extend((i, s, e) for s, e in spans)
        return cls(texts, langs, evidence)

    def language(self) -> str:
        """The language of the parts with the most text (as ``reply_language``)."""
        if self._language is None:
            self._language = _majority_language(self.texts, self.langs)
        return self._language

    def evidence(self, kind: str, rule: CompiledRule) -> list[tuple[int, int, int]]:
        """``(part, start, end)`` of every probe or trigger of ``rule``, parts in order."""
        return self._evidence.get((kind, rule.id), [])


class _Sentences:
    """The sentences of the parts in the reply's language, split only as far as rules read.

    A rule reads the first or last few sentences, or those that end in a question mark; a
    large reply has millions, so they are never all made.
    """

    def __init__(self, texts: Sequence[str], langs: Sequence[str], lang: str) -> None:
        self.texts, self.langs, self.lang = texts, langs, lang
        self._split: dict[int, list[_Sentence]] = {}  # part -> its sentences, once split

    def _of(self, part: int, text: str) -> list[_Sentence]:
        """The sentences of one part, split on first use (several rules read the same ones)."""
        found = self._split.get(part)
        if found is None:
            found = self._split[part] = [
                _Sentence(part, s, e) for s, e in sentence_spans(text, self.lang)
            ]
        return found

    def first(self, n: int) -> list[_Sentence]:
        """The first ``n`` sentences (fewer if the reply has fewer), in order."""
        found: list[_Sentence] = []
        for part, (text, lang) in enumerate(zip(self.texts, self.langs, strict=True)):
            if len(found) >= n:
                break
            if lang == self.lang:
                found.extend(self._of(part, text))
        return found[:n]

    def last(self, n: int) -> list[_Sentence]:
        """The last ``n`` sentences (fewer if the reply has fewer), in order."""
        found: list[_Sentence] = []
        for part in range(len(self.texts) - 1, -1, -1):
            if len(found) >= n:
                break
            if self.langs[part] == self.lang:
                found[:0] = self._of(part, self.texts[part])
        return found[-n:]  # n >= 1 (the rule schema)

    def questions(self) -> list[_Sentence]:
        """Every sentence that ends in a question mark, in order."""
        found: list[_Sentence] = []
        for part, (text, lang) in enumerate(zip(self.texts, self.langs, strict=True)):
            if lang == self.lang and ("?" in text or "？" in text):
                found.extend(
                    s for s in self._of(part, text) if _QUESTION_END.search(text, s.start, s.end)
                )
        return found


def _required(reply: Reply, sentences: _Sentences, rule: CompiledRule) -> list[tuple[int, Hit]]:
    probes = reply.evidence("probes", rule)
    where, n = rule.spec.where, rule.spec.sentences
    if where == "anywhere":
        if probes:
            return []
        triggers = reply.evidence("triggers", rule)
        part, start, end = triggers[0] if triggers else _as_tuple(sentences.first(1)[0])
        return [(part, Hit(rule, start, end))]
    window = sentences.first(n) if where == "first" else sentences.last(n)
    for sentence in window:
        if any(
            p == sentence.part and s < sentence.end and sentence.start < e for p, s, e in probes
        ):
            return []
    reported = window[0] if where == "first" else window[-1]
    return [(reported.part, Hit(rule, reported.start, reported.end))]


def _too_many_questions(
    texts: Sequence[str], questions: Sequence[_Sentence], rule: CompiledRule
) -> list[tuple[int, Hit]]:
    if len(questions) <= rule.spec.max:
        return []
    first, last = questions[rule.spec.max], questions[-1]
    end = last.end if last.part == first.part else len(texts[first.part].rstrip())
    return [(first.part, Hit(rule, first.start, end))]


def _repeated_text(reply: Reply, rule: CompiledRule) -> list[tuple[int, Hit]]:
    texts = reply.texts
    needles: list[str] = []  # in the order of their first probe
    for part_index, start, end in sorted(reply.evidence("probes", rule)):
        needle = texts[part_index][start:end]
        if needle and needle not in needles:  # an empty needle occurs everywhere, ends nowhere
            needles.append(needle)
    if not needles:
        return []
    occurrences: dict[str, list[tuple[int, int, int]]] = {needle: [] for needle in needles}
    for i, text in enumerate(texts):  # one pass over the parts for every needle
        for needle in needles:
            if needle in text:
                found = occurrences[needle]
                found.extend((i, at, at + len(needle)) for at in _whole_occurrences(text, needle))
    findings: list[tuple[int, Hit]] = []
    for needle in needles:
        if len(occurrences[needle]) > rule.spec.max:
            part, s, e = occurrences[needle][rule.spec.max]
            findings.append((part, Hit(rule, s, e)))
    return findings


def _whole_occurrences(text: str, needle: str) -> list[int]:
    """Non-overlapping starts of ``needle`` that neither start nor end inside a word.

    A name must not match as a prefix ("Ann" in "Anna"); only an edge that is itself a letter
    or digit needs a neighbour that is not one.
    """
    if not needle:
        return []
    check_before, check_after = _wordish(needle[:1]), _wordish(needle[-1:])
    starts = []
    pos = text.find(needle)
    while pos != -1:
        end = pos + len(needle)
        if (not check_before or pos == 0 or not _wordish(text[pos - 1])) and (
            not check_after or end == len(text) or not _wordish(text[end])
        ):
            starts.append(pos)
            pos = text.find(needle, end)
        else:
            pos = text.find(needle, pos + 1)
    return starts


def _wordish(ch: str) -> bool:
    """A letter or digit: ``isalpha`` is exactly Unicode's L categories, ``isnumeric`` covers N."""
    return ch.isalpha() or ch.isnumeric()


def _as_tuple(sentence: _Sentence) -> tuple[int, int, int]:
    return sentence.part, sentence.start, sentence.end


def lint_reply(
    matcher: Matcher,
    parts: Sequence[tuple[str, str]],
    structure: bool = True,
    protected: Sequence[Sequence[tuple[int, int]]] = (),
) -> tuple[list[list[Hit]], list[str]]:
    """Match every part (text, language) of one reply and judge its structure.

    Placeholders are protected in every part, plus the ``protected`` spans a source gave per
    part (code, links). Returns the hits per part, in order, and the notices raised.
    """
    extra = list(protected) or [()] * len(parts)
    outcomes = [
        matcher.match(text, lang, [*placeholder_spans(text), *spans])
        for (text, lang), spans in zip(parts, extra, strict=True)
    ]
    resolved = resolve_reply(outcomes, matcher)
    if structure and outcomes:
        reply = [ReplyPart(text, lang, o) for (text, lang), o in zip(parts, outcomes, strict=True)]
        rules = matcher.rules_for(reply_language(reply))
        for part_index, hit in judge_reply(reply, rules):
            resolved[part_index].append(hit)
        for hits in resolved:
            hits.sort(key=lambda h: (h.start, h.end, h.rule.id))
    notices = [notice for outcome in outcomes for notice in outcome.notices]
    return resolved, notices
