"""The shapes of the analysis data files, validated when a file is loaded.

- ``data/<lang>/lexicon.yaml``: :class:`LexiconFile`, one per language.
- ``data/kinds.yaml``: :class:`KindSpec` per claim kind (language-neutral).
- ``data/entities.yaml``: :class:`EntitiesFile`, the default watched companies.
- ``data/objects.yaml``: :class:`ObjectsFile`, language-neutral object aliases and currency signs.

Patterns are Python regular expressions matched case-insensitively between word boundaries;
phrases are literal text where a trailing ``*`` stands for any word ending.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

__all__ = [
    "AmountSpec",
    "BoilerplateSpec",
    "ClaimSpec",
    "CueSpec",
    "EntitiesFile",
    "EntitySpec",
    "KindSpec",
    "KindsFile",
    "LexiconFile",
    "ObjectAliases",
    "ObjectsFile",
    "TopicByObject",
    "TopicSpec",
]

Text = Annotated[str, Field(min_length=1)]
Weight = Annotated[float, Field(gt=0, le=100)]
#: Object id → its aliases, e.g. ``US: [United States, America]``.
ObjectAliases = dict[Text, list[Text]]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TopicSpec(_Spec):
    """A news topic's words in one language: phrase → weight; the score needed to count."""

    threshold: float = Field(default=3.0, gt=0)
    keywords: dict[Text, Weight] = Field(min_length=1)


class ClaimSpec(_Spec):
    """How one claim kind shows up in a language's sentences."""

    triggers: list[Text] = Field(min_length=1, description="Patterns; one must match.")
    requires: list[Text] = Field(
        default_factory=list, description="Patterns of which one must also match in the scope."
    )
    requires_scope: Literal["sentence", "paragraph"] = "sentence"
    excludes: list[Text] = Field(
        default_factory=list,
        description="Patterns that, in the trigger's clause, make it another matter: a merger "
        "is no partnership.",
    )


class CueSpec(_Spec):
    """Patterns that qualify a claim's sentence."""

    hedge: list[Text] = Field(description="Rumour or unconfirmed report: 'reportedly'.")
    modal: list[Text] = Field(
        default_factory=list,
        description="Hedges that govern only what follows them: 'may', 'could'.",
    )
    official: list[Text] = Field(
        default_factory=list,
        description="Attribution to the company itself; cancels a hedge: 'the company said'.",
    )
    confirm: list[Text]
    deny: list[Text]
    context: list[Text] = Field(description="An old timeline quoted as background.")
    context_break: list[Text] = Field(
        default_factory=list, description="Ends a context cue's reach: 'but now'."
    )
    negation: list[Text] = Field(description="A trigger right after one of these does not count.")
    not_implied: list[Text] = Field(
        default_factory=list,
        description="A negated verb of meaning: what follows it in the sentence, up to a context "
        "break, is not said to happen: 'this does not mean that'.",
    )
    reporting: list[Text] = Field(
        default_factory=list,
        description="Verbs of saying: a date right next to one is when it was said ('said on "
        "Monday'), not the claim's time. A pattern may look ahead at how the date after it "
        "opens, up to 20 characters: 'mentioned(?= in )'.",
    )
    outside: list[Text] = Field(
        default_factory=list, description="A place right after one of these is excluded: 'outside'."
    )
    origin: list[Text] = Field(
        default_factory=list,
        description="A market right after one of these is where goods come from: 'from'.",
    )


class AmountSpec(_Spec):
    """Money amounts and unit counts: number words, scales, currency words."""

    decimal_mark: Literal[".", ","]
    numbers: dict[Text, int] = Field(default_factory=dict)
    scales: dict[Text, float] = Field(min_length=1)
    currencies: ObjectAliases = Field(default_factory=dict)
    linkers: list[Text] = Field(
        default_factory=list, description="Words between a scale and a currency: 'di', 'de'."
    )
    units: list[Text] = Field(default_factory=list, description="'cars', 'vehicles', 'units'.")
    counted: list[Text] = Field(
        default_factory=list,
        description="Things a bare amount may count that are not money: 'shares', 'azioni'.",
    )


class BoilerplateSpec(_Spec):
    """Page furniture that is not the article."""

    lines: list[Text] = Field(description="A paragraph matching one of these is dropped.")
    tail: list[Text] = Field(
        description="A short paragraph matching one of these ends the article."
    )


class LexiconObjects(_Spec):
    markets: ObjectAliases = Field(default_factory=dict)
    venues: ObjectAliases = Field(default_factory=dict, description="Stock exchanges by name.")
    venue_cities: ObjectAliases = Field(
        default_factory=dict,
        description="Cities standing for their exchange ('New York'); a named exchange wins.",
    )
    authorities: ObjectAliases = Field(default_factory=dict)


class LexiconFile(_Spec):
    """One language's ``lexicon.yaml``."""

    stopwords: list[Text] = Field(min_length=10)
    abbreviations: list[Text] = Field(default_factory=list)
    nouns_capitalised: bool = Field(
        default=False, description="Common nouns are capitalised (German): names need more proof."
    )
    topics: dict[Text, TopicSpec]
    claims: dict[Text, ClaimSpec]
    cues: CueSpec
    references: list[Text] = Field(
        description="Short references to the article's main company: 'the company'."
    )
    partner_slots: list[Text] = Field(description="Words before a partner: 'with', 'mit'.")
    relative_markers: list[Text] = Field(description="Words opening a relative clause.")
    conjunctions: list[Text] = Field(description="Words joining two names: 'and'.")
    objects: LexiconObjects = Field(default_factory=LexiconObjects)
    amounts: AmountSpec
    boilerplate: BoilerplateSpec


class TopicByObject(_Spec):
    """A kind whose news topic depends on its object, else on the words around it."""

    by_object: dict[Text, Text] = Field(default_factory=dict)
    from_context: list[Text] = Field(
        default_factory=list,
        description="Otherwise the first of these topics whose words occur near the claim.",
    )


class KindSpec(_Spec):
    """One claim kind (``data/kinds.yaml``)."""

    topic: Text | TopicByObject
    object: Literal["none", "market", "partner", "venue", "model", "year", "authority"] = "none"
    object_required: bool = True
    time: Literal["none", "date", "duration"] = "none"
    time_required: bool = False
    time_nearby: bool = Field(
        default=False,
        description="A claim without a date of its own may take one from the sentences after it.",
    )
    value: Literal["none", "money", "units"] = "none"
    value_required: bool = False
    value_min: float = Field(
        default=0, ge=0, description="Smaller amounts are something else: a share price."
    )
    supersedes: list[Text] = Field(
        default_factory=list, description="Kinds dropped when this one matches the same sentence."
    )


KindsFile = RootModel[dict[Text, KindSpec]]


class EntitySpec(_Spec):
    """A watched company: canonical name and other spellings."""

    name: Text
    aliases: list[Text] = Field(default_factory=list)
    models: list[Text] = Field(default_factory=list, description="Product names, e.g. 'SU7'.")


class EntitiesFile(_Spec):
    entities: list[EntitySpec] = Field(min_length=1)


class ObjectsFile(_Spec):
    """Aliases that read the same in every language."""

    markets: ObjectAliases = Field(default_factory=dict)
    venues: ObjectAliases = Field(default_factory=dict)
    authorities: ObjectAliases = Field(default_factory=dict)
    currencies: ObjectAliases = Field(default_factory=dict)
    models: list[Text] = Field(
        default_factory=list, description="Patterns of model names: 'SU7', 'Model Y'."
    )
    institutions: list[Text] = Field(
        default_factory=list,
        description="Patterns of words that make a name no business: 'Universit\\w*'.",
    )
