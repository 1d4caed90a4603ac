"""Finding rule files: the same files, order, shown paths and languages as a plain ``rglob``."""

from __future__ import annotations

import os

import pytest

from replylint.lang import LANGUAGES
from replylint.ruleset.loader import builtin_rules_dir, display_path, find_rule_files


def _reference(directory):
    files = sorted(
        p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
    )
    return [
        (display_path(p), p.read_bytes(), p.parent.name if p.parent.name in LANGUAGES else None)
        for p in files
    ]


def _found(directory):
    return [(f.display_path, f.data, f.dir_lang) for f in find_rule_files(directory)]


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "rules"
    for name in ("en/a.yaml", "en/b.yml", "ru/deep/c.yaml", "zh/d.yaml", "x.yaml", "lv/.yaml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"id: {name}\n", encoding="utf-8")
    (root / "en" / "notes.txt").write_text("not a rule", encoding="utf-8")
    (root / "en" / "sub.yaml").mkdir()  # a directory with a rule-file name
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "e.yaml").write_text("id: e\n", encoding="utf-8")
    os.symlink(outside / "e.yaml", root / "en" / "linked.yaml")
    os.symlink(outside, root / "linked-dir")
    os.symlink(tmp_path / "missing.yaml", root / "en" / "dangling.yaml")
    return root


def test_the_same_files_as_rglob_from_inside(tree, monkeypatch):
    monkeypatch.chdir(tree.parent)
    assert _found(tree) == _reference(tree)
    monkeypatch.chdir(tree)
    assert _found(tree) == _reference(tree)
    assert _found(tree.relative_to(tree)) == _reference(tree.relative_to(tree))


def test_the_same_files_as_rglob_from_outside(tree, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    found = _found(tree)
    assert found == _reference(tree)
    assert found[0][0].startswith("../rules/")


def test_the_builtin_rules_are_found_as_by_rglob():
    directory = builtin_rules_dir()
    assert _found(directory) == _reference(directory)
