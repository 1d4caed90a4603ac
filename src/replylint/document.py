"""Documents and segments: what sources produce and the engine lints."""

import bisect
from abc import abstractmethod
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, TypeVar, overload

from replylint.records import Record

T = TypeVar("T")


class SourceMap(NamedTuple):
    """Map code-point offsets in a segment's text back to the document text.

    ``runs`` is a sorted tuple of ``(segment_start, document_start, length)``: inside a run
    the two texts agree code point for code point. Offsets between runs (text that a source
    decoded, e.g. an escape) map to the start of the next run.
    """

    runs: tuple[tuple[int, int, int], ...]

    @classmethod
    def shifted(cls, document_start: int, length: int) -> "SourceMap":
        """A segment that is a plain slice of the document."""
        return cls(((0, document_start, length),))

    def then(self, outer: "SourceMap") -> "SourceMap":
        """Compose: this map's targets are positions in ``outer``'s segment (e.g. HTML in JSON).

        Every run is split where ``outer`` splits, so exact stretches stay exact.
        """
        runs: list[tuple[int, int, int]] = []
        for seg_start, mid_start, length in self.runs:
            for o_seg, o_doc, o_len in outer.runs:
                lo = max(mid_start, o_seg)
                hi = min(mid_start + length, o_seg + o_len)
                if lo < hi:
                    runs.append((seg_start + lo - mid_start, o_doc + lo - o_seg, hi - lo))
        runs.sort()
        return SourceMap(tuple(runs))

    def is_exact(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one run (its text is the file's text, unchanged)."""
        return any(s <= start and end <= s + n for s, _, n in self.runs)

    def end_to_document(self, offset: int) -> int:
        """Map an exclusive end offset: just after the last character, not at the next run.

        ``to_document`` sends an offset between runs to the next run's start, right for a
        start but, for an end, past any markup that follows (``stock</b>``).
        """
        if offset > 0:
            last = offset - 1
            for seg_start, doc_start, length in self.runs:
                if seg_start <= last < seg_start + length:
                    return doc_start + (last - seg_start) + 1
        return self.to_document(offset)

    def to_document(self, offset: int) -> int:
        """Return the document offset of segment ``offset``."""
        starts = [r[0] for r in self.runs]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        seg_start, doc_start, length = self.runs[i]
        if offset <= seg_start + length:
            return doc_start + (offset - seg_start)
        if i + 1 < len(self.runs):
            return self.runs[i + 1][1]
        return doc_start + length


class Segment(NamedTuple):
    """A unit of reply text that has one language: a paragraph, or one library entry."""

    text: str
    source_map: SourceMap
    lang: str | None = None
    entry: str | None = None
    reply: object = None  # segments with the same value form one reply (e.g. one macro)
    item: object = None  # per-locale variants of one library item share this (translations)
    protected: tuple[tuple[int, int], ...] = ()


class Document(Record):
    """A decoded input and the segments its source found in it.

    ``segments`` is a list, or for a large plain-text file a sequence that makes each segment
    when it is indexed (``sources.plaintext.Paragraphs``), which is then linted piece by piece.
    """

    _fields = ("path", "text", "encoding", "bom", "segments")
    __slots__ = _fields

    def __init__(
        self,
        path: str,
        text: str,
        encoding: str = "utf-8",
        bom: bool = False,
        segments: Sequence[Segment] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.segments: Sequence[Segment] = [] if segments is None else segments


class MadeOnDemand(Sequence[T]):
    """A sequence whose items are made when they are read: only what makes them is kept.

    For large inputs. Subclasses give ``__len__`` and ``_make`` (for an index in range).
    """

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def _make(self, index: int) -> T: ...

    def __iter__(self) -> Iterator[T]:
        # one call per item, not Sequence's __getitem__ with its checks and IndexError ending
        for index in range(len(self)):
            yield self._make(index)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._make(index)


class SegmentsToMake(Sequence[Segment]):
    """Segments that are made when first needed, from what a source found cheaply.

    Making a segment of each string of a helpdesk export (markup to visible text, composed
    maps) is most of reading it; ``api.lint_document`` makes each one in the process that
    lints it. Read as a sequence, this is the list a source would have returned: the
    segments of the candidates that are not blank, in order, each made once.
    """

    def __init__(
        self,
        replies: list[object],
        sizes: list[int],
        make: Callable[[int], Segment | None],
    ) -> None:
        self.replies = replies  # per candidate: the reply it belongs to
        self.sizes = sizes  # per candidate: about how much text it holds
        self._make = make  # candidate number -> its segment, or None when it is blank
        self._made: dict[int, Segment | None] = {}
        self._listed: list[Segment] | None = None

    def made(self, number: int) -> Segment | None:
        """Candidate ``number``'s segment (made on the first call), or None when blank."""
        made = self._made
        if number in made:
            return made[number]
        segment = made[number] = self._make(number)
        return segment

    def make(self, number: int) -> Segment | None:
        """Candidate ``number``'s segment, made now and not kept (a lint reads each once)."""
        made = self._made
        if number in made:
            return made[number]
        return self._make(number)

    def _segments(self) -> list[Segment]:
        if self._listed is None:
            made = (self.made(n) for n in range(len(self.replies)))
            self._listed = [segment for segment in made if segment is not None]
        return self._listed

    def __len__(self) -> int:
        return len(self._segments())

    def __iter__(self) -> Iterator[Segment]:
        return iter(self._segments())

    @overload
    def __getitem__(self, index: int) -> Segment: ...

    @overload
    def __getitem__(self, index: slice) -> list[Segment]: ...

    def __getitem__(self, index: int | slice) -> Segment | list[Segment]:
        return self._segments()[index]
