"""The collector pause: off inside, back as it was after (also after an error), nesting kept."""

from __future__ import annotations

import gc

import pytest

from replylint import collector
from replylint.sources import read_document


@pytest.fixture(autouse=True)
def _collector_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_turns_collection_off_and_back_on():
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not resume what the outer paused
    assert gc.isenabled()


def test_paused_resumes_after_an_error():
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_disabled():
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_reading_a_library_pauses_collection_and_resumes_it(monkeypatch):
    seen = []
    import replylint.sources.jsonlib as jsonlib

    real = jsonlib.segment

    def spying(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(jsonlib, "segment", spying)
    action = b'{"field": "comment_value", "value": "Hi"}'
    data = b'{"macros": [{"id": 1, "title": "t", "actions": [' + action + b"]}]}"
    doc = read_document("macros.json", data)
    assert seen == [False]
    assert gc.isenabled()
    assert [s.text for s in doc.segments] == ["Hi"]


def test_a_bad_library_still_resumes_collection():
    from replylint.errors import InputError

    with pytest.raises(InputError):
        read_document("broken.json", b'{"macros": [')
    assert gc.isenabled()


def test_a_language_s_rules_unpickle_with_collection_paused(monkeypatch, builtin_ruleset):
    import pickle

    import replylint.ruleset.compiled as compiled

    reloaded = pickle.loads(pickle.dumps(builtin_ruleset))  # every language sealed again
    seen = []
    real = pickle.loads

    def spying(data, *args, **kwargs):
        seen.append(gc.isenabled())
        return real(data, *args, **kwargs)

    monkeypatch.setattr(compiled.pickle, "loads", spying)
    assert reloaded.rules_of("lv")
    assert seen == [False]
    assert gc.isenabled()
