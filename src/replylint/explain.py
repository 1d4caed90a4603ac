"""Plain-text rule documentation for ``--explain`` and ``--list-rules`` (no rich needed)."""

from __future__ import annotations

from replylint.ruleset.compiled import CompiledRuleSet
from replylint.ruletest import strip_markers


def rule_table(ruleset: CompiledRuleSet, lang: str | None = None) -> list[dict[str, object]]:
    """One row per rule id: languages, default severity and the message of each language."""
    rows: list[dict[str, object]] = []
    for rule_id in ruleset.ids():
        versions = [r for r in ruleset.by_id(rule_id) if lang is None or r.lang == lang]
        if not versions:
            continue
        rows.append(
            {
                "id": rule_id,
                "languages": [r.lang for r in versions],
                "severity": versions[0].spec.severity.label,
                "messages": {r.lang: r.spec.message for r in versions},
            }
        )
    return rows


def explain_rule(ruleset: CompiledRuleSet, rule_id: str, lang: str | None = None) -> str:
    """What the rule flags, why, where the practice comes from, and its examples, per language."""
    lines = [rule_id, "=" * len(rule_id)]
    for rule in ruleset.by_id(rule_id):
        if lang is not None and rule.lang != lang:
            continue
        spec = rule.spec
        lines += ["", f"[{spec.lang}] {spec.severity.label}: {spec.message}", "", "Why:"]
        lines += [f"  {line}" for line in spec.why.strip().splitlines()]
        lines += [f"Source: {spec.source}"]
        if spec.suggest:
            lines.append("Use instead:")
            lines += [f"  → {s}" for s in spec.suggest]
        lines.append("Flags:")
        for example in spec.bad_examples:
            text, spans = strip_markers(example.text)
            marked = ", ".join(f"«{text[s:e]}»" for s, e in spans)
            lines.append(f"  ✗ {text}    ({marked})")
        lines.append("Leaves alone:")
        lines += [f"  ✓ {e.text}" for e in spec.good_examples]
    return "\n".join(lines) + "\n"


def markdown_rule_table(ruleset: CompiledRuleSet) -> str:
    """The README's rule table, generated from the rule files (id, languages, severity, principle).

    The principle is the first sentence of the English ``why`` (or the first language's).
    """
    lines = ["| id | languages | default severity | principle |", "|---|---|---|---|"]
    for rule_id in ruleset.ids():
        versions = ruleset.by_id(rule_id)
        reference = next((r for r in versions if r.lang == "en"), versions[0])
        why = " ".join(reference.spec.why.split())
        principle = why.split(". ")[0].rstrip(".") + "."
        langs = ", ".join(sorted(r.lang for r in versions))
        cells = [
            f"`{rule_id}`",
            langs,
            reference.spec.severity.label,
            principle.replace("|", "\\|"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
