"""``--jobs``: worker processes give the same results, in the same order, as one process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from replylint import api, parallel
from replylint.ruleset.loader import load_ruleset

REPLIES = [
    "Hi Anna,\n\nUnfortunately the kettle is out of stock. Calm down, this happens all the time.\n",
    "Здравствуйте! К сожалению, товара нет в наличии. Это политика компании.\n",
    "Labdien! Diemžēl prece nav noliktavā. Tāda ir uzņēmuma politika.\n",
    "您好！很抱歉，这款商品缺货了。这是公司规定，我们不能破例。\n",
    "Hi Sam! Your parcel arrives on Friday. Anything else I can help with?\n",
]


def _corpus(root: Path, count: int, padding: int) -> list[str]:
    """``count`` reply files cycling through the languages, each padded to about ``padding``."""
    paths = []
    for i in range(count):
        body = REPLIES[i % len(REPLIES)]
        filler = f"We checked order {1000 + i} for you today. " * (padding // 40)
        path = root / f"reply_{i:03d}.txt"
        path.write_text(body + "\n" + filler + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "replylint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def test_runs_are_contiguous_and_cover_every_file(tmp_path: Path) -> None:
    files = _corpus(tmp_path, 37, 200)
    runs = parallel._runs(files, 8)
    assert [path for run in runs for path in run] == files
    assert 4 <= len(runs) <= 8


def test_small_input_stays_in_one_process(tmp_path: Path) -> None:
    files = _corpus(tmp_path, 3, 100)
    assert not parallel.worth_it(files, 2)
    assert not parallel.worth_it(files * 1000, 1)


def test_workers_return_the_same_results_in_path_order(tmp_path: Path) -> None:
    files = _corpus(tmp_path, 40, 4000)
    ruleset = load_ruleset()
    settings = api.Settings()
    one = api.lint_paths(files, ruleset, settings, jobs=1)
    assert parallel.worth_it(files, 2)
    two = api.lint_paths(files, ruleset, settings, jobs=2)
    assert [r.path for r in two] == files
    assert two == one
    assert sum(len(r.diagnostics) for r in one) > 30


def test_the_first_error_is_the_one_a_single_process_meets(tmp_path: Path) -> None:
    files = _corpus(tmp_path, 40, 4000)
    Path(files[17]).write_bytes(b"caf\xe9 out of stock\n")
    Path(files[25]).write_bytes(b"\xff\xfe\xfd broken\n")
    ruleset = load_ruleset()
    errors = []
    for jobs in (1, 2):
        with pytest.raises(api.ReplylintError) as caught:
            api.lint_paths(files, ruleset, api.Settings(), jobs=jobs)
        errors.append(caught.value.render())
    assert errors[0] == errors[1]
    assert files[17] in errors[0]


@pytest.mark.parametrize("fmt", ["json", "pretty", "sarif"])
def test_cli_output_is_identical_for_one_and_two_jobs(tmp_path: Path, fmt: str) -> None:
    _corpus(tmp_path, 40, 4000)
    one = _run(["--format", fmt, "--jobs", "1", "."], tmp_path)
    two = _run(["--format", fmt, "--jobs", "2", "."], tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert "out-of-stock" in one.stdout


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = _run(["--jobs", "0", "."], tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("replylint: error:")
    assert len(result.stderr.strip().splitlines()) == 1


# --- one large document: its replies (a library) or paragraphs (a plain file) in workers ----


@pytest.fixture
def counted_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every document is large enough for workers; records the runs each parallel call had."""
    calls: list[int] = []
    real = parallel.map_in_workers

    def counting(work, items, jobs, **options):  # type: ignore[no-untyped-def]
        calls.append(len(items))
        return real(work, items, jobs, **options)

    monkeypatch.setattr(parallel, "map_in_workers", counting)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARS", 0)
    return calls


def _library(count: int) -> str:
    import json

    macros = [
        {"id": i, "title": f"Macro {i}", "body": REPLIES[i % len(REPLIES)] * (1 + i % 3)}
        for i in range(count)
    ]
    return json.dumps({"macros": macros}, ensure_ascii=False, indent=1)


def test_a_library_is_linted_in_workers_with_the_same_result(
    tmp_path: Path, counted_workers: list[int]
) -> None:
    path = tmp_path / "macros.json"
    path.write_text(_library(60), encoding="utf-8")
    ruleset = load_ruleset()
    (one,) = api.lint_paths([str(path)], ruleset, api.Settings(), jobs=1)
    assert counted_workers == []
    (two,) = api.lint_paths([str(path)], ruleset, api.Settings(), jobs=2)
    assert counted_workers and counted_workers[0] > 1
    assert two == one
    assert {d.rule for d in one.diagnostics} >= {"out-of-stock", "policy-excuse"}


def test_a_large_plain_file_is_matched_in_workers_with_the_same_result(
    tmp_path: Path, counted_workers: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from replylint.sources import plaintext

    text = "\n\n".join(REPLIES[i % len(REPLIES)].strip() for i in range(200)) + "\n"
    text = "Hello Anna,\n\n" + text + "\nAnna, Anna, Anna, thanks Anna. Anna?\n"
    path = tmp_path / "reply.txt"
    path.write_text(text, encoding="utf-8")
    ruleset = load_ruleset()
    (whole,) = api.lint_paths([str(path)], ruleset, api.Settings(), jobs=2)
    assert counted_workers == []  # a list of paragraphs is one reply: one process
    monkeypatch.setattr(plaintext, "LARGE_TEXT", 0)  # paragraphs made on demand
    (one,) = api.lint_paths([str(path)], ruleset, api.Settings(), jobs=1)
    (two,) = api.lint_paths([str(path)], ruleset, api.Settings(), jobs=2)
    assert counted_workers and counted_workers[0] > 1
    assert one == whole
    assert two == whole
    rules = {d.rule for d in whole.diagnostics}
    assert {"out-of-stock", "name-overuse"} <= rules


@pytest.mark.parametrize(
    ("weights", "wanted"),
    [
        ([5] * 10, 4),
        ([1, 100, 1, 1, 1], 3),
        ([0, 0, 0], 2),
        ([7], 8),
        ([3, 1, 4, 1, 5, 9, 2, 6], 5),
    ],
)
def test_contiguous_runs_cover_every_item_in_order(weights: list[int], wanted: int) -> None:
    runs = parallel.contiguous_runs(weights, wanted)
    assert [i for run in runs for i in run] == list(range(len(weights)))
    assert all(len(run) > 0 for run in runs)
    assert 1 <= len(runs) <= wanted


# --- map_in_workers: this process and forked ones take items from one shared counter --------


def _slow_pid(item: int) -> tuple[int, int]:
    import time

    time.sleep(0.02)
    return item * item, os.getpid()


def test_items_are_shared_between_processes_and_come_back_in_order() -> None:
    results = parallel.map_in_workers(_slow_pid, list(range(24)), 3)
    assert [value for value, _pid in results] == [i * i for i in range(24)]
    pids = {pid for _value, pid in results}
    assert os.getpid() in pids  # this process works too
    assert len(pids) >= 2
    _assert_no_child_left()


def test_one_job_or_one_item_forks_nothing() -> None:
    assert parallel.map_in_workers(_slow_pid, [3], 4) == [(9, os.getpid())]
    assert [pid for _v, pid in parallel.map_in_workers(_slow_pid, [1, 2], 1)] == [os.getpid()] * 2
    assert parallel.map_in_workers(_slow_pid, [], 4) == []


class _Bad(ValueError):
    pass


def _fails_on(item: int) -> int:
    import time

    time.sleep(0.01)
    if item in (5, 11):
        raise _Bad(f"item {item}")
    return item


def test_the_first_error_in_item_order_is_raised() -> None:
    for jobs in (1, 2, 3):
        with pytest.raises(_Bad, match=r"^item 5$"):
            parallel.map_in_workers(_fails_on, list(range(16)), jobs)
    _assert_no_child_left()


def _unpicklable_error(item: int) -> int:
    import threading
    import time

    time.sleep(0.02)
    if os.getpid() != _PARENT:
        error = ValueError("cannot travel")
        error.lock = threading.Lock()  # type: ignore[attr-defined]
        raise error
    return item


_PARENT = os.getpid()


def test_an_error_that_cannot_be_pickled_arrives_as_its_text() -> None:
    try:
        results = parallel.map_in_workers(_unpicklable_error, list(range(12)), 2)
    except RuntimeError as exc:
        assert "in a worker process" in str(exc)
        assert "cannot travel" in str(exc)
    else:  # the forked worker took no item at all
        assert results == list(range(12))
    _assert_no_child_left()


def _dies_in_a_worker(item: int) -> int:
    import time

    time.sleep(0.02)
    if os.getpid() != _PARENT:
        os._exit(3)
    return item


def test_a_worker_that_dies_is_an_error_not_a_silent_gap() -> None:
    with pytest.raises(RuntimeError, match="ended before sending its results"):
        parallel.map_in_workers(_dies_in_a_worker, list(range(12)), 2)
    _assert_no_child_left()


def _interrupted_here(item: int) -> int:
    import time

    if os.getpid() == _PARENT:
        time.sleep(0.05)  # the workers have started and each holds an item
        raise KeyboardInterrupt
    time.sleep(60)
    return item


def test_an_interrupt_here_stops_the_workers_at_once() -> None:
    import time

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        parallel.map_in_workers(_interrupted_here, list(range(8)), 3)
    assert time.monotonic() - started < 30  # not the 60 s each worker would sleep
    _assert_no_child_left()


def _assert_no_child_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_with_here_false_only_the_workers_take_items() -> None:
    results = parallel.map_in_workers(_slow_pid, list(range(12)), 2, here=False)
    assert [value for value, _pid in results] == [i * i for i in range(12)]
    assert os.getpid() not in {pid for _value, pid in results}
    assert [pid for _v, pid in parallel.map_in_workers(_slow_pid, [5], 1, here=False)] != [
        os.getpid()
    ]
    _assert_no_child_left()


EXPORTS = sorted((Path(__file__).parent / "fixtures" / "exports").glob("*.json"))


@pytest.mark.parametrize("export", EXPORTS, ids=lambda p: p.name)
def test_an_export_s_segments_made_in_workers_give_the_same_result(
    export: Path, counted_workers: list[int]
) -> None:
    """Workers make the segments they lint (markup to text, maps); nothing changes by it."""
    from replylint.document import Document, SegmentsToMake

    ruleset = load_ruleset()
    settings = api.Settings(locales=("en", "ru"))
    doc = api.read_path(str(export), None)
    assert isinstance(doc.segments, SegmentsToMake)
    listed = Document(doc.path, doc.text, segments=list(doc.segments))
    matcher = api.make_matcher(ruleset, settings)
    expected = api.lint_document(listed, matcher, settings, jobs=1)
    for jobs in (1, 2):
        fresh = api.read_path(str(export), None)  # nothing made yet
        assert api.lint_document(fresh, matcher, settings, jobs=jobs) == expected
    several = len(set(doc.segments.replies)) > 1
    assert bool(counted_workers) == several  # one reply stays in one process
    assert expected.diagnostics


def test_a_macro_whose_markup_shows_no_text_is_not_a_reply(
    tmp_path: Path, counted_workers: list[int]
) -> None:
    """A blank candidate (markup only) is dropped where it is made: no reply, no findings."""
    import json

    macros = [
        {
            "id": 1,
            "title": "Empty",
            "actions": [{"field": "comment_value_html", "value": "<p> </p>"}],
        },
        {
            "id": 2,
            "title": "Stock",
            "actions": [
                {"field": "comment_value_html", "value": "<p>Sorry, it is out of stock.</p>"}
            ],
        },
    ]
    path = tmp_path / "macros.json"
    path.write_text(json.dumps({"macros": macros}), encoding="utf-8")
    ruleset = load_ruleset()
    doc = api.read_path(str(path), None)
    assert [s.entry for s in doc.segments] == ['macros[1] "Stock" comment_value_html']
    for jobs in (1, 2):
        (result,) = api.lint_paths([str(path)], ruleset, api.Settings(), jobs=jobs)
        assert result.diagnostics
        assert all(d.entry == 'macros[1] "Stock" comment_value_html' for d in result.diagnostics)


def test_cross_locale_checks_of_items_linted_in_workers(
    tmp_path: Path, counted_workers: list[int]
) -> None:
    """Items' variants are checked against each other in the parent, as with one process."""
    import json

    def item(number: int) -> dict[str, object]:
        variants = [
            {
                "content": f"Hi {{{{ticket.requester.name}}}}, order {number} shipped.",
                "locale_id": 1,
            },
            {"content": f"Здравствуйте! Заказ {number} отправлен.", "locale_id": 27},
        ]
        return {"id": number, "name": f"Shipped {number}", "variants": variants}

    path = tmp_path / "items.json"
    path.write_text(json.dumps({"items": [item(n) for n in range(6)]}), encoding="utf-8")
    ruleset = load_ruleset()
    settings = api.Settings(locales=("en", "ru", "lv"), structure=False)
    (one,) = api.lint_paths([str(path)], ruleset, settings, jobs=1)
    (two,) = api.lint_paths([str(path)], ruleset, settings, jobs=2)
    assert counted_workers
    assert two == one
    rules = [d.rule for d in one.diagnostics]
    assert rules.count("missing-translation") == 6  # lv, once per item
    assert rules.count("placeholder-mismatch") == 6  # the ru variant lacks the name


def _frozen_count(_: int) -> int:
    import gc

    return gc.get_freeze_count()


def test_a_worker_leaves_what_it_inherited_out_of_its_collections(monkeypatch) -> None:
    import gc

    from replylint import collector

    monkeypatch.setattr(collector, "_own_process", False)  # a program that embeds replylint
    gc.unfreeze()  # nothing frozen here, so a worker's count is its own doing
    counts = parallel.map_in_workers(_frozen_count, list(range(4)), 2, here=False)
    assert all(count > 0 for count in counts)
    assert gc.get_freeze_count() == 0  # this process is left as it was


# --- what stays alive between items is left out of later collections ------------------------


def test_what_is_alive_is_settled_after_each_item_and_each_worker_s_results(monkeypatch) -> None:
    import gc

    from replylint import collector

    settled: list[bool] = []
    monkeypatch.setattr(collector, "settle", lambda: settled.append(True))
    loads_while: list[bool] = []
    real_load = parallel.pickle.load

    def spying_load(channel):  # type: ignore[no-untyped-def]
        loads_while.append(gc.isenabled())
        return real_load(channel)

    monkeypatch.setattr(parallel.pickle, "load", spying_load)
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        results = parallel.map_in_workers(_slow_pid, list(range(12)), 2)
        assert gc.isenabled()
    finally:
        if not was_enabled:
            gc.disable()
    here = sum(1 for _v, pid in results if pid == os.getpid())
    assert 0 < here < 12
    assert len(settled) == here + 1  # each item done here, then the worker's results
    assert loads_while == [False]  # the worker's results are unpickled with collection paused


def test_a_document_linted_in_one_process_is_settled_between_runs_of_replies(
    tmp_path: Path, monkeypatch
) -> None:
    import json

    from replylint import collector

    macros = [
        {"id": i, "title": f"m{i}", "actions": [{"field": "comment_value", "value": text}]}
        for i, text in enumerate(["Hi, it is out of stock.", "It's company policy."] * 3)
    ]
    library = tmp_path / "macros.json"
    library.write_text(json.dumps({"macros": macros}), encoding="utf-8")
    ruleset = load_ruleset()
    whole = api.lint_paths([str(library)], ruleset, api.Settings(), jobs=1)
    settled: list[bool] = []
    monkeypatch.setattr(collector, "settle", lambda: settled.append(True))
    monkeypatch.setattr(api, "_SETTLE_EVERY", 4)
    assert api.lint_paths([str(library)], ruleset, api.Settings(), jobs=1) == whole
    assert whole[0].diagnostics
    assert settled == [True]  # six replies in runs of four: once, between the two runs
