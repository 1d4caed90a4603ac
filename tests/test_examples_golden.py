"""The bundled examples, linted in every format, against golden files.

Regenerate after an intended change with ``pytest tests/test_examples_golden.py --update-golden``
and review the diff; never edit the golden files by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli_options import command

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt", ["json", "concise", "pretty"])
def test_examples_match_golden(fmt, update_golden, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        command, ["--format", fmt, "--color", "never", "examples/replies"], catch_exceptions=False
    )
    assert result.exit_code == 1
    golden = GOLDEN / f"examples.{fmt}.txt"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}; run pytest --update-golden"
    assert result.stdout == golden.read_text(encoding="utf-8")
