"""Kafka plumbing the benchmark phases share: a Kafka topic, a producer, an alert watcher."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from streams.bench.stats import AlertTally, BenchError
from streams.kafka_topics import KafkaTopics
from streams.messages import decode, encode
from streams.records import Alert, Article
from streams.settings import Settings

__all__ = [
    "AlertArrival",
    "AlertWatcher",
    "assign_from_start",
    "create_topic",
    "new_producer",
    "send_all",
    "send_at_rate",
]


async def create_topic(settings: Settings, name: str, partitions: int = 1) -> None:
    """Create one Kafka topic (the benchmark's own, outside claimwatch's plan)."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.bootstrap_servers, **settings.kafka_client_options()
    )
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1)])
    finally:
        await admin.close()


def new_producer(settings: Settings, **options: Any) -> AIOKafkaProducer:
    """An aiokafka producer, ``acks=1`` like the worker's, with the client defaults unless
    ``options`` (aiokafka's keyword arguments, such as ``linger_ms``) say otherwise."""
    return AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        acks=1,
        **settings.kafka_client_options(),
        **options,
    )


async def assign_from_start(consumer: AIOKafkaConsumer, topic: str, timeout: float = 10.0) -> None:
    """Assign every partition of ``topic`` to a started consumer, from the first record."""
    deadline = time.monotonic() + timeout
    partitions = consumer.partitions_for_topic(topic)
    while not partitions:
        if time.monotonic() > deadline:
            raise BenchError(f"Kafka topic {topic} has no partitions after {timeout:.0f} s")
        await asyncio.sleep(0.1)
        await consumer.topics()  # refreshes the metadata
        partitions = consumer.partitions_for_topic(topic)
    assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
    consumer.assign(assigned)
    await consumer.seek_to_beginning(*assigned)


async def send_all(settings: Settings, articles: Sequence[Article]) -> float:
    """Send ``articles`` to the articles Kafka topic as fast as the producer takes them and wait
    for every acknowledgement; when the first was sent (``time.monotonic()``)."""
    producer = new_producer(settings)
    await producer.start()
    try:
        topic = KafkaTopics(settings.topic_prefix).articles
        started = time.monotonic()
        pending = [
            await producer.send(topic, key=a.article_id.encode(), value=encode(a)) for a in articles
        ]
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return started


async def send_at_rate(
    settings: Settings, articles: Sequence[Article], rate: float
) -> dict[str, float]:
    """Send ``articles`` at ``rate`` per second; when each was handed to the producer, by id."""
    producer = new_producer(settings)
    await producer.start()
    sent_at: dict[str, float] = {}
    try:
        topic = KafkaTopics(settings.topic_prefix).articles
        started = time.monotonic()
        for index, article in enumerate(articles):
            await asyncio.sleep(max(0.0, started + index / rate - time.monotonic()))
            sent_at[article.article_id] = time.monotonic()
            await producer.send(topic, key=article.article_id.encode(), value=encode(article))
        await producer.flush()
    finally:
        await producer.stop()
    return sent_at


@dataclass(frozen=True)
class AlertArrival:
    """One alert as the watcher saw it: which article caused it, and when it arrived."""

    alert_id: str
    article_id: str
    at: float  # time.monotonic()


class AlertWatcher:
    """Reads ``<prefix>.alerts`` from its first record and notes when each alert of ``articles``
    arrives (alerts of other articles, e.g. warm-up ones, are left out).

    An async context manager; :meth:`wait_for` waits for given alert ids.
    """

    def __init__(self, settings: Settings, articles: Iterable[Article]) -> None:
        self.settings = settings
        self._article_ids = {article.article_id for article in articles}
        self.arrivals: list[AlertArrival] = []
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=settings.bootstrap_servers,
            group_id=None,
            fetch_max_wait_ms=50,
            **settings.kafka_client_options(),
        )
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()

    async def __aenter__(self) -> AlertWatcher:
        await self._consumer.start()
        await assign_from_start(self._consumer, KafkaTopics(self.settings.topic_prefix).alerts)
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._consumer.stop()

    async def _run(self) -> None:
        while True:
            batch = await self._consumer.getmany(timeout_ms=200)
            now = time.monotonic()
            for records in batch.values():
                for record in records:
                    alert = decode(record.value, Alert)
                    if alert.article_id in self._article_ids:
                        self.arrivals.append(AlertArrival(alert.alert_id, alert.article_id, now))
            if batch:
                self._changed.set()

    def tally(self, expected: Collection[str]) -> AlertTally:
        """Which of the ``expected`` alert ids arrived, and what else did."""
        seen = {arrival.alert_id for arrival in self.arrivals}
        return AlertTally(
            expected=len(expected),
            arrived=len(seen & set(expected)),
            unexpected=len(seen - set(expected)),
            repeated=len(self.arrivals) - len(seen),
        )

    async def wait_for(self, expected: Collection[str], timeout: float) -> bool:
        """True once every ``expected`` alert id arrived; False after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while self.tally(expected).arrived < len(expected):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return True
