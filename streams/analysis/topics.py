"""News topic scores: weighted words of each topic found in a text."""

from __future__ import annotations

import re
from collections.abc import Mapping

from streams.analysis.patterns import phrase_regex
from streams.analysis.schema import TopicSpec
from streams.records import TopicScore

__all__ = ["TopicMatcher"]

#: A repeated word adds half its weight again, at most this many times.
_MAX_REPEATS = 2


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


class TopicMatcher:
    """Scores a text against the news topics of one language."""

    def __init__(self, topics: Mapping[str, TopicSpec]) -> None:
        self.thresholds = {topic: spec.threshold for topic, spec in topics.items()}
        weights: dict[str, list[tuple[str, float]]] = {}
        for topic, spec in topics.items():
            for phrase, weight in spec.keywords.items():
                weights.setdefault(phrase, []).append((topic, weight))
        phrases = sorted(weights, key=len, reverse=True)
        self._weights = [weights[p] for p in phrases]
        branches = []
        for index, phrase in enumerate(phrases):
            body = phrase_regex(phrase)
            if _is_acronym(phrase):
                body = f"(?-i:{body})"
            branches.append(f"(?P<k{index}>{body})")
        body = "|".join(branches) or "(?!)"
        self._regex = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)

    @property
    def topics(self) -> list[str]:
        return list(self.thresholds)

    def _hits(self, text: str) -> dict[int, tuple[str, int]]:
        """Index of each phrase found → (first surface form, count)."""
        hits: dict[int, tuple[str, int]] = {}
        for match in self._regex.finditer(text):
            index = int(str(match.lastgroup)[1:])
            surface, count = hits.get(index, (match.group().lower(), 0))
            hits[index] = (surface, count + 1)
        return hits

    def score(self, text: str) -> dict[str, TopicScore]:
        """Every topic with at least one word in ``text``, above its threshold or not."""
        totals: dict[str, float] = {}
        matched: dict[str, list[str]] = {}
        for index, (surface, count) in self._hits(text).items():
            for topic, weight in self._weights[index]:
                totals[topic] = totals.get(topic, 0.0) + weight * (
                    1 + 0.5 * min(count - 1, _MAX_REPEATS)
                )
                matched.setdefault(topic, []).append(surface)
        return {
            topic: TopicScore(topic=topic, score=round(total, 2), matched=matched[topic])
            for topic, total in totals.items()
        }

    def mentions(self, topic: str, text: str) -> bool:
        """Whether any word of ``topic`` occurs in ``text``."""
        return any(t == topic for index in self._hits(text) for t, _ in self._weights[index])
