"""CI regression guard: replylint's throughput as a ratio to a reference measured in the same job.

CI machines differ in speed from run to run, so an absolute time would be noise. This script
times, on a small seeded corpus, replylint linting 200 replies and a 1,000-macro Zendesk export
(whole processes, warm rule cache) and a fixed pure-Python reference workload (tokenizing and
case-folding the same bytes with ``regex`` and looking every word up in a dict), interleaved,
and fails when replylint's time exceeds the reference's by more than the ratio stored in
``guard.json``. Those ratios are twice the ones measured when they were set, so a
change that makes replylint markedly slower fails CI while machine speed cancels out.

Run: ``python benchmarks/guard.py [--reps N] [--update]`` (``--update`` rewrites the ceilings
from this run's ratios times the margin; do that only on purpose, after a deliberate change).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
CEILINGS = HERE / "guard.json"
MARGIN = 2.0
SEED = 20240611


def _reference(paths: list[Path]) -> None:
    """The fixed workload replylint's time is divided by: tokenize, fold, look up, per file."""
    words = regex.compile(r"\p{L}+")
    seen: dict[str, int] = {}
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        for match in words.finditer(text):
            key = match.group().casefold()
            seen[key] = seen.get(key, 0) + 1


def _time_reference(paths: list[Path]) -> float:
    start = time.perf_counter()
    _reference(paths)
    return time.perf_counter() - start


def _time_replylint(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "replylint", *args], cwd=cwd, env=env, capture_output=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"replylint {' '.join(args)} exited {done.returncode}: {done.stderr[-500:]!r}")
    return elapsed


def measure(corpus: Path, reps: int) -> dict[str, float]:
    """Median ratio replylint / reference per case."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    replies = sorted((corpus / "replies").iterdir())[:200]
    cases = {
        "200 replies": ([f"replies/{p.name}" for p in replies], replies),
        "1000-macro export": (["--format", "json", "macros.json"], [corpus / "macros.json"]),
    }
    _time_replylint(["--format", "json", "reply/en.txt"], corpus, env)  # fill the rule cache
    ratios: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(reps):
        for name, (args, inputs) in cases.items():
            ours = _time_replylint(["--jobs", "1", *args], corpus, env)
            reference = min(_time_reference(inputs) for _ in range(3))
            ratios[name].append(ours / reference)
    return {name: statistics.median(values) for name, values in ratios.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--update", action="store_true", help="rewrite guard.json")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from make_corpus import generate

    with tempfile.TemporaryDirectory(prefix="replylint-guard-") as tmp:
        corpus = Path(tmp)
        generate(corpus, seed=SEED, quick=True)
        measured = measure(corpus, args.reps)
    if args.update:
        ceilings = {name: round(ratio * MARGIN, 1) for name, ratio in measured.items()}
        CEILINGS.write_text(json.dumps(ceilings, indent=2) + "\n", encoding="utf-8")
    ceilings = json.loads(CEILINGS.read_text(encoding="utf-8"))
    failed = False
    for name, ratio in measured.items():
        ceiling = ceilings[name]
        holds = ratio <= ceiling
        failed |= not holds
        print(
            f"{name:20} replylint / reference = {ratio:7.1f}  ceiling {ceiling:7.1f}  "
            f"{'ok' if holds else 'TOO SLOW'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
