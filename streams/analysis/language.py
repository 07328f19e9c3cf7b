"""Which of the configured languages an article is written in, or ``"other"``."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from functools import cache

from langid.langid import LanguageIdentifier, model

from streams.analysis.anchors import word_bytes

__all__ = ["OTHER", "LanguageDetector"]

OTHER = "other"
_WORD = re.compile(r"\w+")
#: Below this share of the language's function words, the text is in none of our languages.
_MIN_STOPWORD_SHARE = 0.08
#: With fewer words than this, function words say little: ask langid about every language.
_MIN_WORDS = 8
#: Characters read: langid's cost grows with the text, its accuracy stops growing long before.
_SAMPLE_CHARS = 600
#: How sure unrestricted langid must be of another language to overrule ours.
_OTHER_CONFIDENCE = 0.9
#: Function words settle the language without langid when the text has this many words, this
#: share of them belongs to one language, and it has this many times the next one's count.
_CLEAR_WORDS = 30
_CLEAR_SHARE = 0.15
_CLEAR_LEAD = 1.4


@cache
def _identifier(languages: tuple[str, ...] | None) -> LanguageIdentifier:
    """langid over ``languages`` (those it knows), or over all its languages for None.

    The model is decoded once (about a second); restricted copies share its arrays.
    """
    if languages is None:
        return LanguageIdentifier.from_modelstring(model, norm_probs=True)
    identifier = copy.copy(_identifier(None))
    identifier.set_languages([lang for lang in languages if lang in identifier.nb_classes])
    return identifier


class LanguageDetector:
    """langid restricted to ``languages``; a text that does not read like any of them is
    ``"other"`` (checked with each language's function words)."""

    def __init__(
        self, languages: Sequence[str], stopwords: Callable[[str], frozenset[str]]
    ) -> None:
        self._languages = tuple(languages)
        self._stopwords = stopwords
        self._stopword_sets: dict[str, frozenset[str]] = {}  # asked once per language
        # Decoding langid's model takes about a second: do it now, not mid-stream.
        _identifier(self._languages)
        _identifier(None)

    def detect(self, text: str) -> str:
        """The language of ``text`` (judged on its first characters), or ``"other"``."""
        text = text[:_SAMPLE_CHARS]
        words = _words(text.casefold())
        clear = self._clear(words)
        if clear is not None:
            return clear
        ours = _identifier(self._languages)
        if not words or not ours.nb_classes:
            return OTHER
        lang = str(ours.classify(text)[0])
        if len(words) >= _MIN_WORDS:
            share = self._function_words(words, lang) / len(words)
            return lang if share >= _MIN_STOPWORD_SHARE else OTHER
        best, confidence = _identifier(None).classify(text)
        return OTHER if best not in self._languages and confidence > _OTHER_CONFIDENCE else lang

    def _clear(self, words: list[str]) -> str | None:
        """The language whose function words clearly dominate a long enough text, or None."""
        if len(words) < _CLEAR_WORDS:
            return None
        counts = sorted(
            ((self._function_words(words, lang), lang) for lang in self._languages), reverse=True
        )
        if not counts:
            return None
        best, lang = counts[0]
        runner_up = counts[1][0] if len(counts) > 1 else 0
        if best >= _CLEAR_SHARE * len(words) and best >= _CLEAR_LEAD * runner_up:
            return lang
        return None

    def _function_words(self, words: list[str], lang: str) -> int:
        """How many of ``words`` are function words of ``lang``."""
        common = self._stopword_sets.get(lang)
        if common is None:
            common = self._stopword_sets[lang] = self._stopwords(lang)
        return sum(map(common.__contains__, words))


def _words(folded: str) -> list[str]:
    """The runs of word characters of ``folded``."""
    spaced = word_bytes(folded)
    return _WORD.findall(folded) if spaced is None else spaced.decode("latin-1").split()
