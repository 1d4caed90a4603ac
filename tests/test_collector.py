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
    if was:  # as it was before the test, also when the test turned it off
        gc.enable()
    else:
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


def test_settle_freezes_only_in_replylints_own_process(monkeypatch):
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(collector, "_own_process", False)
    collector.settle()
    assert frozen == []  # an embedding program's objects are its own
    collector.claim_process()
    collector.settle()
    assert frozen == [True]


_REPLIES = {
    "en": "Hi Anna,\n\nThis item is out of stock. It's company policy, please calm down. "
    "As I already said, you can find it on our website.\n\nBest regards,\nSam",
    "ru": "Здравствуйте!\n\nК сожалению, товара нет в наличии. Это политика компании. "
    "Как я уже говорил, всё есть на сайте.\n\nС уважением, Анна",
    "lv": "Labdien!\n\nDiemžēl prece nav noliktavā. Tā ir uzņēmuma politika.\n\nAr cieņu, Anna",
    "zh": "您好！\n\n这款商品缺货了。这是公司规定，请您冷静。"
    "我已经说过了，您可以在我们的网站上找到。\n\n祝好",
}


def test_linting_leaves_no_cyclic_garbage(tmp_path):
    """What a lint makes is freed by reference counting: a cycle would keep it (a text's word
    lists, say) until a collection, and each collection walks everything still alive."""
    import json

    from replylint.api import Settings, lint_paths, lint_text
    from replylint.ruleset.loader import load_ruleset

    ruleset = load_ruleset()
    actions = [{"field": "comment_value", "value": text} for text in _REPLIES.values()]
    macros = [{"id": i, "title": f"m{i}", "actions": [a]} for i, a in enumerate(actions)]
    library = tmp_path / "macros.json"
    library.write_text(json.dumps({"macros": macros}, ensure_ascii=False), encoding="utf-8")
    for text in _REPLIES.values():  # first use loads each language's rules and indexes
        lint_text(text, ruleset)
    lint_paths([str(library)], ruleset, Settings())
    gc.collect()
    gc.disable()
    for n, text in enumerate(_REPLIES.values()):
        assert lint_text(f"{text} {n}", ruleset).diagnostics
    library.write_text(library.read_text(encoding="utf-8").replace("m0", "m9"), encoding="utf-8")
    assert lint_paths([str(library)], ruleset, Settings())[0].diagnostics
    assert gc.collect() == 0


def test_only_a_large_document_is_settled_before_it_is_linted(tmp_path, monkeypatch):
    from replylint import api
    from replylint.ruleset.loader import load_ruleset

    settled = []
    monkeypatch.setattr(collector, "settle", lambda: settled.append(gc.isenabled()))
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text("Hi, it is out of stock.", encoding="utf-8")
    large.write_text("Hi, it is out of stock.\n\n" * (api._LARGE_DOCUMENT // 20), encoding="utf-8")
    api.lint_paths([str(small)], load_ruleset(), api.Settings())
    assert settled == []
    api.lint_paths([str(large)], load_ruleset(), api.Settings())
    assert settled == [False]  # while collection is still paused: none walks it first
