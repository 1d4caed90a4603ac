"""The ``lint`` fixture of the bad-input matrix: run the real command line, check its streams.

Every case runs ``python -m replylint`` in a fresh process with the test's directory as the
working directory, so paths in messages are the relative ones given, and stdout/stderr are the
bytes a terminal or CI log would receive.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

# What rich writes for --color always: SGR sequences, nothing else starts with ESC.
SGR = re.compile(r"\x1b\[[0-9;]*m")
TIME_LIMIT = 60.0


@dataclass(frozen=True)
class Run:
    """A finished replylint process: exit code, raw streams and wall time."""

    code: int
    out: bytes
    err: bytes
    seconds: float

    @property
    def stdout(self) -> str:
        return self.out.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.err.decode("utf-8")

    def json(self) -> list[dict[str, object]]:
        records = json.loads(self.stdout)
        assert isinstance(records, list)
        return records

    def findings(self) -> list[tuple[str, int, int, str]]:
        """``(path, line, column, rule)`` of every record of a ``--format json`` run."""
        return [
            (str(r["path"]), int(r["line"]), int(r["column"]), str(r["rule"])) for r in self.json()
        ]

    def error_line(self) -> str:
        """The one stderr line of a failed run: exit 2, nothing on stdout, no traceback."""
        assert self.code == 2, (self.code, self.stdout, self.stderr)
        lines = self.stderr.splitlines()
        assert len(lines) == 1, self.stderr
        assert lines[0].startswith("replylint: error: "), self.stderr
        assert self.out == b"", self.stdout
        self.assert_no_raw_controls()
        return lines[0]

    def assert_no_raw_controls(self, allow_sgr: bool = False) -> None:
        """Both streams are UTF-8 without ESC, BEL, other C0 (but tab, LF), DEL or C1 controls.

        A lone byte of an undecodable file name would fail the decoding; with ``allow_sgr``
        (``--color always``) the colour sequences rich writes itself are allowed on stdout.
        """
        for name, data in (("stdout", self.out), ("stderr", self.err)):
            text = data.decode("utf-8")
            if allow_sgr and name == "stdout":
                text = SGR.sub("", text)
            bad = [f"U+{ord(c):04X}" for c in text if _raw_control(c)]
            assert not bad, (name, bad, text[:3000])


def _raw_control(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 and char not in "\t\n") or 0x7F <= code <= 0x9F


Lint = Callable[..., Run]


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    """``lint(*args, input=b"", cwd=tmp_path, env=None, timeout=60) -> Run``."""

    def run(
        *args: str | Path,
        input: bytes = b"",
        cwd: Path = tmp_path,
        env: dict[str, str] | None = None,
        timeout: float = TIME_LIMIT,
        prefix: tuple[str, ...] = (),
    ) -> Run:
        environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
        environment.update(env or {})
        started = time.monotonic()
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "replylint", *map(str, args)],
            cwd=cwd,
            input=input,
            capture_output=True,
            timeout=timeout,
            env=environment,
            check=False,
        )
        result = Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)
        assert b"Traceback" not in result.err, result.err.decode("utf-8", "replace")
        assert b"internal error" not in result.err, result.err.decode("utf-8", "replace")
        return result

    return run
