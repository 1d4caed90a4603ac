"""Time replylint against proselint, whole process, interleaved, and check the issue's targets.

Run: ``python benchmarks/run.py [--quick] [--out DIR]``

Generates the seeded corpus (``benchmarks/make_corpus.py``) into ``DIR/corpus-full`` (or
``DIR/corpus-quick``), or reuses it when its manifest matches, then times whole processes — the
installed ``replylint`` and ``proselint`` console scripts, as pre-commit and CI start them —
N times each, the tools of a case group interleaved (each repetition rotates their order):

  a  one short reply per language (en, ru, lv, zh), cold process, warm rule cache, default
     pretty output; proselint on the English reply
  b  1,000 English replies named in one call (as pre-commit passes them), pretty output
  c  the 10,000-macro Zendesk export, ``--format json``; proselint on 10 MB of English;
     every bad macro of the manifest must be reported by the rule the manifest names
  d  the 10 MB English file and its 1 MB slice, ``--format json``, and an empty file (start-up
     cost): is time linear in input?
  e  ``--jobs 1`` against ``--jobs <cores>`` on the 1,000 replies, when replylint has ``--jobs``
     (three times as many repetitions as the others: the ratio varies most between runs)

Every figure is the median of the repetitions; peak RSS is the largest of the runs, from GNU
``/usr/bin/time -f %M`` (else ``ru_maxrss`` from ``os.wait4``, which also counts this runner's
pages at the fork). Before any timing, one untimed run of each tool on the English reply
fills replylint's compiled-rule cache, the file cache and Python's bytecode cache: the processes
run without ``PYTHONDONTWRITEBYTECODE`` and with ``PYTHONPYCACHEPREFIX=DIR/pycache``, as on a
developer's machine, and the source trees stay untouched. The table and the targets are printed
and written as JSON to ``DIR/results-full.json`` (or ``-quick``), the table also to ``.txt``.

``--quick``: 2 repetitions and smaller inputs (200 replies, 1,000 macros, 1 MB and 0.1 MB
plain files), for a smoke test; its ratios are not comparable with the issue's targets.
Nothing is installed: without proselint the ratios are missing (``pip install proselint``).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
GROUPS = ("a", "b", "c", "d", "e")


# --- running one process ---------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # seconds
    user: float
    system: float
    rss_mb: float  # peak resident set size, 10^6 bytes
    returncode: int


@dataclass
class Case:
    """One command of a group: what it runs, on how many bytes, and its runs."""

    key: str
    tool: str
    label: str
    cmd: list[str]
    input_bytes: int
    runs: list[Run] = field(default_factory=list)
    ok_codes: tuple[int, ...] = (0, 1)  # both tools exit 1 when they have findings
    check: object = None  # called with the output file after every run

    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    def summary(self) -> dict[str, object]:
        walls = [r.wall for r in self.runs]
        med = statistics.median(walls)
        return {
            "tool": self.tool,
            "label": self.label,
            "command": self.cmd,
            "input_bytes": self.input_bytes,
            "repetitions": len(walls),
            "median_s": round(med, 4),
            "min_s": round(min(walls), 4),
            "max_s": round(max(walls), 4),
            "median_cpu_s": round(statistics.median(r.user + r.system for r in self.runs), 4),
            "mb_per_s": round(self.input_bytes / 1e6 / med, 4) if med > 0 else None,
            "peak_rss_mb": round(max(r.rss_mb for r in self.runs), 1),
            "returncodes": sorted({r.returncode for r in self.runs}),
            "walls_s": [round(w, 4) for w in walls],
        }


def child_env(pycache: Path) -> dict[str, str]:
    """The environment of the timed processes.

    Default output formats (no ``GITHUB_ACTIONS``, no forced colour), and Python's bytecode cache
    on, as on a developer's machine or a CI runner: ``PYTHONDONTWRITEBYTECODE`` is dropped and
    ``PYTHONPYCACHEPREFIX`` points into the output directory, so the source trees stay untouched.
    """
    drop = ("GITHUB_ACTIONS", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _gnu_time() -> str | None:
    """GNU time, which reports the peak RSS of the command alone (``-f %M``)."""
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    done = subprocess.run(
        [path, "-f", "%M", "true"], capture_output=True, text=True, timeout=30, check=False
    )
    return path if done.returncode == 0 and done.stderr.strip().isdigit() else None


GNU_TIME = _gnu_time()


def run_once(cmd: list[str], cwd: Path, out: Path, timeout: float, env: dict[str, str]) -> Run:
    """Start ``cmd`` with stdout to ``out``; wall time from start to exit, rusage of the child.

    The peak RSS comes from GNU time when there is one: ``ru_maxrss`` of a child started by this
    process also counts this process's own pages at the fork, which grow with the parsed outputs.
    """
    err = out.with_suffix(out.suffix + ".stderr")
    rss_file = out.with_suffix(out.suffix + ".rss")
    full = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *cmd] if GNU_TIME else cmd
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, stdout=stdout, stderr=stderr, env=env)
        timer = threading.Timer(timeout, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_kib = usage.ru_maxrss  # KiB on Linux
    if GNU_TIME:
        # "Command exited with non-zero status N" may come first; the figure is the last line.
        lines = rss_file.read_text().split()
        rss_kib = int(lines[-1]) if lines and lines[-1].isdigit() else rss_kib
    return Run(
        wall=wall,
        user=usage.ru_utime,
        system=usage.ru_stime,
        rss_mb=rss_kib * 1024 / 1e6,
        returncode=proc.returncode,
    )


class Bench:
    def __init__(
        self, corpus: Path, scratch: Path, reps: int, timeout: float, env: dict[str, str]
    ) -> None:
        self.env = env
        self.corpus = corpus
        self.scratch = scratch
        self.reps = reps
        self.timeout = timeout

    def run_group(self, name: str, cases: list[Case], reps: int | None = None) -> None:
        """Run every case ``reps`` times (default: the run's), interleaved; rotate the order on
        each repetition."""
        reps = reps or self.reps
        for rep in range(reps):
            shift = rep % len(cases)
            for case in cases[shift:] + cases[:shift]:
                out = self.scratch / f"{case.key}.out"
                run = run_once(case.cmd, self.corpus, out, self.timeout, self.env)
                if run.returncode not in case.ok_codes:
                    err = out.with_suffix(".out.stderr").read_text(errors="replace")[-2000:]
                    raise SystemExit(
                        f"{case.key}: {' '.join(case.cmd[:4])} … exited {run.returncode}\n{err}"
                    )
                case.runs.append(run)
                extra = case.check(out) if callable(case.check) else ""
                log(
                    f"[{name}] {rep + 1}/{reps} {case.label:<40} {run.wall:8.3f} s "
                    f"{run.rss_mb:7.1f} MB {extra}"
                )

    def warm(self, cmd: list[str]) -> None:
        run_once(cmd, self.corpus, self.scratch / "warm.out", self.timeout, self.env)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the tools -------------------------------------------------------------------------------


def _script(name: str) -> str | None:
    """The console script ``name`` next to this interpreter, else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def _output(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    except OSError:
        return ""
    return done.stdout + done.stderr


def replylint_cmd() -> list[str]:
    script = _script("replylint")
    return [script] if script else [sys.executable, "-m", "replylint"]


def proselint_cmd() -> tuple[list[str] | None, str | None]:
    """The command that lints paths (``proselint check`` since 0.16) and the version."""
    script = _script("proselint")
    if script is None:
        return None, None
    help_text = _output([script, "--help"])
    if re.search(r"\bcheck\b", help_text):
        version = _output([script, "version"]).strip()
        return [script, "check"], version
    return [script], _output([script, "--version"]).strip()


# The --jobs ratio moves most from run to run and its runs are short (about 0.3 and 0.5 s):
# group e repeats this many times as often as the others.
JOBS_REPS_FACTOR = 3


def has_jobs_option(cmd: list[str]) -> bool:
    return "--jobs" in _output([*cmd, "--help"])


def rule_cache_state() -> str:
    """Where replylint keeps compiled rule sets and how many it holds, for the report."""
    try:
        from replylint.ruleset.cache import cache_dir
    except ImportError:  # pragma: no cover - another replylint layout
        return "rule cache: unknown location"
    if os.environ.get("REPLYLINT_NO_CACHE"):
        return "REPLYLINT_NO_CACHE is set: the rule cache is bypassed"
    where = cache_dir()
    entries = len(list(where.iterdir())) if where.is_dir() else 0
    return f"rule cache {where} ({entries} entr{'y' if entries == 1 else 'ies'})"


# --- the check of the Zendesk run ------------------------------------------------------------


class BadMacroCheck:
    """Parse ``--format json`` output; is every bad macro reported by its rule?"""

    ENTRY = re.compile(r"macros\[(\d+)\]")

    def __init__(self, bad: list[dict[str, object]]) -> None:
        self.bad = bad
        self.by_title: dict[str, int] = {str(b["title"]): int(b["index"]) for b in bad}  # type: ignore[call-overload]
        self.results: list[dict[str, object]] = []

    def _index(self, entry: str | None) -> int | None:
        if not entry:
            return None
        m = self.ENTRY.match(entry)
        if m:
            return int(m.group(1))
        for title, index in self.by_title.items():
            if title in entry:
                return index
        return None

    def __call__(self, out: Path) -> str:
        with out.open(encoding="utf-8") as f:
            findings = json.load(f)
        rules: dict[int, set[str]] = {}
        for d in findings:
            index = self._index(d.get("entry"))
            if index is not None:
                rules.setdefault(index, set()).add(d["rule"])
        found = [b for b in self.bad if b["rule"] in rules.get(int(b["index"]), ())]  # type: ignore[call-overload]
        anything = [b for b in self.bad if int(b["index"]) in rules]  # type: ignore[call-overload]
        missed = [b for b in self.bad if b not in found]
        self.results.append(
            {
                "findings": len(findings),
                "found": len(found),
                "expected": len(self.bad),
                "with_any_finding": len(anything),
                "missed": [
                    {k: b[k] for k in ("id", "index", "lang", "rule", "sentence")}
                    for b in missed[:20]
                ],
            }
        )
        return f"bad macros found {len(found)}/{len(self.bad)}"


# --- the groups ------------------------------------------------------------------------------


def _size(corpus: Path, rel: str) -> int:
    path = corpus / rel
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="2 repetitions, smaller inputs")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results (and corpus) directory")
    ap.add_argument("--corpus", type=Path, help="corpus directory (default: OUT/corpus-MODE)")
    ap.add_argument("--reps", type=int, help="repetitions (default 5; --quick: 2)")
    ap.add_argument("--seed", type=int, default=make_corpus.DEFAULT_SEED)
    ap.add_argument("--only", default=",".join(GROUPS), help="groups to run, e.g. a,b")
    ap.add_argument("--regenerate", action="store_true", help="rewrite the corpus")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per process")
    a = ap.parse_args(argv)

    mode = "quick" if a.quick else "full"
    reps = a.reps or (2 if a.quick else 5)
    only = {g.strip() for g in a.only.split(",") if g.strip()}
    out = a.out.resolve()
    corpus = (a.corpus or out / f"corpus-{mode}").resolve()
    scratch = out / f"outputs-{mode}"
    scratch.mkdir(parents=True, exist_ok=True)

    manifest = make_corpus.load_manifest(corpus)
    if (
        a.regenerate
        or manifest is None
        or manifest.get("parameters") != make_corpus.parameters(a.seed, a.quick)
    ):
        log(f"generating the {mode} corpus in {corpus} …")
        manifest = make_corpus.generate(corpus, a.seed, a.quick)
    else:
        log(f"reusing the corpus in {corpus}")
    bad: list[dict[str, object]] = manifest["bad_macros"]  # type: ignore[assignment]

    from replylint.config import find_config

    config = find_config(corpus)
    if config is not None:
        log(f"warning: replylint will read the config {config}; results are not the defaults")

    rl = replylint_cmd()
    pl, pl_version = proselint_cmd()
    if pl is None:
        log("proselint is not installed: no ratios. Install it with: pip install proselint")
    rl_version = _output([*rl, "--version"]).strip()
    bench = Bench(corpus, scratch, reps, a.timeout, child_env(out / "pycache"))

    # Fill the compiled-rule cache (and the file cache) before the cold single-reply runs.
    bench.warm([*rl, "reply/en.txt"])
    if pl:
        bench.warm([*pl, "reply/en.txt"])
    cache_state = rule_cache_state()
    log(f"warm-up done: {cache_state}")

    replies = sorted(p.name for p in (corpus / "replies").iterdir())
    reply_args = [f"replies/{name}" for name in replies]
    cases: dict[str, Case] = {}

    def case(group: list[Case], key: str, tool: str, label: str, cmd: list[str], rel: str) -> Case:
        c = Case(key, tool, label, cmd, _size(corpus, rel))
        cases[key] = c
        group.append(c)
        return c

    started = time.time()
    if "a" in only:
        group: list[Case] = []
        for lang in ("en", "ru", "lv", "zh"):
            path = f"reply/{lang}.txt"
            case(group, f"a.replylint.{lang}", "replylint", f"replylint {path}", [*rl, path], path)
        if pl:
            path = "reply/en.txt"
            case(group, "a.proselint.en", "proselint", f"proselint {path}", [*pl, path], path)
        for c in group:  # the files into the page cache, the interpreters' bytecode warm
            bench.warm(c.cmd)
        bench.run_group("a", group)

    if "b" in only:
        group = []
        n = len(replies)
        case(
            group,
            "b.replylint",
            "replylint",
            f"replylint {n} replies",
            [*rl, *reply_args],
            "replies",
        )
        if pl:
            case(
                group,
                "b.proselint",
                "proselint",
                f"proselint {n} replies",
                [*pl, *reply_args],
                "replies",
            )
        for c in group:
            bench.warm(c.cmd)
        bench.run_group("b", group)

    check = BadMacroCheck(bad)
    if "c" in only:
        group = []
        c = case(
            group,
            "c.replylint",
            "replylint",
            "replylint --format json macros.json",
            [*rl, "--format", "json", "macros.json"],
            "macros.json",
        )
        c.check = check
        if pl:
            case(
                group,
                "c.proselint",
                "proselint",
                "proselint big_en.txt",
                [*pl, "big_en.txt"],
                "big_en.txt",
            )
        bench.run_group("c", group)

    if "d" in only:
        group = []
        for key, rel in (
            ("big", "big_en.txt"),
            ("slice", "big_en_slice.txt"),
            ("empty", "empty.txt"),
        ):
            case(
                group,
                f"d.replylint.{key}",
                "replylint",
                f"replylint --format json {rel}",
                [*rl, "--format", "json", rel],
                rel,
            )
        if pl:
            case(
                group,
                "d.proselint.slice",
                "proselint",
                "proselint big_en_slice.txt",
                [*pl, "big_en_slice.txt"],
                "big_en_slice.txt",
            )
        bench.run_group("d", group)

    jobs = None
    if "e" in only:
        jobs = has_jobs_option(rl)
        if jobs:
            cores = os.cpu_count() or 2
            group = []
            for n_jobs in (1, cores):
                case(
                    group,
                    f"e.replylint.jobs{n_jobs}",
                    "replylint",
                    f"replylint --jobs {n_jobs} {len(replies)} replies",
                    [*rl, "--jobs", str(n_jobs), *reply_args],
                    "replies",
                )
            bench.run_group("e", group, reps * JOBS_REPS_FACTOR)
        else:
            log("[e] replylint has no --jobs option: not implemented")

    results = {
        "meta": {
            "mode": mode,
            "repetitions": reps,
            "repetitions_jobs": reps * JOBS_REPS_FACTOR,
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "elapsed_s": round(time.time() - started, 1),
            "replylint": rl_version,
            "git": _git_state(),
            "proselint": pl_version,
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpu": _cpu(),
            "cores": os.cpu_count(),
            "corpus": str(corpus),
            "corpus_parameters": manifest["parameters"],
            "rule_cache": cache_state,
            "single_reply_runs": "cold process, warm rule cache, bytecode cached",
            "bytecode_cache": str(out / "pycache"),
            "peak_rss_from": "GNU time -f %M" if GNU_TIME else "os.wait4 ru_maxrss",
        },
        "cases": {k: c.summary() for k, c in cases.items() if c.runs},
        "bad_macros": check.results[-1] if check.results else None,
        "bad_macros_per_run": [
            {k: v for k, v in r.items() if k != "missed"} for r in check.results
        ],
        "jobs": "not implemented" if jobs is False else ("not run" if jobs is None else "run"),
    }
    results["targets"] = targets(cases, check, jobs)
    table = render(results, cases)
    print(table)
    (out / f"results-{mode}.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (out / f"results-{mode}.txt").write_text(table + "\n", encoding="utf-8")
    log(f"written: {out / f'results-{mode}.json'}")
    return 0


def _git_state() -> str:
    """The commit of the working tree measured, and whether src/ or rules/ had local changes."""
    root = HERE.parent
    head = _output(["git", "-C", str(root), "rev-parse", "--short", "HEAD"]).strip()
    if not re.fullmatch(r"[0-9a-f]{4,40}", head):
        return "unknown"
    changed = _output(["git", "-C", str(root), "status", "--porcelain", "--", "src", "rules"])
    count = len(changed.splitlines())
    return f"{head} + {count} changed files in src/ and rules/" if count else head


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


# --- targets and the table -------------------------------------------------------------------


def targets(
    cases: dict[str, Case], check: BadMacroCheck, jobs: bool | None
) -> list[dict[str, object]]:
    """The issue's targets: measured value, limit, whether it holds (None: not measurable)."""
    rows: list[dict[str, object]] = []

    def med(key: str) -> float | None:
        c = cases.get(key)
        return c.median() if c and c.runs else None

    def ratio_row(name: str, num: str, den: str, limit: float | None) -> None:
        n, d = med(num), med(den)
        value = n / d if n is not None and d else None
        holds = None if value is None or limit is None else value <= limit
        rows.append(
            {
                "target": name,
                "value": value,
                "unit": "×",
                "limit": limit,
                "op": "<=",
                "holds": holds,
            }
        )

    if "a.replylint.en" in cases:
        for lang, limit in (("en", 0.6), ("ru", 0.8), ("zh", 1.0), ("lv", None)):
            ratio_row(
                f"a. one reply ({lang}) / proselint on the en reply",
                f"a.replylint.{lang}",
                "a.proselint.en",
                limit,
            )
    if "b.replylint" in cases:
        ratio_row(
            f"b. {cases['b.replylint'].label.split()[1]} en replies / proselint",
            "b.replylint",
            "b.proselint",
            0.2,
        )
    if "c.replylint" in cases:
        ratio_row(
            f"c. Zendesk export / proselint on {_mb(cases, 'c.proselint')} en",
            "c.replylint",
            "c.proselint",
            0.3,
        )
        rss = max(r.rss_mb for r in cases["c.replylint"].runs)
        rows.append(
            {
                "target": "c. Zendesk export peak RSS",
                "value": rss,
                "unit": "MB",
                "limit": 300.0,
                "op": "<=",
                "holds": rss <= 300,
            }
        )
        worst = min(check.results, key=lambda r: r["found"])  # type: ignore[arg-type, return-value]
        rows.append(
            {
                "target": "c. bad macros reported (by their rule)",
                "value": worst["found"],
                "unit": f"/{worst['expected']}",
                "limit": worst["expected"],
                "op": "==",
                "holds": worst["found"] == worst["expected"],
            }
        )
    if "d.replylint.big" in cases:
        big, part, empty = (
            med("d.replylint.big"),
            med("d.replylint.slice"),
            med("d.replylint.empty"),
        )
        assert big is not None and part is not None and empty is not None
        size_ratio = cases["d.replylint.big"].input_bytes / cases["d.replylint.slice"].input_bytes
        whole = big / part
        net = (big - empty) / (part - empty) if part > empty else None
        limit = 1.1 * size_ratio
        rows.append(
            {
                "target": f"d. linearity: time ratio for {size_ratio:.2f}× input (whole process)",
                "value": whole,
                "unit": "×",
                "limit": limit,
                "op": "<=",
                "holds": whole <= limit,
            }
        )
        rows.append(
            {
                "target": f"d. linearity: time ratio for {size_ratio:.2f}× input (less start-up)",
                "value": net,
                "unit": "×",
                "limit": limit,
                "op": "<=",
                "holds": None if net is None else net <= limit,
            }
        )
        if "c.proselint" in cases:
            ratio_row(
                f"d. {_mb(cases, 'd.replylint.big')} en file / proselint on it (no target)",
                "d.replylint.big",
                "c.proselint",
                None,
            )
    if jobs is False:
        rows.append(
            {
                "target": "e. --jobs speed-up on 2 cores",
                "value": None,
                "unit": "×",
                "limit": 1.7,
                "op": ">=",
                "holds": None,
                "note": "not implemented",
            }
        )
    elif jobs:
        keys = sorted(k for k in cases if k.startswith("e."))
        one, many = med(keys[0]) if keys else None, med(keys[-1]) if keys else None
        value = one / many if one and many else None
        rows.append(
            {
                "target": f"e. --jobs speed-up ({keys[-1].split('jobs')[-1]} jobs)",
                "value": value,
                "unit": "×",
                "limit": 1.7,
                "op": ">=",
                "holds": None if value is None else value >= 1.7,
            }
        )
    return rows


def _mb(cases: dict[str, Case], key: str) -> str:
    c = cases.get(key)
    return f"{c.input_bytes / 1e6:.0f} MB" if c else "?"


def _fmt_value(row: dict[str, object]) -> str:
    value = row["value"]
    if value is None:
        return str(row.get("note", "n/a"))
    if row["unit"] == "×":
        return f"{value:.2f}×"
    if row["unit"] == "MB":
        return f"{value:.0f} MB"
    return f"{value}{row['unit']}"


def _fmt_limit(row: dict[str, object]) -> str:
    limit = row["limit"]
    if limit is None:
        return "—"
    op = {"<=": "≤", ">=": "≥", "==": "="}[str(row["op"])]
    if row["unit"] == "×":
        return f"{op} {limit:.2f}×"
    if row["unit"] == "MB":
        return f"{op} {limit:.0f} MB"
    return f"{op} {limit}"


def render(results: dict[str, object], cases: dict[str, Case]) -> str:
    meta: dict[str, object] = results["meta"]  # type: ignore[assignment]
    lines = [
        f"replylint benchmarks — {meta['mode']} run, {meta['repetitions']} repetitions "
        f"(--jobs: {meta['repetitions_jobs']}), interleaved, whole process, medians",
        f"{meta['replylint']} ({meta['git']}) · "
        f"{meta['proselint'] or 'proselint: not installed'} · Python {meta['python']} · "
        f"{meta['cores']} cores · {meta['cpu']}",
        f"single replies: cold process, warm rule cache ({meta['rule_cache']}), bytecode cached",
        "",
        f"{'case':<46} {'input':>10} {'median':>9} {'min–max (s)':>17} {'MB/s':>7} {'RSS':>7}",
    ]
    for c in cases.values():
        if not c.runs:
            continue
        s = c.summary()
        size = c.input_bytes
        shown = f"{size / 1e6:.2f} MB" if size >= 100_000 else f"{size} B"
        mbps = s["mb_per_s"]
        lines.append(
            f"{c.label[:46]:<46} {shown:>10} {s['median_s']:>8.3f}s "
            f"{s['min_s']:>8.3f}–{s['max_s']:<8.3f} {mbps if mbps is not None else 0:>7.3f} "
            f"{s['peak_rss_mb']:>4.0f} MB"
        )
    bad = results.get("bad_macros")
    if isinstance(bad, dict):
        lines.append(
            f"Zendesk check: {bad['found']}/{bad['expected']} bad macros reported by their rule "
            f"({bad['with_any_finding']} with any finding; {bad['findings']} findings in all)"
        )
        for miss in bad["missed"][:5]:
            lines.append(
                f"  missed: macro {miss['id']} (macros[{miss['index']}], {miss['lang']}) "
                f"{miss['rule']}: {miss['sentence']}"
            )
    lines += ["", f"{'target':<62} {'measured':>10} {'limit':>10}  holds"]
    for row in results["targets"]:  # type: ignore[attr-defined]
        holds = {True: "yes", False: "NO", None: "—"}[row["holds"]]
        lines.append(f"{row['target']:<62} {_fmt_value(row):>10} {_fmt_limit(row):>10}  {holds}")
    if meta["mode"] == "quick":
        lines.append("(quick run: smaller inputs, not comparable with the issue's targets)")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
