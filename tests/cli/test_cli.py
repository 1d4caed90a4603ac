"""The command line: exit codes, streams, formats, stdin, helper options; in-process and real."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lintkit import write_rule
from replylint.cli_options import command

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "replies"


def run(*args: str, input: bytes | str | None = None, env: dict[str, str] | None = None):
    runner = CliRunner()
    return runner.invoke(command, list(args), input=input, env=env, catch_exceptions=False)


def test_bad_examples_in_all_languages_exit_1():
    result = run("--format", "json", str(EXAMPLES))
    assert result.exit_code == 1, result.output
    records = json.loads(result.stdout)
    assert {r["lang"] for r in records} == {"en", "ru", "lv", "zh"}
    flagged = {Path(r["path"]).name for r in records if r["severity"] != "suggestion"}
    assert flagged == {p.name for p in EXAMPLES.glob("*-bad.txt")}
    for name in flagged:
        rules = {r["rule"] for r in records if Path(r["path"]).name == name}
        assert {"out-of-stock", "policy-excuse"} <= rules, name


@pytest.mark.parametrize("name", ["en-good.txt", "ru-good.txt", "lv-good.txt", "zh-good.txt"])
def test_good_examples_exit_0(name):
    result = run(str(EXAMPLES / name))
    assert result.exit_code == 0, result.output
    assert "No problems found" in result.stdout


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(x) for x in lines[: line - 1]) + column - 1


def test_json_columns_cut_the_match_from_the_original_lines():
    result = run("--format", "json", str(EXAMPLES))
    records = json.loads(result.stdout)
    assert any(r["line"] != r["end_line"] for r in records)  # multi-line spans are covered too
    for record in records:
        lines = Path(record["path"]).read_text(encoding="utf-8").splitlines(keepends=True)
        start = _offset(lines, record["line"], record["column"])
        end = _offset(lines, record["end_line"], record["end_column"])
        assert "".join(lines)[start:end] == record["match"]
        if record["line"] == record["end_line"]:
            line = lines[record["line"] - 1]
            assert line[record["column"] - 1 : record["end_column"] - 1] == record["match"]
        assert set(record) >= {
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "rule",
            "severity",
            "lang",
            "message",
            "match",
            "suggestions",
            "entry",
            "fix",
        }
        assert record["entry"] is None
        if record["fix"] is not None:  # a fix's edit covers exactly the reported span
            (edit,) = record["fix"]["edits"]
            assert (edit["line"], edit["column"]) == (record["line"], record["column"])
            assert (edit["end_line"], edit["end_column"]) == (
                record["end_line"],
                record["end_column"],
            )


def test_crlf_and_bom_offsets(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"\xef\xbb\xbf" + b"Hello,\r\n\r\nSorry, it is out of stock.\r\n")
    record = json.loads(run("--format", "json", "--select", "out-of-stock", str(path)).stdout)[0]
    assert (record["line"], record["column"], record["end_column"]) == (3, 14, 26)
    assert record["match"] == "out of stock"


def test_missing_file_is_one_error_line_exit_2():
    result = run("does-not-exist.txt")
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == "replylint: error: does-not-exist.txt: no such file or directory"
    )


def test_broken_rule_file_names_file_and_line(tmp_path):
    path = write_rule(tmp_path, "en", severity="fatal", phrases=["x"])
    result = run("--rules", str(tmp_path), str(EXAMPLES / "en-good.txt"))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"replylint: error: {os.path.relpath(path)}:3:11: 'severity' must be"
    )
    assert "Traceback" not in result.output


def test_fail_on_threshold(tmp_path):
    bad = str(EXAMPLES / "en-bad.txt")
    assert run(bad).exit_code == 1
    assert run("--fail-on", "error", bad).exit_code == 0
    write_rule(
        tmp_path,
        "en",
        "soft",
        severity="suggestion",
        phrases=["hello there"],
        examples={"bad": ["[[hello there]]"], "good": ["hi"]},
    )
    soft = tmp_path / "soft.txt"
    soft.write_text("Hello there, friend.", encoding="utf-8")
    assert run("--rules", str(tmp_path), str(soft)).exit_code == 0
    assert run("--rules", str(tmp_path), "--fail-on", "suggestion", str(soft)).exit_code == 1


def test_select_and_ignore():
    bad = str(EXAMPLES / "en-bad.txt")
    only = json.loads(run("--format", "json", "--select", "policy-excuse", bad).stdout)
    assert {r["rule"] for r in only} == {"policy-excuse"}
    everything = {r["rule"] for r in json.loads(run("--format", "json", bad).stdout)}
    rest = json.loads(run("--format", "json", "--ignore", "policy-excuse", bad).stdout)
    assert {r["rule"] for r in rest} == everything - {"policy-excuse"}
    assert "out-of-stock" in everything
    unknown = run("--select", "polcy-excuse", bad)
    assert unknown.exit_code == 2
    assert "did you mean 'policy-excuse'" in unknown.stderr


def test_stdin_with_filename():
    result = run(
        "--format",
        "concise",
        "--stdin-filename",
        "draft.txt",
        "-",
        input=b"Sorry, it's out of stock.",
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("draft.txt:1:")
    assert "out-of-stock" in result.stdout


def test_lang_override_and_config(tmp_path, monkeypatch):
    draft = tmp_path / "d.txt"
    draft.write_text("Diemzel sis preces nav noliktava.", encoding="utf-8")
    assert run("--lang", "en", str(draft)).exit_code == 0
    assert run("--lang", "lv", str(draft)).exit_code == 1
    (tmp_path / ".replylint.yaml").write_text("ignore: [out-of-stock]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(str(draft)).exit_code == 0


def test_config_errors_are_located(tmp_path, monkeypatch):
    (tmp_path / ".replylint.yaml").write_text(
        "select: [out-of-stock]\nfail_on: error\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run(str(EXAMPLES / "en-bad.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"replylint: error: {tmp_path / '.replylint.yaml'}:2:1: "
        "unknown key 'fail_on' (did you mean 'fail-on'?)"
    )


def test_config_severity_override(tmp_path, monkeypatch):
    (tmp_path / ".replylint.yaml").write_text(
        "severity:\n  out-of-stock: error\nfail-on: error\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run("--format", "json", "--select", "out-of-stock", str(EXAMPLES / "en-bad.txt"))
    assert result.exit_code == 1
    assert {r["severity"] for r in json.loads(result.stdout)} == {"error"}


def test_usage_error_is_one_line():
    result = run("--format", "xml", "x.txt")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("replylint: error:")


def test_list_explain_and_test_rules():
    listed = run("--list-rules")
    assert listed.exit_code == 0
    assert "out-of-stock" in listed.stdout and "policy-excuse" in listed.stdout
    explained = run("--explain", "out-of-stock")
    assert explained.exit_code == 0
    for marker in ("[en]", "[ru]", "[lv]", "[zh]", "Why:", "Source:", "нет в наличии"):
        assert marker in explained.stdout
    assert run("--explain", "nope").exit_code == 2
    tested = run("--test-rules")
    assert tested.exit_code == 0, tested.stdout
    assert "failing: 0" in tested.stdout


def test_test_rules_reports_a_failing_example(tmp_path):
    write_rule(
        tmp_path,
        "en",
        phrases=["out of stock"],
        examples={"bad": ["It is [[out]] of stock."], "good": ["Out of stock here."]},
    )
    result = run("--test-rules", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.count("FAIL ") == 2


def test_no_color_and_markup_in_text_is_literal(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("[bold]Sorry[/bold] \x1b[31mit is out of stock.", encoding="utf-8")
    plain = run("--color", "never", str(path))
    assert "[bold]Sorry[/bold]" in plain.stdout and "\x1b" not in plain.stdout
    colored = run("--color", "always", str(path))
    assert "\x1b[" in colored.stdout and "\x1b[31mit" not in colored.stdout
    env_off = run("--color", "auto", str(path), env={"NO_COLOR": "1"})
    assert "\x1b" not in env_off.stdout


def test_real_subprocess_and_module_entry_point():
    for argv in (["replylint"], [sys.executable, "-m", "replylint"]):
        done = subprocess.run(
            [*argv, "--format", "concise", str(EXAMPLES / "ru-bad.txt")],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert "out-of-stock" in done.stdout and "policy-excuse" in done.stdout
        assert done.stderr == ""
    version = subprocess.run(
        ["replylint", "--version"], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert version.returncode == 0 and "replylint" in version.stdout


def test_structure_switch_from_cli_and_config(tmp_path, monkeypatch):
    fragment = tmp_path / "macro.txt"
    fragment.write_text("Your refund was sent yesterday.", encoding="utf-8")
    ids = {r["rule"] for r in json.loads(run("--format", "json", str(fragment)).stdout)}
    assert {"missing-greeting", "missing-closing-offer"} <= ids
    off = json.loads(run("--format", "json", "--no-structure", str(fragment)).stdout)
    assert off == []
    (tmp_path / ".replylint.yaml").write_text("structure: false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert json.loads(run("--format", "json", str(fragment)).stdout) == []
    assert json.loads(run("--format", "json", "--structure", str(fragment)).stdout) != []


def test_per_path_settings(tmp_path, monkeypatch):
    (tmp_path / "macros").mkdir()
    (tmp_path / "replies").mkdir()
    fragment = "Sorry, it is out of stock."
    (tmp_path / "macros" / "stock.txt").write_text(fragment, encoding="utf-8")
    (tmp_path / "replies" / "stock.txt").write_text(fragment, encoding="utf-8")
    lv = tmp_path / "replies" / "lv.txt"
    lv.write_text("Diemzel sis preces nav noliktava.", encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text(
        "per-path:\n"
        "  macros/**:\n"
        "    structure: false\n"
        "    ignore: [negative-language]\n"
        "  replies/lv.txt:\n"
        "    lang: en\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    everything = run("--format", "json", ".")
    assert everything.exit_code == 1, everything.stderr
    records = json.loads(everything.stdout)
    by_file: dict[str, set[str]] = {}
    for r in records:
        by_file.setdefault(Path(r["path"]).as_posix(), set()).add(r["rule"])
    assert by_file["macros/stock.txt"] == {"out-of-stock"}
    assert {"missing-greeting", "out-of-stock"} <= by_file["replies/stock.txt"]
    assert "replies/lv.txt" not in {k for k, v in by_file.items() if "out-of-stock" in v}
    # the command line wins over per-path settings
    pinned = json.loads(run("--format", "json", "--lang", "lv", "replies/lv.txt").stdout)
    assert "out-of-stock" in {r["rule"] for r in pinned}
    structured = json.loads(run("--format", "json", "--structure", "macros/stock.txt").stdout)
    assert "missing-greeting" in {r["rule"] for r in structured}


def test_per_path_config_errors(tmp_path, monkeypatch):
    (tmp_path / ".replylint.yaml").write_text(
        "per-path:\n  macros/**:\n    structur: false\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run("x.txt")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        ".replylint.yaml:3:5: unknown per-path key 'structur' (did you mean 'structure'?)"
    )


def test_github_format_is_chosen_under_github_actions():
    bad = str(EXAMPLES / "en-bad.txt")
    auto = run(bad, env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout.startswith("::warning file=")
    explicit = run("--format", "concise", bad, env={"GITHUB_ACTIONS": "true"})
    assert not explicit.stdout.startswith("::")
