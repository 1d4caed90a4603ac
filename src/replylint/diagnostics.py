"""The one diagnostic type and the one fix type shared by the engine and every formatter."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from replylint.pickled import positional_reduce


class Severity(enum.IntEnum):
    """How bad a finding is; an ``IntEnum`` so ``--fail-on`` is a comparison."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lower-case name used in rule files, config and output."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Parse ``suggestion|warning|error``; raises ``ValueError`` otherwise."""
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(value) from None


SEVERITY_NAMES = tuple(s.label for s in Severity)


class Applicability(enum.Enum):
    """How safe a fix is to apply without a human looking at it."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the code points ``[start, end)`` of the document text with ``replacement``."""

    __reduce__ = positional_reduce  # results come back from worker processes

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits and how safe it is to apply them."""

    __reduce__ = positional_reduce  # results come back from worker processes

    applicability: Applicability
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, in document coordinates (code-point offsets into the decoded text)."""

    __reduce__ = positional_reduce  # results come back from worker processes

    path: str
    start: int
    end: int
    rule: str
    severity: Severity
    lang: str
    message: str
    match: str
    suggestions: tuple[str, ...] = ()
    entry: str | None = None
    fix: Fix | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by path, then position, then rule id (contract 2)."""
        return (self.path, self.start, self.end, self.rule)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know that is not a finding (e.g. a rule pattern timed out)."""

    __reduce__ = positional_reduce  # results come back from worker processes

    path: str
    message: str


@dataclass(slots=True)
class FileResult:
    """Everything linting one input produced, with the text needed to compute lines at the edge."""

    __reduce__ = positional_reduce  # results come back from worker processes

    path: str
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
