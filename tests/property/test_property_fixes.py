"""Properties of ``--fix``: fixing twice is fixing once, edits stay where findings are, and
placeholders come through unchanged.

Each pass of the fix loop is replayed: the text after a pass must be the text before it with
some of that pass's applicable edits applied and nothing else touched.
"""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import assume, given
from hypothesis import strategies as st

from hypokit import LANGS, Built, bounded, built_file, may_be_binary, rules
from replylint.api import Settings, fix_bytes, lint_document, make_matcher
from replylint.diagnostics import Edit, FileResult
from replylint.document import Document
from replylint.fixes import applicable, fix_until_stable
from replylint.placeholders import placeholder_spans
from replylint.sources import segment_text


def _placeholders(text: str) -> Counter[str]:
    return Counter(text[s:e] for s, e in placeholder_spans(text))


def _explained(before: str, after: str, edits: list[Edit]) -> bool:
    """Whether ``after`` is ``before`` with some non-overlapping ``edits`` applied, nothing else."""
    edits = sorted(edits, key=lambda e: (e.start, e.end))

    def walk(i: int, j: int, k: int) -> bool:
        # ``before[:i]`` became ``after[:j]``; edits from ``k`` on are still to decide.
        while k < len(edits) and edits[k].start < i:
            k += 1  # overlaps an edit already applied: cannot apply
        if k == len(edits):
            return before[i:] == after[j:]
        edit = edits[k]
        gap = edit.start - i
        if before[i : edit.start] != after[j : j + gap]:
            return False
        i, j = edit.start, j + gap
        size = len(edit.replacement)
        if after.startswith(edit.replacement, j) and walk(edit.end, j + size, k + 1):
            return True
        return walk(i, j, k + 1)

    return walk(0, 0, 0)


def _fix_and_check(built: Built, settings: Settings, unsafe: bool, ruleset: object) -> str:
    """Fix ``built`` through ``fix_bytes``, replaying and checking every pass; return the text."""
    report = fix_bytes(built.data, built.name, ruleset, settings, unsafe)  # type: ignore[arg-type]
    own = settings.for_path(built.name)
    matcher = make_matcher(ruleset, own)  # type: ignore[arg-type]
    passes: list[tuple[str, FileResult]] = []

    def lint(text: str) -> FileResult:
        doc = Document(built.name, text, segments=segment_text(built.name, text, own.sources))
        result = lint_document(doc, matcher, own)
        passes.append((text, result))
        return result

    outcome = fix_until_stable(report.original, lint, unsafe)
    assert outcome.text == report.fixed
    for (before, result), (after, _) in itertools.pairwise(passes):
        edits = []
        for d in result.diagnostics:
            fix = applicable(d, unsafe)
            if fix is None:
                continue
            # An applicable fix is only offered where the file's text is the match itself.
            assert before[d.start : d.end] == d.match, (d.rule, d.match)
            edits.extend(fix.edits)
            for edit in fix.edits:
                assert d.start <= edit.start <= edit.end <= d.end
        assert _explained(before, after, edits), (before, after, edits)
    assert _placeholders(report.fixed) == _placeholders(report.original)
    return report.fixed


@bounded(120)
@given(
    built=built_file(kinds=("plain", "markdown", "html", "json", "yaml", "csv", "export")),
    lang=st.sampled_from(LANGS),
    unsafe=st.booleans(),
)
def test_fixing_is_idempotent_local_and_keeps_placeholders(built, lang, unsafe):
    assume(not may_be_binary(built.data))
    settings = Settings(lang=lang)
    fixed = _fix_and_check(built, settings, unsafe, rules())
    again = fix_bytes(fixed.encode("utf-8"), built.name, rules(), settings, unsafe)
    assert again.fixed == fixed
    assert not again.changed
