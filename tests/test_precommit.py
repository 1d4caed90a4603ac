"""The published pre-commit hook, run by real pre-commit against a clone of this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    shutil.which("pre-commit") is None or not (ROOT / ".git").exists(),
    reason="needs the pre-commit command and a git checkout of this repository",
)


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=True
    )
    return done.stdout.strip()


def _pre_commit(cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["pre-commit", "run", "--all-files", "--color", "never"],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=900,
    )


def test_hook_fails_on_bad_replies_and_passes_once_rewritten(tmp_path):
    clone = tmp_path / "replylint"
    _git(tmp_path, "clone", "-q", str(ROOT), str(clone))
    rev = _git(clone, "rev-parse", "HEAD")
    project = tmp_path / "support"
    project.mkdir()
    _git(project, "init", "-q")
    _git(project, "config", "user.email", "ci@example.com")
    _git(project, "config", "user.name", "CI")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone.as_posix()}\n    rev: {rev}\n"
        "    hooks:\n      - id: replylint\n",
        encoding="utf-8",
    )
    reply = project / "reply.txt"
    reply.write_text(
        "Hi Anna,\n\nsorry, this jacket is out of stock.\n\nAnything else?\n", encoding="utf-8"
    )
    ru = project / "ru.md"
    ru.write_text(
        "Здравствуйте!\n\nК сожалению, этого товара нет в наличии.\n\n"
        "Если будут вопросы, пишите.\n",
        encoding="utf-8",
    )
    library = project / "macros.yaml"
    library.write_text(
        "macros:\n  - title: Нет в наличии\n    locale: ru\n"
        "    body: К сожалению, этого товара нет в наличии.\n",
        encoding="utf-8",
    )
    (project / ".replylint.yaml").write_text(
        "per-path:\n  macros.yaml:\n    structure: false\n", encoding="utf-8"
    )
    _git(project, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}

    failed = _pre_commit(project, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "out-of-stock" in failed.stdout
    assert "reply.txt" in failed.stdout and "ru.md" in failed.stdout
    assert "macros.yaml" in failed.stdout

    reply.write_text(
        "Hi Anna,\n\nsorry for the wait: your size will be available again on 12 May.\n\n"
        "Anything else I can help with?\n",
        encoding="utf-8",
    )
    ru.write_text(
        "Здравствуйте!\n\nПростите за ожидание: ваш размер будет доступен в следующем месяце.\n\n"
        "Если будут вопросы, пишите.\n",
        encoding="utf-8",
    )
    library.write_text(
        "macros:\n  - title: Предзаказ\n    locale: ru\n"
        "    body: Ваш размер будет доступен в следующем месяце.\n",
        encoding="utf-8",
    )
    _git(project, "add", "-A")
    passed = _pre_commit(project, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
