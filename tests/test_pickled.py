"""Slotted dataclasses that pickle positionally round-trip field for field."""

from __future__ import annotations

import dataclasses
import importlib
import pickle
import pkgutil

import replylint
from replylint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Notice, Severity
from replylint.pickled import positional_reduce


def _positional_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(replylint.__path__, "replylint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == info.name
                and getattr(value, "__reduce__", None) is positional_reduce
            ):
                found.append(value)
    return found


def test_positional_classes_are_slotted_dataclasses_with_slots_in_field_order() -> None:
    classes = _positional_classes()
    names = {cls.__name__ for cls in classes}
    assert {"Diagnostic", "FileResult", "Slot", "CompiledPhrase", "_PatternEntry"} <= names
    for cls in classes:
        fields = tuple(f.name for f in dataclasses.fields(cls))
        assert cls.__slots__ == fields, cls


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
