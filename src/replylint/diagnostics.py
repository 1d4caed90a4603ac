"""The one diagnostic type and the one fix type shared by the engine and every formatter."""

import enum
from typing import NamedTuple

from replylint.records import Record


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
    def parse(cls, value: str) -> "Severity":
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


class Edit(NamedTuple):
    """Replace the code points ``[start, end)`` of the document text with ``replacement``."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """A set of edits and how safe it is to apply them."""

    applicability: Applicability
    edits: tuple[Edit, ...]


class Diagnostic(NamedTuple):
    """One finding, in document coordinates (code-point offsets into the decoded text)."""

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


class Notice(NamedTuple):
    """Something the user should know that is not a finding (e.g. a rule pattern timed out)."""

    path: str
    message: str


class FileResult(Record):
    """Everything linting one input produced, with the text needed to compute lines at the edge."""

    _fields = ("path", "text", "diagnostics", "notices")
    __slots__ = _fields

    def __init__(
        self,
        path: str,
        text: str,
        diagnostics: list[Diagnostic] | None = None,
        notices: list[Notice] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self.notices: list[Notice] = [] if notices is None else notices
