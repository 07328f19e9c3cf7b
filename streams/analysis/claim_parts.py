"""The parts of one claim, read around its trigger: the company making the move (and its
partner), what the claim is about, by when, how much, whether it is hedged, and its status.

:class:`Reading` reads one document for :class:`~streams.analysis.claims.ClaimFinder`, trigger by
trigger; each trigger gives the :class:`Candidate` claims its sentence makes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import NamedTuple

from streams.analysis.anchors import WordIndex
from streams.analysis.entities import EntityCatalog
from streams.analysis.lexicon import Lexicon
from streams.analysis.partners import UnknownNames, is_institution
from streams.analysis.patterns import AliasTable, Mention
from streams.analysis.schema import KindSpec
from streams.analysis.sentence import SentenceView, distance, nearest
from streams.analysis.text import Document, Sentence
from streams.analysis.timevalues import interval
from streams.analysis.timex import TimeMention
from streams.analysis.topics import Phrases

__all__ = ["LOOK_BACK", "Candidate", "Reading", "Trigger", "sole_watched"]

_ViewFactory = Callable[[int], SentenceView]
#: What may stand between "outside" and the place it excludes: an article at most.
_SHORT_GAP = re.compile(r"\s*(?:\w{1,4}\s+)?")
#: How many sentences back, in the same paragraph, a company may still be the subject.
LOOK_BACK = 2
#: A reference this few words before a name describes it ("the ad company Taboola").
_APPOSITION_WORDS = 5
#: A day or a week: a time too precise to be borrowed from another sentence.
_DAY = re.compile(r"\d{4}-(?:\d{2}-\d{2}|W\d{2})")
#: A time over before publication that began more than this many days before it is history.
_HISTORY_DAYS = 60


@dataclass(frozen=True, slots=True)
class Candidate:
    """A claim as one sentence states it, before the article's mentions are merged."""

    kind: str
    topic: str
    entity: str
    object: str | None
    time: str | None
    mod: str | None
    value: str | None
    hedged: bool
    official: bool
    status: str
    context: bool  # stated as background ("at the time...")
    sentence: int
    trigger: str
    object_rank: int  # how directly the object was named: 0 in the sentence, by name


class _Found(NamedTuple):
    """A claim's object and how directly it was named: 0 by name in the sentence, then by a
    weaker name there ("New York" for its exchange), then in the paragraph, title, article."""

    id: str | None
    rank: int


@dataclass(frozen=True, slots=True)
class Trigger:
    """Where a claim kind's trigger matched: its sentence, and its offsets in that sentence."""

    kind: str
    sentence: int
    start: int
    end: int
    text: str


class Reading:
    """One pass of the finder over one document."""

    def __init__(
        self,
        lexicon: Lexicon,
        catalog: EntityCatalog,
        kinds: Mapping[str, KindSpec],
        doc: Document,
        mentions: Sequence[list[Mention]],
        view: _ViewFactory,
        main: str | None,
        article_topics: frozenset[str],
        phrases: Phrases,
        anchor: date | None,
        index: WordIndex,
    ) -> None:
        self.lexicon = lexicon
        self.catalog = catalog
        self.kinds = kinds
        self.doc = doc
        self.mentions = mentions
        self.view = view
        self.main = main
        self.article_topics = article_topics
        self.phrases = phrases
        self.anchor = anchor
        self.anchor_year = f"{anchor.year:04d}" if anchor else None
        self.sole = sole_watched(mentions, catalog.watched)
        self.unknown_names = UnknownNames(lexicon, doc.text, catalog)
        self.index = index
        #: The news topics each sentence, each paragraph names (asked of a few).
        self._sentence_topics: dict[int, set[str]] = {}
        self._paragraph_topics: dict[int, set[str]] = {}
        #: Kinds of the admissible triggers of each sentence (filled by the finder).
        self.kinds_at: dict[int, set[str]] = {}

    @cached_property
    def title_hedged(self) -> bool:
        """Whether a hedge governs the title (asked only of claims in the lead)."""
        sentences = self.doc.sentences
        return any(
            self.view(i).hedged_at(len(s.text)) for i, s in enumerate(sentences) if s.paragraph == 0
        )

    def admissible(self, trigger: Trigger) -> bool:
        """Whether the words the trigger's kind requires are around it (in its sentence or
        paragraph) and none it excludes is in its clause ("a merger agreement")."""
        view = self.view(trigger.sentence)
        patterns = self.lexicon.claims[trigger.kind]
        if patterns.requires is not None:
            sentence = self.doc.sentences[trigger.sentence]
            scope = view.text if patterns.requires_scope == "sentence" else self._scope(sentence)
            if not patterns.requires.search(scope):
                return False
        if patterns.excludes is not None:
            clause = view.clause_at(trigger.start)
            if patterns.excludes.search(view.text, clause.start, clause.end):
                return False
        return True

    def candidates(self, trigger: Trigger, rivals: Sequence[Trigger] = ()) -> list[Candidate]:
        """The claims an admissible ``trigger`` makes; ``rivals`` are the sentence's admissible
        triggers of other kinds, which keep the times nearer to them ("orders in May,
        deliveries in June")."""
        spec = self.kinds[trigger.kind]
        sentence = self.doc.sentences[trigger.sentence]
        view = self.view(trigger.sentence)
        if view.negated(trigger.start) and view.status != "denied":
            return []
        if view.not_implied(trigger.start):
            return []  # "the denial does not mean that the group gives up the car"
        # Who and about what come first: a trigger that gives no claim for a watched company
        # (a market claim with no market, say) is not read for its time and amount.
        subject = self._subject(view, trigger)
        if subject is not None:
            parties = [subject.id, *(m.id for m in view.coordinated(subject))]
        else:
            fallback = self._fallback_subject(trigger.sentence, view)
            parties = [fallback] if fallback else []
        if not parties:
            return []
        pairs, object_rank = self._pairs(spec, trigger, view, parties)
        # A kind whose object is a year knows its claims once it has the time (below).
        claims = [] if spec.object == "year" else self._claimed(spec, pairs, trigger.sentence)
        if spec.object != "year" and not claims:
            return []
        when = self._when(view, trigger, rivals)
        if when is not None and self._history(when):
            return []  # a past event told as background: "founded a decade ago"
        context = view.in_context(trigger.start)
        time, mod = (None, None) if context else self._time(spec, view, trigger, when)
        if time is None and not context and sentence.paragraph == 0:
            time, mod = self._lead_time(spec)
        if time is None and not context and sentence.paragraph != 0:
            time, mod = self._following_time(spec, trigger, parties)
        if spec.object == "year":
            year = time[:4] if time else self.anchor_year  # "this year" left implicit
            claims = self._claimed(spec, [(entity, year) for entity, _ in pairs], trigger.sentence)
            time, mod = year, None
        value = None if context else self._value(spec, view, trigger)
        if value is None and not context and sentence.paragraph == 0:
            value = self._lead_value(spec)
        if (spec.time_required and time is None) or (spec.value_required and value is None):
            return []
        hedged = view.hedged_at(trigger.start) or (
            sentence.paragraph == self.doc.lead and self.title_hedged and not view.official
        )
        return [
            Candidate(
                kind=trigger.kind,
                topic=topic,
                entity=entity,
                object=object_,
                time=time,
                mod=mod,
                value=value,
                hedged=hedged,
                official=view.official,
                status=view.status,
                context=context,
                sentence=trigger.sentence,
                trigger=trigger.text,
                object_rank=object_rank,
            )
            for entity, object_, topic in claims
        ]

    def _claimed(
        self,
        spec: KindSpec,
        pairs: list[tuple[str, str | None]],
        sentence: int,
    ) -> list[tuple[str, str | None, str]]:
        """(company, object, news topic) of each pair that makes a claim: a watched company,
        its object named when the kind requires one, and a news topic found for it."""
        claimed = []
        for entity, object_ in pairs:
            if entity not in self.catalog.watched:
                continue
            if spec.object != "none" and spec.object_required and object_ is None:
                continue
            topic = self._topic(spec, object_, sentence)
            if topic is not None:
                claimed.append((entity, object_, topic))
        return claimed

    def _scope(self, sentence: Sentence) -> str:
        """The paragraph a requirement is looked for in; for the title, the lead too."""
        text = self.doc.paragraphs[sentence.paragraph]
        if sentence.paragraph == 0 and self.doc.lead is not None:
            return f"{text}\n{self.doc.paragraphs[self.doc.lead]}"
        return text

    def _history(self, time: TimeMention) -> bool:
        """Whether ``time`` lies wholly before publication and began long before it."""
        if self.anchor is None:
            return False
        span = interval(time.value, time.mod)
        return (
            span is not None
            and span[1] < self.anchor
            and (self.anchor - span[0]).days > _HISTORY_DAYS
        )

    def _subject(self, view: SentenceView, trigger: Trigger) -> Mention | None:
        """The named company making the move; None when the trigger's clause refers to one
        without naming it ("the company") before any name it holds."""
        before, after, earlier, later = view.subjects(trigger.start, trigger.end)
        clause = view.clause_at(trigger.start)
        references = self.lexicon.references
        if before:
            return before[0]
        if references.search(view.text, clause.start, trigger.start):
            return None
        if after:
            return after[0]
        if references.search(view.text, clause.start, clause.end):
            return None
        return next((group[0] for group in (earlier, later) if group), None)

    def _fallback_subject(self, index: int, view: SentenceView) -> str | None:
        """A company the sentence refers to without naming it: one named shortly before in the
        paragraph (the main company if named there, else the last named: "the latter"); else
        the main company for "the company", else the only watched company of the article."""
        paragraph = self.doc.sentences[index].paragraph
        for back in range(index - 1, max(index - 1 - LOOK_BACK, -1), -1):
            if self.doc.sentences[back].paragraph != paragraph:
                break
            named = [m.id for m in self.mentions[back] if m.id in self.catalog.watched]
            if named:
                return self.main if self.main in named else named[-1]
        if self.lexicon.references.search(view.text):
            return self.main
        return self.sole

    def _pairs(
        self,
        spec: KindSpec,
        trigger: Trigger,
        view: SentenceView,
        parties: list[str],
    ) -> tuple[list[tuple[str, str | None]], int]:
        """(company, object) pairs and the object's rank; a partnership between two watched
        companies gives both."""
        if spec.object != "partner":
            object_, rank = self._object(spec, view, trigger, parties)
            return [(entity, object_) for entity in dict.fromkeys(parties)], rank
        first = parties[0]
        partner = parties[1] if len(parties) > 1 else self._partner(view, trigger, first)
        if partner is None or partner == first:
            return [], 0
        pairs: list[tuple[str, str | None]] = [(first, partner)]
        if partner in self.catalog.watched:
            pairs.append((partner, first))
        return pairs, 0

    def _partner(self, view: SentenceView, trigger: Trigger, first: str) -> str | None:
        """The other party: a name in a partner slot, else another name in the trigger's clause
        or after it, else an unknown one; never a name in a relative clause the trigger is not
        in, nor one in an aside before it ("X, the maker whose largest shareholder is Y, will
        build a factory for..."), nor a university or another institution."""
        usable = [
            (i, m)
            for i, m in enumerate(view.mentions)
            if m.id != first and not view.in_other_relative_clause(m.start, trigger.start)
        ]
        slotted = [m for i, m in usable if i in view.slots]
        floor = view.clause_at(trigger.start).start
        for group in (slotted, [m for _, m in usable if m.start >= floor]):
            found = nearest(group, trigger.start, trigger.end)
            if found is not None:
                return found.id
        referred = self._referred_partner(view, trigger, first)
        if referred is not None:
            return referred
        name = self.unknown_names.nearest(view, trigger.start, trigger.end)
        return None if name is None or is_institution(name) else name

    def _referred_partner(self, view: SentenceView, trigger: Trigger, first: str) -> str | None:
        """The company a reference stands for when it is the other party ("the deal that the
        Chinese brand and Taboola announced"); a reference that a name follows closely is that
        name's description ("the content recommendation company Taboola")."""
        for match in self.lexicon.references.finditer(view.text):
            following = [m for m in view.mentions if m.start >= match.end()]
            if following:
                gap = view.text[match.end() : following[0].start]
                if len(gap.split()) <= _APPOSITION_WORDS and not self.lexicon.conjunction.search(
                    gap
                ):
                    continue
            company = self._fallback_subject(trigger.sentence, view)
            return company if company != first else None
        return None

    def _excluded(self, view: SentenceView, place: Mention, *, market: bool) -> bool:
        """Whether the place is named to be excluded ("outside China"), or, for a market, as
        where things come from ("kits from China")."""
        cues = [self.lexicon.cues.outside, *([self.lexicon.cues.origin] if market else [])]
        window = max(0, place.start - 25)
        for cue in cues:
            found = list(view.finditer(cue, window, place.start))
            if found and _SHORT_GAP.fullmatch(view.text, found[-1].end(), place.start):
                return True
        return False

    def _object(
        self, spec: KindSpec, view: SentenceView, trigger: Trigger, parties: list[str]
    ) -> _Found:
        lexicon = self.lexicon
        if spec.object == "model":
            return _Found(self._model(view, trigger, parties), 0)
        if spec.object == "market":
            markets = (lexicon.markets,)
            return self._place(markets, view, trigger, widen=False, from_clause=True)
        if spec.object == "venue":
            venues = (lexicon.venues, lexicon.venue_cities)
            return self._place(venues, view, trigger, widen=True)
        if spec.object == "authority":
            return self._place((lexicon.authorities, lexicon.markets), view, trigger, widen=True)
        return _Found(None, 0)

    def _model(self, view: SentenceView, trigger: Trigger, parties: list[str]) -> str | None:
        """The product of the parties nearest the trigger; else the first one named in the
        paragraph, else in the title ("Its sales start in 2026" after "Rivian unveils the R2").
        Another company's product is none of theirs ("rivals the Tesla Model 3")."""
        found = nearest(self._models(view.text, parties), trigger.start, trigger.end)
        if found is not None:
            return found.id
        for text in self._wider(trigger):
            models = self._models(text, parties)
            if models:
                return models[0].id
        return None

    def _models(self, text: str, parties: list[str]) -> list[Mention]:
        found = self.catalog.find_models(text)
        return [m for m in found if self.catalog.model_owner(text, m) in (None, *parties)]

    def _wider(self, trigger: Trigger) -> list[str]:
        """The trigger's paragraph, then the title."""
        paragraph = self.doc.sentences[trigger.sentence].paragraph
        wider = [self.doc.paragraphs[paragraph]]
        if paragraph != 0 and 0 in self.doc.paragraphs:
            wider.append(self.doc.paragraphs[0])
        return wider

    def _place(
        self,
        tables: Sequence[AliasTable],
        view: SentenceView,
        trigger: Trigger,
        *,
        widen: bool,
        from_clause: bool = False,
    ) -> _Found:
        """The nearest place (market, venue, authority) to the trigger, outside relative clauses
        it is not in, from the first table that has one; else, when ``widen``, the first in the
        paragraph, in the title, or the one the article names most. With ``from_clause``, a place
        in a clause before the trigger's does not count ("the car will reach the roads in
        2024", not the India of an aside before it)."""
        own = view.clause_at(trigger.start)
        for rank, table in enumerate(tables):
            places = [
                m
                for m in _outside(table.find(view.text, view.words), view.mentions)
                if not self._excluded(view, m, market=table is self.lexicon.markets)
                and not view.in_other_relative_clause(m.start, trigger.start)
                and (not from_clause or m.start >= own.start)
            ]
            found = nearest(places, trigger.start, trigger.end)
            if found is not None:
                return _Found(found.id, rank)
        if not widen:
            return _Found(None, 0)
        rank = len(tables)
        for text in self._wider(trigger):
            for table in tables:
                mentions = _outside(table.find(text), self.catalog.find(text))
                if mentions:
                    return _Found(mentions[0].id, rank)
            rank += 1
        for table in tables:
            names = self.catalog.find(self.doc.text, self.index)
            named = Counter(m.id for m in _outside(table.find(self.doc.text, self.index), names))
            if named:
                return _Found(named.most_common(1)[0][0], rank)
        return _Found(None, 0)

    def _when(
        self, view: SentenceView, trigger: Trigger, rivals: Sequence[Trigger]
    ) -> TimeMention | None:
        """The date nearest the trigger that no rival trigger is nearer to, outside background,
        outside relative clauses other than the one right after the trigger's clause, and not
        the day it was said on."""
        usable = [
            t
            for t in view.times()
            if t.kind == "date"
            and not view.in_context(t.start)
            and not view.said_at(t)
            and not view.about_reports(t.start, trigger.start)
            and (
                not view.in_other_relative_clause(t.start, trigger.start)
                or (view.in_attached_clause(t.start, trigger.start) and not self._history(t))
            )
            and not any(self._claims_time(view, r, trigger, t) for r in rivals)
        ]
        return nearest(usable, trigger.start, trigger.end)

    @staticmethod
    def _claims_time(
        view: SentenceView, rival: Trigger, trigger: Trigger, time: TimeMention
    ) -> bool:
        """Whether ``time`` belongs to ``rival`` rather than ``trigger``: it shares a clause
        with the rival only, or with both (or neither) and is nearer the rival."""
        clause = view.clause_at(time.start)
        mine, theirs = (
            view.clause_at(trigger.start) == clause,
            view.clause_at(rival.start) == clause,
        )
        if mine != theirs:
            return theirs
        return distance(time, rival.start, rival.end) < distance(time, trigger.start, trigger.end)

    def _time(
        self, spec: KindSpec, view: SentenceView, trigger: Trigger, when: TimeMention | None
    ) -> tuple[str | None, str | None]:
        if spec.time == "none" and spec.object != "year":
            return None, None
        if spec.time != "duration":
            return (when.value, when.mod) if when else (None, None)
        usable = [
            t
            for t in view.times()
            if t.kind == "duration"
            and not view.in_context(t.start)
            and not view.in_other_relative_clause(t.start, trigger.start)
        ]
        found = nearest(usable, trigger.start, trigger.end)
        return (found.value, found.mod) if found else (None, None)

    def _lead_time(self, spec: KindSpec) -> tuple[str | None, str | None]:
        """For a claim in the title: the date the lead's first sentence gives, if any."""
        if spec.time != "date" or self.doc.lead is None:
            return None, None
        first = next(i for i, s in enumerate(self.doc.sentences) if s.paragraph == self.doc.lead)
        view = self.view(first)
        dates = [
            t
            for t in view.times()
            if t.kind == "date"
            and not view.in_context(t.start)
            and not view.said_at(t)
            and not self._history(t)
        ]
        return (dates[0].value, dates[0].mod) if dates else (None, None)

    def _following_time(
        self, spec: KindSpec, trigger: Trigger, parties: Sequence[str]
    ) -> tuple[str | None, str | None]:
        """For a claim whose sentence gives no date: the first month, season or year the
        sentences after it give, in its paragraph and the next ("The plant will be built near
        Debrecen. The first cells are due in 2025."); a day there is another event's (a
        meeting, a statement). The claim's story ends at a sentence that names another company
        or makes a dated claim of another kind."""
        if spec.time != "date" or not spec.time_nearby:
            return None, None
        requires = self.lexicon.claims[trigger.kind].requires
        own = self.doc.sentences[trigger.sentence].paragraph
        for index in range(trigger.sentence + 1, len(self.doc.sentences)):
            sentence = self.doc.sentences[index]
            if sentence.paragraph > own + 1:
                break
            if any(m.id not in parties for m in self.mentions[index]) or any(
                kind != trigger.kind and self.kinds[kind].time == "date"
                for kind in self.kinds_at.get(index, ())
            ):
                break
            view = self.view(index)
            if (
                sentence.paragraph != own
                and requires is not None
                and not requires.search(view.text)
            ):
                continue  # in the next paragraph, only a sentence about this kind of event
            for t in view.times():
                if (
                    t.kind == "date"
                    and not _DAY.fullmatch(t.value)
                    and not view.in_context(t.start)
                    and not view.said_at(t)
                    and not self._history(t)
                ):
                    return t.value, t.mod
        return None, None

    def _lead_value(self, spec: KindSpec) -> str | None:
        """For a claim in the title: the first amount of its kind the lead states, outside
        background ("cuts its delivery target" over "now expects about 70,000 deliveries")."""
        if spec.value == "none" or self.doc.lead is None:
            return None
        for index, sentence in enumerate(self.doc.sentences):
            if sentence.paragraph != self.doc.lead:
                continue
            view = self.view(index)
            found = view.amounts(spec.value)
            usable = [
                a for a in found if a.amount >= spec.value_min and not view.in_context(a.start)
            ]
            if usable:
                return usable[0].value
        return None

    def _value(self, spec: KindSpec, view: SentenceView, trigger: Trigger) -> str | None:
        """The amount nearest the trigger, outside background, outside relative clauses the
        trigger is not in, and inside the trigger's clause when that one is relative."""
        if spec.value == "none":
            return None
        found = view.amounts(spec.value)
        clause = view.clause_at(trigger.start)
        usable = [
            a
            for a in found
            if a.amount >= spec.value_min
            and not view.in_context(a.start)
            and not view.in_other_relative_clause(a.start, trigger.start)
            and (not clause.relative or clause.start <= a.start < clause.end)
        ]
        best = nearest(usable, trigger.start, trigger.end)
        return best.value if best else None

    def _topic(self, spec: KindSpec, object_: str | None, sentence: int) -> str | None:
        if isinstance(spec.topic, str):
            return spec.topic
        if object_ is not None and object_ in spec.topic.by_object:
            return spec.topic.by_object[object_]
        paragraph = self.doc.sentences[sentence].paragraph
        # The sentence is looked at first, and the paragraph only if the sentence is not enough.
        for topic in spec.topic.from_context:
            if topic in self._topics_of_sentence(sentence):
                return topic
            if topic in self._topics_of_paragraph(paragraph):
                return topic
        return next((t for t in spec.topic.from_context if t in self.article_topics), None)

    def _topics_of_sentence(self, number: int) -> set[str]:
        """The news topics the sentence names: from the document's phrases, unless one crosses
        its edges."""
        found = self._sentence_topics.get(number)
        if found is None:
            start = self.doc.starts[number]
            found = self.phrases.topics(start, start + len(self.doc.sentences[number].text))
            if found is None:
                view = self.view(number)
                found = self.lexicon.topics.mentioned(view.text, view.words)
            self._sentence_topics[number] = found
        return found

    def _topics_of_paragraph(self, number: int) -> set[str]:
        """The news topics the paragraph names: from the document's phrases when the document
        holds all of its sentences (a repeated one is left out) and no phrase crosses its
        edges."""
        found = self._paragraph_topics.get(number)
        if found is None:
            doc, text = self.doc, self.doc.paragraphs[number]
            held = [i for i, s in enumerate(doc.sentences) if s.paragraph == number]
            start, end = (
                doc.starts[held[0]],
                doc.starts[held[-1]] + len(doc.sentences[held[-1]].text),
            )
            # The same words: the paragraph's text differs from the document's only in the white
            # space between sentences, which a phrase's words may span either way.
            if text.split() == doc.text[start:end].split():
                found = self.phrases.topics(start, end)
            if found is None:
                found = self.lexicon.topics.mentioned(text)
            self._paragraph_topics[number] = found
        return found


def sole_watched(mentions: Sequence[list[Mention]], watched: frozenset[str]) -> str | None:
    """The one watched company the sentences name, or None (none or several)."""
    named = {m.id for ms in mentions for m in ms if m.id in watched}
    return named.pop() if len(named) == 1 else None


def _outside(found: list[Mention], names: Sequence[Mention]) -> list[Mention]:
    """Mentions that are not part of a company's name ("China" in "China Mobile")."""
    return [m for m in found if not any(n.start <= m.start < n.end for n in names)]
