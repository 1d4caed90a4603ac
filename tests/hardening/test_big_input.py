"""Big input: a 2 MB single line, a 50 MB reply file in bounded memory, and proof that the
paragraph-at-a-time path for large plain-text files gives exactly the results of the normal one.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from replylint import api
from replylint.document import Document
from replylint.formats.json import to_records
from replylint.sources import plaintext

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "replies"
MEMORY_LIMIT_MB = 500


def _filler(rng: random.Random, size: int) -> str:
    words = [
        "please",
        "thank",
        "you",
        "we",
        "will",
        "send",
        "the",
        "order",
        "tomorrow",
        "and",
        "your",
        "parcel",
        "is",
        "on",
        "its",
        "way",
    ]
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)


def test_two_megabyte_single_line_finds_the_phrase_in_the_middle(lint, tmp_path):
    rng = random.Random(20240611)
    half = _filler(rng, 1_000_000)
    line = f"{half} Sorry, the jacket is out of stock. {half}"
    (tmp_path / "long.txt").write_text(line, encoding="utf-8")
    run = lint("--format", "json", "--select", "out-of-stock", "long.txt")
    assert run.code == 1, run.stderr
    (record,) = run.json()
    column = line.index("out of stock") + 1
    assert column > 1_000_000
    assert (record["line"], record["column"], record["end_column"]) == (1, column, column + 12)
    assert record["match"] == "out of stock"
    assert run.seconds < 60, run.seconds


def _block() -> str:
    """Every example reply, good and bad, in all languages, as paragraphs of one text."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(EXAMPLES.glob("*.txt"))]
    return "\n\n".join(texts) + "\n\n"


STRUCTURED = """\
Hi Anna,

Thanks for waiting, Anna. Please wait while I check, Anna.

We'd love your feedback! Did it arrive? Was it damaged? Was the box open? Anna, a photo?

The order will ship soon. Unfortunately we cannot refund it, but we can replace it.

Здравствуйте! К сожалению, этого товара нет в наличии.

Regards
"""


@pytest.mark.parametrize("structure", [True, False])
def test_large_file_path_gives_the_results_of_the_normal_path(
    monkeypatch, builtin_ruleset, structure
):
    text = STRUCTURED + _block() * 8 + "Sorry, it's company policy.\r\n\r\nAnything else?\r\n"
    settings = api.Settings(structure=structure)
    normal = api.lint_text(text, builtin_ruleset, settings, "big.txt")
    listed = plaintext.segment("big.txt", text)
    assert isinstance(listed, list)
    monkeypatch.setattr(plaintext, "LARGE_TEXT", 0)  # every text is "large": made on demand
    doc = Document("big.txt", text, segments=plaintext.segment("big.txt", text))
    assert isinstance(doc.segments, plaintext.Paragraphs)
    assert list(doc.segments) == listed  # same texts at the same offsets
    assert doc.segments[-1] == listed[-1]
    assert doc.segments[1:3] == listed[1:3]
    pieces = api.lint_text(text, builtin_ruleset, settings, "big.txt")
    assert to_records([pieces]) == to_records([normal])
    assert pieces.notices == normal.notices
    rules = {r["rule"] for r in to_records([normal])}
    assert {"out-of-stock", "policy-excuse", "latvian-missing-diacritics"} <= rules
    if structure:  # the whole-reply rules are judged across all paragraphs
        assert {"name-overuse", "too-many-survey-questions"} <= rules


# Peak RSS of one replylint process, measured in a process of its own so that the children
# of this test run (an earlier rule compile, say) do not count.
_MEASURE = textwrap.dedent(
    """
    import resource, subprocess, sys, time
    started = time.monotonic()
    done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    sys.stdout.buffer.write(f"{done.returncode} {peak} {seconds}\\n".encode())
    sys.stdout.buffer.write(done.stdout)
    sys.stderr.buffer.write(done.stderr)
    """
)


@pytest.mark.slow
def test_fifty_megabyte_reply_file_in_bounded_memory(lint, tmp_path, record_property):
    block = _block()
    copies = 50_000_000 // len(block.encode("utf-8")) + 1
    marker = "Marker: sorry, the parka is out of stock.\n"
    half = copies // 2
    (tmp_path / "huge.txt").write_text(
        block * half + marker + "\n" + block * (copies - half), encoding="utf-8"
    )
    assert (tmp_path / "huge.txt").stat().st_size >= 50_000_000
    warm = lint("--format", "json", str(EXAMPLES / "en-bad.txt"))  # compiles the rule cache
    assert warm.code == 1
    command = [sys.executable, "-m", "replylint", "--format", "json", "huge.txt"]
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        timeout=3600,
    )
    head, _, report = done.stdout.partition(b"\n")
    code, peak_kib, seconds = head.split()
    peak_mb = int(peak_kib) / 1024
    record_property("seconds", round(float(seconds), 1))
    record_property("peak_rss_mb", round(peak_mb))
    print(f"50 MB reply file: {float(seconds):.0f} s, peak RSS {peak_mb:.0f} MB")
    assert done.stderr == b"", done.stderr.decode("utf-8", "replace")
    assert int(code) == 1
    assert peak_mb < MEMORY_LIMIT_MB, peak_mb
    records = json.loads(report)
    per_block = _findings_per_block(lint, tmp_path, block)
    stock = [r for r in records if r["rule"] == "out-of-stock"]
    assert len(stock) == per_block * copies + 1
    marker_line = block.count("\n") * half + 1
    found = [r for r in stock if r["line"] == marker_line]
    column = marker.index("out of stock") + 1
    assert [(r["column"], r["match"]) for r in found] == [(column, "out of stock")]
    assert time.monotonic() - started < 3600


def _findings_per_block(lint, tmp_path: Path, block: str) -> int:
    (tmp_path / "block.txt").write_text(block, encoding="utf-8")
    run = lint("--format", "json", "--select", "out-of-stock", "block.txt")
    return sum(1 for r in run.json() if r["rule"] == "out-of-stock")
