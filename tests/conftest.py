"""Suite-wide pytest options and fixtures."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-golden``: rewrite golden files from the current output, not compare."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output instead of comparing against them",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden-file tests should write their expected output rather than check it."""
    return bool(request.config.getoption("--update-golden"))


def pytest_configure(config: pytest.Config) -> None:
    """Keep compiled rule sets of the test run out of the user's cache directory."""
    import os
    import tempfile

    os.environ["REPLYLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="replylint-test-cache-")


@pytest.fixture(scope="session")
def builtin_ruleset():  # type: ignore[no-untyped-def]
    """The built-in rules, compiled once for the whole run."""
    from replylint.ruleset.loader import load_ruleset

    return load_ruleset()
