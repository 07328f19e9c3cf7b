"""Claims in an article: its triggers, each read for company, object, time, value, hedging
and status (:mod:`streams.analysis.claim_parts`), then settled for the article as a whole."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from streams.analysis.anchors import WordIndex
from streams.analysis.claim_parts import LOOK_BACK, Candidate, Reading, Trigger, sole_watched
from streams.analysis.entities import EntityCatalog
from streams.analysis.lexicon import Lexicon
from streams.analysis.patterns import Mention
from streams.analysis.schema import KindSpec
from streams.analysis.sentence import SentenceView
from streams.analysis.text import Document
from streams.analysis.topics import Phrases

__all__ = ["Candidate", "ClaimFinder"]


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
        index: WordIndex,
        mentions: Sequence[list[Mention]],
        *,
        main: str | None,
        article_topics: frozenset[str],
        phrases: Phrases,
        anchor: date | None,
    ) -> list[Candidate]:
        """Every candidate claim of ``doc`` (``index``: the word index of its text;
        ``phrases``: the news topics' phrases in it), in sentence order."""
        views: dict[int, SentenceView] = {}

        def view(number: int) -> SentenceView:
            if number not in views:
                views[number] = SentenceView(
                    doc.sentences[number].text,
                    self._lexicon,
                    mentions[number],
                    anchor=anchor,
                    document=(index, doc.starts[number]),
                )
            return views[number]

        reading = Reading(
            self._lexicon,
            self._catalog,
            self._kinds,
            doc,
            mentions,
            view,
            main,
            article_topics,
            phrases,
            anchor,
            index,
        )
        found: list[Candidate] = []
        triggers = self._triggers(doc, index, self._claimable(doc, mentions, main))
        live = [t for t in triggers if reading.admissible(t)]
        for t in live:
            reading.kinds_at.setdefault(t.sentence, set()).add(t.kind)
        for trigger in live:
            rivals = _rivals(trigger, live, self._kinds)
            found.extend(reading.candidates(trigger, rivals))
        return _settle_venues(_drop_superseded(found, self._kinds), self._kinds)

    def _claimable(
        self, doc: Document, mentions: Sequence[list[Mention]], main: str | None
    ) -> Callable[[int], bool]:
        """Whether a sentence (by number) can name the party of a claim: it names a company or
        refers to one, or a sentence shortly before it in the paragraph names a watched one;
        every sentence can when the article names one watched company only. (Asked only of
        sentences with a trigger: most have none.)"""
        watched = self._catalog.watched
        if main is not None and sole_watched(mentions, watched) == main:
            return lambda _: True
        sentences, references = doc.sentences, self._lexicon.references

        def claimable(index: int) -> bool:
            paragraph = sentences[index].paragraph
            return bool(
                mentions[index]
                or references.search(sentences[index].text)
                or any(
                    sentences[j].paragraph == paragraph
                    and any(m.id in watched for m in mentions[j])
                    for j in range(max(0, index - LOOK_BACK), index)
                )
            )

        return claimable

    def _triggers(
        self, doc: Document, index: WordIndex, claimable: Callable[[int], bool]
    ) -> list[Trigger]:
        """Trigger matches in the sentences that can name a claim's party, in sentence
        order."""
        asked: dict[int, bool] = {}
        triggers = []
        for kind, match in self._lexicon.triggers.finditer(index):
            at = doc.locate(match.start())
            start, end = match.start() - doc.starts[at], match.end() - doc.starts[at]
            if end > len(doc.sentences[at].text):
                continue  # spans two sentences
            allowed = asked.get(at)
            if allowed is None:
                allowed = asked[at] = claimable(at)
            if allowed:
                triggers.append(Trigger(kind, at, start, end, match.group()))
        triggers.sort(key=lambda t: (t.sentence, t.start))
        return triggers


def _rivals(
    trigger: Trigger, triggers: Sequence[Trigger], kinds: Mapping[str, KindSpec]
) -> list[Trigger]:
    """Triggers of other kinds in the trigger's sentence, apart from kinds another one there
    supersedes and triggers overlapping this one."""
    same = [t for t in triggers if t.sentence == trigger.sentence]
    present = {t.kind for t in same}
    dropped = {k for kind in present for k in kinds[kind].supersedes}
    return [
        t
        for t in same
        if t.kind != trigger.kind
        and t.kind not in dropped
        and (t.end <= trigger.start or t.start >= trigger.end)
    ]


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


def _settle_venues(found: list[Candidate], kinds: Mapping[str, KindSpec]) -> list[Candidate]:
    """One listing per company and article unless several exchanges are named outright: a
    venue guessed from the paragraph or the article, or a city ("go public in New York"),
    gives way to the exchange named most directly for the company ("trade on the Nasdaq")."""
    best: dict[str, Candidate] = {}
    venues = [c for c in found if kinds[c.kind].object == "venue" and c.object is not None]
    for c in venues:
        if c.entity not in best or c.object_rank < best[c.entity].object_rank:
            best[c.entity] = c
    settled = []
    for c in found:
        top = best.get(c.entity)
        weaker = top is not None and (c.object is None or c.object_rank > top.object_rank)
        if top is not None and weaker and kinds[c.kind].object == "venue":
            c = replace(c, object=top.object, object_rank=top.object_rank)
        settled.append(c)
    return settled
