"""Many patterns over one text, fast: a pattern is tried only where a word starts that every
one of its matches starts with ("invest" for ``invest(?:s|ed)?``), found in a word index.

Python's ``re`` scans a text position by position; with hundreds of trigger and topic patterns
per language, scanning is most of the analysis' cost. Looking words up in an index built once
per article and trying each pattern only at those few positions gives the same matches.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterator
from itertools import accumulate, compress
from typing import Any, Generic, TypeVar

__all__ = ["AnchoredPattern", "AnchoredTable", "AnyPattern", "WordIndex", "anchor_words", "lower"]

K = TypeVar("K")

_WORD = re.compile(r"\w+")
_WORDS = re.compile(r"(\w+)")
#: Zero-width items a pattern may open with ("(?<!\w)"): they consume no text.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
#: More anchor texts than this and a pattern is cheaper to scan for.
_MAX_HEADS = 64
#: Words whose anchors a table remembers (all forgotten when full).
_CACHED_WORDS = 20_000


def lower(text: str) -> str:
    """Lower case with straight apostrophes, one character for one, so offsets stay those of
    ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("’", "'")


class WordIndex:
    """The words of a text (in lower case), in order, and where each starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = lower(text)
        # Text between words, then a word, and so on: one scan gives words and offsets.
        parts = _WORDS.split(self.lowered)
        self.words: list[str] = parts[1::2]
        self.offsets: list[int] = list(accumulate(map(len, parts)))[:-1:2]


class _Prefixes(dict[str, tuple[int, ...]]):
    """Word → the numbers (patterns of a table) of the anchor words it starts with. Words recur
    from article to article, so the answers are kept, up to a bound."""

    def __init__(self, numbers: dict[str, list[int]]) -> None:
        super().__init__()
        self._numbers = numbers
        self._lengths = sorted({len(word) for word in numbers})

    def __missing__(self, word: str) -> tuple[int, ...]:
        found: list[int] = []
        for length in self._lengths:
            if length > len(word):
                break
            found.extend(self._numbers.get(word[:length], ()))
        if len(self) >= _CACHED_WORDS:
            self.clear()
        numbers = self[word] = tuple(dict.fromkeys(found))
        return numbers

    def positions(self, index: WordIndex) -> dict[int, list[int]]:
        """Number → sorted offsets of the index's words that start with one of its anchors."""
        hits = list(map(self.__getitem__, index.words))
        offsets = index.offsets
        found: dict[int, list[int]] = {}
        for at in compress(range(len(hits)), hits):
            for number in hits[at]:
                found.setdefault(number, []).append(offsets[at])
        return found


def anchor_words(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-case word beginnings of which every match of ``pattern`` starts with one (its
    first run of word characters), or None when a match may start otherwise."""
    heads = _heads(list(sre_parse.parse(pattern, flags)))
    if heads is None or len(heads) > _MAX_HEADS:
        return None
    words = set()
    for head in heads:
        run = _WORD.match(lower(head))
        if run is None:
            return None
        words.add(run.group())
    # "begin" already finds the words "begins" would.
    return tuple(sorted(w for w in words if not any(w != o and w.startswith(o) for o in words)))


def _heads(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The literal texts a match of ``items`` may start with; None when unknown."""
    prefix: list[str] = []
    for index, (op, value) in enumerate(items):
        if op is sre.LITERAL:
            prefix.append(chr(value))
            continue
        if op in _ZERO_WIDTH and not prefix:
            continue
        options = _options(op, value, items[index + 1 :])
        head = "".join(prefix)
        if options is None:
            return {head} if head else None
        return {head + option for option in options}
    head = "".join(prefix)
    return {head} if head else None


def _options(op: Any, value: Any, rest: list[tuple[Any, Any]]) -> set[str] | None:
    """The literal texts a group, choice or repeat followed by ``rest`` may start with."""
    if op is sre.SUBPATTERN:
        return _heads([*value[3], *rest])
    if op is sre.BRANCH:
        found = [_heads([*branch, *rest]) for branch in value[1]]
        return None if any(f is None for f in found) else set().union(*found)  # type: ignore[arg-type]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _, sub = value
        once = _heads([*sub, *rest])
        if low > 0 or once is None:
            return once
        skipped = _heads(rest)
        return None if skipped is None else once | skipped
    return None


class AnchoredPattern:
    """A compiled pattern and the word beginnings its matches start with."""

    def __init__(self, regex: re.Pattern[str], anchors: tuple[str, ...] | None) -> None:
        self.regex = regex
        self.anchors = anchors
        self._prefixes: _Prefixes | None = None  # made on first use

    @classmethod
    def of(cls, source: str, flags: int = 0) -> AnchoredPattern:
        """``source`` compiled with ``flags``, its anchors worked out."""
        return cls(re.compile(source, flags), anchor_words(source, flags))

    def finditer(self, index: WordIndex) -> Iterator[re.Match[str]]:
        """The matches ``regex.finditer`` would give on the index's text."""
        if self.anchors is None:
            yield from self.regex.finditer(index.text)
            return
        if self._prefixes is None:
            self._prefixes = _Prefixes({word: [0] for word in self.anchors})
        positions = self._prefixes.positions(index)
        if positions:
            yield from self.matches_at(index, positions[0])

    def matches_at(self, index: WordIndex, positions: list[int]) -> Iterator[re.Match[str]]:
        """Matches starting at the given sorted offsets, without overlaps."""
        reach = 0
        for position in positions:
            if position < reach:
                continue
            match = self.regex.match(index.text, position)
            if match is not None:
                reach = max(match.end(), position + 1)
                yield match


class AnchoredTable(Generic[K]):
    """Many keyed patterns run together: each word of a text is looked up once."""

    def __init__(self, entries: list[tuple[K, AnchoredPattern]]) -> None:
        self._entries = entries
        by_word: dict[str, list[int]] = {}
        self._always: list[int] = []
        for number, (_, pattern) in enumerate(entries):
            if pattern.anchors is None:
                self._always.append(number)
            for word in pattern.anchors or ():
                by_word.setdefault(word, []).append(number)
        self._prefixes = _Prefixes(by_word)

    def finditer(self, index: WordIndex) -> Iterator[tuple[K, re.Match[str]]]:
        """(key, match) for every match of every pattern, pattern by pattern in table order."""
        found = self._prefixes.positions(index)
        for number in sorted({*found, *self._always}):
            key, pattern = self._entries[number]
            positions = found.get(number)
            matches = pattern.matches_at(index, positions) if positions else pattern.finditer(index)
            for match in matches:
                yield key, match


def required_texts(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lower-case texts of which one occurs wherever ``pattern`` matches; () if unknown.

    The longest literal run the pattern cannot do without ("cookies" in ``(?:we|this site)
    uses? cookies``), else a top-level choice whose branches all have one.
    """
    items = list(sre_parse.parse(pattern, flags))
    options: list[tuple[str, ...]] = [(run,) for run in _literal_runs(items)]
    for op, value in items:
        if op is sre.BRANCH:
            options.append(tuple(max(_literal_runs(list(b)), key=_word_length) for b in value[1]))
    best = max(options, key=lambda texts: min(map(_word_length, texts)), default=())
    if not best or min(map(_word_length, best)) < _MIN_REQUIRED:
        return ()
    return tuple(lower(text) for text in best)


#: A required text whose longest word is shorter than this is too common to check first.
_MIN_REQUIRED = 3


def _word_length(text: str) -> int:
    """Length of the longest word in ``text``: how selective a required text is."""
    return max((len(word) for word in _WORD.findall(text)), default=0)


def _literal_runs(items: list[tuple[Any, Any]]) -> Iterator[str]:
    """Runs of literal characters that every match of ``items`` contains."""
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        yield "".join(run)
        run = []
        if op is sre.SUBPATTERN and not any(o is sre.BRANCH for o, _ in value[3]):
            yield from _literal_runs(list(value[3]))
    yield "".join(run)


class AnyPattern:
    """Whether any of several patterns occurs in a text. :meth:`within` keeps the patterns
    whose required text occurs in a larger text (a substring check, far cheaper than a regex
    scan), so the pieces of that text are searched by those few only."""

    def __init__(self, patterns: list[tuple[tuple[str, ...], re.Pattern[str]]]) -> None:
        self._patterns = patterns

    def within(self, text: str, lowered: str | None = None) -> AnyPattern:
        """The patterns that may occur somewhere in ``text`` (``lowered``: it in lower case as
        :func:`lower` gives it, if at hand)."""
        lowered = lower(text) if lowered is None else lowered
        return AnyPattern(
            [(r, p) for r, p in self._patterns if not r or any(t in lowered for t in r)]
        )

    def search(self, text: str) -> bool:
        if not self._patterns:
            return False
        lowered = lower(text)
        return any(
            (not r or any(t in lowered for t in r)) and p.search(text) is not None
            for r, p in self._patterns
        )
