"""``.replylint.yaml``: discovery up the directory tree, every key, and located errors."""

from __future__ import annotations

import codecs

import pytest

from replylint.config import Config, find_config, load_config
from replylint.diagnostics import Severity
from replylint.errors import ConfigError

# --- find_config -----------------------------------------------------------------------------


def test_find_config_in_the_start_directory(tmp_path):
    config = tmp_path / ".replylint.yaml"
    config.write_text("lang: en\n", encoding="utf-8")
    assert find_config(tmp_path) == config


def test_find_config_walks_up_parents(tmp_path):
    config = tmp_path / ".replylint.yaml"
    config.write_text("lang: en\n", encoding="utf-8")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config(deep) == config


def test_find_config_yml_spelling(tmp_path):
    config = tmp_path / ".replylint.yml"
    config.write_text("lang: ru\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert find_config(tmp_path / "sub") == config


def test_find_config_prefers_yaml_over_yml_in_one_directory(tmp_path):
    (tmp_path / ".replylint.yml").write_text("lang: ru\n", encoding="utf-8")
    (tmp_path / ".replylint.yaml").write_text("lang: en\n", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / ".replylint.yaml"


def test_find_config_nearest_wins(tmp_path):
    (tmp_path / ".replylint.yaml").write_text("lang: en\n", encoding="utf-8")
    inner = tmp_path / "team"
    inner.mkdir()
    (inner / ".replylint.yml").write_text("lang: lv\n", encoding="utf-8")
    (inner / "replies").mkdir()
    assert find_config(inner / "replies") == inner / ".replylint.yml"


def test_find_config_ignores_a_directory_with_the_config_name(tmp_path):
    (tmp_path / ".replylint.yaml").mkdir()
    (tmp_path / ".replylint.yml").write_text("lang: zh\n", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / ".replylint.yml"


def test_find_config_none(tmp_path):
    assert find_config(tmp_path) is None


# --- load_config: values ---------------------------------------------------------------------


def write(tmp_path, text: str, name: str = ".replylint.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_empty_file_gives_defaults(tmp_path):
    path = write(tmp_path, "")
    assert load_config(path) == Config(path=path)
    assert load_config(path) == Config(
        path=path,
        select=None,
        ignore=(),
        severity={},
        fail_on=None,
        rules=(),
        lang=None,
        structure=None,
    )


def test_comment_only_file_gives_defaults(tmp_path):
    path = write(tmp_path, "# nothing here yet\n")
    assert load_config(path) == Config(path=path)


def test_select_as_list(tmp_path):
    path = write(tmp_path, "select: [out-of-stock, insult]\n")
    assert load_config(path).select == ("out-of-stock", "insult")


def test_select_as_block_list(tmp_path):
    path = write(tmp_path, "select:\n  - out-of-stock\n  - insult\n")
    assert load_config(path).select == ("out-of-stock", "insult")


def test_select_as_comma_string(tmp_path):
    path = write(tmp_path, "select: out-of-stock, insult ,policy-excuse,\n")
    assert load_config(path).select == ("out-of-stock", "insult", "policy-excuse")


def test_empty_select_list_selects_nothing(tmp_path):
    path = write(tmp_path, "select: []\n")
    assert load_config(path).select == ()


def test_ignore(tmp_path):
    assert load_config(write(tmp_path, "ignore: [insult]\n")).ignore == ("insult",)
    assert load_config(write(tmp_path, "ignore: insult, out-of-stock\n")).ignore == (
        "insult",
        "out-of-stock",
    )


def test_severity_mapping(tmp_path):
    path = write(tmp_path, "severity:\n  out-of-stock: error\n  insult: suggestion\n  x: warning\n")
    assert load_config(path).severity == {
        "out-of-stock": Severity.ERROR,
        "insult": Severity.SUGGESTION,
        "x": Severity.WARNING,
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [("suggestion", Severity.SUGGESTION), ("warning", Severity.WARNING), ("error", Severity.ERROR)],
)
def test_fail_on(tmp_path, value, expected):
    assert load_config(write(tmp_path, f"fail-on: {value}\n")).fail_on is expected


def test_rules_dirs_resolve_relative_to_the_config_file(tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    path = write(project, "rules: [team-rules, ../shared/rules]\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert load_config(path).rules == (
        (project / "team-rules").resolve(),
        (tmp_path / "shared" / "rules").resolve(),
    )


def test_rules_dir_as_string(tmp_path):
    path = write(tmp_path, "rules: team-rules\n")
    assert load_config(path).rules == ((tmp_path / "team-rules").resolve(),)


def test_absolute_rules_dir_is_kept(tmp_path):
    target = tmp_path / "abs"
    (tmp_path / "sub").mkdir()
    path = write(tmp_path / "sub", f"rules: ['{target}']\n")
    assert load_config(path).rules == (target.resolve(),)


@pytest.mark.parametrize(
    ("value", "expected"), [("en", "en"), ("ru", "ru"), ("lv", "lv"), ("zh", "zh"), ("auto", None)]
)
def test_lang(tmp_path, value, expected):
    assert load_config(write(tmp_path, f"lang: {value}\n")).lang == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("false", False), ("True", True), ("no", False), ("on", True)],
)
def test_structure(tmp_path, value, expected):
    assert load_config(write(tmp_path, f"structure: {value}\n")).structure is expected


def test_every_key_together(tmp_path):
    path = write(
        tmp_path,
        "select: ALL\n"
        "ignore: [insult]\n"
        "severity:\n"
        "  out-of-stock: error\n"
        "fail-on: error\n"
        "rules: [r]\n"
        "lang: lv\n"
        "structure: false\n",
    )
    assert load_config(path) == Config(
        path=path,
        select=("ALL",),
        ignore=("insult",),
        severity={"out-of-stock": Severity.ERROR},
        fail_on=Severity.ERROR,
        rules=((tmp_path / "r").resolve(),),
        lang="lv",
        structure=False,
    )


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / ".replylint.yaml"
    path.write_bytes(codecs.BOM_UTF8 + b"lang: ru\n")
    assert load_config(path).lang == "ru"


# --- load_config: errors ---------------------------------------------------------------------


def error_of(tmp_path, text: str) -> str:
    path = write(tmp_path, text, name="cfg.yaml")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value.render().replace(str(path), "cfg.yaml")


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        (
            "select: [a]\nselekt: [b]\n",
            "cfg.yaml:2:1: unknown key 'selekt' (did you mean 'select'?)",
        ),
        ("failon: error\n", "cfg.yaml:1:1: unknown key 'failon' (did you mean 'fail-on'?)"),
        ("  rule: [x]\n", "cfg.yaml:1:3: unknown key 'rule' (did you mean 'rules'?)"),
        ("zzzz: 1\n", "cfg.yaml:1:1: unknown key 'zzzz'"),
    ],
)
def test_unknown_key(tmp_path, text, rendered):
    assert error_of(tmp_path, text) == rendered


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("select: 3\n", "cfg.yaml:1:9: 'select' must be a list of rule ids"),
        ("select:\n", "cfg.yaml:1:8: 'select' must be a list of rule ids"),
        ("select:\n  a: b\n", "cfg.yaml:2:3: 'select' must be a list of rule ids"),
        ("select: [a, 1]\n", "cfg.yaml:1:9: 'select' must be a list of rule ids"),
        ("ignore: [[a]]\n", "cfg.yaml:1:9: 'ignore' must be a list of rule ids"),
        ("ignore: true\n", "cfg.yaml:1:9: 'ignore' must be a list of rule ids"),
        (
            "severity: [a]\n",
            "cfg.yaml:1:11: 'severity' must map rule ids to suggestion|warning|error",
        ),
        (
            "severity: error\n",
            "cfg.yaml:1:11: 'severity' must map rule ids to suggestion|warning|error",
        ),
        ("structure: maybe\n", "cfg.yaml:1:12: 'structure' must be true or false"),
        ("structure: 1\n", "cfg.yaml:1:12: 'structure' must be true or false"),
        ("structure: [true]\n", "cfg.yaml:1:12: 'structure' must be true or false"),
    ],
)
def test_wrong_types(tmp_path, text, rendered):
    assert error_of(tmp_path, text) == rendered


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        (
            "severity:\n  out-of-stock: fatal\n",
            "cfg.yaml:2:17: severity of 'out-of-stock' must be one of suggestion, warning, error",
        ),
        (
            "severity:\n  insult: Error\n",
            "cfg.yaml:2:11: severity of 'insult' must be one of suggestion, warning, error",
        ),
        (
            "severity:\n  insult: [error]\n",
            "cfg.yaml:2:11: severity of 'insult' must be one of suggestion, warning, error",
        ),
    ],
)
def test_bad_severity(tmp_path, text, rendered):
    assert error_of(tmp_path, text) == rendered


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("fail-on: never\n", "cfg.yaml:1:10: 'fail-on' must be one of suggestion, warning, error"),
        ("fail-on: 2\n", "cfg.yaml:1:10: 'fail-on' must be one of suggestion, warning, error"),
        ("fail-on:\n", "cfg.yaml:1:9: 'fail-on' must be one of suggestion, warning, error"),
    ],
)
def test_bad_fail_on(tmp_path, text, rendered):
    assert error_of(tmp_path, text) == rendered


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("lang: de\n", "cfg.yaml:1:7: 'lang' must be auto or one of en, ru, lv, zh"),
        ("lang: EN\n", "cfg.yaml:1:7: 'lang' must be auto or one of en, ru, lv, zh"),
        ("lang: [en]\n", "cfg.yaml:1:7: 'lang' must be auto or one of en, ru, lv, zh"),
    ],
)
def test_bad_lang(tmp_path, text, rendered):
    assert error_of(tmp_path, text) == rendered


@pytest.mark.parametrize("text", ["- select\n- ignore\n", "just a string\n", "42\n"])
def test_root_must_be_a_mapping(tmp_path, text):
    assert error_of(tmp_path, text) == "cfg.yaml:1:1: the config must be a YAML mapping"


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        (
            "select: [a\n",
            "cfg.yaml:2:1: invalid YAML: expected ',' or ']', but got '<stream end>'",
        ),
        ("lang: en: ru\n", "cfg.yaml:1:9: invalid YAML: mapping values are not allowed here"),
        (
            "lang: en\n\tselect: [a]\n",
            "cfg.yaml:2:1: invalid YAML: found character '\\t' that cannot start any token",
        ),
    ],
)
def test_invalid_yaml_syntax(tmp_path, text, rendered):
    assert error_of(tmp_path, text) == rendered


def test_first_error_wins_in_file_order(tmp_path):
    assert error_of(tmp_path, "lang: xx\nfail-on: never\n") == (
        "cfg.yaml:1:7: 'lang' must be auto or one of en, ru, lv, zh"
    )


def test_unreadable_config_is_a_config_error(tmp_path):
    path = tmp_path / "cfg.yaml"
    path.write_bytes(b"lang: \xff\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.path == str(path)
    assert info.value.message == "cannot decode as UTF-8 at byte 6"
    assert info.value.line is None


def test_rules_type_error_talks_about_directories(tmp_path):
    rendered = error_of(tmp_path, "rules: 5\n")
    assert rendered.startswith("cfg.yaml:1:8: 'rules' must be a list of ")
    assert "rule ids" not in rendered


def test_pyproject_tool_table_is_found_and_read(tmp_path):
    from replylint.config import find_config, load_config

    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.replylint]\nignore = ["policy-excuse"]\nfail-on = "error"\n'
        'per-path = { "macros/**" = { structure = false } }\n',
        encoding="utf-8",
    )
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    found = find_config(sub)
    assert found == tmp_path / "pyproject.toml"
    config = load_config(found)
    assert config.ignore == ("policy-excuse",)
    assert config.fail_on is not None and config.fail_on.label == "error"
    assert config.per_path[0].structure is False


def test_pyproject_without_table_is_skipped_and_errors_name_the_table(tmp_path):
    from replylint.config import find_config, load_config
    from replylint.errors import ConfigError

    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text(
        '[tool.replylint]\nfail_on = "error"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "pyproject.toml")
    assert info.value.render() == (
        f"{tmp_path / 'pyproject.toml'}: [tool.replylint]: "
        "unknown key 'fail_on' (did you mean 'fail-on'?)"
    )


def test_a_pyproject_that_cannot_name_the_table_is_not_parsed(tmp_path, monkeypatch):
    from replylint import config as config_module
    from replylint.config import find_config

    parsed = []
    real = config_module._pyproject_table
    monkeypatch.setattr(
        config_module, "_pyproject_table", lambda path: parsed.append(path) or real(path)
    )
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n[tool.ruff]\nline-length = 99\n', "utf-8")
    assert find_config(tmp_path) is None
    assert parsed == []
    pyproject.write_text('[tool.ruff\nbroken = "TOML, but not ours"\n', "utf-8")
    assert find_config(tmp_path) is None  # not our file to judge
    pyproject.write_text('[project]\ndependencies = ["replylint>=1"]\n', "utf-8")
    assert find_config(tmp_path) is None
    assert [str(path) for path in parsed] == [str(pyproject)]


def test_a_table_name_spelled_with_escapes_is_still_found(tmp_path):
    from replylint.config import find_config, load_config

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool."\\u0072eplylint"]\nignore = ["policy-excuse"]\n', "utf-8")
    assert "replylint" not in pyproject.read_text("utf-8")
    assert find_config(tmp_path) == pyproject
    assert load_config(pyproject).ignore == ("policy-excuse",)
