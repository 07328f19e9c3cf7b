"""Near-duplicate articles (syndicated copies, light edits) by SimHash over word shingles.

:func:`fingerprint` is pure: the analyzer takes it of the words it reads anyway (title and
body, page furniture left out, so two stories of one site are not alike for their cookie
banner). :class:`NearDuplicateIndex` is the state: whoever runs the analyzer in stream order
(the :class:`~streams.analysis.monitor.Monitor`) owns one and hands it to
:meth:`~streams.analysis.analyzer.Analyzer.analyze`. It is bounded; the oldest fingerprints are
forgotten first.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from streams.analysis.anchors import WordIndex

__all__ = ["NearDuplicateIndex", "fingerprint", "simhash"]

_SHINGLE = 3
#: Bits two fingerprints may differ in and still be near-duplicates. On the labelled corpora,
#: a copy with a changed figure or a dropped paragraph differs in 0-8 bits, a rewrite of the
#: same report on another site in 6-10, and different stories in 19 or more (1 pair in 1,000).
MAX_DISTANCE = 10
#: Fewer shingles than this and a text is too short to call anything its duplicate.
_MIN_SHINGLES = 20
_BYTE_MAX = 255
#: Word hashes remembered (words recur from article to article).
_WORD_HASHES = 100_000


def fingerprint(words: Sequence[str]) -> int | None:
    """64-bit SimHash of the 3-word shingles of ``words``; None for too few to judge.

    Each bit is set when more than half of the distinct shingles have it set. (Counting a
    repeated shingle each time moved two of the three rewrites in the labelled corpora past
    :data:`MAX_DISTANCE`.) A shingle's hash combines its words' hashes (rotated by position),
    so each distinct word is hashed once, and the bit counting is done by numpy.
    """
    if len(words) < _SHINGLE:
        return None
    hashes = np.fromiter(map(_WORD_HASH.__getitem__, words), dtype=np.uint64, count=len(words))
    shingles = _unique(hashes[:-2] ^ _rotate(hashes[1:-1], 21) ^ _rotate(hashes[2:], 42))
    if len(shingles) < _MIN_SHINGLES:
        return None
    # The shingles' bits as bytes (0 or 1), read eight at a time as one 64-bit number: adding
    # those adds eight one-byte counters at once. A byte counts to 255, so rows are added 255
    # at a time, and those sums (few) byte by byte.
    lanes = np.unpackbits(shingles.view(np.uint8)).view(np.uint64).reshape(-1, 8)
    sums = np.add.reduceat(lanes, np.arange(0, len(lanes), _BYTE_MAX), axis=0)
    counts = sums.view(np.uint8).sum(axis=0, dtype=np.uint32)
    return int.from_bytes(np.packbits(counts * 2 > len(shingles)).tobytes(), "big")


def simhash(text: str) -> int | None:
    """:func:`fingerprint` of the words of ``text`` (in lower case), as a whole."""
    return fingerprint(WordIndex(text).words)


class _WordHashes(dict[str, int]):
    """Word → the 64-bit hash of its UTF-8 bytes, computed once (all forgotten when
    :data:`_WORD_HASHES` are kept)."""

    def __missing__(self, word: str) -> int:
        if len(self) >= _WORD_HASHES:
            self.clear()
        value = self[word] = _word_hash(word)
        return value


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


_WORD_HASH = _WordHashes()


def _unique(
    values: np.ndarray[Any, np.dtype[np.uint64]],
) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """The distinct values, sorted (``values`` in place): for a few hundred values, cheaper
    than ``np.unique``."""
    values.sort()
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def _rotate(
    values: np.ndarray[Any, np.dtype[np.uint64]], bits: int
) -> np.ndarray[Any, np.dtype[np.uint64]]:
    """64-bit left rotation of every value."""
    return (values << np.uint64(bits)) | (values >> np.uint64(64 - bits))


class NearDuplicateIndex:
    """Remembers the fingerprints of recent articles and finds earlier near-copies."""

    def __init__(self, capacity: int = 10_000, max_distance: int = MAX_DISTANCE) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self._capacity = capacity
        self._max_distance = max_distance
        self._prints = np.zeros(capacity, dtype=np.uint64)
        self._ids: list[str | None] = [None] * capacity
        self._next = 0  # slot the next fingerprint goes to (a ring)
        self._verdicts: OrderedDict[str, str | None] = OrderedDict()

    def check(self, article_id: str, words: Sequence[str]) -> str | None:
        """Id of an earlier article whose words ``words`` nearly repeat, then remember this
        one.

        Asking again about the same article id gives the same answer (a replay changes
        nothing), and an article is never its own duplicate.
        """
        if article_id in self._verdicts:
            return self._verdicts[article_id]
        found = fingerprint(words)
        verdict = None if found is None else self._earliest_match(found)
        if found is not None:
            self._remember(article_id, found)
        self._verdicts[article_id] = verdict
        while len(self._verdicts) > self._capacity:
            self._verdicts.popitem(last=False)
        return verdict

    def _earliest_match(self, found: int) -> str | None:
        filled = min(self._next, self._capacity)
        if not filled:
            return None
        distances = np.bitwise_count(self._prints[:filled] ^ np.uint64(found))
        slots = np.flatnonzero(distances <= self._max_distance)
        if not slots.size:
            return None
        # Slots fill as a ring: the earliest stored is the one written longest ago.
        age = (self._next - 1 - slots) % self._capacity
        return self._ids[int(slots[np.argmax(age)])]

    def _remember(self, article_id: str, found: int) -> None:
        slot = self._next % self._capacity
        self._prints[slot] = np.uint64(found)
        self._ids[slot] = article_id
        self._next += 1
