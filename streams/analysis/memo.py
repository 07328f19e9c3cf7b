"""A bounded memory of worked-out answers that keeps the ones in use.

The analysis keeps what it works out about each word (which patterns it may start, its
near-duplicate hash): words recur from article to article. A stream keeps bringing words it has
not met, so the memory is bounded. Forgetting everything when full would make the next articles
pay for every common word again; here the answers of one generation are kept as the older one
when the next begins, and an answer still in use is carried over when it is next asked for.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["Memo"]

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """``memo[key]`` is ``work_out(key)``, worked out once and kept. At most ``2 * generation``
    keys are kept: when ``generation`` keys are in this one, they become the older generation
    (the one before is forgotten), and a key asked for again is carried over from it without
    being worked out again.

    A subclass defines :meth:`work_out`. Lookups of kept keys are plain ``dict`` lookups.
    """

    def __init__(self, generation: int) -> None:
        super().__init__()
        if generation < 1:
            raise ValueError("generation must be at least 1")
        self.generation = generation
        self._older: dict[K, V] = {}

    def work_out(self, key: K) -> V:
        raise NotImplementedError

    def __missing__(self, key: K) -> V:
        older = self._older
        value = older[key] if key in older else self.work_out(key)
        if len(self) >= self.generation:
            self._older = dict(self)
            self.clear()
        self[key] = value
        return value
