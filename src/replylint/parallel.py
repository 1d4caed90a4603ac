"""Lint many files in worker processes; results and errors come back exactly as in one process.

Files are cut into contiguous runs of similar byte size, more runs than workers so a slow file
does not leave a core idle. Runs are collected in order, so results keep path order, and the
first error raised is the one a single process would have met first: a run stops at its first
bad file, and every earlier run finished without one.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from replylint import collector

if TYPE_CHECKING:
    from replylint.diagnostics import FileResult

# below this much input, starting workers costs more than it saves
MIN_PARALLEL_BYTES = 128 * 1024  # over many files
MIN_PARALLEL_CHARS = 256 * 1024  # in one document
# Runs per worker: a process that finds no run left waits for the others' last ones, up to a
# run's time. Taking a run costs a pipe read and write, so runs can be small.
_RUNS_PER_WORKER = 16
_RUNS_PER_DOCUMENT_WORKER = 16

LintFiles = Callable[[Sequence[str]], "list[FileResult]"]


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
    return hasattr(os, "fork")


def map_in_workers(
    work: Callable[[Any], Any], items: Sequence[Any], jobs: int, here: bool = True
) -> list[Any]:
    """``[work(item) for item in items]`` in ``jobs`` processes, this one included, in order.

    ``work`` reaches the forked workers as it is, so a closure over a large document or rule
    set costs nothing to send; only the results come back pickled, one message per worker.
    Each process takes the next item number from a counter shared through a pipe, so a slow
    item does not leave a core idle. This process works too rather than wait: its share is
    never pickled, and nothing else (such as a pool's result thread) competes with it. The
    first exception raised, in item order, is raised here; a process stops at its first one.

    With ``here`` false, this process only waits: ``jobs`` workers do every item, so the
    memory that linting builds up (caches, language data) stays out of the process that
    keeps the results (one large document's pieces).
    """
    if not items:
        return []
    workers = max(1, min(jobs, len(items)))
    if workers == 1 and here:
        return [work(item) for item in items]
    counter = _Counter()
    pids: list[int] = []
    unread: list[int] = []  # the result pipes of workers not yet read
    finished = False
    try:
        for _ in range(workers - 1 if here else workers):
            pid, result_fd = _start_worker(work, items, counter, unread)
            pids.append(pid)
            unread.append(result_fd)
        done = _take_items(work, items, counter) if here else []
        while unread:
            done.extend(_read_results(unread.pop(0)))
        finished = True
    finally:
        counter.close()
        for fd in unread:
            os.close(fd)
        _reap(pids, stop=not finished)
    return _in_item_order(done, len(items))


class _Counter:
    """The number of the next item to take, shared by forked processes.

    The pipe holds the number (four bytes) whenever no process is taking one: a process
    reads it, which makes the others wait, and writes back the next. The pipe never holds
    more than four bytes, so its capacity cannot matter.
    """

    def __init__(self) -> None:
        self.read_fd, self.write_fd = os.pipe()
        os.write(self.write_fd, _number(0))

    def take(self, count: int) -> int | None:
        """The next item number below ``count``, or None when all are taken."""
        number = int.from_bytes(os.read(self.read_fd, _ENTRY), "little")
        os.write(self.write_fd, _number(min(number + 1, count)))
        return number if number < count else None

    def close(self) -> None:
        os.close(self.read_fd)
        os.close(self.write_fd)


_ENTRY = 4
_OK, _RAISED = 0, 1
Done = list[tuple[int, int, Any]]  # (item number, _OK or _RAISED, result or exception)


def _number(value: int) -> bytes:
    return value.to_bytes(_ENTRY, "little")


def _take_items(work: Callable[[Any], Any], items: Sequence[Any], counter: _Counter) -> Done:
    """Do the items ``counter`` hands out until none is left or one raises.

    After each item, what is alive is left out of later collections (``collector.settle``):
    the results wait for the last item, and each full collection would walk them all again.
    """
    done: Done = []
    while (number := counter.take(len(items))) is not None:
        try:
            done.append((number, _OK, work(items[number])))
        except Exception as exc:  # raised by the parent, in item order
            done.append((number, _RAISED, exc))
            break
        collector.settle()
    return done


def _start_worker(
    work: Callable[[Any], Any], items: Sequence[Any], counter: _Counter, siblings: Sequence[int]
) -> tuple[int, int]:
    result_out, result_in = os.pipe()
    pid = os.fork()
    if pid:
        os.close(result_in)
        return pid, result_out
    # the worker: take items, send everything back in one message, and leave at once
    status = 1
    try:
        # What the parent made (rules, the document's tree and segments) stays as it is
        # until this process exits: its collections need not walk it (and copy its pages).
        gc.freeze()
        collector.claim_process()  # the worker is replylint's own, whoever started the parent
        os.close(result_out)
        for fd in siblings:
            os.close(fd)
        done = _sendable(_take_items(work, items, counter))
        with os.fdopen(result_in, "wb") as channel:  # streamed: no copy of it all in memory
            pickle.dump(done, channel, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)  # no atexit handlers, no flushing of buffers the parent owns


def _sendable(done: Done) -> Done:
    """``done`` with each exception that cannot be pickled replaced by one that says what it was."""
    kept = []
    for number, kind, value in done:
        if kind == _RAISED:
            try:
                pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that cannot travel goes as its text
                value = RuntimeError(f"in a worker process: {value!r}")
        kept.append((number, kind, value))
    return kept


def _read_results(fd: int) -> Done:
    """What a worker sent, read as it arrives; nothing when it died before sending it all."""
    with os.fdopen(fd, "rb") as channel, collector.paused():  # many small acyclic objects
        try:
            done: Done = pickle.load(channel)
        except Exception:  # a cut-off message: ``_in_item_order`` reports the missing items
            return []
    collector.settle()  # kept until the end of the run: later collections need not walk them
    return done


def _reap(pids: Sequence[int], stop: bool) -> None:
    """Wait for every worker; with ``stop`` (this process was interrupted), end them first."""
    import signal

    for pid in pids:
        try:
            if stop:
                os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ChildProcessError, ProcessLookupError):
            continue


def _in_item_order(done: Done, count: int) -> list[Any]:
    """The results by item number; the first item that raised, or went missing, raises."""
    by_number = {number: (kind, value) for number, kind, value in done}
    results = []
    for number in range(count):
        if number not in by_number:
            raise RuntimeError("a worker process ended before sending its results")
        kind, value = by_number[number]
        if kind == _RAISED:
            raise value
        results.append(value)
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
