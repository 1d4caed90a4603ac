"""The compiled built-in rules a wheel ships: used when current, ignored otherwise."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from replylint.ruleset import cache, prebuilt
from replylint.ruleset import compile as compile_module
from replylint.ruleset.loader import builtin_rules_dir, find_rule_files, load_ruleset

RULES = builtin_rules_dir()


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the wheel build writes, built once for this module."""
    out = tmp_path_factory.mktemp("wheel") / prebuilt.PREBUILT_NAME
    prebuilt.build(RULES, out)
    return out


@pytest.fixture
def installed(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped file where the package looks for it."""
    path = tmp_path / prebuilt.PREBUILT_NAME
    path.write_bytes(shipped.read_bytes())
    monkeypatch.setattr(prebuilt, "prebuilt_path", lambda: path)
    monkeypatch.delenv("REPLYLINT_NO_CACHE", raising=False)
    return path


def test_the_shipped_set_is_the_rule_files_compiled(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")  # compiled here and now, from the YAML
    fresh = load_ruleset()
    monkeypatch.delenv("REPLYLINT_NO_CACHE")
    loaded = prebuilt.load(RULES)
    assert loaded is not None
    assert loaded.rules == fresh.rules
    assert loaded.detect == fresh.detect
    assert list(loaded.sources) == [f.display_path for f in find_rule_files(RULES)]
    spec = loaded.rules_of("en")[0].spec
    assert spec.path in loaded.sources  # paths as shown from here, not from the build


def test_the_loader_uses_it_for_the_built_in_rules_alone(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_compiling(*args: object) -> None:
        raise AssertionError("the rules were compiled although the wheel ships them")

    monkeypatch.setattr(compile_module, "compile_rules", no_compiling)
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path / "empty-cache"))
    assert "out-of-stock" in load_ruleset().ids()
    assert not (tmp_path / "empty-cache").exists()  # the user cache was not even looked for


def test_extra_rule_directories_and_no_cache_go_the_usual_way(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[bool] = []
    real = prebuilt.load
    monkeypatch.setattr(prebuilt, "load", lambda rules: used.append(True) or real(rules))
    extra = tmp_path / "team-rules"
    extra.mkdir()
    load_ruleset([extra])
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    load_ruleset()
    assert used == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: b"not a pickle",
        lambda data: pickle.dumps(("another key", [], None)),
    ],
    ids=["empty", "truncated", "garbage", "other-payload"],
)
def test_a_damaged_file_is_ignored(installed: Path, damage) -> None:  # type: ignore[no-untyped-def]
    installed.write_bytes(damage(installed.read_bytes()))
    assert prebuilt.load(RULES) is None


def test_a_file_built_against_other_libraries_is_ignored(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert prebuilt.load(RULES) is not None
    monkeypatch.setattr(cache, "installed_key", lambda: "0.1.0;23;cpython-311;regex=1999.1.1")
    assert prebuilt.load(RULES) is None


def test_a_damaged_language_blob_is_caught_on_load(installed: Path) -> None:
    data = installed.read_bytes()
    word = "наличии".encode()  # in the Russian rules' blob only
    at = data.index(word)
    installed.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    assert prebuilt.load(RULES) is None


def test_without_the_file_nothing_is_shipped(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(prebuilt, "prebuilt_path", lambda: tmp_path / "absent.pickle")
    assert prebuilt.load(RULES) is None


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_rule_paths_are_shown_from_the_working_directory(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    import os

    from replylint.ruleset.loader import display_path

    monkeypatch.chdir(tmp_path if where == "outside" else RULES / "en")
    loaded = prebuilt.load(RULES)
    assert loaded is not None
    expected = [display_path(os.path.join(RULES, f)) for f in _names(installed)]
    assert list(loaded.sources) == expected


def _names(installed: Path) -> list[str]:
    with installed.open("rb") as handle:
        _key, names, _ruleset = pickle.load(handle)
    return list(names)
