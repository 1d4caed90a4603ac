"""Tests for the ``pretty`` format: layout, caret alignment, escaping and the summary footer."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from replylint.diagnostics import Diagnostic, FileResult, Severity
from replylint.formats import FormatOptions, get_renderer
from replylint.formats.pretty import render, summary

SGR = re.compile(r"\x1b\[[0-9;]*m")


def run(results: list[FileResult], **options: Any) -> str:
    stream = io.StringIO()
    render(results, stream, FormatOptions(**options))
    return stream.getvalue()


def one(text: str, match: str, severity: Severity = Severity.WARNING, **extra) -> FileResult:
    start = text.index(match)
    diag = Diagnostic(
        "a.txt", start, start + len(match), "rule-id", severity, "en", "msg", match, **extra
    )
    return FileResult("a.txt", text, [diag])


def excerpt(out: str, number: int) -> tuple[str, str]:
    """Return the source line and the caret line below it, both with their gutters."""
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"  {number} | "))
    return lines[at], lines[at + 1]


def test_golden(sample_results, golden):
    golden("pretty.txt", run(sample_results))


def test_registry_resolves_pretty():
    assert get_renderer("pretty") is render


def test_finding_layout(sample_results):
    out = run(sample_results)
    block = out.split("\n\n")[0].splitlines()
    assert block[0] == "macros/lv.yaml:3:33  error  flat-refusal [unsafe fix]"
    assert block[1] == "  Do not refuse outright [bold]; say what you can do."
    assert block[2].startswith("  fix: replace «")
    assert block[5] == "  → Mēs varam [link=https://example.com]palīdzēt[/link] citādi."
    assert block[6] == '  entry: macros[0] "Atmaksa" comment_value'
    assert "entry:" not in out.split("\n\n")[1]


def test_markup_and_escapes_from_files_stay_literal(sample_results):
    out = run(sample_results)
    assert "[bold]x[/bold]" in out
    assert "[link=https://example.com]" in out
    assert "\x1b" not in out
    assert "\\x1b[31mnevaram\\x1b[0m" in out


def test_color_output_is_styled_but_input_escapes_are_not_raw(sample_results):
    plain = run(sample_results)
    colored = run(sample_results, color=True)
    assert "\x1b[" in colored
    assert "\x1b[31mnevaram" not in colored
    assert "\x1b]8;" not in colored  # no hyperlink from the [link=…] text
    # Every ESC in the coloured output starts a style sequence; without them it is the plain text.
    assert SGR.sub("", colored) == plain


def test_severity_colors_in_header(sample_results):
    colored = run(sample_results, color=True)
    assert "\x1b[1;31merror\x1b[0m" in colored
    assert "\x1b[1;33mwarning\x1b[0m" in colored
    assert "\x1b[1;36msuggestion\x1b[0m" in colored


def test_caret_under_span_after_wide_characters(sample_results):
    source, caret = excerpt(run(sample_results).split("\n\n")[4], 2)
    gutter = len("  2 | ")
    assert source == "  2 | 退款需要七个工作日，我们无法加快。"
    # 退款需要七个工作日，我们: 12 wide characters of 2 cells each; 无法: 2 more.
    assert caret == " " * 4 + "| " + " " * (2 * 12) + "^" * (2 * 2)
    assert caret.index("^") == gutter + 2 * 12


def test_caret_under_span_after_cyrillic(sample_results):
    out = run(sample_results)
    block = out.split("\n\n")[3]
    source, caret = excerpt(block, 3)
    assert source == "  3 | К сожалению, этого товара нет в наличии."
    assert caret == "    | " + " " * 26 + "^" * 13


def test_tabs_are_expanded_the_same_way_in_both_lines():
    result = one("中\tX ok\n", "X")
    source, caret = excerpt(run([result]), 1)
    # 中 is 2 cells; the tab moves to the next stop at cell 4.
    assert source == "  1 | 中  X ok"
    assert caret == "    |     ^"


def test_leading_tab(sample_results):
    source, caret = excerpt(run(sample_results).split("\n\n")[1], 2)
    assert source == "  2 |     Unfortunately your parcel is delayed."
    assert caret == "    |     " + "^" * len("Unfortunately")


def test_control_characters_before_the_span_keep_caret_aligned():
    result = one("a\x1bb \x07X\n", "X")
    source, caret = excerpt(run([result]), 1)
    assert source == "  1 | a\\x1bb \\x07X"
    assert caret.index("^") == source.index("X")


def test_multi_line_span_highlights_first_line_to_its_end():
    text = "first line\nsecond line\n"
    diag = Diagnostic("a.txt", 6, 17, "r", Severity.ERROR, "en", "msg", "line\nsecond")
    out = run([FileResult("a.txt", text, [diag])])
    source, caret = excerpt(out, 1)
    assert source == "  1 | first line"
    assert caret == "    |       ^^^^"
    assert "second line" not in out


def test_span_on_line_end_and_empty_span_get_one_caret():
    text = "abc\ndef\n"
    at_end = Diagnostic("a.txt", 3, 4, "r", Severity.ERROR, "en", "m", "\n")
    empty = Diagnostic("a.txt", 5, 5, "r", Severity.ERROR, "en", "m", "")
    out = run([FileResult("a.txt", text, [at_end, empty])])
    blocks = out.split("\n\n")
    assert excerpt(blocks[0], 1)[1] == "    |    ^"
    assert excerpt(blocks[1], 2)[1] == "    |  ^"


def test_crlf_line_has_no_carriage_return(sample_results):
    assert "\r" not in run(sample_results)


def test_long_lines_are_not_wrapped_at_narrow_width():
    text = "word " * 40 + "BAD end\n"
    source, caret = excerpt(run([one(text, "BAD")], width=20), 1)
    assert source == "  1 | " + text.rstrip("\n")
    assert caret.index("^") == source.index("BAD")


def test_footer_counts(sample_results):
    out = run(sample_results)
    assert out.endswith(
        "\n\nFound 5 problems (2 errors, 2 warnings, 1 suggestion) in 4 files."
        " 1 fixable with --fix. 1 more with --unsafe-fixes.\n"
    )
    assert summary(sample_results) == (
        "Found 5 problems (2 errors, 2 warnings, 1 suggestion) in 4 files."
        " 1 fixable with --fix. 1 more with --unsafe-fixes."
    )


@pytest.mark.parametrize(
    ("results", "footer"),
    [
        ([], "No problems found in 0 files."),
        ([FileResult("a.txt", "ok\n")], "No problems found in 1 file."),
        ([FileResult("a.txt", "ok\n"), FileResult("b.txt", "")], "No problems found in 2 files."),
        (
            [one("x bad\n", "bad", Severity.ERROR), FileResult("b.txt", "")],
            "Found 1 problem (1 error, 0 warnings, 0 suggestions) in 1 file.",
        ),
    ],
)
def test_footer_wording(results, footer):
    assert summary(results) == footer
    assert run(results).splitlines()[-1] == footer


def test_quiet_without_findings_prints_nothing():
    assert run([FileResult("a.txt", "ok\n")], quiet=True) == ""
    assert run([FileResult("a.txt", "ok\n")]) == "No problems found in 1 file.\n"


def test_quiet_with_findings_keeps_footer(sample_results):
    assert run(sample_results, quiet=True) == run(sample_results)


def test_suggestions_and_entry_are_escaped():
    result = one("x bad\n", "bad", suggestions=("one\x1b[2J", "two"), entry="m[1]\x9b")
    out = run([result])
    assert "  → one\\x1b[2J\n  → two\n  entry: m[1]\\x9b\n" in out


def test_colour_output_is_the_plain_output_with_styles(sample_results):
    # Without colour the pieces are written directly and rich's console is not used; with
    # colour rich renders them. Removing the styles must give the plain output exactly.
    plain = run(sample_results)
    coloured = run(sample_results, color=True)
    assert coloured != plain
    assert SGR.sub("", coloured) == plain


def test_plain_output_does_not_import_richs_console(sample_results):
    import subprocess
    import sys

    code = (
        "import io, sys\n"
        "from replylint.diagnostics import FileResult\n"
        "from replylint.formats import FormatOptions\n"
        "from replylint.formats.pretty import render\n"
        "render([FileResult('a.txt', 'x', [])], io.StringIO(), FormatOptions())\n"
        "print('rich.console' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, encoding="utf-8", check=True
    )
    assert done.stdout.strip() == "False"


@given(st.text(max_size=40))
@example("plain ASCII, all printable")
@example("tab\there and an escape \x1b[31m")
@example("中文和 emoji 👍 and a combining e\u0301")
def test_cells_are_what_rich_measures(text: str) -> None:
    from rich.cells import cell_len as rich_cells

    from replylint.formats.pretty import cell_len

    assert cell_len(text) == rich_cells(text)
