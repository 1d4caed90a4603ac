"""Lint a large plain-text reply one paragraph at a time, in memory that does not grow with it.

``api.lint_document`` matches every part of a reply at once and keeps each part's full match
outcome until the reply is judged: a few kilobytes per paragraph, over a gigabyte for a 50 MB
file. Here each paragraph is made, matched and let go in turn; what outlives it is small: its
language, its hits, and the structure rules' evidence, packed into flat arrays. The reply is
then judged over parts made again on demand. Results are those of ``lint_document``: the same
calls, in the same order, on the same texts.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

from replylint import suppress
from replylint.diagnostics import Diagnostic, FileResult, Notice
from replylint.engine import Hit, MatchOutcome, resolve_reply
from replylint.placeholders import placeholder_spans
from replylint.structure import ReplyPart, judge_reply, reply_language

if TYPE_CHECKING:
    from replylint.api import Settings
    from replylint.document import Document, Segment
    from replylint.engine import Matcher
    from replylint.sources.plaintext import Paragraphs


def lint_in_pieces(doc: Document, matcher: Matcher, settings: Settings) -> FileResult:
    """Lint ``doc``, whose segments are made on demand and form one reply, like lint_document."""
    from replylint.api import _diagnostics
    from replylint.lang.detect import detect_language
    from replylint.sources.plaintext import Paragraphs

    segments = doc.segments
    assert isinstance(segments, Paragraphs)
    result = FileResult(path=doc.path, text=doc.text)
    langs: list[str] = []
    hits: dict[int, tuple[list[Hit], list[Hit]]] = {}  # per part with any: hits, reply-scoped
    evidence = _Evidence()
    cancelled: set[str] = set()
    notices: list[str] = []
    for i, segment in enumerate(segments):
        lang = (
            settings.lang or segment.lang or detect_language(segment.text, matcher.ruleset.detect)
        )
        langs.append(lang)
        protected = [*placeholder_spans(segment.text), *segment.protected]
        outcome = matcher.match(segment.text, lang, protected)
        notices.extend(outcome.notices)
        cancelled |= outcome.reply_exceptions
        if outcome.hits or outcome.reply_hits:
            hits[i] = (outcome.hits, outcome.reply_hits)
        evidence.add(i, outcome)
    # The hits that survive the exceptions of the whole reply, as resolve_reply decides.
    everywhere = MatchOutcome(reply_exceptions=cancelled)
    final = {
        i: resolve_reply([MatchOutcome(hits=own, reply_hits=scoped), everywhere])[0]
        for i, (own, scoped) in hits.items()
    }
    if settings.structure and len(segments):
        parts = _Parts(segments, langs, evidence)
        rules = matcher.rules_for(reply_language(parts))
        judged = judge_reply(parts, rules)
        for part_index, hit in judged:
            final.setdefault(part_index, []).append(hit)
        for part_index in {part_index for part_index, _ in judged}:
            final[part_index].sort(key=lambda h: (h.start, h.end, h.rule.id))
    result.notices.extend(Notice(doc.path, n) for n in notices)
    found: list[tuple[Segment, list[Diagnostic]]] = []
    for i in sorted(final):
        segment = segments[i]
        found.append((segment, _diagnostics(doc, segment, langs[i], final[i], settings)))
    result.diagnostics = suppress.apply(doc.path, doc.text, found)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


class _Evidence:
    """The probes and triggers of every part, one row per span in flat arrays, parts in order.

    Half the paragraphs of a reply file have some (a greeting, a thank-you); as dictionaries
    of lists of tuples they would cost a few hundred bytes each, as rows about forty.
    """

    def __init__(self) -> None:
        self.parts = array("q")
        self.kinds = array("b")  # 0: probes, 1: triggers
        self.rules = array("l")  # index into rule_ids
        self.starts = array("q")
        self.ends = array("q")
        self.rule_ids: list[str] = []
        self._numbers: dict[str, int] = {}

    def add(self, part: int, outcome: MatchOutcome) -> None:
        """Keep the non-empty probes and triggers of ``part``'s outcome."""
        for kind, table in enumerate((outcome.probes, outcome.triggers)):
            for rule_id, spans in table.items():
                if not spans:
                    continue
                number = self._numbers.setdefault(rule_id, len(self.rule_ids))
                if number == len(self.rule_ids):
                    self.rule_ids.append(rule_id)
                for start, end in spans:
                    self.parts.append(part)
                    self.kinds.append(kind)
                    self.rules.append(number)
                    self.starts.append(start)
                    self.ends.append(end)

    def first_rows(self, count: int) -> array[int]:
        """For each of ``count`` parts, its first row (and one more entry: the row count)."""
        first = array("q", bytes(8 * (count + 1)))
        for part in self.parts:
            first[part + 1] += 1
        for part in range(count):
            first[part + 1] += first[part]
        return first

    def outcome(self, lo: int, hi: int) -> MatchOutcome:
        """An outcome holding the probes and triggers of rows ``lo`` to ``hi``."""
        tables: tuple[dict[str, list[tuple[int, int]]], ...] = ({}, {})
        for row in range(lo, hi):
            rule_id = self.rule_ids[self.rules[row]]
            tables[self.kinds[row]].setdefault(rule_id, []).append(
                (self.starts[row], self.ends[row])
            )
        return MatchOutcome(probes=tables[0], triggers=tables[1])


class _Parts(Sequence[ReplyPart]):
    """The reply's parts for ``judge_reply``, each made again when indexed.

    ``judge_reply`` reads them all several times, so a part costs a slice of the text and no
    segment.
    """

    def __init__(self, segments: Paragraphs, langs: list[str], evidence: _Evidence) -> None:
        self.segments = segments
        self.langs = langs
        self.evidence = evidence
        self.first = evidence.first_rows(len(segments))
        self.nothing = MatchOutcome()  # never changed: judge_reply only reads outcomes

    def __len__(self) -> int:
        return len(self.segments)

    @overload
    def __getitem__(self, index: int) -> ReplyPart: ...

    @overload
    def __getitem__(self, index: slice) -> list[ReplyPart]: ...

    def __getitem__(self, index: int | slice) -> ReplyPart | list[ReplyPart]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start, end = self.segments.span(index)  # IndexError past the end ends iteration
        index %= len(self)
        lo, hi = self.first[index], self.first[index + 1]
        outcome = self.evidence.outcome(lo, hi) if lo < hi else self.nothing
        return ReplyPart(self.segments.text[start:end], self.langs[index], outcome)
