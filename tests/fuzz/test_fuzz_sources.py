"""Fuzz the source readers (JSON, YAML, HTML, CSV, Markdown, plain text, helpdesk exports).

Mutated fixture files and random bytes go through ``lint_bytes`` and ``fix_bytes`` with the
reader chosen by file name; anything but a sane result or a one-line ``ReplylintError`` within
the time bound fails. The default run is bounded; ``tests/fuzz/run_long.py`` runs longer.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from fuzzkit import fix_target, fuzz_input, lint_target, settings_strategy
from hypokit import bounded
from replylint.api import Settings


@bounded(400)
@given(case=fuzz_input(), settings=settings_strategy)
# Unclosed deep YAML flow nesting: RecursionError from the pure-Python composer.
@example(case=("fuzz.yaml", b"[" * 3000), settings=Settings())
@example(case=("fuzz.yml", b"a: " + b"{a: " * 2000), settings=Settings())
# Tagged empty scalars: PyYAML's int/float/bool constructors raised IndexError or KeyError.
@example(case=("fuzz.yaml", b"!!int "), settings=Settings())
@example(case=("fuzz.yaml", b"body: hi\nlocale: !!bool ''"), settings=Settings())
# Language values that int() refuses: ValueError from normalise_lang.
@example(case=("fuzz.yaml", "locale: ²\nbody: hi".encode()), settings=Settings())
@example(case=("fuzz.csv", b"locale,body\n" + b"1" * 5000 + b",hi\n"), settings=Settings())
# A JSON file read as CSV: the error line quoted the whole "header".
@example(case=("fuzz.csv", b"[" * 5000 + b"\n"), settings=Settings())
def test_fuzz_lint_bytes(case, settings):
    name, data = case
    lint_target(name, data, settings)


@bounded(120)
@given(case=fuzz_input(), settings=settings_strategy, unsafe=st.booleans())
def test_fuzz_fix_bytes(case, settings, unsafe):
    name, data = case
    fix_target(name, data, settings, unsafe)
