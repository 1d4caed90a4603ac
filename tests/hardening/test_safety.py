"""What replylint loads and does: safe YAML only, no code from rule or config files, no network,
and an internal error that is one line saying how to report it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from lintkit import write_rule

BAD_REPLIES = {
    "en.txt": "Hi Anna,\n\nSorry, the jacket is out of stock. It is company policy.\n",
    "ru.txt": "Здравствуйте! К сожалению, товара нет в наличии. Это политика компании.\n",
    "lv.txt": "Labdien! Diemžēl prece nav noliktavā. Tāda ir uzņēmuma politika.\n",
    "zh.txt": "您好！很抱歉，这款商品缺货了。这是公司规定，我们不能破例。\n",
}
# A YAML tag that an unsafe loader would turn into a call of os.system.
PAYLOAD = '!!python/object/apply:os.system ["echo ran > pwned"]'


def test_a_python_tag_in_a_rule_file_is_refused_and_never_run(lint, tmp_path: Path) -> None:
    path = write_rule(tmp_path / "team", "en", phrases=["jacket"])
    text = path.read_text(encoding="utf-8").replace("message: test message", f"message: {PAYLOAD}")
    path.write_text(text, encoding="utf-8")
    (tmp_path / "reply.txt").write_text(BAD_REPLIES["en.txt"], encoding="utf-8")
    run = lint("--rules", "team", "reply.txt")
    line = run.error_line()
    assert line.startswith("replylint: error: team/en/user-rule.yaml:")
    assert not (tmp_path / "pwned").exists()


def test_a_python_tag_in_the_config_is_refused_and_never_run(lint, tmp_path: Path) -> None:
    (tmp_path / ".replylint.yaml").write_text(f"select: {PAYLOAD}\n", encoding="utf-8")
    (tmp_path / "reply.txt").write_text(BAD_REPLIES["en.txt"], encoding="utf-8")
    run = lint("reply.txt")
    # The config is read as YAML nodes, never constructed: the tag is ignored, its value is data.
    assert run.error_line() == "replylint: error: unknown rule id 'echo ran > pwned'"
    assert not (tmp_path / "pwned").exists()


def test_rules_compile_and_every_language_lints_with_the_network_refused(tmp_path: Path) -> None:
    # No cache: the built-in rules are compiled from their YAML in this process, loading every
    # language's lexicons; any attempt to open a connection or resolve a name raises.
    for name, text in BAD_REPLIES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    code = textwrap.dedent(
        """
        import socket, sys
        def refuse(*args, **kwargs):
            raise SystemExit("network access attempted")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        sys.argv = ["replylint", "--format", "concise", "--jobs", "1", *sys.argv[1:]]
        from replylint.cli import main
        main()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *BAD_REPLIES],
        cwd=tmp_path,
        capture_output=True,
        encoding="utf-8",
        env={"REPLYLINT_NO_CACHE": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=600,
        check=False,
    )
    assert done.stderr == "", done.stderr
    assert done.returncode == 1
    linted = {line.split(":", 1)[0] for line in done.stdout.splitlines()}
    assert linted == set(BAD_REPLIES)


def test_an_internal_error_is_one_line_that_says_how_to_report_it(
    tmp_path: Path, monkeypatch
) -> None:
    from click.testing import CliRunner

    from replylint import api
    from replylint.cli_options import command

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("unexpected")

    monkeypatch.setattr(api, "lint_paths", broken)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reply.txt").write_text(BAD_REPLIES["en.txt"], encoding="utf-8")
    result = CliRunner().invoke(command, ["reply.txt"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines() if hasattr(result, "stderr") else result.output.splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("replylint: error: internal error: KeyError: 'unexpected'")
    assert "please report this" in lines[0]
    assert "Traceback" not in result.output
