"""Rule-file validation: every error located, all collected, exit 2 from the CLI."""

from __future__ import annotations

import pytest

from replylint.errors import RuleFileErrors
from replylint.ruleset.loader import load_ruleset
from replylint.ruleset.schema import validate_rule

VALID = """\
id: out-of-stock
lang: ru
severity: warning
message: "m"
why: "w"
source: "s"
phrases:
  - нет в наличии
examples:
  bad:
    - "Товара [[нет в наличии]]."
  good:
    - "Есть в наличии."
"""


def test_valid_rule_passes():
    spec, errors = validate_rule("rules/ru/out-of-stock.yaml", VALID, "ru", "out-of-stock")
    assert errors == []
    assert spec is not None
    assert spec.phrases[0].text == "нет в наличии"
    assert (spec.phrases[0].line, spec.phrases[0].column) == (8, 5)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("severity: warning", "severity: warn"),
            "3:11: 'severity' must be one of suggestion, warning, error",
        ),
        (("phrases:", "phrazes:"), "7:1: unknown key 'phrazes' (did you mean 'phrases'?)"),
        (("lang: ru", "lang: de"), "2:7: 'lang' must be one of en, ru, lv, zh"),
        (("id: out-of-stock", "id: Out_Of_Stock"), "1:5: 'id' must be kebab-case"),
        (
            ('    - "Товара [[нет в наличии]]."', '    - "Товара нет в наличии."'),
            "11:7: a 'bad' example must mark the reported span with [[…]]",
        ),
        (("  - нет в наличии", "  - нет ... ... наличии"), "8:5: invalid phrase"),
        (('message: "m"', "message: 12"), "4:10: 'message' must be a string"),
    ],
)
def test_errors_are_located(change, expected):
    text = VALID.replace(*change)
    assert text != VALID
    spec, errors = validate_rule("r.yaml", text, "ru", "out-of-stock")
    assert spec is None
    rendered = [e.render() for e in errors]
    assert any(r.startswith(f"r.yaml:{expected}") for r in rendered), rendered


def test_invalid_regex_is_located():
    text = VALID.replace("phrases:\n  - нет в наличии", 'patterns:\n  - "товар(а"')
    _, errors = validate_rule("r.yaml", text, "ru", "out-of-stock")
    assert [e.render()[:27] for e in errors] == ["r.yaml:8:5: invalid pattern"]


def test_file_name_and_directory_must_agree():
    _, errors = validate_rule("rules/en/x.yaml", VALID, "en", "other-name")
    messages = " | ".join(e.message for e in errors)
    assert "does not match the file name" in messages
    assert "does not match the directory" in messages


def test_yaml_syntax_error_has_position():
    _, errors = validate_rule("r.yaml", "id: [unclosed\nlang: ru\n", None, None)
    assert len(errors) == 1
    assert errors[0].line is not None
    assert errors[0].render().startswith("r.yaml:")


def test_loader_collects_every_error_before_failing(tmp_path):
    (tmp_path / "ru").mkdir()
    (tmp_path / "ru" / "a.yaml").write_text(
        VALID.replace("id: out-of-stock", "id: a").replace("warning", "bad"), encoding="utf-8"
    )
    (tmp_path / "ru" / "b.yaml").write_text("id: b\n", encoding="utf-8")
    with pytest.raises(RuleFileErrors) as info:
        load_ruleset([tmp_path], use_builtin=False)
    paths = {e.path.rsplit("/", 1)[-1] for e in info.value.errors}
    assert paths == {"a.yaml", "b.yaml"}
    assert len(info.value.errors) >= 3
