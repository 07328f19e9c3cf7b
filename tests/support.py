"""Test helpers: read Kafka topics with a plain aiokafka consumer, wait for a worker."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from streams.messages import decode
from streams.records import Alert
from streams.settings import Settings

if TYPE_CHECKING:
    from streams.demo import WorkerProcess


async def read_topic(
    settings: Settings,
    topic: str,
    *,
    min_count: int = 0,
    timeout: float = 60.0,
    quiet: float = 2.0,
) -> list[bytes]:
    """Every value on ``topic`` from the beginning: waits for ``min_count`` values (up to
    ``timeout``), then until nothing new arrived for ``quiet`` seconds."""
    records = await read_records(settings, topic, min_count=min_count, timeout=timeout, quiet=quiet)
    return [r.value for r in records if r.value is not None]


async def read_records(
    settings: Settings,
    topic: str,
    *,
    min_count: int = 0,
    timeout: float = 60.0,
    quiet: float = 2.0,
) -> list[ConsumerRecord[bytes, bytes]]:
    """Every record on ``topic`` from the beginning, with its partition and key (see
    :func:`read_topic`)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.bootstrap_servers, group_id=None)
    await consumer.start()
    values: list[ConsumerRecord[bytes, bytes]] = []
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)
        deadline = time.monotonic() + timeout
        last_new = time.monotonic()
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            for records in batch.values():
                values.extend(records)
                last_new = time.monotonic()
            if len(values) >= min_count and time.monotonic() - last_new >= quiet:
                break
    finally:
        await consumer.stop()
    return values


async def read_alerts(settings: Settings, topic: str, **kwargs: float) -> list[Alert]:
    return [decode(v, Alert) for v in await read_topic(settings, topic, **kwargs)]  # type: ignore[arg-type]


async def wait_processed(
    worker: WorkerProcess, articles: int, timeout: float = 90.0
) -> dict[str, int]:
    """Wait until the worker counted ``articles`` articles (analysed or dead-lettered)."""
    deadline = time.monotonic() + timeout
    counters: dict[str, int] = {}
    while time.monotonic() < deadline:
        counters = await asyncio.to_thread(worker.counters)
        if counters.get("articles", 0) + counters.get("deadletters", 0) >= articles:
            return counters
        assert worker.process is not None and worker.process.poll() is None, "worker died"
        await asyncio.sleep(0.3)
    raise AssertionError(f"worker processed only {counters} of {articles} articles")
