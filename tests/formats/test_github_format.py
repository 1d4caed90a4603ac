"""Tests for the ``github`` format: workflow command lines, levels and GitHub's escaping rules."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.formats import FormatOptions, get_renderer
from replylint.formats.github import escape_data, escape_property, render

COMMAND = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def run(results: list[FileResult]) -> str:
    stream = io.StringIO()
    render(results, stream, FormatOptions())
    return stream.getvalue()


def one(
    text: str,
    match: str,
    *,
    path: str = "a.txt",
    rule: str = "r",
    message: str = "msg",
    severity: Severity = Severity.WARNING,
    suggestions: tuple[str, ...] = (),
) -> FileResult:
    start = text.index(match)
    diag = Diagnostic(
        path, start, start + len(match), rule, severity, "en", message, match, suggestions
    )
    return FileResult(path, text, [diag])


def unescape(value: str) -> str:
    """Decode a value as the Actions runner does (``%25`` last, so ``%2541`` stays ``%41``)."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Split one command line into level, decoded properties and decoded message."""
    match = COMMAND.fullmatch(line)
    assert match is not None, line
    level, properties, message = match.groups()
    decoded = {}
    for item in properties.split(","):
        name, _, value = item.partition("=")
        decoded[name] = unescape(value)
    return level, decoded, unescape(message)


def test_golden(sample_results, golden):
    golden("github.txt", run(sample_results))


def test_registry_resolves_github():
    assert get_renderer("github") is render


def test_one_sorted_line_per_finding(sample_results):
    assert run(sample_results).splitlines() == [
        "::error file=macros/lv.yaml,line=3,col=33,endLine=3,endColumn=60,"
        "title=replylint flat-refusal::Do not refuse outright [bold]; say what you can do."
        ' "[bold]x[/bold] \\x1b[31mnevaram"'
        " → Mēs varam [link=https://example.com]palīdzēt[/link] citādi.",
        "::notice file=replies/en/delay.txt,line=2,col=2,endLine=2,endColumn=15,"
        "title=replylint negative-opener::Lead with what you can do, not with the bad news."
        ' "Unfortunately" → Good news: your parcel is on its way.',
        "::warning file=replies/en/delay.txt,line=3,col=1,endLine=3,endColumn=28,"
        "title=replylint stock-apology::A stock apology sounds scripted;"
        ' thank the customer instead. "Sorry for the inconvenience" → Thank you for your patience.',
        "::warning file=replies/ru/stock.txt,line=3,col=27,endLine=3,endColumn=40,"
        "title=replylint out-of-stock::Скажите, когда товар снова появится."
        ' "нет в наличии" → Ваш размер будет доступен в следующем месяце.',
        "::error file=replies/zh/refund.txt,line=2,col=13,endLine=2,endColumn=15,"
        'title=replylint flat-refusal::说明您能做什么，而不是不能做什么。 "无法"'
        " → 我们会在七个工作日内完成退款。",
    ]


def test_escaping_in_file_title_and_message():
    text = "Total: 100%, ok\n"
    result = one(
        text,
        "100%",
        path="dir, with: 100%/a::b.txt",
        rule="odd:rule,x",
        message="Half 50%,\r\nnext: a::b",
        severity=Severity.SUGGESTION,
    )
    assert run([result]) == (
        "::notice file=dir%2C with%3A 100%25/a%3A%3Ab.txt,line=1,col=8,endLine=1,endColumn=12,"
        'title=replylint odd%3Arule%2Cx::Half 50%25,%0D%0Anext: a::b "100%25"\n'
    )


def test_control_characters_are_visible_never_raw():
    text = "x\x1b[31my\x00\x85\u2028z\n"
    result = one(
        text,
        "\x1b[31my\x00\x85\u2028",
        path="d\x1b/\x07.txt",
        message="m\x9b\x7f\u2029\tend",
        suggestions=("s\x1b[0m",),
    )
    out = run([result])
    assert out == (
        "::warning file=d\\x1b/\\x07.txt,line=1,col=2,endLine=1,endColumn=11,"
        "title=replylint r::m\\x9b\\x7f\\u2029\tend"
        ' "\\x1b[31my\\x00\\x85\\u2028" → s\\x1b[0m\n'
    )
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", out) is None


def test_multi_line_span_has_no_columns_and_stays_on_one_line():
    text = "first line\nsecond line\n"
    out = run([one(text, "line\nsecond", message="two\nlines")])
    assert out == (
        '::warning file=a.txt,line=1,endLine=2,title=replylint r::two%0Alines "line%0Asecond"\n'
    )


def test_levels_and_no_arrow_without_suggestions():
    lines = [run([one("x\n", "x", severity=severity)]) for severity in Severity]
    assert [line.split(" ", 1)[0] for line in lines] == ["::notice", "::warning", "::error"]
    assert "→" not in "".join(lines)


def test_hostile_text_decodes_back_exactly():
    path = "a, b: c%/d::e.txt"
    message = 'Bad <tag> & "q" \'s, 50%: a::b\nnext [red]x[/red] 🙂 %0A ::error x::y'
    text = "Hi 🙂𠮷, 100%::, bye\n"
    result = one(text, "100%::,", path=path, rule="r:1,2", message=message)
    lines = run([result]).splitlines()
    assert len(lines) == 1
    level, properties, decoded = parse(lines[0])
    assert level == "warning"
    assert properties == {
        "file": path,
        "line": "1",
        "col": "8",
        "endLine": "1",
        "endColumn": "15",
        "title": "replylint r:1,2",
    }
    assert decoded == f'{message} "100%::,"'


def test_one_line_per_finding_across_files(sample_results):
    text = "a\nb\r\nc\n"
    hostile = one(text, "b\r\nc", message="x\ry\nz")
    results = [*sample_results, hostile]
    lines = run(results).split("\n")
    assert lines[-1] == ""
    assert len(lines) - 1 == sum(len(r.diagnostics) for r in results)
    assert all(line.startswith("::") for line in lines[:-1])
    assert "\r" not in run(results)


def test_no_findings_prints_nothing():
    assert run([]) == ""
    assert run([FileResult("a.txt", "fine\n")]) == ""


def test_escape_helpers():
    assert escape_data("100%\r\n:,") == "100%25%0D%0A:,"
    assert escape_property("100%\r\n:,") == "100%25%0D%0A%3A%2C"
    assert escape_data("\x1b\u2028\t") == "\\x1b\\u2028\t"


def test_does_not_import_rich():
    code = (
        "import io, sys\n"
        "from replylint.formats import FormatOptions, get_renderer\n"
        "get_renderer('github')([], io.StringIO(), FormatOptions())\n"
        "sys.exit('rich' in sys.modules)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
