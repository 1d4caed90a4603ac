"""The built-in rules compiled when the wheel is built, and shipped inside it.

An installed copy's rule files cannot change without reinstalling it, so a run that uses only
the built-in rules need not list and hash them for the cache key, nor locate the user cache
(``platformdirs``): about a tenth of a one-reply run. The set is used only when the libraries
it was compiled with are the ones installed now; otherwise (and in a source checkout or an
editable install, which have no such file) the rules go through the user cache as before.
"""

from __future__ import annotations

import os
import pickle
from typing import TYPE_CHECKING

from replylint.collector import paused
from replylint.ruleset import cache, package_dir
from replylint.ruleset.compiled import CompiledRuleSet

if TYPE_CHECKING:
    from pathlib import Path

# where the wheel carries it: next to the packaged rule files
PREBUILT_NAME = "_compiled_rules.pickle"


def prebuilt_path() -> str:
    """Where an installed copy keeps its compiled built-in rules."""
    return os.path.join(package_dir(), PREBUILT_NAME)  # noqa: PTH118


def build(rules_dir: Path, out: Path) -> None:
    """Compile the rule files under ``rules_dir`` into ``out`` (called by the wheel build)."""
    from replylint.ruleset.compile import compile_rules
    from replylint.ruleset.loader import display_path, find_rule_files, parse_rule_files

    files = find_rule_files(rules_dir)
    names = [os.path.relpath(f.display_path, display_path(rules_dir)) for f in files]
    ruleset = compile_rules(parse_rule_files(files), [f.display_path for f in files])
    payload = (cache.installed_key(), names, ruleset)
    out.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))


def load(rules_dir: str | os.PathLike[str]) -> CompiledRuleSet | None:
    """The shipped set, with paths as shown from here, or ``None`` if it is absent or stale."""
    path = prebuilt_path()
    try:
        with open(path, "rb") as handle, paused():  # noqa: PTH123  # long-lived acyclic objects
            key, names, ruleset = pickle.load(handle)
    except Exception:  # absent or damaged: the rules go through the user cache instead
        return None
    if key != cache.installed_key() or not isinstance(ruleset, CompiledRuleSet):
        return None
    if len(ruleset.sources) != len(names) or not ruleset.intact():
        return None
    from replylint.ruleset.loader import display_path

    shown = display_path(rules_dir)
    if all(p == os.pardir for p in shown.split(os.sep)):  # noqa: PTH206 - inside the rules
        paths = [display_path(os.path.join(rules_dir, name)) for name in names]  # noqa: PTH118
    else:  # string joins: relpath asks for the working directory per file (110: ~0.8 ms a run)
        paths = [os.path.normpath(os.path.join(shown, name)) for name in names]  # noqa: PTH118
    return ruleset.relocated(paths)
