"""A generated, seeded corpus of realistic 2–3 KB news articles in it, en, de, fr and es.

Each article reports one or two claims of a watched company; across the stream the claims are
new, repeated word for word in another language, or changed (a new timeline or a new amount),
and a few articles are reprints of earlier ones. The rest of the text is varied filler and site
boilerplate, so analysis cost is that of a real page. Same seed, same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from streams.bench import phrases as p
from streams.records import Article

__all__ = [
    "ENTITY",
    "MAX_BYTES",
    "MIN_BYTES",
    "WARMUP_ENTITY",
    "generate_articles",
    "warmup_articles",
]

#: Every article body is between these sizes, in UTF-8 bytes.
MIN_BYTES = 2_048
MAX_BYTES = 3_072

ENTITY = "Xiaomi"
#: The watched company of the warm-up articles: its claims never share a ledger key with ENTITY's.
WARMUP_ENTITY = "Tesla"
PARTNERS = ("The Trade Desk", "Great Wall Motor")
START = datetime(2023, 1, 2, 8, 0, tzinfo=UTC)

_TIMED_KINDS = ("first_car_target", "market_entry")
_VALUED_KINDS = ("investment", "listing")
_KINDS = (*_TIMED_KINDS, *_VALUED_KINDS, "partnership")
_SLOTS = {
    "first_car_target": 1,
    "investment": 1,
    "listing": len(p.VENUES["en"]),
    "market_entry": len(p.MARKETS["en"]),
    "partnership": len(PARTNERS),
}
_REPEAT_SHARE = 0.4
_HEDGED_SHARE = 0.25
_REPRINT_SHARE = 0.04
_TWO_CLAIMS_SHARE = 0.3


@dataclass(frozen=True)
class _When:
    """A time a claim names: a year, or a part of it (``index`` counts from 0)."""

    grain: str  # year, half, quarter, month, end
    year: int
    index: int = 0

    def render(self, lang: str) -> str:
        template = p.TIMES[lang][self.grain]
        if self.grain == "month":
            return template.format(year=self.year, month=p.MONTHS[lang][self.index])
        return template.format(year=self.year, ordinal=p.ORDINALS[lang][self.index])


@dataclass(frozen=True)
class _ClaimState:
    """What the stream last said about one claim."""

    kind: str
    slot: int
    when: _When | None = None
    billions: int | None = None

    def sentence(self, lang: str, entity: str, hedge: str | None) -> str:
        names = {"listing": p.VENUES[lang], "market_entry": p.MARKETS[lang]}
        thing = names.get(self.kind, PARTNERS)[self.slot]
        text = p.CLAIMS[lang][self.kind].format(
            entity=entity,
            time=self.when.render(lang) if self.when else "",
            value=p.VALUES[lang].format(billions=self.billions),
            venue=thing,
            market=thing,
            partner=thing,
        )
        return f"{text[:-1]}, {hedge}." if hedge else text


def _random_when(rng: random.Random) -> _When:
    grain = rng.choice(("year", "half", "quarter", "month", "end"))
    limit = {"half": 2, "quarter": 4, "month": 12}.get(grain, 1)
    return _When(grain, rng.randint(2024, 2031), rng.randrange(limit))


def _next_state(
    rng: random.Random, known: dict[tuple[str, int], _ClaimState], taken: _ClaimState | None = None
) -> _ClaimState:
    """A claim for the next article (other than ``taken``): new, repeated as it stands, or changed."""
    while True:
        kind = rng.choice(_KINDS)
        slot = rng.randrange(_SLOTS[kind])
        if taken is None or (kind, slot) != (taken.kind, taken.slot):
            break
    previous = known.get((kind, slot))
    if previous is not None and rng.random() < _REPEAT_SHARE:
        return previous
    base = previous or _ClaimState(kind, slot)
    if kind in _TIMED_KINDS:
        state = replace(base, when=_random_when(rng))
    elif kind in _VALUED_KINDS:
        state = replace(base, billions=rng.randint(2, 30))
    else:
        state = base
    known[(kind, slot)] = state
    return state


class _Writer:
    """Fills one article in one language with filler sentences, never the same one twice."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        self.rng = rng
        self.lang = lang
        self.facts = rng.sample(p.FILLERS[lang], len(p.FILLERS[lang]))
        self.clauses = rng.sample(p.SPEECH_CLAUSES[lang], len(p.SPEECH_CLAUSES[lang]))

    def sentence(self) -> str | None:
        """A filler sentence; None when every one was used."""
        rng, lang = self.rng, self.lang
        if self.clauses and (not self.facts or rng.random() < 0.5):
            speaker = rng.choice(p.SPEAKERS[lang]).format(city=rng.choice(p.CITIES))
            verb = rng.choice(p.SPEECH_VERBS[lang])
            return f"{speaker} {verb} {self.clauses.pop()}."
        if self.facts:
            return self.facts.pop().format(
                pct=rng.randint(2, 12),
                num=rng.randint(2, 180),
                city=rng.choice(p.CITIES),
                day=rng.choice(p.DAYS[lang]),
                product=rng.choice(p.PRODUCTS),
                year=rng.randint(2015, 2022),
            )
        return None

    def body(self, lead: list[str]) -> str:
        """Lead sentences, filler paragraphs up to a random size, boilerplate around them."""
        rng, furniture = self.rng, p.BOILERPLATE[self.lang]
        head = [furniture[2]] if rng.random() < 0.3 else []
        tail = [furniture[0], *rng.sample(furniture[3:], rng.randint(0, 2))]
        if rng.random() < 0.5:
            tail.insert(1, furniture[1])
        target = rng.randint(MIN_BYTES + 100, MAX_BYTES - 150)
        paragraphs: list[list[str]] = [lead]

        def size(extra: str = "") -> int:
            parts = [*head, *(" ".join(s) for s in paragraphs), *tail]
            return len("\n\n".join(parts).encode()) + len(extra.encode()) + 2

        while size() < target:
            sentence = self.sentence()
            if sentence is None or size(sentence) > MAX_BYTES:
                break
            if len(paragraphs[-1]) >= rng.randint(2, 4):
                paragraphs.append([])
            paragraphs[-1].append(sentence)
        return "\n\n".join([*head, *(" ".join(s) for s in paragraphs), *tail])


def _article(index: int, id_prefix: str, lang: str, title: str, text: str) -> Article:
    article_id = f"{id_prefix}-{index:06d}"
    return Article(
        article_id=article_id,
        title=title,
        text=text,
        url=f"https://bench.example/{lang}/{article_id}",
        published=START + timedelta(minutes=37 * index),
        source=p.SOURCES[lang],
        lang_hint=lang,
    )


def generate_articles(
    count: int, *, seed: int = 2024, id_prefix: str = "bench", entity: str = ENTITY
) -> list[Article]:
    """``count`` articles about ``entity`` in stream order, languages in turn; the same for the
    same seed."""
    rng = random.Random(seed)
    known: dict[tuple[str, int], _ClaimState] = {}
    articles: list[Article] = []
    for index in range(count):
        lang = p.LANGUAGES[index % len(p.LANGUAGES)]
        if articles and rng.random() < _REPRINT_SHARE:
            original = rng.choice(articles)
            reprint = _article(index, id_prefix, lang, original.title, original.text)
            articles.append(reprint.model_copy(update={"lang_hint": original.lang_hint}))
            continue
        states = [_next_state(rng, known)]
        if rng.random() < _TWO_CLAIMS_SHARE:
            states.append(_next_state(rng, known, taken=states[0]))
        hedged = rng.random() < _HEDGED_SHARE
        hedge = rng.choice(p.HEDGES[lang]) if hedged else None
        lead = [state.sentence(lang, entity, hedge) for state in states]
        title = rng.choice(p.TITLES[lang]).format(entity=entity)
        articles.append(_article(index, id_prefix, lang, title, _Writer(rng, lang).body(lead)))
    return articles


def warmup_articles(count: int = 60) -> list[Article]:
    """Articles about :data:`WARMUP_ENTITY`, languages in turn, to run before anything is timed:
    they load the analysis data, time grammars and patterns. The first five, one per language,
    are one-sentence briefs, the texts too short for function words to settle their language."""
    articles = generate_articles(count, seed=0, id_prefix="warmup", entity=WARMUP_ENTITY)
    briefs = [
        article.model_copy(update={"text": article.text.split(". ", 1)[0] + "."})
        for article in articles[: len(p.LANGUAGES)]
    ]
    return briefs + articles[len(p.LANGUAGES) :]
