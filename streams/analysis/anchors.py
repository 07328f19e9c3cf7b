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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress
from typing import Any, Generic, NamedTuple, TypeVar

import numpy as np

from streams.analysis.memo import Memo

__all__ = [
    "AnchoredPattern",
    "AnchoredTable",
    "AnyPattern",
    "Prefixes",
    "SharedLookup",
    "WordIndex",
    "anchor_words",
    "find_anchors",
    "find_infixes",
    "lower",
    "word_bytes",
]

K = TypeVar("K")
#: Where a match may start: a word's beginning and "", or a whole word and the beginning of
#: the word after it.
Anchor = tuple[str, str]
#: An anchor's second part and the number of its pattern in a table.
Anchored = tuple[str, int]

_WORD = re.compile(r"\w+")
_WORDS = re.compile(r"(\w+)")
_ANCHOR = re.compile(r"(\w+)(?:\W+(\w+))?")
#: A literal text that holds two words, or opens with no word: an anchor needs no more of it.
_ENOUGH = re.compile(r"\W|\w+\W+\w+\W")
#: Zero-width items a pattern may open with ("(?<!\w)"): they consume no text.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
#: More anchor texts than this and a pattern is cheaper to scan for.
_MAX_HEADS = 64
#: Characters of a word that pick the anchor words it is compared with.
_HEAD = 3
#: Words whose anchors a table remembers in one generation (it keeps two, the words in use
#: carried over), and pairs and openings it remembers (all forgotten when full).
_CACHED_WORDS = 10_000
#: The same for a language's shared table, which sees every word of every article.
_SHARED_WORDS = 20_000


def lower(text: str) -> str:
    """Lower case with straight apostrophes, one character for one, so offsets stay those of
    ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("’", "'")


#: Byte → itself for a Latin-1 word character (what ``\\w`` matches: letters, digits, "_"),
#: a space for any other.
_LATIN1_WORD_CHARACTERS = bytes(c if _WORD.fullmatch(chr(c)) else ord(" ") for c in range(256))
#: Punctuation beyond Latin-1 that news text often holds. None is a word character, so a
#: space in its place leaves the words where they were.
_PUNCTUATION = "‘’‚‛“”„–—―…€•′″"


def word_bytes(text: str) -> bytes | None:
    """``text`` as Latin-1 bytes with a space for every character that is not a word
    character, one byte for one character; None when ``text`` holds a character beyond
    Latin-1 other than common punctuation. Words split from it without a regex, many times
    faster than with one."""
    for mark in _PUNCTUATION:
        if mark in text:
            text = text.replace(mark, " ")
    try:
        return text.encode("latin-1").translate(_LATIN1_WORD_CHARACTERS)
    except UnicodeEncodeError:
        return None


class WordIndex:
    """The words of a text (in lower case), in order, and where each starts."""

    def __init__(self, text: str, lookup: SharedLookup | None = None) -> None:
        self.text = text
        self.lowered = lower(text)
        self.words: list[str]
        self.offsets: list[int]
        spaced = word_bytes(self.lowered)
        if spaced is None:
            # Text between words, then a word, and so on: one scan gives words and offsets.
            parts = _WORDS.split(self.lowered)
            self.words = parts[1::2]
            self.offsets = list(accumulate(map(len, parts)))[:-1:2]
        else:
            self.words = spaced.decode("latin-1").split()
            # A word starts where a space is followed by a word character (or the text opens).
            letters = np.frombuffer(spaced, dtype=np.uint8) != ord(" ")
            self.offsets = (np.flatnonzero(letters[1:] > letters[:-1]) + 1).tolist()
            if spaced[:1] not in (b"", b" "):
                self.offsets.insert(0, 0)
        #: What :meth:`Prefixes.positions` gives for each of the lookup's tables (by id).
        self.found: dict[int, dict[int, list[int]]] = {}
        if lookup is not None:
            self.found = lookup.positions(self)

    def part(self, start: int, end: int) -> WordIndex:
        """The index of ``text[start:end]``, taken from this one (no word may straddle
        ``start`` or ``end``: a sentence of a document, say)."""
        offsets = self.offsets
        first, last = bisect_left(offsets, start), bisect_left(offsets, end)
        part = WordIndex.__new__(WordIndex)
        part.text, part.lowered = self.text[start:end], self.lowered[start:end]
        part.words = self.words[first:last]
        part.offsets = [offset - start for offset in offsets[first:last]]
        part.found = {}
        return part


class Fits(NamedTuple):
    """The patterns (by number) a word may start a match of: alone, and with the next word
    (each beginning the next word must have, with its patterns)."""

    alone: tuple[int, ...]
    paired: tuple[tuple[str, tuple[int, ...]], ...]
    #: The first two characters of each beginning in ``paired`` (all of it when shorter): a
    #: next word that opens with none of them fits no pair, and is not looked at further.
    openings: frozenset[str] = frozenset()


class Prefixes(Memo[str, Fits | None]):
    """Word → the patterns whose anchors it may fit (None for none). Words recur from article
    to article, so the answers are kept, up to a bound (:class:`~streams.analysis.memo.Memo`:
    the words in use stay)."""

    def __init__(self, numbers: dict[str, list[Anchored]], generation: int | None = None) -> None:
        """``numbers``: anchor word → its entries; ``generation``: words kept in one generation
        (:data:`_CACHED_WORDS` if None)."""
        super().__init__(generation=_CACHED_WORDS if generation is None else generation)
        self.by_word = numbers
        #: Lengths of the anchor words shorter than a head; a word may start with one of each.
        self._short = sorted({len(word) for word in numbers if len(word) < _HEAD})
        #: An anchor word → the entries a longer word that starts with it fits: its one-word
        #: anchors only (a two-word anchor needs its first word whole).
        self._opening = {
            word: [e for e in entries if not e[0]] for word, entries in numbers.items()
        }
        #: A head (first characters) → the anchor words that open with it, shortest first,
        #: and what the short anchor words the head starts with give a longer word: a word is
        #: compared with the few that share its head, not looked up at every length.
        heads: dict[str, list[str]] = {}
        for word in sorted(numbers, key=len):
            if len(word) >= _HEAD:
                heads.setdefault(word[:_HEAD], []).append(word)
        self._heads = {head: (tuple(words), self._opened(head)) for head, words in heads.items()}
        #: A word's first characters (one fewer than a head) → what a longer word that opens
        #: with them fits when its head opens no anchor word: words that open alike fit alike
        #: (worked out on first use).
        self._by_opening: dict[str, Fits | None] = {}
        #: (word, next word) → the patterns the word starts a match of there, for a word with
        #: two-word anchors ("in", "talks"); pairs recur as words do ("in the", "a un").
        self._pairs: dict[tuple[str, str], tuple[int, ...]] = {}

    def work_out(self, word: str) -> Fits | None:
        """What ``word`` fits, worked out (the table keeps it: look words up with ``[]``)."""
        if len(word) < _HEAD:
            return self._short_word(word)
        head = self._heads.get(word[:_HEAD])
        if head is None:
            # Only short anchor words can fit it, so words that open alike fit alike.
            opening = word[: _HEAD - 1]
            if opening not in self._by_opening:
                if len(self._by_opening) >= _CACHED_WORDS:
                    self._by_opening.clear()
                found = self._opened(opening)
                self._by_opening[opening] = _fits(found) if found else None
            return self._by_opening[opening]
        anchors, opened = head
        found = [*opened]
        size = len(word)
        for anchor in anchors:
            if len(anchor) > size:
                break
            if word.startswith(anchor):
                found += self.by_word[anchor] if len(anchor) == size else self._opening[anchor]
        return _fits(found) if found else None

    def _opened(self, start: str) -> list[Anchored]:
        """What the short anchor words that ``start`` opens with give a longer word."""
        return [entry for n in self._short for entry in self._opening.get(start[:n], ())]

    def _short_word(self, word: str) -> Fits | None:
        """What a word shorter than a head fits: the anchor words it starts with or is."""
        found: list[Anchored] = []
        size = len(word)
        for length in self._short:
            if length > size:
                break
            entries = self.by_word.get(word[:length])
            if entries:
                found += entries if length == size else self._opening[word[:length]]
        return _fits(found) if found else None

    def positions(self, index: WordIndex) -> dict[int, list[int]]:
        """Number → sorted offsets of the index's words that fit one of its anchors."""
        known = index.found.get(id(self))
        if known is not None:
            return known
        words, offsets = index.words, index.offsets
        hits = list(map(self.__getitem__, words))
        last = len(words) - 1
        pairs = self._pairs
        found: dict[int, list[int]] = {}
        for at in compress(range(len(hits)), hits):
            fits: Fits = hits[at]  # type: ignore[assignment]  # compress keeps the fits only
            numbers = fits.alone
            if fits.paired and at != last:
                after = words[at + 1]
                if after[:2] in fits.openings or after[:1] in fits.openings:
                    pair = (words[at], after)
                    cached = pairs.get(pair)
                    numbers = self._pair(pair, fits) if cached is None else cached
            offset = offsets[at]
            for number in numbers:
                positions = found.get(number)
                if positions is None:
                    found[number] = [offset]
                elif positions[-1] != offset:
                    positions.append(offset)
        return found

    def _pair(self, pair: tuple[str, str], fits: Fits) -> tuple[int, ...]:
        """The patterns ``pair``'s first word starts a match of, given the word after it."""
        after = pair[1]
        numbers = (
            *fits.alone,
            *(n for f, more in fits.paired if after.startswith(f) for n in more),
        )
        if len(self._pairs) >= _CACHED_WORDS:
            self._pairs.clear()
        self._pairs[pair] = numbers
        return numbers


def _fits(found: list[Anchored]) -> Fits:
    paired: dict[str, list[int]] = {}
    for following, number in dict.fromkeys(found):
        if following:
            paired.setdefault(following, []).append(number)
    alone = tuple(dict.fromkeys(number for following, number in found if not following))
    return Fits(
        alone,
        tuple((f, tuple(ns)) for f, ns in paired.items()),
        frozenset(f[:2] for f in paired),
    )


class SharedLookup:
    """Tables that read the same texts (an article's company names, topic phrases and claim
    triggers): each word of a text is looked up once for all of them, not once per table."""

    def __init__(self, members: Iterable[Prefixes]) -> None:
        self._members = list(members)  # kept alive: they are known by id
        self._ids = [id(member) for member in self._members]
        count = len(self._members)
        merged: dict[str, list[Anchored]] = {}
        for slot, member in enumerate(self._members):
            for word, entries in member.by_word.items():
                # A member's pattern number and the member's slot, in one number.
                merged.setdefault(word, []).extend((f, n * count + slot) for f, n in entries)
        self._prefixes = Prefixes(merged, generation=_SHARED_WORDS)

    def positions(self, index: WordIndex) -> dict[int, dict[int, list[int]]]:
        """For each member (by id), what its :meth:`Prefixes.positions` gives on ``index``."""
        ids = self._ids
        found: dict[int, dict[int, list[int]]] = {member: {} for member in ids}
        for key, offsets in self._prefixes.positions(index).items():
            number, slot = divmod(key, len(ids))
            found[ids[slot]][number] = offsets
        return found


def find_anchors(pattern: str, flags: int = 0) -> tuple[Anchor, ...] | None:
    """Anchors of which every match of ``pattern`` fits one, or None when a match may start
    otherwise: its first word's beginning ("invest" for ``invest(?:s|ed)?``), or its first
    word whole and the next one's beginning ("in", "talks" for ``in talks with``)."""
    heads = _heads(list(sre_parse.parse(pattern, flags)), "")
    if heads is None:
        return None
    found = set()
    for head in heads:
        words = _ANCHOR.match(lower(head))
        if words is None:
            return None
        found.add((words[1], words[2] or ""))
    # ("begin", "") already finds the words ("begins", "") would.
    kept = sorted(a for a in found if not any(a != o and _covers(o, a) for o in found))
    return tuple(kept) if len(kept) <= _MAX_HEADS else None


def anchor_words(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-case word beginnings of which every match of ``pattern`` starts with one (its
    first run of word characters), or None when a match may start otherwise."""
    anchors = find_anchors(pattern, flags)
    if anchors is None:
        return None
    words = {word for word, _ in anchors}
    return tuple(sorted(w for w in words if not any(w != o and w.startswith(o) for o in words)))


def find_infixes(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-case texts of which every match of ``pattern`` holds one in its first word, for a
    pattern that opens with any word characters (``\\w*notierung``: "notierung", in
    "Börsennotierung"); None for one that does not, or when they are not known."""
    infixes = _infixes(list(sre_parse.parse(pattern, flags)))
    if not infixes:
        return None
    # A word that holds "bannen" holds "bann": looking for the shorter one is enough.
    return tuple(sorted(i for i in infixes if not any(o != i and o in i for o in infixes)))


def _infixes(items: list[tuple[Any, Any]]) -> set[str] | None:
    for index, (op, value) in enumerate(items):
        rest = items[index + 1 :]
        if op in _ZERO_WIDTH:
            continue
        if op is sre.SUBPATTERN:
            return _infixes([*value[3], *rest])
        if op is sre.BRANCH:
            found = [_infixes([*branch, *rest]) for branch in value[1]]
            return None if any(f is None for f in found) else set().union(*found)  # type: ignore[arg-type]
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and list(value[2]) == [_ANY_WORD_CHARACTER]:
            # The repeat takes word characters only, so the text after it starts in the same word.
            heads = _heads(rest, "")
            if heads is None:
                return None
            runs = {_WORD.match(lower(head)) for head in heads}
            return {run.group() for run in runs if run} if all(runs) else None
        return None
    return None


_ANY_WORD_CHARACTER = (sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])


def _covers(anchor: Anchor, other: Anchor) -> bool:
    """Whether ``anchor`` fits every place ``other`` fits."""
    (word, following), (other_word, other_following) = anchor, other
    if not following:
        return other_word.startswith(word)
    return other_word == word and other_following.startswith(following)


def _heads(items: list[tuple[Any, Any]], head: str) -> set[str] | None:
    """The literal texts a match of ``items`` may start with, after ``head``; None when
    unknown. A text ends once it holds two words: an anchor needs no more."""
    for index, (op, value) in enumerate(items):
        if _ENOUGH.match(head):
            return {head}
        if op is sre.LITERAL:
            head += chr(value)
            continue
        if op in _ZERO_WIDTH:
            continue
        options = _options(op, value, items[index + 1 :], head)
        if options is None:
            return {head} if head else None
        return options
    return {head} if head else None


def _options(op: Any, value: Any, rest: list[tuple[Any, Any]], head: str) -> set[str] | None:
    """The literal texts a group, choice or repeat followed by ``rest`` may start with, after
    ``head``."""
    if op is sre.SUBPATTERN:
        return _heads([*value[3], *rest], head)
    if op is sre.BRANCH:
        found = [_heads([*branch, *rest], head) for branch in value[1]]
        return None if any(f is None for f in found) else set().union(*found)  # type: ignore[arg-type]
    if op is sre.IN and all(_between_words(item) for item in value):
        return _heads(rest, head + " ")  # a space stands for any character between words
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, sub = value
        if high > 1 and not all(_no_word_character(item) for item in sub):
            # Repeated, it may go on with itself ("a+b" matches "aab"): only its first time
            # is sure, if it must occur.
            if low > 0:
                return _heads(list(sub), head)
            return {head} if head else None
        once = _heads([*sub, *rest], head)
        if low > 0 or once is None:
            return once
        skipped = _heads(rest, head)
        return None if skipped is None else once | skipped
    return None


def _no_word_character(item: tuple[Any, Any]) -> bool:
    """Whether a pattern item matches one character that is not a word character."""
    op, value = item
    if op is sre.IN:
        return all(_between_words(i) for i in value)
    return _between_words(item)


def _between_words(item: tuple[Any, Any]) -> bool:
    """Whether a character set's item matches only characters that are not word characters
    (white space, "-", "'")."""
    op, value = item
    if op is sre.LITERAL:
        return _WORD.match(chr(value)) is None
    return op is sre.CATEGORY and value in (sre.CATEGORY_SPACE, sre.CATEGORY_NOT_WORD)


class AnchoredPattern:
    """A compiled pattern and the anchors its matches fit."""

    def __init__(self, regex: re.Pattern[str], anchors: tuple[Anchor, ...] | None) -> None:
        self.regex = regex
        self.anchors = anchors
        self._prefixes: Prefixes | None = None  # made on first use
        # With no anchor, the word its matches start in may still be known by a text inside it.
        self._infixes = find_infixes(regex.pattern, regex.flags) if anchors is None else None

    @classmethod
    def of(cls, source: str, flags: int = 0) -> AnchoredPattern:
        """``source`` compiled with ``flags``, its anchors worked out."""
        return cls(re.compile(source, flags), find_anchors(source, flags))

    def finditer(self, index: WordIndex) -> Iterator[re.Match[str]]:
        """The matches ``regex.finditer`` would give on the index's text."""
        if self.anchors is None:
            if self._infixes is None:
                yield from self.regex.finditer(index.text)
            else:
                yield from self.matches_at(index, self._infix_positions(index))
            return
        positions = self.prefixes.positions(index)
        if positions:
            yield from self.matches_at(index, positions[0])

    @property
    def prefixes(self) -> Prefixes:
        """The words the pattern's anchors fit (made on first use); anchored patterns only."""
        if self._prefixes is None:
            self._prefixes = Prefixes(_by_word([(0, self.anchors or ())]))
        return self._prefixes

    def may_match(self, index: WordIndex, start: int, end: int) -> bool:
        """False when no match can start in ``index.text[start:end]``: the pattern is anchored,
        the index's :class:`SharedLookup` looked its words up, and none is there."""
        if self.anchors is None:
            return True
        known = index.found.get(id(self.prefixes))
        if known is None:
            return True  # not looked up: the regex has to tell
        positions = known.get(0, ())
        first = bisect_left(positions, start)
        return first < len(positions) and positions[first] < end

    def _infix_positions(self, index: WordIndex) -> list[int]:
        """Sorted offsets of the index's words that hold one of the infixes."""
        lowered, offsets = index.lowered, index.offsets
        starts = set()
        for infix in self._infixes or ():
            at = lowered.find(infix)
            while at >= 0:
                starts.add(offsets[bisect_right(offsets, at) - 1])
                at = lowered.find(infix, at + 1)
        return sorted(starts)

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
        self._always = [n for n, (_, pattern) in enumerate(entries) if pattern.anchors is None]
        anchored = [(n, p.anchors) for n, (_, p) in enumerate(entries) if p.anchors is not None]
        self.prefixes = Prefixes(_by_word(anchored))

    def finditer(self, index: WordIndex) -> Iterator[tuple[K, re.Match[str]]]:
        """(key, match) for every match of every pattern, pattern by pattern in table order."""
        found = self.prefixes.positions(index)
        for number in sorted({*found, *self._always}):
            key, pattern = self._entries[number]
            positions = found.get(number)
            matches = pattern.matches_at(index, positions) if positions else pattern.finditer(index)
            for match in matches:
                yield key, match


def _by_word(anchored: list[tuple[int, tuple[Anchor, ...]]]) -> dict[str, list[Anchored]]:
    """First word of an anchor → (second part, pattern number) of each pattern anchored so."""
    by_word: dict[str, list[Anchored]] = {}
    for number, anchors in anchored:
        for word, following in anchors:
            by_word.setdefault(word, []).append((following, number))
    return by_word


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
        #: Each required text once ("cookies" may serve several patterns).
        self._required = tuple(dict.fromkeys(t for required, _ in patterns for t in required))

    def within(self, text: str, lowered: str | None = None) -> AnyPattern:
        """The patterns that may occur somewhere in ``text`` (``lowered``: it in lower case as
        :func:`lower` gives it, if at hand)."""
        lowered = lower(text) if lowered is None else lowered
        present = {t for t in self._required if t in lowered}
        return AnyPattern([(r, p) for r, p in self._patterns if not r or not present.isdisjoint(r)])

    def __bool__(self) -> bool:
        """Whether there is any pattern left to search for."""
        return bool(self._patterns)

    def search(self, text: str) -> bool:
        if not self._patterns:
            return False
        lowered = lower(text)
        for required, pattern in self._patterns:
            if _any_in(required, lowered) and pattern.search(text) is not None:
                return True
        return False


def _any_in(texts: tuple[str, ...], lowered: str) -> bool:
    """Whether one of ``texts`` occurs in ``lowered``, or there are none to look for."""
    if not texts:
        return True
    # A loop: cheaper than any() over a generator, for a tuple this short.
    for text in texts:  # noqa: SIM110
        if text in lowered:
            return True
    return False
