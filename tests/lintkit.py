"""Small builders shared by tests: user rule directories and one-rule rule sets."""

from __future__ import annotations

from pathlib import Path

import yaml

from replylint.ruleset.compiled import CompiledRuleSet
from replylint.ruleset.loader import load_ruleset


def write_rule(root: Path, lang: str, rule_id: str = "user-rule", **fields: object) -> Path:
    """Write ``root/<lang>/<rule_id>.yaml`` with sensible defaults for the required keys."""
    data: dict[str, object] = {
        "id": rule_id,
        "lang": lang,
        "severity": "warning",
        "message": "test message",
        "why": "test why",
        "source": "test",
        "examples": {"bad": ["[[x]]"], "good": ["y"]},
    }
    data.update(fields)
    path = root / lang / f"{rule_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def one_rule(tmp_path: Path, lang: str, **fields: object) -> CompiledRuleSet:
    """A rule set holding a single user rule (no built-in rules)."""
    write_rule(tmp_path, lang, **fields)
    return load_ruleset([tmp_path], use_builtin=False)


def spans(ruleset: CompiledRuleSet, text: str, lang: str) -> list[str]:
    """The matched substrings of ``text`` in ``lang``."""
    from replylint.engine import Matcher

    return [text[h.start : h.end] for h in Matcher(ruleset).match(text, lang).hits]
