"""When Python's cyclic garbage collector runs during a lint.

Reading a library builds hundreds of thousands of small acyclic objects (tree nodes, source
maps, segments), and each automatic collection meanwhile walks all of them again: on a
10,000-macro export that was 0.8 s of a 2 s read. Reference counting frees these objects
whatever the collector does, so pausing it while they are built loses nothing; cyclic garbage
made meanwhile is collected once it runs again.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause automatic collection for the block (nesting is fine; the outermost resumes it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_own_process = False


def claim_process() -> None:
    """Say that the process is replylint's own (the command line), so ``settle`` may act."""
    global _own_process
    _own_process = True


def settle() -> None:
    """Leave every object alive now out of later collections, in replylint's own process.

    A document read whole (an export's tree, strings and segments) lives until it is linted,
    and each full collection meanwhile walked all of it again: 0.9 s of a 7 s lint of a
    10,000-macro export. Frozen objects are still freed by reference counting when let go;
    only cyclic garbage alive at this moment would stay until the process ends. In a program
    that embeds replylint its objects are its own, and nothing is frozen.
    """
    if _own_process:
        gc.freeze()
