"""The compiled rule-set cache: keys, hits, misses, bypass and damaged files."""

from __future__ import annotations

import pickle

import pytest

from lintkit import write_rule
from replylint.errors import RuleFileErrors
from replylint.ruleset import cache
from replylint.ruleset import compile as compile_module
from replylint.ruleset.compiled import CompiledRuleSet
from replylint.ruleset.loader import display_path, load_ruleset


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(directory))
    monkeypatch.delenv("REPLYLINT_NO_CACHE", raising=False)
    return directory


@pytest.fixture
def rules_dir(tmp_path):
    root = tmp_path / "rules"
    write_rule(root, "en", "late-reply", phrases=["sorry for the delay"])
    return root


@pytest.fixture
def compile_calls(monkeypatch):
    """Count calls of the compiler (the loader imports it at call time)."""
    calls: list[int] = []
    real = compile_module.compile_rules

    def counting(specs, *args):  # type: ignore[no-untyped-def]
        calls.append(len(specs))
        return real(specs, *args)

    monkeypatch.setattr(compile_module, "compile_rules", counting)
    return calls


def pickles(directory) -> list[str]:
    return sorted(p.name for p in directory.glob("ruleset-*.pickle"))


def test_cache_dir_follows_the_environment(cache_dir):
    assert cache.cache_dir() == cache_dir


def test_second_load_is_a_cache_hit(cache_dir, rules_dir, monkeypatch, compile_calls):
    first = load_ruleset([rules_dir], use_builtin=False)
    assert compile_calls == [1]
    assert len(pickles(cache_dir)) == 1

    def fail(specs):  # type: ignore[no-untyped-def]
        raise AssertionError("the compiler ran on a cache hit")

    monkeypatch.setattr(compile_module, "compile_rules", fail)
    second = load_ruleset([rules_dir], use_builtin=False)
    assert second == first
    assert second is not first
    assert second.ids() == ["late-reply"]
    assert len(pickles(cache_dir)) == 1


def test_cache_file_is_named_by_the_key(cache_dir, rules_dir):
    load_ruleset([rules_dir], use_builtin=False)
    data = (rules_dir / "en" / "late-reply.yaml").read_bytes()
    key = cache.cache_key([(display_path(rules_dir / "en" / "late-reply.yaml"), data)])
    assert pickles(cache_dir) == [f"ruleset-{key}.pickle"]
    assert not list(cache_dir.glob(".ruleset-*.tmp"))


def test_one_changed_byte_recompiles(cache_dir, rules_dir, compile_calls):
    load_ruleset([rules_dir], use_builtin=False)
    path = rules_dir / "en" / "late-reply.yaml"
    path.write_bytes(path.read_bytes().replace(b"test message", b"test messagE"))
    changed = load_ruleset([rules_dir], use_builtin=False)
    assert compile_calls == [1, 1]
    assert changed.rules[0].spec.message == "test messagE"
    assert len(pickles(cache_dir)) == 2


def test_no_cache_writes_and_reads_nothing(cache_dir, rules_dir, monkeypatch, compile_calls):
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    first = load_ruleset([rules_dir], use_builtin=False)
    second = load_ruleset([rules_dir], use_builtin=False)
    assert compile_calls == [1, 1]
    assert first == second
    assert not cache_dir.exists()


def test_no_cache_ignores_an_existing_cache(cache_dir, rules_dir, monkeypatch, compile_calls):
    load_ruleset([rules_dir], use_builtin=False)
    monkeypatch.setenv("REPLYLINT_NO_CACHE", "1")
    load_ruleset([rules_dir], use_builtin=False)
    assert compile_calls == [1, 1]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"not a pickle at all",
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: pickle.dumps({"rules": ()}),
    ],
    ids=["garbage", "empty", "truncated", "other-object"],
)
def test_damaged_cache_file_is_ignored(cache_dir, rules_dir, compile_calls, damage):
    first = load_ruleset([rules_dir], use_builtin=False)
    (path,) = cache_dir.glob("ruleset-*.pickle")
    path.write_bytes(damage(path.read_bytes()))
    again = load_ruleset([rules_dir], use_builtin=False)
    assert again == first
    assert compile_calls == [1, 1]
    assert isinstance(pickle.loads(path.read_bytes()), CompiledRuleSet)  # rewritten


def test_cache_file_with_invalid_string_bytes_is_ignored(cache_dir, rules_dir, compile_calls):
    first = load_ruleset([rules_dir], use_builtin=False)
    (path,) = cache_dir.glob("ruleset-*.pickle")
    data = path.read_bytes()
    assert data.count(b"test message") == 1
    path.write_bytes(data.replace(b"test message", b"\xff" * len(b"test message")))
    again = load_ruleset([rules_dir], use_builtin=False)
    assert again == first
    assert compile_calls == [1, 1]


def test_unwritable_cache_dir_is_skipped(tmp_path, monkeypatch, rules_dir, compile_calls):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("REPLYLINT_NO_CACHE", raising=False)
    assert load_ruleset([rules_dir], use_builtin=False).ids() == ["late-reply"]
    assert load_ruleset([rules_dir], use_builtin=False).ids() == ["late-reply"]
    assert compile_calls == [1, 1]


# --- cache_key -------------------------------------------------------------------------------


def test_cache_key_is_stable():
    files = [("rules/en/a.yaml", b"id: a\n")]
    assert cache.cache_key(files) == cache.cache_key(list(files))
    assert len(cache.cache_key(files)) == 32


def test_cache_key_depends_on_content():
    assert cache.cache_key([("rules/en/a.yaml", b"id: a\n")]) != cache.cache_key(
        [("rules/en/a.yaml", b"id: b\n")]
    )


def test_cache_key_depends_on_the_file_name():
    assert cache.cache_key([("rules/en/a.yaml", b"id: a\n")]) != cache.cache_key(
        [("rules/en/b.yaml", b"id: a\n")]
    )


def test_cache_key_depends_on_the_directory():
    assert cache.cache_key([("rules/en/a.yaml", b"id: a\n")]) != cache.cache_key(
        [("rules/ru/a.yaml", b"id: a\n")]
    )


def test_cache_key_depends_on_file_order_and_count():
    a = ("rules/en/a.yaml", b"id: a\n")
    b = ("rules/en/b.yaml", b"id: b\n")
    assert cache.cache_key([a, b]) != cache.cache_key([b, a])
    assert cache.cache_key([a]) != cache.cache_key([a, a])
    assert cache.cache_key([]) != cache.cache_key([a])


def test_moving_a_rule_file_to_another_language_directory_is_not_a_cache_hit(
    cache_dir, tmp_path, compile_calls
):
    write_rule(tmp_path / "one", "en", "late-reply", phrases=["sorry for the delay"])
    write_rule(tmp_path / "two", "en", "late-reply", phrases=["sorry for the delay"])
    (tmp_path / "two" / "en").rename(tmp_path / "two" / "lv")
    load_ruleset([tmp_path / "one"], use_builtin=False)
    with pytest.raises(RuleFileErrors) as info:
        load_ruleset([tmp_path / "two"], use_builtin=False)
    assert [e.message for e in info.value.errors] == [
        "'lang' 'en' does not match the directory 'lv'"
    ]
    assert compile_calls == [1]


def test_cached_rule_paths_name_the_loaded_directory(cache_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_rule(tmp_path / "one", "en", "late-reply", phrases=["sorry for the delay"])
    write_rule(tmp_path / "two", "en", "late-reply", phrases=["sorry for the delay"])
    assert load_ruleset([tmp_path / "one"], use_builtin=False).rules[0].spec.path == (
        "one/en/late-reply.yaml"
    )
    assert load_ruleset([tmp_path / "two"], use_builtin=False).rules[0].spec.path == (
        "two/en/late-reply.yaml"
    )


def test_old_compiled_sets_are_pruned(tmp_path, monkeypatch):
    import os

    from replylint.ruleset import cache

    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(tmp_path))
    for i in range(cache.KEEP + 3):
        stale = tmp_path / f"ruleset-old{i}.pickle"
        stale.write_bytes(b"x")
        os.utime(stale, (1000 + i, 1000 + i))
    cache._prune(tmp_path)
    left = sorted(p.name for p in tmp_path.glob("ruleset-*.pickle"))
    assert len(left) == cache.KEEP
    assert "ruleset-old0.pickle" not in left and f"ruleset-old{cache.KEEP + 2}.pickle" in left


def test_a_cache_hit_compiles_no_pattern(cache_dir, tmp_path, monkeypatch):
    """Patterns and gapped zh phrases are stored compiled: a hit only unpickles them."""
    import regex

    from replylint.engine import Matcher

    root = tmp_path / "rules"
    write_rule(root, "en", "en-pattern", patterns=[r"\bcompany\s+policy\b"])
    write_rule(root, "zh", "zh-gap", phrases=["不能...2退款"])
    from replylint.ruleset.compiled import pattern_keys

    first = load_ruleset([root], use_builtin=False)  # fills the cache
    rule_sources = {source for rule in first.rules for source, _ in pattern_keys(rule)}
    assert len(rule_sources) == 2
    real = regex.compile

    def refuse(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        if source in rule_sources:
            raise AssertionError(f"a rule's regex was compiled on a cache hit: {source!r}")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(regex, "compile", refuse)
    ruleset = load_ruleset([root], use_builtin=False)
    matcher = Matcher(ruleset)
    en = matcher.match("Sorry, it is Company  Policy.", "en")
    assert [(h.rule.id, h.start, h.end) for h in en.hits] == [("en-pattern", 13, 28)]
    zh = matcher.match("我们不能给您退款。", "zh")
    assert [(h.rule.id, h.start, h.end) for h in zh.hits] == [("zh-gap", 2, 8)]


def test_pattern_flags_are_regex_ignorecase():
    import regex

    from replylint.ruleset.compiled import PATTERN_FLAGS

    assert regex.IGNORECASE == PATTERN_FLAGS


def test_every_builtin_pattern_is_stored_compiled_and_equals_a_fresh_compile():
    import regex

    from replylint.ruleset.compiled import pattern_keys

    ruleset = load_ruleset()
    restored = pickle.loads(pickle.dumps(ruleset))
    for rule in restored.rules:
        table = restored.language_data(rule.lang)["patterns"]
        for source, flags in pattern_keys(rule):
            stored = table[(source, flags)]
            fresh = regex.compile(source, flags)
            assert (stored.pattern, stored.flags) == (fresh.pattern, fresh.flags)
            for example in (*rule.spec.bad_examples, *rule.spec.good_examples):
                text = example.text.replace("[[", "").replace("]]", "")
                assert [m.span() for m in stored.finditer(text)] == [
                    m.span() for m in fresh.finditer(text)
                ]


def test_compiled_rules_round_trip_through_pickle_field_for_field():
    ruleset = load_ruleset()
    restored = pickle.loads(pickle.dumps(ruleset))
    assert restored.rules == ruleset.rules
    pairs = zip(restored.rules, ruleset.rules, strict=True)
    assert all(type(a.spec) is type(b.spec) for a, b in pairs)


@pytest.mark.parametrize(
    "value",
    [
        frozenset({"不能", "退款", "我们"}),
        {"ludzu": "lūdzu", "paldies": "paldies"},
        frozenset(),
        {},
        frozenset({"line\nbreak", "word"}),
        {"key": "value\nwith a break"},
    ],
)
def test_packed_word_data_unpickles_to_the_same_value(value):
    from replylint.ruleset.compiled import Packed

    restored = pickle.loads(pickle.dumps(Packed(value)))
    assert restored == value
    assert type(restored) is type(value)


def test_stored_pattern_index_equals_a_fresh_one_and_serves_only_full_rule_sets():
    from replylint.engine import Matcher, PatternIndex

    restored = pickle.loads(pickle.dumps(load_ruleset()))
    texts = {
        "en": "Per company policy you need to call us, as stated on our website.",
        "ru": "Согласно политике компании вам нужно позвонить нам.",
        "lv": "Saskaņā ar uzņēmuma politiku jums jāzvana mums.",
        "zh": "根据公司规定，您需要自己打电话。",
    }
    for lang, text in texts.items():
        stored = restored.language_data(lang)["pattern_index"]
        fresh = PatternIndex(restored.rules_of(lang))
        assert [e.source for e in stored.entries] == [e.source for e in fresh.entries]
        assert stored.candidates(text) == fresh.candidates(text)
        assert stored.candidates(text), lang  # the texts reach some patterns
        assert Matcher(restored)._full_pattern_index(lang, restored.rules_of(lang)) is stored
        fewer = list(restored.rules_of(lang))[1:]
        assert Matcher(restored)._full_pattern_index(lang, fewer) is None


def test_a_restored_pattern_table_unpickles_only_the_patterns_asked_for():
    import regex

    from replylint.ruleset.compiled import PatternTable

    table = PatternTable({("out of stock", 2): regex.compile("out of stock", 2)})
    table[("sold out", 2)] = regex.compile("sold out", 2)
    restored = pickle.loads(pickle.dumps(table))
    assert len(restored) == 2 and ("sold out", 2) in restored
    assert restored._compiled == {}
    assert restored.get(("sold out", 2)).search("it is sold out").span() == (6, 14)
    assert list(restored._compiled) == [("sold out", 2)]
    assert restored.get(("missing", 2)) is None
    with pytest.raises(KeyError):
        restored[("missing", 2)]
    again = pickle.loads(pickle.dumps(restored))  # what was never unpickled is kept sealed
    assert again[("out of stock", 2)].pattern == "out of stock"
