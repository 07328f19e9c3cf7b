"""Near-duplicate articles (reprints, lightly edited copies) by SimHash over word shingles.

Stateful, so it lives outside the analyzer: the :class:`~streams.analysis.monitor.Monitor` (or
an agent) owns one index. The index is bounded; the oldest fingerprints are forgotten first.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from typing import Any

import numpy as np

from streams.analysis.anchors import word_bytes

__all__ = ["NearDuplicateIndex", "simhash"]

_WORD = re.compile(r"\w+")
_SHINGLE = 3
#: Bits two fingerprints may differ in and still be near-duplicates. A reprint with a changed
#: sentence differs in a handful; unrelated texts differ in about 32 (rarely under 20).
MAX_DISTANCE = 10
#: Fewer shingles than this and a text is too short to call anything its duplicate.
_MIN_SHINGLES = 20
#: Word hashes remembered (words recur from article to article).
_WORD_HASHES = 100_000


def simhash(text: str) -> int | None:
    """64-bit SimHash of the text's 3-word shingles; None for a text too short to judge.

    A shingle's hash combines its words' hashes (rotated by position), so each distinct word is
    hashed once, and the bit counting is done by numpy.
    """
    words, table = _words(text)
    if len(words) < _SHINGLE:
        return None
    hashes = np.fromiter(map(table.__getitem__, words), dtype=np.uint64, count=len(words))
    shingles = _unique(hashes[:-2] ^ _rotate(hashes[1:-1], 21) ^ _rotate(hashes[2:], 42))
    if len(shingles) < _MIN_SHINGLES:
        return None
    bits = np.unpackbits(shingles.view(np.uint8)).reshape(-1, 64)
    # Counted in 32 bits (no text has 2**31 shingles): cheaper than numpy's 64-bit default.
    majority = bits.sum(axis=0, dtype=np.uint32) * 2 > len(shingles)
    return int.from_bytes(np.packbits(majority).tobytes(), "big")


def _words(text: str) -> tuple[list[str] | list[bytes], _WordHashes]:
    """The words (runs of word characters) of ``text`` case-folded, and the table that hashes
    them: as Latin-1 bytes when the text encodes so (most text in Western European languages),
    split without a regex; as strings otherwise."""
    folded = text.casefold()
    spaced = word_bytes(folded)
    if spaced is None:
        return _WORD.findall(folded), _WORD_HASH
    return spaced.split(), _LATIN1_HASH


class _WordHashes(dict[str | bytes, int]):
    """Word (a string, or its bytes in ``encoding``) → the 64-bit hash of its UTF-8 bytes,
    computed once (all forgotten when :data:`_WORD_HASHES` are kept)."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    def __missing__(self, word: str | bytes) -> int:
        if len(self) >= _WORD_HASHES:
            self.clear()
        text = word.decode(self._encoding) if isinstance(word, bytes) else word
        value = self[word] = _word_hash(text)
        return value


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


_WORD_HASH = _WordHashes("utf-8")
_LATIN1_HASH = _WordHashes("latin-1")


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

    def check(self, article_id: str, text: str) -> str | None:
        """Id of an earlier article that ``text`` nearly duplicates, then remember this one.

        Asking again about the same article id gives the same answer (a replay changes
        nothing), and an article is never its own duplicate.
        """
        if article_id in self._verdicts:
            return self._verdicts[article_id]
        fingerprint = simhash(text)
        verdict = None if fingerprint is None else self._earliest_match(fingerprint)
        if fingerprint is not None:
            self._remember(article_id, fingerprint)
        self._verdicts[article_id] = verdict
        while len(self._verdicts) > self._capacity:
            self._verdicts.popitem(last=False)
        return verdict

    def _earliest_match(self, fingerprint: int) -> str | None:
        filled = min(self._next, self._capacity)
        if not filled:
            return None
        distances = np.bitwise_count(self._prints[:filled] ^ np.uint64(fingerprint))
        slots = np.flatnonzero(distances <= self._max_distance)
        if not slots.size:
            return None
        # Slots fill as a ring: the earliest stored is the one written longest ago.
        age = (self._next - 1 - slots) % self._capacity
        return self._ids[int(slots[np.argmax(age)])]

    def _remember(self, article_id: str, fingerprint: int) -> None:
        slot = self._next % self._capacity
        self._prints[slot] = np.uint64(fingerprint)
        self._ids[slot] = article_id
        self._next += 1
