"""Run the source-reader fuzz targets for a while: ``python tests/fuzz/run_long.py --minutes 30``.

The same targets as ``test_fuzz_sources.py`` (lint and fix mutated fixtures and random bytes),
in rounds with fresh random seeds until the time is up. A failure is shrunk by Hypothesis
and printed; keep it as an ``@example`` of the test once fixed. The exit code is 1 when a
target failed. ``REPLYLINT_FUZZ_TIME_LIMIT`` sets the seconds one example may take (20).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TESTS), str(TESTS.parent / "src")]

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzzkit import fix_target, fuzz_input, lint_target, settings_strategy  # noqa: E402
from hypokit import register_profiles, rules  # noqa: E402


def _lint(case: tuple[str, bytes], options: object) -> None:
    lint_target(case[0], case[1], options)  # type: ignore[arg-type]


def _fix(case: tuple[str, bytes], options: object, unsafe: bool) -> None:
    fix_target(case[0], case[1], options, unsafe)  # type: ignore[arg-type]


def main() -> int:
    """Run both targets in alternating rounds until ``--minutes`` have passed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--round", type=int, default=500, help="examples per round and target")
    args = parser.parse_args()
    register_profiles()
    base = settings(settings.get_profile("long"), max_examples=args.round)
    targets = {
        "lint": base(given(fuzz_input(), settings_strategy)(_lint)),
        "fix": base(given(fuzz_input(), settings_strategy, st.booleans())(_fix)),
    }
    rules()  # compile once before the clock starts
    stop = time.monotonic() + args.minutes * 60
    failed: set[str] = set()
    rounds = 0
    while time.monotonic() < stop and len(failed) < len(targets):
        for name, target in targets.items():
            if name in failed or time.monotonic() >= stop:
                continue
            try:
                target()
            except Exception:
                failed.add(name)
                print(f"fuzz target {name!r} failed:", file=sys.stderr)
                traceback.print_exc()
        rounds += 1
        print(f"round {rounds} done; failed targets: {sorted(failed) or 'none'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
