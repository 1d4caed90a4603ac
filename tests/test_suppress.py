"""Suppression comments: per value in YAML/JSON libraries, per paragraph in Markdown/HTML."""

from __future__ import annotations

from replylint.diagnostics import Diagnostic, Severity
from replylint.document import Segment, SourceMap
from replylint.suppress import apply


def _finding(path: str, rule: str, start: int, phrase: str) -> Diagnostic:
    return Diagnostic(path, start, start + len(phrase), rule, Severity.WARNING, "en", "m", phrase)


def _segment(text: str, value: str) -> Segment:
    start = text.index(value)
    return Segment(value, SourceMap.shifted(start, len(value)))


YAML = """\
macros:
  # replylint: disable=out-of-stock
  - body: "Sorry, it is out of stock."
  - body: "Sorry, it is out of stock again."
  - title: Block
    # replylint: disable=out-of-stock,policy-excuse
    body: |
      Sorry, it is out of stock, and that is company policy.
  - body: "Out of stock, company policy."  # replylint: disable=policy-excuse
"""


def _lint(path: str, text: str, values: list[str], rules: list[tuple[str, str]]) -> list[str]:
    pairs = []
    for value in values:
        base = text.index(value)
        found = [
            _finding(path, rule, base + value.index(phrase), phrase)
            for rule, phrase in rules
            if phrase in value
        ]
        pairs.append((_segment(text, value), found))
    return [f"{d.rule}@{text[: d.start].count(chr(10)) + 1}" for d in apply(path, text, pairs)]


def test_yaml_comment_above_or_on_the_value_silences_only_that_value():
    values = [
        "Sorry, it is out of stock.",
        "Sorry, it is out of stock again.",
        "Sorry, it is out of stock, and that is company policy.",
        "Out of stock, company policy.",
    ]
    rules = [
        ("out-of-stock", "out of stock"),
        ("out-of-stock", "Out of stock"),
        ("policy-excuse", "company policy"),
    ]
    kept = _lint("lib.yaml", YAML, values, rules)
    assert kept == ["out-of-stock@4", "out-of-stock@9"]


def test_disable_file_and_all():
    text = (
        "# replylint: disable-file=out-of-stock\nmacros:\n  - body: out of stock, company policy\n"
    )
    value = "out of stock, company policy"
    rules = [("out-of-stock", "out of stock"), ("policy-excuse", "company policy")]
    assert _lint("lib.yml", text, [value], rules) == ["policy-excuse@3"]
    text_all = "macros:\n  - body: out of stock, company policy  # replylint: disable=all\n"
    assert _lint("lib.yml", text_all, [value], rules) == []


def test_markdown_html_comment_covers_the_next_paragraph_only():
    text = (
        "<!-- replylint: disable=out-of-stock -->\nIt is out of stock.\n\n"
        "It is out of stock again.\n"
    )
    values = ["It is out of stock.", "It is out of stock again."]
    assert _lint("reply.md", text, values, [("out-of-stock", "out of stock")]) == ["out-of-stock@4"]


def test_plain_text_has_no_comment_syntax():
    text = "# replylint: disable=out-of-stock\nIt is out of stock.\n"
    assert _lint(
        "reply.txt", text, ["It is out of stock."], [("out-of-stock", "out of stock")]
    ) == ["out-of-stock@2"]
