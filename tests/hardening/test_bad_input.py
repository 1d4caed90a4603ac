"""Bad input end to end: binary and undecodable files, empty input, unreadable and missing
paths, symlink loops, malformed libraries and exports, broken config and rule files.

Each case ends in a correct result, or in exit code 2 with exactly one ``replylint: error:``
line naming the file (and the line and column, or the byte offset, of the problem), nothing on
stdout and no traceback (the ``lint`` fixture checks every run for tracebacks).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lintkit import write_rule

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
BAD_EN = "Sorry, the jacket is out of stock.\n"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


# --- 1. binary files ---------------------------------------------------------------------------
# Decision: a file that does not decode and has a NUL byte in its first 8000 bytes is binary:
# one error line, exit 2, whether it was named or found by the walk (a directory walk only picks
# up reply suffixes, so a binary file there is a mistake worth stopping for, and a UTF-16 reply
# without a BOM must not be skipped silently). A file that decodes is text even with a NUL in it:
# it is linted and the NUL is shown escaped.

BINARY_ERROR = (
    "binary file (NUL byte at byte 8), not a text reply "
    "(UTF-16 or UTF-32 text without a BOM needs --encoding)"
)


def test_binary_file_named_explicitly_is_one_error(lint, tmp_path):
    _write(tmp_path / "logo.txt", PNG)
    run = lint("--format", "json", "logo.txt")
    assert run.error_line() == f"replylint: error: logo.txt: {BINARY_ERROR}"


def test_binary_file_found_by_the_walk_is_the_same_error(lint, tmp_path):
    _write(tmp_path / "replies" / "a-ok.txt", BAD_EN)
    _write(tmp_path / "replies" / "b-logo.txt", PNG)
    _write(tmp_path / "replies" / "logo.png", PNG)  # not a reply suffix: never read
    run = lint("--format", "json", "replies")
    assert run.error_line() == f"replylint: error: replies/b-logo.txt: {BINARY_ERROR}"
    (tmp_path / "replies" / "b-logo.txt").unlink()
    clean = lint("--format", "json", "--select", "out-of-stock", "replies")
    assert clean.code == 1
    assert clean.findings() == [("replies/a-ok.txt", 1, 22, "out-of-stock")]


def test_text_with_a_nul_byte_is_linted_and_the_nul_shown_escaped(lint, tmp_path):
    _write(tmp_path / "nul.txt", b"Hi\x00there. Sorry, the jacket is out of stock.\n")
    run = lint("--format", "json", "--select", "out-of-stock", "nul.txt")
    assert run.code == 1
    assert run.findings() == [("nul.txt", 1, 32, "out-of-stock")]
    pretty = lint("--color", "never", "--select", "out-of-stock", "nul.txt")
    assert pretty.code == 1
    assert "1 | Hi\\x00there. Sorry" in pretty.stdout
    pretty.assert_no_raw_controls()


# --- 2. invalid UTF-8 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "offset"),
    [
        ("bad.txt", b"Hello \xff there", 6),
        ("bad.md", b"# Hi\n\nAbout \xc3\x28 it", 12),  # a lead byte without its continuation
        ("bad.json", b'{"body": "caf\xe9"}', 13),  # Latin-1, not UTF-8
        ("bom.txt", b"\xef\xbb\xbfHi \xed\xa0\x80", 6),  # an encoded surrogate; the BOM counts
        ("cut.txt", "Привет".encode()[:-1], 10),  # a multi-byte character cut at the end
    ],
)
def test_invalid_utf8_names_the_file_and_the_byte_offset(lint, tmp_path, name, data, offset):
    _write(tmp_path / name, data)
    run = lint(name)
    assert run.error_line() == (
        f"replylint: error: {name}: cannot decode as utf-8 at byte {offset} "
        "(use --encoding to name the file's encoding)"
    )


def test_invalid_utf8_on_stdin_names_the_stdin_filename(lint):
    run = lint("--stdin-filename", "draft.txt", "-", input=b"ok \x80")
    assert run.error_line() == (
        "replylint: error: draft.txt: cannot decode as utf-8 at byte 3 "
        "(use --encoding to name the file's encoding)"
    )


# --- 5. empty input ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json", ".yaml", ".csv"])
@pytest.mark.parametrize(
    "content", [b"", b"\xef\xbb\xbf", b" \n\r\n\t\n"], ids=["empty", "bom", "blank"]
)
def test_empty_files_have_no_findings(lint, tmp_path, suffix, content):
    _write(tmp_path / f"empty{suffix}", content)
    run = lint("--format", "json", f"empty{suffix}")
    assert (run.code, run.json(), run.stderr) == (0, [], "")


@pytest.mark.parametrize("fmt", ["json", "concise", "pretty"])
def test_empty_stdin_has_no_findings(lint, fmt):
    run = lint("--format", fmt, "-", input=b"")
    assert (run.code, run.stderr) == (0, "")
    expected = {"json": "[]\n", "concise": "", "pretty": "No problems found in 1 file.\n"}
    assert run.stdout == expected[fmt]


# --- 6. missing and unreadable paths -------------------------------------------------------------


def test_missing_path_is_one_error(lint, tmp_path):
    _write(tmp_path / "here.txt", BAD_EN)
    run = lint("here.txt", "nowhere/reply.txt")
    assert run.error_line() == "replylint: error: nowhere/reply.txt: no such file or directory"


def test_dangling_symlink_named_explicitly_is_missing(lint, tmp_path):
    (tmp_path / "gone.txt").symlink_to("deleted.txt")
    run = lint("gone.txt")
    assert run.error_line() == "replylint: error: gone.txt: no such file or directory"


def test_symlink_loop_named_explicitly_is_one_error(lint, tmp_path):
    (tmp_path / "x.txt").symlink_to("y.txt")
    (tmp_path / "y.txt").symlink_to("x.txt")
    run = lint("x.txt")
    assert (
        run.error_line()
        == "replylint: error: x.txt: cannot read: Too many levels of symbolic links"
    )


def _unprivileged() -> tuple[str, ...]:
    """A command prefix under which permissions apply: none for a user, setpriv for root.

    Root reads anything, so as root the run drops the capabilities that let it (setpriv from
    util-linux); without setpriv the test is skipped.
    """
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, which can read anything, and setpriv is not available")
    prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("running as root, which can read anything, and cannot drop capabilities")
    return prefix


@pytest.fixture
def locked(tmp_path):
    """Paths made unreadable during a test, made readable again afterwards for cleanup."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        path.chmod(0o755)


def test_unreadable_file_is_one_error(lint, tmp_path, locked):
    prefix = _unprivileged()
    path = _write(tmp_path / "secret.txt", BAD_EN)
    path.chmod(0)
    locked.append(path)
    run = lint("secret.txt", prefix=prefix)
    assert run.error_line() == "replylint: error: secret.txt: cannot read: Permission denied"


def test_unreadable_directory_in_a_walk_is_one_error(lint, tmp_path, locked):
    prefix = _unprivileged()
    _write(tmp_path / "replies" / "ok.txt", BAD_EN)
    inner = tmp_path / "replies" / "private"
    _write(inner / "hidden.txt", BAD_EN)
    inner.chmod(0)
    locked.append(inner)
    run = lint("replies", prefix=prefix)
    assert run.error_line() == (
        "replylint: error: replies/private: cannot read directory: Permission denied"
    )
    top = lint("replies/private", prefix=prefix)
    assert top.error_line() == (
        "replylint: error: replies/private: cannot read directory: Permission denied"
    )
    through = lint("replies/private/hidden.txt", prefix=prefix)
    assert through.error_line() == (
        "replylint: error: replies/private/hidden.txt: cannot read: Permission denied"
    )


# --- 7. symlink loops ----------------------------------------------------------------------------


def test_directory_symlink_loops_end_and_each_real_file_is_linted_once(lint, tmp_path):
    top = tmp_path / "replies"
    _write(top / "one.txt", BAD_EN)
    _write(top / "sub" / "two.txt", BAD_EN)
    (top / "sub" / "a").symlink_to("..")  # a -> ..
    (top / "sub" / "b").symlink_to("a")  # b -> a
    (top / "loop").symlink_to("loop")  # a link to itself
    (top / "again.txt").symlink_to("one.txt")  # the same file under another name
    (top / "dangling.txt").symlink_to("nothing.txt")
    os.mkfifo(top / "pipe.txt")  # reading a FIFO without a writer would block forever
    run = lint("--format", "json", "--select", "out-of-stock", "replies", "replies/sub/a")
    assert run.code == 1, run.stderr
    assert sorted(run.findings()) == [
        ("replies/one.txt", 1, 22, "out-of-stock"),
        ("replies/sub/two.txt", 1, 22, "out-of-stock"),
    ]
    assert run.seconds < 60


# --- 9. malformed libraries and exports ----------------------------------------------------------

ZENDESK = (FIXTURES / "zendesk-macros.json").read_text(encoding="utf-8")
ZENDESK_YAML = (FIXTURES / "zendesk-macro.yaml").read_text(encoding="utf-8")
FRESHDESK = (FIXTURES / "freshdesk.json").read_text(encoding="utf-8")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def test_truncated_zendesk_export_points_at_the_open_string(lint, tmp_path):
    opening = ZENDESK.index('"Reply when the size')
    cut = ZENDESK[: opening + 20]
    line, col = _line_col(cut, opening)
    assert (line, col) == (12, 22)
    _write(tmp_path / "macros.json", cut)
    run = lint("macros.json")
    assert run.error_line() == (
        f"replylint: error: macros.json:{line}:{col}: invalid JSON: unterminated string"
    )


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        (
            '{"macros": [\n  {"title": "a",,}\n]}',
            "expected a property name in double quotes, found ','",
            (2, 17),
        ),
        (
            '[\n  {"body": "x"}\n  {"body": "y"}\n]',
            "expected ',' or ']' in the array, found '{'",
            (3, 3),
        ),
        ('{"body": "bad \\q escape"}', "invalid escape '\\\\q'", (1, 15)),
        ("{'body': 'x'}", 'expected a property name in double quotes, found "\'"', (1, 2)),
        ('{"body": "tab\there"}', "control character '\\t' in a string", (1, 14)),
        ('{"a": 1} {"b": 2}', "unexpected data after the top-level value", (1, 10)),
        ("[" * 300 + "]" * 300, "nested deeper than 200 levels", (1, 201)),
    ],
    ids=[
        "double-comma",
        "missing-comma",
        "bad-escape",
        "single-quotes",
        "raw-tab",
        "two-values",
        "too-deep",
    ],
)
def test_malformed_json_is_one_located_error(lint, tmp_path, text, message, where):
    _write(tmp_path / "lib.json", text)
    line, col = where
    run = lint("lib.json")
    assert run.error_line() == f"replylint: error: lib.json:{line}:{col}: invalid JSON: {message}"


def test_json_number_too_long_for_int_is_still_read(lint, tmp_path):
    # int() refuses more than 4300 digits; a number is never reply text, so it is read as float
    text = '{"count": 1' + "0" * 5000 + ', "body": "' + BAD_EN.strip() + '"}'
    _write(tmp_path / "lib.json", text)
    run = lint("--format", "json", "--select", "out-of-stock", "lib.json")
    assert run.code == 1
    assert run.findings() == [("lib.json", 1, text.index("out of stock") + 1, "out-of-stock")]


def test_broken_freshdesk_export_is_one_located_error(lint, tmp_path):
    broken = FRESHDESK.replace('"title": "Out of stock",', '"title": "Out of stock"', 1)
    _write(tmp_path / "canned.json", broken)
    line, col = _line_col(broken, broken.index('"folder_id"'))
    run = lint("canned.json")
    assert run.error_line() == (
        f"replylint: error: canned.json:{line}:{col}: invalid JSON: "
        "expected ',' or '}' in the object, found '\"'"
    )


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        (
            'macros:\n  - title: "unclosed\n    body: x\n',
            "while scanning a quoted scalar: found unexpected end of stream",
            (2, 12),
        ),
        (
            "macros:\n\t- body: x\n",
            "while scanning for the next token: found character '\\t' that cannot start any token",
            (2, 1),
        ),
        (
            "body: [a, b\n",
            "while parsing a flow sequence: expected ',' or ']', but got '<stream end>'",
            (1, 7),
        ),
        ("body: x\x1b[31m\n", "unacceptable character #x001b", (1, 8)),
        ("[" * 300 + "]" * 300, "nested deeper than 200 levels", (1, 201)),
        ("- " * 300 + "x\n", "nested deeper than 200 levels", (1, 401)),
    ],
    ids=["open-quote", "tab-indent", "open-flow", "escape-char", "too-deep-flow", "too-deep-block"],
)
def test_malformed_yaml_is_one_located_error(lint, tmp_path, text, message, where):
    _write(tmp_path / "lib.yaml", text)
    line, col = where
    run = lint("lib.yaml")
    assert run.error_line() == f"replylint: error: lib.yaml:{line}:{col}: invalid YAML: {message}"


def test_yaml_nested_far_beyond_the_c_stack_is_an_error_not_a_crash(lint, tmp_path):
    _write(tmp_path / "deep.yaml", "[" * 200_000 + "]" * 200_000)
    run = lint("deep.yaml")
    assert run.error_line() == (
        "replylint: error: deep.yaml:1:201: invalid YAML: nested deeper than 200 levels"
    )


def test_truncated_zendesk_macro_yaml_is_one_located_error(lint, tmp_path):
    cut = ZENDESK_YAML[: ZENDESK_YAML.index("value: |")] + "value: [Sorry, the jacket\n"
    _write(tmp_path / "macro.yaml", cut)
    line, col = _line_col(cut, cut.index("[Sorry"))
    run = lint("macro.yaml")
    assert run.error_line() == (
        f"replylint: error: macro.yaml:{line}:{col}: invalid YAML: while parsing a flow "
        "sequence: expected ',' or ']', but got '<stream end>'"
    )


def test_yaml_alias_bomb_is_read_once_per_string(lint, tmp_path):
    # 9**8 references to one reply: the tree shares the node, the walk visits it once.
    lines = ['a: &a [{body: "Sorry, it is out of stock."}, "b", "c", "d", "e", "f", "g", "h", "i"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    _write(tmp_path / "bomb.yaml", "\n".join(lines) + "\n")
    run = lint("--format", "json", "--select", "out-of-stock", "bomb.yaml", timeout=30)
    assert run.code == 1
    assert run.findings() == [("bomb.yaml", 1, lines[0].index("out of") + 1, "out-of-stock")]


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ('title,body\nA,"unterminated\nB,x\n', "invalid CSV: unterminated quoted field", (2, 3)),
        ('title,body\nA,"x"y\n', "invalid CSV: expected ',' after the closing quote", (2, 6)),
        (
            "id,name\n1,Stock\n",
            "no reply-text column in the header row (found 'id', 'name'; expected one of body, "
            "text, content, value, comment_value, comment_value_html, html, message, reply, "
            "template, or set text-column)",
            (1, 1),
        ),
    ],
    ids=["open-quote", "after-quote", "no-text-column"],
)
def test_malformed_csv_is_one_located_error(lint, tmp_path, text, message, where):
    _write(tmp_path / "lib.csv", text)
    line, col = where
    run = lint("lib.csv")
    assert run.error_line() == f"replylint: error: lib.csv:{line}:{col}: {message}"


def test_csv_rows_with_missing_or_extra_fields_are_read(lint, tmp_path):
    # Lenient like the csv module: a short row has no reply, extra fields are ignored.
    _write(tmp_path / "lib.csv", "title,body\nShort\nLong,Sorry it is out of stock,extra\n")
    run = lint("--format", "json", "--select", "out-of-stock", "lib.csv")
    assert run.code == 1
    assert run.findings() == [("lib.csv", 3, 18, "out-of-stock")]


def test_malformed_html_is_read_leniently_with_exact_positions(lint, tmp_path):
    # HTML has no syntax errors for a browser, so none here: unclosed tags, stray "<", unknown
    # and broken entities and an unclosed comment at the end still give a correct result.
    html = (
        "<p>Hi <b>there<p><div><<<>>> &bogus; &#xZZ; &#99999999;\n"
        "<p>Sorry, it is out of stock<!-- open"
    )
    _write(tmp_path / "reply.html", html)
    run = lint("--format", "json", "--select", "out-of-stock", "reply.html")
    assert run.code == 1
    assert run.findings() == [("reply.html", 2, 17, "out-of-stock")]
    (record,) = run.json()
    assert record["match"] == "out of stock"


# --- 10. broken config and rule files ------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            "select: [out-of-stock\n",
            "2:1: invalid YAML: expected ',' or ']', but got '<stream end>'",
        ),
        ("select: 5\n", "1:9: 'select' must be a list of rule ids"),
        ("fail-on: loud\n", "1:10: 'fail-on' must be one of suggestion, warning, error"),
        ("structure: maybe\n", "1:12: 'structure' must be true or false"),
        ("- a\n- b\n", "1:1: the config must be a YAML mapping"),
        ("per-path:\n  '*.txt': 5\n", "2:12: settings for '*.txt' must be a mapping"),
        ("fail_on: error\n", "1:1: unknown key 'fail_on' (did you mean 'fail-on'?)"),
        (
            "per-path:\n  x/**:\n    langg: lv\n",
            "3:5: unknown per-path key 'langg' (did you mean 'lang'?)",
        ),
        (
            "export: bogus\n",
            "1:9: 'export' must be one of zendesk-macros, gorgias, zendesk-dynamic-content, "
            "intercom, freshdesk, zammad, helpscout, front, generic",
        ),
        ('select: ["a\x1b[31m"]\n', "1:12: invalid YAML: unacceptable character #x001b"),
        ("encoding: klingon\n", "1:11: unknown encoding 'klingon'"),
        ("per-path:\n  x/**:\n    encoding: hex\n", "3:15: unknown encoding 'hex'"),
    ],
    ids=[
        "syntax",
        "select-type",
        "fail-on-value",
        "structure-type",
        "not-mapping",
        "per-path-type",
        "unknown-key",
        "unknown-per-path-key",
        "export-value",
        "raw-escape",
        "unknown-encoding",
        "bytes-codec",
    ],
)
def test_broken_config_is_one_located_error(lint, tmp_path, config, message):
    _write(tmp_path / ".replylint.yaml", config)
    _write(tmp_path / "reply.txt", BAD_EN)
    run = lint("reply.txt")
    assert run.error_line() == f"replylint: error: {tmp_path / '.replylint.yaml'}:{message}"


def test_config_that_is_not_utf8_is_one_error(lint, tmp_path):
    _write(tmp_path / "lint.yaml", b"select: [\xff]\n")
    _write(tmp_path / "reply.txt", BAD_EN)
    run = lint("--config", "lint.yaml", "reply.txt")
    assert run.error_line() == "replylint: error: lint.yaml: cannot decode as UTF-8 at byte 9"


def test_config_naming_an_unknown_rule_is_one_error(lint, tmp_path):
    _write(tmp_path / ".replylint.yaml", "severity:\n  out-of-stok: error\n")
    _write(tmp_path / "reply.txt", BAD_EN)
    run = lint("reply.txt")
    assert run.error_line() == (
        "replylint: error: unknown rule id 'out-of-stok' (did you mean 'out-of-stock'?)"
    )


RULE = {"phrases": ["jacket"], "examples": {"bad": ["[[jacket]]"], "good": ["coat"]}}


def _line_of(path: Path, prefix: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))


def test_rule_file_with_a_yaml_syntax_error(lint, tmp_path):
    path = write_rule(tmp_path / "team", "en", **RULE)
    text = path.read_text(encoding="utf-8").replace("- jacket", "- [jacket")
    path.write_text(text, encoding="utf-8")
    end = len(text.splitlines()) + 1  # the flow sequence is still open at the end of the file
    _write(tmp_path / "reply.txt", BAD_EN)
    run = lint("--rules", "team", "reply.txt")
    assert run.error_line() == (
        f"replylint: error: team/en/user-rule.yaml:{end}:1: invalid YAML: "
        "expected ',' or ']', but got '<stream end>'"
    )


def test_rule_file_with_a_missing_key(lint, tmp_path):
    path = write_rule(tmp_path / "team", "en", **RULE)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "".join(x for x in text.splitlines(True) if not x.startswith("why:")), encoding="utf-8"
    )
    _write(tmp_path / "reply.txt", BAD_EN)
    run = lint("--rules", "team", "reply.txt")
    assert (
        run.error_line()
        == "replylint: error: team/en/user-rule.yaml:1:1: missing required key 'why'"
    )


@pytest.mark.parametrize(
    ("pattern", "problem", "column"),
    [
        ("(unclosed", "missing ) at position 9", 3),
        ("a{99999999999}", "repeat count too big at position 2", 3),
    ],
    ids=["unclosed-group", "repeat-too-big"],
)
def test_rule_file_with_an_invalid_regex(lint, tmp_path, pattern, problem, column):
    path = write_rule(tmp_path / "team", "en", patterns=[pattern], examples=RULE["examples"])
    line = _line_of(path, "patterns:") + 1
    _write(tmp_path / "reply.txt", BAD_EN)
    run = lint("--rules", "team", "reply.txt")
    assert run.error_line() == (
        f"replylint: error: team/en/user-rule.yaml:{line}:{column}: invalid pattern: {problem}"
    )


def test_rule_file_errors_are_all_listed_one_line_each(lint, tmp_path):
    # The documented rule-file contract: every error of every file is collected, one line
    # each, exit 2; a wrong type also leaves the rule without phrases, a second error.
    wrong = write_rule(
        tmp_path / "team", "en", "wrong-type", phrases="jacket", examples=RULE["examples"]
    )
    fatal = write_rule(tmp_path / "team", "en", "wrong-value", severity="fatal", **RULE)
    _write(tmp_path / "reply.txt", BAD_EN)
    run = lint("--rules", "team", "reply.txt")
    assert (run.code, run.out) == (2, b"")
    run.assert_no_raw_controls()
    phrases = _line_of(wrong, "phrases:")
    severity = _line_of(fatal, "severity:")
    assert run.stderr.splitlines() == [
        f"replylint: error: team/en/wrong-type.yaml:{phrases}:10: "
        "'phrases' must be a list of strings",
        "replylint: error: team/en/wrong-type.yaml:1:1: a rule needs 'phrases' or 'patterns'",
        f"replylint: error: team/en/wrong-value.yaml:{severity}:11: "
        "'severity' must be one of suggestion, warning, error (got 'fatal')",
    ]
