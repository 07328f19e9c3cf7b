"""Fill an :class:`AlertStore` from every partition of ``<prefix>.alerts``, from the beginning.

A plain consumer without a consumer group: each worker reads all alerts, whichever ledger
partitions it owns, so its page is complete.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from streams.kafka_topics import KafkaTopics
from streams.messages import PoisonMessage, decode
from streams.records import Alert
from streams.settings import Settings
from streams.web.store import AlertStore

__all__ = ["follow_alert_topic"]

log = logging.getLogger(__name__)


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    delay = 0.2
    while True:
        partitions = consumer.partitions_for_topic(topic)
        if partitions:
            return [TopicPartition(topic, p) for p in sorted(partitions)]
        await asyncio.sleep(delay)
        delay = min(delay * 2, 5.0)
        await consumer.force_metadata_update()


async def _read(settings: Settings, store: AlertStore) -> None:
    topic = KafkaTopics(settings.topic_prefix).alerts
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.bootstrap_servers,
        group_id=None,
        enable_auto_commit=False,
        client_id=f"claimwatch-web-{uuid.uuid4().hex[:8]}",
        **settings.kafka_client_options(),
    )
    await consumer.start()
    try:
        assigned = await _partitions(consumer, topic)
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)
        log.info("web: reading alerts from %s (%d partitions)", topic, len(assigned))
        while True:
            batch = await consumer.getmany(timeout_ms=1_000)
            for records in batch.values():
                for record in records:
                    try:
                        store.add(decode(record.value, Alert))
                    except PoisonMessage as exc:
                        log.warning(
                            "web: skipped unreadable alert at offset %s: %s", record.offset, exc
                        )
    finally:
        await consumer.stop()


async def follow_alert_topic(settings: Settings, store: AlertStore) -> None:
    """Add every alert to ``store`` until cancelled; reconnects with backoff when Kafka fails.

    After a reconnect the Kafka topic is read again from the beginning; the store drops the
    alerts it already has.
    """
    delay = 0.5
    while True:
        try:
            await _read(settings, store)
        except (KafkaError, OSError) as exc:
            log.warning("web: alert reader failed (%s); retrying in %.1f s", exc, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0) * random.uniform(0.8, 1.2)
