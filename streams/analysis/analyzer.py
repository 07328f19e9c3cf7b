"""Article → :class:`~streams.records.ArticleAnalysis`: language, news topics, companies, claims.

Stateless and deterministic: the same article always gives the same analysis, so the Faust
agent and the offline backtest agree. The one exception is asked for: given a
:class:`~streams.analysis.dedup.NearDuplicateIndex` (state its caller owns), the analysis says
which earlier article it nearly repeats.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from streams.analysis.anchors import SharedLookup, WordIndex
from streams.analysis.claims import Candidate, ClaimFinder
from streams.analysis.dedup import NearDuplicateIndex
from streams.analysis.entities import EntityCatalog, main_entity
from streams.analysis.language import OTHER, LanguageDetector
from streams.analysis.lexicon import Lexicon, kinds, languages, lexicon
from streams.analysis.patterns import Mention
from streams.analysis.schema import KindSpec, TopicByObject, TopicSpec
from streams.analysis.text import Document, split_document
from streams.analysis.timegrammar import prepare
from streams.analysis.timevalues import contains
from streams.analysis.topics import TopicMatcher
from streams.analysis.values import parse_value
from streams.analysis.watch import WatchConfig
from streams.records import Article, ArticleAnalysis, Claim, Evidence, TopicScore

__all__ = ["Analyzer", "news_topic_ids"]

#: Different words a news topic needs to count without a claim of that topic.
_MIN_TOPIC_WORDS = 2
#: Next to claims of other topics, words alone must reach this multiple of the threshold.
_STRONG_TOPIC = 2.0


def news_topic_ids(watch: WatchConfig | None = None) -> list[str]:
    """Every news topic an alert may carry: lexicon topics, claim kind topics, watch topics."""
    found: set[str] = set(watch.topics if watch else ())
    for lang in languages():
        found.update(lexicon(lang).topic_specs)
    for spec in kinds().values():
        found.update(_kind_topics(spec))
    return sorted(found)


def _kind_topics(spec: KindSpec) -> list[str]:
    if isinstance(spec.topic, TopicByObject):
        return [*spec.topic.by_object.values(), *spec.topic.from_context]
    return [spec.topic]


@dataclass(frozen=True)
class _Language:
    lexicon: Lexicon
    topics: TopicMatcher
    finder: ClaimFinder
    #: Company names, topic phrases and claim triggers: all read each article's words.
    lookup: SharedLookup


class Analyzer:
    """Analyses articles for the watched companies (the default list when ``watch`` is None)."""

    def __init__(self, watch: WatchConfig | None = None) -> None:
        self._watch = watch
        self._catalog = EntityCatalog.build(watch.entities if watch else ())
        self._detector = LanguageDetector(languages(), lambda lang: lexicon(lang).stopwords)
        self._languages: dict[str, _Language] = {}

    @property
    def news_topics(self) -> list[str]:
        """The news topics this analyzer can report (one Kafka alert topic each)."""
        return news_topic_ids(self._watch)

    def analyze(
        self, article: Article, duplicates: NearDuplicateIndex | None = None
    ) -> ArticleAnalysis:
        """The article's analysis; with ``duplicates``, also checked against (and then kept
        in) that index of earlier articles, on the words the analysis reads."""
        whole = f"{article.title}\n{article.text}"
        lang = self._detector.detect(whole)
        if lang == OTHER:
            named = self._catalog.find(whole)
            return ArticleAnalysis(
                article_id=article.article_id,
                lang=lang,
                topics=[],
                entities=self._watched_in_order(m.id for m in named),
                claims=[],
                duplicate_of=_duplicate_of(article, duplicates, lambda: WordIndex(whole).words),
            )
        language = self._language(lang)
        doc = split_document(article.title, article.text, language.lexicon)
        index = WordIndex(doc.text, language.lookup)
        mentions = _by_sentence(doc, self._catalog.find(doc.text, index))
        pairs = [
            (m, s.paragraph == 0) for s, ms in zip(doc.sentences, mentions, strict=True) for m in ms
        ]
        phrases = language.topics.phrases(doc.text, index)
        scores = phrases.scores()
        above = {t: s for t, s in scores.items() if s.score >= language.topics.thresholds[t]}
        main = main_entity(pairs, self._catalog.watched)
        candidates = (
            language.finder.find(
                doc,
                index,
                mentions,
                main=main,
                article_topics=frozenset(above),
                phrases=phrases,
                anchor=article.published.date() if article.published else None,
            )
            if main is not None  # no watched company named: nobody to make a claim
            else []
        )
        claims = [self._claim(article, lang, doc, group) for group in _merge(candidates, doc)]
        return ArticleAnalysis(
            article_id=article.article_id,
            lang=lang,
            topics=_topics(scores, language.topics, claims, candidates),
            entities=self._watched_in_order(m.id for m, _ in pairs),
            claims=claims,
            duplicate_of=_duplicate_of(article, duplicates, lambda: index.words),
        )

    def _language(self, lang: str) -> _Language:
        if lang not in self._languages:
            lex = lexicon(lang)
            specs = dict(lex.topic_specs)
            for topic, per_language in (self._watch.topics if self._watch else {}).items():
                extra = per_language.get(lang)
                if extra is None:
                    continue
                base = specs.get(topic)
                keywords = {**(base.keywords if base else {}), **extra.keywords}
                threshold = extra.threshold or (base.threshold if base else 3.0)
                specs[topic] = TopicSpec(threshold=threshold, keywords=keywords)
            finder = ClaimFinder(lex, self._catalog, kinds())
            prepare(lang)  # the time grammar, compiled now rather than at a later article
            topics = TopicMatcher(specs)
            tables = (self._catalog.names.prefixes, topics.prefixes, lex.triggers.prefixes)
            lookup = SharedLookup([*(t for t in tables if t is not None), *lex.cues.prefixes])
            self._languages[lang] = _Language(lex, topics, finder, lookup)
        return self._languages[lang]

    def _watched_in_order(self, names: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(n for n in names if n in self._catalog.watched))

    def _claim(self, article: Article, lang: str, doc: Document, merged: _Merged) -> Claim:
        base = merged.base
        evidence = Evidence(
            article_id=article.article_id,
            url=article.url,
            lang=lang,
            sentence=doc.sentences[merged.evidence].text,
            published=article.published,
        )
        return Claim(
            entity=base.entity,
            topic=base.topic,
            kind=base.kind,
            object=base.object,
            time=merged.time,
            mod=merged.mod,
            value=merged.value,
            hedged=merged.hedged,
            status=merged.status,
            article_id=article.article_id,
            evidence=evidence,
        )


def _duplicate_of(
    article: Article, duplicates: NearDuplicateIndex | None, words: Callable[[], list[str]]
) -> str | None:
    """The earlier article the index finds this one to repeat (None without an index)."""
    return None if duplicates is None else duplicates.check(article.article_id, words())


def _by_sentence(doc: Document, found: Sequence[Mention]) -> list[list[Mention]]:
    """Mentions in the document's text, as offsets in each sentence."""
    mentions: list[list[Mention]] = [[] for _ in doc.sentences]
    for mention in found:
        at = doc.locate(mention.start)
        start = doc.starts[at]
        if mention.end - start <= len(doc.sentences[at].text):
            mentions[at].append(Mention(mention.start - start, mention.end - start, mention.id))
    return mentions


@dataclass(frozen=True, slots=True)
class _Merged:
    """One claim of the article: its first mention, sharpened by the later ones."""

    base: Candidate
    time: str | None
    mod: str | None
    value: str | None
    hedged: bool
    status: str
    evidence: int  # index of the sentence quoted as evidence


def _merge(candidates: Sequence[Candidate], doc: Document) -> list[_Merged]:
    """One claim per claim key. Background mentions count only when nothing else does."""
    groups: dict[tuple[str, str, str, str | None], list[Candidate]] = {}
    for c in candidates:
        groups.setdefault((c.entity, c.topic, c.kind, c.object), []).append(c)
    return [_merge_group(group, doc) for group in groups.values()]


def _merge_group(group: list[Candidate], doc: Document) -> _Merged:
    live = [c for c in group if not c.context] or group
    base, later = live[0], live[1:]
    hedged = base.hedged or _sourced_in_lead(base, later, doc)
    timed: Candidate | None = None
    for c in live:
        if c.time is not None and (timed is None or _narrower(c, timed)):
            timed = c
    status = base.status
    if status == "reported":
        status = next((c.status for c in later if c.status != "reported"), "reported")
    return _Merged(
        base=base,
        time=timed.time if timed else None,
        mod=timed.mod if timed else None,
        value=_value(live),
        hedged=hedged and not any(c.official or c.status == "confirmed" for c in later),
        status=status,
        evidence=(timed or base).sentence,
    )


def _sourced_in_lead(base: Candidate, later: Sequence[Candidate], doc: Document) -> bool:
    """Whether a title's claim is the lead's rumour: a headline drops the "according to
    sources" that the lead's first mention of the claim carries."""
    if doc.sentences[base.sentence].paragraph != 0 or not later:
        return False
    first = later[0]
    return first.hedged and doc.sentences[first.sentence].paragraph == doc.lead


def _value(mentions: Sequence[Candidate]) -> str | None:
    """The first amount stated, with its currency if another mention gives the same amount
    with one ("8.000 millones" in the title, "8.000 millones de dólares" in the lead)."""
    values = [c.value for c in mentions if c.value is not None]
    if not values or " " in values[0]:
        return values[0] if values else None
    first = parse_value(values[0])
    return next(
        (v for v in values if " " in v and first and parse_value(v) == (v.split()[0], first[1])),
        values[0],
    )


def _narrower(candidate: Candidate, than: Candidate) -> bool:
    """Whether ``candidate``'s time lies strictly inside ``than``'s ("2024-H1" in "2024")."""
    assert candidate.time is not None and than.time is not None
    new, old = (candidate.time, candidate.mod), (than.time, than.mod)
    return new != old and contains(old, new) and not contains(new, old)


def _topics(
    scores: Mapping[str, TopicScore],
    matcher: TopicMatcher,
    claims: Sequence[Claim],
    candidates: Sequence[Candidate],
) -> list[TopicScore]:
    """Every claim's topic (with the claim's trigger words), plus topics the words alone earn:
    at least two different words reaching the threshold, or a strong score next to claims of
    other topics (a carmaker's listing is not also an EV story for one mention of its cars)."""
    bar = _STRONG_TOPIC if claims else 1.0
    result = {
        topic: score
        for topic, score in scores.items()
        if score.score >= bar * matcher.thresholds[topic]
        and len(set(score.matched)) >= _MIN_TOPIC_WORDS
    }
    for claim in claims:
        if claim.topic in result:
            continue
        words = scores[claim.topic].matched if claim.topic in scores else []
        words = [*words, *(c.trigger.lower() for c in candidates if c.topic == claim.topic)]
        score = scores[claim.topic].score if claim.topic in scores else 0.0
        result[claim.topic] = TopicScore(
            topic=claim.topic,
            score=max(score, matcher.thresholds.get(claim.topic, 1.0)),
            matched=list(dict.fromkeys(words)),
        )
    return sorted(result.values(), key=lambda t: (-t.score, t.topic))
