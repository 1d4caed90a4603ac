"""Where replylint's time goes: import times, cProfile and (if installed) pyinstrument reports.

Run: ``python benchmarks/profile.py [--out DIR] [CASE ...]`` after ``benchmarks/run.py`` has
written the corpus (``DIR/corpus-full``, or ``--corpus``). CASE is one of

  reply-en, reply-ru, reply-lv, reply-zh   one short reply, pretty output (group a)
  macros                                   the Zendesk export, --format json (group c)
  slice                                    the 1 MB English slice, --format json (group d)
  phases                                   whole-process start-up, step by step, no profiler

(default: phases reply-en reply-zh macros). For each case it writes into ``DIR/profile/``:
``CASE.importtime.txt`` (``python -X importtime``, the slowest imports by cumulative and by self
time), ``CASE.cprofile.txt`` (top functions by cumulative and by own time; ``CASE.prof`` for
``snakeviz`` or ``pstats``) and ``CASE.pyinstrument.txt`` (``pip install pyinstrument``; skipped
when missing). The processes run with the same environment as the timed runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import pstats
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DEFAULT_OUT, child_env, replylint_cmd

CASES = {
    "reply-en": ["reply/en.txt"],
    "reply-ru": ["reply/ru.txt"],
    "reply-lv": ["reply/lv.txt"],
    "reply-zh": ["reply/zh.txt"],
    "macros": ["--format", "json", "macros.json"],
    "slice": ["--format", "json", "big_en_slice.txt"],
}
DEFAULT_CASES = ("phases", "reply-en", "reply-zh", "macros")
_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def _python(
    options: list[str], case_args: list[str], corpus: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """``python OPTIONS <replylint script> CASE_ARGS`` in the corpus directory."""
    cmd = replylint_cmd()
    program = cmd if len(cmd) == 1 else ["-m", "replylint"]
    return subprocess.run(
        [sys.executable, *options, *program, *case_args],
        cwd=corpus,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _median_wall(cmd: list[str], corpus: Path, env: dict[str, str], reps: int) -> float:
    walls = []
    for _ in range(reps):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=corpus, env=env, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def phases(corpus: Path, env: dict[str, str], reps: int = 9) -> str:
    """Median wall time of ever larger parts of a single-reply run, without a profiler."""
    rl = replylint_cmd()
    py = [sys.executable]
    steps: list[tuple[str, list[str], dict[str, str]]] = [
        ("python -c pass (interpreter start-up)", [*py, "-c", "pass"], env),
        ("python -c 'import replylint.cli'", [*py, "-c", "import replylint.cli"], env),
        ("python -c 'import replylint.api'", [*py, "-c", "import replylint.api"], env),
        ("replylint --version", [*rl, "--version"], env),
        ("replylint empty.txt (rules loaded, nothing to lint)", [*rl, "empty.txt"], env),
    ]
    for lang in ("en", "ru", "lv", "zh"):
        steps.append((f"replylint reply/{lang}.txt", [*rl, f"reply/{lang}.txt"], env))
    steps.append(
        ("replylint --format json reply/en.txt", [*rl, "--format", "json", "reply/en.txt"], env)
    )
    no_cache = {**env, "REPLYLINT_NO_CACHE": "1"}
    for lang in ("en", "zh"):
        steps.append(
            (
                f"REPLYLINT_NO_CACHE=1 replylint reply/{lang}.txt",
                [*rl, f"reply/{lang}.txt"],
                no_cache,
            )
        )
    lines = [f"median of {reps} runs, whole process, wall seconds", ""]
    for label, cmd, step_env in steps:
        subprocess.run(cmd, cwd=corpus, env=step_env, capture_output=True, check=False)
        wall = _median_wall(cmd, corpus, step_env, reps if "NO_CACHE" not in label else 3)
        lines.append(f"{wall:8.3f}  {label}")
        print(lines[-1], file=sys.stderr, flush=True)
    return "\n".join(lines) + "\n"


def importtime(case_args: list[str], corpus: Path, env: dict[str, str], top: int = 30) -> str:
    done = _python(["-X", "importtime"], case_args, corpus, env)
    rows = []
    for line in done.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            depth = len(m.group(3)) // 2
            rows.append((int(m.group(1)), int(m.group(2)), depth, m.group(4)))
    total = sum(r[0] for r in rows)
    out = [f"total import time (sum of self times): {total / 1000:.1f} ms, {len(rows)} modules", ""]
    out.append("top-level imports of the run by cumulative time (ms):")
    top_level = sorted((r for r in rows if r[2] == 0), key=lambda r: -r[1])
    out += [f"  {cum / 1000:9.1f}  {name}" for _, cum, _, name in top_level[:top]]
    out.append("")
    out.append("every import by cumulative time (ms), with its depth:")
    out += [
        f"  {cum / 1000:9.1f}  {'  ' * depth}{name}"
        for _, cum, depth, name in sorted(rows, key=lambda r: -r[1])[:top]
    ]
    out.append("")
    out.append("modules by self time (ms):")
    out += [
        f"  {own / 1000:9.1f}  {name}"
        for own, _, _, name in sorted(rows, key=lambda r: -r[0])[:top]
    ]
    return "\n".join(out) + "\n"


def cprofile(case_args: list[str], corpus: Path, env: dict[str, str], prof: Path) -> str:
    _python(["-m", "cProfile", "-o", str(prof)], case_args, corpus, env)
    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.strip_dirs()
    buf.write("by cumulative time:\n")
    stats.sort_stats("cumulative").print_stats(40)
    buf.write("\nby own time:\n")
    stats.sort_stats("tottime").print_stats(40)
    return buf.getvalue()


def pyinstrument(case_args: list[str], corpus: Path, env: dict[str, str]) -> str | None:
    if importlib.util.find_spec("pyinstrument") is None:
        return None
    done = _python(["-m", "pyinstrument", "-r", "text"], case_args, corpus, env)
    # pyinstrument prints the report after the program's own output.
    text = done.stdout
    start = text.find("  _     ._   __/__")
    return text[start:] if start >= 0 else text + done.stderr


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("cases", nargs="*", help=f"cases: phases, {', '.join(CASES)}")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--corpus", type=Path)
    a = ap.parse_args(argv)
    out = a.out.resolve()
    corpus = (a.corpus or out / "corpus-full").resolve()
    if not (corpus / "manifest.json").is_file():
        raise SystemExit(f"no corpus in {corpus}: run benchmarks/run.py first (or --corpus)")
    env = child_env(out / "pycache")
    target = out / "profile"
    target.mkdir(parents=True, exist_ok=True)
    _python([], CASES["reply-en"], corpus, env)  # rule and bytecode caches warm
    unknown = [c for c in a.cases if c not in CASES and c != "phases"]
    if unknown:
        ap.error(f"unknown case {unknown[0]!r}; choose from {', '.join(CASES)}")
    for name in a.cases or DEFAULT_CASES:
        if name == "phases":
            (target / "phases.txt").write_text(phases(corpus, env))
            continue
        args = CASES[name]
        print(f"profiling {name} …", file=sys.stderr, flush=True)
        (target / f"{name}.importtime.txt").write_text(importtime(args, corpus, env))
        report = cprofile(args, corpus, env, target / f"{name}.prof")
        (target / f"{name}.cprofile.txt").write_text(report)
        flame = pyinstrument(args, corpus, env)
        if flame is not None:
            (target / f"{name}.pyinstrument.txt").write_text(flame)
    print(f"written to {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
