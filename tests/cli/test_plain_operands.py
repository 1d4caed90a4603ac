"""A command line of file names alone skips click, and ends exactly as the click path does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import api, cli
from replylint.cli_options import command

BAD = "Hello Anna,\n\nSorry, that size is out of stock.\n\nBest,\nSam\n"
GOOD = "Hello Anna,\n\nYour refund was issued today.\n\nBest,\nSam\n"


@pytest.mark.parametrize(
    "args",
    [["reply.txt"], ["a.txt", "b/c.md", "./d.json"], ["", "x"], ["-x"]],
    ids=["one", "several", "empty", "dash-inside"],
)
def test_the_defaults_of_options_are_what_click_parses(args: list[str]) -> None:
    if args == ["-x"]:
        args = ["./-x"]  # a file whose name starts with a dash, given as a path
    with command.make_context("replylint", list(args)) as ctx:
        parsed = cli.Options(**ctx.params)
    assert parsed == cli.Options(paths=tuple(args))


@pytest.mark.parametrize(
    ("args", "plain"),
    [
        (["reply.txt"], True),
        (["a.txt", "b.txt"], True),
        (["./-x"], True),
        ([], False),  # click prints the usage error
        (["-"], False),  # standard input
        (["--", "reply.txt"], False),
        (["reply.txt", "--fix"], False),
        (["-q", "reply.txt"], False),
        (["--format=json", "reply.txt"], False),
    ],
)
def test_only_file_names_are_plain(args: list[str], plain: bool) -> None:
    assert cli.plain_operands(args) is plain


def test_a_completion_request_goes_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_REPLYLINT_COMPLETE", "bash_complete")
    assert not cli.plain_operands(["reply.txt"])


def _replylint(args: list[str], cwd: Path) -> tuple[int, bytes, bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "replylint", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.usefixtures("builtin_ruleset")  # the rule cache is written before the runs
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["bad.txt"], 1),
        (["good.txt"], 0),
        (["bad.txt", "good.txt", "replies"], 1),
        (["missing.txt"], 2),
        (["binary.txt"], 2),
        ([""], 2),
        ([os.fsdecode(b"caf\xe9.txt")], 1),  # a file name that is not UTF-8
    ],
    ids=["findings", "clean", "files-and-directory", "missing", "binary", "empty-name", "bytes"],
)
def test_the_same_output_as_through_click(tmp_path: Path, args: list[str], code: int) -> None:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "replies").mkdir()
    (tmp_path / "replies" / "more.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(BAD, encoding="utf-8")
    plain = _replylint(args, tmp_path)
    # --color auto is the default: the same run, parsed by click
    through_click = _replylint(["--color", "auto", *args], tmp_path)
    assert plain == through_click
    assert plain[0] == code, plain


@pytest.mark.usefixtures("builtin_ruleset")
@pytest.mark.parametrize("options", [[], ["--color", "auto"]], ids=["plain", "click"])
def test_a_reader_that_closes_the_pipe_ends_the_run_quietly(
    tmp_path: Path, options: list[str]
) -> None:
    for n in range(300):
        (tmp_path / f"r{n:03}.txt").write_text(BAD, encoding="utf-8")
    names = sorted(p.name for p in tmp_path.glob("*.txt"))
    read, write = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "replylint", *options, *names],
        cwd=tmp_path,
        stdout=write,
        stderr=subprocess.PIPE,
    )
    os.close(write)
    os.read(read, 100)
    os.close(read)
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (1, b"")


@pytest.mark.parametrize("options", [[], ["--color", "auto"]], ids=["plain", "click"])
def test_an_interrupt_exits_130_without_a_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "lint_paths", interrupted)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.txt").write_text(BAD, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        cli.main([*options, "reply.txt"])
    assert stopped.value.code == 130
    captured = capsys.readouterr()
    assert captured.err == "\n"
    assert captured.out == ""


def test_an_internal_error_is_one_line_without_click(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("unexpected")

    monkeypatch.setattr(api, "lint_paths", broken)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.txt").write_text(BAD, encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        cli.main(["reply.txt"])
    assert stopped.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("replylint: error: internal error: KeyError: 'unexpected'")


# --- the console script ends the process itself (no interpreter teardown) ------------------

_WITH_EXIT_HANDLER = """\
import atexit, sys
atexit.register(lambda: print("exit handler ran", file=sys.stderr))
sys.argv = ["replylint", *sys.argv[1:]]
from replylint.cli import main
main()
"""


@pytest.mark.usefixtures("builtin_ruleset")
@pytest.mark.parametrize("options", [[], ["--format", "json"]], ids=["plain", "click"])
def test_the_console_script_flushes_everything_and_runs_exit_handlers(
    tmp_path: Path, options: list[str]
) -> None:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    embedded = _replylint([*options, "bad.txt"], tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", _WITH_EXIT_HANDLER, *options, "bad.txt"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == embedded[0] == 1
    assert done.stdout == embedded[1]
    assert b"out-of-stock" in done.stdout
    assert done.stderr == b"exit handler ran\n"


@pytest.mark.usefixtures("builtin_ruleset")
def test_a_reader_gone_before_the_last_flush_ends_the_run_quietly(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")  # output smaller than a pipe
    read, write = os.pipe()
    os.close(read)
    proc = subprocess.run(
        [sys.executable, "-m", "replylint", "bad.txt"],
        cwd=tmp_path,
        stdout=write,
        stderr=subprocess.PIPE,
        check=False,
    )
    os.close(write)
    assert (proc.returncode, proc.stderr) == (1, b"")


# --- common options read without click ------------------------------------------------------

_TOKENS = [
    *["a.txt", "b/c.md", "", "-", "--", "-x", "--fix", "--lang", "en"],
    *["--format", "--format=json", "--format=", "json", "JSON", "sarif", "pretty", "concise"],
    *["--jobs", "-j", "--jobs=2", "--jobs=", "-j=2", "-j2", "2", "02", "0", "10", "+3", "٣"],
    *["-q", "--quiet", "--quiet=1", "-qj", "--form", "--job"],
]


def _as_click_reads(args: list[str]) -> cli.Options:
    with command.make_context("replylint", list(args)) as ctx:
        return cli.Options(**ctx.params)


@given(st.lists(st.sampled_from(_TOKENS), max_size=7))
@settings(max_examples=600, deadline=None)
def test_simple_options_are_what_click_parses(args: list[str]) -> None:
    simple = cli.simple_options(args)
    if simple is not None:  # otherwise click reads them, and reports any error
        assert simple == _as_click_reads(args)


@pytest.mark.parametrize(
    ("args", "fields"),
    [
        (["--format", "json", "a.txt"], {"fmt": "json"}),
        (["a.txt", "--format=sarif", "b.txt"], {"fmt": "sarif"}),
        (["-j", "2", "a.txt"], {"jobs": 2}),
        (["--jobs=12", "-q", "a.txt"], {"jobs": 12, "quiet": True}),
        (["--quiet", "a.txt", "--jobs", "1", "--format", "concise"], {"quiet": True, "jobs": 1}),
    ],
)
def test_common_options_skip_click(args: list[str], fields: dict[str, object]) -> None:
    simple = cli.simple_options(args)
    assert simple is not None
    assert simple == _as_click_reads(args)
    for name, value in fields.items():
        assert getattr(simple, name) == value


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json"],  # no file: click prints the usage
        ["--format", "nope", "a.txt"],
        ["--jobs", "0", "a.txt"],
        ["--jobs", "02", "a.txt"],
        ["-j2", "a.txt"],
        ["-q", "-q", "a.txt"],
        ["--format", "json", "--format", "sarif", "a.txt"],
        ["--lang", "en", "a.txt"],
        ["--format", "json", "-"],
    ],
)
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert cli.simple_options(args) is None


@pytest.mark.usefixtures("builtin_ruleset")
def test_the_common_options_give_the_output_click_gives(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    simple = _replylint(["--format", "json", "-j", "1", "bad.txt"], tmp_path)
    through_click = _replylint(
        ["--format", "json", "-j", "1", "--color", "auto", "bad.txt"], tmp_path
    )
    assert simple == through_click
    assert simple[0] == 1
    assert b"out-of-stock" in simple[1]
