"""Per-language analysis data, loaded lazily (once per language) and compiled.

Languages are the folders of ``data/`` that hold a ``lexicon.yaml``: adding a language is adding
a folder. Each file is validated when first used; a broken file raises
:class:`~streams.analysis.datafiles.ConfigError` naming the file and the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from streams.analysis.anchors import (
    AnchoredPattern,
    AnchoredTable,
    AnyPattern,
    Prefixes,
    find_anchors,
    required_texts,
)
from streams.analysis.datafiles import ConfigError, load_yaml_model
from streams.analysis.patterns import AliasTable, anchored, compile_patterns
from streams.analysis.schema import (
    EntitiesFile,
    EntitySpec,
    KindsFile,
    KindSpec,
    LexiconFile,
    ObjectAliases,
    ObjectsFile,
    TopicSpec,
)
from streams.analysis.topics import TopicMatcher
from streams.analysis.values import AmountFinder

__all__ = [
    "DATA_DIR",
    "ClaimPatterns",
    "Cues",
    "Lexicon",
    "default_entities",
    "kinds",
    "languages",
    "lexicon",
    "objects",
]

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class ClaimPatterns:
    """What one claim kind's triggers need besides matching, in one language."""

    requires: re.Pattern[str] | None
    requires_scope: str
    excludes: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Cues:
    """Words that change what a sentence says, each kind as one pattern with its anchors, so a
    sentence whose document holds none of a cue's words is not searched for it."""

    hedge: AnchoredPattern
    modal: AnchoredPattern
    official: AnchoredPattern
    confirm: AnchoredPattern
    deny: AnchoredPattern
    context: AnchoredPattern
    context_break: AnchoredPattern
    negation: AnchoredPattern
    not_implied: AnchoredPattern
    reporting: AnchoredPattern
    outside: AnchoredPattern
    origin: AnchoredPattern

    @property
    def prefixes(self) -> list[Prefixes]:
        """The word tables of the cues that have anchors, for a shared lookup."""
        cues = (getattr(self, f.name) for f in fields(self))
        return [cue.prefixes for cue in cues if cue.anchors is not None]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's data, compiled."""

    lang: str
    stopwords: frozenset[str]
    abbreviations: frozenset[str]
    nouns_capitalised: bool
    topic_specs: Mapping[str, TopicSpec]
    topics: TopicMatcher
    claims: Mapping[str, ClaimPatterns]
    triggers: AnchoredTable[str]  # claim kind → its trigger patterns
    cues: Cues
    references: re.Pattern[str]
    partner_slot: re.Pattern[str]
    relative: re.Pattern[str]
    conjunction: re.Pattern[str]
    markets: AliasTable
    venues: AliasTable
    venue_cities: AliasTable
    authorities: AliasTable
    amounts: AmountFinder
    boilerplate: AnyPattern
    tail: AnyPattern


@cache
def languages() -> tuple[str, ...]:
    """The languages with a lexicon, e.g. ``("de", "en", "es", "fr", "it")``."""
    return tuple(sorted(p.parent.name for p in DATA_DIR.glob("*/lexicon.yaml")))


@cache
def kinds() -> Mapping[str, KindSpec]:
    """Every claim kind (``data/kinds.yaml``)."""
    path = DATA_DIR / "kinds.yaml"
    table = load_yaml_model(path, KindsFile).root
    for name, spec in table.items():
        unknown = [k for k in spec.supersedes if k not in table]
        if unknown:
            raise ConfigError(path, f"{name}.supersedes", f"unknown kind {unknown[0]!r}")
    return table


@cache
def default_entities() -> tuple[EntitySpec, ...]:
    """The companies watched when no watch config names any (``data/entities.yaml``)."""
    return tuple(load_yaml_model(DATA_DIR / "entities.yaml", EntitiesFile).entities)


@cache
def objects() -> ObjectsFile:
    """Language-neutral object aliases (``data/objects.yaml``)."""
    return load_yaml_model(DATA_DIR / "objects.yaml", ObjectsFile)


def _merge(*tables: ObjectAliases) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for table in tables:
        for id_, aliases in table.items():
            merged.setdefault(id_, []).extend(aliases)
    return merged


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang``; KeyError when there is none."""
    if lang not in languages():
        raise KeyError(f"no lexicon for language {lang!r}")
    path = DATA_DIR / lang / "lexicon.yaml"
    raw = load_yaml_model(path, LexiconFile)
    known = kinds()
    for kind in raw.claims:
        if kind not in known:
            raise ConfigError(path, f"claims.{kind}", "unknown claim kind (not in kinds.yaml)")

    def patterns(items: Sequence[str], field: str) -> re.Pattern[str]:
        return compile_patterns(items, file=path, field=field)

    def any_of(items: Sequence[str], field: str) -> AnyPattern:
        return AnyPattern(
            [
                (required_texts(p, re.IGNORECASE), patterns([p], f"{field}.{i}"))
                for i, p in enumerate(items)
            ]
        )

    claims = {
        kind: ClaimPatterns(
            requires=patterns(spec.requires, f"claims.{kind}.requires") if spec.requires else None,
            requires_scope=spec.requires_scope,
            excludes=patterns(spec.excludes, f"claims.{kind}.excludes") if spec.excludes else None,
        )
        for kind, spec in raw.claims.items()
    }

    def cue(items: Sequence[str], field: str) -> AnchoredPattern:
        regex = patterns(items, field)
        return AnchoredPattern(regex, find_anchors(regex.pattern, regex.flags))

    cues = Cues(**{f.name: cue(getattr(raw.cues, f.name), f"cues.{f.name}") for f in fields(Cues)})
    neutral = objects()
    stopwords = frozenset(w.casefold() for w in raw.stopwords)
    slots = "|".join(f"(?:{p})" for p in raw.partner_slots)
    patterns(raw.partner_slots, "partner_slots")
    return Lexicon(
        lang=lang,
        stopwords=stopwords,
        abbreviations=frozenset(raw.abbreviations),
        nouns_capitalised=raw.nouns_capitalised,
        topic_specs=raw.topics,
        topics=TopicMatcher(raw.topics),
        claims=claims,
        triggers=AnchoredTable(
            [
                (kind, anchored(p, file=path, field=f"claims.{kind}.triggers.{i}"))
                for kind, spec in raw.claims.items()
                for i, p in enumerate(spec.triggers)
            ]
        ),
        cues=cues,
        references=patterns(raw.references, "references"),
        # A partner slot: "with", then up to four words, then the partner's name.
        partner_slot=re.compile(rf"(?<!\w)(?:{slots})(?!\w)(?:\s+\S+){{0,4}}?\s*$", re.IGNORECASE),
        relative=patterns(raw.relative_markers, "relative_markers"),
        conjunction=patterns(raw.conjunctions, "conjunctions"),
        markets=AliasTable(_merge(neutral.markets, raw.objects.markets)),
        venues=AliasTable(_merge(neutral.venues, raw.objects.venues)),
        venue_cities=AliasTable(raw.objects.venue_cities),
        authorities=AliasTable(_merge(neutral.authorities, raw.objects.authorities)),
        amounts=AmountFinder(raw.amounts, neutral.currencies),
        boilerplate=any_of(raw.boilerplate.lines, "boilerplate.lines"),
        tail=any_of(raw.boilerplate.tail, "boilerplate.tail"),
    )
