"""Lint many files in worker processes; results and errors come back exactly as in one process.

Files are cut into contiguous runs of similar byte size, more runs than workers so a slow file
does not leave a core idle. Runs are collected in order, so results keep path order, and the
first error raised is the one a single process would have met first: a run stops at its first
bad file, and every earlier run finished without one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from replylint.diagnostics import FileResult

# below this much input, starting workers costs more than it saves
MIN_PARALLEL_BYTES = 128 * 1024  # over many files
MIN_PARALLEL_CHARS = 256 * 1024  # in one document
_RUNS_PER_WORKER = 8
_RUNS_PER_DOCUMENT_WORKER = 4

LintFiles = Callable[[Sequence[str]], "list[FileResult]"]
_worker_work: Callable[[Any], Any] | None = None


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def worth_it(files: Sequence[str], jobs: int) -> bool:
    """Whether ``jobs`` workers would pay off for ``files`` (enough files and bytes)."""
    return jobs > 1 and len(files) > 1 and _total_size(files) >= MIN_PARALLEL_BYTES


def document_runs(length: int, weights: Sequence[int], jobs: int) -> list[range] | None:
    """Contiguous runs of one document's pieces (of ``weights``) for ``jobs`` workers.

    None where one process is better: one job, one piece, a document shorter than
    ``MIN_PARALLEL_CHARS`` code points, or no ``fork``.
    """
    if jobs < 2 or len(weights) < 2 or length < MIN_PARALLEL_CHARS or not can_fork():
        return None
    return contiguous_runs(weights, jobs * _RUNS_PER_DOCUMENT_WORKER)


def lint_in_workers(files: Sequence[str], jobs: int, lint_files: LintFiles) -> list[FileResult]:
    """``lint_files`` over contiguous runs of ``files`` in ``jobs`` processes, in path order.

    ``lint_files`` (a closure over the loaded rule set and settings) reaches the workers by
    ``fork``, so nothing large is pickled on the way in; without ``fork`` (Windows) the files
    are linted in this process.
    """
    if not can_fork():
        return lint_files(files)
    runs = _runs(files, jobs * _RUNS_PER_WORKER)
    results: list[FileResult] = []
    for linted in map_in_workers(lint_files, runs, jobs):
        results.extend(linted)
    return results


def can_fork() -> bool:
    """Whether workers can start by ``fork`` (they inherit loaded rules and read input)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def map_in_workers(work: Callable[[Any], Any], items: Sequence[Any], jobs: int) -> list[Any]:
    """``[work(item) for item in items]`` in ``jobs`` forked processes, results in item order.

    ``work`` reaches the workers by fork, so a closure over a large document or rule set costs
    nothing to send; only the items and the results are pickled. The first exception raised,
    in item order, is raised here, and later items are cancelled.
    """
    import concurrent.futures
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(items))),
        mp_context=context,
        initializer=_install,
        initargs=(work,),
    ) as pool:
        futures = [pool.submit(_run_item, item) for item in items]
        results: list[Any] = []
        try:
            for future in futures:
                results.append(future.result())
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return results


def contiguous_runs(weights: Sequence[int], wanted: int) -> list[range]:
    """Cut ``range(len(weights))`` into at most ``wanted`` contiguous runs of about equal weight."""
    total = sum(weights) or 1
    starts: dict[int, int] = {}
    before = 0
    for index, weight in enumerate(weights):
        starts.setdefault(before * wanted // total, index)  # the run this item starts in
        before += weight
    bounds = sorted(starts.values())
    return [range(lo, hi) for lo, hi in zip(bounds, [*bounds[1:], len(weights)], strict=True)]


def _install(work: Callable[[Any], Any]) -> None:
    global _worker_work
    _worker_work = work


def _run_item(item: Any) -> Any:
    assert _worker_work is not None
    return _worker_work(item)


def _total_size(files: Sequence[str]) -> int:
    total = 0
    for path in files:
        try:
            total += os.stat(path).st_size  # noqa: PTH116 - strings, as the walk gives them
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
            sizes.append(max(os.stat(path).st_size, 1))  # noqa: PTH116 - strings
        except OSError:
            sizes.append(1)
    return [list(files[run.start : run.stop]) for run in contiguous_runs(sizes, wanted)]
