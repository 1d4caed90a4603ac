"""``.replylint.yaml``: discovery by walking up from the working directory, strict validation."""

import os
import sys
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from replylint.diagnostics import SEVERITY_NAMES, Severity
from replylint.errors import ConfigError
from replylint.lang import LANGUAGES
from replylint.text import LineIndex, codec_name

if TYPE_CHECKING:
    from pathlib import Path


CONFIG_NAMES = (".replylint.yaml", ".replylint.yml")
# Config keys that say how structured files are read, and the SourceOptions field of each.
SOURCE_KEYS = {
    "text-keys": "text_keys",
    "lang-keys": "lang_keys",
    "export": "export",
    "text-column": "text_column",
    "encoding": "encoding",
}
KEYS = (
    "select",
    "ignore",
    "severity",
    "fail-on",
    "rules",
    "lang",
    "structure",
    "per-path",
    "exclude",
    "locales",
    "allow-lists",
    *SOURCE_KEYS,
)
PER_PATH_KEYS = ("lang", "structure", "ignore", *SOURCE_KEYS)


class PathRule(NamedTuple):
    """Settings for the files a gitignore-style pattern matches (relative to the config file)."""

    pattern: str
    root: "Path"
    lang: str | None = None
    structure: bool | None = None
    ignore: tuple[str, ...] = ()
    sources: tuple[tuple[str, object], ...] = ()  # SourceOptions fields to override

    def matches(self, path: str | os.PathLike[str]) -> bool:
        """Tell whether ``path`` (any form) falls under this rule's pattern."""
        try:
            relative = _as_path(os.fspath(path)).resolve().relative_to(self.root)
        except ValueError:
            return False
        from replylint.walk import gitignore_spec

        return bool(gitignore_spec((self.pattern,)).match_file(relative.as_posix()))


class Config(NamedTuple):
    """Settings from a config file; ``None`` means "not set here"."""

    path: "Path | None" = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = MappingProxyType({})  # rule id -> severity
    fail_on: Severity | None = None
    rules: "tuple[Path, ...]" = ()
    lang: str | None = None
    structure: bool | None = None
    per_path: tuple[PathRule, ...] = ()
    exclude: tuple[PathRule, ...] = ()
    sources: tuple[tuple[str, object], ...] = ()  # SourceOptions fields set by the config
    locales: tuple[str, ...] = ()
    allow_lists: tuple[tuple[str, frozenset[str]], ...] = ()  # e.g. ("placeholders", {...})


def find_config(start: "str | os.PathLike[str]") -> "Path | None":
    """The nearest ``.replylint.yaml``, or ``pyproject.toml`` with ``[tool.replylint]``, upwards.

    The walk uses path strings: every pre-commit run makes it, and most find nothing, so
    ``pathlib`` (and the ``urllib.parse`` it imports) is loaded only for a file found.
    """
    directory = os.path.abspath(start)  # noqa: PTH100 - strings: no pathlib at start-up
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)  # noqa: PTH118
            if os.path.isfile(candidate):  # noqa: PTH113
                return _as_path(candidate)
        pyproject = os.path.join(directory, "pyproject.toml")  # noqa: PTH118
        if (
            os.path.isfile(pyproject)  # noqa: PTH113
            and _may_name_the_table(_read(pyproject))
            and _pyproject_table(pyproject) is not None
        ):
            return _as_path(pyproject)
        parent = os.path.dirname(directory)  # noqa: PTH120
        if parent == directory:
            return None
        directory = parent


def _as_path(found: str) -> "Path":
    from pathlib import Path

    return Path(found)


def _may_name_the_table(text: str) -> bool:
    r"""Whether a pyproject.toml could hold ``[tool.replylint]`` at all.

    A TOML key is the bare word or a quoted string, which may spell it with ``\u``/``\U``
    escapes; a file with neither is not parsed. Most projects that run the pre-commit hook
    keep a pyproject.toml for other tools, and parsing it cost more than linting a reply.
    """
    return "replylint" in text or r"\u" in text or r"\U" in text


def _pyproject_table(path: "str | Path") -> dict[str, object] | None:
    """The ``[tool.replylint]`` table of a pyproject.toml, or None; bad TOML is an error."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    table = data.get("tool", {}).get("replylint")
    return table if isinstance(table, dict) else None


def load_config(path: "Path") -> Config:
    """Read and validate ``path``; every problem is a ``ConfigError`` with line and column.

    ``pyproject.toml`` is read from its ``[tool.replylint]`` table with the same keys; TOML
    gives no positions, so its errors name the table instead of a line.
    """
    if path.name == "pyproject.toml":
        table = _pyproject_table(path)
        if table is None:
            raise ConfigError("no [tool.replylint] table", str(path))
        import yaml  # only when there is a config to read: most runs never load PyYAML

        text = yaml.safe_dump(table, allow_unicode=True, sort_keys=False)
        try:
            return _load_config_text(path, text)
        except ConfigError as exc:
            raise ConfigError(f"[tool.replylint]: {exc.message}", str(path)) from None
    return _load_config_text(path, _read(path))


def _read(path: "str | Path") -> str:
    """The text of a config file (UTF-8, BOM allowed); a problem is one ``ConfigError`` line."""
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 - a string while looking for the file
            return handle.read().decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc.strerror or exc}", str(path)) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot decode as UTF-8 at byte {exc.start}", str(path)) from None


def _load_config_text(path: "Path", text: str) -> Config:
    import yaml  # only when there is a config to read: most runs never load PyYAML

    shown = str(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:  # a control character; its message spans lines
        line, column = LineIndex(text).line_col(min(exc.position, len(text)))
        problem = f"invalid YAML: unacceptable character #x{exc.character:04x}"
        raise ConfigError(problem, shown, line, column) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            f"invalid YAML: {getattr(exc, 'problem', None) or exc}".splitlines()[0],
            shown,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    if root is None:
        return Config(path=path)
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError("the config must be a YAML mapping", shown, 1, 1)

    def fail(node: yaml.Node, message: str) -> ConfigError:
        return ConfigError(message, shown, node.start_mark.line + 1, node.start_mark.column + 1)

    def ids(node: yaml.Node, key: str, what: str = "rule ids") -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
            return tuple(v.strip() for v in node.value.split(",") if v.strip())
        if isinstance(node, yaml.SequenceNode) and all(
            isinstance(v, yaml.ScalarNode) and v.tag == "tag:yaml.org,2002:str" for v in node.value
        ):
            return tuple(v.value for v in node.value)
        raise fail(node, f"{key!r} must be a list of {what}")

    def severity(node: yaml.Node, what: str) -> Severity:
        if not isinstance(node, yaml.ScalarNode) or node.value not in SEVERITY_NAMES:
            raise fail(node, f"{what} must be one of {', '.join(SEVERITY_NAMES)}")
        return Severity.parse(node.value)

    def boolean(node: yaml.Node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise fail(node, f"{what} must be true or false")
        return node.value.lower() in ("true", "yes", "on")

    def language(node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.value not in (*LANGUAGES, "auto"):
            raise fail(node, f"'lang' must be auto or one of {', '.join(LANGUAGES)}")
        return None if node.value == "auto" else str(node.value)

    def per_path(node: yaml.Node) -> tuple[PathRule, ...]:
        if not isinstance(node, yaml.MappingNode):
            raise fail(node, "'per-path' must map path patterns to settings")
        rules = []
        for pattern_node, body in node.value:
            if not isinstance(body, yaml.MappingNode):
                raise fail(body, f"settings for {pattern_node.value!r} must be a mapping")
            fields: dict[str, object] = {}
            for key_node, value in body.value:
                key = key_node.value
                if key not in PER_PATH_KEYS:
                    hint = _did_you_mean(str(key), PER_PATH_KEYS)
                    raise fail(key_node, f"unknown per-path key {key!r}{hint}")
                if key == "lang":
                    fields["lang"] = language(value)
                elif key == "structure":
                    fields["structure"] = boolean(value, "'structure'")
                elif key == "ignore":
                    fields["ignore"] = ids(value, "ignore")
                else:
                    merged = dict(fields.get("sources", ()))  # type: ignore[call-overload]
                    merged[SOURCE_KEYS[key]] = source_value(key, value)
                    fields["sources"] = tuple(merged.items())
            root = path.parent.resolve()
            rules.append(PathRule(str(pattern_node.value), root, **fields))  # type: ignore[arg-type]
        return tuple(rules)

    def source_value(key: str, node: yaml.Node) -> object:
        if key in ("text-keys", "lang-keys"):
            return ids(node, key, "keys")
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise fail(node, f"{key!r} must be a string")
        if key == "export":
            from replylint.sources.exports import EXPORTS

            if node.value not in EXPORTS:
                raise fail(node, f"'export' must be one of {', '.join(EXPORTS)}")
        if key == "encoding" and codec_name(node.value) is None:
            raise fail(node, f"unknown encoding {node.value!r}")
        return str(node.value)

    settings: dict[str, object] = {}
    seen: set[str] = set()
    for key_node, value in root.value:
        key = key_node.value
        if key in seen:
            raise fail(key_node, f"duplicate key {key!r}")
        seen.add(key)
        if key not in KEYS:
            hint = _did_you_mean(str(key), KEYS)
            raise fail(key_node, f"unknown key {key!r}{hint}")
        if key in ("select", "ignore"):
            settings[key] = ids(value, key)
        elif key == "fail-on":
            settings["fail_on"] = severity(value, "'fail-on'")
        elif key == "severity":
            if not isinstance(value, yaml.MappingNode):
                raise fail(value, "'severity' must map rule ids to suggestion|warning|error")
            settings["severity"] = {
                k.value: severity(v, f"severity of {k.value!r}") for k, v in value.value
            }
        elif key == "rules":
            dirs = ids(value, "rules", "directories")
            settings["rules"] = tuple((path.parent / d).resolve() for d in dirs)
        elif key == "structure":
            settings["structure"] = boolean(value, "'structure'")
        elif key == "lang":
            settings["lang"] = language(value)
        elif key == "per-path":
            settings["per_path"] = per_path(value)
        elif key == "allow-lists":
            if not isinstance(value, yaml.MappingNode):
                raise fail(value, "'allow-lists' must map list names to lists of allowed values")
            settings["allow_lists"] = tuple(
                (str(k.value), frozenset(ids(v, str(k.value), "allowed values")))
                for k, v in value.value
            )
        elif key == "locales":
            codes = ids(value, "locales", "languages")
            unknown = [code for code in codes if code not in LANGUAGES]
            if unknown:
                raise fail(value, f"'locales' may hold {', '.join(LANGUAGES)} (got {unknown[0]!r})")
            settings["locales"] = codes
        elif key in SOURCE_KEYS:
            merged = dict(settings.get("sources", ()))  # type: ignore[call-overload]
            merged[SOURCE_KEYS[key]] = source_value(key, value)
            settings["sources"] = tuple(merged.items())
        elif key == "exclude":
            base = path.parent.resolve()
            patterns = ids(value, "exclude", "path patterns")
            settings["exclude"] = tuple(PathRule(p, base) for p in patterns)
    return Config(path=path, **settings)  # type: ignore[arg-type]


def _did_you_mean(key: str, known: Sequence[str]) -> str:
    """A hint naming the closest known key, or ""; difflib is imported only for this error."""
    import difflib

    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
