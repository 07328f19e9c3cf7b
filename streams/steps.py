"""What the two agents do with the records they receive, between Kafka and the pure functions
of :mod:`streams.analysis`.

``analyse``: a batch of articles → each one's analysis → their claims grouped by the partition
their claim key hashes to, one :class:`ClaimBatch` record per partition.

``ledger``: one :class:`ClaimBatch` → :func:`ledger.decide` on each claim in order → the
alerts, delivered → each changed ledger entry, stored once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from faust.types import EventT
from faust.types.tuples import PendingMessage

from streams.analysis import Analyzer, LedgerEntry, decide
from streams.kafka_topics import claims_partition
from streams.ledger_table import LedgerTable
from streams.messages import decode, encode
from streams.records import (
    MAX_CLAIMS_PER_BATCH,
    Alert,
    Article,
    ArticleAnalysis,
    Claim,
    ClaimBatch,
    claim_position,
)

if TYPE_CHECKING:
    from streams.app import Pipeline

__all__ = ["DeliveryFailed", "analyse_articles", "group_claims", "record_claims"]


class DeliveryFailed(Exception):
    """Kafka did not take the alerts of a batch of claims."""


def group_claims(claims: Sequence[Claim], partitions: int) -> list[ClaimBatch]:
    """The claims as batches, one per partition of the claims Kafka topic (more when one
    would exceed :data:`MAX_CLAIMS_PER_BATCH`), each in the order of ``claims``."""
    by_partition: dict[int, list[Claim]] = {}
    for claim in claims:
        by_partition.setdefault(claims_partition(claim.key, partitions), []).append(claim)
    return [
        ClaimBatch(claims=group[start : start + MAX_CLAIMS_PER_BATCH])
        for _, group in sorted(by_partition.items())
        for start in range(0, len(group), MAX_CLAIMS_PER_BATCH)
    ]


async def analyse_articles(pipeline: Pipeline, events: Sequence[EventT[Any]]) -> None:
    """Analyse each article; send their claims as one record per claims partition."""
    claims: list[Claim] = []
    for event in events:
        analysis = await pipeline.attempt(
            event, "analysis", _analyse, pipeline.analyzer, event.value
        )
        if analysis is not None:
            pipeline.count("articles")
            claims.extend(analysis.claims)
    topic = pipeline.kafka_topics["claims"]
    for batch in group_claims(claims, pipeline.settings.claims_partitions):
        await topic.send(key=batch.claims[0].key.encode(), value=encode(batch))


def _analyse(analyzer: Analyzer, value: bytes | None) -> ArticleAnalysis:
    return analyzer.analyze(decode(value, Article))


async def record_claims(pipeline: Pipeline, event: EventT[Any]) -> None:
    """Decide the claims of one batch in order, deliver their alerts, then store each changed
    ledger entry once. Delivering first is what makes a redelivered claim safe to ignore (see
    :mod:`streams.analysis.ledger`). A batch that cannot be read or decided goes to the
    dead-letter Kafka topic whole, and changes nothing."""
    assert pipeline.ledger is not None
    decided = await pipeline.attempt(
        event, "ledger", _decide_batch, pipeline.ledger, event.value, event.message.offset
    )
    if decided is None:
        return
    changed, alerts = decided
    await deliver(pipeline, alerts)
    for key, entry in changed.items():
        pipeline.ledger.put(key, entry)


def _decide_batch(
    ledger: LedgerTable, value: bytes | None, offset: int
) -> tuple[dict[str, LedgerEntry], list[Alert]]:
    """The ledger entries a batch changes and the alerts it raises. A claim's position in the
    claims stream is :func:`claim_position` of its record's offset and its index."""
    batch = decode(value, ClaimBatch)
    changed: dict[str, LedgerEntry] = {}
    alerts: list[Alert] = []
    now = datetime.now(UTC)
    for index, claim in enumerate(batch.claims):
        entry = changed[claim.key] if claim.key in changed else ledger.get(claim.key)
        decision = decide(entry, claim, offset=claim_position(offset, index), now=now)
        if decision.entry is not entry:
            changed[claim.key] = decision.entry
        alerts.extend(decision.alerts)
    return changed, alerts


async def deliver(pipeline: Pipeline, alerts: Sequence[Alert]) -> None:
    """Send each alert to ``<prefix>.alerts`` and to its news topic's Kafka topic, and wait
    until Kafka has them all; :class:`DeliveryFailed` if it does not.

    The records go straight to the app's producer, all of them before the first wait, so that
    it can send them together. That took 13 % off the worker's CPU per article of the bench,
    against Faust's ``Topic.send``; letting the event loop run after each direct send brought
    most of it back (``docs/benchmarks.md``).
    """
    producer = await pipeline.app.maybe_start_producer()
    pending = []
    for alert in alerts:
        key, value = alert.claim_key.encode(), encode(alert)
        for topic in (pipeline.kafka_topics["alerts"], pipeline.alert_topic(alert.topic)):
            name = topic.get_topic_name()
            pending.append(await producer.send(name, key, value, None, None, None))
            # What Topic.send tells the app's sensors (the /metrics alert counter is one).
            message = PendingMessage(topic, key, value, None, None, None, None, None, None, name)
            pipeline.app.sensors.on_send_initiated(
                producer, name, message=message, keysize=len(key), valsize=len(value)
            )
        pipeline.count(f"alerts.{alert.type.value}")
    try:
        await asyncio.gather(*pending)
    except Exception as exc:
        raise DeliveryFailed(f"alerts not delivered: {exc!r}") from exc
