"""Errors the user can act on; each one renders as a single ``replylint: error:`` line."""

from __future__ import annotations


class ReplylintError(Exception):
    """A user-facing error: bad input, bad config or a broken rule file (exit code 2)."""

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[object, ...]:
        # keeps path, line and column when the error crosses from a worker process
        return (type(self), (self.message, self.path, self.line, self.column))

    def location(self) -> str:
        """Return ``PATH[:LINE[:COL]]`` or an empty string when no path is known."""
        if self.path is None:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        """Return the one-line form shown on stderr (without the ``replylint: error:`` prefix)."""
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class ConfigError(ReplylintError):
    """The configuration file is invalid."""


class InputError(ReplylintError):
    """An input file cannot be read or decoded."""


class RuleFileError(ReplylintError):
    """A rule file is invalid."""


class RuleFileErrors(ReplylintError):
    """Several rule-file errors, collected before failing so authors see them all at once."""

    def __init__(self, errors: list[RuleFileError]) -> None:
        super().__init__(f"{len(errors)} rule-file error(s)")
        self.errors = errors

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors,))
