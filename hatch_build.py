"""Wheel build hook: compile the built-in rules into the wheel (see ``replylint.ruleset.prebuilt``).

Compiling expands every rule word through the lexicons, so the build environment holds the
runtime dependencies (``require-runtime-dependencies`` in ``pyproject.toml``). Editable installs
skip it: their rules are the working tree's and go through the user cache.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledRulesHook(BuildHookInterface):  # type: ignore[type-arg]
    """Add ``replylint/_compiled_rules.pickle`` to a (non-editable) wheel."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the rules into a scratch directory and force-include the result."""
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        from replylint.ruleset import prebuilt

        self._scratch = Path(tempfile.mkdtemp(prefix="replylint-build-"))
        out = self._scratch / prebuilt.PREBUILT_NAME
        prebuilt.build(Path(self.root) / "rules", out)
        build_data["force_include"][str(out)] = f"replylint/{prebuilt.PREBUILT_NAME}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the scratch directory once the wheel holds the file."""
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
