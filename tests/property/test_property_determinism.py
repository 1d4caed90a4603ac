"""Linting is deterministic: the same input gives the same JSON, whatever was linted before it,
in whatever order files are named and however many ``--jobs`` lint them."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from hypokit import LANGS, bounded, built_file, may_be_binary, rules, write_reply_files
from replylint.api import Settings, lint_bytes, lint_paths
from replylint.formats.json import to_records


def _json(results: list) -> str:
    return json.dumps(to_records(results), ensure_ascii=False, sort_keys=True)


@bounded(60)
@given(built=built_file(), other=built_file(), lang=st.sampled_from(LANGS))
def test_same_input_gives_the_same_json(built, other, lang):
    assume(not may_be_binary(built.data) and not may_be_binary(other.data))
    settings = Settings(lang=lang)
    first = _json([lint_bytes(built.data, built.name, rules(), settings)])
    lint_bytes(other.data, other.name, rules(), settings)  # state left by another file
    second = _json([lint_bytes(built.data, built.name, rules(), settings)])
    assert first == second


@bounded(25)
@given(
    files=st.lists(built_file(), min_size=2, max_size=5),
    order=st.randoms(use_true_random=False),
    lang=st.sampled_from(LANGS),
)
def test_per_file_results_do_not_depend_on_file_order(files, order, lang):
    assume(not any(may_be_binary(built.data) for built in files))
    settings = Settings(lang=lang)
    with tempfile.TemporaryDirectory(prefix="replylint-order-") as tmp:
        paths = []
        for i, built in enumerate(files):
            path = Path(tmp) / f"{i}-{built.name}"
            path.write_bytes(built.data)
            paths.append(str(path))
        shuffled = list(paths)
        order.shuffle(shuffled)
        forward = {r.path: _json([r]) for r in lint_paths(paths, rules(), settings)}
        mixed = {r.path: _json([r]) for r in lint_paths(shuffled, rules(), settings)}
        backward = {r.path: _json([r]) for r in lint_paths(paths[::-1], rules(), settings)}
        alone = {p: _json([lint_bytes(Path(p).read_bytes(), p, rules(), settings)]) for p in paths}
    assert forward == mixed == backward == alone


def _run_jobs(directory: Path, jobs: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "replylint",
            "--format",
            "json",
            "--jobs",
            str(jobs),
            str(directory),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_jobs_1_and_2_give_identical_output(tmp_path):
    # Enough bytes that two jobs really start workers.
    from replylint.parallel import MIN_PARALLEL_BYTES

    write_reply_files(tmp_path, count=20, size=MIN_PARALLEL_BYTES // 20)
    assert sum(p.stat().st_size for p in tmp_path.iterdir()) >= MIN_PARALLEL_BYTES
    one = _run_jobs(tmp_path, 1)
    two = _run_jobs(tmp_path, 2)
    assert one.returncode == 1, one.stderr
    assert json.loads(one.stdout)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
