"""replylint: a linter for customer-support replies and helpdesk macro libraries."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
