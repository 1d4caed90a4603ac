"""Rule code: schema validation, loading, compiling and caching of the YAML rule data."""

from __future__ import annotations

import os


def package_dir() -> str:
    """The ``replylint`` package's directory (links resolved), as a string: no pathlib."""
    return os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # noqa: PTH120
