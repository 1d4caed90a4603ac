"""Fixtures for the formatter tests: one fixed multi-language set of results and golden files."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from replylint.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    FileResult,
    Fix,
    Severity,
)
from replylint.text import decode_bytes

GOLDEN_DIR = Path(__file__).parent / "golden"

EN_TEXT = "Hi Sam,\n\tUnfortunately your parcel is delayed.\nSorry for the inconvenience caused.\n"
RU_BYTES = (
    codecs.BOM_UTF8
    + (
        "Здравствуйте!\r\nСпасибо за обращение.\r\nК сожалению, этого товара нет в наличии.\r\n"
    ).encode()
)
ZH_TEXT = "您好！\n退款需要七个工作日，我们无法加快。\n"
LV_TEXT = (
    "macros:\n"
    '  - title: "Atmaksa"\n'
    '    comment_value: "Diemžēl mēs [bold]x[/bold] \x1b[31mnevaram\x1b[0m palīdzēt."\n'
)
LV_MATCH = "[bold]x[/bold] \x1b[31mnevaram"


def diagnostic(
    path: str,
    text: str,
    match: str,
    rule: str,
    severity: Severity,
    lang: str,
    message: str,
    **extra: Any,
) -> Diagnostic:
    start = text.index(match)
    return Diagnostic(
        path=path,
        start=start,
        end=start + len(match),
        rule=rule,
        severity=severity,
        lang=lang,
        message=message,
        match=match,
        **extra,
    )


def build_sample() -> list[FileResult]:
    en_path = "replies/en/delay.txt"
    sorry = "Sorry for the inconvenience"
    sorry_start = EN_TEXT.index(sorry)
    en = FileResult(
        en_path,
        EN_TEXT,
        [
            diagnostic(
                en_path,
                EN_TEXT,
                sorry,
                "stock-apology",
                Severity.WARNING,
                "en",
                "A stock apology sounds scripted; thank the customer instead.",
                suggestions=("Thank you for your patience.",),
                fix=Fix(
                    Applicability.SAFE,
                    (Edit(sorry_start, sorry_start + len(sorry), "Thank you for your patience"),),
                ),
            ),
            diagnostic(
                en_path,
                EN_TEXT,
                "Unfortunately",
                "negative-opener",
                Severity.SUGGESTION,
                "en",
                "Lead with what you can do, not with the bad news.",
                suggestions=("Good news: your parcel is on its way.",),
            ),
        ],
    )
    ru_path = "replies/ru/stock.txt"
    ru_text = decode_bytes(RU_BYTES, ru_path).text
    ru = FileResult(
        ru_path,
        ru_text,
        [
            diagnostic(
                ru_path,
                ru_text,
                "нет в наличии",
                "out-of-stock",
                Severity.WARNING,
                "ru",
                "Скажите, когда товар снова появится.",
                suggestions=("Ваш размер будет доступен в следующем месяце.",),
            ),
        ],
    )
    zh_path = "replies/zh/refund.txt"
    zh = FileResult(
        zh_path,
        ZH_TEXT,
        [
            diagnostic(
                zh_path,
                ZH_TEXT,
                "无法",
                "flat-refusal",
                Severity.ERROR,
                "zh",
                "说明您能做什么，而不是不能做什么。",
                suggestions=("我们会在七个工作日内完成退款。",),
            ),
        ],
    )
    lv_path = "macros/lv.yaml"
    lv_start = LV_TEXT.index(LV_MATCH)
    lv = FileResult(
        lv_path,
        LV_TEXT,
        [
            diagnostic(
                lv_path,
                LV_TEXT,
                LV_MATCH,
                "flat-refusal",
                Severity.ERROR,
                "lv",
                "Do not refuse outright [bold]; say what you can do.",
                suggestions=("Mēs varam [link=https://example.com]palīdzēt[/link] citādi.",),
                entry='macros[0] "Atmaksa" comment_value',
                fix=Fix(
                    Applicability.UNSAFE, (Edit(lv_start, lv_start + len(LV_MATCH), "mēs varam"),)
                ),
            ),
        ],
    )
    clean = FileResult("replies/en/thanks.txt", "Thank you for writing to us!\n")
    # Deliberately out of order: formatters must sort by path, then position.
    return [zh, en, clean, lv, ru]


@pytest.fixture
def sample_results() -> list[FileResult]:
    return build_sample()


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, str], None]:
    def check(name: str, actual: str) -> None:
        path = GOLDEN_DIR / name
        if update_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode("utf-8"))
        if not path.exists():
            pytest.fail(f"{path} is missing; run pytest with --update-golden to create it")
        expected = path.read_bytes().decode("utf-8")
        assert actual == expected, f"{name} differs; run pytest --update-golden if intended"

    return check
