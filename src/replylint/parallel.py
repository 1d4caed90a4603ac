"""Lint many files in worker processes; results and errors come back exactly as in one process.

Files are cut into contiguous runs of similar byte size, more runs than workers so a slow file
does not leave a core idle. Runs are collected in order, so results keep path order, and the
first error raised is the one a single process would have met first: a run stops at its first
bad file, and every earlier run finished without one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from replylint.diagnostics import FileResult

# below this much input, starting workers costs more than it saves
MIN_PARALLEL_BYTES = 128 * 1024
_RUNS_PER_WORKER = 8

LintFiles = Callable[[Sequence[str]], "list[FileResult]"]
_worker_lint: LintFiles | None = None


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def worth_it(files: Sequence[str], jobs: int) -> bool:
    """Whether ``jobs`` workers would pay off for ``files`` (enough files and bytes)."""
    return jobs > 1 and len(files) > 1 and _total_size(files) >= MIN_PARALLEL_BYTES


def lint_in_workers(files: Sequence[str], jobs: int, lint_files: LintFiles) -> list[FileResult]:
    """``lint_files`` over contiguous runs of ``files`` in ``jobs`` processes, in path order.

    ``lint_files`` (a closure over the loaded rule set and settings) reaches the workers by
    ``fork``, so nothing large is pickled on the way in; without ``fork`` (Windows) the files
    are linted in this process.
    """
    import concurrent.futures
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return lint_files(files)
    context = multiprocessing.get_context("fork")
    runs = _runs(files, jobs * _RUNS_PER_WORKER)
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=min(jobs, len(runs)),
        mp_context=context,
        initializer=_install,
        initargs=(lint_files,),
    ) as pool:
        futures = [pool.submit(_lint_run, run) for run in runs]
        results: list[FileResult] = []
        try:
            for future in futures:
                results.extend(future.result())
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return results


def _install(lint_files: LintFiles) -> None:
    global _worker_lint
    _worker_lint = lint_files


def _lint_run(run: Sequence[str]) -> list[FileResult]:
    assert _worker_lint is not None
    return _worker_lint(run)


def _total_size(files: Sequence[str]) -> int:
    total = 0
    for path in files:
        try:
            total += Path(path).stat().st_size
        except OSError:
            continue  # reading it will report the problem
        if total >= MIN_PARALLEL_BYTES:
            break
    return total


def _runs(files: Sequence[str], wanted: int) -> list[list[str]]:
    """Contiguous runs of ``files`` of about equal total size (at most ``wanted`` runs)."""
    sizes = []
    for path in files:
        try:
            sizes.append(max(Path(path).stat().st_size, 1))
        except OSError:
            sizes.append(1)
    total = sum(sizes)
    runs: dict[int, list[str]] = {}
    before = 0
    for path, size in zip(files, sizes, strict=True):
        runs.setdefault(before * wanted // total, []).append(path)  # where this file starts
        before += size
    return list(runs.values())
