"""Run the ``examples`` of rule files.

Each bad example must report exactly its ``[[…]]`` spans, each good example nothing. Used by
the rule-test command and by the test suite.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from replylint.engine import Matcher
from replylint.ruleset.compiled import CompiledRule, CompiledRuleSet
from replylint.ruleset.schema import MARKER
from replylint.ruleset.spec import Located
from replylint.structure import lint_reply


@dataclass(frozen=True, slots=True)
class ExampleCase:
    """One example of one rule, with the spans it must produce."""

    rule: CompiledRule
    example: Located
    kind: str  # "bad" | "good"
    text: str
    expected: tuple[tuple[int, int], ...]

    @property
    def name(self) -> str:
        """``path:line bad|good`` — clickable in failure output."""
        return f"{self.rule.spec.path}:{self.example.line} {self.kind}"


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """What running one example produced."""

    case: ExampleCase
    got: tuple[tuple[int, int], ...]

    @property
    def ok(self) -> bool:
        """The example produced exactly the expected spans."""
        return self.got == self.case.expected

    def describe(self) -> str:
        """A one-line explanation of a failure, quoting spans as text."""
        text = self.case.text

        def quote(spans: tuple[tuple[int, int], ...]) -> str:
            return ", ".join(f"«{text[s:e]}»@{s}" for s, e in spans) or "nothing"

        return f"{self.case.name}: expected {quote(self.case.expected)}, got {quote(self.got)}"


def strip_markers(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove ``[[…]]`` markers and backslash escapes; return the plain text and marked spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    pos = 0

    def emit(chunk: str) -> None:
        nonlocal length
        plain = chunk.replace("\\[", "[").replace("\\]", "]")
        out.append(plain)
        length += len(plain)

    for m in MARKER.finditer(marked):
        emit(marked[pos : m.start()])
        start = length
        emit(m.group(1))
        spans.append((start, length))
        pos = m.end()
    emit(marked[pos:])
    return "".join(out), tuple(spans)


def example_cases(ruleset: CompiledRuleSet) -> Iterator[ExampleCase]:
    """Every example of every rule in ``ruleset``."""
    for rule in ruleset.rules:
        for example in rule.spec.bad_examples:
            text, spans = strip_markers(example.text)
            yield ExampleCase(rule, example, "bad", text, spans)
        for example in rule.spec.good_examples:
            yield ExampleCase(rule, example, "good", strip_markers(example.text)[0], ())


def _variants(text: str) -> tuple[list[tuple[str, str, int]], list[str]]:
    """Parse a consistency example: ``locales: a, b`` and ``LANG: text`` lines (one item)."""
    variants: list[tuple[str, str, int]] = []
    locales: list[str] = []
    offset = 0
    for line in text.split("\n"):
        head, _, body = line.partition(": ")
        if head == "locales":
            locales = [code.strip() for code in body.split(",") if code.strip()]
        elif body:
            variants.append((body, head, offset + len(head) + 2))
        offset += len(line) + 1
    return variants, locales


def _run_consistency(ruleset: CompiledRuleSet, case: ExampleCase) -> ExampleResult:
    from replylint.consistency import check_item

    variants, locales = _variants(case.text)
    rules = [r for r in ruleset.rules if r.id == case.rule.id]
    hits = check_item([(text, lang) for text, lang, _ in variants], rules, locales)
    got = sorted((variants[i][2] + h.start, variants[i][2] + h.end) for i, h in hits)
    return ExampleResult(case, tuple(got))


def run_case(
    ruleset: CompiledRuleSet, case: ExampleCase, matcher: Matcher | None = None
) -> ExampleResult:
    """Lint the example with only its own rule, in the rule's language."""
    if case.rule.kind == "consistency":
        return _run_consistency(ruleset, case)
    matcher = matcher or Matcher(ruleset, [case.rule.id])
    hits = lint_reply(matcher, [(case.text, case.rule.lang)])[0][0]
    got = tuple(sorted((h.start, h.end) for h in hits if h.rule is case.rule))
    return ExampleResult(case, got)


def run_examples(ruleset: CompiledRuleSet) -> list[ExampleResult]:
    """Run every example; one matcher per rule id keeps each example isolated from other rules."""
    matchers: dict[str, Matcher] = {}
    results = []
    for case in example_cases(ruleset):
        matcher = matchers.setdefault(case.rule.id, Matcher(ruleset, [case.rule.id]))
        results.append(run_case(ruleset, case, matcher))
    return results
