"""Lint a large plain-text reply from paragraphs made on demand, matched in pieces.

``api.lint_document`` keeps every segment and its full match outcome until the reply is judged:
a few kilobytes per paragraph, gigabytes for a 50 MB file. Here a paragraph is made, matched
and let go (in worker processes with ``jobs`` > 1); what outlives it is small: its language,
its hits and the structure rules' evidence, packed into flat arrays. The reply is then judged
over parts made again on demand. Results are those of ``lint_document`` (tested).
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from replylint import suppress
from replylint.diagnostics import Diagnostic, FileResult, Notice
from replylint.document import MadeOnDemand
from replylint.engine import Hit, MatchOutcome, resolve_reply
from replylint.placeholders import placeholder_spans
from replylint.structure import Evidence, Reply, judge

if TYPE_CHECKING:
    from replylint.api import Settings
    from replylint.document import Document, Segment
    from replylint.engine import Matcher
    from replylint.sources.plaintext import Paragraphs


def lint_in_pieces(
    doc: Document, matcher: Matcher, settings: Settings, jobs: int = 1
) -> FileResult:
    """Lint ``doc``, whose segments are made on demand and form one reply, like lint_document.

    With ``jobs`` > 1 the paragraphs are matched in that many processes, in contiguous runs;
    the reply is judged here over what they found.
    """
    from replylint import parallel
    from replylint.api import _diagnostics
    from replylint.sources.plaintext import Paragraphs

    segments = doc.segments
    assert isinstance(segments, Paragraphs)
    result = FileResult(path=doc.path, text=doc.text)
    match_run = functools.partial(_match_run, segments, matcher, settings)
    sizes = [end - start for start, end in (segments.span(i) for i in range(len(segments)))]
    runs = parallel.document_runs(len(doc.text), sizes, jobs)
    if runs is None:
        matched = _Matched.merge([match_run(range(len(segments)))])
    else:
        matched = _Matched.merge(parallel.map_in_workers(match_run, runs, jobs, here=False))
    langs = matched.langs
    judged = _judged(segments, matched, matcher) if settings.structure and len(segments) else {}
    result.notices.extend(Notice(doc.path, n) for n in matched.notices)
    # The hits that survive the exceptions of the whole reply, as resolve_reply decides, made
    # one paragraph at a time and turned into findings at once: only the findings are kept.
    everywhere = MatchOutcome(reply_exceptions=matched.cancelled)
    found: list[tuple[int, list[Diagnostic]]] = []
    for i in sorted(matched.hits.keys() | judged.keys()):
        own, scoped = matched.hits.pop(i, ([], []))
        outcome = MatchOutcome(
            hits=_hits(own, matcher, langs[i]), reply_hits=_hits(scoped, matcher, langs[i])
        )
        hits = resolve_reply([outcome, everywhere], matcher)[0]
        if i in judged:
            hits.extend(judged.pop(i))
            hits.sort(key=lambda h: (h.start, h.end, h.rule.id))
        found.append((i, _diagnostics(doc, segments[i], langs[i], hits, settings)))
    result.diagnostics = suppress.apply(doc.path, doc.text, _Found(segments, found))
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def _judged(segments: Paragraphs, matched: _Matched, matcher: Matcher) -> dict[int, list[Hit]]:
    """The structure rules' hits per paragraph (the evidence table is let go on return)."""
    judged: dict[int, list[Hit]] = {}
    reply = Reply(_Texts(segments), matched.langs, matched.evidence.by_rule())
    for part_index, hit in judge(reply, matcher.rules_for(reply.language())):
        judged.setdefault(part_index, []).append(hit)
    return judged


class _Found(MadeOnDemand[tuple["Segment", list[Diagnostic]]]):
    """Each paragraph's findings with its segment, made again when read (segments are large)."""

    def __init__(self, segments: Paragraphs, found: list[tuple[int, list[Diagnostic]]]) -> None:
        self.segments = segments
        self.found = found

    def __len__(self) -> int:
        return len(self.found)

    def _make(self, index: int) -> tuple[Segment, list[Diagnostic]]:
        number, diagnostics = self.found[index]
        return self.segments[number], diagnostics


# A hit that can cross a process boundary: the rule's position among its language's rules.
PortableHit = tuple[int, int, int, str | None, str | None]


def _portable(hits: list[Hit], positions: dict[int, int]) -> list[PortableHit]:
    return [(positions[id(h.rule)], h.start, h.end, h.detail, h.replacement) for h in hits]


def _hits(portable: list[PortableHit], matcher: Matcher, lang: str) -> list[Hit]:
    rules = matcher.rules_for(lang)
    return [Hit(rules[n], start, end, detail, repl) for n, start, end, detail, repl in portable]


@dataclass
class _Matched:
    """What matching a run of paragraphs leaves for judging the reply (small, picklable)."""

    langs: list[str] = field(default_factory=list)
    hits: dict[int, tuple[list[PortableHit], list[PortableHit]]] = field(default_factory=dict)
    evidence: _Evidence = field(default_factory=lambda: _Evidence())
    cancelled: set[str] = field(default_factory=set)
    notices: list[str] = field(default_factory=list)

    @staticmethod
    def merge(runs: list[_Matched]) -> _Matched:
        """The runs, in order, as one."""
        if len(runs) == 1:
            return runs[0]
        whole = _Matched()
        for run in runs:
            whole.langs.extend(run.langs)
            whole.hits.update(run.hits)
            whole.evidence.extend(run.evidence)
            whole.cancelled |= run.cancelled
            whole.notices.extend(run.notices)
        return whole


def _match_run(segments: Paragraphs, matcher: Matcher, settings: Settings, run: range) -> _Matched:
    """Detect the language of and match paragraphs ``run``, keeping only what judging needs."""
    from replylint.lang.detect import detect_language

    matched = _Matched()
    positions: dict[str, dict[int, int]] = {}
    for i in run:
        segment = segments[i]
        lang = (
            settings.lang or segment.lang or detect_language(segment.text, matcher.ruleset.detect)
        )
        matched.langs.append(lang)
        protected = [*placeholder_spans(segment.text), *segment.protected]
        outcome = matcher.match(segment.text, lang, protected)
        matched.cancelled |= matcher.every_reply_exception(outcome)  # may add a notice
        matched.notices.extend(outcome.notices)
        if outcome.hits or outcome.reply_hits:
            if lang not in positions:
                positions[lang] = {id(r): n for n, r in enumerate(matcher.rules_for(lang))}
            matched.hits[i] = (
                _portable(outcome.hits, positions[lang]),
                _portable(outcome.reply_hits, positions[lang]),
            )
        matched.evidence.add(i, outcome)
    return matched


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
                number = self._number(rule_id)
                for start, end in spans:
                    self.parts.append(part)
                    self.kinds.append(kind)
                    self.rules.append(number)
                    self.starts.append(start)
                    self.ends.append(end)

    def extend(self, other: _Evidence) -> None:
        """Append ``other``'s rows (parts keep their numbers; rule numbers are this table's)."""
        numbers = [self._number(rule_id) for rule_id in other.rule_ids]
        self.parts.extend(other.parts)
        self.kinds.extend(other.kinds)
        self.rules.extend(numbers[n] for n in other.rules)
        self.starts.extend(other.starts)
        self.ends.extend(other.ends)

    def _number(self, rule_id: str) -> int:
        number = self._numbers.setdefault(rule_id, len(self.rule_ids))
        if number == len(self.rule_ids):
            self.rule_ids.append(rule_id)
        return number

    def by_rule(self) -> Evidence:
        """The rows as the structure rules read them: per kind and rule, in part order."""
        kinds = ("probes", "triggers")
        rule_ids = self.rule_ids
        table: Evidence = {}
        for part, kind, rule, start, end in zip(
            self.parts, self.kinds, self.rules, self.starts, self.ends, strict=True
        ):
            table.setdefault((kinds[kind], rule_ids[rule]), []).append((part, start, end))
        return table


class _Texts(MadeOnDemand[str]):
    """The paragraphs' texts, each sliced from the document when read."""

    def __init__(self, segments: Paragraphs) -> None:
        self.segments = segments

    def __len__(self) -> int:
        return len(self.segments)

    def _make(self, index: int) -> str:
        start, end = self.segments.span(index)
        return self.segments.text[start:end]

    def __iter__(self) -> Iterator[str]:
        text, span = self.segments.text, self.segments.span
        for index in range(len(self.segments)):
            start, end = span(index)
            yield text[start:end]
