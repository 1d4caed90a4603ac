"""A process that ``main`` started freezes its start-up objects; an embedded run does not."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli_options import command

_PROBE = """\
import gc, sys
from replylint import cli
before = gc.get_freeze_count()
try:
    cli.main([{path!r}])
except SystemExit:
    pass
print(before, gc.get_freeze_count())
"""


@pytest.mark.usefixtures("builtin_ruleset")  # the rule cache is written before the probe
def test_the_entry_point_freezes_what_start_up_made(tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text("Hello Anna,\n\nYour refund was issued today.\n\nBest,\nSam\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(path=str(reply))],
        capture_output=True,
        encoding="utf-8",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    before, after = map(int, done.stdout.split()[-2:])
    # the modules and the loaded rule set: many thousands of objects
    assert before == 0 and after > 10_000, done.stdout


def test_an_embedded_run_leaves_the_collector_alone(tmp_path: Path, builtin_ruleset) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text("Hello Anna,\n\nYour refund was issued today.\n\nBest,\nSam\n", "utf-8")
    before = gc.get_freeze_count()
    result = CliRunner().invoke(command, [str(reply)])
    assert result.exit_code in (0, 1), result.output
    assert gc.get_freeze_count() == before
