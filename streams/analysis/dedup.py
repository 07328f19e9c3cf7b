"""Near-duplicate articles (syndicated copies, light edits) by SimHash over word shingles.

:func:`fingerprint` is pure: the analyzer takes it of the words it reads anyway (title and
body, page furniture left out, so two stories of one site are not alike for their cookie
banner). :class:`NearDuplicateIndex` is the state: whoever runs the analyzer in stream order
(the :class:`~streams.analysis.monitor.Monitor`) owns one and hands it to
:meth:`~streams.analysis.analyzer.Analyzer.analyze`. It is bounded; the oldest fingerprints are
forgotten first.
"""

from __future__ import annotations

import struct
from collections import OrderedDict
from collections.abc import Sequence
from hashlib import blake2b

import numpy as np

from streams.analysis.anchors import WordIndex
from streams.analysis.memo import Memo

__all__ = ["NearDuplicateIndex", "fingerprint", "simhash"]

_SHINGLE = 3
#: Bits two fingerprints may differ in and still be near-duplicates. On the labelled corpora,
#: a copy with a changed figure or a dropped paragraph differs in 0-5 bits (nine in ten), a
#: rewrite of the same report on another site in 6-10, and two different stories in more than
#: 14 (one pair in 1,000 within 19).
MAX_DISTANCE = 10
#: Fewer shingles than this and a text is too short to call anything its duplicate.
_MIN_SHINGLES = 20
_BYTE_MAX = 255
#: Word hashes remembered in one generation (words recur from article to article).
_WORDS_KEPT = 50_000


def fingerprint(words: Sequence[str]) -> int | None:
    """64-bit SimHash of the 3-word shingles of ``words``; None for too few to judge.

    Each bit is set when more than half of the distinct shingles have it set. (Counting a
    repeated shingle each time moved two of the three rewrites in the labelled corpora past
    :data:`MAX_DISTANCE`.) A shingle's hash is its first word's hash, the second's rotated by
    21 bits and the third's by 42, XORed; each word's three are worked out once.

    In the stream the check costs about three times what a loop of its own times, for reasons
    not pinned down (``docs/benchmarks.md``); fewer numpy calls helped only a little.
    """
    if len(words) < _SHINGLE:
        return None
    joined = b"".join(map(_WORD_HASHES.__getitem__, words))
    rows = np.frombuffer(joined, dtype=_UINT64).reshape(-1, 3)
    shingles = rows[:-2, 0] ^ rows[1:-1, 1]
    shingles ^= rows[2:, 2]
    shingles.sort()
    distinct = np.concatenate((shingles[:1], shingles[1:][shingles[1:] != shingles[:-1]]))
    if len(distinct) < _MIN_SHINGLES:
        return None
    # The shingles' bits as bytes (0 or 1), read eight at a time as one 64-bit number: adding
    # those adds eight one-byte counters at once. A byte counts to 255, so rows are added 255
    # at a time, and those sums (few) byte by byte.
    lanes = np.unpackbits(distinct.view(np.uint8)).view(np.uint64).reshape(-1, 8)
    chunks = -(-len(lanes) // _BYTE_MAX)
    starts = _CHUNKS[:chunks] if chunks <= len(_CHUNKS) else np.arange(0, len(lanes), _BYTE_MAX)
    sums = np.add.reduceat(lanes, starts, axis=0)
    counts = sums.view(np.uint8).sum(axis=0, dtype=np.uint32)
    return int.from_bytes(np.packbits(counts > len(distinct) // 2).tobytes(), "big")


def simhash(text: str) -> int | None:
    """:func:`fingerprint` of the words of ``text`` (in lower case), as a whole."""
    return fingerprint(WordIndex(text).words)


class _WordRotations(Memo[str, bytes]):
    """Word → the 64-bit hash of its UTF-8 bytes, and it rotated left by 21 and by 42 bits, as
    24 bytes (three little-endian numbers); worked out once, and kept in generations of
    :data:`_WORDS_KEPT` words (:class:`~streams.analysis.memo.Memo`)."""

    def work_out(self, word: str) -> bytes:
        value = _word_hash(word)
        return _ROW.pack(value, _rotate(value, 21), _rotate(value, 42))


def _word_hash(word: str) -> int:
    return int.from_bytes(blake2b(word.encode(), digest_size=8).digest(), "little")


def _rotate(value: int, bits: int) -> int:
    """64-bit left rotation."""
    return ((value << bits) | (value >> (64 - bits))) & 0xFFFF_FFFF_FFFF_FFFF


_WORD_HASHES = _WordRotations(_WORDS_KEPT)
_UINT64 = np.dtype("<u8")
#: A word's row: three little-endian 64-bit numbers.
_ROW = struct.Struct("<3Q")
#: Where each run of :data:`_BYTE_MAX` rows starts, for texts of up to 261,120 shingles.
_CHUNKS = np.arange(0, 1024 * _BYTE_MAX, _BYTE_MAX)


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
