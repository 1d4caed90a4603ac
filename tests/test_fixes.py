"""Fixes: what --fix, --unsafe-fixes and --diff change, and everything they must leave alone."""

from __future__ import annotations

import codecs
import stat

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.cli_options import command
from replylint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from replylint.fixes import apply_edits

PLACEHOLDER = '{{ticket.requester.name | default: "亲,您好"}}'
ZH_REPLY = (
    f"{PLACEHOLDER}\r\n\r\n您好,请稍等。我们马上处理,谢谢!\r\n\r\n很抱歉,这款外套缺货了。\r\n"
)


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(command, list(args), input=input, catch_exceptions=False)


def _diag(start: int, end: int, replacement: str, applicability=Applicability.SAFE) -> Diagnostic:
    fix = Fix(applicability, (Edit(start, end, replacement),))
    return Diagnostic("p", start, end, "r", Severity.WARNING, "en", "m", "x", fix=fix)


def test_apply_edits_skips_overlaps_and_respects_applicability():
    text = "abcdef"
    diagnostics = [
        _diag(0, 2, "X"),
        _diag(1, 3, "Y"),  # overlaps the first: skipped
        _diag(4, 5, "Z", Applicability.UNSAFE),
        _diag(5, 6, "W", Applicability.DISPLAY_ONLY),
    ]
    assert apply_edits(text, diagnostics, unsafe=False) == ("Xcdef", 1)
    assert apply_edits(text, diagnostics, unsafe=True) == ("XcdZf", 2)


def test_chinese_reply_with_bom_crlf_and_placeholder(tmp_path):
    path = tmp_path / "reply.txt"
    original = codecs.BOM_UTF8 + ZH_REPLY.encode("utf-8")
    path.write_bytes(original)
    result = run("--fix", "--format", "concise", str(path))
    fixed = path.read_bytes()
    expected = codecs.BOM_UTF8 + ZH_REPLY.replace("您好,请", "您好，请").replace(
        "处理,谢谢!", "处理，谢谢!"
    ).replace("很抱歉,这款", "很抱歉，这款").encode("utf-8")
    assert fixed == expected
    assert PLACEHOLDER.encode() in fixed  # the comma inside the placeholder is untouched
    assert fixed.count(b"\r\n") == original.count(b"\r\n")
    assert "out-of-stock" in result.stdout  # still reported: a rewrite is not a safe fix
    assert result.exit_code == 1
    again = run("--fix", "--format", "concise", str(path))
    assert path.read_bytes() == expected
    assert "fixed" not in again.stderr


def test_unsafe_fixes_only_when_asked(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("Hi! Your refund is on its way!!! Anything else?", encoding="utf-8")
    run("--fix", str(path))
    assert path.read_text(encoding="utf-8").endswith("its way!!! Anything else?")
    run("--fix", "--unsafe-fixes", str(path))
    assert path.read_text(encoding="utf-8") == "Hi! Your refund is on its way! Anything else?"


def test_yaml_value_with_trailing_comment_is_fixed_in_place(tmp_path):
    path = tmp_path / "macros.yaml"
    before = (
        "macros:\n"
        "  - title: 稍等\n"
        "    locale: zh\n"
        "    body: 您好,请稍等。  # replylint: disable=missing-greeting\n"
        '    quoted: "x"\n'
    )
    path.write_text(before, encoding="utf-8")
    run("--fix", "--no-structure", str(path))
    assert path.read_text(encoding="utf-8") == before.replace("您好,请", "您好，请")


def test_json_fix_applies_where_exact_and_never_across_an_escape(tmp_path):
    path = tmp_path / "macros.json"
    before = '{"macros": [{"title": "x", "body": "\\u60a8\\u597d,\\u8bf7 OK\\u0021!"}]}\n'
    path.write_text(before, encoding="utf-8")
    result = run("--fix", "--unsafe-fixes", "--format", "json", "--no-structure", str(path))
    # the comma is a character of its own in the file: fixed in place; "!!" spans an escape
    assert path.read_text(encoding="utf-8") == before.replace("597d,", "597d，")
    assert '"applicability": "display-only"' in result.stdout


def test_diff_writes_nothing_and_permissions_survive_fix(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("您好,请稍等。\n", encoding="utf-8")
    path.chmod(0o640)
    diff = run("--diff", str(path))
    assert diff.exit_code == 1
    assert "-您好,请稍等。" in diff.stdout and "+您好，请稍等。" in diff.stdout
    assert path.read_text(encoding="utf-8") == "您好,请稍等。\n"
    run("--fix", str(path))
    assert path.read_text(encoding="utf-8") == "您好，请稍等。\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert run("--diff", str(path)).exit_code == 0


def test_fix_on_stdin_prints_the_fixed_text():
    result = run("--fix", "--stdin-filename", "r.txt", "-", input="您好,请稍等。".encode())
    assert result.stdout == "您好，请稍等。"


def test_nothing_written_when_nothing_changes(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("您好，请稍等。\n", encoding="utf-8")
    before = path.stat().st_mtime_ns
    run("--fix", str(path))
    assert path.stat().st_mtime_ns == before


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["您好", ",", "请稍等", "。", "!!", "out of stock", " ", "\r\n", "{{x}}", "é"]
        ),
        max_size=20,
    )
)
def test_fixing_twice_changes_nothing_and_only_edits_change(tmp_path_factory, parts):
    from replylint.api import Settings, make_matcher
    from replylint.document import Document
    from replylint.fixes import fix_until_stable
    from replylint.ruleset.loader import load_ruleset
    from replylint.sources import segment_text

    ruleset = load_ruleset()
    settings_ = Settings(structure=False)
    matcher = make_matcher(ruleset, settings_)

    def lint(text: str):
        from replylint.api import lint_document

        return lint_document(
            Document("r.txt", text, segments=segment_text("r.txt", text)), matcher, settings_
        )

    text = "".join(parts)
    once = fix_until_stable(text, lint, unsafe=True)
    twice = fix_until_stable(once.text, lint, unsafe=True)
    assert twice.text == once.text
    assert not once.loop
    # outside the commas and repeated marks, nothing changed
    strip = str.maketrans("", "", ",，!！")
    assert once.text.translate(strip) == text.translate(strip)


def test_permissions_and_encoding_of_legacy_file(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_bytes("您好,请稍等。\n".encode("gb18030"))
    run("--fix", "--encoding", "gb18030", str(path))
    assert path.read_bytes() == "您好，请稍等。\n".encode("gb18030")


@pytest.mark.parametrize("lang", ["en", "ru", "lv", "zh"])
def test_excessive_punctuation_fix_is_unsafe(builtin_ruleset, lang):
    from replylint.api import Settings, lint_text

    result = lint_text(
        "OK!!!", builtin_ruleset, Settings(lang=lang, select=("excessive-punctuation",))
    )
    (finding,) = result.diagnostics
    assert finding.fix is not None
    assert finding.fix.applicability is Applicability.UNSAFE
    assert finding.fix.edits[0].replacement == "!"


def test_latvian_diacritics_are_restored_where_unambiguous(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("Ludzu, uzgaidiet mirkli", encoding="utf-8")
    run("--fix", "--lang", "lv", str(path))
    assert path.read_text(encoding="utf-8") == "Lūdzu, uzgaidiet mirkli"
    ambiguous = tmp_path / "ambiguous.txt"
    ambiguous.write_text("Ka jums iet? Musu vins.", encoding="utf-8")
    run("--fix", "--lang", "lv", str(ambiguous))
    assert ambiguous.read_text(encoding="utf-8") == "Ka jums iet? Musu vins."
