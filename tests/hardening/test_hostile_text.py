"""Hostile text and file names in every output format, and a catastrophic user pattern.

Reply text and file names may hold Rich markup, ANSI/OSC escape sequences, BEL, C1 controls,
undecodable bytes, and characters that break XML, JSON or workflow commands. Every format must
show them literally (markup never interpreted, controls made visible), never write a raw
control byte from the input, and still parse, giving back the text it reported.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from lintkit import write_rule

FORMATS = ["pretty", "concise", "json", "sarif", "github", "junit", "gitlab"]
SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

# What the user rule reports: everything from <<< to >>>, whatever is in between.
SPAN_RULE = {
    "patterns": ["(?s)<<<.*?>>>"],
    "examples": {"bad": ["a [[<<<x>>>]] b"], "good": ["a b"]},
}
MARKUP = "[bold red]x[/] [link=https://evil]click[/link]"
ESCAPES = "\x1b[31mred\x1b[0m \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x1b]0;title\x07 \x9b31m"
HOSTILE = f"<<<{MARKUP} {ESCAPES}>>>"
# Shown by every format with control characters as visible escapes.
HOSTILE_SHOWN = (
    "<<<[bold red]x[/] [link=https://evil]click[/link] \\x1b[31mred\\x1b[0m "
    "\\x1b]8;;http://x\\x1b\\link\\x1b]8;;\\x1b\\ \\x1b]0;title\\x07 \\x9b31m>>>"
)
# Breaks naive XML, JSON or workflow commands, but holds no control character but a newline.
BREAKING = '<<<a ]]> b <c> & "d" 100% %0A e :: f, g\nsecond line %25 ::error::x>>>'


def _reply(span: str) -> str:
    return f"Hello Sam,\n\nWe checked your order and it is fine {span} today.\n\nAnything else?\n"


@pytest.fixture
def hostile_dir(tmp_path):
    """``names/``: the hostile reply under hostile file names, and the span rule in ``rules/``."""
    write_rule(tmp_path / "rules", "en", "hostile-span", **SPAN_RULE)
    names = tmp_path / "names"
    names.mkdir()
    data = _reply(HOSTILE).encode("utf-8")
    for name in (
        b"plain.txt",
        b"n\x1b[31mame\x07.txt",
        "c1\x9bname.txt".encode(),
        b"raw\x9bbyte.txt",
    ):
        with open(os.path.join(os.fsencode(names), name), "wb") as out:
            out.write(data)
    return tmp_path


def _paths(root: Path) -> list[str]:
    """The file names under ``names/`` as replylint reports them (undecodable bytes escaped)."""
    return sorted("names/" + os.fsdecode(n) for n in os.listdir(os.fsencode(root / "names")))


ARGS = ("--rules", "rules", "--lang", "en", "--select", "hostile-span")


@pytest.mark.parametrize("color", ["always", "never"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_markup_and_escapes_are_shown_literally_in_every_format(lint, hostile_dir, fmt, color):
    run = lint(*ARGS, "--format", fmt, "--color", color, "names")
    assert run.code == 1, run.stderr
    assert run.stderr == ""
    run.assert_no_raw_controls(allow_sgr=fmt == "pretty" and color == "always")
    paths = _paths(hostile_dir)
    out = run.stdout
    if fmt == "pretty":
        plain = re.sub("\x1b\\[[0-9;]*m", "", out)
        assert plain.count(HOSTILE_SHOWN) == len(paths)  # each finding's source line
        assert ("\x1b[" in out) is (color == "always")
        for shown in (
            "names/n\\x1b[31mame\\x07.txt:3:",
            "names/c1\\x9bname.txt:3:",
            "names/raw\\udc9bbyte.txt:3:",
        ):
            assert shown in plain
    elif fmt == "concise":
        assert sorted(line.split(":3:")[0] for line in out.splitlines()) == sorted(
            p.replace("\x1b", "\\x1b")
            .replace("\x07", "\\x07")
            .replace("\x9b", "\\x9b")
            .replace("\udc9b", "\\udc9b")
            for p in paths
        )
    elif fmt in ("json", "gitlab"):
        records = json.loads(out)
        if fmt == "json":
            assert sorted(r["path"] for r in records) == paths  # names round-trip exactly
            assert {r["match"] for r in records} == {HOSTILE}  # text round-trips exactly
        else:
            assert sorted(r["location"]["path"] for r in records) == paths
    elif fmt == "sarif":
        log = json.loads(out)
        results = log["runs"][0]["results"]
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
        assert sorted(unquote(u, errors="surrogateescape") for u in uris) == paths
        assert {
            r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] for r in results
        } == {HOSTILE}
        _validate_sarif(log)
    elif fmt == "github":
        commands = [_parse_command(line) for line in out.splitlines()]
        assert {data for _, _, data in commands} == {f'test message "{HOSTILE_SHOWN}"'}
        assert sorted(props["file"] for _, props, _ in commands) == sorted(
            p.replace("\x1b", "\\x1b")
            .replace("\x07", "\\x07")
            .replace("\x9b", "\\x9b")
            .replace("\udc9b", "\\udc9b")
            for p in paths
        )
    else:
        root = ET.fromstring(out)
        failures = root.findall("testsuite/testcase/failure")
        assert len(failures) == len(paths)
        for failure in failures:
            assert f"match: {HOSTILE_SHOWN}" in (failure.text or "").splitlines()


def test_hostile_file_names_in_errors_and_notices_are_escaped(lint, tmp_path):
    bad = tmp_path / "e\x1b]0;pwn\x07.txt"
    bad.write_bytes(b"caf\xe9")
    run = lint(bad.name)
    assert run.error_line() == (
        "replylint: error: e\\x1b]0;pwn\\x07.txt: cannot decode as utf-8 at byte 3 "
        "(use --encoding to name the file's encoding)"
    )
    missing = lint("nope\x1b[31m.txt")
    assert missing.error_line() == "replylint: error: nope\\x1b[31m.txt: no such file or directory"
    stdin = lint("--stdin-filename", "in\x9b\x07.txt", "-", input=b"\xff")
    assert stdin.error_line().startswith("replylint: error: in\\x9b\\x07.txt: cannot decode")


def _breaking_files(tmp_path: Path) -> list[str]:
    write_rule(tmp_path / "rules", "en", "hostile-span", **SPAN_RULE)
    names = ["a::b,c%0Ad&e<f>\"g']]>.txt", "line\nbreak.txt", "plain.txt"]
    for name in names:
        (tmp_path / name).write_text(_reply(BREAKING), encoding="utf-8")
    return sorted(names)


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit", "github", "concise"])
def test_text_and_names_that_break_xml_json_and_workflow_commands_round_trip(lint, tmp_path, fmt):
    names = _breaking_files(tmp_path)
    run = lint(*ARGS, "--format", fmt, *names)
    assert run.code == 1, run.stderr
    run.assert_no_raw_controls()
    out = run.stdout
    if fmt == "json":
        records = json.loads(out)
        assert sorted(r["path"] for r in records) == names
        assert {r["match"] for r in records} == {BREAKING}
        for r in records:  # the reported span cuts the match out of the file
            text = (tmp_path / r["path"]).read_text(encoding="utf-8").split("\n")
            assert (r["line"], r["end_line"]) == (3, 4)
            assert text[2][r["column"] - 1 :] + "\n" + text[3][: r["end_column"] - 1] == BREAKING
    elif fmt == "sarif":
        log = json.loads(out)
        _validate_sarif(log)
        results = log["runs"][0]["results"]
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
        assert sorted(unquote(u) for u in uris) == names
        assert {
            r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] for r in results
        } == {BREAKING}
    elif fmt == "gitlab":
        records = json.loads(out)
        assert sorted(r["location"]["path"] for r in records) == names
        assert len({r["fingerprint"] for r in records}) == len(names)
    elif fmt == "junit":
        root = ET.fromstring(out)
        cases = root.findall("testsuite/testcase")
        assert sorted(c.get("classname", "") for c in cases) == sorted(
            n.replace("\n", "\\n") for n in names
        )
        for case in cases:
            failure = case.find("failure")
            assert failure is not None
            assert "match: " + BREAKING.replace("\n", "\\n") in (failure.text or "").splitlines()
    elif fmt == "github":
        lines = out.splitlines()
        assert len(lines) == len(names)  # a newline in a name or the text never starts a line
        commands = [_parse_command(line) for line in lines]
        assert sorted(props["file"] for _, props, _ in commands) == names
        assert {data for _, _, data in commands} == {f'test message "{BREAKING}"'}
        assert {level for level, _, _ in commands} == {"warning"}
    else:
        assert sorted(line.split(":3:")[0] for line in out.splitlines()) == sorted(
            n.replace("\n", "\\n") for n in names
        )


# --- 11. a catastrophic pattern ------------------------------------------------------------------


def test_catastrophic_user_pattern_times_out_with_a_notice_and_the_run_goes_on(lint, tmp_path):
    write_rule(
        tmp_path / "rules",
        "en",
        "nested-quantifier",
        patterns=["(a+)+$"],
        examples={"bad": ["[[aaa]]"], "good": ["b"]},
    )
    text = (
        "Hello,\n\nSorry, the jacket is out of stock.\n\n"
        + "a" * 5000
        + "b\n\nIt is company policy.\n"
    )
    (tmp_path / "reply.txt").write_text(text, encoding="utf-8")
    run = lint("--rules", "rules", "--format", "json", "reply.txt")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        "replylint: notice: reply.txt: rule nested-quantifier (en): pattern '(a+)+$' timed out "
        "after 1s and was skipped for this text"
    ]
    assert {(r["rule"], r["line"], r["column"]) for r in run.json()} >= {
        ("out-of-stock", 3, 22),
        ("policy-excuse", 7, 1),
    }
    assert run.seconds < 60


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the Actions runner reads it: split, then unescape."""
    match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert match is not None, line
    level, properties, data = match.groups()
    decoded = {}
    for item in properties.split(","):
        name, _, value = item.partition("=")
        for escaped, char in (
            ("%0D", "\r"),
            ("%0A", "\n"),
            ("%3A", ":"),
            ("%2C", ","),
            ("%25", "%"),
        ):
            value = value.replace(escaped, char)
        decoded[name] = value
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        data = data.replace(escaped, char)
    return level, decoded, data


def _validate_sarif(log: object) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    validator.validate(log)
