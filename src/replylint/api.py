"""The library API the command line and tests call: load rules, lint text and paths."""

import functools
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from replylint import collector, suppress
from replylint.config import PathRule
from replylint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Notice, Severity
from replylint.document import Document, MadeOnDemand, Segment, SegmentsToMake
from replylint.engine import Hit, Matcher
from replylint.errors import InputError, ReplylintError
from replylint.placeholders import placeholder_spans
from replylint.ruleset.compiled import CompiledRuleSet
from replylint.sources import SUFFIXES, SourceOptions, read_document
from replylint.structure import lint_reply


class Settings(NamedTuple):
    """What to lint for: language override, rule selection and severity overrides."""

    lang: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = MappingProxyType({})  # rule id -> severity
    encoding: str | None = None
    structure: bool = True  # judge whole replies (greeting, closing offer, …); off for fragments
    per_path: tuple[PathRule, ...] = ()
    # Fields set on the command line: per-path settings can't change them.
    pinned: frozenset[str] = frozenset()
    exclude: tuple[PathRule, ...] = ()  # config ``exclude``: also drops files named explicitly
    sources: SourceOptions = SourceOptions()  # keys of structured files
    locales: tuple[str, ...] = ()  # every library item must exist in these locales
    allow_lists: tuple[tuple[str, frozenset[str]], ...] = ()  # named lists rules check against

    def is_excluded(self, path: str | os.PathLike[str]) -> bool:
        """Whether the config's ``exclude`` patterns match ``path``."""
        return any(rule.matches(path) for rule in self.exclude)

    def for_path(self, path: str) -> "Settings":
        """These settings with the matching ``per-path`` rules applied, in order."""
        changes: dict[str, object] = {}
        ignore = list(self.ignore)
        for rule in self.per_path:
            if not rule.matches(path):
                continue
            if rule.lang is not None and "lang" not in self.pinned:
                changes["lang"] = rule.lang
            if rule.structure is not None and "structure" not in self.pinned:
                changes["structure"] = rule.structure
            if rule.sources:
                base = changes.get("sources", self.sources)
                assert isinstance(base, SourceOptions)
                overrides: dict[str, Any] = dict(rule.sources)
                changes["sources"] = base._replace(**overrides)
            ignore.extend(rule.ignore)
        if not changes and len(ignore) == len(self.ignore):
            return self
        return self._replace(ignore=tuple(ignore), **changes)  # type: ignore[arg-type]


def enabled_rule_ids(ruleset: CompiledRuleSet, settings: Settings) -> set[str]:
    """Apply ``select`` then ``ignore``; an unknown id is an error with a suggestion."""
    known = ruleset.ids()
    for rule_id in (*(settings.select or ()), *settings.ignore, *settings.severity):
        if rule_id.upper() != "ALL" and rule_id not in known:
            import difflib  # only for an unknown rule id

            close = difflib.get_close_matches(rule_id, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ReplylintError(f"unknown rule id {rule_id!r}{hint}")
    selected = set(known)
    if settings.select is not None and not any(s.upper() == "ALL" for s in settings.select):
        selected = set(settings.select)
    if any(i.upper() == "ALL" for i in settings.ignore):
        return set()
    return selected - set(settings.ignore)


def make_matcher(ruleset: CompiledRuleSet, settings: Settings) -> Matcher:
    """A matcher over the rules ``settings`` enable."""
    return Matcher(ruleset, enabled_rule_ids(ruleset, settings), dict(settings.allow_lists))


def lint_document(doc: Document, matcher: Matcher, settings: Settings, jobs: int = 1) -> FileResult:
    """Lint every segment of ``doc`` in its own language; positions are document offsets.

    With ``jobs`` > 1 and a large document, its replies are linted in that many processes;
    the result is the same as with one. Segments still to be made (``SegmentsToMake``) are
    made by the process that lints them.
    """
    from replylint import parallel

    if isinstance(doc.segments, MadeOnDemand):  # a large file: one piece at a time
        from replylint.streamed import lint_in_pieces

        return lint_in_pieces(doc, matcher, settings, jobs)
    pieces = _Pieces.of(doc.segments)
    result = FileResult(path=doc.path, text=doc.text)
    groups: dict[object, list[int]] = {}
    for number, reply in enumerate(pieces.replies):
        groups.setdefault(reply, []).append(number)
    replies = list(groups.values())
    lint_one = functools.partial(_lint_replies, doc, pieces.make, matcher, settings, replies)
    sizes = [sum(pieces.sizes[n] for n in reply) for reply in replies]
    runs = parallel.document_runs(len(doc.text), sizes, jobs)
    if runs is None:
        linted = []
        for start in range(0, len(replies), _SETTLE_EVERY):
            if start:  # the results so far wait for the rest: later collections skip them
                collector.settle()
            linted.extend(lint_one(range(start, min(start + _SETTLE_EVERY, len(replies)))))
    else:
        linted = [reply for run in parallel.map_in_workers(lint_one, runs, jobs) for reply in run]
    found: list[tuple[int, list[Diagnostic]]] = []
    languages: dict[object, list[tuple[Segment, str]]] = {}
    for linted_reply in linted:
        result.notices.extend(Notice(doc.path, n) for n in linted_reply.notices)
        found.extend(zip(linted_reply.anchors, linted_reply.diagnostics, strict=True))
        if linted_reply.items:  # cross-locale checks read the segments again, made here
            parts = [pieces.made(n) for n in linted_reply.numbers]
            languages[linted_reply.numbers[0]] = [
                (part, lang)
                for part, lang in zip(parts, linted_reply.langs, strict=True)
                if part is not None
            ]
    found.extend(
        (segment.source_map.to_document(0), diagnostics)
        for segment, diagnostics in _consistency(doc, languages, matcher, settings)
    )
    result.diagnostics = suppress.apply_at(doc.path, doc.text, found)
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


class _Pieces(NamedTuple):
    """A document's segments as linting reads them: by number, each made when first needed."""

    replies: Sequence[object]  # per number: the reply it belongs to
    sizes: Sequence[int]  # per number: about how much text it holds
    made: Callable[[int], Segment | None]  # None: a blank candidate, not a segment
    make: Callable[[int], Segment | None]  # the same, not kept once made (read once)

    @classmethod
    def of(cls, segments: Sequence[Segment]) -> "_Pieces":
        if isinstance(segments, SegmentsToMake):
            return cls(segments.replies, segments.sizes, segments.made, segments.make)
        listed = list(segments)
        sizes = [len(s.text) for s in listed]
        return cls([s.reply for s in listed], sizes, listed.__getitem__, listed.__getitem__)


class LintedReply(NamedTuple):
    """One reply's result, small enough to come back from a worker process.

    Tuples of numbers and strings, which the cyclic collector stops tracking: a library's
    replies all wait for the end of the document, and lists would be walked by every full
    collection meanwhile.
    """

    numbers: tuple[int, ...]  # its segments (blank candidates left out)
    langs: tuple[str, ...]  # each segment's language
    diagnostics: tuple[list[Diagnostic], ...]  # each segment's findings
    anchors: tuple[int, ...]  # each segment's start in the document (suppression comments)
    items: bool  # whether a segment belongs to a library item (cross-locale checks)
    notices: tuple[str, ...]


def _lint_replies(
    doc: Document,
    made: Callable[[int], Segment | None],
    matcher: Matcher,
    settings: Settings,
    replies: list[list[int]],
    run: range,
) -> list[LintedReply]:
    """Lint replies ``run`` of ``doc`` (each a list of segment numbers), detecting languages."""
    from replylint.lang.detect import detect_language

    out: list[LintedReply] = []
    for candidates in replies[run.start : run.stop]:
        numbers: list[int] = []
        parts: list[Segment] = []
        for number in candidates:
            part = made(number)
            if part is not None:
                numbers.append(number)
                parts.append(part)
        if not parts:
            continue
        langs = [
            settings.lang or part.lang or detect_language(part.text, matcher.ruleset.detect)
            for part in parts
        ]
        hits_per_part, notices = lint_reply(
            matcher,
            [(part.text, lang) for part, lang in zip(parts, langs, strict=True)],
            settings.structure,
            [part.protected for part in parts],
        )
        diagnostics = tuple(
            _diagnostics(doc, part, lang, hits, settings)
            for part, lang, hits in zip(parts, langs, hits_per_part, strict=True)
        )
        out.append(
            LintedReply(
                tuple(numbers),
                tuple(langs),
                diagnostics,
                tuple(part.source_map.to_document(0) for part in parts),
                any(part.item is not None for part in parts),
                tuple(notices),
            )
        )
    return out


def _consistency(
    doc: Document,
    replies: dict[object, list[tuple[Segment, str]]],
    matcher: Matcher,
    settings: Settings,
) -> list[tuple[Segment, list[Diagnostic]]]:
    """Cross-locale checks over the items whose variants the source grouped."""
    items: dict[object, list[tuple[Segment, str]]] = {}
    for parts in replies.values():
        for segment, lang in parts:
            if segment.item is not None:
                items.setdefault(segment.item, []).append((segment, lang))
    if not items:
        return []
    from replylint.consistency import check_item

    rules = [r for r in matcher.enabled_rules() if r.kind == "consistency"]
    out = []
    for variants in items.values():
        texts = [(segment.text, lang) for segment, lang in variants]
        for index, hit in check_item(texts, rules, settings.locales):
            segment, lang = variants[index]
            out.append((segment, _diagnostics(doc, segment, lang, [hit], settings)))
    return out


def _diagnostics(
    doc: Document, segment: Segment, lang: str, hits: list[Hit], settings: Settings
) -> list[Diagnostic]:
    out = []
    for hit in hits:
        start = segment.source_map.to_document(hit.start)
        end = max(start, segment.source_map.end_to_document(hit.end))
        exact = segment.source_map.is_exact(hit.start, hit.end)
        spec = hit.rule.spec
        out.append(
            Diagnostic(
                path=doc.path,
                start=start,
                end=end,
                rule=spec.id,
                severity=settings.severity.get(spec.id, spec.severity),
                lang=lang,
                message=f"{spec.message} ({hit.detail})" if hit.detail else spec.message,
                # Where the source decoded text (entities, escapes, tags), show what was matched.
                match=doc.text[start:end] if exact else segment.text[hit.start : hit.end],
                suggestions=spec.suggest,
                entry=segment.entry,
                fix=_fix(hit, segment, start, end),
            )
        )
    return out


# A group reference in a fix template, as ``regex``'s ``Match.expand`` reads them.
_GROUP_REFERENCE = re.compile(r"\\(?:g<[^>]*>|[0-9])")


def _fix(hit: Hit, segment: Segment, start: int, end: int) -> Fix | None:
    """The rule's fix for this hit; display-only where applying it could damage the file.

    An edit is applicable only where the segment's text is the file's text unchanged (no
    escape, entity or markup inside the span) and never inside a placeholder.
    """
    spec = hit.rule.spec.fix
    if spec is None:
        return None
    matched = segment.text[hit.start : hit.end]
    if spec.map:
        table = dict(spec.map)
        replacement = table.get(matched, table.get(matched.casefold()))
    elif hit.replacement is not None:
        replacement = hit.replacement
    elif spec.replace is not None and _GROUP_REFERENCE.search(spec.replace):
        return None  # a template for a pattern's groups, and this hit has none of them
    else:
        replacement = spec.replace
    if replacement is None or replacement == matched:
        return None
    applicability = Applicability(spec.applicability)
    guarded = [*segment.protected, *placeholder_spans(segment.text)]
    touches_code = any(hit.start < e and s < hit.end for s, e in guarded)
    if touches_code or not segment.source_map.is_exact(hit.start, hit.end):
        applicability = Applicability.DISPLAY_ONLY
    return Fix(applicability, (Edit(start, end, replacement),))


def lint_text(
    text: str, ruleset: CompiledRuleSet, settings: Settings | None = None, path: str = "<text>"
) -> FileResult:
    """Lint a reply given as a string (read as plain text)."""
    from replylint.sources import plaintext

    settings = settings or Settings()
    doc = Document(path=path, text=text, segments=plaintext.segment(path, text, None))
    return lint_document(doc, make_matcher(ruleset, settings), settings)


def discover(paths: Iterable[str], settings: Settings | None = None) -> list[str]:
    """Expand directories (honouring ``.gitignore``) and drop what the config excludes."""
    from replylint.walk import discover as walk

    excluded = settings.is_excluded if settings is not None and settings.exclude else None
    return walk(paths, SUFFIXES, excluded)


def read_path(path: str, encoding: str | None, options: SourceOptions | None = None) -> Document:
    """Read and segment one file; unreadable files are an ``InputError``."""
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 - a string: no pathlib at start-up
            data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    return read_document(path, data, encoding, options)


# a document this long (code points) is read whole into many objects that live while it is linted
_LARGE_DOCUMENT = 256 * 1024
# replies linted in one process between two settlings of what is alive (``collector.settle``)
_SETTLE_EVERY = 256


def lint_paths(
    paths: Sequence[str], ruleset: CompiledRuleSet, settings: Settings, jobs: int = 1
) -> list[FileResult]:
    """Lint files and directories with each file's own settings; results come in path order.

    With ``jobs`` > 1 and enough input, files are linted in that many processes; the results,
    and the first error, are the same as with one.
    """
    from replylint import parallel

    files = discover(paths, settings)
    matchers: dict[object, Matcher] = {}  # kept across runs: a worker builds each index once
    if parallel.worth_it(files, jobs):
        return parallel.lint_in_workers(
            files,
            jobs,
            functools.partial(_lint_files, ruleset=ruleset, settings=settings, matchers=matchers),
        )
    return _lint_files(files, ruleset, settings, jobs, matchers)


def _lint_files(
    files: Sequence[str],
    ruleset: CompiledRuleSet,
    settings: Settings,
    jobs: int = 1,
    matchers: dict[object, Matcher] | None = None,
) -> list[FileResult]:
    """Lint ``files``; files whose settings enable the same rules share one matcher."""
    if matchers is None:
        matchers = {}
    results = []
    for path in files:
        own = settings.for_path(path)
        enabled = frozenset(enabled_rule_ids(ruleset, own))
        key = (enabled, own.allow_lists)
        if key not in matchers:
            matchers[key] = Matcher(ruleset, enabled, dict(own.allow_lists))
        with collector.paused():  # settled before a collection walks what reading made
            doc = read_path(path, own.encoding, own.sources)
            if len(doc.text) >= _LARGE_DOCUMENT:
                collector.settle()  # the document outlives many collections while it is linted
        results.append(lint_document(doc, matchers[key], own, jobs))
    return results


def lint_bytes(
    data: bytes, name: str, ruleset: CompiledRuleSet, settings: Settings, jobs: int = 1
) -> FileResult:
    """Lint standard input (or any bytes) read as the file ``name``."""
    own = settings.for_path(name)
    doc = read_document(name, data, own.encoding, own.sources)
    return lint_document(doc, make_matcher(ruleset, own), own, jobs)


class FixReport(NamedTuple):
    """One file's fix: its text before and after, and the findings left on the fixed text."""

    path: str
    original: str
    fixed: str
    result: FileResult
    applied: int
    loop: bool

    @property
    def changed(self) -> bool:
        """Whether fixing changed the text."""
        return self.fixed != self.original


def _fix_document(doc: Document, matcher: Matcher, settings: Settings, unsafe: bool) -> FixReport:
    from replylint.fixes import fix_until_stable
    from replylint.sources import segment_text

    def lint(text: str) -> FileResult:
        if text == doc.text:
            return lint_document(doc, matcher, settings)
        again = Document(doc.path, text, doc.encoding, doc.bom)
        again.segments = segment_text(doc.path, text, settings.sources)
        return lint_document(again, matcher, settings)

    outcome = fix_until_stable(doc.text, lint, unsafe)
    result = outcome.result
    if outcome.loop:
        result.notices.append(
            Notice(doc.path, "fixes kept changing the text; stopped after several passes")
        )
    return FixReport(doc.path, doc.text, outcome.text, result, outcome.applied, outcome.loop)


def fix_paths(
    paths: Sequence[str], ruleset: CompiledRuleSet, settings: Settings, unsafe: bool, write: bool
) -> list[FixReport]:
    """Fix files; with ``write``, changed files are rewritten atomically in their encoding."""
    from replylint.writer import write_atomically

    reports = []
    for path in discover(paths, settings):
        own = settings.for_path(path)
        doc = read_path(path, own.encoding, own.sources)
        report = _fix_document(doc, make_matcher(ruleset, own), own, unsafe)
        if write and report.changed:
            write_atomically(path, report.fixed, doc.encoding, doc.bom)
        reports.append(report)
    return reports


def fix_bytes(
    data: bytes, name: str, ruleset: CompiledRuleSet, settings: Settings, unsafe: bool
) -> FixReport:
    """Fix standard input (or any bytes) read as the file ``name``; nothing is written."""
    own = settings.for_path(name)
    doc = read_document(name, data, own.encoding, own.sources)
    return _fix_document(doc, make_matcher(ruleset, own), own, unsafe)
