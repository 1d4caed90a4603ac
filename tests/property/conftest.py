"""Hypothesis profiles for the property tests; ``REPLYLINT_HYPOTHESIS_PROFILE`` selects one."""

from __future__ import annotations

import pytest

from hypokit import profile_name, register_profiles

register_profiles()


def pytest_report_header(config: pytest.Config) -> str:
    """Show which profile bounds the property tests."""
    return f"replylint hypothesis profile: {profile_name()}"
