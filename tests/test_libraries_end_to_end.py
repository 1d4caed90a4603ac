"""Macro libraries end to end through the CLI: positions, languages, entries, suppression."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from replylint.cli_options import command

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


def _lint(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(command, ["--format", "json", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    records: list[dict[str, object]] = json.loads(result.stdout)
    return records


def test_zendesk_export_positions_languages_and_entries():
    path = FIXTURES / "zendesk-macros.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    records = _lint("--no-structure", str(path))
    stock = [r for r in records if r["rule"] == "out-of-stock"]
    assert [(r["lang"], r["match"]) for r in stock] == [
        ("en", "out of stock"),
        ("en", "out of stock"),
        ("ru", "нет в наличии"),
        ("zh", "沒有庫存"),
    ]
    for r in stock:
        line = lines[r["line"] - 1]
        assert line[r["column"] - 1 : r["end_column"] - 1] == r["match"]
        assert str(r["entry"]).startswith("macros[")
    assert all("<" not in str(r["match"]) for r in records)
    broken = [r for r in records if r["rule"] == "broken-placeholder"]
    assert [r["match"] for r in broken] == ["{{ticket.requester.name}"]
    assert "title" not in " ".join(str(r["entry"]) for r in records)


def test_yaml_suppression_covers_one_value_only(tmp_path):
    library = tmp_path / "library.yaml"
    library.write_text(
        "replies:\n"
        "  - title: Backorder\n"
        "    locale: ru\n"
        "    # replylint: disable=out-of-stock\n"
        "    body: |\n"
        "      К сожалению, товара нет в наличии.\n"
        "  - title: Backorder again\n"
        "    locale: ru\n"
        '    body: "К сожалению, товара нет в наличии."\n'
        "  - title: Noliktava\n"
        "    locale: lv\n"
        "    body: Diemzel sis preces nav noliktava.  # replylint: disable=policy-excuse\n",
        encoding="utf-8",
    )
    records = _lint("--no-structure", "--select", "out-of-stock", str(library))
    assert [(r["line"], r["lang"], r["entry"]) for r in records] == [
        (9, "ru", 'replies[1] "Backorder again" body'),
        (12, "lv", 'replies[2] "Noliktava" body'),
    ]
