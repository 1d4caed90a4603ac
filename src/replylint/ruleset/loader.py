"""Find rule files, validate them (collecting every error) and return a compiled rule set.

Compiling expands rule words through the lexicons, which is slow, so the compiled set is cached
by the content of every rule file (see ``cache``); a cache hit parses no YAML at all.
"""

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from replylint.errors import RuleFileError, RuleFileErrors
from replylint.lang import LANGUAGES
from replylint.ruleset import cache, package_dir
from replylint.ruleset.compiled import CompiledRuleSet
from replylint.ruleset.spec import RuleSpec

if TYPE_CHECKING:
    from pathlib import Path


class RuleFile(NamedTuple):
    """A rule file found on disk: its shown path, bytes and the language its directory implies."""

    display_path: str
    data: bytes
    dir_lang: str | None


def builtin_rules_dir() -> "Path":
    """The packaged rule data, or the repository's ``rules/`` in a source checkout."""
    from pathlib import Path

    return Path(_builtin_rules_root())


def _builtin_rules_root() -> str:
    """``builtin_rules_dir()`` as a string: a run with the shipped rules imports no pathlib."""
    package = package_dir()
    packaged = os.path.join(package, "_builtin_rules")  # noqa: PTH118
    if os.path.isdir(packaged):  # noqa: PTH112
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(package)), "rules")  # noqa: PTH118, PTH120


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as users should see it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return os.fspath(path)


def find_rule_files(directory: "Path") -> list[RuleFile]:
    """Every ``*.yaml``/``*.yml`` under ``directory``, sorted.

    A parent directory named en, ru, lv or zh sets the language the file must declare.
    Symbolic links to files count; linked directories are not entered. Every run lists the
    built-in rules for the cache key, so this walks with ``os.scandir`` and works out the
    directory's shown path once.
    """
    if not directory.is_dir():
        raise RuleFileError("rule directory not found", display_path(directory))
    shown_root = display_path(directory)
    found = []
    for parts in sorted(_yaml_files(str(directory), ())):
        full = os.path.join(directory, *parts)  # noqa: PTH118 - strings: no Path per file
        shown = os.path.normpath(os.path.join(shown_root, *parts))  # noqa: PTH118
        try:
            with open(full, "rb") as handle:  # noqa: PTH123 - a plain path string is cheaper
                data = handle.read()
        except OSError as exc:
            raise RuleFileError(f"cannot read rule file: {exc.strerror}", shown) from None
        parent = parts[-2] if len(parts) > 1 else directory.name
        found.append(RuleFile(shown, data, parent if parent in LANGUAGES else None))
    return found


_SUFFIXES = (".yaml", ".yml")


def _yaml_files(root: str, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Path parts (below the walk's start) of the YAML files under ``root``."""
    found = []
    with os.scandir(root) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_yaml_files(entry.path, (*prefix, entry.name)))
            elif os.path.splitext(entry.name)[1] in _SUFFIXES and entry.is_file():  # noqa: PTH122
                found.append((*prefix, entry.name))
    return found


def parse_rule_files(files: Sequence[RuleFile]) -> list[RuleSpec]:
    """Validate every file; raise ``RuleFileErrors`` with all problems, or return the specs.

    A later file with the same id and language replaces an earlier one, so a team's rule
    directory can override a built-in rule.
    """
    from replylint.ruleset.schema import validate_rule  # only on a cache miss

    errors: list[RuleFileError] = []
    specs: dict[tuple[str, str], RuleSpec] = {}
    for rule_file in files:
        try:
            text = rule_file.data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            errors.append(RuleFileError(f"not UTF-8 (byte {exc.start})", rule_file.display_path))
            continue
        stem = os.path.splitext(os.path.basename(rule_file.display_path))[0]  # noqa: PTH119, PTH122
        spec, problems = validate_rule(rule_file.display_path, text, rule_file.dir_lang, stem)
        errors.extend(problems)
        if spec is not None:
            specs[(spec.id, spec.lang)] = spec
    if errors:
        raise RuleFileErrors(errors)
    return sorted(specs.values(), key=lambda s: (s.id, s.lang))


def load_ruleset(extra_dirs: "Sequence[Path]" = (), use_builtin: bool = True) -> CompiledRuleSet:
    """Load, validate and compile the built-in rules plus ``extra_dirs``, through the cache.

    With the built-in rules alone, an installed copy uses the set compiled into its wheel
    (``prebuilt``) when that matches the installed libraries.
    """
    if use_builtin and not extra_dirs and cache.enabled():
        from replylint.ruleset import prebuilt

        shipped = prebuilt.load(_builtin_rules_root())
        if shipped is not None:
            return shipped
    files: list[RuleFile] = []
    if use_builtin:
        files.extend(find_rule_files(builtin_rules_dir()))
    for directory in extra_dirs:
        files.extend(find_rule_files(directory))
    key = cache.cache_key([(f.display_path, f.data) for f in files])
    shown = [f.display_path for f in files]
    cached = cache.load(key)
    if cached is not None and len(cached.sources) == len(shown):
        return cached if list(cached.sources) == shown else cached.relocated(shown)
    from replylint.ruleset.compile import compile_rules

    ruleset = compile_rules(parse_rule_files(files), shown)
    cache.store(key, ruleset)
    return ruleset
