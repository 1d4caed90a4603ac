"""Cross-locale consistency of library items with per-locale variants (the ``consistency`` kind).

A library item (a Zendesk dynamic-content item, a macro translated into several languages) is
a group of segments sharing ``Segment.item``, one per locale. Two checks:

* ``missing-locale`` — a configured locale has no variant; reported on the reference variant;
* ``placeholder-mismatch`` — a variant's set of placeholders differs from the reference's
  (a translation that lost ``{{ticket.id}}`` or invented one); reported on that variant.

The reference variant is the one in the first configured locale, else the first variant.
Each finding uses the rule of the reported variant's language, so it speaks that language.
"""

from __future__ import annotations

from collections.abc import Sequence

from replylint.engine import Hit
from replylint.placeholders import placeholder_spans
from replylint.ruleset.compiled import CompiledRule

Variant = tuple[str, str]  # (text, language)


def _placeholder_names(text: str) -> frozenset[str]:
    return frozenset(" ".join(text[s:e].split()) for s, e in placeholder_spans(text))


def check_item(
    variants: Sequence[Variant], rules: Sequence[CompiledRule], locales: Sequence[str]
) -> list[tuple[int, Hit]]:
    """Findings for one item, as (variant index, hit spanning that variant's text)."""
    if not variants:
        return []
    present = [lang for _, lang in variants]
    reference = next(
        (present.index(loc) for loc in locales if loc in present),
        0,
    )
    findings: list[tuple[int, Hit]] = []

    def report(index: int, check: str, detail: str) -> None:
        text, lang = variants[index]
        for rule in rules:
            if rule.kind == "consistency" and rule.lang == lang and rule.spec.check == check:
                findings.append((index, Hit(rule, 0, len(text.rstrip()), detail)))

    missing = [loc for loc in locales if loc not in present]
    if missing:
        report(reference, "missing-locale", "missing: " + ", ".join(missing))
    expected = _placeholder_names(variants[reference][0])
    for index, (text, lang) in enumerate(variants):
        if index == reference:
            continue
        names = _placeholder_names(text)
        if names != expected:
            lost = sorted(expected - names)
            extra = sorted(names - expected)
            parts = []
            if lost:
                parts.append(f"{variants[reference][1]} has {', '.join(lost)}")
            if extra:
                parts.append(f"only {lang} has {', '.join(extra)}")
            report(index, "placeholder-mismatch", "; ".join(parts))
    return findings
