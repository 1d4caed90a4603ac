"""Before/after fixture pairs for --fix, one per fixable rule and source kind.

``tests/fixtures/fix/<case>/before.<ext>`` is fixed in a temporary copy and compared with
``after.<ext>``; an optional ``args`` file adds options (e.g. ``--unsafe-fixes``). Regenerate
the ``after`` files with ``pytest tests/test_fix_fixtures.py --update-golden`` and review them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli_options import command

CASES = sorted(p for p in (Path(__file__).parent / "fixtures" / "fix").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_fix_fixture(case, tmp_path, update_golden):
    (before,) = case.glob("before.*")
    work = tmp_path / f"reply{before.suffix}"
    shutil.copyfile(before, work)
    args_file = case / "args"
    extra = args_file.read_text(encoding="utf-8").split() if args_file.exists() else []
    result = CliRunner().invoke(command, ["--fix", "--format", "concise", *extra, str(work)])
    assert result.exit_code in (0, 1), result.output
    after = case / f"after{before.suffix}"
    if update_golden:
        shutil.copyfile(work, after)
    assert work.read_bytes() == after.read_bytes()
    assert work.read_bytes() != before.read_bytes(), "the fixture must exercise a fix"
    # a second --fix changes nothing
    CliRunner().invoke(command, ["--fix", *extra, str(work)])
    assert work.read_bytes() == after.read_bytes()
