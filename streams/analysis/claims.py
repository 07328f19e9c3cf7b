"""Claims in an article: each trigger → company, object, time, value, hedging and status."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from streams.analysis.entities import EntityCatalog
from streams.analysis.lexicon import Lexicon
from streams.analysis.partners import UnknownNames
from streams.analysis.patterns import AliasTable, Mention, TextCheck
from streams.analysis.schema import KindSpec
from streams.analysis.sentence import SentenceView, nearest
from streams.analysis.text import Document

__all__ = ["Candidate", "ClaimFinder"]

_ViewFactory = Callable[[int], SentenceView]
#: What may stand between "outside" and the place it excludes: an article at most.
_SHORT_GAP = re.compile(r"\s*(?:\w{1,4}\s+)?")
#: How many sentences back, in the same paragraph, a company may still be the subject.
_LOOK_BACK = 2


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


@dataclass(frozen=True, slots=True)
class _Trigger:
    kind: str
    sentence: int
    start: int
    end: int
    text: str


class ClaimFinder:
    """Finds claim candidates in a document of one language."""

    def __init__(
        self, lexicon: Lexicon, catalog: EntityCatalog, kinds: Mapping[str, KindSpec]
    ) -> None:
        self._lexicon = lexicon
        self._catalog = catalog
        self._kinds = kinds

    def find(
        self,
        doc: Document,
        mentions: Sequence[list[Mention]],
        *,
        main: str | None,
        article_topics: frozenset[str],
        anchor: date | None,
    ) -> list[Candidate]:
        """Every candidate claim of ``doc``, in sentence order."""
        views: dict[int, SentenceView] = {}

        def view(index: int) -> SentenceView:
            if index not in views:
                text = doc.sentences[index].text
                views[index] = SentenceView(text, self._lexicon, mentions[index], anchor=anchor)
            return views[index]

        reading = _Reading(
            self._lexicon,
            self._catalog,
            self._kinds,
            doc,
            mentions,
            view,
            main,
            article_topics,
            anchor,
        )
        found: list[Candidate] = []
        for trigger in self._triggers(doc, self._claimable(doc, mentions)):
            found.extend(reading.candidates(trigger))
        return _drop_superseded(found, self._kinds)

    def _claimable(self, doc: Document, mentions: Sequence[list[Mention]]) -> list[int]:
        """Sentences that can name the party of a claim: they name a company or refer to one,
        or a sentence shortly before them in the paragraph names a watched one."""
        watched = self._catalog.watched
        keep = []
        for index, sentence in enumerate(doc.sentences):
            earlier = range(max(0, index - _LOOK_BACK), index)
            if (
                mentions[index]
                or self._lexicon.references.search(sentence.text)
                or any(
                    doc.sentences[j].paragraph == sentence.paragraph
                    and any(m.id in watched for m in mentions[j])
                    for j in earlier
                )
            ):
                keep.append(index)
        return keep

    def _triggers(self, doc: Document, sentences: list[int]) -> list[_Trigger]:
        """Trigger matches in the given sentences, in sentence order."""
        texts = [doc.sentences[i].text for i in sentences]
        starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        text = "\n".join(texts)
        holds = TextCheck(text)
        triggers = []
        for kind, patterns in self._lexicon.claims.items():
            for match in patterns.triggers.finditer(text, holds):
                at = bisect_right(starts, match.start()) - 1
                start, end = match.start() - starts[at], match.end() - starts[at]
                if end > len(texts[at]):
                    continue  # spans two sentences
                triggers.append(_Trigger(kind, sentences[at], start, end, match.group()))
        triggers.sort(key=lambda t: (t.sentence, t.start))
        return triggers


class _Reading:
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
        anchor: date | None,
    ) -> None:
        self.lexicon = lexicon
        self.catalog = catalog
        self.kinds = kinds
        self.doc = doc
        self.mentions = mentions
        self.view = view
        self.main = main
        self.article_topics = article_topics
        self.anchor_year = f"{anchor.year:04d}" if anchor else None
        self.unknown_names = UnknownNames(lexicon, doc.text)
        self.title_hedged = any(
            view(i).hedged_at(len(s.text)) for i, s in enumerate(doc.sentences) if s.paragraph == 0
        )

    def candidates(self, trigger: _Trigger) -> list[Candidate]:
        spec = self.kinds[trigger.kind]
        sentence = self.doc.sentences[trigger.sentence]
        view = self.view(trigger.sentence)
        paragraph = self.doc.paragraphs[sentence.paragraph]
        patterns = self.lexicon.claims[trigger.kind]
        if patterns.requires is not None:
            scope = view.text if patterns.requires_scope == "sentence" else paragraph
            if not patterns.requires.search(scope):
                return []
        if view.status != "denied" and view.negated(trigger.start):
            return []
        subject = self._subject(view, trigger)
        if subject is not None:
            parties = [subject.id, *(m.id for m in view.coordinated(subject))]
        else:
            fallback = self._fallback_subject(trigger.sentence, view)
            parties = [fallback] if fallback else []
        if not parties:
            return []
        pairs = self._pairs(spec, trigger, view, parties)
        context = view.in_context(trigger.start)
        time, mod = (None, None) if context else self._time(spec, view, trigger)
        if spec.object == "year":
            year = time[:4] if time else self.anchor_year  # "this year" left implicit
            pairs = [(entity, year) for entity, _ in pairs]
            time, mod = None, None
        value = None if context else self._value(spec, view, trigger)
        if (spec.time_required and time is None) or (spec.value_required and value is None):
            return []
        hedged = view.hedged_at(trigger.start) or (
            sentence.paragraph == self.doc.lead and self.title_hedged and not view.official
        )
        found = []
        for entity, object_ in pairs:
            if entity not in self.catalog.watched:
                continue
            if spec.object != "none" and spec.object_required and object_ is None:
                continue
            topic = self._topic(spec, object_, view.text, paragraph)
            if topic is None:
                continue
            found.append(
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
                )
            )
        return found

    def _subject(self, view: SentenceView, trigger: _Trigger) -> Mention | None:
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
        """A company the sentence refers to without naming it."""
        if self.lexicon.references.search(view.text):
            return self.main
        paragraph = self.doc.sentences[index].paragraph
        for back in range(index - 1, max(index - 1 - _LOOK_BACK, -1), -1):
            if self.doc.sentences[back].paragraph != paragraph:
                break
            named = [m.id for m in self.mentions[back] if m.id in self.catalog.watched]
            if named:
                return named[-1]
        return None

    def _pairs(
        self,
        spec: KindSpec,
        trigger: _Trigger,
        view: SentenceView,
        parties: list[str],
    ) -> list[tuple[str, str | None]]:
        """(company, object) pairs; a partnership between two watched companies gives both."""
        if spec.object != "partner":
            object_ = self._object(spec, view, trigger)
            return [(entity, object_) for entity in dict.fromkeys(parties)]
        first = parties[0]
        partner = parties[1] if len(parties) > 1 else self._partner(view, trigger, first)
        if partner is None or partner == first:
            return []
        pairs: list[tuple[str, str | None]] = [(first, partner)]
        if partner in self.catalog.watched:
            pairs.append((partner, first))
        return pairs

    def _partner(self, view: SentenceView, trigger: _Trigger, first: str) -> str | None:
        """The other party: a name in a partner slot, else any other name, else an unknown one."""
        others = [m for m in view.mentions if m.id != first]
        slotted = [m for i, m in enumerate(view.mentions) if i in view.slots and m.id != first]
        for group in (slotted, others):
            found = nearest(group, trigger.start, trigger.end)
            if found is not None:
                return found.id
        return self.unknown_names.nearest(view, trigger.start, trigger.end)

    def _excluded(self, view: SentenceView, place: Mention) -> bool:
        """Whether the place is named to be excluded: "outside China"."""
        window = max(0, place.start - 25)
        cues = list(self.lexicon.cues.outside.finditer(view.text, window, place.start))
        return (
            bool(cues) and _SHORT_GAP.fullmatch(view.text, cues[-1].end(), place.start) is not None
        )

    def _object(self, spec: KindSpec, view: SentenceView, trigger: _Trigger) -> str | None:
        lexicon = self.lexicon
        if spec.object == "model":
            found = nearest(self.catalog.find_models(view.text), trigger.start, trigger.end)
            return found.id if found else None
        if spec.object == "market":
            return self._place((lexicon.markets,), view, trigger, widen=False)
        if spec.object == "venue":
            return self._place((lexicon.venues,), view, trigger, widen=True)
        if spec.object == "authority":
            return self._place((lexicon.authorities, lexicon.markets), view, trigger, widen=True)
        return None

    def _place(
        self, tables: Sequence[AliasTable], view: SentenceView, trigger: _Trigger, *, widen: bool
    ) -> str | None:
        """The nearest place (market, venue, authority) to the trigger; else in the paragraph,
        else in the title, when ``widen``."""
        for table in tables:
            places = [
                m
                for m in _outside(table.find(view.text), view.mentions)
                if not self._excluded(view, m)
            ]
            found = nearest(places, trigger.start, trigger.end)
            if found is not None:
                return found.id
        if not widen:
            return None
        paragraph = self.doc.sentences[trigger.sentence].paragraph
        wider = [self.doc.paragraphs[paragraph]]
        if 0 in self.doc.paragraphs:
            wider.append(self.doc.paragraphs[0])
        for text in wider:
            for table in tables:
                mentions = _outside(table.find(text), self.catalog.find(text))
                if mentions:
                    return mentions[0].id
        return None

    def _time(
        self, spec: KindSpec, view: SentenceView, trigger: _Trigger
    ) -> tuple[str | None, str | None]:
        if spec.time == "none" and spec.object != "year":
            return None, None
        wanted = "duration" if spec.time == "duration" else "date"
        usable = [
            t
            for t in view.times()
            if t.kind == wanted
            and not view.in_context(t.start)
            and not view.in_other_relative_clause(t.start, trigger.start)
        ]
        found = nearest(usable, trigger.start, trigger.end)
        return (found.value, found.mod) if found else (None, None)

    def _value(self, spec: KindSpec, view: SentenceView, trigger: _Trigger) -> str | None:
        if spec.value == "none":
            return None
        amounts = self.lexicon.amounts
        found = amounts.money(view.text) if spec.value == "money" else amounts.units(view.text)
        usable = [a for a in found if not view.in_context(a.start)]
        best = nearest(usable, trigger.start, trigger.end)
        return best.value if best else None

    def _topic(
        self, spec: KindSpec, object_: str | None, sentence: str, paragraph: str
    ) -> str | None:
        if isinstance(spec.topic, str):
            return spec.topic
        if object_ is not None and object_ in spec.topic.by_object:
            return spec.topic.by_object[object_]
        matcher = self.lexicon.topics
        for topic in spec.topic.from_context:
            if matcher.mentions(topic, sentence) or matcher.mentions(topic, paragraph):
                return topic
        return next((t for t in spec.topic.from_context if t in self.article_topics), None)


def _outside(found: list[Mention], names: Sequence[Mention]) -> list[Mention]:
    """Mentions that are not part of a company's name ("China" in "China Mobile")."""
    return [m for m in found if not any(n.start <= m.start < n.end for n in names)]


def _drop_superseded(found: list[Candidate], kinds: Mapping[str, KindSpec]) -> list[Candidate]:
    """Drop a kind that another kind in the same sentence supersedes, and exact repeats."""
    present: dict[tuple[int, str], set[str]] = {}
    for c in found:
        present.setdefault((c.sentence, c.entity), set()).add(c.kind)
    kept: dict[tuple[object, ...], Candidate] = {}
    for c in found:
        rivals = present[(c.sentence, c.entity)]
        if any(c.kind in kinds[other].supersedes for other in rivals):
            continue
        kept.setdefault((c.sentence, c.entity, c.kind, c.object), c)
    return list(kept.values())
