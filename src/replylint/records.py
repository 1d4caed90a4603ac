"""A base for the few mutable records of the start-up path: equality, repr and pickling.

Immutable records are ``NamedTuple`` classes. A ``dataclass`` would generate these methods for
the mutable ones too, but making a dataclass costs 0.3–0.5 ms, and importing ``dataclasses``
brings in ``inspect``: together about a tenth of a one-reply run, which defines every class it
uses on each start-up.
"""

from __future__ import annotations

from typing import Any


class Record:
    """A subclass names its fields in ``_fields``, in constructor order, and writes ``__init__``.

    ``__slots__ = _fields`` too: a record has no instance dictionary.
    """

    _fields: tuple[str, ...] = ()
    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as a call of the constructor with the fields in order.

        Results cross from worker processes; this is about twice as fast to unpickle as the
        default state dictionary of a slotted class.
        """
        return (type(self), self._values())
