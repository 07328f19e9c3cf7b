"""News topic scores: weighted words of each topic found in a text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping
from functools import cached_property
from itertools import accumulate
from typing import NamedTuple

from streams.analysis.anchors import AnchoredPattern, AnchoredTable, Prefixes, WordIndex
from streams.analysis.patterns import phrase_regex
from streams.analysis.schema import TopicSpec
from streams.records import TopicScore

__all__ = ["Phrases", "TopicMatcher"]

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
        self._weights = list(weights.values())
        patterns = []
        for number, phrase in enumerate(weights):
            flags = 0 if _is_acronym(phrase) else re.IGNORECASE
            source = rf"(?<!\w){phrase_regex(phrase)}(?!\w)"
            patterns.append((number, AnchoredPattern.of(source, flags)))
        self._phrases = AnchoredTable(patterns)

    @property
    def prefixes(self) -> Prefixes:
        """The words the phrases start with, for a :class:`SharedLookup`."""
        return self._phrases.prefixes

    @property
    def topics(self) -> list[str]:
        return list(self.thresholds)

    def phrases(self, text: str, index: WordIndex | None = None) -> Phrases:
        """The topic phrases of ``text`` (``index``: its word index, if built)."""
        index = index or WordIndex(text)
        spans = [
            _Span(m.start(), -m.end(), m.group().lower(), number)
            for number, m in self._phrases.finditer(index)
        ]
        spans.sort()
        return Phrases(spans, self._weights)

    def score(self, text: str, index: WordIndex | None = None) -> dict[str, TopicScore]:
        """Every topic with at least one word in ``text``, above its threshold or not
        (``index``: the word index of ``text``, if built)."""
        return self.phrases(text, index).scores()

    def mentioned(self, text: str, index: WordIndex | None = None) -> set[str]:
        """The topics any of whose words occurs in ``text`` (``index``: its word index, if
        built)."""
        return self.phrases(text, index).every_topic()


class _Span(NamedTuple):
    start: int
    negative_end: int  # sorts the longer of two phrases at one place first
    surface: str
    number: int


class Phrases:
    """The topic phrases found in one text, in order: its scores, and the topics that a part
    of it names."""

    def __init__(self, spans: list[_Span], weights: list[list[tuple[str, float]]]) -> None:
        self._spans = spans
        self._weights = weights

    @cached_property
    def _starts(self) -> list[int]:
        return [span.start for span in self._spans]

    @cached_property
    def _reach(self) -> list[int]:
        """How far the phrases up to each one reach."""
        return list(accumulate((-span.negative_end for span in self._spans), max))

    def scores(self) -> dict[str, TopicScore]:
        """Every topic with at least one word, above its threshold or not."""
        totals: dict[str, float] = {}
        matched: dict[str, list[str]] = {}
        for surface, count, topic_weights in self._hits(self._spans):
            for topic, weight in topic_weights:
                repeats = 1 + 0.5 * min(count - 1, _MAX_REPEATS)
                totals[topic] = totals.get(topic, 0.0) + weight * repeats
                matched.setdefault(topic, []).append(surface)
        return {
            topic: TopicScore(topic=topic, score=round(total, 2), matched=matched[topic])
            for topic, total in totals.items()
        }

    def topics(self, start: int, end: int) -> set[str] | None:
        """The topics named in ``text[start:end]``, as that part alone would give them; None
        when a phrase found in the whole text crosses ``start`` or ``end`` (the part alone may
        then have other phrases: ask it)."""
        starts, reach = self._starts, self._reach
        first = bisect_left(starts, start)
        last = bisect_left(starts, end)
        if (first and reach[first - 1] > start) or (last and reach[last - 1] > end):
            return None
        return self._named(self._spans[first:last])

    def every_topic(self) -> set[str]:
        """The topics named anywhere in the text."""
        return self._named(self._spans)

    def _named(self, spans: list[_Span]) -> set[str]:
        return {t for _, _, weights in self._hits(spans) for t, _ in weights}

    def _hits(self, spans: list[_Span]) -> list[tuple[str, int, list[tuple[str, float]]]]:
        """(surface form, count, topic weights) of each phrase found, in order of appearance.

        Where phrases overlap the longer one counts ("electric car" is not also "car").
        """
        hits: dict[int, tuple[str, int]] = {}
        reach = 0
        for start, negative_end, surface, number in spans:
            if start < reach:
                continue
            reach = -negative_end
            first, count = hits.get(number, (surface, 0))
            hits[number] = (first, count + 1)
        return [(s, n, self._weights[i]) for i, (s, n) in hits.items()]
