"""Kafka topic names, and their explicit creation at start-up.

Every Kafka topic is created here, with its partition count, before anything produces: a Kafka
topic auto-created by a producer gets the broker's default partition count, which breaks the
Faust table of the claim ledger (PartitionsMismatch).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, KafkaError
from aiokafka.partitioner import DefaultPartitioner

from streams.settings import Settings

__all__ = ["KafkaTopics", "TopicSetupError", "claims_partition", "ensure_topics"]

log = logging.getLogger(__name__)

_TOPIC_EXISTS = 36


class TopicSetupError(RuntimeError):
    """Kafka topics could not be created or do not have the partitions claimwatch needs."""


@lru_cache(maxsize=65_536)
def claims_partition(claim_key: str, partitions: int) -> int:
    """The partition of the claims Kafka topic (and of the ledger) that ``claim_key`` hashes
    to: the one the producer's default partitioner picks for that key (murmur2, as Kafka's
    Java client)."""
    partition: int = DefaultPartitioner()(claim_key.encode(), list(range(partitions)), [])
    return partition


@dataclass(frozen=True)
class KafkaTopics:
    """Names of claimwatch's Kafka topics for one prefix (default ``claimwatch``)."""

    prefix: str

    @property
    def articles(self) -> str:
        """Article records from connectors, key = article id."""
        return f"{self.prefix}.articles"

    @property
    def claims(self) -> str:
        """Claim batches, each on the partition of its claims' key (entity|news topic|kind|object)."""
        return f"{self.prefix}.claims"

    @property
    def alerts(self) -> str:
        """Every alert."""
        return f"{self.prefix}.alerts"

    def alerts_for(self, news_topic: str) -> str:
        """The alerts of one news topic only, e.g. ``claimwatch.alerts.ev``."""
        return f"{self.prefix}.alerts.{news_topic}"

    @property
    def deadletter(self) -> str:
        """Records that could not be processed, with the error and the original payload."""
        return f"{self.prefix}.deadletter"

    def plan(self, settings: Settings, news_topics: Iterable[str]) -> dict[str, int]:
        """Every Kafka topic claimwatch uses, with its partition count."""
        plan = {
            self.articles: settings.articles_partitions,
            self.claims: settings.claims_partitions,
            self.alerts: settings.claims_partitions,
            self.deadletter: 1,
        }
        for news_topic in sorted(set(news_topics)):
            plan[self.alerts_for(news_topic)] = settings.claims_partitions
        return plan


async def ensure_topics(
    settings: Settings,
    news_topics: Iterable[str],
    *,
    deadline_s: float = 60.0,
) -> dict[str, int]:
    """Create claimwatch's Kafka topics (those that exist are checked, not changed).

    Retries with backoff while the broker is unreachable, up to ``deadline_s``. Raises
    :class:`TopicSetupError` when a Kafka topic exists with a partition count the ledger cannot use.
    """
    plan = KafkaTopics(settings.topic_prefix).plan(settings, news_topics)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + deadline_s
    delay = 0.2
    while True:
        try:
            return await _create(settings, plan)
        except (KafkaConnectionError, OSError, KafkaError) as exc:
            if loop.time() + delay > deadline:
                raise TopicSetupError(
                    f"broker {settings.bootstrap_servers} unreachable for {deadline_s:.0f} s: {exc}"
                ) from exc
            log.warning(
                "broker %s not reachable (%s); retrying in %.1f s",
                settings.bootstrap_servers,
                type(exc).__name__,
                delay,
            )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0) * random.uniform(0.8, 1.2)


async def _create(settings: Settings, plan: dict[str, int]) -> dict[str, int]:
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.bootstrap_servers,
        request_timeout_ms=10_000,
        **settings.kafka_client_options(),
    )
    await admin.start()
    try:
        response = await admin.create_topics(
            [
                NewTopic(name, partitions, settings.replication_factor)
                for name, partitions in plan.items()
            ]
        )
        for name, code, message in (t[:3] for t in response.topic_errors):
            if code not in (0, _TOPIC_EXISTS):
                raise TopicSetupError(f"cannot create Kafka topic {name!r}: {message} ({code})")
        described = await admin.describe_topics(list(plan))
    finally:
        await admin.close()
    actual = {t["topic"]: len(t["partitions"]) for t in described}
    claims = KafkaTopics(settings.topic_prefix).claims
    if actual.get(claims, plan[claims]) != plan[claims]:
        raise TopicSetupError(
            f"Kafka topic {claims!r} has {actual[claims]} partitions but "
            f"CLAIMWATCH_CLAIMS_PARTITIONS={plan[claims]}: the claim ledger needs them equal"
        )
    return actual
