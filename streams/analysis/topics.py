"""News topic scores: weighted words of each topic found in a text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping

from streams.analysis.patterns import lowered_text, phrase_regex
from streams.analysis.schema import TopicSpec
from streams.records import TopicScore

__all__ = ["TopicMatcher"]

#: A repeated word adds half its weight again, at most this many times.
_MAX_REPEATS = 2


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


_WORD = re.compile(r"\w+")


def _first_word(phrase: str) -> tuple[str, bool]:
    """The first word of ``phrase`` in lower case, and whether a text's word need only start
    with it (a wildcard, or a word with punctuation such as "E-Auto" or "U.S.")."""
    first = phrase.split()[0]
    token = first.rstrip("*")
    run = _WORD.match(token.lower())
    if run is None:
        return "", True
    return run.group(), run.end() < len(token) or first.endswith("*")


class _Words:
    """The distinct words of a text, for a quick "could this phrase occur here?"."""

    def __init__(self, text: str) -> None:
        self._sorted = sorted(set(_WORD.findall(lowered_text(text))))
        self._set = set(self._sorted)

    def has(self, word: str, prefix: bool) -> bool:
        if not prefix:
            return word in self._set
        at = bisect_left(self._sorted, word)
        return at < len(self._sorted) and self._sorted[at].startswith(word)


class TopicMatcher:
    """Scores a text against the news topics of one language."""

    def __init__(self, topics: Mapping[str, TopicSpec]) -> None:
        self.thresholds = {topic: spec.threshold for topic, spec in topics.items()}
        weights: dict[str, list[tuple[str, float]]] = {}
        for topic, spec in topics.items():
            for phrase, weight in spec.keywords.items():
                weights.setdefault(phrase, []).append((topic, weight))
        self._phrases = []
        for phrase, topic_weights in weights.items():
            flags = 0 if _is_acronym(phrase) else re.IGNORECASE
            regex = re.compile(rf"(?<!\w){phrase_regex(phrase)}(?!\w)", flags)
            self._phrases.append((_first_word(phrase), regex, topic_weights))

    @property
    def topics(self) -> list[str]:
        return list(self.thresholds)

    def _hits(self, text: str) -> list[tuple[str, int, list[tuple[str, float]]]]:
        """(surface form, count, topic weights) of each phrase found, in order of appearance.

        Where phrases overlap the longer one counts ("electric car" is not also "car").
        """
        words = _Words(text)
        spans = [
            (m.start(), -m.end(), m.group().lower(), index)
            for index, ((word, prefix), regex, _) in enumerate(self._phrases)
            if words.has(word, prefix)
            for m in regex.finditer(text)
        ]
        spans.sort()
        hits: dict[int, tuple[str, int]] = {}
        reach = 0
        for start, negative_end, surface, index in spans:
            if start < reach:
                continue
            reach = -negative_end
            first, count = hits.get(index, (surface, 0))
            hits[index] = (first, count + 1)
        return [(s, n, self._phrases[i][2]) for i, (s, n) in hits.items()]

    def score(self, text: str) -> dict[str, TopicScore]:
        """Every topic with at least one word in ``text``, above its threshold or not."""
        totals: dict[str, float] = {}
        matched: dict[str, list[str]] = {}
        for surface, count, topic_weights in self._hits(text):
            for topic, weight in topic_weights:
                repeats = 1 + 0.5 * min(count - 1, _MAX_REPEATS)
                totals[topic] = totals.get(topic, 0.0) + weight * repeats
                matched.setdefault(topic, []).append(surface)
        return {
            topic: TopicScore(topic=topic, score=round(total, 2), matched=matched[topic])
            for topic, total in totals.items()
        }

    def mentions(self, topic: str, text: str) -> bool:
        """Whether any word of ``topic`` occurs in ``text``."""
        return any(t == topic for _, _, weights in self._hits(text) for t, _ in weights)
