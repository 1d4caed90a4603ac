"""Strict validation of rule files, every error located at ``FILE:LINE:COL``.

Files are parsed with ``yaml.compose`` (safe loading, no object construction) so that each
key and value keeps its position; errors are collected, not raised one by one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

import regex
import yaml

from replylint.diagnostics import SEVERITY_NAMES, Severity
from replylint.errors import RuleFileError
from replylint.lang import LANGUAGES
from replylint.ruleset.phrase import PhraseSyntaxError, parse_phrase
from replylint.ruleset.spec import FixSpec, Located, RuleSpec

ID_PATTERN = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# ``[[…]]`` marks a reported span; ``\[`` and ``\]`` write literal brackets (a ``[[fill-in]]``).
MARKER = regex.compile(r"(?<!\\)\[\[(.+?)(?<!\\)\]\]")

REQUIRED_KEYS = ("id", "lang", "severity", "message", "why", "source", "examples")
OPTIONAL_KEYS = ("phrases", "patterns", "unless", "unless-patterns", "suggest")
SCALAR_OPTIONAL_KEYS = (
    "unless-scope",
    "kind",
    "where",
    "sentences",
    "count",
    "max",
    "when",
    "check",
    "fix",
    "table",
)
UNLESS_SCOPES = ("sentence", "reply")
KINDS = ("match", "required", "limit", "consistency", "respell")
CHECKS = ("missing-locale", "placeholder-mismatch")
WHERE = ("first", "last", "anywhere")
COUNTS = ("questions", "same-text")
# Keys each kind accepts besides the common ones; the rest are an error for that kind.
KIND_KEYS = {
    "match": {"phrases", "patterns", "unless", "unless-patterns", "unless-scope", "fix"},
    "required": {"phrases", "patterns", "where", "sentences", "when"},
    "limit": {"phrases", "patterns", "count", "max", "when"},
    "consistency": {"check"},
    "respell": {"table", "fix"},
}
ALL_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS + SCALAR_OPTIONAL_KEYS


@dataclass
class _Collector:
    path: str
    errors: list[RuleFileError] = field(default_factory=list)

    def add(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        column = node.start_mark.column + 1 if node is not None else None
        self.errors.append(RuleFileError(message, self.path, line, column))


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _string(c: _Collector, node: yaml.Node, key: str, one_line: bool = False) -> str | None:
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        c.add(node, f"{key!r} must be a string")
        return None
    if not node.value.strip():
        c.add(node, f"{key!r} must not be empty")
        return None
    if one_line and "\n" in node.value.strip():
        c.add(node, f"{key!r} must be a single line")
        return None
    return str(node.value)


def _string_list(c: _Collector, node: yaml.Node, key: str) -> list[Located]:
    if not isinstance(node, yaml.SequenceNode):
        c.add(node, f"{key!r} must be a list of strings")
        return []
    out: list[Located] = []
    for item in node.value:
        text = _string(c, item, f"{key}[]")
        if text is not None:
            out.append(Located(text, item.start_mark.line + 1, item.start_mark.column + 1))
    return out


APPLICABILITIES = ("safe", "unsafe", "display-only")


def _fix(c: _Collector, node: yaml.Node | None, replacement_needed: bool = True) -> FixSpec | None:
    """``fix:`` — ``applicability`` plus either ``replace`` (a template) or ``map`` (by text)."""
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode):
        c.add(node, "'fix' must be a mapping with 'applicability' and 'replace' or 'map'")
        return None
    fields = {k.value: (k, v) for k, v in node.value}
    for key, (key_node, _) in fields.items():
        if key not in ("applicability", "replace", "map"):
            hint = _did_you_mean(key, ("applicability", "replace", "map"))
            c.add(key_node, f"unknown key 'fix.{key}'{hint}")
    applicability = None
    if "applicability" in fields:
        applicability = _string(c, fields["applicability"][1], "fix.applicability")
        if applicability is not None and applicability not in APPLICABILITIES:
            c.add(
                fields["applicability"][1],
                f"'fix.applicability' must be one of {', '.join(APPLICABILITIES)}",
            )
            applicability = None
    else:
        c.add(node, "'fix' needs 'applicability'")
    if not replacement_needed:
        if "replace" in fields or "map" in fields:
            c.add(node, "this rule computes its replacement: 'fix' takes only 'applicability'")
        return FixSpec(applicability) if applicability is not None else None
    if ("replace" in fields) == ("map" in fields):
        c.add(node, "'fix' needs exactly one of 'replace' and 'map'")
        return None
    replace = None
    pairs: list[tuple[str, str]] = []
    if "replace" in fields:
        value = fields["replace"][1]
        if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:str":
            replace = str(value.value)
        else:
            c.add(value, "'fix.replace' must be a string")
    else:
        value = fields["map"][1]
        if not isinstance(value, yaml.MappingNode):
            c.add(value, "'fix.map' must map matched text to its replacement")
        else:
            pairs = [(str(k.value), str(v.value)) for k, v in value.value]
    if applicability is None:
        return None
    return FixSpec(applicability, replace, tuple(pairs))


def _pattern_list(c: _Collector, node: yaml.Node) -> list[Located]:
    """Read ``patterns``: strings, or ``{pattern: …, allow-list: NAME}`` mappings.

    A mapping's ``(?P<name>…)`` group is reported only when its value is missing from the
    config's allow-list ``NAME``.
    """
    if not isinstance(node, yaml.SequenceNode):
        c.add(node, "'patterns' must be a list")
        return []
    out: list[Located] = []
    for item in node.value:
        where = (item.start_mark.line + 1, item.start_mark.column + 1)
        if not isinstance(item, yaml.MappingNode):
            text = _string(c, item, "patterns[]")
            if text is not None:
                out.append(Located(text, *where))
            continue
        fields = {k.value: v for k, v in item.value}
        unknown = set(fields) - {"pattern", "allow-list"}
        if unknown or "pattern" not in fields or "allow-list" not in fields:
            c.add(item, "a pattern mapping holds exactly 'pattern' and 'allow-list'")
            continue
        text = _string(c, fields["pattern"], "pattern")
        name = _string(c, fields["allow-list"], "allow-list")
        if text is not None and name is not None:
            if "(?P<name>" not in text:
                c.add(fields["pattern"], "an allow-list pattern needs a (?P<name>…) group")
            out.append(Located(text, *where, allow_list=name))
    return out


def _check_examples(c: _Collector, node: yaml.Node) -> tuple[list[Located], list[Located]]:
    if not isinstance(node, yaml.MappingNode):
        c.add(node, "'examples' must be a mapping with 'bad' and 'good' lists")
        return [], []
    found: dict[str, list[Located]] = {}
    for key_node, value in node.value:
        key = key_node.value
        if key not in ("bad", "good"):
            c.add(key_node, f"unknown key 'examples.{key}'{_did_you_mean(key, ('bad', 'good'))}")
            continue
        found[key] = _string_list(c, value, f"examples.{key}")
    for key in ("bad", "good"):
        if not found.get(key):
            c.add(node, f"'examples' needs at least one {key!r} example")
    for example in found.get("bad", []):
        if not MARKER.search(example.text):
            c.errors.append(
                RuleFileError(
                    "a 'bad' example must mark the reported span with [[…]]",
                    c.path,
                    example.line,
                    example.column,
                )
            )
    for example in found.get("good", []):
        if MARKER.search(example.text):
            c.errors.append(
                RuleFileError(
                    "a 'good' example must not mark spans", c.path, example.line, example.column
                )
            )
    return found.get("bad", []), found.get("good", [])


def validate_rule(
    path: str, text: str, expected_lang: str | None, expected_id: str | None
) -> tuple[RuleSpec | None, list[RuleFileError]]:
    """Validate one rule file's text; return the spec (if valid) and every error found."""
    c = _Collector(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        return None, [RuleFileError(f"invalid YAML: {problem}", path, line, col)]
    if not isinstance(root, yaml.MappingNode):
        return None, [RuleFileError("a rule file must be a YAML mapping", path, 1, 1)]

    values: dict[str, yaml.Node] = {}
    for key_node, value in root.value:
        key = key_node.value
        if key not in ALL_KEYS:
            c.add(key_node, f"unknown key {key!r}{_did_you_mean(key, ALL_KEYS)}")
        elif key in values:
            c.add(key_node, f"duplicate key {key!r}")
        else:
            values[key] = value
    for key in REQUIRED_KEYS:
        if key not in values:
            c.add(root, f"missing required key {key!r}")

    fields: dict[str, str | None] = {}
    for key in ("id", "lang", "severity", "message", "why", "source"):
        if key in values:
            fields[key] = _string(c, values[key], key, one_line=key != "why")
    rule_id, lang, severity = fields.get("id"), fields.get("lang"), fields.get("severity")
    if rule_id is not None:
        if not ID_PATTERN.match(rule_id):
            c.add(values["id"], f"'id' must be kebab-case (got {rule_id!r})")
        elif expected_id is not None and rule_id != expected_id:
            c.add(values["id"], f"'id' {rule_id!r} does not match the file name {expected_id!r}")
    if lang is not None:
        if lang not in LANGUAGES:
            c.add(values["lang"], f"'lang' must be one of {', '.join(LANGUAGES)} (got {lang!r})")
            lang = None
        elif expected_lang is not None and lang != expected_lang:
            c.add(values["lang"], f"'lang' {lang!r} does not match the directory {expected_lang!r}")
    if severity is not None and severity not in SEVERITY_NAMES:
        c.add(
            values["severity"],
            f"'severity' must be one of {', '.join(SEVERITY_NAMES)} (got {severity!r})",
        )
        severity = None

    kind = "match"
    if "kind" in values:
        kind = _string(c, values["kind"], "kind") or "match"
        if kind not in KINDS:
            c.add(values["kind"], f"'kind' must be one of {', '.join(KINDS)} (got {kind!r})")
            kind = "match"
    for key, node in values.items():
        common = key in REQUIRED_KEYS or key in ("kind", "suggest")
        if key in ALL_KEYS and not common and key not in KIND_KEYS[kind]:
            c.add(node, f"{key!r} is not used by rules of kind {kind!r}")
    lists = {
        k: _pattern_list(c, values[k]) if k == "patterns" else _string_list(c, values[k], k)
        for k in OPTIONAL_KEYS
        if k in values
    }
    phrases, patterns, unless = (
        lists.get("phrases", []),
        lists.get("patterns", []),
        lists.get("unless", []),
    )
    needs_probe = kind in ("match", "required")
    if kind == "limit":
        needs_probe = _choice(c, values, "count", COUNTS, "questions") != "questions"
    if needs_probe and not phrases and not patterns:
        c.add(root, "a rule needs 'phrases' or 'patterns'")
    when_phrases, when_patterns = _when(c, values.get("when"))
    if lang is not None:
        _check_phrases(c, phrases + unless + when_phrases, lang)
    _check_patterns(c, patterns + lists.get("unless-patterns", []) + when_patterns)
    scope = _choice(c, values, "unless-scope", UNLESS_SCOPES, "sentence")
    where = _choice(c, values, "where", WHERE, "anywhere")
    count = _choice(c, values, "count", COUNTS, "questions")
    sentences = _integer(c, values.get("sentences"), "sentences", 1, 1)
    most = _integer(c, values.get("max"), "max", 0, 0)
    if kind == "limit" and "max" not in values:
        c.add(root, "a 'limit' rule needs 'max'")
    fix = _fix(c, values.get("fix"), replacement_needed=kind != "respell")
    table = ""
    if kind == "respell":
        from replylint.lang.lexicon.tables import TABLES

        table = _choice(c, values, "table", tuple(TABLES), "")
        if not table:
            c.add(root, f"a 'respell' rule needs 'table' ({', '.join(TABLES)})")
    check = _choice(c, values, "check", CHECKS, "")
    if kind == "consistency" and not check:
        c.add(root, f"a 'consistency' rule needs 'check' ({', '.join(CHECKS)})")
    bad, good = _check_examples(c, values["examples"]) if "examples" in values else ([], [])

    if c.errors or rule_id is None or lang is None or severity is None:
        return None, c.errors
    return (
        RuleSpec(
            path=path,
            id=rule_id,
            lang=lang,
            severity=Severity.parse(severity),
            message=fields["message"] or "",
            why=fields["why"] or "",
            source=fields["source"] or "",
            phrases=tuple(phrases),
            patterns=tuple(patterns),
            unless=tuple(unless),
            unless_patterns=tuple(lists.get("unless-patterns", [])),
            unless_scope=scope,
            kind=kind,
            where=where,
            sentences=sentences,
            counted=count,
            max=most,
            when_phrases=tuple(when_phrases),
            when_patterns=tuple(when_patterns),
            check=check,
            fix=fix,
            table=table,
            suggest=tuple(s.text for s in lists.get("suggest", [])),
            bad_examples=tuple(bad),
            good_examples=tuple(good),
        ),
        [],
    )


def _choice(
    c: _Collector, values: dict[str, yaml.Node], key: str, choices: tuple[str, ...], default: str
) -> str:
    if key not in values:
        return default
    value = _string(c, values[key], key)
    if value is None:
        return default
    if value not in choices:
        c.add(values[key], f"{key!r} must be one of {', '.join(choices)} (got {value!r})")
        return default
    return value


def _integer(c: _Collector, node: yaml.Node | None, key: str, default: int, minimum: int) -> int:
    if node is None:
        return default
    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int":
        c.add(node, f"{key!r} must be a whole number")
        return default
    value = int(node.value)
    if value < minimum:
        c.add(node, f"{key!r} must be at least {minimum}")
        return default
    return value


def _when(c: _Collector, node: yaml.Node | None) -> tuple[list[Located], list[Located]]:
    """``when:`` — phrases and/or patterns that must be present for the rule to apply."""
    if node is None:
        return [], []
    if not isinstance(node, yaml.MappingNode):
        c.add(node, "'when' must be a mapping with 'phrases' and/or 'patterns'")
        return [], []
    found: dict[str, list[Located]] = {}
    for key_node, value in node.value:
        key = key_node.value
        if key not in ("phrases", "patterns"):
            hint = _did_you_mean(key, ("phrases", "patterns"))
            c.add(key_node, f"unknown key 'when.{key}'{hint}")
            continue
        found[key] = _string_list(c, value, f"when.{key}")
    if not found:
        c.add(node, "'when' needs 'phrases' or 'patterns'")
    return found.get("phrases", []), found.get("patterns", [])


def _check_each(c: _Collector, items: list[Located], check: Callable[[str], str | None]) -> None:
    for item in items:
        problem = check(item.text)
        if problem:
            c.errors.append(RuleFileError(problem, c.path, item.line, item.column))


def _check_phrases(c: _Collector, phrases: list[Located], lang: str) -> None:
    def check(text: str) -> str | None:
        try:
            parse_phrase(text, lang)
        except PhraseSyntaxError as exc:
            return f"invalid phrase {text!r}: {exc}"
        return None

    _check_each(c, phrases, check)


def _check_patterns(c: _Collector, patterns: list[Located]) -> None:
    def check(text: str) -> str | None:
        try:
            compiled = regex.compile(text, regex.IGNORECASE)
        except regex.error as exc:
            return f"invalid pattern: {exc}"
        if compiled.search("") is not None:
            return "pattern matches the empty string"
        return None

    _check_each(c, patterns, check)
