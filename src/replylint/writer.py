"""Writing a fixed file back: same encoding, BOM, line endings and mode, atomically.

The new content goes to a temporary file in the same directory, which then replaces the
original in one rename, so a crash or a full disk never leaves a half-written reply library.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from replylint.errors import InputError
from replylint.text import encode_text


def write_atomically(path: str, text: str, encoding: str, bom: bool) -> None:
    """Replace ``path`` with ``text`` encoded as the file was; keep its permission bits."""
    target = Path(path)
    try:
        data = encode_text(text, encoding, bom)
    except UnicodeEncodeError as exc:
        raise InputError(
            f"the fixed text cannot be written as {encoding}: {exc.reason}", path
        ) from None
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(mode)
        Path(tmp).replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise InputError(f"cannot write: {exc.strerror or exc}", path) from None
