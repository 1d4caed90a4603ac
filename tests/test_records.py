"""Records cross process boundaries and the rule cache: they pickle and compare field for field."""

from __future__ import annotations

import importlib
import pickle
import pkgutil
import subprocess
import sys

import pytest

import replylint
from replylint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Notice, Severity
from replylint.document import Document, SourceMap
from replylint.engine import MatchOutcome
from replylint.records import Record
from replylint.suppress import Directives


def _record_classes() -> list[type[Record]]:
    found = []
    for info in pkgutil.walk_packages(replylint.__path__, "replylint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Record)
                and value is not Record
                and value.__module__ == info.name
            ):
                found.append(value)
    return found


def test_every_record_has_its_fields_as_slots_and_no_instance_dictionary() -> None:
    classes = _record_classes()
    assert {FileResult, MatchOutcome, Directives, Document} <= set(classes)
    for cls in classes:
        assert cls._fields and set(cls.__slots__) == set(cls._fields), cls
        record = cls(*_arguments(cls))
        assert not hasattr(record, "__dict__"), cls
        assert pickle.loads(pickle.dumps(record)) == record, cls


def _arguments(cls: type[Record]) -> tuple[object, ...]:
    return {FileResult: ("a.txt", "text"), Document: ("a.txt", "text")}.get(cls, ())


def test_a_file_result_round_trips() -> None:
    fix = Fix(Applicability.SAFE, (Edit(3, 7, "soon"), Edit(9, 9, "!")))
    diagnostic = Diagnostic(
        "a.txt", 3, 7, "out-of-stock", Severity.WARNING, "en", "msg", "gone", ("x",), "entry", fix
    )
    result = FileResult("a.txt", "text", [diagnostic], [Notice("a.txt", "slow")])
    restored = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert restored == result
    assert restored.diagnostics[0].fix == fix
    assert restored is not result
    assert restored != FileResult("a.txt", "text", [diagnostic])
    assert repr(restored).startswith("FileResult(path='a.txt', text='text', diagnostics=[")


def test_records_of_different_kinds_are_never_equal() -> None:
    assert FileResult("a", "b") != Document("a", "b")
    assert FileResult("a", "b") == FileResult("a", "b", [], [])
    with pytest.raises(TypeError):
        hash(FileResult("a", "b"))


def test_defaults_are_not_shared_between_records() -> None:
    first, second = MatchOutcome(), MatchOutcome()
    first.hits.append(object())  # type: ignore[arg-type]
    first.reply_exceptions.add("x")
    assert second.hits == [] and second.reply_exceptions == set()
    one, two = Directives(), Directives()
    one.whole_file.add("all")
    assert two.whole_file == set()


def test_a_source_map_is_hashable_and_pickles() -> None:
    source_map = SourceMap(((0, 5, 10),))
    assert pickle.loads(pickle.dumps(source_map)) == source_map
    assert len({source_map, SourceMap(((0, 5, 10),))}) == 1


def test_the_one_reply_path_makes_no_dataclass() -> None:
    code = (
        "import sys\n"
        "import replylint.api, replylint.cli, replylint.formats.pretty\n"
        "from replylint.ruleset import loader\n"
        "print('dataclasses' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, encoding="utf-8")
    assert done.stdout.strip() == "False", done.stderr
