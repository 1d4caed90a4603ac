"""Linting one short reply from the command line must not import what only rare paths need.

Every module here costs start-up time on each pre-commit run; each is wanted only for an
error message, a cache write or a cache rebuild, and click only for a command line with options.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from replylint.ruleset import prebuilt

NOT_ON_THE_REPLY_PATH = (
    "click",  # file names alone need no option parser
    "difflib",  # "did you mean" hints
    "tempfile",  # writing the rule cache
    "wordfreq",  # building the detection lexicon
    "yaml",  # reading rule files or a config
)

_PROBE = """\
import sys
from replylint import cli
try:
    cli.main([{path!r}])
except SystemExit:
    pass
print("loaded:" + ",".join(name for name in {names!r} if name in sys.modules))
"""


@pytest.mark.usefixtures("builtin_ruleset")  # the rule cache is written before the probe
@pytest.mark.parametrize(
    "text",
    [
        "Hello Anna,\n\nThanks for waiting. Your refund was issued today.\n\nBest,\nSam\n",
        "您好！您的退款今天已经发出。如果还有问题，请随时联系我们。\n",
    ],
    ids=["en", "zh"],
)
def test_a_short_reply_skips_the_rare_path_modules(tmp_path: Path, text: str) -> None:
    assert _loaded_after_linting(tmp_path, text, NOT_ON_THE_REPLY_PATH) == "loaded:"


def _loaded_after_linting(tmp_path: Path, text: str, names: tuple[str, ...]) -> str:
    """The probe's last line: which of ``names`` one run over a reply of ``text`` loaded."""
    reply = tmp_path / "reply.txt"
    reply.write_text(text, encoding="utf-8")
    code = _PROBE.format(path=str(reply), names=names)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, encoding="utf-8", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


_SHIPPED_ONLY = ("pathlib", "urllib.parse")  # the user cache needs them (platformdirs)


@pytest.mark.skipif(
    not os.path.exists(prebuilt.prebuilt_path()),
    reason="an editable install has no compiled rules in the package; it uses the user cache",
)
@pytest.mark.parametrize("text", ["Hi Anna,\n\nYour refund was issued today.\n\nBest,\nSam\n"])
def test_a_short_reply_with_the_shipped_rules_needs_no_pathlib(tmp_path: Path, text: str) -> None:
    assert _loaded_after_linting(tmp_path, text, _SHIPPED_ONLY) == "loaded:"


_COUNT_FORWARD_REFS = """\
import typing
made = []
real = typing.ForwardRef.__init__
def counting(self, arg, *args, **kwargs):
    made.append(arg)
    real(self, arg, *args, **kwargs)
typing.ForwardRef.__init__ = counting
import replylint.api, replylint.cli, replylint.formats.pretty
print(len(made), made)
"""


def test_record_types_are_made_without_compiling_their_annotations() -> None:
    """``typing.NamedTuple`` compiles each field annotation that is a string (about 40 µs).

    The record types of a one-reply run (about 170 fields) are therefore defined in modules
    without ``from __future__ import annotations``; a field names a type as a string only
    where the type is imported for the type checker alone.
    """
    done = subprocess.run(
        [sys.executable, "-c", _COUNT_FORWARD_REFS], capture_output=True, encoding="utf-8"
    )
    assert done.returncode == 0, done.stderr
    count = int(done.stdout.split()[0])
    assert count <= 8, done.stdout
