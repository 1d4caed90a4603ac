"""Language layer: detection, tokens, sentences and per-language lexicons."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "ru", "lv", "zh")
SPACED_LANGUAGES: frozenset[str] = frozenset({"en", "ru", "lv"})
