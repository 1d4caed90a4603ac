"""Applying fixes: non-overlapping edits, re-linted until stable, never a damaged file.

Only fixes whose applicability the user asked for are applied (``safe``; ``unsafe`` with
``--unsafe-fixes``; ``display-only`` never). Edits are applied left to right, skipping any that
overlaps one already taken, then the text is linted again, because one fix can reveal or settle
another; a cap on the passes turns a fix loop into a notice instead of a hang.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from replylint.diagnostics import Applicability, Diagnostic, FileResult, Fix

MAX_PASSES = 10


def applicable(diagnostic: Diagnostic, unsafe: bool) -> Fix | None:
    """The fix ``--fix`` may apply for this finding (given ``--unsafe-fixes`` or not)."""
    fix = diagnostic.fix
    if fix is None or not fix.edits:
        return None
    if fix.applicability is Applicability.SAFE:
        return fix
    if fix.applicability is Applicability.UNSAFE and unsafe:
        return fix
    return None


def apply_edits(text: str, diagnostics: Sequence[Diagnostic], unsafe: bool) -> tuple[str, int]:
    """Apply every applicable, non-overlapping fix; return the new text and how many applied."""
    fixes = [f for d in diagnostics if (f := applicable(d, unsafe)) is not None]
    fixes.sort(key=lambda f: (f.edits[0].start, f.edits[-1].end))
    taken: list[Fix] = []
    last_end = -1
    for fix in fixes:
        first = min(e.start for e in fix.edits)
        if first < last_end:
            continue
        taken.append(fix)
        last_end = max(e.end for e in fix.edits)
    edits = sorted((e for f in taken for e in f.edits), key=lambda e: e.start, reverse=True)
    for edit in edits:
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, len(taken)


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """The fixed text, what is left to report on it, and how it went."""

    text: str
    result: FileResult  # the findings on the fixed text
    applied: int
    loop: bool  # still changing after MAX_PASSES


def fix_until_stable(text: str, lint: Callable[[str], FileResult], unsafe: bool) -> FixOutcome:
    """Fix, re-lint and repeat while fixes apply, at most ``MAX_PASSES`` times."""
    result = lint(text)
    applied = 0
    for _ in range(MAX_PASSES):
        fixed, count = apply_edits(text, result.diagnostics, unsafe)
        if count == 0 or fixed == text:
            return FixOutcome(text, result, applied, loop=False)
        applied += count
        text = fixed
        result = lint(text)
    still = apply_edits(text, result.diagnostics, unsafe)[1] > 0
    return FixOutcome(text, result, applied, loop=still)
