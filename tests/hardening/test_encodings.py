"""Encodings: legacy code pages through --encoding and the config's ``encoding`` key, UTF-16 and
UTF-32 by their BOM, and UTF-8 BOM plus CRLF in every source type, with exact positions.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

ZH_SIMPLIFIED = "您好！\n\n很抱歉，这款外套目前缺货，仓库里也没有库存了。\n"
ZH_TRADITIONAL = "您好！\n\n很抱歉，這款外套目前缺貨，倉庫裡也沒有庫存了。\n"
RU = "Здравствуйте!\n\nК сожалению, этой куртки «нет в наличии».\n"
LV = "Labdien!\n\nDiemžēl šī jaka nav noliktavā.\n"


def _positions(text: str, *phrases: str) -> list[tuple[int, int, str]]:
    """(line, column, phrase) of each phrase's first occurrence, in code points."""
    out = []
    for phrase in phrases:
        offset = text.index(phrase)
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        out.append((line, column, phrase))
    return sorted(out)


def _stock(run) -> list[tuple[int, int, str]]:
    assert run.code == 1, run.stderr
    assert run.stderr == ""
    return sorted(
        (int(r["line"]), int(r["column"]), str(r["match"]))
        for r in run.json()
        if r["rule"] == "out-of-stock"
    )


@pytest.mark.parametrize(
    ("encoding", "text", "phrases"),
    [
        ("gbk", ZH_SIMPLIFIED, ("缺货", "没有库存")),
        ("gb18030", ZH_SIMPLIFIED, ("缺货", "没有库存")),
        ("big5", ZH_TRADITIONAL, ("缺貨", "沒有庫存")),
        ("cp1251", RU, ("нет в наличии",)),
        ("cp1257", LV, ("nav noliktavā",)),
    ],
)
def test_legacy_encoding_on_the_command_line(lint, tmp_path, encoding, text, phrases):
    (tmp_path / "reply.txt").write_bytes(text.encode(encoding))
    run = lint("--format", "json", "--encoding", encoding, "reply.txt")
    assert _stock(run) == _positions(text, *phrases)
    as_utf8 = lint("--format", "json", "reply.txt")  # without the option: not UTF-8
    assert as_utf8.error_line().startswith(
        "replylint: error: reply.txt: cannot decode as utf-8 at byte "
    )


def test_encoding_from_the_config_top_level_and_per_path(lint, tmp_path):
    (tmp_path / "ru").mkdir()
    (tmp_path / "zh").mkdir()
    (tmp_path / "ru" / "stock.txt").write_bytes(RU.encode("cp1251"))
    (tmp_path / "zh" / "stock.txt").write_bytes(ZH_SIMPLIFIED.encode("gbk"))
    (tmp_path / "zh" / "utf8.txt").write_bytes(codecs.BOM_UTF8 + ZH_SIMPLIFIED.encode())
    (tmp_path / ".replylint.yaml").write_text(
        "encoding: gbk\nper-path:\n  ru/**:\n    encoding: cp1251\n", encoding="utf-8"
    )
    run = lint("--format", "json", "--select", "out-of-stock", ".")
    assert run.code == 1, run.stderr
    found = sorted((r["path"], r["line"], r["column"]) for r in run.json())
    zh = [(line, col) for line, col, _ in _positions(ZH_SIMPLIFIED, "缺货", "没有库存")]
    assert found == sorted(
        [("ru/stock.txt", *_positions(RU, "нет в наличии")[0][:2])]
        + [("zh/stock.txt", *pos) for pos in zh]
        + [("zh/utf8.txt", *pos) for pos in zh]  # a BOM wins over any configured encoding
    )
    # The command line wins over the config (gbk here): a Big5 file.
    (tmp_path / "zh" / "hant.txt").write_bytes(ZH_TRADITIONAL.encode("big5"))
    forced = lint("--format", "json", "--encoding", "big5", "zh/hant.txt")
    assert _stock(forced) == _positions(ZH_TRADITIONAL, "缺貨", "沒有庫存")


@pytest.mark.parametrize("name", ["klingon", "hex", "zlib"])
def test_unknown_or_bytes_only_encoding_is_one_error(lint, tmp_path, name):
    (tmp_path / "reply.txt").write_text("Hi.\n", encoding="utf-8")
    run = lint("--encoding", name, "reply.txt")
    assert run.error_line() == f"replylint: error: --encoding: unknown encoding '{name}'"
    stdin = lint("--encoding", name, "-", input=b"Hi.")
    assert stdin.error_line() == run.error_line()


def test_a_codec_that_refuses_everything_is_one_error(lint, tmp_path):
    (tmp_path / "reply.txt").write_text("Hi.\n", encoding="utf-8")
    run = lint("--encoding", "undefined", "reply.txt")
    assert run.error_line() == (
        "replylint: error: reply.txt: cannot decode as undefined: decoding with 'undefined' "
        "codec failed (UnicodeError: undefined encoding)"
    )


UNICODE_TEXT = "Hello 😀,\r\n\r\nSorry 𠮷, the jacket is out of stock.\r\n"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom_need_no_option(lint, tmp_path, bom, codec):
    (tmp_path / "reply.txt").write_bytes(bom + UNICODE_TEXT.encode(codec))
    run = lint("--format", "json", "reply.txt")
    # Columns count code points: 𠮷 is one column (two UTF-16 code units, four UTF-8 bytes).
    assert _stock(run) == [(3, 24, "out of stock")] == _positions(UNICODE_TEXT, "out of stock")


# file -> (text, number of findings)
BOM_CRLF = {
    "reply.txt": ("Hello,\n\nSorry, it is out of stock.\n", 1),
    "reply.md": ("# Hi\n\n> Sorry, it is **out of stock**.\n\n- Sorry, out of stock\n", 2),
    "reply.html": ("<p>Hello</p>\n<p>Sorry, it is <b>out of stock</b>.</p>\n", 1),
    "macros.yaml": (
        'macros:\n  - title: Stock\n    body: "Sorry, \\u00e9 it is out of stock."\n'
        "  - title: Two\n    body: |\n      Hello.\n      Sorry, it is out of stock.\n",
        2,
    ),
    "macros.json": (
        '{"macros": [\n  {"title": "Stock", "body": "Sorry,\\n it is out of stock."}\n]}\n',
        1,
    ),
    "macros.csv": (
        'title,body\nStock,"Sorry,\nit is ""very"" out of stock."\nB,Sorry it is out of stock\n',
        2,
    ),
}


@pytest.mark.parametrize("name", sorted(BOM_CRLF))
def test_utf8_bom_and_crlf_keep_columns_right(lint, tmp_path, name):
    text, expected = BOM_CRLF[name]
    text = text.replace("\n", "\r\n")
    (tmp_path / name).write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    run = lint("--format", "json", "--select", "out-of-stock", name)
    assert run.code == 1, run.stderr
    lines = text.split("\r\n")
    records = run.json()
    assert len(records) == expected
    for record in records:
        line = lines[int(record["line"]) - 1]
        assert record["line"] == record["end_line"]
        assert line[int(record["column"]) - 1 : int(record["end_column"]) - 1] == "out of stock"
        assert record["match"] == "out of stock"


def test_bom_and_crlf_survive_a_fix(lint, tmp_path):
    # Writing back keeps the encoding, the BOM and the line endings.
    text = "您好！\r\n\r\n请稍等,我查一下订单。\r\n"
    path: Path = tmp_path / "reply.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    run = lint("--fix", "--select", "ascii-punctuation-in-chinese", "reply.txt")
    assert run.code == 0, run.stderr
    assert path.read_bytes() == codecs.BOM_UTF16_LE + text.replace(",", "，").encode("utf-16-le")
