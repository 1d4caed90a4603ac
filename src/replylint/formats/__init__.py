"""Output formats: a registry of modules, each exposing ``render(results, stream, options)``.

Modules are imported only when chosen, so ``--format json`` never imports rich.
"""

import importlib
from collections.abc import Sequence
from typing import NamedTuple, Protocol, TextIO

from replylint.diagnostics import FileResult

FORMATS: dict[str, str] = {
    "pretty": "replylint.formats.pretty",
    "concise": "replylint.formats.concise",
    "json": "replylint.formats.json",
    "sarif": "replylint.formats.sarif",
    "github": "replylint.formats.github",
    "junit": "replylint.formats.junit",
    "gitlab": "replylint.formats.gitlab",
}


class FormatOptions(NamedTuple):
    """What a formatter needs to know about the terminal and the run.

    A NamedTuple rather than a dataclass: it is defined on every start-up, at a fraction of
    the cost.
    """

    color: bool = False
    width: int | None = None
    quiet: bool = False


class Renderer(Protocol):
    """Write a report for ``results`` to ``stream``."""

    def __call__(
        self, results: Sequence[FileResult], stream: TextIO, options: FormatOptions
    ) -> None:
        """Render the report."""
        ...


def get_renderer(name: str) -> Renderer:
    """Return the ``render`` function of format ``name`` (a key of ``FORMATS``)."""
    module = importlib.import_module(FORMATS[name])
    renderer: Renderer = module.render
    return renderer
