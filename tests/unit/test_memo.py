"""The bounded memory of worked-out answers: kept while in use, forgotten when not."""

from __future__ import annotations

import pytest

from streams.analysis.memo import Memo


class _Lengths(Memo[str, int]):
    """A word's length, with a record of each time it was worked out."""

    def __init__(self, generation: int) -> None:
        super().__init__(generation)
        self.worked_out: list[str] = []

    def work_out(self, key: str) -> int:
        self.worked_out.append(key)
        return len(key)


def test_an_answer_is_worked_out_once_while_it_is_kept() -> None:
    memo = _Lengths(generation=10)
    assert [memo[w] for w in ["ev", "ipo", "ev", "ipo", "ev"]] == [2, 3, 2, 3, 2]
    assert memo.worked_out == ["ev", "ipo"]


def test_answers_in_use_are_carried_over_and_the_rest_forgotten() -> None:
    memo = _Lengths(generation=3)
    for word in ["a", "bb", "ccc"]:
        memo[word]
    memo["dddd"]  # the generation is full: a, bb and ccc become the older one
    assert sorted(memo) == ["dddd"]
    memo["a"]  # asked again: carried over, not worked out again
    assert memo.worked_out == ["a", "bb", "ccc", "dddd"]
    memo["eeeee"]
    memo["ffffff"]  # the generation is full again: dddd, a and eeeee become the older one
    assert sorted(memo) == ["ffffff"]
    assert memo["a"] == 1 and memo["dddd"] == 4  # both were in use in the last generation
    assert memo["bb"] == 2  # not asked for since: forgotten, worked out again
    assert memo.worked_out == ["a", "bb", "ccc", "dddd", "eeeee", "ffffff", "bb"]


def test_no_more_than_two_generations_are_kept() -> None:
    memo = _Lengths(generation=4)
    for number in range(100):
        assert memo[str(number)] == len(str(number))
        assert len(memo) <= 4
        assert len(memo) + len(memo._older) <= 8
    assert len(memo.worked_out) == 100


def test_a_generation_holds_at_least_one_answer() -> None:
    with pytest.raises(ValueError, match="generation"):
        _Lengths(generation=0)
