"""Data hygiene of the built-in rules (in the spirit of codespell's dictionary tests)."""

from __future__ import annotations

from pathlib import Path

import regex

SEEDS = {p.name for p in (Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("*.txt")}
SEED_NAME = regex.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
HAN_SPACE_HAN = regex.compile(r"\p{Han} +\p{Han}")


def test_sources_name_real_seed_files(builtin_ruleset):
    for rule in builtin_ruleset.rules:
        named = set(SEED_NAME.findall(rule.spec.source))
        assert named, f"{rule.spec.path}: 'source' names no seed file"
        if SEEDS:
            assert named <= SEEDS, f"{rule.spec.path}: unknown seed {sorted(named - SEEDS)}"


def test_no_duplicate_phrases_or_patterns(builtin_ruleset):
    for rule in builtin_ruleset.rules:
        for items in (rule.spec.phrases, rule.spec.patterns, rule.spec.unless):
            texts = [item.text for item in items]
            assert len(texts) == len(set(texts)), f"{rule.spec.path}: duplicates in {texts}"


def test_chinese_prose_has_no_stray_spaces(builtin_ruleset):
    """Folded YAML (`>`) joins lines with a space, which Chinese text must not contain."""
    for rule in builtin_ruleset.rules:
        if rule.lang == "zh":
            for text in (rule.spec.message, rule.spec.why, *rule.spec.suggest):
                assert not HAN_SPACE_HAN.search(text), f"{rule.spec.path}: {text!r}"


def test_messages_are_in_the_rules_language(builtin_ruleset):
    scripts = {"ru": r"\p{Cyrillic}", "zh": r"\p{Han}", "lv": r"[āčēģīķļņšūž]", "en": r"[a-z]"}
    for rule in builtin_ruleset.rules:
        assert regex.search(scripts[rule.lang], rule.spec.message, regex.I), rule.spec.path
