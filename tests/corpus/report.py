"""Precision and recall per language on the labelled corpus (``python tests/corpus/report.py``).

A finding counts at warning or error level. On a bad reply, an expected id found is a true
positive, an expected id missing a false negative, any other id a false positive; on a good
reply every finding is a false positive.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from replylint.api import Settings, lint_text
from replylint.diagnostics import Severity
from replylint.ruleset.compiled import CompiledRuleSet
from replylint.ruleset.loader import load_ruleset

HELDOUT = Path(__file__).resolve().parents[2] / "benchmarks" / "heldout"


def main() -> None:
    """Print one line per language: the test corpus, then the held-out replies."""
    ruleset = load_ruleset()
    for title, folder in (("test corpus", Path(__file__).parent), ("held out", HELDOUT)):
        print(f"\n{title}")
        report(ruleset, sorted(folder.glob("*.yaml")))


def report(ruleset: CompiledRuleSet, paths: list[Path]) -> None:
    """Print precision and recall per language file."""
    print(
        f"{'lang':<5} {'replies':>7} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}"
    )
    for path in paths:
        lang = path.stem
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases = [(text, set()) for text in data.get("good", [])]
        cases += [(item["text"], set(item["expect"])) for item in data.get("bad", [])]
        tp = fp = fn = 0
        misses = []
        for text, expected in cases:
            result = lint_text(text, ruleset, Settings(lang=lang))
            found = {d.rule for d in result.diagnostics if d.severity >= Severity.WARNING}
            found_any = {d.rule for d in result.diagnostics}
            tp += len(expected & found_any)
            fn += len(expected - found_any)
            fp += len(found - expected)
            if found - expected or expected - found_any:
                misses.append(
                    (
                        text,
                        f"missed {sorted(expected - found_any)}, extra {sorted(found - expected)}",
                    )
                )
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{lang:<5} {len(cases):>7} {tp:>4} {fp:>4} {fn:>4} {precision:>9.3f} {recall:>7.3f}")
        for text, expected in misses:
            print(f"      {text[:70]!r}: {expected}")


if __name__ == "__main__":
    main()
