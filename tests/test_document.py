"""Documents' segment sequences: segments made when first needed read like a list."""

from __future__ import annotations

from replylint.document import Segment, SegmentsToMake, SourceMap


def _candidates(texts: list[str]) -> tuple[SegmentsToMake, list[int]]:
    calls: list[int] = []

    def make(number: int) -> Segment | None:
        calls.append(number)
        text = texts[number]
        return Segment(text, SourceMap.shifted(10 * number, len(text))) if text.strip() else None

    return SegmentsToMake([n // 2 for n in range(len(texts))], [len(t) for t in texts], make), calls


def test_each_candidate_is_made_once_and_only_when_asked() -> None:
    segments, calls = _candidates(["Hi.", " ", "Bye."])
    assert calls == []
    assert segments.made(2) is not None
    assert segments.made(2) is segments.made(2)
    assert segments.made(1) is None
    assert segments.made(1) is None
    assert calls == [2, 1]


def test_read_as_a_sequence_it_is_the_list_of_non_blank_segments() -> None:
    segments, calls = _candidates(["Hi.", " ", "Bye.", "\n"])
    assert [s.text for s in segments] == ["Hi.", "Bye."]
    assert len(segments) == 2
    assert segments[-1].text == "Bye."
    assert [s.text for s in segments[0:1]] == ["Hi."]
    assert sorted(calls) == [0, 1, 2, 3]  # every candidate made once, however often read
    assert segments.replies == [0, 0, 1, 1]
    assert segments.sizes == [3, 1, 4, 1]
