"""Rule code: schema validation, loading, compiling and caching of the YAML rule data."""

from __future__ import annotations
