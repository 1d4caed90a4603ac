"""Compare the lexicon libraries on inflected forms and measure their load times.

Run: ``pip install ".[bench]" && python benchmarks/lexicons.py``

Accuracy: for each (surface form, lemma) pair, does the library's lemma for the form equal the
expected lemma (simplemma, pymorphy3), and does replylint's compiled expansion of the lemma
contain the form (the way rules match: forms generated once from the dictionary form)?
Load time: a fresh interpreter per library, so every figure is a cold first use.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

# (form, lemma): every case and number of a few nouns, verb forms, adjectives, and the
# ambiguous forms lemmatizers get wrong («вина» is both "fault" and "of wine").
RU = [
    *[
        (f, "возврат")
        for f in [
            "возврат",
            "возврата",
            "возврату",
            "возвратом",
            "возврате",
            "возвраты",
            "возвратов",
            "возвратами",
        ]
    ],
    *[
        (f, "компания")
        for f in [
            "компания",
            "компании",
            "компанию",
            "компанией",
            "компаний",
            "компаниям",
            "компаниях",
        ]
    ],
    *[(f, "наличие") for f in ["наличие", "наличия", "наличию", "наличием", "наличии"]],
    *[(f, "вина") for f in ["вина", "вины", "вине", "вину", "виной"]],
    *[(f, "политика") for f in ["политика", "политики", "политике", "политику", "политикой"]],
    *[
        (f, "перевести")
        for f in [
            "перевести",
            "переведу",
            "переведём",
            "переведем",
            "перевёл",
            "перевела",
            "переведите",
        ]
    ],
    *[
        (f, "знать")
        for f in ["знать", "знаю", "знаешь", "знает", "знаем", "знал", "знала", "знали"]
    ],
    *[(f, "виноватый") for f in ["виноват", "виновата", "виноваты", "виноватый", "виноватого"]],
    *[(f, "деньги") for f in ["деньги", "денег", "деньгам", "деньгами"]],
    *[(f, "ожидать") for f in ["ожидайте", "ожидаем", "ожидать", "ожидал"]],
]
LV = [
    *[
        (f, "klients")
        for f in ["klients", "klienta", "klientam", "klientu", "klienti", "klientiem", "klientus"]
    ],
    *[
        (f, "apkalpošana")
        for f in ["apkalpošana", "apkalpošanas", "apkalpošanai", "apkalpošanu", "apkalpošanā"]
    ],
    *[
        (f, "noliktava")
        for f in ["noliktava", "noliktavas", "noliktavā", "noliktavu", "noliktavām"]
    ],
    *[
        (f, "uzņēmums")
        for f in ["uzņēmums", "uzņēmuma", "uzņēmumam", "uzņēmumu", "uzņēmumā", "uzņēmumi"]
    ],
    *[(f, "politika") for f in ["politika", "politikas", "politikai", "politiku", "politikā"]],
    *[(f, "vaina") for f in ["vaina", "vainas", "vainai", "vainu", "vainā"]],
    *[(f, "zināt") for f in ["zināt", "zinu", "zini", "zina", "zinām", "zināja", "zināju"]],
    *[(f, "uzgaidīt") for f in ["uzgaidīt", "uzgaidiet", "uzgaidi", "uzgaida", "uzgaidām"]],
]
EN = [
    *[(f, "be") for f in ["be", "am", "is", "are", "was", "were", "been", "being"]],
    *[(f, "stock") for f in ["stock", "stocks"]],
    *[(f, "know") for f in ["know", "knows", "knew", "known", "knowing"]],
    *[(f, "transfer") for f in ["transfer", "transfers", "transferred", "transferring"]],
    *[(f, "policy") for f in ["policy", "policies"]],
    *[(f, "fault") for f in ["fault", "faults"]],
]

LOADS = {
    "pymorphy3 (ru) init": "import pymorphy3; pymorphy3.MorphAnalyzer(lang='ru').parse('возврата')",
    "simplemma first ru lemma": "import simplemma; simplemma.lemmatize('возврата', lang='ru')",
    "simplemma first lv lemma": "import simplemma; simplemma.lemmatize('klientu', lang='lv')",
    "simplemma first en lemma": "import simplemma; simplemma.lemmatize('were', lang='en')",
    "lemminflect (en) first lookup": "import lemminflect; lemminflect.getAllLemmas('were')",
    "hunspell lv_LV lexicon": "from replylint.lang.lexicon.lv import _lexicon; _lexicon()",
    "rjieba import + first cut": "import rjieba; rjieba.cut('仓库存放')",
    "jieba first cut": "import jieba; jieba.lcut('仓库存放')",
    "opencc t2s init + convert": "import opencc; opencc.OpenCC('t2s').convert('沒有庫存')",
}


def cold_seconds(code: str, runs: int = 3) -> float | None:
    """Median wall time of ``code`` in a fresh interpreter, minus an empty interpreter's."""

    def timed(snippet: str) -> float:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", snippet], capture_output=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode()[-200:])
        return time.perf_counter() - start

    try:
        base = statistics.median(timed("pass") for _ in range(runs))
        return statistics.median(timed(code) for _ in range(runs)) - base
    except RuntimeError:
        return None


def accuracy() -> None:
    """Print lemma accuracy and expansion coverage per language and library."""
    from replylint.lang.folding import fold_word
    from replylint.lang.lexicon import surface_forms

    rows = []
    try:
        import simplemma
    except ImportError:
        simplemma = None
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang="ru")
    for lang, pairs in (("ru", RU), ("lv", LV), ("en", EN)):
        n = len(pairs)
        covered = sum(fold_word(f, lang) in surface_forms(lemma, lang) for f, lemma in pairs)
        rows.append((lang, "replylint expansion (forms of the lemma)", covered, n, []))
        if simplemma is not None:
            wrong = [
                (f, simplemma.lemmatize(f, lang=lang))
                for f, lemma in pairs
                if fold_word(simplemma.lemmatize(f, lang=lang), lang) != fold_word(lemma, lang)
            ]
            rows.append((lang, "simplemma lemmatize(form)", n - len(wrong), n, wrong))
        if lang == "ru":
            wrong = [
                (f, morph.parse(f)[0].normal_form)
                for f, lemma in pairs
                if fold_word(morph.parse(f)[0].normal_form, lang) != fold_word(lemma, lang)
            ]
            rows.append((lang, "pymorphy3 best parse", n - len(wrong), n, wrong))
    print("Inflection accuracy")
    for lang, name, good, n, wrong in rows:
        shown = ", ".join(f"{f}→{g}" for f, g in wrong[:6])
        print(f"  {lang}  {name:<42} {good:>3}/{n:<3} {100 * good / n:5.1f}%  {shown}")


def main() -> None:
    """Print both tables."""
    accuracy()
    print("\nCold load time (fresh interpreter, median of 3, minus `python -c pass`)")
    for name, code in LOADS.items():
        seconds = cold_seconds(code)
        shown = "not installed" if seconds is None else f"{seconds * 1000:7.0f} ms"
        print(f"  {name:<38} {shown}")


if __name__ == "__main__":
    main()
