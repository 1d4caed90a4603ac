"""Walking directories: .gitignore files are honoured; config excludes drop named files too."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner

from replylint.walk import discover

SUFFIXES = {".txt", ".md"}


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _names(root: Path, found: list[str]) -> list[str]:
    return sorted(Path(p).resolve().relative_to(root.resolve()).as_posix() for p in found)


def test_gitignore_files_are_honoured_at_every_level(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _tree(
        tmp_path,
        {
            ".gitignore": "drafts/\n*.tmp.txt\n",
            "replies/a.txt": "a",
            "replies/b.tmp.txt": "b",
            "replies/.gitignore": "old-*.md\n!old-keep.md\n",
            "replies/old-1.md": "c",
            "replies/old-keep.md": "d",
            "drafts/x.txt": "e",
            "notes.py": "f",
        },
    )
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("secret.txt\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("g", encoding="utf-8")
    found = discover([str(tmp_path)], SUFFIXES)
    assert _names(tmp_path, found) == ["replies/a.txt", "replies/old-keep.md"]
    # a walk that starts below the repository root still sees the root's ignore files
    assert _names(tmp_path, discover([str(tmp_path / "replies")], SUFFIXES)) == [
        "replies/a.txt",
        "replies/old-keep.md",
    ]
    # a file named explicitly is linted even when git ignores it
    assert _names(tmp_path, discover([str(tmp_path / "drafts" / "x.txt")], SUFFIXES)) == [
        "drafts/x.txt"
    ]


def test_config_exclude_applies_to_named_files(tmp_path, monkeypatch):
    from replylint.cli_options import command

    _tree(
        tmp_path,
        {
            ".replylint.yaml": "exclude: [vendor/**, '*.draft.txt']\n",
            "vendor/x.txt": "Sorry, out of stock.",
            "a.draft.txt": "Sorry, out of stock.",
            "b.txt": "Sorry, out of stock.",
        },
    )
    monkeypatch.chdir(tmp_path)
    args = ["--format", "json", "--no-structure", "vendor/x.txt", "a.draft.txt", "b.txt", "."]
    result = CliRunner().invoke(command, args)
    assert [Path(r["path"]).name for r in json.loads(result.stdout)] == ["b.txt"]


def test_realpath_with_remembered_directories_equals_os_realpath(tmp_path, monkeypatch):
    import os

    from replylint.walk import _realpath

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    (real / "sub" / "alias.txt").symlink_to(real / "sub" / "a.txt")
    monkeypatch.chdir(real)
    names = [
        "sub/a.txt",
        "sub/alias.txt",
        "sub/missing.txt",
        "sub/../sub/a.txt",
        "sub/..",
        "a.txt",
        str(tmp_path / "linked" / "sub" / "a.txt"),
        str(tmp_path / "linked" / "sub" / "alias.txt"),
        "../linked/sub/a.txt",
    ]
    remembered: dict[str, str] = {}
    for name in names + names:  # the second round reads the remembered directories
        assert _realpath(name, remembered) == os.path.realpath(name), name


def test_walk_order_and_choices_match_git_and_sorted_os_walk(tmp_path, monkeypatch):
    """Files of a directory come first by name, then its subdirectories by name, depth first;
    what git ignores, dot-names, links to directories and non-files are left out."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _tree(
        tmp_path,
        {
            ".gitignore": "*.tmp.txt\nbuild/\n",
            "b.txt": "x",
            "a.MD": "x",
            "a.tmp.txt": "x",
            ".hidden.txt": "x",
            "z/1.txt": "x",
            "z/.gitignore": "!keep.tmp.txt\nsecret*\n",
            "z/keep.tmp.txt": "x",
            "z/secret.txt": "x",
            "z/deeper/2.md": "x",
            "m/3.txt": "x",
            "m/notes.py": "x",
            "build/4.txt": "x",
            ".cache/5.txt": "x",
        },
    )
    (tmp_path / "link.txt").symlink_to(tmp_path / "m" / "3.txt")
    (tmp_path / "z" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "m" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    monkeypatch.chdir(tmp_path)
    found = discover(["."], SUFFIXES)
    # link.txt names the same file as m/3.txt: it is linted once, under the name without a link
    assert found == ["a.MD", "b.txt", "m/3.txt", "z/1.txt", "z/keep.tmp.txt", "z/deeper/2.md"]
    tracked = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout.split()
    wanted = [
        p
        for p in tracked
        if Path(p).suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in Path(p).parts)
        and p not in {"link.txt", "m/gone.txt"}
    ]
    assert sorted(found) == sorted(wanted), tracked


def test_an_empty_path_is_an_error_not_the_working_directory(tmp_path, monkeypatch):
    import pytest

    from replylint.errors import InputError

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="empty path"):
        discover([""], SUFFIXES)
