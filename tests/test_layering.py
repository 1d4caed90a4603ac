"""The core never imports click or rich; only the command line and formats/pretty.py may."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "replylint"
ALLOWED = {"click": {"cli.py", "cli_options.py"}, "rich": {"formats/pretty.py"}}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_only_the_shells_import_click_and_rich(path):
    relative = path.relative_to(SRC).as_posix()
    for library, allowed in ALLOWED.items():
        if library in _imports(path):
            assert relative in allowed, f"{relative} imports {library}"


def test_core_does_not_import_the_shells():
    core = [
        p
        for p in SRC.rglob("*.py")
        if p.relative_to(SRC).parts[0] not in ("cli.py", "cli_options.py", "formats", "__main__.py")
    ]
    for path in core:
        source = path.read_text(encoding="utf-8")
        assert "replylint.cli" not in source, path
        assert "replylint.formats" not in source, path
