"""One sentence as the claim finder reads it: clauses, company mentions, cues, times."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from functools import cached_property
from typing import NamedTuple, Protocol, TypeVar

from streams.analysis.anchors import AnchoredPattern, WordIndex
from streams.analysis.lexicon import Lexicon
from streams.analysis.patterns import Mention
from streams.analysis.timex import TimeMention, find_times
from streams.analysis.values import Amount

__all__ = ["Clause", "SentenceView", "distance", "nearest"]

#: A clause: text between punctuation, where a comma or colon between digits ("5,54", "10:30")
#: is part of a number.
_CLAUSE = re.compile(r"(?:[^,;:()\[\]–—]|(?<=\d)[,:](?=\d))+")
#: A comma and the space after it.
_COMMA = re.compile(r",\s*")
#: How far back (characters) a negation still governs a trigger or a cue.
_NEGATION_REACH = 20
#: A mention before the trigger counts as this many times farther than one after it.
_BEFORE_PENALTY = 3
#: What may stand between a verb of saying and its date: a space and a short word ("on").
_SAID_GAP = re.compile(r"\s+(?:\w{1,4}\s+)?")
_SAID_REACH = 30
#: How far past its end a verb of saying may look to see how the time after it opens.
_SAID_LOOKAHEAD = 20


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)
Match = re.Match[str]


class Clause(NamedTuple):
    start: int
    end: int
    relative: bool  # opens with "which", "che", "dont"...


def distance(item: _Span, start: int, end: int) -> int:
    """How far ``item`` is from the span ``start:end``; an item before it counts as farther."""
    if item.start >= end:
        return item.start - end
    if item.end <= start:
        return (start - item.end) * _BEFORE_PENALTY
    return 0


def nearest(items: Sequence[S], start: int, end: int) -> S | None:
    """The item closest to the span ``start:end``, preferring those after it."""
    return min(items, key=lambda item: distance(item, start, end), default=None)


class SentenceView:
    """Facts about one sentence, each worked out once, on first use (many sentences are read
    for one fact only: a trigger's requirement, a time)."""

    def __init__(
        self,
        text: str,
        lexicon: Lexicon,
        mentions: list[Mention],
        *,
        anchor: date | None,
        document: tuple[WordIndex, int] | None = None,
    ) -> None:
        self.text = text
        self.mentions = mentions
        self._lexicon = lexicon
        self._anchor = anchor
        self._times: list[TimeMention] | None = None
        #: The word index of the document the sentence is part of, and where it starts there.
        self._document = document

    @cached_property
    def words(self) -> WordIndex:
        """The sentence's word index (a part of its document's, if given)."""
        if self._document is None:
            return WordIndex(self.text)
        index, start = self._document
        return index.part(start, start + len(self.text))

    @cached_property
    def clauses(self) -> list[Clause]:
        """The sentence's clauses; the first is never relative: "Der Konzern" opens with an
        article."""
        text, relative = self.text, self._lexicon.relative
        return [
            Clause(
                m.start(),
                m.end(),
                m.start() > 0 and bool(relative.match(text, _skip_space(text, m))),
            )
            for m in _CLAUSE.finditer(text)
        ]

    @cached_property
    def official(self) -> bool:
        """Whether the sentence is an official statement ("the company said")."""
        return self.search(self._lexicon.cues.official) is not None

    @cached_property
    def hedged(self) -> bool:
        """Whether a hedge governs the whole sentence; an official statement is never hedged."""
        if self.official:
            return False
        asked = self.text.rstrip(" \"'”’»").endswith("?")  # "Xiaomi to list in Hong Kong?"
        return asked or self.search(self._lexicon.cues.hedge) is not None

    @cached_property
    def _modal_from(self) -> int:
        """Where a modal ("may") starts, the end of the sentence if none does (or official)."""
        modal = None if self.official else self.search(self._lexicon.cues.modal)
        return modal.start() if modal else len(self.text)

    @cached_property
    def status(self) -> str:
        """ "denied", "confirmed" or "reported"."""
        cues = self._lexicon.cues
        if self._cue(cues.deny):
            return "denied"
        if not self.hedged and self._cue(cues.confirm):
            return "confirmed"
        return "reported"

    @cached_property
    def _context(self) -> list[tuple[int, int]]:
        """Spans in the reach of a background cue ("at the time")."""
        cues = self._lexicon.cues
        spans = []
        for cue in self.finditer(cues.context):
            stop = self.search(cues.context_break, cue.end())
            spans.append((cue.start(), stop.start() if stop else len(self.text)))
        return spans

    @cached_property
    def slots(self) -> set[int]:
        """Indexes of the mentions in a partner slot ("with X")."""
        return {i for i in range(len(self.mentions)) if self._in_partner_slot(i)}

    def hedged_at(self, position: int) -> bool:
        """Whether a hedge governs a trigger at ``position`` ("may" only what follows it)."""
        return self.hedged or self._modal_from < position

    def _cue(self, cue: AnchoredPattern) -> bool:
        return any(not self.negated(m.start()) for m in self.finditer(cue))

    def search(self, cue: AnchoredPattern, start: int = 0, end: int | None = None) -> Match | None:
        """The first match of ``cue`` in ``text[start:end]``."""
        end = len(self.text) if end is None else end
        return cue.regex.search(self.text, start, end) if self._may_hold(cue, start, end) else None

    def finditer(
        self, cue: AnchoredPattern, start: int = 0, end: int | None = None
    ) -> Iterator[Match]:
        """The matches of ``cue`` in ``text[start:end]``."""
        end = len(self.text) if end is None else end
        if not self._may_hold(cue, start, end):
            return iter(())
        return cue.regex.finditer(self.text, start, end)

    def _may_hold(self, cue: AnchoredPattern, start: int, end: int) -> bool:
        """False when the document's word index has none of the cue's words in
        ``text[start:end]``: the regex need not run."""
        if self._document is None:
            return True
        index, offset = self._document
        return cue.may_match(index, offset + start, offset + end)

    def said_at(self, time: TimeMention) -> bool:
        """Whether ``time`` is when something was said: a verb of saying right before or
        after it, with at most a short word between ("said on Monday", "am Montag mitteilte")."""
        reporting = self._lexicon.cues.reporting
        # A cue may look past its end at the time's first word ("mentioned(?= in )").
        window = min(time.start + _SAID_LOOKAHEAD, len(self.text))
        before = self.finditer(reporting, max(0, time.start - _SAID_REACH), window)
        if any(_SAID_GAP.fullmatch(self.text, cue.end(), time.start) for cue in before):
            return True
        after = self.finditer(reporting, time.end, min(time.end + _SAID_REACH, len(self.text)))
        return any(_SAID_GAP.fullmatch(self.text, time.end, cue.start()) for cue in after)

    def about_reports(self, position: int, trigger: int) -> bool:
        """Whether ``position`` lies in another clause than the trigger's, after a confirmation
        or denial there: it tells of the reports ("confirming what the press wrote this
        summer"), not of the claim."""
        clause = self.clause_at(position)
        if clause == self.clause_at(trigger):
            return False
        cues = self._lexicon.cues
        return any(
            self.search(cue, clause.start, position) is not None
            for cue in (cues.confirm, cues.deny)
        )

    def negated(self, position: int) -> bool:
        """Whether a negation word comes just before ``position``."""
        start = max(0, position - _NEGATION_REACH)
        return self.search(self._lexicon.cues.negation, start, position) is not None

    def not_implied(self, position: int) -> bool:
        """Whether ``position`` follows a negated verb of meaning ("this does not mean that")
        with no context break ("but") between them, nor a clause of its own (", and"; "; ")."""
        cues = self._lexicon.cues
        return any(
            self.search(cues.context_break, cue.end(), position) is None
            and not self._joined_clause(cue.end(), position)
            for cue in self.finditer(cues.not_implied, 0, position)
        )

    def _joined_clause(self, start: int, end: int) -> bool:
        """Whether a semicolon, or a comma and a conjunction (", and"), open a clause in
        ``text[start:end]``."""
        if self.text.find(";", start, end) >= 0:
            return True
        conjunction = self._lexicon.conjunction
        return any(
            conjunction.match(self.text, comma.end(), end)
            for comma in _COMMA.finditer(self.text, start, end)
        )

    def in_context(self, position: int) -> bool:
        """Whether ``position`` lies in the reach of a background cue ("at the time")."""
        return any(start <= position < end for start, end in self._context)

    def clause_at(self, position: int) -> Clause:
        for clause in self.clauses:
            if clause.start <= position < clause.end:
                return clause
        return Clause(0, len(self.text), False)

    def in_other_relative_clause(self, position: int, trigger: int) -> bool:
        """Whether ``position`` is in a relative clause that does not hold the trigger."""
        clause = self.clause_at(position)
        return clause.relative and clause != self.clause_at(trigger)

    def in_attached_clause(self, position: int, trigger: int) -> bool:
        """Whether ``position`` is in the relative clause right after the trigger's clause,
        which tells about what the trigger's clause ends with ("two models, which will roll
        off the line from 2026"; "the plant, where production starts this year")."""
        clause = self.clause_at(position)
        own = self.clause_at(trigger)
        return clause.relative and clause != own and clause.start == own.end + 1

    def _in_partner_slot(self, index: int) -> bool:
        mention = self.mentions[index]
        floor = self.mentions[index - 1].end if index else 0
        floor = max(floor, self.clause_at(mention.start).start)
        return self._lexicon.partner_slot.search(self.text, floor, mention.start) is not None

    def amounts(self, kind: str) -> list[Amount]:
        """Amounts of money ("money") or counts of things (any other kind), found on first use."""
        if kind == "money":
            return self._money
        return self._units

    @cached_property
    def _money(self) -> list[Amount]:
        return self._lexicon.amounts.money(self.text)

    @cached_property
    def _units(self) -> list[Amount]:
        return self._lexicon.amounts.units(self.text)

    def times(self) -> list[TimeMention]:
        """Time expressions of the sentence (found on first use)."""
        if self._times is None:
            self._times = find_times(self.text, self._lexicon.lang, self._anchor)
        return self._times

    def subjects(self, start: int, end: int) -> list[list[Mention]]:
        """Who may make the move the trigger at ``start:end`` describes, best first.

        Groups: names before the trigger in its clause (nearest first), after it in the clause,
        in earlier clauses, in later clauses. Names in a partner slot ("with X") or in a relative
        clause elsewhere ("X, whose rival Y...") do not count.
        """
        clause = self.clause_at(start)
        usable = [
            m
            for i, m in enumerate(self.mentions)
            if i not in self.slots and not self.in_other_relative_clause(m.start, start)
        ]
        inside = [m for m in usable if clause.start <= m.start < clause.end]
        earlier = [m for m in usable if m.start < clause.start][::-1]
        opening = self._opening_name()
        if opening is not None and opening in earlier:
            earlier.remove(opening)
            earlier.insert(0, opening)
        return [
            [m for m in inside if m.end <= start][::-1],
            [m for m in inside if m.end > start],
            earlier,
            [m for m in usable if m.start >= clause.end],
        ]

    def _opening_name(self) -> Mention | None:
        """The name the sentence opens with when an aside follows it ("Gotion, the maker whose
        largest shareholder is Volkswagen, will build..."): the subject of the clauses after."""
        if len(self.clauses) < 2:
            return None
        first = self.clauses[0]
        words = self.text[first.start : first.end].split()
        named = [m for m in self.mentions if first.start <= m.start < first.end]
        if len(named) != 1 or len(self.text[named[0].start : named[0].end].split()) < len(words):
            return None
        return named[0]

    def coordinated(self, mention: Mention) -> list[Mention]:
        """Names joined to ``mention`` by "and", "e", "und"...: "Huawei and ZTE"."""
        joined: list[Mention] = []
        ordered = sorted(self.mentions)
        for step in (1, -1):
            current = mention
            while True:
                position = ordered.index(current) + step
                if not 0 <= position < len(ordered):
                    break
                other = ordered[position]
                left, right = (current, other) if step == 1 else (other, current)
                between = self.text[left.end : right.start].strip(" ,")
                if not self._lexicon.conjunction.fullmatch(between):
                    break
                joined.append(other)
                current = other
        return [m for m in joined if m.id != mention.id]


def _skip_space(text: str, match: re.Match[str]) -> int:
    position = match.start()
    while position < match.end() and text[position].isspace():
        position += 1
    return position
