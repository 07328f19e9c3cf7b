"""The wire contract: every record that crosses a Kafka topic, as pydantic v2 models.

One module, one source of truth. The JSON Schemas in ``docs/schemas/`` are generated from
these classes (``claimwatch schemas``) and a test fails when they are stale.

Vocabulary: a *news topic* (``ev``, ``ipo``...) is what an article is about; a *Kafka topic*
(``claimwatch.alerts.ev``) is where records travel. Fields say which one they mean.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "Alert",
    "AlertType",
    "Article",
    "ArticleAnalysis",
    "Claim",
    "ClaimBatch",
    "DeadLetter",
    "Evidence",
    "TopicScore",
    "claim_key",
    "claim_position",
]

#: Largest article body we accept, in characters. Longer texts are truncated by connectors
#: and refused by the model (a poison record, sent to the dead-letter Kafka topic).
MAX_TEXT_CHARS = 200_000
MAX_TITLE_CHARS = 2_000


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class Article(_Record):
    """One news article as a connector saw it.

    Kafka topic ``<prefix>.articles``, key = ``article_id``.
    """

    article_id: str = Field(
        min_length=1,
        max_length=2_000,
        description="The feed entry's id/guid verbatim; else its link; else a hash of the text.",
    )
    title: str = Field(default="", max_length=MAX_TITLE_CHARS)
    text: str = Field(max_length=MAX_TEXT_CHARS, description="Plain text of the body.")
    url: str | None = Field(default=None, max_length=4_000, description="Link to the article.")
    published: datetime | None = Field(
        default=None, description="When the article was published (UTC); anchors relative times."
    )
    source: str | None = Field(
        default=None, max_length=4_000, description="The feed or folder the article came from."
    )
    lang_hint: str | None = Field(
        default=None, max_length=35, description="Language the feed declared, if any (not trusted)."
    )
    fetched_at: datetime | None = Field(default=None, description="When the connector read it.")

    _normalise_published = field_validator("published", "fetched_at")(_utc)


class Evidence(_Record):
    """A sentence that supports a claim, with where it came from."""

    article_id: str
    url: str | None = None
    lang: str
    sentence: str
    published: datetime | None = None

    _normalise_published = field_validator("published")(_utc)


def claim_key(entity: str, topic: str, kind: str, object_: str | None) -> str:
    """The ledger key of a claim: ``entity|news topic|kind|object`` (object may be empty)."""
    return "|".join((entity, topic, kind, object_ or ""))


class Claim(_Record):
    """A statement about a company found in one article.

    Travels in a :class:`ClaimBatch` on ``<prefix>.claims``, on the partition of :attr:`key`,
    so one claim's history lives on one partition and one ledger entry.
    """

    entity: str = Field(description="The watched company making the move.")
    topic: str = Field(description="News topic id, e.g. 'ev'.")
    kind: str = Field(description="Claim kind, e.g. 'first_car_target', 'listing'.")
    object: str | None = Field(
        default=None, description="What the claim is about: market, partner, venue, model..."
    )
    time: str | None = Field(
        default=None,
        description="TIMEX3-like value: YYYY, YYYY-H1, YYYY-Q3, YYYY-SU, YYYY-MM, YYYY-MM-DD, YYYY-Www, a decade YYY (199 = the 1990s), a duration P10Y.",
    )
    mod: str | None = Field(
        default=None, description="TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ON_OR_AFTER."
    )
    value: str | None = Field(
        default=None, description="A normalised quantity, e.g. 'USD 10000000000'."
    )
    hedged: bool = Field(default=False, description="Rumour or unconfirmed, sourced report.")
    status: str = Field(default="reported", description="'reported', 'confirmed' or 'denied'.")
    article_id: str
    evidence: Evidence

    @property
    def key(self) -> str:
        return claim_key(self.entity, self.topic, self.kind, self.object)


#: Most claims in one :class:`ClaimBatch`; also the stride of a claim's position in the claims
#: stream (Kafka offset × this + index in the batch).
MAX_CLAIMS_PER_BATCH = 1_000


def claim_position(offset: int, index: int) -> int:
    """Where a claim stands in the claims stream: its record's Kafka offset and its index in
    that record's batch, as one growing number (what the ledger compares)."""
    return offset * MAX_CLAIMS_PER_BATCH + index


class ClaimBatch(_Record):
    """Claims bound for one partition of the claims Kafka topic, in the order they were found.

    Kafka topic ``<prefix>.claims``. The analyse agent groups the claims of the articles it
    took together by the partition their claim key hashes to; the record's key is its first
    claim's key, so it lands on that very partition. Every claim of one key thus stays on one
    partition, in publication order, at a fraction of the records one per claim would take.
    """

    claims: list[Claim] = Field(min_length=1, max_length=MAX_CLAIMS_PER_BATCH)


class AlertType(StrEnum):
    NEW_CLAIM = "new_claim"
    TIMELINE_CHANGED = "timeline_changed"
    VALUE_CHANGED = "value_changed"
    STATUS_CHANGED = "status_changed"


class Alert(_Record):
    """Something new about a claim.

    Kafka topics ``<prefix>.alerts`` and ``<prefix>.alerts.<news topic>``.
    """

    alert_id: str = Field(
        description="Deterministic: the same alert for the same input always has this id."
    )
    type: AlertType
    entity: str
    topic: str = Field(description="News topic id.")
    kind: str
    object: str | None = None
    time: str | None = None
    mod: str | None = None
    previous_time: str | None = None
    previous_mod: str | None = None
    refinement: bool | None = Field(
        default=None, description="timeline_changed only: the new time lies inside the old one."
    )
    value: str | None = None
    previous_value: str | None = None
    status: str | None = None
    previous_status: str | None = None
    hedged: bool = False
    article_id: str = Field(description="The article that triggered the alert (feed id verbatim).")
    evidence: list[Evidence] = Field(
        description="Evidence sentences; for a change, the previous evidence first, then the new."
    )
    created_at: datetime

    _normalise_created = field_validator("created_at")(_utc)

    @property
    def claim_key(self) -> str:
        return claim_key(self.entity, self.topic, self.kind, self.object)

    @staticmethod
    def make_id(*parts: str | None) -> str:
        """Derive an alert id from what makes the alert (never from a clock or a counter)."""
        digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode()).hexdigest()
        return digest[:24]


class TopicScore(_Record):
    """An article's score for one news topic, with the words that earned it."""

    topic: str
    score: float
    matched: list[str] = Field(default_factory=list)


class ArticleAnalysis(_Record):
    """What the analysis made of one article (``backtest --articles-out`` writes these)."""

    article_id: str
    lang: str
    topics: list[TopicScore]
    entities: list[str]
    claims: list[Claim]
    duplicate_of: str | None = Field(
        default=None,
        description=(
            "Id of the earliest remembered article this one nearly repeats (a copy on another"
            " site, a light edit): SimHash of the text as the analysis reads it, page furniture"
            " left out. Set by the backtest, which reads in stream order; the Kafka pipeline"
            " does not publish analyses."
        ),
    )


class DeadLetter(_Record):
    """A record that could not be processed. Kafka topic ``<prefix>.deadletter``."""

    source_topic: str = Field(description="Kafka topic the record came from.")
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    error: str = Field(description="Why it was refused, one line.")
    payload: str = Field(description="The original value: UTF-8 text, or base64 when not UTF-8.")
    payload_encoding: str = Field(default="utf-8", description="'utf-8' or 'base64'.")
    payload_truncated: bool = False
    failed_at: datetime
