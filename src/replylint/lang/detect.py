"""Per-segment language detection among en, ru, lv and zh, robust on one-sentence replies.

Scripts decide first: Han characters mean Chinese and Cyrillic words mean Russian, unless
Latin words clearly outweigh them. Latin text is Latvian or English; Latvian-only letters are
strong evidence, and word lists derived from ``wordfreq`` (Latvian forms stored without
diacritics, so text typed without them still matches) settle the rest.

Evidence is counted in "units" so that scripts with different word shapes compare fairly:

* a Latin or Cyrillic word in lower case is 2 units; a word with any capital letter is 1 unit,
  because such words inside another language are mostly names, brands and product labels;
* a Han character or a full-width punctuation mark is 1 unit (a Chinese word is about two
  characters long, so a Chinese word is worth about as much as a lower-case Latin word);
* Chinese wins when its units are strictly more than the Latin and Cyrillic units together;
* Russian wins when twice its units reach the Latin units: Latin brand names and UI labels
  are common inside Russian replies, Cyrillic words inside English or Latvian ones are not.

Between Latvian and English, a word found in one of the lexicons scores 2 for that language.
A word with a Latvian-only letter (āčēģīķļņšūž) scores 4 for Latvian when in lower case, but
only 1 when capitalised, since that is often a Latvian name inside English text ("Rīga",
"Bērziņš"). Equal scores return the caller's default.
"""

import re
import unicodedata
from functools import cache, lru_cache
from itertools import repeat
from typing import NamedTuple

from replylint.lang.folding import strip_diacritics
from replylint.lang.scripts import has_wide_chars

# A shared word moves to one language's list only if it is this many times more frequent
# there than in the other language; otherwise it is too ambiguous to count for either.
SHARED_WORD_RATIO = 10.0

_LATVIAN_ONLY_LETTERS = frozenset("āčēģīķļņšūž")

# Character classes for the stdlib ``re`` scan, which is several times faster than ``regex``
# on short texts. Latin includes combining marks (0300-036F) for text that is not NFC.
# Each class is split at U+2E80: the wide part joins the scanner only for text that holds
# wide characters (see ``replylint.lang.scripts``).
_LATIN = (
    r"A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
    r"\u1e00-\u1eff\u0300-\u036f"
)
_LATIN_WIDE = r"\uff21-\uff3a\uff41-\uff5a"
_CYRILLIC = r"\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff"
_CYRILLIC_WIDE = r"\ua640-\ua69f"
_HAN = (
    r"\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\U00020000-\U0003ffff"
)
_WIDE_PUNCT = (
    r"\u3001-\u3004\u3008-\u3020\u3030-\u3037\u303c-\u303f"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
_HAN_SYMBOLS = frozenset("\u3005\u3007\u3038\u3039\u303a\u303b") | frozenset(
    chr(c) for c in range(0x3021, 0x302A)
)

@cache
def _tokens_pattern(wide: bool) -> re.Pattern[str]:
    """The token scanner; the ``wide`` one also knows Han, wide punctuation and fullwidth Latin.

    Words glued to digits (order numbers, SKUs such as "AB123") match neither word branch. On
    text without wide characters both variants find the same tokens.
    """
    latin = _LATIN + _LATIN_WIDE if wide else _LATIN
    cyrillic = _CYRILLIC + _CYRILLIC_WIDE if wide else _CYRILLIC
    wide_branches = rf"|[{_HAN}]+|[{_WIDE_PUNCT}]+" if wide else ""
    return re.compile(
        rf"(?<![{latin}{cyrillic}\d])"
        rf"(?:[{latin}]+(?:['’][{latin}]+)*|[{cyrillic}]+(?:['’-][{cyrillic}]+)*)"
        rf"(?![{latin}{cyrillic}\d]){wide_branches}"
    )


_URL_CHARS = r"\x21\x23-\x3b\x3d\x3f-\x7e"
_TLDS = r"(?:com|net|org|info|io|app|lv|ru|cn|hk|tw|eu|uk|de)"
# Spans that say nothing about the language: URLs, e-mail addresses, bare domains,
# {{placeholders}} and {placeholders}, HTML tags and entities. A text is scanned only for the
# kinds it can hold (see _without_skipped); the order of the branches is the order of choice.
_SKIP_BRANCHES = (
    rf"(?:(?:https?|ftp)://|www\.)[{_URL_CHARS}]+",
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    rf"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]+\.)+{_TLDS}(?![A-Za-z0-9-])(?:/[{_URL_CHARS}]*)?",
    r"\{\{[^{}]*\}\}",
    r"\{[^{}\s]{1,64}\}",
    r"</?[A-Za-z][^<>]{0,200}>",
    r"&\#?[A-Za-z0-9]{2,8};",
)
_DOMAIN_HINT = re.compile(rf"\.{_TLDS}\b")
_DOMAIN_END = re.compile(rf"\.{_TLDS}(?![A-Za-z0-9-])")  # where a bare domain could end


@lru_cache(maxsize=128)
def _skip_pattern(branches: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(_SKIP_BRANCHES[i] for i in branches))


def _without_skipped(text: str) -> str:
    """``text`` with every skipped span replaced by a space.

    The same as one scan with all the branches, since a branch whose marker (``@``, ``{``,
    ``://``...) is absent matches nowhere; most texts hold one kind, and each branch tried at
    every word costs a scan of the word.
    """
    url = "://" in text or "www." in text
    email = "@" in text
    brace = "{" in text
    tag = "<" in text
    entity = "&" in text
    if not (url or email or brace or tag or entity or _DOMAIN_HINT.search(text)):
        return text
    domain = _DOMAIN_END.search(text) is not None
    present = (url, email, domain, brace, brace, tag, entity)
    branches = tuple(i for i, held in enumerate(present) if held)
    return _skip_pattern(branches).sub(" ", text) if branches else text


class DetectLexicon(NamedTuple):
    """Discriminative frequent word forms: English lower-cased, Latvian without diacritics."""

    en: frozenset[str]
    lv: frozenset[str]


def build_detect_lexicon(size: int = 5000) -> DetectLexicon:
    """Derive the lexicon from the ``size`` most frequent words of each language in wordfreq.

    A word in both lists stays only where it is ``SHARED_WORD_RATIO`` times more frequent
    (English "the", Latvian "un"); words as common in both ("no", "to", "man") are dropped.
    """
    import regex  # the lexicon is built only when the rule cache is compiled
    from wordfreq import top_n_list, word_frequency

    word_form = regex.compile(r"\p{Latin}+(?:'\p{Latin}+)*")
    en_top: list[str] = top_n_list("en", size)
    lv_top: list[str] = top_n_list("lv", size)
    en_words = {
        unicodedata.normalize("NFC", w.replace("’", "'")) for w in en_top if word_form.fullmatch(w)
    }
    lv_forms: dict[str, list[str]] = {}
    for word in lv_top:
        if word_form.fullmatch(word):
            lv_forms.setdefault(strip_diacritics(word), []).append(word)

    shared = en_words & lv_forms.keys()
    en_set = en_words - shared
    lv_set = set(lv_forms) - shared
    for key in shared:
        en_freq: float = word_frequency(key, "en")
        lv_freq: float = sum(word_frequency(form, "lv") for form in lv_forms[key])
        if en_freq >= SHARED_WORD_RATIO * lv_freq:
            en_set.add(key)
        elif lv_freq >= SHARED_WORD_RATIO * en_freq:
            lv_set.add(key)
    return DetectLexicon(en=frozenset(en_set), lv=frozenset(lv_set))


# Languages of recent short texts: greetings, sign-offs and boilerplate repeat across a
# library and a long reply file, and are detected once.
_MEMO_SIZE = 4096
_MEMO_MAX_TEXT = 2000
_memo: dict[tuple[str, DetectLexicon, str], str] = {}


def detect_language(text: str, lexicon: DetectLexicon, default: str = "en") -> str:
    """Return "en", "ru", "lv" or "zh" for the majority language of ``text``, else ``default``."""
    if len(text) > _MEMO_MAX_TEXT:
        return _detect(text, lexicon, default)
    key = (text, lexicon, default)
    found = _memo.get(key)
    if found is None:
        found = _memo[key] = _detect(text, lexicon, default)
        if len(_memo) > _MEMO_SIZE:
            del _memo[next(iter(_memo))]  # the oldest entry
    return found


def _detect(text: str, lexicon: DetectLexicon, default: str) -> str:
    text = _without_skipped(unicodedata.normalize("NFC", text))
    if text.isascii():
        return _detect_ascii(text, lexicon, default)
    return _detect_any(text, lexicon, default)


def _detect_ascii(text: str, lexicon: DetectLexicon, default: str) -> str:
    """``_detect_any`` for ASCII text, counted by whole-list operations instead of per word.

    Every ASCII word is Latin and holds no Latvian-only letter; with no Han or Cyrillic
    evidence to weigh them against, the Latin units decide nothing, so only the two word
    lists matter.
    """
    words = _tokens_pattern(False).findall(text)
    if not words:
        return default
    lowered = " ".join(words).lower().split(" ")  # a word holds letters and apostrophes only
    hits = sum(map(_scores(lexicon).get, lowered, repeat(0)))
    en_hits, lv_hits = hits & _EN_MASK, hits >> _LV_SHIFT
    return _decide(0, 0, len(words), 0, 2 * en_hits, 2 * lv_hits, default)


# A word of the English list scores 1, one of the Latvian list only 1 << _LV_SHIFT, so one sum
# counts both (a text has fewer than 2**32 words).
_LV_SHIFT = 32
_EN_MASK = (1 << _LV_SHIFT) - 1


@lru_cache(maxsize=8)
def _scores(lexicon: DetectLexicon) -> dict[str, int]:
    """What each listed word adds to the sum; a word in both lists counts for English only."""
    scores = dict.fromkeys(lexicon.lv, 1 << _LV_SHIFT)
    scores.update(dict.fromkeys(lexicon.en, 1))
    return scores


def _detect_any(text: str, lexicon: DetectLexicon, default: str) -> str:
    han = 0
    wide_punct = 0
    latin_units = 0
    cyrillic_units = 0
    en_score = 0
    lv_score = 0
    en_words = lexicon.en
    lv_words = lexicon.lv
    for token in _tokens_pattern(has_wide_chars(text)).findall(text):
        script = _script(token[0])
        if script == "latin":
            lowercase = token.islower()
            weight = 2 if lowercase else 1
            latin_units += weight
            lower = token if lowercase else token.lower()
            if not lower.isascii():
                if not _LATVIAN_ONLY_LETTERS.isdisjoint(lower):
                    lv_score += 4 if lowercase else 1
                    continue
                lower = lower.replace("’", "'")
            if lower in en_words:
                en_score += 2
            elif (lower if lower.isascii() else strip_diacritics(lower)) in lv_words:
                lv_score += 2
        elif script == "cyrillic":
            cyrillic_units += 2 if token.islower() else 1
        elif script == "han":
            han += len(token)
        else:
            wide_punct += len(token)
    return _decide(han, wide_punct, latin_units, cyrillic_units, en_score, lv_score, default)


def _script(first: str) -> str:
    """Script of a token from its first character; tokens never mix scripts."""
    code = ord(first)
    if (
        code < 0x0400
        or 0x1E00 <= code < 0x1F00
        or 0xFF21 <= code <= 0xFF3A
        or (0xFF41 <= code <= 0xFF5A)
    ):
        return "latin"
    if (
        code < 0x0530
        or 0x1C80 <= code < 0x1C90
        or 0x2DE0 <= code < 0x2E00
        or (0xA640 <= code < 0xA6A0)
    ):
        return "cyrillic"
    if 0xFF01 <= code <= 0xFF65 or (0x3001 <= code <= 0x303F and first not in _HAN_SYMBOLS):
        return "punct"
    return "han"


def _decide(
    han: int,
    wide_punct: int,
    latin_units: int,
    cyrillic_units: int,
    en_score: int,
    lv_score: int,
    default: str,
) -> str:
    """Turn the counted evidence into a language code; ties between en and lv go to default."""
    if han and han + wide_punct > latin_units + cyrillic_units:
        return "zh"
    if cyrillic_units and 2 * cyrillic_units >= latin_units:
        return "ru"
    if lv_score > en_score:
        return "lv"
    if en_score > lv_score:
        return "en"
    return default
