"""Finding the files to lint: directories are walked honouring ``.gitignore`` files.

Like git, a ``.gitignore`` applies to its directory and everything below it, and the ignore
files of the enclosing repository (up to the directory holding ``.git``, plus
``.git/info/exclude``) apply to a walk that starts inside it. Files named explicitly are
always linted unless the config's ``exclude`` matches them (pre-commit passes files one by one).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NoReturn

from replylint.errors import InputError

if TYPE_CHECKING:
    from pathlib import Path

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__"})


@lru_cache(maxsize=1024)
def gitignore_spec(lines: tuple[str, ...]) -> Any:
    """A compiled set of gitignore-style patterns (cached: the same files recur in a walk)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _read_lines(path: Path) -> tuple[str, ...]:
    try:
        return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


class IgnoreFiles:
    """The ``.gitignore`` rules in force for a walk: (directory, spec) pairs, outermost first."""

    def __init__(self, start: Path) -> None:
        self.rules: list[tuple[str, Any]] = []  # (real path of the directory, its spec)
        start = start.resolve()
        root = next((p for p in (start, *start.parents) if _exists(p / ".git")), None)
        if root is not None:
            exclude = _read_lines(root / ".git" / "info" / "exclude")
            if exclude:
                self.rules.append((str(root), gitignore_spec(exclude)))
            for directory in reversed([start, *start.parents]):
                if directory == root or root in directory.parents:
                    self.add(directory)

    def add(self, directory: str | Path) -> None:
        """Take ``directory/.gitignore`` into account (a no-op when there is none)."""
        from pathlib import Path  # a directory walk: named files alone need no pathlib

        directory = Path(directory)
        lines = _read_lines(directory / ".gitignore")
        if lines:
            self.rules.append((str(directory.resolve()), gitignore_spec(lines)))

    def ignored(self, real_path: str, is_dir: bool) -> bool:
        """Whether git would ignore the file at ``real_path`` (symlinks resolved, as in the rules).

        The last matching rule decides, as in git.
        """
        verdict = False
        for directory, spec in self.rules:
            relative = _below(real_path, directory)
            if relative is None:
                continue
            result = spec.check_file(relative + ("/" if is_dir else ""))
            if result.include is not None:
                verdict = bool(result.include)
        return verdict


def _below(path: str, directory: str) -> str | None:
    """``path`` relative to ``directory`` in ``/`` form, or None when it is not inside it."""
    if path == directory:
        return "."
    prefix = directory if directory.endswith(os.sep) else directory + os.sep
    if not path.startswith(prefix):
        return None
    relative = path[len(prefix) :]
    return relative if os.sep == "/" else relative.replace(os.sep, "/")


def discover(paths: Iterable[str], suffixes: Iterable[str], excluded: Any = None) -> list[str]:
    """Expand directories into the files below them with one of ``suffixes``.

    ``excluded(path) -> bool`` (the config's ``exclude``) drops files, named or found.
    """
    wanted = frozenset(suffixes)
    found: list[str] = []
    for raw in paths:
        if not raw:
            raise InputError("an empty path names no file or directory")
        try:
            mode = os.stat(raw).st_mode  # noqa: PTH116 - a string: 1,000 named files, no Paths
        except FileNotFoundError:  # also a symlink to nothing
            raise InputError("no such file or directory", raw) from None
        except OSError as exc:  # a symlink loop, a directory on the way that is not searchable
            raise InputError(f"cannot read: {exc.strerror or exc}", raw) from None
        if stat.S_ISDIR(mode):
            found.extend(_walk(raw, wanted))
        else:  # named explicitly: a pipe such as <(command) is read too
            found.append(raw)
    if excluded is not None:
        found = [p for p in found if not excluded(p)]
    unique: dict[str, str] = {}
    real_dirs: dict[str, str] = {}
    for p in found:
        # A file reached twice (named and inside a named directory, or through a symlink) is
        # linted once, under a name that involves no symlink if it has one.
        real = _realpath(p, real_dirs)
        if real not in unique or (_through_link(unique[real]) and not _through_link(p)):
            unique[real] = p
    return list(unique.values())


def _realpath(path: str, real_dirs: dict[str, str]) -> str:
    """``os.path.realpath(path)``, resolving each directory once (``real_dirs`` remembers them).

    Only the last component can then be a link: 1,000 files named in one directory cost
    1,000 ``lstat`` calls instead of one per component of each.
    """
    head, tail = os.path.split(path)
    if tail in ("", ".", "..") or os.path.islink(path):  # noqa: PTH114 - a string, no Path
        return os.path.realpath(path)
    real_dir = real_dirs.get(head)
    if real_dir is None:
        real_dir = real_dirs[head] = os.path.realpath(head or os.curdir)
    return os.path.join(real_dir, tail)  # noqa: PTH118 - strings, as realpath returns


def _through_link(path: str) -> bool:
    return os.path.realpath(path) != os.path.abspath(path)  # noqa: PTH100 - strings


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; False, not an error, inside a directory that may not be read."""
    try:
        return path.exists()
    except OSError:
        return False


def _unreadable(error: OSError) -> NoReturn:
    """A directory of the walk that cannot be listed is an error, never silently skipped."""
    where = str(error.filename) if error.filename is not None else None
    raise InputError(f"cannot read directory: {error.strerror or error}", where)


def _walk(top: str, suffixes: frozenset[str]) -> Sequence[str]:
    from pathlib import Path

    start = Path(top)
    ignores = IgnoreFiles(start)
    found: list[str] = []
    _visit(str(start), ignores, suffixes, found)  # names as pathlib spells them: no "./", no "//"
    return found


def _visit(directory: str, ignores: IgnoreFiles, suffixes: frozenset[str], out: list[str]) -> None:
    """Append the wanted files below ``directory`` to ``out``, in ``os.walk``'s sorted order.

    Its own files come first by name, then its subdirectories by name, depth first. Symlinked
    directories are not followed (as git does), so a link loop cannot recur. One ``scandir``
    per directory answers "directory? regular file? link?" for its entries, and the
    directory's real path is resolved once for the ignore rules.
    """
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=_entry_name)
    except OSError as error:
        _unreadable(error)
    real_dir = os.path.realpath(directory) if ignores.rules else directory
    subdirs = []
    for entry in entries:
        if _is(entry.is_dir):
            subdirs.append(entry)
            continue
        name = entry.name
        if (
            os.path.splitext(name)[1].lower() in suffixes  # noqa: PTH122 - a name
            and not name.startswith(".")  # dotfiles are config (.replylint.yaml), not replies
            and _is(entry.is_file)  # not a dangling link or a FIFO that would block the read
            and not (ignores.rules and ignores.ignored(_real(entry, real_dir), is_dir=False))
        ):
            out.append(_child(directory, name))
    for entry in subdirs:
        name = entry.name
        if (
            name in SKIPPED_DIRS
            or name.startswith(".")
            or _is(entry.is_symlink)
            or (ignores.rules and ignores.ignored(_real(entry, real_dir), is_dir=True))
        ):
            continue
        path = _child(directory, name)
        ignores.add(path)
        _visit(path, ignores, suffixes, out)


def _entry_name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is(test: Callable[[], bool]) -> bool:
    """A ``DirEntry`` type test; an entry that vanished or cannot be examined is not one."""
    try:
        return test()
    except OSError:
        return False


def _real(entry: os.DirEntry[str], real_dir: str) -> str:
    """``os.path.realpath`` of the entry, given its directory's real path."""
    if _is(entry.is_symlink):
        return os.path.realpath(entry.path)
    return os.path.join(real_dir, entry.name)  # noqa: PTH118 - strings, as realpath returns


def _child(directory: str, name: str) -> str:
    """``str(Path(directory) / name)``: no ``./`` in front of names found in ``.``."""
    return name if directory == os.curdir else os.path.join(directory, name)  # noqa: PTH118
